"""Dates in CRM exports: a due-date or closing-date cell as a ``datetime.date``.

Shared by the export reader (a column of dates is a date column) and the report (what is due when),
so it sits below both.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Any

_DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%y",
    "%d.%m.%y %H:%M",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
)


def parse_date(value: Any) -> _dt.date | None:
    """The date in a due-date cell (a date, a datetime, or text like «20.11.2026 18:00:00»), else None.

    >>> parse_date("20.11.2026 18:00:00"), parse_date("2026-11-20"), parse_date(""), parse_date("скоро")
    (datetime.date(2026, 11, 20), datetime.date(2026, 11, 20), None, None)
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        try:
            return value.to_pydatetime().date()
        except (ValueError, TypeError):
            return None
    if isinstance(value, (bool, int, float)):
        return None
    return _parse_date_text(str(value).strip())


@lru_cache(maxsize=65536)
def _parse_date_text(s: str) -> _dt.date | None:
    if not s:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    try:
        return _dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        return None


__all__ = ["parse_date"]
