"""What the manager reads in the CRM: the verdict and the hint, in Russian, in one short note.

>>> from taskqual import classify
>>> note_text("ООО Ромашка", "Звонок", classify("ООО Ромашка", task_type="Звонок"))
'taskqual: задача «Звонок: ООО Ромашка» — размытая задача. Что должно измениться после звонка? Например: «ООО Ромашка — позвонить и получить ответ, актуален ли запрос».'
"""  # noqa: E501 - a doctest's expected output is one line

from __future__ import annotations

import hashlib

import taskqual
from taskqual.task_type import typed_text

LABEL_RU = {
    "concrete": "конкретное действие",
    "vague": "размытая задача",
    "company_only": "только название",
    "delegable": "можно делегировать",
}
QUOTE_LENGTH = 120


def shown_text(text: str, task_type: str | None) -> str:
    """The task as the manager sees it in the CRM: the type and the text together."""
    return typed_text(text, task_type) if task_type and text.strip() else (text.strip() or task_type or "")


def note_text(text: str, task_type: str | None, verdict: taskqual.Verdict) -> str:
    """The note (amoCRM) or comment (Bitrix24) for one judged task."""
    quote = " ".join(shown_text(text, task_type).split())
    if len(quote) > QUOTE_LENGTH:
        quote = quote[: QUOTE_LENGTH - 1] + "…"
    label = LABEL_RU.get(verdict.label or "", verdict.label or "")
    return f"taskqual: задача «{quote}» — {label}. {verdict.hint}"


def digest(*parts: str | None) -> str:
    """A short fingerprint of what was judged, to tell an unchanged task from a changed one."""
    return hashlib.blake2b("\x1f".join(p or "" for p in parts).encode("utf-8"), digest_size=8).hexdigest()


class Seen:
    """The last fingerprint judged per task, for the most recent ``size`` tasks of this worker."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._last: dict[tuple[str, str], str] = {}

    def last(self, task: tuple[str, str]) -> str | None:
        """The fingerprint ``task`` was last judged with, None if this worker has not seen it."""
        return self._last.get(task)

    def unchanged(self, task: tuple[str, str], fingerprint: str) -> bool:
        """True if ``task`` was last judged with this fingerprint."""
        return self._last.get(task) == fingerprint

    def remember(self, task: tuple[str, str], fingerprint: str) -> None:
        self._last.pop(task, None)
        self._last[task] = fingerprint  # re-inserted: dicts keep insertion order, the oldest go first
        if len(self._last) > self.size:
            del self._last[next(iter(self._last))]


__all__ = ["note_text", "shown_text", "digest", "Seen", "LABEL_RU"]
