"""Reading a request body: JSON in UTF-8, checked step by step so that each way of getting it
wrong has its own error code and a message that says how to get it right."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import ClientDisconnect, Request

from .errors import ApiError
from .schemas import ID_MAX_LENGTH

_EXAMPLE = '{"text": "отправить КП до пятницы"}'


async def read_json(request: Request) -> object:
    """The parsed JSON body, or ApiError: 415 for another content type, 400 for bytes that are not
    UTF-8 or not JSON. (Size is the job of ``taskqual.service.limits``, which runs before this.)"""
    _check_content_type(request.headers.get("content-type"))
    try:
        raw = await request.body()
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
        return json.loads(decoded, parse_constant=_refuse_constant)
    except json.JSONDecodeError as e:
        raise ApiError(
            "invalid_json", f"request body is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    except ValueError as e:
        raise ApiError("invalid_json", f"request body is not valid JSON: {e}") from None
    except RecursionError:
        raise ApiError("invalid_json", "request body is not valid JSON: nested too deeply") from None


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


def json_object(value: object, where: str) -> dict[str, Any]:
    """``value`` if it is a JSON object, or ApiError saying what it is instead."""
    if not isinstance(value, dict):
        raise ApiError(
            "validation_error", f"{where or 'request body'} must be a JSON object, got {_kind(value)}", where or None
        )
    return value


def field_of(body: dict[str, Any], name: str, where: str) -> object:
    """``body[name]``, or ApiError naming what is missing."""
    if name not in body:
        raise ApiError("validation_error", f"field '{name}' is missing", _join(where, name))
    return body[name]


def task_id(body: dict[str, Any], where: str = "") -> str | int | None:
    """The optional ``id``: a string (up to 200 characters) or an integer, echoed back unchanged."""
    value = body.get("id")
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str):
        if len(value) > ID_MAX_LENGTH:
            raise ApiError(
                "validation_error", f"id is {len(value)} characters long; at most {ID_MAX_LENGTH}", _join(where, "id")
            )
        _check_unicode(value, _join(where, "id"))
        return value
    raise ApiError("validation_error", f"id must be a string or an integer, got {_kind(value)}", _join(where, "id"))


def task_text(body: dict[str, Any], where: str, max_length: int) -> str:
    """The ``text`` field: a string of at most ``max_length`` characters (emptiness is the library's call)."""
    value = field_of(body, "text", where)
    field = _join(where, "text")
    if not isinstance(value, str):
        raise ApiError("validation_error", f"text must be a string, got {_kind(value)}", field)
    if len(value) > max_length:
        raise ApiError(
            "text_too_long",
            f"text is {len(value)} characters long; at most {max_length} are accepted "
            "(a task title or short description, not a whole e-mail)",
            field,
        )
    _check_unicode(value, field)
    return value


def _check_unicode(value: str, field: str) -> None:
    """422 for a string that cannot be sent back as UTF-8: a lone surrogate escape such as ``"\\ud800"``."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ApiError(
            "validation_error",
            f"{field} holds an unpaired surrogate escape (\\u{ord(value[e.start]):04x}) "
            f"at character {e.start}; send valid Unicode text",
            field,
        ) from None


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


__all__ = ["read_json", "json_object", "field_of", "task_id", "task_text"]
