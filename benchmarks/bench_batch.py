"""Benchmark ``taskqual score`` on big CSV backlogs: rows/s with --jobs 1 and 2, and peak memory.

    python benchmarks/bench_batch.py                   # 100k and 1M rows, --jobs 1 and 2
    python benchmarks/bench_batch.py --sizes 100000    # a quick look

The inputs are composed by ``training/make_sample_backlog.py`` (the sample backlog's phrasings and
managers, cp1251 with «;», like a Bitrix24 export) and cached in ``benchmarks/out/``. Each run is the
installed command in a subprocess; memory is sampled every 50 ms over the command and its worker
processes: the largest single process (RSS), and the whole tree (RSS summed, and PSS summed,
which counts pages shared by forked workers once). Targets: >= 8,000 rows/s with one job,
--jobs 2 at least 1.7x faster, peak RSS under 500 MB and flat from 100k to 1M rows.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))


def build_input(rows: int) -> Path:
    from training.make_sample_backlog import generate, write_csv

    path = OUT / f"backlog_{rows}.csv"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        t = time.perf_counter()
        write_csv(str(tmp), generate(rows, seed=rows), encoding="cp1251")
        tmp.rename(path)
        print(
            f"built {path.name}: {rows:,} rows, {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - t:.0f} s",
            file=sys.stderr,
        )
    return path


def distinct_texts(path: Path) -> int:
    with open(path, encoding="cp1251", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        return len({row[1] for row in reader})


class MemorySampler(threading.Thread):
    """Peak RSS of the largest process, and peak RSS/PSS summed over a process tree."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval = interval
        self.max_rss = self.tree_rss = self.tree_pss = 0
        self.processes = 0
        self.main_cpu = 0.0
        self.series: list[tuple[float, int]] = []  # (time, RSS of the largest process)
        self._halt = threading.Event()

    def run(self) -> None:
        tick = 0
        while not self._halt.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            self.processes = max(self.processes, len(procs))
            try:
                t = self.root.cpu_times()
                self.main_cpu = t.user + t.system
            except psutil.Error:
                pass
            rss = []
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    rss.append(p.memory_info().rss)
            if rss:
                self.max_rss = max(self.max_rss, max(rss))
                self.series.append((time.perf_counter(), max(rss)))
                self.tree_rss = max(self.tree_rss, sum(rss))
            if tick % 10 == 0:  # PSS reads smaps: costlier, sample it less often
                pss = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error, AttributeError):
                        pss += p.memory_full_info().pss
                self.tree_pss = max(self.tree_pss, pss)
            tick += 1
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def taskqual_command() -> list[str]:
    here = Path(sys.executable).parent / "taskqual"
    return [str(here)] if here.exists() else [shutil.which("taskqual") or "taskqual"]


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def free_cores() -> float:
    """How many cores this benchmark gets right now: the speed-up of two busy processes over one.

    Other work on a shared machine takes cores away; 2.0 on an idle two-core machine.
    """
    import multiprocessing as mp

    n = 4_000_000
    t = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - t
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(_burn, [1, 1])
        t = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - t
    return 2 * one / two


def run(path: Path, jobs: int) -> dict:
    out = OUT / f"scored_{path.stem}_j{jobs}.csv"
    cmd = [*taskqual_command(), "score", str(path), "-o", str(out), "--jobs", str(jobs), "--quiet"]
    cores = free_cores()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # usage covers the command and its (waited) workers
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    sampler.stop()
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {code}")
    with open(out, "rb") as f:
        lines = sum(chunk.count(b"\r\n") for chunk in iter(lambda: f.read(1 << 24), b""))
    out.unlink()
    return {
        "seconds": seconds,
        "rows_out": lines - 1,
        "max_rss": sampler.max_rss,
        "tree_rss": sampler.tree_rss,
        "tree_pss": sampler.tree_pss,
        "processes": sampler.processes,
        "cores": cores,
        "cpu": usage.ru_utime + usage.ru_stime,
        "main_cpu": sampler.main_cpu,
        "rss_halves": _halves(sampler.series),
    }


def _halves(series: list[tuple[float, int]]) -> tuple[int, int]:
    """Peak RSS of the largest process in the first and in the second half of the run."""
    if not series:
        return 0, 0
    mid = (series[0][0] + series[-1][0]) / 2
    first = max((r for t, r in series if t <= mid), default=0)
    second = max((r for t, r in series if t > mid), default=0)
    return first, second


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args(argv)

    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
        f"python {sys.version.split()[0]}"
    )
    results = []
    for rows in args.sizes:
        path = build_input(rows)
        distinct = distinct_texts(path)
        for jobs in args.jobs:
            r = run(path, jobs)
            assert r["rows_out"] == rows, f"output has {r['rows_out']} rows, input {rows}"
            r.update(rows=rows, jobs=jobs, distinct=distinct, rate=rows / r["seconds"], load=os.getloadavg()[0])
            results.append(r)
            print(
                f"  {rows:>9,} rows  --jobs {jobs}: {r['seconds']:6.1f} s  {r['rate']:8,.0f} rows/s  "
                f"max RSS {r['max_rss'] / 1e6:5.0f} MB  cpu {r['cpu']:.0f} s (main {r['main_cpu']:.0f} s)  "
                f"free cores before {r['cores']:.2f}",
                file=sys.stderr,
            )

    base = {(r["rows"]): r["rate"] for r in results if r["jobs"] == 1}
    first = {(r["jobs"]): r["max_rss"] for r in results if r["rows"] == min(args.sizes)}
    print()
    print(
        "| rows | distinct texts | --jobs | seconds | rows/s | vs --jobs 1 | CPU s (main) | free cores | "
        "peak RSS, largest process (1st half / 2nd half of the run) | peak RSS, all processes | "
        "peak PSS, all processes | RSS vs smallest input |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        speedup = r["rate"] / base[r["rows"]] if r["rows"] in base else float("nan")
        growth = r["max_rss"] / first[r["jobs"]] if r["jobs"] in first else float("nan")
        print(
            f"| {r['rows']:,} | {r['distinct']:,} ({r['distinct'] / r['rows']:.0%}) | {r['jobs']} | "
            f"{r['seconds']:.1f} | "
            f"{r['rate']:,.0f} | {speedup:.2f}x | {r['cpu']:.0f} ({r['main_cpu']:.0f}) | {r['cores']:.2f} | "
            f"{r['max_rss'] / 1e6:.0f} MB ({r['rss_halves'][0] / 1e6:.0f} / {r['rss_halves'][1] / 1e6:.0f}) | "
            f"{r['tree_rss'] / 1e6:.0f} MB | "
            f"{r['tree_pss'] / 1e6:.0f} MB | {growth:.2f}x |"
        )
    print(
        f"\nload average at the end: {os.getloadavg()[0]:.2f}. «free cores» is the speed-up of two busy processes "
        "over one just before each run: below 2.0, other work on the machine took CPU, and --jobs 2 cannot scale."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
