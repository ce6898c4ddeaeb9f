"""Does a string of Cyrillic letters read like a Russian word? Judged by its rarest letter pair.

Decoding a wrong-layout text must leave the brands in it alone: «Flowbase» decodes to «Адщцифыу»,
whose pairs «дщ», «щц» and «фы» hardly occur in Russian, while an unknown Russian name such as
«Упакпром» is made of common pairs. The pair counts (``resources/letter_pairs.tsv``) are written by
``python -m training.letter_pairs`` from pymorphy3's dictionary.

>>> reads_as_russian("Рассвета"), reads_as_russian("Адщцифыу")
(True, False)
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise

EDGE = "^"
LETTERS = frozenset(EDGE + "-абвгдежзийклмнопрстуфхцчшщъыьэюя")
RAREST_RUSSIAN_PAIR = -8.0
"""The log-probability of a letter after another (pairs with ``EDGE`` included) below which a word
does not read as Russian: chosen on data/'s words, where it keeps 95% of the unknown Russian words
and sets aside three quarters of the Latin ones once decoded (the abbreviations «УПД», «ЧТПЗ» fall
below it; they are three or four letters and short words are not judged)."""


@cache
def _log_probs() -> dict[str, float]:
    counts: dict[str, int] = {}
    text = resources.files("taskqual").joinpath("resources/letter_pairs.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            pair, count = line.split("\t")
            counts[pair] = int(count)
    after: dict[str, int] = {}
    for pair, n in counts.items():
        after[pair[0]] = after.get(pair[0], 0) + n
    smooth = 0.5 * len(LETTERS)
    return {
        a + b: math.log((counts.get(a + b, 0) + 0.5) / (after.get(a, 0) + smooth)) for a in LETTERS for b in LETTERS
    }


@lru_cache(maxsize=8192)
def rarest_pair(word: str) -> float:
    """The lowest log-probability of a letter given the one before it, over ``word`` with its edges."""
    table = _log_probs()
    w = f"{EDGE}{word.lower().replace('ё', 'е')}{EDGE}"
    return min(table.get(a + b, -99.0) for a, b in pairwise(w))


def reads_as_russian(word: str) -> bool:
    """True when no letter pair of ``word`` is rarer in Russian than :data:`RAREST_RUSSIAN_PAIR`."""
    return rarest_pair(word) > RAREST_RUSSIAN_PAIR


__all__ = ["RAREST_RUSSIAN_PAIR", "rarest_pair", "reads_as_russian"]
