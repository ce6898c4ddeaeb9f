"""A fake amoCRM account and Bitrix24 portal on loopback, for tests and the hook benchmark.

It speaks the parts of the public APIs the hooks use and records every request it gets:

- amoCRM API v4: ``POST /api/v4/{leads|contacts|companies|customers}/{id}/notes`` with
  ``Authorization: Bearer <token>`` and ``[{"note_type": "common", "params": {"text": …}}]``;
  answers ``{"_total_items": 1, "_embedded": {"notes": [{"id", "entity_id", "request_id"}]}}``,
  401 for another token; ``GET`` on the same path lists the notes (``filter[note_type]``,
  ``order[id]``, ``limit``), 204 when there are none.
- Bitrix24 REST through an inbound webhook ``/rest/1/<secret>/``: ``tasks.task.get`` (taskId,
  select) → ``{"result": {"task": {"id", "title", "description"}}}``, ``task.commentitem.add``
  (TASKID, FIELDS.POST_MESSAGE) → ``{"result": <comment id>}``, ``task.commentitem.getlist``
  (TASKID) → ``{"result": [{"ID", "AUTHOR_ID", "POST_MESSAGE", …}]}``; unknown task → 400
  ``{"error": "ERROR_CORE", …}``, another secret → 401 ``{"error": "INVALID_CREDENTIALS", …}``.
- A Bitrix24 portal on the new task card (``bitrix24_task_chats = True``), where every task has a
  chat: ``tasks.task.get`` also gives ``chatId``; ``tasks.task.chat.message.send`` (``fields:
  {taskId, text}``) → ``{"result": true}``; ``im.dialog.messages.get`` (``DIALOG_ID=chat<N>``,
  ``LIMIT``) → ``{"result": {"messages": [{"id", "chat_id", "author_id", "text", …}], …}}``, newest
  first. On a classic portal the chat method is unknown: 404 ``{"error": "ERROR_METHOD_NOT_FOUND"}``.
  A method outside the webhook's scopes (``bitrix24_scopes``) → 401 ``{"error": "insufficient_scope"}``.

    with FakeCRM(amocrm_token="t", bitrix24_secret="s") as crm:
        crm.bitrix24_tasks["317"] = {"title": "Звонок Ромашке", "description": ""}
        ...; crm.wait_for(lambda r: r.path.endswith("/notes"), count=2)

``python tests/service/fake_crm.py PORT AMO_TOKEN B24_SECRET TASKS_FILE`` runs one on its own (the
hook benchmark does), with tasks 1…N of the portal titled by the lines of TASKS_FILE and
``GET /_counts`` saying how many calls of each kind it got.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

_NOTES = re.compile(r"/api/v4/(leads|contacts|companies|customers)/(\d+)/notes")
_REST = re.compile(r"/rest/1/([^/]+)/([a-z.]+?)(?:\.json)?")


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    at: float = field(default_factory=time.monotonic)

    @property
    def bearer(self) -> str:
        return self.headers.get("authorization", "").removeprefix("Bearer ")


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up (a timeout test, the service stopping): nothing to report


class FakeCRM:
    def __init__(
        self, *, amocrm_token: str = "", bitrix24_secret: str = "", record: bool = True, port: int = 0
    ) -> None:
        self.amocrm_token = amocrm_token
        self.bitrix24_secret = bitrix24_secret
        self.record = record
        self.received: list[Received] = []
        self.amocrm_notes: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.bitrix24_tasks: dict[str, dict[str, str]] = {}
        self.bitrix24_comments: dict[str, list[dict[str, str]]] = {}
        self.bitrix24_task_chats = False  # the portal is on the new task card: every task has a chat
        self.bitrix24_scopes = {"task", "im"}  # the scopes ticked on the inbound webhook
        self.bitrix24_chat_messages: dict[int, list[dict[str, Any]]] = {}  # by chat id, oldest first
        self.failures: list[int] = []  # statuses to answer, one per request, before answering normally
        self.delay = 0.0  # seconds to wait before answering (a slow or hanging CRM)
        self.answered = 0
        self.counts: dict[str, int] = {}  # requests by kind ("note", a Bitrix24 method), kept even without record
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._server = _QuietServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def bitrix24_webhook_url(self) -> str:
        return f"{self.url}/rest/1/{self.bitrix24_secret}/"

    def __enter__(self) -> FakeCRM:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.received.clear()
            self.failures.clear()
            self.delay = 0.0
            self.bitrix24_task_chats = False
            self.bitrix24_scopes = {"task", "im"}

    def notes(self) -> list[Received]:
        """The notes posted (not the lists read)."""
        return [r for r in self.snapshot() if r.method == "POST" and _NOTES.fullmatch(r.path)]

    def calls(self, method: str) -> list[Received]:
        """The Bitrix24 REST calls of ``method`` received so far."""
        return [r for r in self.snapshot() if (m := _REST.fullmatch(r.path)) and m.group(2) == method]

    def snapshot(self) -> list[Received]:
        with self._lock:
            return list(self.received)

    def wait_for(self, match: Callable[[Received], bool], count: int = 1, timeout: float = 10.0) -> list[Received]:
        """The received requests ``match`` accepts, once there are ``count`` of them (else AssertionError)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [r for r in self.received if match(r)]
                if len(found) >= count or time.monotonic() > deadline:
                    break
                self._cond.wait(0.05)
        assert len(found) >= count, f"the fake CRM got {len(found)} of the {count} requests awaited: {found}"
        return found

    def _answer(self, method: str, path: str, headers: dict[str, str], body: Any) -> tuple[int, Any]:
        kind = "note" if _NOTES.fullmatch(path) else (m.group(2) if (m := _REST.fullmatch(path)) else "other")
        with self._cond:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            if self.record:
                self.received.append(Received(method, path, headers, body))
            self._cond.notify_all()
            failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            return failure, {"error": "INTERNAL", "error_description": "fake failure"}
        if match := _NOTES.fullmatch(path):
            return self._amocrm_notes(match.group(1), match.group(2), headers, body)
        if match := _REST.fullmatch(path):
            return self._bitrix24(match.group(1), match.group(2), body)
        return 404, {"error": "NOT_FOUND"}

    def _amocrm_notes(self, entity: str, entity_id: str, headers: dict[str, str], body: Any) -> tuple[int, Any]:
        if headers.get("authorization") != f"Bearer {self.amocrm_token}":
            return 401, {
                "title": "Unauthorized",
                "type": "https://httpstatus.es/401",
                "status": 401,
                "detail": "Unauthorized",
            }
        ok = (
            isinstance(body, list)
            and body
            and all(
                isinstance(n, dict)
                and n.get("note_type") == "common"
                and isinstance(n.get("params", {}).get("text"), str)
                for n in body
            )
        )
        if not ok:
            return 400, {"title": "Bad Request", "status": 400, "validation-errors": [{"request_id": "0"}]}
        with self._lock:
            self.answered += 1
            first = self.answered
        notes = [{"id": first * 100 + i, "entity_id": int(entity_id), "request_id": str(i)} for i in range(len(body))]
        with self._lock:
            stored = self.amocrm_notes.setdefault((entity, entity_id), [])
            stored += [
                {"id": n["id"], "entity_id": n["entity_id"], "note_type": "common", "params": dict(note["params"])}
                for n, note in zip(notes, body)
            ]
        return 200, {"_total_items": len(notes), "_embedded": {"notes": notes}}

    def _amocrm_list_notes(
        self, entity: str, entity_id: str, headers: dict[str, str], query: dict[str, str]
    ) -> tuple[int, Any]:
        """``GET …/notes?filter[note_type]=common&order[id]=desc&limit=N``; 204 with no body when there are none."""
        if headers.get("authorization") != f"Bearer {self.amocrm_token}":
            return 401, {"title": "Unauthorized", "status": 401, "detail": "Unauthorized"}
        with self._lock:
            notes = list(self.amocrm_notes.get((entity, entity_id), []))
        if query.get("filter[note_type]"):
            notes = [n for n in notes if n["note_type"] == query["filter[note_type]"]]
        if query.get("order[id]") == "desc":
            notes.reverse()
        notes = notes[: int(query.get("limit", "50"))]
        if not notes:
            return 204, None
        return 200, {"_page": 1, "_embedded": {"notes": notes}}

    def _bitrix24(self, secret: str, method: str, params: Any) -> tuple[int, Any]:
        if secret != self.bitrix24_secret:
            return 401, {"error": "INVALID_CREDENTIALS", "error_description": "Invalid request credentials"}
        params = params if isinstance(params, dict) else {}
        timing = {"time": {"start": time.time(), "duration": 0.01}}
        if method == "tasks.task.chat.message.send" and not self.bitrix24_task_chats:
            return 404, {"error": "ERROR_METHOD_NOT_FOUND", "error_description": "Method not found!"}
        if ("im" if method.startswith("im.") else "task") not in self.bitrix24_scopes:
            return 401, {
                "error": "insufficient_scope",
                "error_description": "The request requires higher privileges than provided by the webhook token",
            }
        if method == "tasks.task.chat.message.send":
            return self._bitrix24_chat_send(params, timing)
        if method == "im.dialog.messages.get":
            return self._bitrix24_chat_history(params, timing)
        if method == "tasks.task.get":
            task_id = str(params.get("taskId", ""))
            task = self.bitrix24_tasks.get(task_id)
            if task is None:
                return 400, {
                    "error": "ERROR_CORE",
                    "error_description": "TASKS_ERROR_EXCEPTION_#8; Действие над "
                    "задачей не разрешено или задача не найдена",
                }
            found = {"id": task_id, **task}
            if self.bitrix24_task_chats and "CHAT_ID" in (params.get("select") or []):
                found["chatId"] = self.chat_of(task_id)
            return 200, {"result": {"task": found}, **timing}
        if method in ("task.commentitem.add", "task.commentitem.getlist"):
            task_id = str(params.get("TASKID", ""))
            if task_id not in self.bitrix24_tasks:
                return 400, {"error": "ERROR_CORE", "error_description": "TASKS_ERROR_EXCEPTION_#8"}
            with self._lock:
                comments = self.bitrix24_comments.setdefault(task_id, [])
                if method == "task.commentitem.getlist":
                    return 200, {"result": list(comments), **timing}
                message = (params.get("FIELDS") or {}).get("POST_MESSAGE")
                if not isinstance(message, str) or not message:
                    return 400, {"error": "ERROR_CORE", "error_description": "POST_MESSAGE is required"}
                comment = {
                    "ID": str(1000 + sum(map(len, self.bitrix24_comments.values()))),
                    "AUTHOR_ID": "1",
                    "POST_MESSAGE": message,
                    "POST_DATE": time.strftime("%Y-%m-%dT%H:%M:%S+03:00"),
                }
                comments.append(comment)
            return 200, {"result": int(comment["ID"]), **timing}
        return 404, {"error": "ERROR_METHOD_NOT_FOUND", "error_description": "Method not found!"}

    @staticmethod
    def chat_of(task_id: str) -> int:
        """The chat id of a task on a portal with task chats."""
        return 5000 + int(task_id)

    def _bitrix24_chat_send(self, params: dict[str, Any], timing: dict[str, Any]) -> tuple[int, Any]:
        fields = params.get("fields") if isinstance(params.get("fields"), dict) else {}
        task_id, text = str(fields.get("taskId", "")), fields.get("text")
        if task_id not in self.bitrix24_tasks:
            return 400, {"error": "ERROR_CORE", "error_description": "TASKS_ERROR_EXCEPTION_#8"}
        if not isinstance(text, str) or not text:
            return 400, {"error": "ERROR_CORE", "error_description": "text is required"}
        with self._lock:
            chat = self.bitrix24_chat_messages.setdefault(self.chat_of(task_id), [])
            chat.append(
                {
                    "id": 90_000 + sum(map(len, self.bitrix24_chat_messages.values())),
                    "chat_id": self.chat_of(task_id),
                    "author_id": 1,
                    "date": time.strftime("%Y-%m-%dT%H:%M:%S+03:00"),
                    "text": text,
                    "params": {},
                }
            )
        return 200, {"result": True, **timing}

    def _bitrix24_chat_history(self, params: dict[str, Any], timing: dict[str, Any]) -> tuple[int, Any]:
        dialog = str(params.get("DIALOG_ID", ""))
        chat_id = int(dialog[4:]) if dialog.startswith("chat") and dialog[4:].isdigit() else None
        if chat_id is None or chat_id - 5000 < 1 or str(chat_id - 5000) not in self.bitrix24_tasks:
            return 400, {"error": "ACCESS_ERROR", "error_description": "You do not have access to the specified dialog"}
        with self._lock:
            newest_first = list(reversed(self.bitrix24_chat_messages.get(chat_id, [])))
        limit = int(params.get("LIMIT") or 20)
        return 200, {
            "result": {"chat_id": chat_id, "messages": newest_first[:limit], "users": [], "files": []},
            **timing,
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        crm = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 64 * 1024  # head and body leave in one segment (no 40 ms delayed-ACK stall)
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # http.server's naming
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, answer = crm._answer("POST", self.path.partition("?")[0], headers, body)
                if crm.delay:
                    time.sleep(crm.delay)
                payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def do_GET(self) -> None:  # amoCRM's notes list; /_counts for the benchmark
                path, _, query = self.path.partition("?")
                headers = {k.lower(): v for k, v in self.headers.items()}
                if path == "/_counts":
                    with crm._lock:
                        status, answer = 200, dict(crm.counts)
                elif match := _NOTES.fullmatch(path):
                    with crm._lock:
                        crm.counts["list notes"] = crm.counts.get("list notes", 0) + 1
                        if crm.record:
                            crm.received.append(Received("GET", path, headers, dict(parse_qsl(query))))
                    status, answer = crm._amocrm_list_notes(
                        match.group(1), match.group(2), headers, dict(parse_qsl(query))
                    )
                else:
                    status, answer = 404, {"error": "NOT_FOUND"}
                self.send_response(status)
                if status == 204:
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def main(argv: list[str]) -> None:
    port, token, secret, tasks = argv
    crm = FakeCRM(amocrm_token=token, bitrix24_secret=secret, record=False, port=int(port))
    with open(tasks, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        crm.bitrix24_tasks[str(n)] = {"title": line, "description": ""}
    crm._server.serve_forever()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])


__all__ = ["FakeCRM", "Received"]
