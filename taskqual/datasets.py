"""The identity of labelled data: when two texts count as the same, and the hash that names a data set.

One definition for the shipped training data (``training.data``) and a team's own labels
(``taskqual.cli.teamtrain``), so a model's manifest names its data the same way whoever trained it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Protocol

_NON_WORD = re.compile(r"\W+")


class LabelledText(Protocol):
    """A labelled text and where it came from."""

    @property
    def text(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def source(self) -> str: ...


def dedup_key(text: str) -> str:
    """The form two texts share when they are 'the same' (case, ё/е, punctuation and spacing aside)."""
    return " ".join(_NON_WORD.sub(" ", text.lower().replace("ё", "е")).split())


def data_hash(records: Iterable[LabelledText]) -> str:
    """sha256 over (text, label, source) of every record, in order: the model's training-data id."""
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps([r.text, r.label, r.source], ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


__all__ = ["LabelledText", "data_hash", "dedup_key"]
