"""Golden cases (tests/golden.tsv): hand-picked texts whose label must never regress."""

from __future__ import annotations

from pathlib import Path

import pytest

import taskqual

GOLDEN = [
    tuple(line.split("\t"))
    for line in (Path(__file__).parent / "golden.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize("text, label", GOLDEN, ids=[t for t, _ in GOLDEN])
def test_golden(text, label):
    assert taskqual.classify(text).label == label
