"""The task-word frequencies the typo corrector ranks its candidates by.

    python -m training.vocabulary            # writes taskqual/resources/task_words.tsv

A one-letter typo often lies one edit away from several dictionary words («скдику»: «скидку»,
«садику»; «селку»: «сделку», «белку», «мелку»…). Which one the manager meant is the one sales tasks
use: the count of each lemma over the training texts (data/, never the evaluation sets) decides.
Each lemma is written with its forms, so the library reads them rather than generating them. Only
lemmas the dictionary knows, of four letters or more, written in lower case at least MIN_COUNT
times, are kept.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from taskqual.features import noun_reading
from taskqual.morphology import analyzer, parse
from taskqual.normalize import normalize
from training.data import load_training

OUT = Path(__file__).resolve().parent.parent / "taskqual" / "resources" / "task_words.tsv"
MIN_COUNT = 3
_WORD_RE = re.compile(r"(?<![\w-])[а-яё]{4,}(?![\w-])")


def count_lemmas(texts: list[str]) -> Counter[str]:
    """Lemma → number of occurrences over ``texts``: words written in lower case (a capital marks a
    name more often than not) that the dictionary knows, read as the features read them («замер» is
    a measurement, not a form of «замереть»)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD_RE.findall(normalize(text)):
            form = word.replace("ё", "е")
            w = parse(form)
            if w.pos == "VERB" and "past" in w.tags:
                w = noun_reading(form) or w
            if w.known and len(w.lemma) >= 4:
                counts[w.lemma] += 1
    return counts


def forms_of(lemma: str) -> list[str]:
    """Every form of ``lemma`` as task texts spell it («планерка»: the dictionary has «планёрка»), from
    the parse whose lemma it is («замер»: the noun's forms, not those of «замереть»)."""
    parses = analyzer().parse(lemma)
    parses = [p for p in parses if p.normal_form.replace("ё", "е") == lemma][:1] or parses[:1]
    return sorted({f.word.replace("ё", "е") for p in parses for f in p.lexeme})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    counts = count_lemmas([r.text for r in load_training()])
    rows = sorted(((lemma, n) for lemma, n in counts.items() if n >= MIN_COUNT), key=lambda x: (-x[1], x[0]))
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# lemma\tcount over data/\tits forms, «ё» written «е» (python -m training.vocabulary)\n")
        f.writelines(f"{lemma}\t{n}\t{' '.join(forms_of(lemma))}\n" for lemma, n in rows)
    print(f"{len(rows)} lemmas → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
