"""Verdict feedback over HTTP, on SQLite and on PostgreSQL: stored, kept across a restart, exported,
and not one lost when two workers take 1,000 posts at once."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import time
import uuid

import httpx
from service_harness import API_KEYS, running_server

import taskqual

ZMR = {
    "text": "ЗМР Ромашка, Тверская 5",
    "label": "company_only",
    "expected": "delegable",
    "id": "task-1842",
    "type": "замер",
    "comment": "ЗМР — замер, его делает техник",
    "user": "smirnov",
}


def exported(client: httpx.Client, fmt: str = "jsonl") -> list[dict]:
    response = client.get("/v1/feedback", params={"format": fmt})
    assert response.status_code == 200
    if fmt == "jsonl":
        assert response.headers["content-type"] == "application/x-ndjson"
        return [json.loads(line) for line in response.text.splitlines()]
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_feedback_is_stored_kept_across_a_restart_and_exported(tmp_path, feedback_db):
    env = {"TASKQUAL_FEEDBACK_DB": feedback_db}
    with running_server(tmp_path, env) as server, server.client() as client:
        stored = client.post("/v1/feedback", json=ZMR)
        assert stored.status_code == 201
        body = stored.json()
        assert body["feedback_id"] == 1 and body["id"] == "task-1842" and body["created_at"].endswith("+00:00")
        second = client.post(
            "/v1/feedback", json={"text": "перезвонить Ромашке", "label": "vague", "expected": "vague", "id": 77}
        )
        assert second.status_code == 201 and second.json()["id"] == 77
        version = client.get("/v1/model").json()["model_version"]
        log = server.log()
    assert ZMR["text"] not in log and "перезвонить" not in log  # texts are stored, never logged

    with running_server(tmp_path, env) as server, server.client() as client:  # a new process, the same database
        rows = exported(client)
        assert [r["feedback_id"] for r in rows] == [1, 2]
        first = rows[0]
        assert {k: first[k] for k in ZMR} == ZMR
        assert first["model_version"] == version
        assert rows[1]["id"] == "77"  # ids are kept as text
        table = exported(client, "csv")
        assert [r["text"] for r in table] == [ZMR["text"], "перезвонить Ромашке"]
        assert table[0]["expected"] == "delegable" and table[0]["comment"] == ZMR["comment"]


def test_an_unknown_label_is_refused_with_the_accepted_ones(client):
    response = client.post("/v1/feedback", json={**ZMR, "expected": "делегировать"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["field"] == "expected"
    assert all(label in error["message"] for label in taskqual.LABELS)
    missing = client.post("/v1/feedback", json={"text": "позвонить", "expected": "vague"})
    assert missing.status_code == 422 and missing.json()["error"]["field"] == "label"
    empty = client.post("/v1/feedback", json={**ZMR, "text": "  !!! "})
    assert empty.status_code == 422 and empty.json()["error"]["code"] == "empty_text"
    assert client.get("/v1/feedback", params={"format": "xml"}).status_code == 422


def test_feedback_needs_an_api_key_when_keys_are_set(secured_server):
    with secured_server.client() as client:
        assert client.post("/v1/feedback", json=ZMR).status_code == 401
        assert client.get("/v1/feedback").status_code == 401
        key = {"X-API-Key": API_KEYS[0]}
        assert client.post("/v1/feedback", json=ZMR, headers=key).status_code == 201
        assert client.get("/v1/feedback", headers=key).status_code == 200


async def post_all(url: str, bodies: list[dict], connections: int) -> list[httpx.Response]:
    # `connections` posts are in flight at every moment, each on its own keep-alive connection. The
    # posts wait for a connection here, not in httpx's pool: a pool with a thousand queued requests
    # spends ~14 ms of client CPU a request, so on a loaded machine a connection could sit idle past
    # the server's keep-alive timeout (5 s) and race its close (a client-side ReadError, not a loss).
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    gate = asyncio.Semaphore(connections)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:

        async def post(body: dict) -> httpx.Response:
            async with gate:
                return await client.post("/v1/feedback", json=body)

        return await asyncio.gather(*(post(b) for b in bodies))


def test_two_workers_lose_nothing_of_1000_concurrent_posts(tmp_path, feedback_db):
    run = uuid.uuid4().hex[:8]
    bodies = [
        {
            "text": f"ЗМР объект {run}-{i}, Тверская {i}",
            "label": "company_only",
            "expected": "delegable",
            "id": i,
            "user": f"manager-{i % 7}",
        }
        for i in range(1000)
    ]
    env = {"TASKQUAL_FEEDBACK_DB": feedback_db}
    with running_server(tmp_path, env, cli=True, workers=2) as server:
        deadline = time.monotonic() + 60
        while server.log().count(" loaded from ") < 2 and time.monotonic() < deadline:  # both workers are up
            time.sleep(0.2)
        responses = asyncio.run(post_all(server.url, bodies, connections=50))
        assert [r.status_code for r in responses].count(201) == 1000
        ids = [r.json()["feedback_id"] for r in responses]
        assert len(set(ids)) == 1000
        assert [r.json()["id"] for r in responses] == list(range(1000))
        pids = {line.split()[4] for line in server.log().splitlines() if "POST /v1/feedback 201" in line}
        assert len(pids) == 2  # both workers wrote
        with server.client() as client:
            rows = exported(client)
    assert len(rows) == 1000
    assert sorted(r["text"] for r in rows) == sorted(b["text"] for b in bodies)
    assert sorted(r["feedback_id"] for r in rows) == sorted(ids)


def test_an_unreachable_database_is_a_503_and_the_checks_go_on(tmp_path):
    from service_harness import free_port

    url = f"postgresql+psycopg://taskqual:s3cret-pass@127.0.0.1:{free_port()}/feedback"  # nothing listens there
    with running_server(tmp_path, {"TASKQUAL_FEEDBACK_DB": url}) as server, server.client() as client:
        refused = client.post("/v1/feedback", json=ZMR)
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "feedback_unavailable"
        assert refused.headers["retry-after"] == "5"
        assert client.get("/v1/feedback").status_code == 503
        assert client.post("/v1/check", json={"text": ZMR["text"]}).status_code == 200
        log = server.log()
    assert "feedback database postgresql+psycopg://taskqual:***@127.0.0.1" in log and "OperationalError" in log
    assert "s3cret-pass" not in log and ZMR["text"] not in log
