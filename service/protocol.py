"""uvicorn's HTTP/1.1 protocol (h11) with a deadline for the request line and headers.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but waits for ever for the first
request of a connection and for headers sent a byte at a time: a few hundred such clients hold a
worker's connections open. Here every connection must deliver a complete request head within
``TASKQUAL_HEADER_TIMEOUT`` seconds of opening, or of the previous response; otherwise it is closed.
(The body has its own deadline, ``TASKQUAL_BODY_TIMEOUT``, in :mod:`taskqual.service.limits`.)

    taskqual serve            # uses it; or:
    uvicorn taskqual.service.app:app --http taskqual.service.protocol:GuardedH11Protocol
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("taskqual.service")

DEFAULT_HEADER_TIMEOUT = 10.0


def header_timeout() -> float:
    """Seconds from ``TASKQUAL_HEADER_TIMEOUT`` (checked by :class:`taskqual.service.settings.Settings`)."""
    try:
        return float(os.environ.get("TASKQUAL_HEADER_TIMEOUT") or DEFAULT_HEADER_TIMEOUT)
    except ValueError:
        return DEFAULT_HEADER_TIMEOUT


class GuardedH11Protocol(H11Protocol):
    """H11Protocol that closes a connection whose request head is not complete in time."""

    header_timeout = header_timeout()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._armed_for: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._armed_for = self.scope  # a new request replaces the scope
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.scope is not self._armed_for or self.transport.is_closing():
            return  # a request came in: its body and response have their own limits
        log.info("connection closed: no complete request head within %gs", self.header_timeout)
        self.transport.close()


__all__ = ["GuardedH11Protocol", "header_timeout"]
