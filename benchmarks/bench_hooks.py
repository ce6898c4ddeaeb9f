"""Benchmark of the CRM hooks: how fast a webhook is answered while write-backs go on behind it.

    python benchmarks/bench_hooks.py                   # 200 webhooks/s for 20 s, 2 workers
    python benchmarks/bench_hooks.py --rate 300 --duration 10 --json hooks.json

Starts a fake amoCRM account + Bitrix24 portal in its own process (``tests/service/fake_crm.py``,
loopback) and ``taskqual serve --workers 2`` pointed at it, then sends webhooks open loop (each
leaves on schedule whether or not earlier ones have returned; latency counts from the scheduled
time): three amoCRM task webhooks (two tasks each, one of them usually not concrete, so about one
note per webhook) for every Bitrix24 ONTASKADD event (the task is read back and commented). Once the
load stops it waits for the write-backs to drain and reads their outcomes from ``/metrics``.

Target (issue 8): the hook answers in ≤ 50 ms p99 at 200 webhooks/s with 2 workers, every webhook
answered 200. The last lines say PASS or FAIL for each; the exit status is 1 when one fails. The
load starts once every worker has loaded the model (the log says so), so no worker is still starting.
On a machine other jobs share, ``--nice -10`` (as root) runs the server, the fake CRM and the load
ahead of them; the share of the machine the others took is printed either way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from bench_service import TEXTS, CpuWatch, _paced, free_port, print_verdicts, stop_server  # noqa: E402

KEY = "bench-hook-key-0123456789"
AMO_TOKEN = "bench-amo-token"
B24_SECRET = "benchsecret"
APP_TOKEN = "bench-app-token"


def webhook_requests(texts: list[str], n: int) -> list[bytes]:
    """``n`` raw HTTP requests: 3 amoCRM webhooks (2 tasks each) to 1 Bitrix24 event, texts cycling."""
    out = []
    for i in range(n):
        if i % 4 == 3:
            path = "/v1/hooks/bitrix24"
            body = {
                "event": "ONTASKADD",
                "event_handler_id": "13",
                "data[FIELDS_AFTER][ID]": str(i % len(texts) + 1),
                "ts": "1764930000",
                "auth[domain]": "bench.bitrix24.ru",
                "auth[application_token]": APP_TOKEN,
            }
        else:
            path = "/v1/hooks/amocrm"
            body = {"account[subdomain]": "bench", "account[id]": "1"}
            for n_task in range(2):
                fields = {
                    "id": str(i * 2 + n_task),
                    "text": texts[(i * 2 + n_task) % len(texts)],
                    "task_type": "1" if n_task == 0 else "2451234",
                    "element_id": str(1000 + i),
                    "element_type": "2",
                    "status": "0",
                    "responsible_user_id": "504141",
                    "complete_till": "1764932399",
                }
                body |= {f"task[add][{n_task}][{k}]": v for k, v in fields.items()}
        encoded = urlencode(body).encode()
        out.append(
            f"POST {path}?key={KEY} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(encoded)}\r\n\r\n".encode()
            + encoded
        )
    return out


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args} exited with {process.returncode}")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} not answering after {timeout}s")


def wait_workers_loaded(log: Path, workers: int, process: subprocess.Popen, timeout: float = 120.0) -> None:
    """Until every worker's log says its model is loaded (a worker still importing would take no load)."""
    deadline = time.monotonic() + timeout
    while log.read_text(encoding="utf-8", errors="replace").count(" loaded from ") < workers:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server's {workers} workers did not all load the model:\n{log.read_text()}")
        time.sleep(0.2)


