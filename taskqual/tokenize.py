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


MAX_LEXEMES = 300_000
"""spaCy adds every new token string to its vocabulary for good; on a stream of millions of
distinct numbers and names that grows without bound, so the tokenizer is rebuilt past this size."""


def tokenize(text: str) -> list[str]:
    """Split a normalised text into token strings."""
    global _TOKENIZER
    tok = tokenizer()
    if len(tok.vocab) > MAX_LEXEMES:
        with _LOCK:
            _TOKENIZER = None
        tok = tokenizer()
    return [t.text for t in tok(text)]


__all__ = ["tokenize", "tokenizer"]
