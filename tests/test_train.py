"""``taskqual train``: the installed command on a team's file teaches the model the team's shorthand
and keeps what it knew; bad rows are named; the shipped data are read as training.train reads them."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from golden_cases import read_cases
from teamdata import BASICS, NEW_ZMR_TASKS, team_rows, write_team_csv

import taskqual
from taskqual.artifact import model_files
from taskqual.cli.teamtrain import shipped_rows
from taskqual.datasets import data_hash

EXE = shutil.which("taskqual")
pytestmark = pytest.mark.skipif(EXE is None, reason="taskqual is not installed (pip install -e .)")


def train(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "train", *args], capture_output=True, text=True, timeout=600)


def test_the_new_model_learns_the_teams_shorthand_and_keeps_the_basics(team_model):
    shipped = taskqual.default_model()
    new = taskqual.Model.load(team_model.path)  # the library's integrity checks, as for the shipped model
    assert new.version.startswith(taskqual.__version__.split("+")[0] + "+team.") and new.version != shipped.version
    # «ЗМР» tasks it never saw: the shipped model does not know the word, the team's model does.
    assert [v.label for v in shipped.classify_many(NEW_ZMR_TASKS)] != ["delegable"] * 3
    assert [v.label for v in new.classify_many(NEW_ZMR_TASKS)] == ["delegable"] * 3
    assert {text: new.classify(text).label for text in BASICS} == BASICS
    # The cases that must never regress: the shipped model gets all 48; trained on a sample of 1,500 shipped
    # records, the team's model gets 47 (with all the shipped data, 48).
    golden = read_cases("golden.tsv")
    right = sum(v.label == label for v, (_, label) in zip(new.classify_many([t for t, _ in golden]), golden))
    assert right >= 0.95 * len(golden)


def test_the_team_model_reads_its_shorthand_as_a_word_and_still_names_the_client(team_model):
    new = taskqual.Model.load(team_model.path)
    assert new.terms == {"змр"}  # found in the team's rows, saved in the model files
    assert "team terms read as words, never as a company: ЗМР (found in 30 rows, 26 with a company beside it)" in (
        team_model.output
    )
    texts = ["ЗМР Ромашка, Тверская 5", "Вектор — ЗМР до пятницы", "ЗМР Техносила в четверг"]
    assert [v.company for v in taskqual.default_model().classify_many(texts)] == ["ЗМР Ромашка", "ЗМР", "ЗМР Техносила"]
    assert [(v.label, v.company) for v in new.classify_many(texts)] == [
        ("delegable", "Ромашка"),
        ("delegable", "Вектор"),
        ("delegable", "Техносила"),
    ]
    assert "клиентом «Ромашка»" in new.classify(texts[0]).hint
    # «Орион» is a first name to the dictionary: like «Замер Орион», no company (the shipped model said «ЗМР»)
    assert new.classify("ЗМР Орион, Кирова 9").company is None


def test_the_manifest_and_the_printed_comparison(team_model):
    manifest = json.loads(model_files(team_model.path)[2].read_text(encoding="utf-8"))
    assert manifest["base_model"] == taskqual.default_model().version
    data = manifest["training_data"]
    assert data["rows"]["team"] + data["rows"]["held_out"] == len(team_rows())
    assert data["rows"]["shipped"] <= 1500 and data["team_weight"] == 3
    held_out = manifest["metrics"]["team_holdout"]
    assert held_out["n"] == data["rows"]["held_out"] > 0
    # The printed table holds the same numbers: the shipped model, then the new one.
    out = team_model.output
    assert f"model {manifest['model_version']} written to {team_model.path}" in out
    accuracy = next(line for line in out.splitlines() if line.strip().startswith("accuracy")).split()[1:]
    assert float(accuracy[1]) == pytest.approx(held_out["accuracy"], abs=1e-3)
    assert float(accuracy[1]) > float(accuracy[0])  # the held-out «ЗМР» rows
    assert manifest["metrics"]["team_holdout_shipped_model"]["accuracy"] == pytest.approx(float(accuracy[0]), abs=1e-3)
    # the shipped model's shift is for writers it never read; a team model has read its team
    assert taskqual.default_model().manifest["params"]["class_shift"]
    assert not manifest["params"].get("class_shift")


def test_terms_declared_with_the_option(tmp_path):
    rows = [(f"{c} — ДМТ до пятницы", "delegable", "") for c in ("Ромашка", "Вектор", "Техносила")] + team_rows()[30:]
    team = write_team_csv(tmp_path / "team.csv", rows + team_rows()[:10])
    out = train(
        *["--data", str(team), "-o", str(tmp_path / "m.skops"), "--shipped-sample", "300", "--holdout", "0"],
        *["--term", "ДМТ", "--term", "дмт", "--no-term-detection"],
    )
    assert out.returncode == 0, out.stderr
    assert "team terms read as words, never as a company: ДМТ (--term)\n" in out.stdout  # ЗМР: detection is off
    model = taskqual.Model.load(tmp_path / "m.skops")
    assert model.terms == {"дмт"} and model.classify("ДМТ СтройДом").company == "СтройДом"
    manifest = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert manifest["terms"] == {"read_as_words": ["дмт"], "declared": ["ДМТ"], "detected": []}
    bad = train("--data", str(team), "-o", str(tmp_path / "x.skops"), "--term", "ОС по КП")
    assert bad.returncode == 2 and not (tmp_path / "x.skops").exists()
    assert "taskqual train: --term: term 'ОС по КП' is not one word of 2-20 letters or digits" in bad.stderr


def test_bad_rows_are_named_by_file_row_and_field(tmp_path):
    rows = team_rows()[:6]
    rows[2] = (rows[2][0], "делегировать", "замер")
    rows[4] = ("  ...  ", "delegable", "")
    team = write_team_csv(tmp_path / "team_bad.csv", rows)
    out = train("--data", str(team), "-o", str(tmp_path / "m.skops"), "--shipped-sample", "50", "-q")
    assert out.returncode == 2
    assert "2 row(s) cannot be used" in out.stderr
    assert (
        "team_bad.csv: row 3: field 'label': \"делегировать\" is not a label; use one of concrete, vague" in out.stderr
    )
    assert "team_bad.csv: row 5: field 'Задача': task text has no words" in out.stderr
    assert not (tmp_path / "m.skops").exists()


def test_a_missing_label_column_is_explained(tmp_path):
    team = tmp_path / "team.csv"
    team.write_text("Задача;Ответственный\nЗМР Ромашка;Иванов\n", encoding="utf-8")
    out = train("--data", str(team), "-o", str(tmp_path / "m.skops"))
    assert out.returncode == 2
    assert "team.csv: cannot tell which column holds the label" in out.stderr and "--label-column" in out.stderr


def test_the_shipped_data_are_read_as_the_shipped_model_was_trained_on():
    from training.data import load_training

    rows = shipped_rows()
    assert [(r.text, r.label, r.source) for r in rows] == [(r.text, r.label, r.source) for r in load_training()]
    assert data_hash(rows) == taskqual.default_model().manifest["training_data"]["sha256"]
    sample = shipped_rows(600, seed=1)
    assert len(sample) == 600  # exactly: each label's share rounded by largest remainders
    assert {r.label for r in sample} == set(taskqual.LABELS)
    for k in (1500, 1001, 7):
        assert len(shipped_rows(k, seed=2)) == k


def test_feedback_from_the_store_joins_the_training_data(tmp_path):
    from taskqual.service.feedback.store import FeedbackStore, NewFeedback

    db = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(f"sqlite:///{db}")
    feedback = [("ОС по КП Ромашка", "vague", "concrete"), ("ОС по КП Вектор до пятницы", "vague", "concrete")]
    for text, label, expected in feedback:
        store.add(NewFeedback(text, label, expected, user="rop"))
    store.dispose()
    team = write_team_csv(tmp_path / "team.csv", team_rows()[:10])
    out = train(
        "--data",
        str(team),
        "--feedback",
        str(db),
        "-o",
        str(tmp_path / "m.skops"),
        "--shipped-sample",
        "300",
        "--holdout",
        "0",
    )
    assert out.returncode == 0, out.stderr
    assert "10 team rows, 2 from feedback" in out.stdout and "no comparison" in out.stdout
    manifest = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    rows = manifest["training_data"]["rows"]
    assert (rows["team"], rows["feedback"], rows["held_out"]) == (10, 2, 0)
    assert rows["shipped"] == pytest.approx(300, abs=4)
    missing = train("--feedback", str(tmp_path / "nope.sqlite3"), "-o", str(tmp_path / "x.skops"))
    assert missing.returncode == 2 and "no feedback database at" in missing.stderr
