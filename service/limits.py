"""413 before the body is read: a pure ASGI middleware that looks at Content-Length first and then
counts the bytes as they stream in (chunked uploads have no Content-Length); 408 for a body that
does not arrive in time (a slow or stalled client must not hold a connection for ever)."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import send_error


class BodyLimitMiddleware:
    """Answer 413 ``payload_too_large`` as soon as a request body is known to exceed ``max_bytes``.

    A declared Content-Length over the limit is refused before a single body byte is read. A body
    without one is counted while the app reads it; the moment it passes the limit the client gets
    the 413, the app is told the client went away, and whatever the app still tries to send is
    dropped. The 413 closes the connection, so the unread rest of the body goes nowhere.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send, f"request body is {declared} bytes")
            return

        received = 0
        response_started = False
        refused = False
        deadline = asyncio.get_running_loop().time() + self.timeout if self.timeout else None

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            if deadline is None:
                message = await receive()
            else:
                try:
                    # a deadline on this task (no task of its own, unlike wait_for: cheap per request)
                    async with asyncio.timeout_at(deadline):
                        message = await receive()
                except TimeoutError:
                    refused = True
                    if not response_started:
                        await self._too_slow(send)
                    return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    refused = True
                    if not response_started:
                        await self._refuse(send, f"request body passed {self.max_bytes} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if refused:
                return  # the client already has its 413
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise

    async def _too_slow(self, send: Send) -> None:
        await send_error(
            send,
            408,
            "request_timeout",
            f"the request body did not arrive within {self.timeout:g} s (TASKQUAL_BODY_TIMEOUT); send it at once",
            [(b"connection", b"close")],
        )

    async def _refuse(self, send: Send, what: str) -> None:
        await send_error(
            send,
            413,
            "payload_too_large",
            f"{what}; at most {self.max_bytes} are accepted (TASKQUAL_MAX_BODY_BYTES). "
            "Send fewer items per batch request",
            [(b"connection", b"close")],
        )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP server refuses such a request before it gets here
    return None


__all__ = ["BodyLimitMiddleware"]
