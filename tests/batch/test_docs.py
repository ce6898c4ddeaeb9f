"""The docstring examples of the batch modules run as tests (testpaths covers only tests/)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["taskqual.batch.sniff", "taskqual.batch.columns", "taskqual.batch.report",
                                  "taskqual.frame"])
def test_docstring_examples(name, model):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
