"""Feedback writes and model reloads, measured over HTTP on loopback (about a minute).

    python benchmarks/bench_feedback.py            # SQLite, and PostgreSQL when its binaries are there

1. ``taskqual serve --workers 2`` with the feedback on SQLite, then on a throwaway PostgreSQL
   (tests/service/postgres.py): 1,000 ``POST /v1/feedback`` sent at once over 50 connections; the
   time until all are answered, and how many the export then holds.
2. One worker under a steady load of ``/v1/check`` (4 client threads): latency before and while
   ``POST /v1/admin/reload`` loads, verifies and swaps the model (the shipped model's files copied to a
   folder, so the reload does the full work), and the number of failed requests.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests" / "service"), str(REPO)]

from postgres import binaries, fresh_database, throwaway_cluster  # noqa: E402
from service_harness import running_server  # noqa: E402

from taskqual.artifact import default_model_path, model_files  # noqa: E402

ADMIN_KEY = "bench-admin-key-000001"


async def post_all(url: str, n: int, connections: int) -> list[int]:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        responses = await asyncio.gather(
            *(
                client.post(
                    "/v1/feedback",
                    json={
                        "text": f"ЗМР объект {i}, Тверская {i}",
                        "label": "company_only",
                        "expected": "delegable",
                        "id": i,
                    },
                )
                for i in range(n)
            )
        )
    return [r.status_code for r in responses]


def feedback_run(name: str, db: str, workdir: Path) -> None:
    with running_server(workdir, {"TASKQUAL_FEEDBACK_DB": db}, cli=True, workers=2) as server:
        started = time.perf_counter()
        statuses = asyncio.run(post_all(server.url, 1000, 50))
        seconds = time.perf_counter() - started
        exported = httpx.get(server.url + "/v1/feedback", timeout=60).text.count("\n")
    print(
        f"{name:<10} 1,000 posts in {seconds:5.1f} s ({1000 / seconds:4.0f}/s), {statuses.count(201)} answered 201, "
        f"{exported} in the export"
    )


def reload_run(workdir: Path) -> None:
    serving = workdir / "models" / "m.skops"
    serving.parent.mkdir()
    for src, dst in zip(model_files(default_model_path()), model_files(serving)):
        shutil.copy(src, dst)
    env = {"TASKQUAL_MODEL_PATH": str(serving), "TASKQUAL_ADMIN_KEYS": ADMIN_KEY}
    with running_server(workdir, env) as server:
        answers: list[tuple[float, float, int]] = []  # (sent, seconds, status)
        stop = threading.Event()

        def load() -> None:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                while not stop.is_set():
                    sent = time.perf_counter()
                    try:
                        status = client.post("/v1/check", json={"text": "перезвонить Ромашке"}).status_code
                    except httpx.HTTPError:
                        status = 0
                    answers.append((sent, time.perf_counter() - sent, status))

        threads = [threading.Thread(target=load) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(3)
        asked = time.perf_counter()
        reply = httpx.post(server.url + "/v1/admin/reload", headers={"X-API-Key": ADMIN_KEY}, timeout=60)
        done = time.perf_counter()
        time.sleep(1)
        stop.set()
        for t in threads:
            t.join()
    before = [s * 1000 for sent, s, _ in answers if asked - 2 <= sent < asked]
    during = [s * 1000 for sent, s, _ in answers if asked <= sent <= done]

    def show(xs: list[float]) -> str:
        xs = sorted(xs)
        return (
            (
                f"{len(xs):4} requests, p50 {statistics.median(xs):5.1f} ms, "
                f"p99 {xs[int(len(xs) * 0.99) - 1]:6.1f} ms, "
                f"max {xs[-1]:6.1f} ms"
            )
            if xs
            else "no requests"
        )

    print(
        f"reload: {reply.status_code} in {done - asked:.2f} s; {sum(st != 200 for _, _, st in answers)} of "
        f"{len(answers)} checks failed"
    )
    print(f"  2 s before: {show(before)}")
    print(f"  during    : {show(during)}")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "sqlite").mkdir()
        feedback_run("SQLite", str(root / "sqlite" / "feedback.sqlite3"), root / "sqlite")
        if binaries() is None:
            print("PostgreSQL    skipped: no initdb/pg_ctl (apt-get install postgresql)")
        else:
            with throwaway_cluster() as url:
                (root / "pg").mkdir()
                feedback_run("PostgreSQL", fresh_database(url, "bench"), root / "pg")
        (root / "reload").mkdir()
        reload_run(root / "reload")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
