"""Training-time copies of a text that must keep its label: lower case, a one-letter typo.

Managers type on phones: no capitals, a letter dropped or two swapped. The model sees such a copy
of every training text once, so it learns not to lean on capitals or exact spellings. The choice
of word and position is a pure function of the text (crc32), so training stays reproducible.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence


def _rng(text: str, salt: str) -> random.Random:
    return random.Random(zlib.crc32(f"{salt}\x01{text}".encode()))


def lowercased(text: str) -> str | None:
    """The text in lower case, or None when it has no capitals."""
    low = text.lower()
    return low if low != text else None


def with_typo(text: str, salt: str = "augment-typo") -> str | None:
    """The text with one letter dropped or two neighbours swapped in one lower-case word of five
    letters or more; None when it has no such word. ``salt`` picks which word and letter (the
    metamorphic checks use another salt than training, so they test typos training did not see)."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha() and w.islower()]
    if not candidates:
        return None
    rng = _rng(text, salt)
    i = rng.choice(candidates)
    w = words[i]
    k = rng.randrange(1, len(w) - 1)
    words[i] = w[:k] + w[k + 1 :] if rng.random() < 0.5 else w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    return " ".join(words)


def augment(texts: Sequence[str], labels: Sequence[str]) -> tuple[list[str], list[str]]:
    """The texts plus their lower-case and typo copies, each with the original's label."""
    out_x, out_y = list(texts), list(labels)
    for t, y in zip(texts, labels):
        for copy in (lowercased(t), with_typo(t)):
            if copy:
                out_x.append(copy)
                out_y.append(y)
    return out_x, out_y


__all__ = ["augment", "lowercased", "with_typo"]
