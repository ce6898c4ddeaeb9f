"""The task type a manager picks in the CRM («Звонок», «Встреча», «Письмо», or a custom one such as
«Отправить КП») is part of what the task says: the CRM shows it beside the text. taskqual judges
the two together, as the manager's head of sales reads them: «Звонок» + «ООО Ромашка» is a call
with no goal, not a bare company name.

>>> typed_text("ООО Ромашка", "Звонок")
'Звонок: ООО Ромашка'
>>> typed_text("", "Звонок")   # a type and no text: a call with nothing said about it
'Позвонить'
>>> typed_text("Звонок Ромашке по КП", "Звонок")  # the text already starts with the type
'Звонок Ромашке по КП'
"""

from __future__ import annotations

from taskqual.normalize import has_words

MAX_TYPE_LENGTH = 100
"""Longest task type accepted, in characters (CRM type names are a word or two)."""

# A type with no text is judged as the action it stands for (a bare noun reads as a status).
_ACTION_OF_TYPE = {"звонок": "Позвонить", "встреча": "Встретиться", "письмо": "Написать письмо"}


def typed_text(text: str, task_type: str) -> str:
    """The text the verdict is on: ``«{type}: {text}»``, or the type's action when the text is empty.

    Both arguments must already be strings (the caller checks the text's length).
    """
    kind = " ".join(task_type.split())
    if not has_words(text):
        return _ACTION_OF_TYPE.get(kind.lower(), kind)
    body = text.strip()
    if body.lower().startswith(kind.lower()):
        return body
    return f"{kind}: {body}"


def check_type(task_type: object) -> str | None:
    """The type if it says something, None if it is None or holds no words; else a documented error."""
    if task_type is None:
        return None
    if not isinstance(task_type, str):
        raise TypeError(f"task type must be str or None, got {type(task_type).__name__}")
    if len(task_type) > MAX_TYPE_LENGTH:
        raise ValueError(
            f"task type is {len(task_type)} characters long; at most {MAX_TYPE_LENGTH} are accepted "
            "(the name of the type the CRM shows, e.g. «Звонок»)"
        )
    return task_type if has_words(task_type) else None


__all__ = ["typed_text", "check_type", "MAX_TYPE_LENGTH"]
