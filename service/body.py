"""Reading a request body: JSON in UTF-8, checked step by step so that each way of getting it
wrong has its own error code and a message that says how to get it right; then validated by the
request models of :mod:`taskqual.service.schemas`, whose refusals become the same ApiError."""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from starlette.requests import ClientDisconnect, Request
from starlette.types import Receive, Scope

from taskqual.errors import MAX_TEXT_LENGTH

from .errors import STATUS, ApiError

M = TypeVar("M", bound=BaseModel)

_EXAMPLE = '{"text": "отправить КП до пятницы"}'


async def read_json(request: Request) -> object:
    """The parsed JSON body, or ApiError: 415 for another content type, 400 for bytes that are not
    UTF-8 or not JSON. (Size is the job of ``taskqual.service.limits``, which runs before this.)"""
    _check_content_type(_header(request.scope, b"content-type"))
    try:
        raw = await _body(request.receive)
    except ClientDisconnect:  # gone, or cut off by the body limit (which has answered already)
        raise ApiError("invalid_json", "the request body ended before it was complete") from None
    if not raw.strip():
        raise ApiError("invalid_json", f"request body is empty; send a JSON object, e.g. {_EXAMPLE}")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError(
            "invalid_encoding",
            f"request body is not valid UTF-8 (bad byte at offset {e.start}); encode the JSON as UTF-8",
        ) from None
    try:
        if decoded.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", decoded, 0)
        return _DECODER.decode(decoded)
    except json.JSONDecodeError as e:
        raise ApiError(
            "invalid_json", f"request body is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    except ValueError as e:
        raise ApiError("invalid_json", f"request body is not valid JSON: {e}") from None
    except RecursionError:
        raise ApiError("invalid_json", "request body is not valid JSON: nested too deeply") from None


def _header(scope: Scope, name: bytes) -> str | None:
    """The first value of header ``name`` (lower case), as Starlette's ``request.headers.get`` gives it,
    without building the Headers object (a tenth of a check's service time went to that and to the
    body stream below)."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


async def _body(receive: Receive) -> bytes:
    """The whole request body, as Starlette's ``request.body()`` reads it, by a plain loop over the
    ASGI messages (no async generator per request); ClientDisconnect when the client went away."""
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.request":
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        elif message["type"] == "http.disconnect":
            raise ClientDisconnect
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _check_content_type(value: str | None) -> None:
    media, _, params = (value or "").partition(";")
    if media.strip().lower() != "application/json":
        got = f"got {media.strip()!r}" if value else "no Content-Type was sent"
        raise ApiError("unsupported_media_type", f"send the body as JSON with 'Content-Type: application/json' ({got})")
    for param in params.split(";"):
        name, _, charset = param.partition("=")
        if name.strip().lower() == "charset" and charset.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise ApiError("unsupported_media_type", f"only UTF-8 is accepted, got charset={charset.strip()}")


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


# One decoder for every request: ``json.loads(..., parse_constant=...)`` builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def validated(model: type[M], value: object, *, where: str = "", max_text_length: int = MAX_TEXT_LENGTH) -> M:
    """``value`` validated by one of the request models of :mod:`taskqual.service.schemas`, or the ApiError of
    its first problem (fields are checked in the model's order: ``text``, then ``type``, then ``id``).

    ``where`` locates ``value`` in the request (``"items[3]"``), ``max_text_length`` is the instance's limit.
    """
    try:
        return model.model_validate(value, context={"where": where, "max_text_length": max_text_length})
    except ValidationError as e:
        raise _api_error(model, e.errors(include_url=False)[0], where) from None


def _api_error(model: type[BaseModel], error: ErrorDetails, where: str) -> ApiError:
    loc = [str(part) for part in error["loc"]]
    field = ".".join([where, *loc] if where else loc) or None
    if error["type"] == "missing":
        messages: dict[str, str] = getattr(model, "missing_messages", {})
        return ApiError("validation_error", messages.get(loc[-1], f"field '{loc[-1]}' is missing"), field)
    code = error["type"] if error["type"] in STATUS else "validation_error"  # our checks name the API's codes
    return ApiError(code, error["msg"], field)


__all__ = ["read_json", "validated"]
