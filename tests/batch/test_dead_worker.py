"""A worker process killed from outside (``kill -9``, the out-of-memory killer) never hangs a run.

The chunks it took down are scored again by fresh workers, once; a second death ends the run with
exit code 3 and a message, and leaves no output and no temporary file.
"""

from __future__ import annotations

import signal
import subprocess
import time

import psutil
import pytest

from .conftest import SAMPLE, read_csv, taskqual_command


@pytest.fixture(scope="module")
def distinct_input(tmp_path_factory):
    """30k rows (three chunks and more) with distinct texts, so the workers (not the parent's cache) do the work."""
    path = tmp_path_factory.mktemp("distinct") / "distinct.csv"
    lines = SAMPLE.read_bytes().decode("cp1251").split("\r\n")
    header, body = lines[0], [ln for ln in lines[1:] if ln]
    out = [header]
    for k in range(10):
        for ln in body:
            cells = ln.split(";")
            cells[1] = f"{cells[1]} (вариант {k})" if not cells[1].startswith('"') else cells[1]
            out.append(";".join(cells))
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("cp1251"))
    return path


def _start(src, out, jobs="2"):
    return subprocess.Popen(
        [*taskqual_command(), "score", str(src), "-o", str(out), "-j", jobs, "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def _workers(proc, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        kids = psutil.Process(proc.pid).children()
        if len(kids) >= 2:
            return kids
        time.sleep(0.05)
    raise AssertionError("no worker processes started")


def _wait_scoring(tmp_path, proc):
    """Until rows are being written: the workers are loaded and busy."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if any(p.name.endswith(".part") and p.stat().st_size > 1000 for p in tmp_path.iterdir()):
            return
        time.sleep(0.02)
    raise AssertionError("the run never started writing")


def test_a_killed_worker_is_replaced_and_no_row_is_lost(tmp_path, distinct_input):
    reference = tmp_path / "one.csv"
    r = subprocess.run(
        [*taskqual_command(), "score", str(distinct_input), "-o", str(reference), "-q"],
        capture_output=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    out = tmp_path / "two.csv"
    proc = _start(distinct_input, out)
    _wait_scoring(tmp_path, proc)
    _workers(proc)[0].send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "worker process died" in err and "Traceback" not in err
    assert out.read_bytes() == reference.read_bytes()  # every row, in order, with the same scores
    assert len(read_csv(out)) == len(read_csv(distinct_input, encoding="cp1251"))


def test_workers_that_keep_dying_end_the_run_with_a_message(tmp_path, distinct_input):
    out = tmp_path / "scored.csv"
    proc = _start(distinct_input, out)
    _wait_scoring(tmp_path, proc)
    first = _workers(proc)
    first[0].send_signal(signal.SIGKILL)
    # the retry starts fresh workers: kill one of those as well
    deadline = time.monotonic() + 60
    second = []
    while time.monotonic() < deadline and proc.poll() is None:
        second = [p for p in psutil.Process(proc.pid).children() if p.pid not in {q.pid for q in first}]
        if second:
            break
        time.sleep(0.02)
    assert second, proc.communicate()
    time.sleep(0.2)  # let the new workers start on the chunks
    killed_at = time.monotonic()
    second[0].send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=30)
    print(f"the run ended {time.monotonic() - killed_at:.2f} s after the second kill")
    assert time.monotonic() - killed_at < 10
    assert proc.returncode == 3, err
    assert "worker process died again" in err and "--jobs" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file
    _gone, alive = psutil.wait_procs(first + second, timeout=10)
    assert not alive


def test_ctrl_c_with_workers_prints_no_worker_traceback(tmp_path, distinct_input):
    """Ctrl-C reaches the whole process group, workers included: one «interrupted» line, nothing else."""
    import os

    out = tmp_path / "scored.csv"
    proc = subprocess.Popen(
        [*taskqual_command(), "score", str(distinct_input), "-o", str(out), "-j", "2", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    _wait_scoring(tmp_path, proc)
    workers = _workers(proc)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip() == "interrupted", err
    assert list(tmp_path.iterdir()) == []
    _gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive


def test_a_worker_killed_while_answering_does_not_hang_the_exit():
    """A worker killed while it writes its answer leaves half a message in the pipe; the executor's
    manager thread waits for the rest, and the interpreter joins that thread at exit. The run had
    finished and the process never ended: the pool that is stopped must release that thread."""
    script = (
        "import os, struct, time\n"
        "from taskqual.batch.scoring import _Pool\n"
        "pool = _Pool(2, None)\n"
        "writer = pool.executor._result_queue._writer\n"
        "os.write(writer.fileno(), struct.pack('!i', 1 << 20) + b'x' * 100)  # a header and part of a body\n"
        "time.sleep(0.5)\n"
        "pool.stop()\n"
        "print('stopped', flush=True)\n"
    )
    import sys

    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "stopped"
