"""Errors raised for input that is not a task and for models that must not be loaded."""

from __future__ import annotations

MAX_TEXT_LENGTH = 2000
"""Longest task text accepted, in characters. CRM task titles are far shorter; longer text is
usually a pasted e-mail or a whole description, which is not what the classifier was built for."""


class TaskqualError(Exception):
    """Base class of every error taskqual raises on purpose."""


class EmptyTaskError(TaskqualError, ValueError):
    """The text holds no words: it is empty, or only spaces, punctuation, emoji or digits."""


class TaskTooLongError(TaskqualError, ValueError):
    """The text is longer than :data:`MAX_TEXT_LENGTH` characters."""


class ModelIntegrityError(TaskqualError, RuntimeError):
    """A model file is missing, corrupt, tampered with, or built for other library versions."""
