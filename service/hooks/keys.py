"""API keys in the URL, for CRM webhooks (they cannot send headers): ``/v1/hooks/amocrm?key=…``.

The key leaves the query string before anything else sees the request: :class:`QueryKeyMiddleware`
(outermost) moves ``key`` out of the ASGI scope's ``query_string`` into a scope entry of its own.
uvicorn's access log, the service's access log, the metrics and the error handlers all read the
scope, so none of them can print it. :class:`RedactKeyFilter` is the second line: it masks
``key=…`` in any log record of the loggers it is put on (uvicorn's access log among them).
Only the hook routes accept a key this way; elsewhere it is removed and ignored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import Request, Security
from fastapi.security import APIKeyHeader, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr
from starlette.types import ASGIApp, Receive, Scope, Send

from ..auth import key_matches
from ..errors import ApiError

SCOPE_KEY = "taskqual.query_key"
_KEY_PARAM = re.compile(rb"(?:^|&)key=", re.IGNORECASE)
_REDACT = re.compile(r"(?i)([?&]key=)[^&\s\"']*")

# For the OpenAPI schema only: the key itself is read from the scope (the query no longer has it).
_query_doc = APIKeyQuery(
    name="key", auto_error=False, description="`?key=<key>` in the webhook URL (CRMs send no headers)"
)
_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: <key>`")


class QueryKeyMiddleware:
    """Take ``key`` out of every request's query string, before any logging can see it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _KEY_PARAM.search(scope.get("query_string", b"")):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            keys = [v for k, v in pairs if k.lower() == "key"]
            # The same dict uvicorn logs its access line from: changed in place, not copied.
            scope["query_string"] = urlencode([(k, v) for k, v in pairs if k.lower() != "key"]).encode("latin-1")
            scope[SCOPE_KEY] = keys[-1] if keys else ""
        await self.app(scope, receive, send)


class RedactKeyFilter(logging.Filter):
    """Mask ``?key=…``/``&key=…`` in a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _REDACT.sub(r"\1***", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_REDACT.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args)
        return True


def redact_key_in_logs(*names: str) -> None:
    """Put the redaction filter on these loggers and their handlers (a logger's own filters do not see
    the records of its children; its handlers do)."""
    for name in names:
        logger = logging.getLogger(name)
        for target in (logger, *logger.handlers):
            if not any(isinstance(f, RedactKeyFilter) for f in target.filters):
                target.addFilter(RedactKeyFilter())


def hook_key_dependency(keys: Sequence[SecretStr]) -> Callable[..., Any]:
    """A dependency for the hook routes: one of ``keys`` as ``?key=``, ``X-API-Key`` or Bearer, else 401."""
    secrets = tuple(k.get_secret_value().encode("utf-8") for k in keys)

    async def require_hook_key(  # async: FastAPI would run a plain def in a thread, per request
        request: Request,
        _in_query: str | None = Security(_query_doc),
        bearer: HTTPAuthorizationCredentials | None = Security(_bearer),
        api_key: str | None = Security(_header),
    ) -> None:
        given = [g for g in (request.scope.get(SCOPE_KEY), api_key, bearer.credentials if bearer else None) if g]
        if not given:
            raise ApiError(
                "unauthorized",
                "an API key is required: put it in the webhook URL as ?key=<key> (or send 'X-API-Key: <key>')",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not any(key_matches(g, secrets) for g in given):
            raise ApiError("unauthorized", "the API key is not valid", headers={"WWW-Authenticate": "Bearer"})

    return require_hook_key


__all__ = ["QueryKeyMiddleware", "RedactKeyFilter", "redact_key_in_logs", "hook_key_dependency", "SCOPE_KEY"]
