"""Tokenisation with spaCy's rule-based Russian tokenizer (a blank ``ru`` pipeline, no model)."""

from __future__ import annotations

import threading

import spacy
from spacy.tokenizer import Tokenizer

_LOCK = threading.Lock()
_TOKENIZER: Tokenizer | None = None


def tokenizer() -> Tokenizer:
    """The process-wide spaCy tokenizer for Russian."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                _TOKENIZER = spacy.blank("ru").tokenizer
    return _TOKENIZER


def tokenize(text: str) -> list[str]:
    """Split a normalised text into token strings."""
    return [t.text for t in tokenizer()(text)]


__all__ = ["tokenize", "tokenizer"]
