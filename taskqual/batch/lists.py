"""Side files of the report: the hot list (``--hot FILE``) and the company or deal export (``--companies``).

A hot list is a plain text file with one company name, deal name or ID per line, or a table (CSV,
XLSX, …) whose company or deal column is used. A company export is a table with a name column
(«Компания», «Название», «Наименование», «Сделка», …) and, when present, the manager, stage and budget.
"""

from __future__ import annotations

import os
from typing import Any

from taskqual.batch.columns import find_column
from taskqual.batch.exports import ROLE_NAMES
from taskqual.batch.readers import cell_text

# The columns are named as in a task export of the same CRM (taskqual.batch.exports.ROLE_NAMES); a list of
# companies or deals also calls its name column «Название» or «Наименование».
NAME_NAMES = (
    *ROLE_NAMES["company"],
    "название",
    "наименование",
    "название сделки",
    "сделка",
    "name",
    "title",
    "deal",
    "deal name",
    "краткое наименование",
    "полное наименование",
)


def _rows(path: str) -> tuple[list[str], list[list[Any]]]:
    from taskqual.batch.readers import open_source

    with open_source(path) as source:
        cols = list(source.columns)
        rows: list[list[Any]] = []
        for chunk in source.chunks():
            data = [chunk.column(j) for j in range(len(cols))]
            rows.extend([list(r) for r in zip(*data)])
    return cols, rows


def read_names(path: str) -> set[str]:
    """The names or IDs in a hot list: lines of a text file, or the name (else the ID) column of a table.

    An ID («4411», «CO_12») is looked for inside the client and deal cells of the export.
    """
    if os.path.splitext(path)[1].lower() in (".txt", ".lst", ""):
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            return {line.strip() for line in f if line.strip()}
    cols, rows = _rows(path)
    name = find_column(cols, NAME_NAMES) or find_column(cols, ROLE_NAMES["id"]) or cols[0]
    out = {cell_text(r[cols.index(name)]) for r in rows}  # names when the table has them, else its IDs
    return {s for s in out if s}


def read_companies(path: str) -> list[dict[str, Any]]:
    """Companies or deals of a CRM export: name, and manager / stage / budget when the export has them."""
    from taskqual.batch.columns import ColumnError

    cols, rows = _rows(path)
    name = find_column(cols, NAME_NAMES)
    if name is None:
        raise ColumnError(
            f"{path}: cannot tell which column holds the company or deal name; the columns are: "
            f"{', '.join(map(str, cols))}. Call it «Компания» or «Название»."
        )
    extra = {
        "manager": find_column([c for c in cols if c != name], ROLE_NAMES["manager"]),
        "stage": find_column([c for c in cols if c != name], ROLE_NAMES["stage"]),
        "budget": find_column([c for c in cols if c != name], ROLE_NAMES["budget"]),
    }
    out = []
    for r in rows:
        n = cell_text(r[cols.index(name)])
        if n:
            known = {k: (cell_text(r[cols.index(c)]) or None) if c else None for k, c in extra.items()}
            out.append({"name": n, **known})
    return out


__all__ = ["read_names", "read_companies"]
