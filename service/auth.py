"""API keys: when ``TASKQUAL_API_KEYS`` is set, every ``/v1`` route asks for one.

A key is accepted as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>`` and compared with
every configured key in constant time, so the answer time says nothing about how much of a key
was right. The check is a FastAPI dependency: it runs before the body is read (routes read their
bodies themselves) and puts the two schemes in the OpenAPI schema.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from .errors import ApiError

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: <key>`")


def key_matches(given: str, keys: Sequence[bytes]) -> bool:
    """True if ``given`` is one of ``keys``; compares with all of them, each in constant time."""
    candidate = given.encode("utf-8")
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(candidate, key)
    return matched


def api_key_dependency(keys: Sequence[SecretStr]) -> Callable[..., Any]:
    """A dependency that lets a request through only with one of ``keys``."""
    secrets = tuple(k.get_secret_value().encode("utf-8") for k in keys)

    async def require_api_key(  # async: FastAPI would run a plain def in a thread, per request
        bearer: HTTPAuthorizationCredentials | None = Security(_bearer),
        api_key: str | None = Security(_header),
    ) -> None:
        given = [g for g in (api_key, bearer.credentials if bearer else None) if g]
        if not given:
            raise _unauthorized("an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
        if not any(key_matches(g, secrets) for g in given):
            raise _unauthorized("the API key is not valid")

    return require_api_key


def _unauthorized(message: str) -> ApiError:
    return ApiError("unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


__all__ = ["api_key_dependency", "key_matches"]
