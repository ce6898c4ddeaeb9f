"""uvicorn's HTTP/1.1 protocols with a deadline for the request line and headers, and a cap on their size.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but waits for ever for the first
request of a connection and for headers sent a byte at a time: a few hundred such clients hold a
worker's connections open. Here every connection must deliver a complete request head within
``TASKQUAL_HEADER_TIMEOUT`` seconds of opening, or of the previous response; otherwise it is closed.
(The body has its own deadline, ``TASKQUAL_BODY_TIMEOUT``, in :mod:`taskqual.service.limits`.)

Two flavours: :class:`GuardedHttpToolsProtocol` (``taskqual serve``; the C parser, about a quarter
less CPU per request than h11) and :class:`GuardedH11Protocol` (pure Python). h11 caps the head
itself (uvicorn's ``h11_max_incomplete_event_size``); httptools has no cap, so the httptools flavour
counts the head's bytes and answers 400 past ``TASKQUAL_MAX_HEADER_BYTES``.

    taskqual serve            # uses it; or: uvicorn taskqual.service.app:app \
        --http taskqual.service.protocol:GuardedHttpToolsProtocol
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("taskqual.service")

DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_MAX_HEADER_BYTES = 16 * 1024


def _env_number(name: str, default: float) -> float:
    """A number from the environment (checked by :class:`taskqual.service.settings.Settings`), else ``default``."""
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        return default


def header_timeout() -> float:
    """Seconds from ``TASKQUAL_HEADER_TIMEOUT`` (checked by :class:`taskqual.service.settings.Settings`)."""
    return _env_number("TASKQUAL_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT)


def max_header_bytes() -> int:
    """Bytes from ``TASKQUAL_MAX_HEADER_BYTES``."""
    return int(_env_number("TASKQUAL_MAX_HEADER_BYTES", DEFAULT_MAX_HEADER_BYTES))


class _HeadDeadline:
    """Closes a connection whose request head is not complete ``header_timeout`` seconds after it
    opened or after its previous response. Mixed into a uvicorn HTTP protocol (ahead of it)."""

    header_timeout = header_timeout()
    # provided by the uvicorn protocol this is mixed into
    loop: asyncio.AbstractEventLoop
    scope: Any
    transport: asyncio.Transport

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._armed_for: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm(self) -> None:
        self._disarm()
        self._armed_for = self._head_mark()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_mark(self) -> object:
        """Changes whenever a complete request head has arrived (h11 makes a new scope only then)."""
        return self.scope

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._head_mark() is not self._armed_for or self.transport.is_closing():
            return  # a request came in: its body and response have their own limits
        log.info("connection closed: no complete request head within %gs", self.header_timeout)
        self.transport.close()


class GuardedH11Protocol(_HeadDeadline, H11Protocol):  # type: ignore[misc]  # transport narrowed as uvicorn does
    """H11Protocol that closes a connection whose request head is not complete in time."""


class HeadTooLarge(Exception):
    """Raised from a parser callback: httptools turns it into a parser error, uvicorn into a 400."""


class GuardedHttpToolsProtocol(_HeadDeadline, HttpToolsProtocol):  # type: ignore[misc]  # as above
    """HttpToolsProtocol with the head deadline, and 400 for a request head over ``max_header_bytes``.

    The head is measured twice: exactly, from the parser's callbacks (the URL and every header), and,
    for a head still arriving, by the bytes received since it began. The second count starts at the
    read that began the request, so a partial head can pass the cap by at most one read (64-256 KiB)
    before the connection is closed; it cannot grow further.
    """

    max_header_bytes = max_header_bytes()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_size = 0  # URL and headers seen by the parser for the current request
        self._head_open = True  # bytes now arriving belong to a request head
        self._head_received = 0  # bytes received while the head was open, after the read that began it
        self._began_in_read = False
        self._last_head = object()  # replaced by every complete head (httptools makes a new scope as a head *begins*)

    def _head_mark(self) -> object:
        return self._last_head

    def data_received(self, data: bytes) -> None:
        self._began_in_read = False
        super().data_received(data)
        if self._head_open and not self._began_in_read and not self.transport.is_closing():
            self._head_received += len(data)
            if self._head_received > self.max_header_bytes:
                self._refuse_head()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_size, self._head_received, self._head_open, self._began_in_read = 0, 0, True, True

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)  # «name: value\r\n»
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._head_open = False
        self._last_head = object()
        super().on_headers_complete()

    def _count(self, n: int) -> None:
        self._head_size += n
        if self._head_size > self.max_header_bytes:
            log.info("request refused: its head is over %d bytes (TASKQUAL_MAX_HEADER_BYTES)", self.max_header_bytes)
            raise HeadTooLarge

    def _refuse_head(self) -> None:
        log.info("request refused: its head is over %d bytes (TASKQUAL_MAX_HEADER_BYTES)", self.max_header_bytes)
        self.send_400_response("Request head too large.")


__all__ = ["GuardedH11Protocol", "GuardedHttpToolsProtocol", "header_timeout", "max_header_bytes"]
