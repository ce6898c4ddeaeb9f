"""The labelled company set (tests/data/companies.jsonl) and how an extractor is scored on it.

Each record holds a task text, the company a reader finds in it (``null`` when there is none) and
the voice it was written in. A prediction counts as right when it is the gold name, or the same
name as written in the text in another case («для Техносилы» for «Техносила»: the library leaves
a name it cannot put in the nominative with certainty as written). Anything else reported for a
text is a false positive; a gold name not reported is a miss.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SET_PATH = Path(__file__).resolve().parent / "data" / "companies.jsonl"


def load_set(path: Path = SET_PATH) -> list[dict]:
    """The records of the company set, in file order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _lemmas(name: str) -> list[frozenset[str]]:
    from taskqual.morphology import analyzer

    morph = analyzer()
    return [
        frozenset(p.normal_form for p in morph.parse(w.strip('«»"').lower().replace("ё", "е"))) for w in name.split()
    ]


def same_name(predicted: str, gold: str, text: str) -> bool:
    """True for the gold name, or for the gold name as written in the text in another case."""
    if predicted == gold:
        return True
    if predicted not in text.replace("ё", "е") and predicted not in text:
        return False
    a, b = _lemmas(predicted), _lemmas(gold)
    return len(a) == len(b) and all(x & y for x, y in zip(a, b))


@dataclass
class Score:
    """Precision, recall and cost of one extractor on the set."""

    n: int = 0
    gold: int = 0
    predicted: int = 0
    right: int = 0
    exact: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def us_per_text(self) -> float:
        return self.seconds / self.n * 1e6 if self.n else 0.0


def score(extract: Callable[[str], str | None], records: list[dict]) -> Score:
    """Run ``extract`` over every text and count right, wrong and missed companies."""
    s = Score(n=len(records))
    predictions = []
    t0 = time.perf_counter()
    for r in records:
        predictions.append(extract(r["text"]))
    s.seconds = time.perf_counter() - t0
    for r, p in zip(records, predictions):
        g = r["company"]
        s.gold += g is not None
        s.predicted += p is not None
        if p is not None and g is not None and same_name(p, g, r["text"]):
            s.right += 1
            s.exact += p == g
        elif p is not None or g is not None:
            s.errors.append((r["text"], g, p))
    return s
