"""Which column holds what: the names of the task text column, and how a column is found by name.

CRM exports name their columns in Russian or English and in many ways; the names are matched
after lower-casing and dropping everything but letters and digits, first exactly, then as a prefix.
The names of the other roles (manager, company, due date, status, …) are in
:data:`taskqual.batch.exports.ROLE_NAMES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, overload

TEXT_NAMES = (
    "задача",
    "название",
    "название задачи",
    "текст задачи",
    "описание",
    "описание задачи",
    "текст",
    "тема",
    "тема дела",
    "описание дела",
    "содержание",
    "действие тема",
    "задача название",
    "text",
    "task",
    "title",
    "name",
    "subject",
    "description",
)
_KEEP = re.compile(r"[^0-9a-zа-яё]+")


def _key(name: object) -> str:
    return _KEEP.sub(" ", str(name).lower().replace("ё", "е")).strip()


def find_column(columns: Sequence[str], candidates: Sequence[str]) -> str | None:
    """The first column whose name matches one of ``candidates`` (exactly, then as a prefix).

    >>> find_column(["ID", "Задача", "Ответственный"], TEXT_NAMES)
    'Задача'
    >>> find_column(["id", "Text of task"], TEXT_NAMES)
    'Text of task'
    >>> find_column(["id", "amount"], TEXT_NAMES) is None
    True
    """
    keys = {c: _key(c) for c in columns}
    wanted = [_key(c) for c in candidates]
    for w in wanted:
        for c, k in keys.items():
            if k == w:
                return c
    for w in wanted:
        for c, k in keys.items():
            if k.startswith(w + " "):
                return c
    return None


@overload
def resolve(
    columns: Sequence[str], given: str | None, candidates: Sequence[str], what: str, required: Literal[True]
) -> str: ...
@overload
def resolve(
    columns: Sequence[str], given: str | None, candidates: Sequence[str], what: str, required: bool
) -> str | None: ...
def resolve(
    columns: Sequence[str], given: str | None, candidates: Sequence[str], what: str, required: bool
) -> str | None:
    """The column to use: the one given on the command line (checked), else the detected one."""
    if given is not None:
        if given in columns:
            return given
        by_key = [c for c in columns if _key(c) == _key(given)]
        if by_key:
            return by_key[0]
        raise ColumnError(f"no column {given!r} for the {what}; the columns are: {', '.join(map(str, columns))}")
    found = find_column(columns, candidates)
    if found is None and required:
        raise ColumnError(
            f"cannot tell which column holds the {what}: none is called "
            f"{', '.join(repr(c) for c in candidates[:6])}...; the columns are: {', '.join(map(str, columns))}. "
            f"Name it with --{what.replace(' ', '-')}-column."
        )
    return found


class ColumnError(ValueError):
    """A column named on the command line is not there, or a required one cannot be found."""


__all__ = [
    "find_column",
    "resolve",
    "ColumnError",
    "TEXT_NAMES",
]
