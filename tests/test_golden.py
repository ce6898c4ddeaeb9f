"""Golden cases (tests/golden.tsv): hand-picked texts whose label must never regress."""

from __future__ import annotations

import pytest
from golden_cases import read_cases

import taskqual

GOLDEN = read_cases("golden.tsv")


@pytest.mark.parametrize("text, label", GOLDEN, ids=[t for t, _ in GOLDEN])
def test_golden(text, label):
    assert taskqual.classify(text).label == label
