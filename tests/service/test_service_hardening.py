"""What one request may cost, and what clients that send too slowly or too strangely get.

Real uvicorn over loopback: the session's default server for the per-request checks, a
``taskqual serve`` of its own for the connection deadlines.
"""

from __future__ import annotations

import json
import random
import socket
import time

import httpx
import pytest
from service_harness import running_server

JSON = {"Content-Type": "application/json"}
SECRET_TEXT = "Ромашка: " + "скидка 40% только для вас"  # a task text an exception message might quote


def error_of(response) -> tuple[int, str, str | None]:
    body = response.json()
    return response.status_code, body["error"]["code"], body["error"]["field"]


@pytest.mark.parametrize(
    "raw",
    [
        b'{"text": "\\u043f\\u043e\\u0437\\u0432\\u043e\\u043d\\u0438\\u0442\\u044c", "id": "\\ud800"}',
        b'{"text": "\\u043f\\u043e\\u0437\\u0432\\u043e\\u043d\\u0438\\u0442\\u044c", "id": "a\\udfffb"}',
    ],
    ids=["lone high surrogate", "lone low surrogate"],
)
def test_an_id_with_a_lone_surrogate_is_a_422(client, raw):
    response = client.post("/v1/check", content=raw, headers=JSON)
    assert error_of(response) == (422, "validation_error", "id")
    assert "surrogate" in response.json()["error"]["message"]


def test_a_text_with_a_lone_surrogate_is_a_422(client):
    raw = b'{"text": "\\u043f\\u043e\\u0437\\u0432\\u043e\\u043d\\u0438\\u0442\\u044c \\ud83d"}'
    assert error_of(client.post("/v1/check", content=raw, headers=JSON)) == (422, "validation_error", "text")


def test_a_lone_surrogate_in_a_batch_fails_only_its_item(client):
    raw = (
        b'{"items": [{"id": 1, "text": "\\u043f\\u043e\\u0437\\u0432\\u043e\\u043d\\u0438\\u0442\\u044c"}, '
        b'{"id": "\\ud800", "text": "\\u043f\\u043e\\u0437\\u0432\\u043e\\u043d\\u0438\\u0442\\u044c"}]}'
    )
    response = client.post("/v1/check/batch", content=raw, headers=JSON)
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first["id"] == 1 and "label" in first
    assert second["ok"] is False and second["id"] is None
    assert second["error"]["field"] == "items[1].id"


def _random_words(rng: random.Random, length: int) -> str:
    letters = "абвгдежзийклмнопрстуфхцчшщыэюя"
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(3, 10))))
    return " ".join(words)[:length]


def test_a_batch_over_the_character_budget_is_refused_whole(client):
    items = [{"id": i, "text": "позвонить в Ромашку " * 90} for i in range(60)]  # 60 × 1,800 = 108,000
    status, code, field = error_of(client.post("/v1/check/batch", json={"items": items}))
    assert (status, code, field) == (422, "batch_too_costly", "items")
    # NFKC expansion counts: 3 × 2,000 «ﷺ» are 108,000 characters to the classifier
    status, code, _ = error_of(client.post("/v1/check/batch", json={"items": [{"text": "ﷺ" * 2000}] * 3}))
    assert (status, code) == (422, "batch_too_costly")


def test_the_costliest_batch_within_the_limits_is_answered_whole_and_small(client):
    """40 distinct 2,000-character texts of made-up words: every item judged, the answer a few KB
    (what it costs in CPU and memory: ``benchmarks/bench_limits.py``)."""
    rng = random.Random(3)
    items = [{"id": i, "text": _random_words(rng, 2000)} for i in range(40)]  # 80,000 characters
    response = client.post("/v1/check/batch", json={"items": items})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == list(range(40)) and all(r["label"] for r in results)
    assert len(response.content) < 40 * 1000


def test_a_hint_quotes_only_an_excerpt(client):
    response = client.post("/v1/check", json={"text": "ﷺ" * 2000})
    assert response.status_code == 200
    assert len(response.json()["hint"]) < 300
    assert len(response.content) < 10_000


def test_an_unexpected_exception_is_logged_and_answered_500():
    """The envelope (an ASGI middleware) catches a bug: it logs the type and frames, not the message."""
    import asyncio
    import logging

    from taskqual.service.access import AccessMiddleware

    async def buggy_app(scope, receive, send):
        raise RuntimeError(SECRET_TEXT)

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    log = logging.getLogger("taskqual.service")
    log.addHandler(handler)
    try:

        async def call():
            transport = httpx.ASGITransport(app=AccessMiddleware(buggy_app, routes={"/v1/check"}))
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                return await c.post("/v1/check", json={"text": "x"})

        response = asyncio.run(call())
    finally:
        log.removeHandler(handler)
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal_error"
    errors = [r.getMessage() for r in records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].startswith("unhandled RuntimeError in POST /v1/check")
    assert "buggy_app" in errors[0] and SECRET_TEXT not in errors[0]


# ------------------------------------------------------------------------- slow and idle clients

SLOW_ENV = {
    "TASKQUAL_HEADER_TIMEOUT": "2",
    "TASKQUAL_BODY_TIMEOUT": "2",
    "TASKQUAL_KEEP_ALIVE_TIMEOUT": "2",
    "TASKQUAL_CORS_ORIGINS": "*",
}


