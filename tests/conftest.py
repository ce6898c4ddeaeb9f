"""Shared fixtures: heavy objects are built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import taskqual
from taskqual.artifact import default_model_path, model_files

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def model() -> taskqual.Model:
    """The shipped model, loaded and verified once."""
    return taskqual.default_model()


@pytest.fixture(scope="session")
def small_classifier() -> taskqual.TaskClassifier:
    """A TaskClassifier fitted on a slice of the training data: quick to train, enough to test on."""
    from training.data import load_training

    records = load_training(with_generated=False)[::6]
    return taskqual.TaskClassifier().fit([r.text for r in records], [r.label for r in records])


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    """A copy of the shipped model's files that a test may damage; returns the .skops path."""
    for src in model_files(default_model_path()):
        shutil.copy(src, tmp_path / src.name)
    return tmp_path / default_model_path().name
