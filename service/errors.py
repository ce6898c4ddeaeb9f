"""The one error shape every failure is answered with, and the handlers that produce it.

    {"error": {"code": "empty_text", "message": "…", "field": "text"}}

``code`` is stable and meant for programs, ``message`` is for the developer integrating a CRM,
``field`` points into the request body (``"items[3].text"``) or is null. No handler echoes the
input back, and none logs it: texts stay out of logs and error bodies alike.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import Send

log = logging.getLogger("taskqual.service")

# code → HTTP status. The codes are part of the API: documented in the README, never renamed.
STATUS = {
    "invalid_json": 400,
    "invalid_encoding": 400,
    "unauthorized": 401,
    "not_found": 404,
    "method_not_allowed": 405,
    "request_timeout": 408,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "validation_error": 422,
    "empty_text": 422,
    "text_too_long": 422,
    "batch_too_large": 422,
    "batch_too_costly": 422,
    "model_refused": 409,
    "internal_error": 500,
    "model_not_ready": 503,
    "crm_not_configured": 503,  # a CRM hook called on an instance without that CRM's settings
    "feedback_unavailable": 503,
}


class ApiError(Exception):
    """A request the service refuses, with the code, message and field the client is told."""

    def __init__(
        self, code: str, message: str, field: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field
        self.status = STATUS[code]
        self.headers = headers or {}

    def body(self) -> dict:
        return {"code": self.code, "message": self.message, "field": self.field}


def error_body(code: str, message: str, field: str | None = None) -> bytes:
    return json.dumps(
        {"error": {"code": code, "message": message, "field": field}}, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


async def send_error(
    send: Send, status: int, code: str, message: str, headers: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """An error answered straight from ASGI middleware (before or around the app): the same JSON body."""
    body = error_body(code, message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def error_response(error: ApiError) -> Response:
    return Response(
        error_body(error.code, error.message, error.field),
        status_code=error.status,
        headers=error.headers,
        media_type="application/json",
    )


async def _api_error(request: Request, exc: ApiError) -> Response:
    return error_response(exc)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Starlette's own errors (unknown path, wrong method) in our shape."""
    if exc.status_code == 404:
        error = ApiError("not_found", f"no such endpoint: {request.method} {request.url.path}; see /docs for the API")
    elif exc.status_code == 405:
        error = ApiError(
            "method_not_allowed",
            f"{request.method} is not allowed on {request.url.path}",
            headers=dict(exc.headers or {}),
        )
    else:  # not raised by the service itself; kept in shape all the same
        code = next((c for c, s in STATUS.items() if s == exc.status_code), "internal_error")
        error = ApiError(code, str(exc.detail))
        error.status = exc.status_code
    return error_response(error)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    """FastAPI's validation of parameters (the bodies are validated by ``taskqual.service.body``)."""
    first = exc.errors()[0] if exc.errors() else {}
    field = ".".join(str(p) for p in first.get("loc", ())[1:]) or None
    return error_response(ApiError("validation_error", first.get("msg", "invalid request"), field))


def log_unexpected(exc: BaseException, method: str, path: str) -> None:
    """Log a bug with its stack frames but not its message (which may quote the input)."""
    log.error(
        "unhandled %s in %s %s\n%s",
        type(exc).__name__,
        method,
        path,
        "".join(traceback.format_tb(exc.__traceback__)).rstrip(),
    )


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug, not bad input."""
    log_unexpected(exc, request.method, request.url.path)
    return error_response(
        ApiError(
            "internal_error", "internal error; the request id in the X-Request-ID header finds it in the service log"
        )
    )


def install_error_handlers(app: FastAPI) -> None:
    # Starlette's stub types every handler as taking `Exception` (not the class it is registered for),
    # so a handler for a subclass is rejected: https://github.com/encode/starlette/discussions/2391
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)


__all__ = ["log_unexpected", "ApiError", "STATUS", "error_body", "error_response", "install_error_handlers"]
