"""CRM webhooks come form-encoded with PHP-style bracketed names, ``task[add][0][text]=…``; this
reads such a body into nested dicts, with the errors a client can act on.

>>> parse_form(b"task%5Badd%5D%5B0%5D%5Btext%5D=%D0%97%D0%B2%D0%BE%D0%BD%D0%BE%D0%BA&account%5Bid%5D=7")
{'task': {'add': {'0': {'text': 'Звонок'}}}, 'account': {'id': '7'}}
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.requests import ClientDisconnect, Request

from ..errors import ApiError

MAX_FIELDS = 5000  # amoCRM sends about 20 fields per task, a few hundred tasks at most
MAX_DEPTH = 6
_NAME = re.compile(r"([^\[\]]+)((?:\[[^\[\]]*\])*)")
_PART = re.compile(r"\[([^\[\]]*)\]")

Form = dict[str, "str | Form"]


async def read_form(request: Request) -> Form:
    """The body of a form-encoded webhook as nested dicts, or ApiError (415, 400, 422)."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        got = f"got {media!r}" if media else "no Content-Type was sent"
        raise ApiError(
            "unsupported_media_type",
            "a CRM webhook is sent as 'application/x-www-form-urlencoded' "
            f"({got}); point the CRM's webhook at this URL as it is",
        )
    try:
        raw = await request.body()
    except ClientDisconnect:
        raise ApiError("validation_error", "the request body ended before it was complete") from None
    return parse_form(raw)


def parse_form(raw: bytes) -> Form:
    """``a[b][c]=v`` pairs → ``{"a": {"b": {"c": "v"}}}``; the last of repeated names wins."""
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ApiError("invalid_encoding", "the form body is not percent-encoded UTF-8") from None
    except ValueError:
        raise ApiError("validation_error", f"the form has more than {MAX_FIELDS} fields") from None
    form: Form = {}
    for name, value in pairs:
        if not name:
            continue  # «=x» or a stray «&»: nothing to file it under (PHP drops it too)
        path = _path(name)
        node = form
        for depth, part in enumerate(path):
            if depth == len(path) - 1:
                if isinstance(node.get(part), dict):
                    raise ApiError(
                        "validation_error", f"form field {_shown(path)} is both a value and a group", _shown(path)
                    )
                node[part] = value
                break
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise ApiError(
                    "validation_error",
                    f"form field {_shown(path[: depth + 1])} is both a value and a group",
                    _shown(path[: depth + 1]),
                )
            node = child
    return form


def _path(name: str) -> list[str]:
    match = _NAME.fullmatch(name)
    if match is None:
        raise ApiError("validation_error", "a form field name is not of the form name[part][part]…", None)
    path = [match.group(1), *_PART.findall(match.group(2))]
    if len(path) > MAX_DEPTH:
        raise ApiError(
            "validation_error",
            f"form field {_shown(path[:MAX_DEPTH])}… is nested more than {MAX_DEPTH} levels deep",
            None,
        )
    return path


def _shown(path: list[str]) -> str:
    """A field name to quote in an error: only names (at most 40 characters each), never values."""
    return path[0][:40] + "".join(f"[{p[:40]}]" for p in path[1:])


_PLAIN = re.compile(r"[A-Za-z0-9_.:\-]*")


def loggable(text: str, limit: int = 40) -> str:
    r"""A value from a webhook as it may appear in a log line: plain ids as they are, anything else
    quoted with its control and non-ASCII characters escaped, so that it cannot forge a line.

    >>> loggable("1842"), loggable("1\n2024-01-01 ERROR forged")
    ('1842', "'1\\n2024-01-01 ERROR forged'")
    """
    return text[:limit] if _PLAIN.fullmatch(text[:limit]) else ascii(text[:limit])


def group(form: Form, *path: str) -> Form:
    """``form[path…]`` if it is a group of fields, else an empty one."""
    node: object = form
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def value(form: Form, name: str) -> str:
    """``form[name]`` as a string ('' when missing or a group)."""
    found = form.get(name)
    return found if isinstance(found, str) else ""


__all__ = ["read_form", "parse_form", "group", "value", "loggable", "Form"]
