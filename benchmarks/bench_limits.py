"""Benchmark of what the worst requests within the service's default limits cost (issue 12).

    python benchmarks/bench_limits.py
    python benchmarks/bench_limits.py --json limits.json

Two parts, each against a baseline measured in the same run:

* **The costliest batch.** For each shape of a batch that the default limits still accept (40
  distinct texts of 2,000 characters: made-up words in lower case and capitalised, random dictionary
  words, wrong-layout Latin gibberish), a fresh ``taskqual serve --workers 1`` answers it once, and
  the server's CPU time and its growth in resident memory over the request are read with psutil.
  The baseline is a batch of typical task titles, as many as the same 80,000 characters take
  (``bench_core.realistic_texts``: built from the outside-voice validation set, never from data/),
  also new to its server. Targets: ≤ 2 s of worker CPU and ≤ 100 MB more memory for the worst.
* **Slow clients.** A server with 2-second header, body and keep-alive deadlines gets 480
  connections that send nothing, half a head or half a body; a client meanwhile sends ``/v1/check``
  one after another. Its p99 is compared with the same client on the same server with no slow
  connections, and every slow connection must be closed within the deadline plus 1 s. Target:
  p99 ≤ 50 ms while they are open.

The last lines say PASS or FAIL for each target; the exit status is 1 when one fails. The machine's
2 cores are shared with whatever else runs: the figures say what it cost here, now.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
from bench_core import realistic_texts  # noqa: E402
from bench_service import free_port, print_verdicts, start_server, stop_server  # noqa: E402

BATCH_CHARS = 80_000  # TASKQUAL_MAX_BATCH_CHARS's default
CPU_TARGET_S = 2.0
RSS_TARGET_MB = 100.0
P99_TARGET_MS = 50.0
SLOW_DEADLINE_S = 2
SLOW_CONNECTIONS = 480


def post(port: int, path: str, payload: object, timeout: float = 120) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


# -- the costliest batch ----------------------------------------------------------------------------

LETTERS = "абвгдежзийклмнопрстуфхцчшщыэюя"
LATIN = "qwertyuiopasdfghjklzxcvbnm"


def _fill(rng: random.Random, word: Callable[[random.Random], str], length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(word(rng))
    return " ".join(words)[:length]


def _made_up(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 10)))


def _dictionary_words() -> list[str]:
    from taskqual.morphology import analyzer

    return list(itertools.islice(analyzer().dictionary.words.iterkeys(), 0, 3_000_000, 7))


def shapes(seed: int = 3) -> dict[str, list[str]]:
    """The batches measured, by name: the baseline first."""
    rng = random.Random(seed)
    typical, chars = [], 0
    for text in realistic_texts(1000, seed=seed):  # as many as the character budget takes
        chars += len(text)
        if chars > BATCH_CHARS:
            break
        typical.append(text)
    words = _dictionary_words()
    per_text = 2000
    return {
        f"baseline: {len(typical):,} typical task titles": typical,
        "40 × 2,000 chars of made-up words": [_fill(rng, _made_up, per_text) for _ in range(40)],
        "40 × 2,000 chars of made-up Capitalised words": [
            _fill(rng, lambda r: _made_up(r).title(), per_text) for _ in range(40)
        ],
        "40 × 2,000 chars of random dictionary words": [
            _fill(rng, lambda r: r.choice(words), per_text) for _ in range(40)
        ],
        "40 × 2,000 chars of Latin gibberish": [
            _fill(rng, lambda r: "".join(r.choice(LATIN) for _ in range(r.randint(3, 10))), per_text) for _ in range(40)
        ],
    }


@dataclass
class Cost:
    name: str
    items: int
    characters: int
    status: int
    cpu_s: float
    rss_growth_mb: float
    response_bytes: int


def batch_cost(name: str, texts: list[str], workdir: Path) -> Cost:
    """One batch, answered once by a server that has seen nothing else but a warm-up check."""
    port = free_port()
    server = start_server(1, port, workdir / f"server-{port}.log")  # one process: the worker is the server
    try:
        post(port, "/v1/check", {"text": "позвонить в Ромашку"})  # model and dictionaries in memory
        worker = psutil.Process(server.pid)
        cpu, rss = sum(worker.cpu_times()[:2]), worker.memory_info().rss
        status, body = post(port, "/v1/check/batch", {"items": [{"id": i, "text": t} for i, t in enumerate(texts)]})
        spent = sum(worker.cpu_times()[:2]) - cpu
        grown = (worker.memory_info().rss - rss) / 2**20
    finally:
        stop_server(server)
    return Cost(name, len(texts), sum(map(len, texts)), status, spent, grown, len(body))


# -- slow clients ---------------------------------------------------------------------------------


def _open(port: int, first: bytes) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port))
    if first:
        s.sendall(first)
    return s


def _closed(s: socket.socket) -> bool:
    s.settimeout(0.01)
    try:
        while data := s.recv(65536):
            del data
        return True
    except (TimeoutError, BlockingIOError):
        return False
    except OSError:
        return True


def _checks_for(port: int, seconds: float, texts: list[str]) -> list[float]:
    """Latencies (s) of ``/v1/check`` sent one after another on one keep-alive connection."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out: list[float] = []
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        body = json.dumps({"text": texts[i % len(texts)]}, ensure_ascii=False).encode()
        started = time.perf_counter()
        conn.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        out.append(time.perf_counter() - started)
        if response.status != 200:
            raise SystemExit(f"/v1/check answered {response.status} during the slow-client run")
        i += 1
    conn.close()
    return out


