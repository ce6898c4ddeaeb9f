"""How often each Russian letter follows another, over every word form the dictionary knows.

    python -m training.letter_pairs          # writes taskqual/resources/letter_pairs.tsv

A text typed in the wrong keyboard layout can hold a brand typed right («ghjdtcnb ltvj lkz Flowbase»):
decoded, «Flowbase» is «Адщцифыу», which no Russian word could be, while an unknown Russian name
(«Упакпром», «Hfccdtnf» = «Рассвета») reads like Russian. :mod:`taskqual.letter_pairs` tells the two
apart by the rarest letter pair of the decoded word. The counts come from pymorphy3's dictionary
(5 million forms, each counted once), not from any task text.
"""

from __future__ import annotations

import argparse
from collections import Counter
from itertools import pairwise
from pathlib import Path

from taskqual.letter_pairs import EDGE, LETTERS
from taskqual.morphology import analyzer

OUT = Path(__file__).resolve().parent.parent / "taskqual" / "resources" / "letter_pairs.tsv"


def count_pairs() -> Counter[str]:
    """Letter pair → how many times it occurs over the dictionary's word forms, ``EDGE`` at both ends of each."""
    counts: Counter[str] = Counter()
    for form in analyzer().dictionary.words.iterkeys():
        word = f"{EDGE}{form.replace('ё', 'е')}{EDGE}"
        counts.update(a + b for a, b in pairwise(word) if a in LETTERS and b in LETTERS)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    counts = count_pairs()
    with args.out.open("w", encoding="utf-8") as f:
        f.write(f"# letter pair\toccurrences over the word forms of pymorphy3's dictionary ({EDGE} = a word's edge)\n")
        f.writelines(f"{pair}\t{n}\n" for pair, n in sorted(counts.items()))
    print(f"{len(counts)} letter pairs → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
