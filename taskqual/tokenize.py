"""Tokenisation with spaCy's rule-based Russian tokenizer (a blank ``ru`` pipeline, no model).

spaCy splits each whitespace-separated chunk on its own (prefixes, suffixes, infixes, special
cases), so the tokens of a text are the tokens of its chunks. Task texts reuse the same chunks
endlessly, so the token strings of each chunk are cached: a hit skips building a spaCy ``Doc``,
which costs more than the splitting itself. A test pins chunk-wise tokenisation to whole-text
tokenisation.
"""

from __future__ import annotations

import re
import threading

import spacy
from spacy.tokenizer import Tokenizer

_LOCK = threading.Lock()
_TOKENIZER: Tokenizer | None = None
_CHUNKS: dict[str, tuple[str, ...]] = {}
_WORD_IN_PUNCT_RE = re.compile(r'([("#]?)([^\W\d_]+|\d+)([,;:!?)"]?)')

MAX_CACHED_CHUNKS = 50_000
MAX_LEXEMES = 100_000
"""spaCy adds every new token string to its vocabulary for good; on a stream of millions of
distinct numbers and names that grows without bound, so the tokenizer is rebuilt past this size."""


def tokenizer() -> Tokenizer:
    """The process-wide spaCy tokenizer for Russian."""
    global _TOKENIZER
    tok = _TOKENIZER
    if tok is None or len(tok.vocab) > MAX_LEXEMES:
        with _LOCK:
            if _TOKENIZER is None or len(_TOKENIZER.vocab) > MAX_LEXEMES:
                _TOKENIZER = spacy.blank("ru").tokenizer
            tok = _TOKENIZER
    return tok


def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    tokens = _CHUNKS.get(chunk)
    if tokens is None:
        tok = tokenizer()
        # Only letters, or only digits, and no special case: no prefix, suffix or infix rule of
        # spaCy's applies, so the chunk is one token (and spaCy's vocabulary need not grow by it).
        if chunk not in tok.rules:
            if chunk.isalpha() or chunk.isdecimal():
                return (chunk,)
            # «Петрову,», «(сделка», «#418», «"Вектор"»: one bracket, quote or sign around one word
            # or number is split off by spaCy's prefix and suffix rules alone (tests pin it).
            m = _WORD_IN_PUNCT_RE.fullmatch(chunk)
            if m and not {m[2], m[1] + m[2], m[2] + m[3]} & tok.rules.keys():  # «8)» is a smiley
                return tuple(part for part in m.groups() if part)
        tokens = tuple(t.text for t in tok(chunk))
        if len(_CHUNKS) >= MAX_CACHED_CHUNKS:
            _CHUNKS.clear()
        _CHUNKS[chunk] = tokens
    return tokens


def tokenize(text: str) -> list[str]:
    """Split a text into token strings, exactly as spaCy's Russian tokenizer does."""
    out: list[str] = []
    for chunk in text.split():
        out.extend(_chunk_tokens(chunk))
    return out


__all__ = ["tokenize", "tokenizer"]
