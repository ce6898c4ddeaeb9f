"""Verdict: what taskqual says about one task text."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from taskqual.labels import DEFAULT_REGISTRY

LABELS: tuple[str, ...] = DEFAULT_REGISTRY.ids()  # see taskqual.labels for names, colours and descriptions
MISSING_PARTS: tuple[str, ...] = ("action", "result", "deadline")


@dataclass(frozen=True, slots=True)
class Verdict:
    """The label of one task text, how sure the model is, what is missing and how to fix it.

    ``label`` and the other fields are None/empty only when ``error`` says why the text was not
    classified (classify_many keeps such rows instead of dropping them); ``error_code`` is then the
    stable code of that error for programs (``empty_text``, ``text_too_long``, ``invalid_input``: see
    :func:`taskqual.errors.error_code`), and None when there is a label.
    """

    label: str | None
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    hint: str = ""
    model_version: str = ""
    error: str | None = None
    company: str | None = None
    error_code: str | None = None

    @property
    def is_concrete(self) -> bool:
        """True when the task passes the review: a concrete client-facing action with a result."""
        return self.label == "concrete"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict, ``is_concrete`` included."""
        d = asdict(self)
        d["missing"] = list(self.missing)
        d["is_concrete"] = self.is_concrete
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


__all__ = ["Verdict", "LABELS", "MISSING_PARTS"]
