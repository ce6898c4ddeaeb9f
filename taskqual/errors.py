"""Errors raised for input that is not a task and for models that must not be loaded."""

from __future__ import annotations

MAX_TEXT_LENGTH = 2000
"""Longest task text accepted, in characters. CRM task titles are far shorter; longer text is
usually a pasted e-mail or a whole description, which is not what the classifier was built for."""


INVALID_INPUT = "invalid_input"
"""The error code of a text refused for another reason (not a string, a task type that is not one)."""


class TaskqualError(Exception):
    """Base class of every error taskqual raises on purpose."""


class EmptyTaskError(TaskqualError, ValueError):
    """The text holds no words: it is empty, or only spaces, punctuation, emoji or digits."""

    code = "empty_text"


class TaskTooLongError(TaskqualError, ValueError):
    """The text is longer than :data:`MAX_TEXT_LENGTH` characters."""

    code = "text_too_long"


class ModelIntegrityError(TaskqualError, RuntimeError):
    """A model file is missing, corrupt, tampered with, or built for other library versions."""


def error_code(error: Exception) -> str:
    """The stable code of an error, for programs: ``empty_text``, ``text_too_long`` (also the HTTP service's
    codes for them), else ``invalid_input``.

    >>> error_code(EmptyTaskError("no words")), error_code(TypeError("task text must be str, got int"))
    ('empty_text', 'invalid_input')
    """
    code = getattr(error, "code", None) if isinstance(error, TaskqualError) else None
    return code if isinstance(code, str) else INVALID_INPUT
