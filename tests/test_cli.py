"""The installed ``taskqual`` command, run the way a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

EXE = shutil.which("taskqual")
pytestmark = [
    pytest.mark.skipif(EXE is None, reason="taskqual is not installed (pip install -e .)"),
    pytest.mark.slow,  # each test runs the installed command in a subprocess
]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_check_prints_label_and_hint():
    out = run("check", "ООО «Вектор»")
    assert out.returncode == 0
    assert "company_only" in out.stdout and "Вектор" in out.stdout and "→" in out.stdout


def test_check_json_is_one_object_per_text():
    out = run("check", "--json", "отправить КП до пятницы", "позвонить")
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["label"] for d in lines] == ["concrete", "vague"]
    assert lines[0]["is_concrete"] is True and lines[1]["missing"] == ["result", "deadline"]


def test_check_reads_stdin_and_flags_bad_lines():
    out = run("check", "--json", stdin="сделать презентацию\n...\n")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows[0]["label"] == "delegable"
    assert rows[1]["label"] is None and "EmptyTaskError" in rows[1]["error"]
    assert out.returncode == 1


def test_check_explain_shows_weighted_features():
    out = run("check", "--explain", "выставить счёт")
    assert out.returncode == 0
    assert any(line.strip().startswith(("+", "-")) for line in out.stdout.splitlines()[2:])


def test_check_with_a_missing_model_file_says_which(tmp_path):
    out = run("check", "--model", str(tmp_path / "none.skops"), "позвонить")
    assert out.returncode == 2 and "none.skops" in out.stderr and "does not exist" in out.stderr


def test_version_and_help():
    assert run("--version").stdout.startswith("taskqual ")
    assert "check" in run("--help").stdout


def test_module_entry_point_works_too():
    out = subprocess.run(
        [sys.executable, "-m", "taskqual", "check", "позвонить"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0 and "vague" in out.stdout


def test_check_without_texts_explains_usage():
    out = run("check", stdin="")
    assert out.returncode == 2 and "taskqual check" in out.stderr
