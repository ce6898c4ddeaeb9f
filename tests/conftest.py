"""Shared fixtures: heavy objects are built once per test session."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
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


@dataclass
class TeamModel:
    path: Path  # the .skops file `taskqual train` wrote
    team_file: Path
    output: str  # what the command printed


@pytest.fixture(scope="session")
def team_model(tmp_path_factory: pytest.TempPathFactory) -> TeamModel:
    """A model trained once per session by the installed `taskqual train` on the team file of
    tests/teamdata.py (the «ЗМР» shorthand) plus a 1,500-record sample of the shipped data."""
    from teamdata import write_team_csv

    exe = shutil.which("taskqual")
    if exe is None:
        pytest.skip("taskqual is not installed (pip install -e .)")
    folder = tmp_path_factory.mktemp("team")
    team_file = write_team_csv(folder / "team.csv")
    out = subprocess.run(
        [exe, "train", "--data", str(team_file), "-o", str(folder / "team.skops"), "--shipped-sample", "1500"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    return TeamModel(folder / "team.skops", team_file, out.stdout)
