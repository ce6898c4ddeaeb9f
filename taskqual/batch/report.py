"""The evening review in numbers: labels per manager, overdue tasks, frozen clients, what to delegate.

:class:`ReportBuilder` takes scored rows chunk by chunk and keeps only counters, one small record
per company and bounded lists of examples, so a report over millions of rows needs little memory.
:func:`build_report` runs the whole thing on a file.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from taskqual.verdict import LABELS

NO_MANAGER = "(не указан)"
TOP_WORST = 30
TOP_DELEGABLE_PER_MANAGER = 8
TOP_FROZEN = 200
TOP_FLAGGED = 30

# Statuses of finished tasks in Bitrix24, amoCRM and friends; anything else is open.
_CLOSED_RE = re.compile(
    r"(?<!не )\b(?:заверш[её]н|выполнен|закрыт|отмен[её]н|сделан|решен|готов)[аоы]?\b"
    r"|\b(?:done|closed|completed?|cancell?ed|finished|resolved)\b",
    re.IGNORECASE,
)
_LEGAL_PREFIX_RE = re.compile(r"^(?:ооо|оао|зао|пао|ао|ип|тд|гк|нпо|ooo|llc)\s+", re.IGNORECASE)
_QUOTES_RE = re.compile(r"[«»\"'“”„]")
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


def is_closed(status: Any) -> bool:
    """True for a status that means the task is finished (or cancelled).

    >>> [is_closed(s) for s in ("Завершена", "Выполнена", "Не выполнена", "Ждёт выполнения", "Done", None)]
    [True, True, False, False, True, False]
    """
    if status is None:
        return False
    return bool(_CLOSED_RE.search(str(status).strip().lower().replace("ё", "е")))


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
    if isinstance(value, float) and value != value:
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
        return _dt.datetime.fromisoformat(s).date()
    except ValueError:
        return None


def company_key(name: str) -> str:
    """The key that groups spellings of one company: «ООО "Ромашка"» and «ромашка» are the same.

    >>> company_key('ООО "Ромашка"') == company_key("ромашка") == company_key("Ромашка ")
    True
    """
    s = _QUOTES_RE.sub(" ", name.casefold().replace("ё", "е"))
    s = " ".join(s.split())
    return _LEGAL_PREFIX_RE.sub("", s).strip() or s


@dataclass
class _Company:
    name: str
    open: int = 0
    concrete_open: int = 0
    overdue: int = 0
    closed: int = 0
    managers: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    example: tuple[int, str, str] | None = None  # (row, text, hint) of the first open task
    oldest_due: _dt.date | None = None


@dataclass
class _Manager:
    name: str
    tasks: int = 0
    flagged: int = 0
    labels: Counter = field(default_factory=Counter)
    open: int = 0
    overdue: int = 0
    overdue_not_concrete: int = 0
    delegable: list = field(default_factory=list)  # heap of (confidence, row, text, hint, company)


class ReportBuilder:
    """Accumulates scored rows into the report (see :meth:`result` for its shape)."""

    def __init__(
        self,
        *,
        today: _dt.date | None = None,
        has_due: bool = False,
        has_status: bool = False,
        has_company_column: bool = False,
    ) -> None:
        self.today = today or _dt.date.today()
        self.has_due = has_due
        self.has_status = has_status
        self.has_company_column = has_company_column
        self.managers: dict[str, _Manager] = {}
        self.companies: dict[str, _Company] = {}
        self.worst: list[tuple] = []  # min-heap of (rank, row, ...), the worst TOP_WORST kept
        self.flagged: list[dict] = []
        self.rows = 0
        self.bad_dates = 0
        self.model_version = ""

    def add(
        self,
        *,
        rows: Sequence[int],
        texts: Sequence[str],
        labels: Sequence[str | None],
        confidences: Sequence[float],
        hints: Sequence[str],
        errors: Sequence[str | None],
        found_companies: Sequence[str | None],
        managers: Sequence[Any] | None = None,
        companies: Sequence[Any] | None = None,
        dues: Sequence[Any] | None = None,
        statuses: Sequence[Any] | None = None,
    ) -> None:
        """Add scored rows; the optional columns are None when the input has no such column."""
        today = self.today
        for i, row in enumerate(rows):
            self.rows += 1
            label = labels[i]
            manager_name = _cell(managers[i]) if managers is not None else ""
            manager_name = manager_name or NO_MANAGER
            m = self.managers.get(manager_name)
            if m is None:
                m = self.managers[manager_name] = _Manager(manager_name)
            m.tasks += 1
            error = errors[i]
            if error is not None:
                m.flagged += 1
                if len(self.flagged) < TOP_FLAGGED:
                    self.flagged.append({"row": row, "manager": manager_name, "text": texts[i], "error": error})
            if label is not None:
                m.labels[label] += 1
            closed = statuses is not None and is_closed(statuses[i])
            due = None
            if dues is not None:
                due = parse_date(dues[i])
                if due is None and _cell(dues[i]):
                    self.bad_dates += 1
            overdue_days = (today - due).days if (due is not None and not closed and due < today) else 0
            concrete = label == "concrete"
            if not closed:
                m.open += 1
                if overdue_days:
                    m.overdue += 1
                    if not concrete:
                        m.overdue_not_concrete += 1
            # the company: the column, else the name the library found in a company-only task
            cname = _cell(companies[i]) if companies is not None else ""
            if not cname and label == "company_only":
                cname = found_companies[i] or ""
            if cname:
                key = company_key(cname)
                c = self.companies.get(key)
                if c is None:
                    c = self.companies[key] = _Company(cname)
                c.labels[label or "error"] += 1
                if closed:
                    c.closed += 1
                else:
                    c.open += 1
                    c.concrete_open += concrete
                    c.managers[manager_name] += 1
                    if overdue_days:
                        c.overdue += 1
                    if due is not None and (c.oldest_due is None or due < c.oldest_due):
                        c.oldest_due = due
                    if c.example is None or (not concrete and overdue_days):
                        c.example = (row, texts[i], hints[i])
            if closed or label is None:
                continue
            if label == "delegable":
                item = (confidences[i], -row, texts[i], hints[i], cname)
                if len(m.delegable) < TOP_DELEGABLE_PER_MANAGER:
                    heapq.heappush(m.delegable, item)
                else:
                    heapq.heappushpop(m.delegable, item)
            if not concrete:
                rank = (overdue_days, confidences[i], -row)
                item = (rank, row, manager_name, texts[i], label, confidences[i], hints[i], overdue_days, cname)
                if len(self.worst) < TOP_WORST:
                    heapq.heappush(self.worst, item)
                else:
                    heapq.heappushpop(self.worst, item)

    def result(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        managers = []
        frozen_by_manager: Counter = Counter()
        frozen = []
        no_open = 0
        for c in self.companies.values():
            if c.open == 0:
                no_open += 1
            elif c.concrete_open == 0:
                main = c.managers.most_common(1)[0][0]
                frozen_by_manager[main] += 1
                frozen.append(c)
        frozen.sort(key=lambda c: (-c.overdue, -c.open, c.name))
        total_labels: Counter = Counter()
        for m in self.managers.values():
            total_labels.update(m.labels)
        for m in sorted(self.managers.values(), key=lambda m: (-m.tasks, m.name)):
            scored = sum(m.labels.values())
            managers.append(
                {
                    "manager": m.name,
                    "tasks": m.tasks,
                    "scored": scored,
                    "flagged": m.flagged,
                    "labels": {lb: m.labels.get(lb, 0) for lb in LABELS},
                    "shares": {lb: _share(m.labels.get(lb, 0), scored) for lb in LABELS},
                    "open": m.open,
                    "overdue": m.overdue if self.has_due else None,
                    "overdue_not_concrete": m.overdue_not_concrete if self.has_due else None,
                    "frozen_clients": frozen_by_manager.get(m.name, 0),
                }
            )
        scored_total = sum(total_labels.values())
        delegation = []
        for m in self.managers.values():
            for conf, neg_row, text, hint, cname in sorted(m.delegable, reverse=True):
                delegation.append(
                    {
                        "row": -neg_row,
                        "manager": m.name,
                        "text": text,
                        "company": cname or None,
                        "confidence": conf,
                        "hint": hint,
                    }
                )
        delegation.sort(key=lambda d: (d["manager"], -d["confidence"], d["row"]))
        worst = [
            {
                "row": row,
                "manager": mn,
                "text": text,
                "label": label,
                "confidence": conf,
                "hint": hint,
                "overdue_days": od if self.has_due else None,
                "company": cname or None,
            }
            for _, row, mn, text, label, conf, hint, od, cname in sorted(self.worst, reverse=True)
        ]
        return {
            "today": self.today.isoformat(),
            "totals": {
                "rows": self.rows,
                "scored": scored_total,
                "flagged": sum(m.flagged for m in self.managers.values()),
                "labels": {lb: total_labels.get(lb, 0) for lb in LABELS},
                "shares": {lb: _share(total_labels.get(lb, 0), scored_total) for lb in LABELS},
                "open": sum(m.open for m in self.managers.values()),
                "overdue": sum(m.overdue for m in self.managers.values()) if self.has_due else None,
                "companies": len(self.companies),
                "frozen_clients": len(frozen),
                "companies_without_open_tasks": no_open,
                "unreadable_due_dates": self.bad_dates if self.has_due else None,
            },
            "managers": managers,
            "frozen_clients": [
                {
                    "company": c.name,
                    "manager": c.managers.most_common(1)[0][0],
                    "open_tasks": c.open,
                    "overdue": c.overdue if self.has_due else None,
                    "oldest_due": c.oldest_due.isoformat() if c.oldest_due else None,
                    "labels": {k: v for k, v in c.labels.items()},
                    "example_row": c.example[0] if c.example else None,
                    "example": c.example[1] if c.example else None,
                    "hint": c.example[2] if c.example else None,
                }
                for c in frozen[:TOP_FROZEN]
            ],
            "delegation": delegation,
            "worst": worst,
            "flagged": list(self.flagged),
        }


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


__all__ = ["ReportBuilder", "is_closed", "parse_date", "company_key", "NO_MANAGER"]
