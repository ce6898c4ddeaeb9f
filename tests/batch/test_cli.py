"""The installed ``taskqual`` command on real files: scoring, the summary, interruption, the report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from taskqual.batch import OUTPUT_COLUMNS, score_file

from .conftest import SAMPLE, read_csv, run_cli, taskqual_command

pytestmark = pytest.mark.slow  # the installed command in subprocesses


@pytest.fixture(scope="module")
def sample_rows():
    return read_csv(SAMPLE, encoding="cp1251")


def test_score_the_sample_backlog_with_two_jobs(tmp_path, sample_rows):
    out = tmp_path / "scored.csv"
    r = run_cli("score", SAMPLE, "-o", out, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    got = read_csv(out)
    assert got[0] == sample_rows[0] + list(OUTPUT_COLUMNS)
    assert [row[: len(sample_rows[0])] for row in got[1:]] == sample_rows[1:]  # every row, in order
    flagged = [row for row in got[1:] if row[-1]]
    assert 0 < len(flagged) < 50 and all(row[-1].startswith("row ") for row in flagged)
    # the summary: rows, flagged, where the output is; no progress bar when stderr is not a terminal
    assert f"scored {len(sample_rows) - 1:,} rows" in r.stderr
    assert f"{len(flagged)} rows flagged" in r.stderr
    assert f"output: {out}" in r.stderr
    assert "rows/s" in r.stderr and "━" not in r.stderr
    assert r.stdout == ""


def test_one_job_and_two_jobs_write_the_same_bytes(tmp_path, model):
    score_file(str(SAMPLE), str(tmp_path / "one.csv"), model=model, chunk_rows=700)
    r = run_cli("score", SAMPLE, "-o", tmp_path / "two.csv", "-j", "2", "-q")
    assert r.returncode == 0 and r.stderr == ""
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_bad_input_is_a_clear_error_and_no_output(tmp_path):
    (tmp_path / "in.csv").write_text("id;note\n1;x\n", encoding="utf-8")
    r = run_cli("score", tmp_path / "in.csv", "-o", tmp_path / "out.csv")
    assert r.returncode == 2 and "--text-column" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("score", tmp_path / "missing.csv", "-o", tmp_path / "out.csv")
    assert r.returncode == 2 and "no such file" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


@pytest.fixture(scope="module")
def big_input(tmp_path_factory):
    """~200k rows: long enough to interrupt mid-stream."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    lines = SAMPLE.read_bytes().split(b"\r\n")
    header, body = lines[0], [ln for ln in lines[1:] if ln]
    with open(path, "wb") as f:
        f.write(header + b"\r\n")
        for _ in range(70):
            f.write(b"\r\n".join(body) + b"\r\n")
    return path


@pytest.mark.parametrize("sig,jobs", [(signal.SIGINT, "1"), (signal.SIGTERM, "1"), (signal.SIGTERM, "2")])
def test_an_interrupted_run_leaves_no_output(tmp_path, big_input, sig, jobs):
    import psutil

    out = tmp_path / "scored.csv"
    old = tmp_path / "previous.csv"
    old.write_text("an earlier result\n", encoding="utf-8")
    proc = subprocess.Popen(
        [*taskqual_command(), "score", str(big_input), "-o", str(out), "-j", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    part = None
    while time.monotonic() < deadline:  # wait until rows are being written to the temporary file
        parts = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        if parts and parts[0].stat().st_size > 100_000:
            part = parts[0]
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert part is not None, "the run never started writing"
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"interrupted" in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["previous.csv"]  # no half file, no temp file
    assert old.read_text(encoding="utf-8") == "an earlier result\n"
    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, "worker processes outlived the run"


def test_a_failure_mid_stream_leaves_the_old_output(tmp_path, monkeypatch, model):
    from taskqual.batch import writers

    out = tmp_path / "scored.csv"
    out.write_text("yesterday's result\n", encoding="utf-8")
    calls = {"n": 0}
    real = writers.CsvWriter._write

    def failing(self, chunk, scored):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real(self, chunk, scored)

    monkeypatch.setattr(writers.CsvWriter, "_write", failing)
    with pytest.raises(OSError, match="disk full"):
        score_file(str(SAMPLE), str(out), model=model, chunk_rows=500)
    assert out.read_text(encoding="utf-8") == "yesterday's result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scored.csv"]


def test_report_json_and_html_from_the_command(tmp_path):
    r = run_cli("report", SAMPLE, "--format", "json", "--today", "2026-11-20", "-q")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    assert rep["totals"]["rows"] == 3000 and rep["today"] == "2026-11-20"
    assert {k: v for k, v in rep["input"]["columns"].items() if v} == {
        "text": "Задача",
        "id": "ID",
        "manager": "Ответственный",
        "company": "Компания",
        "due": "Крайний срок",
        "status": "Статус",
    }
    by_name = {m["manager"]: m for m in rep["managers"]}
    assert len(by_name) == 6
    # the sample's habits come through: the concrete writer leads, the company-name writer trails
    assert by_name["Смирнов Алексей"]["shares"]["concrete"] > 0.6
    assert by_name["Иванов Сергей"]["shares"]["company_only"] > 0.6
    assert by_name["Кузнецов Дмитрий"]["shares"]["delegable"] > 0.4
    assert rep["totals"]["frozen_clients"] > 0 and rep["delegation"] and rep["worst"]

    html = tmp_path / "report.html"
    r = run_cli("report", SAMPLE, "-o", html, "--today", "20.11.2026")
    assert r.returncode == 0, r.stderr
    assert "Смирнов Алексей" in r.stdout and "Итого" in r.stdout  # the terminal table
    assert f"report: {html}" in r.stderr
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_help_lists_the_options():
    r = run_cli("score", "--help")
    for opt in ("--text-column", "--encoding", "--jobs", "--quiet", "-o"):
        assert opt in r.stdout
    r = run_cli("report", "--help")
    for opt in ("--manager-column", "--due-column", "--status-column", "--today", "--format", "--company-column"):
        assert opt in r.stdout


@pytest.mark.parametrize("command", ["score", "report"])
@pytest.mark.parametrize("jobs", ["0", "-2", "two"])
def test_score_and_report_refuse_the_same_bad_job_count(tmp_path, command, jobs):
    out = tmp_path / "out"
    r = run_cli(command, SAMPLE, "-o", out, "--jobs", jobs)
    assert r.returncode == 2
    assert "--jobs: the number of processes is a whole number of at least 1" in r.stderr
    assert not out.exists()


def test_progress_bar_on_a_terminal(tmp_path):
    """On a terminal (a pseudo-terminal here) the run draws a progress bar with rows/s; --quiet hides it."""
    import pty

    def run_on_tty(*extra: str) -> str:
        master, slave = pty.openpty()
        env = dict(os.environ, TERM="xterm", COLUMNS="120")
        proc = subprocess.Popen(
            [*taskqual_command(), "score", str(SAMPLE), "-o", str(tmp_path / "out.csv"), *extra],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=slave,
            env=env,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other side closed
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(60)
        os.close(master)
        return b"".join(chunks).decode("utf-8", "replace")

    shown = run_on_tty()
    assert "rows/s" in shown and "━" in shown and "scoring" in shown
    assert "3,000 rows" in shown
    assert run_on_tty("--quiet") == ""