@dataclass
class SlowRun:
    checks_alone: int
    p99_alone_ms: float
    checks_with_slow: int
    p99_with_slow_ms: float
    slow_connections: int
    still_open_after_deadline: int


def p99(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=100)[98] * 1000 if len(latencies) > 1 else latencies[0] * 1000


def slow_clients(workdir: Path) -> SlowRun:
    deadline = str(SLOW_DEADLINE_S)
    env = {"TASKQUAL_HEADER_TIMEOUT": deadline, "TASKQUAL_BODY_TIMEOUT": deadline}
    env["TASKQUAL_KEEP_ALIVE_TIMEOUT"] = deadline
    texts = realistic_texts(400, seed=11)
    port = free_port()
    server = start_server(1, port, workdir / "server-slow.log", env)
    try:
        _checks_for(port, 1.0, texts)  # warm-up
        alone = _checks_for(port, SLOW_DEADLINE_S, texts[200:])
        body = json.dumps({"text": texts[0]}, ensure_ascii=False).encode()
        kinds = [
            b"",
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: appl",
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body[:10]),
        ]
        opened_at = time.monotonic()
        sockets = [_open(port, kinds[i % 3]) for i in range(SLOW_CONNECTIONS)]
        with_slow = _checks_for(port, SLOW_DEADLINE_S, texts[:200])
        time.sleep(max(0.0, opened_at + SLOW_DEADLINE_S + 1 - time.monotonic()))
        open_left = sum(not _closed(s) for s in sockets)
        for s in sockets:
            s.close()
    finally:
        stop_server(server)
    return SlowRun(len(alone), p99(alone), len(with_slow), p99(with_slow), SLOW_CONNECTIONS, open_left)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="taskqual-limits-") as tmp:
        workdir = Path(tmp)
        costs = []
        for name, texts in shapes().items():
            costs.append(batch_cost(name, texts, workdir))
            print(f"  measured: {name}", file=sys.stderr)
        slow = slow_clients(workdir)

    base = costs[0]
    print(
        f"\nThe costliest batches within the default limits, each on a fresh 1-worker server ({os.cpu_count()} CPUs)\n"
    )
    header = ("batch", "items", "chars", "status", "server CPU", "× baseline", "RSS growth", "answer")
    rows = [header] + [
        (
            c.name,
            f"{c.items:,}",
            f"{c.characters:,}",
            str(c.status),
            f"{c.cpu_s:.2f} s",
            f"{c.cpu_s / base.cpu_s:.2f}",
            f"{c.rss_growth_mb:+.1f} MB",
            f"{c.response_bytes / 1024:,.0f} KB",
        )
        for c in costs
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for r in rows:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))))
    print(
        f"\n{SLOW_CONNECTIONS} slow connections (idle, half a head, half a body) against {SLOW_DEADLINE_S} s deadlines:"
        f"\n  /v1/check one after another, alone:          {slow.checks_alone:,} checks, p99 {slow.p99_alone_ms:.1f} ms"
        f"\n  the same while the slow connections hang on: {slow.checks_with_slow:,} checks, "
        f"p99 {slow.p99_with_slow_ms:.1f} ms ({slow.p99_with_slow_ms / slow.p99_alone_ms:.2f}× alone)"
        f"\n  still open {SLOW_DEADLINE_S + 1} s after they were opened: {slow.still_open_after_deadline}"
    )
    worst = max(costs[1:], key=lambda c: c.cpu_s)
    fattest = max(costs[1:], key=lambda c: c.rss_growth_mb)
    verdicts = [
        (all(c.status == 200 for c in costs), "every batch answered 200"),
        (worst.cpu_s <= CPU_TARGET_S, f"worst batch CPU: {worst.cpu_s:.2f} s, {worst.name} (≤ {CPU_TARGET_S:g} s)"),
        (
            fattest.rss_growth_mb <= RSS_TARGET_MB,
            f"worst batch memory: {fattest.rss_growth_mb:+.1f} MB, {fattest.name} (≤ {RSS_TARGET_MB:g} MB)",
        ),
        (
            slow.p99_with_slow_ms <= P99_TARGET_MS,
            f"/v1/check p99 with {SLOW_CONNECTIONS} slow connections: {slow.p99_with_slow_ms:.1f} ms "
            f"(≤ {P99_TARGET_MS:g} ms)",
        ),
        (slow.still_open_after_deadline == 0, f"slow connections left open: {slow.still_open_after_deadline} (0)"),
    ]
    if args.json:
        figures = {"batches": [asdict(c) for c in costs], "slow_clients": asdict(slow), "cpus": os.cpu_count()}
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return print_verdicts(verdicts)


if __name__ == "__main__":
    sys.exit(main())