def _open(server_url: str, first_bytes: bytes) -> socket.socket:
    host, port = server_url.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)))
    if first_bytes:
        s.sendall(first_bytes)
    return s


def _closed(s: socket.socket) -> bool:
    s.settimeout(0.01)
    try:
        while True:
            data = s.recv(65536)
            if not data:
                return True
    except (TimeoutError, BlockingIOError):
        return False
    except OSError:
        return True


def test_slow_and_idle_connections_are_dropped_while_others_are_served(tmp_path):
    with running_server(tmp_path, SLOW_ENV, cli=True) as server, server.client() as client:
        body = json.dumps({"text": "отправить КП в Ромашку до пятницы"}).encode()
        kinds = {
            "idle": b"",
            "slow head": b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: appl",
            "slow body": b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body[:10]),
        }
        opened_at = time.monotonic()
        sockets = [(kind, _open(server.url, first)) for kind, first in kinds.items() for _ in range(160)]
        served = 0
        while time.monotonic() - opened_at < 2.5:  # other clients meanwhile
            assert client.post("/v1/check", json={"text": "позвонить Ромашке"}).status_code == 200
            served += 1
        deadline = opened_at + 2 + 3  # the 2 s deadline and some slack for a loaded machine
        while time.monotonic() < deadline and not all(_closed(s) for _, s in sockets):
            time.sleep(0.1)
        still_open = [kind for kind, s in sockets if not _closed(s)]
        for _, s in sockets:
            s.close()
        assert still_open == [], f"{len(still_open)} connections still open"
        assert served  # other clients were served meanwhile (their latency: benchmarks/bench_limits.py)
        log = server.log()
        assert "TASKQUAL_CORS_ORIGINS is '*'" in log


def _answer(s: socket.socket, timeout: float = 10.0) -> bytes:
    """Everything the server sends until it closes the connection (or ``timeout`` passes)."""
    s.settimeout(timeout)
    answer = b""
    while chunk := s.recv(65536):
        answer += chunk
    return answer


def test_a_request_head_over_the_limit_gets_400_whole_or_still_arriving(tmp_path):
    env = {**SLOW_ENV, "TASKQUAL_HEADER_TIMEOUT": "30", "TASKQUAL_MAX_HEADER_BYTES": "4096"}
    with running_server(tmp_path, env, cli=True) as server, server.client() as client:
        request = b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
        # a whole head over 4 KiB, in one piece
        whole = _open(server.url, request + b"X-Big: " + b"a" * 5000 + b"\r\n\r\n{}")
        assert _answer(whole).startswith(b"HTTP/1.1 400 ")
        # a header that never ends, sent in pieces: closed once it passes the cap, long before the deadline
        growing = _open(server.url, request + b"X-Endless: ")
        started, sent = time.monotonic(), 0
        with pytest.raises(OSError):  # the server closes the connection while the client still sends
            while time.monotonic() - started < 10:
                growing.sendall(b"b" * 1000)
                sent += 1000
                time.sleep(0.002)
        assert time.monotonic() - started < 10, f"{sent} bytes of head taken"
        answer = _answer(growing)
        assert answer == b"" or answer.startswith(b"HTTP/1.1 400 ")
        # a head just under the cap, with a body far larger than it, is served
        text = "отправить КП в Ромашку до пятницы " + "и " * 900
        big_body = client.post("/v1/check", json={"text": text[:1990]}, headers={"X-Pad": "p" * 3500})
        assert big_body.status_code == 200
        assert "its head is over 4096 bytes (TASKQUAL_MAX_HEADER_BYTES)" in server.log()


def test_a_stalled_body_gets_408(tmp_path):
    with running_server(tmp_path, SLOW_ENV, cli=True) as server:
        s = _open(
            server.url,
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"text": ',
        )
        s.settimeout(10)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
        s.close()
        assert answer.startswith(b"HTTP/1.1 408 ")
        assert b'"code":"request_timeout"' in answer


def test_a_shutdown_that_cuts_a_request_says_so(tmp_path):
    """Past --graceful-timeout the request still running is cut: the last log line must not claim otherwise."""
    import signal
    import threading

    from test_service_lifecycle import slow_batch

    env = {
        "TASKQUAL_MAX_BATCH_CHARS": "10000000",
        "TASKQUAL_MAX_BODY_BYTES": str(64 * 2**20),
        "TASKQUAL_MAX_BATCH_SIZE": "5000",
    }
    with running_server(tmp_path, env, cli=True, args=["--graceful-timeout", "0.2"]) as server:
        answer: dict = {}
        body = json.dumps(slow_batch(2000), ensure_ascii=False).encode()
        sent = threading.Event()

        def chunks():
            for start in range(0, len(body), 1 << 20):
                yield body[start : start + (1 << 20)]
            sent.set()

        def send() -> None:
            try:
                answer["status"] = httpx.post(
                    server.url + "/v1/check/batch", content=chunks(), headers=JSON, timeout=120
                ).status_code
            except httpx.HTTPError as e:
                answer["status"] = type(e).__name__

        sender = threading.Thread(target=send)
        sender.start()
        assert sent.wait(60)
        time.sleep(1.0)  # the batch is being classified
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(60)
        sender.join(120)
        log = server.log()
        assert "in-flight requests have been answered" not in log, log[-2000:]
        assert "request(s) still running after the graceful timeout were cut off" in log
        assert answer["status"] != 200
