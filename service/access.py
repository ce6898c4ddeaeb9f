"""The envelope of every request (a pure ASGI middleware, outermost): the request id, the access
log line, the request metrics, and a last-resort 500 in the documented shape."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import metrics
from service.errors import error_body
from service.logs import request_id

log = logging.getLogger("taskqual.service.access")

REQUEST_ID_HEADER = "X-Request-ID"
_HEADER_KEY = REQUEST_ID_HEADER.lower().encode()
# A caller's id is kept only if it is short and plain, so that it cannot forge log lines.
_SAFE_ID = re.compile(rb"[A-Za-z0-9._:\-]{1,128}")


class AccessMiddleware:
    def __init__(self, app: ASGIApp, routes: Iterable[str]) -> None:
        self.app = app
        self.routes = frozenset(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope) or uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500
        response_started = False
        header = (_HEADER_KEY, rid.encode())

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), header]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Starlette has already logged it and answered 500 if it could; this stops the
            # traceback (whose message may quote the input) from reaching uvicorn's log.
            if not response_started:
                body = error_body("internal_error", "internal error")
                await send({"type": "http.response.start", "status": 500, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), header]})
                await send({"type": "http.response.body", "body": body})
            status = 500
        finally:
            elapsed = time.perf_counter() - started
            path = scope["path"]
            route = path if path in self.routes else "other"
            metrics.observe_request(route, scope["method"], status, elapsed)
            if log.isEnabledFor(logging.INFO):
                log.info("%s %s %d %.1fms", scope["method"], route, status, elapsed * 1000)
            request_id.reset(token)


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == _HEADER_KEY:
            return value.decode("ascii") if _SAFE_ID.fullmatch(value) else None
    return None


__all__ = ["AccessMiddleware", "REQUEST_ID_HEADER"]