def writeback_outcomes(server_url: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in get(f"{server_url}/metrics").decode().splitlines():
        if line.startswith("taskqual_crm_writebacks_total{"):
            labels, _, value = line.rpartition(" ")
            crm = labels.split('crm="')[1].split('"')[0]
            outcome = labels.split('outcome="')[1].split('"')[0]
            out[f"{crm} {outcome}"] = float(value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200, help="webhooks per second (default 200)")
    parser.add_argument("--duration", type=float, default=20, help="seconds of load (default 20)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument(
        "--nice", type=int, default=0, help="run the server, the fake CRM and the load at this niceness (-10 as root)"
    )
    args = parser.parse_args(argv)
    if args.nice:
        os.setpriority(os.PRIO_PROCESS, 0, args.nice)  # inherited by the server and the fake CRM

    texts = [t for t in TEXTS.read_text(encoding="utf-8").splitlines() if t.strip()]
    workdir = Path(tempfile.mkdtemp(prefix="taskqual-bench-hooks-"))
    crm_port, port = free_port(), free_port()
    crm_url, server_url = f"http://127.0.0.1:{crm_port}", f"http://127.0.0.1:{port}"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TASKQUAL_", "PROMETHEUS_MULTIPROC"))}
    crm = subprocess.Popen(
        [sys.executable, str(REPO / "tests/service/fake_crm.py"), str(crm_port), AMO_TOKEN, B24_SECRET, str(TEXTS)],
        env=clean,
    )
    env = {
        **clean,
        "PYTHONPATH": str(REPO),
        "TASKQUAL_API_KEYS": KEY,
        "TASKQUAL_AMOCRM_BASE_URL": crm_url,
        "TASKQUAL_AMOCRM_TOKEN": AMO_TOKEN,
        "TASKQUAL_BITRIX24_WEBHOOK_URL": f"{crm_url}/rest/1/{B24_SECRET}/",
        "TASKQUAL_BITRIX24_APP_TOKEN": APP_TOKEN,
    }
    log = workdir / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "taskqual", "serve", "--workers", str(args.workers), "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_ready(f"{crm_url}/_counts", crm)
        wait_ready(f"{server_url}/readyz", server)
        wait_workers_loaded(log, args.workers, server)
        time.sleep(0.5)
        requests = webhook_requests(texts, int(args.rate * args.duration))
        with CpuWatch(server.pid) as watch:
            latencies, failed = asyncio.run(_paced(port, requests, args.rate, args.duration, connections=32))
        drained_at = time.monotonic()
        last, counts = None, {}
        while time.monotonic() - drained_at < 15:  # the write-backs finish behind the load
            counts = json.loads(get(f"{crm_url}/_counts"))
            if counts == last:
                break
            last = counts
            time.sleep(0.5)
        outcomes = writeback_outcomes(server_url)
    finally:
        stop_server(server)
        crm.terminate()
        crm.wait()

    ms = sorted(x * 1000 for x in latencies)
    p50, p99 = ms[len(ms) // 2], ms[int(len(ms) * 0.99) - 1]
    figures = {
        "rate": args.rate,
        "duration_s": args.duration,
        "workers": args.workers,
        "webhooks": len(ms),
        "failed": failed,
        "p50_ms": round(p50, 2),
        "p99_ms": round(p99, 2),
        "max_ms": round(ms[-1], 1),
        "server_cpu_us_per_webhook": round(watch.server_cpu / len(ms) * 1e6),
        "others_cpu_share": round(watch.others, 3),
        "crm_calls": counts,
        "writebacks": outcomes,
    }
    print(
        f"{len(ms)} webhooks at {args.rate:g}/s for {args.duration:g}s, {args.workers} workers, "
        f"{failed} not answered 200" + (f", niceness {args.nice}" if args.nice else "")
    )
    print(f"  answer time: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms")
    print(
        f"  server CPU per webhook: {figures['server_cpu_us_per_webhook']} µs; other processes took "
        f"{watch.others:.0%} of the machine meanwhile"
    )
    print(f"  fake CRM received: {counts}")
    print(f"  write-backs (from /metrics): {outcomes}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    as_targeted = args.rate >= 200 and args.workers <= 2
    verdicts = [
        (
            p99 <= 50 and as_targeted,
            f"hook answer p99 at {args.rate:g} webhooks/s, {args.workers} workers, write-backs behind: "
            f"{p99:.1f} ms (≤ 50 ms at ≥ 200/s with ≤ 2 workers; issue 8)"
            + ("" if as_targeted else "; this run's rate or workers are not the target's"),
        ),
        (failed == 0, f"webhooks not answered 200: {failed} (0)"),
    ]
    return print_verdicts(verdicts)


if __name__ == "__main__":
    sys.exit(main())
