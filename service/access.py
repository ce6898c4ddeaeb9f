"""The envelope of every request (a pure ASGI middleware, outermost): the request id, the access
log line, the request metrics, and a last-resort 500 in the documented shape."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import re
import time
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import metrics
from .errors import log_unexpected, send_error
from .logs import request_id

log = logging.getLogger("taskqual.service.access")

REQUEST_ID_HEADER = "X-Request-ID"
_HEADER_KEY = REQUEST_ID_HEADER.lower().encode()
# A caller's id is kept only if it is short and plain, so that it cannot forge log lines.
_SAFE_ID = re.compile(rb"[A-Za-z0-9._:\-]{1,128}")


class _RequestIds:
    """32 hex digits, unique per request: a random prefix per process and a counter. (uuid4 reads
    the kernel's random pool on every request; an id needs to be unique, not unpredictable.)"""

    def __init__(self) -> None:
        self.reset()
        os.register_at_fork(after_in_child=self.reset)  # a forked worker must not repeat its parent's ids

    def reset(self) -> None:
        self.prefix = os.urandom(8).hex()
        self.counter = itertools.count()

    def next(self) -> str:
        return f"{self.prefix}{next(self.counter) & 0xFFFFFFFFFFFFFFFF:016x}"


new_request_id = _RequestIds().next


class InFlight:
    """Requests of this worker now being answered, and those a shutdown cut off (for the last log line)."""

    running = 0
    cut = 0


class AccessMiddleware:
    def __init__(self, app: ASGIApp, routes: Iterable[str]) -> None:
        self.app = app
        self.routes = frozenset(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope) or new_request_id()
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

        InFlight.running += 1
        try:
            await self.app(scope, receive, send_with_id)
        except asyncio.CancelledError:  # the server cancels what outlives the graceful shutdown
            InFlight.cut += 1
            raise
        except Exception as exc:
            # Logged here, where it is caught (Starlette's handler for Exception runs outside this
            # middleware and never sees it); the message, which may quote the input, is not logged,
            # and the traceback does not reach uvicorn's log.
            log_unexpected(exc, scope["method"], scope["path"])
            if not response_started:
                await send_error(send, 500, "internal_error", "internal error", [header])
            status = 500
        finally:
            InFlight.running -= 1
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


__all__ = ["InFlight", "AccessMiddleware", "REQUEST_ID_HEADER"]
