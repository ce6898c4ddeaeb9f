"""Small batches (a single /v1/check) are scored with plain numpy, large ones with a scipy product:
the numbers must be the same, bit for bit."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

import taskqual
from taskqual.features import analyze

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "backlog.csv"


def test_numpy_and_sparse_logits_are_identical():
    compiled = taskqual.default_model().compiled
    with open(SAMPLE, encoding="cp1251", newline="") as f:
        texts = [row[1] for row in list(csv.reader(f, delimiter=";"))[1:400]]
    odd = ["", "ООО Ромашка", "позвонить позвонить позвонить", "!!!", "КП КП КП КП КП счёт счёт"]
    analyses = [analyze(t) for t in [*texts, *odd]]
    sparse = compiled.rows(analyses) @ compiled._weights + compiled._intercept
    assert np.array_equal(compiled._logits(analyses), sparse)
    for i in range(0, len(analyses), 7):
        assert np.array_equal(compiled._logits([analyses[i]])[0], sparse[i])
    assert compiled._logits([]).shape == (0, len(compiled.classes))
    for i, a in enumerate(analyses):  # the one-text path of a single /v1/check
        assert np.array_equal(compiled._logits_one(a), sparse[i]), a.char_text
