"""The head of sales' routines, assembled from the counters of a :class:`~taskqual.batch.report.ReportBuilder`.

One function per section, each returning plain data with the figures per manager and the tasks behind
them; :func:`assemble` puts them together with the totals and the warnings about what the export lacks.
"""

from __future__ import annotations

import datetime as _dt
import statistics
from typing import TYPE_CHECKING, Any

from taskqual.batch.exports import FINISHED
from taskqual.batch.russian import count, of
from taskqual.batch.tally import NO_MANAGER, TOP_FROZEN, company_key, kinds, share, stage_rank

if TYPE_CHECKING:
    from taskqual.batch.report import ReportBuilder, _Company

OVERLOAD = 1.5  # open tasks against the team median that count as overloaded
UNDERLOAD = 0.5
UNKNOWN_SHARE_WARN = 0.05


def warnings(b: ReportBuilder) -> list[dict[str, Any]]:
    """What the export lacks for the review, in Russian, with the columns seen and the flag that fixes it."""
    lay = b.layout
    cols = ", ".join(f"«{c}»" for c in b.seen_columns)
    out = []
    if lay.status_source is None:
        out.append(
            {
                "code": "no_status",
                "text": f"Не понять, какие задачи открыты, а какие выполнены: в выгрузке нет ни статуса, ни отметки "
                f"«Выполнена», ни даты закрытия. Все {count(b.rows, 'строка')}: «статус неизвестен» — "
                f"открытые, просроченные и замерзающие клиенты не посчитаны.",
                "columns": cols,
                "fix": "укажите столбец статуса: --status-column «Статус», --done-column «Выполнена» "
                "или --closed-column «Дата закрытия»",
            }
        )
    else:
        unknown = b.states.get("unknown", 0)
        if b.rows and unknown / b.rows > UNKNOWN_SHARE_WARN:
            top = ", ".join(f"«{v}» — {n}" for v, n in b.status.unknown_values.most_common(5)) or "пустые ячейки"
            col = lay.columns[lay.status_source]
            out.append(
                {
                    "code": "unknown_status",
                    "text": f"У {unknown} из {b.rows} {of(b.rows, 'задача')} статус в столбце «{col}» "
                    f"не распознан ({top}): "
                    f"они не считаются ни открытыми, ни выполненными.",
                    "columns": cols,
                    "fix": "добавьте слова: --open-status «…» и --done-status «…», или укажите CRM: --crm",
                }
            )
    if not lay.has("due"):
        out.append(
            {
                "code": "no_due",
                "text": "В выгрузке нет срока задачи: просрочку, план на завтра и план-факт за сегодня не посчитать.",
                "columns": cols,
                "fix": "укажите столбец срока: --due-column «Крайний срок»",
            }
        )
    elif b.bad_dates:
        out.append(
            {
                "code": "bad_dates",
                "text": f"У {b.bad_dates} {of(b.bad_dates, 'задача')} срок в столбце «{lay.columns['due']}» "
                "не читается как дата: "
                "они не попали в просрочку и планы.",
                "columns": cols,
                "fix": "даты вида 27.11.2026 или 2026-11-27",
            }
        )
    if not lay.has("manager"):
        out.append(
            {
                "code": "no_manager",
                "text": f"В выгрузке нет ответственного: все задачи записаны на «{NO_MANAGER}».",
                "columns": cols,
                "fix": "укажите столбец: --manager-column «Ответственный»",
            }
        )
    if b.company_source == "texts":
        out.append(
            {
                "code": "no_company",
                "text": "В выгрузке нет столбца клиента и поля «Элементы CRM»: клиенты угаданы по текстам задач "
                "из одного названия, список может быть неполным.",
                "columns": cols,
                "fix": "укажите столбец: --company-column «Компания» или --crm-elements-column «Элементы CRM»",
            }
        )
    return out


def _state_known(b: ReportBuilder) -> bool:
    return b.layout.status_source is not None


def managers(
    b: ReportBuilder,
    frozen_by_manager: dict[str, int],
    median: float,
    warm_by_manager: dict[str, tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    has_due, known = b.layout.has("due"), _state_known(b)
    out = []
    for m in sorted(b.managers.values(), key=lambda m: (-m.tasks, m.name)):
        counted = sum(m.labels.values())
        out.append(
            {
                "manager": m.name,
                "tasks": m.tasks,
                "scored": counted,
                "flagged": m.flagged,
                "labels": {k: m.labels.get(k, 0) for k in kinds()},
                "shares": {k: share(m.labels.get(k, 0), counted) for k in kinds()},
                "open": m.open if known else None,
                "deferred": m.states.get("deferred", 0),
                "done": sum(m.states.get(s, 0) for s in FINISHED),
                "unknown": m.states.get("unknown", 0),
                "overdue": m.overdue if has_due and known else None,
                "overdue_not_concrete": m.overdue_not_concrete if has_due and known else None,
                "frozen_clients": frozen_by_manager.get(m.name, 0),
                "plan_next": m.plan_next if has_due else None,
                "plan_next_not_concrete": m.plan_next_not_concrete if has_due else None,
                "today": {
                    "due": sum(m.today.get(k, 0) for k in ("done", "not_done", "cancelled", "unknown")),
                    **{k: m.today.get(k, 0) for k in ("done", "not_done", "cancelled", "moved", "unknown")},
                }
                if has_due
                else None,
                "closed_done": m.closed_done,
                "no_result": m.no_result if b.layout.has("result") else None,
                "delegable_open": m.delegable_open,
                "load": round(m.open / median, 2) if known and median else None,
                "warm_clients": warm_by_manager.get(m.name, (0, 0))[0] if warm_by_manager is not None else None,
                "warm_without_next_step": warm_by_manager.get(m.name, (0, 0))[1]
                if warm_by_manager is not None
                else None,
            }
        )
    return out


def _client(c: _Company, b: ReportBuilder) -> dict[str, Any]:
    ex = c.example or {}
    return {
        "company": c.name,
        "manager": c.managers.most_common(1)[0][0] if c.managers else (c.owner or None),
        "open_tasks": c.open,
        "concrete_open": c.concrete_open,
        "overdue": c.overdue if b.layout.has("due") else None,
        "oldest_due": c.oldest_due.isoformat() if c.oldest_due else None,
        "nearest_due": c.nearest_due.isoformat() if c.nearest_due else None,
        "closed_tasks": c.closed,
        "last_closed": c.last_closed.isoformat() if c.last_closed else None,
        "labels": dict(c.labels),
        "example_row": ex.get("row"),
        "example_id": ex.get("id"),
        "example_link": ex.get("link"),
        "example": ex.get("text"),
        "hint": ex.get("hint"),
        "deals": sorted(c.deals),
        "stage": c.stage or None,
        "budget": c.budget,
    }


def clients(b: ReportBuilder) -> tuple[list[_Company], list[_Company]]:
    """(frozen: open tasks, none concrete; without open tasks: only finished ones), exclusive by construction."""
    frozen: list[_Company] = []
    no_open: list[_Company] = []
    if not _state_known(b):
        return frozen, no_open
    for c in b.companies.values():
        if c.open > 0 and c.concrete_open == 0:
            frozen.append(c)
        elif c.open == 0 and c.unknown == 0 and c.closed > 0:
            no_open.append(c)
    frozen.sort(key=lambda c: (-c.overdue, -c.open, c.name))
    no_open.sort(key=lambda c: (c.last_closed or _dt.date.min, c.name))
    return frozen, no_open


def hot(b: ReportBuilder) -> list[dict[str, Any]] | None:
    """Every hot client's open tasks, flagged when none is concrete or none is due within ``hot_days``."""
    if not b.hot_names and not b.hot_ids and not b.layout.has("hot"):
        return None
    horizon = b.today + _dt.timedelta(days=b.hot_days)
    out = []
    found = set()
    for key, c in b.companies.items():
        if not c.hot:
            continue
        found.add(key)
        d = _client(c, b)
        d["tasks"] = list(c.tasks)
        d["no_concrete"] = c.concrete_open == 0
        d["nothing_soon"] = c.nearest_due is None or c.nearest_due > horizon
        d["no_tasks"] = c.open == 0
        out.append(d)
    missing = [b.hot_names[k] for k in sorted(set(b.hot_names) - found - b.deal_keys)]
    missing += sorted(b.hot_ids - b.hot_ids_found)
    for name in missing:
        out.append(
            {
                "company": name,
                "manager": None,
                "open_tasks": 0,
                "concrete_open": 0,
                "tasks": [],
                "no_concrete": True,
                "nothing_soon": True,
                "no_tasks": True,
                "nearest_due": None,
            }
        )
    out.sort(key=lambda d: (not d["no_tasks"], not d["no_concrete"], not d["nothing_soon"], d["company"]))
    return out


def warm_sources(b: ReportBuilder) -> dict[str, Any] | None:
    """What the export lets the warm-leads section see (None: nothing, the section is not built).

    ``closed_today``: which column says a task was finished today (``closed``: its closing date,
    ``changed``: its last change, ``due``: due today and done), None without a status; ``stage``: a
    deal stage and a last-change date; ``tag``: a tags/priority column; ``result``: a result column
    (then a task closed today counts when its result is written and is no refusal; else when it was
    concrete).
    """
    lay = b.layout
    closed = None
    if _state_known(b):
        closed = next((role for role in ("closed", "changed", "due") if lay.has(role)), None)
    src = {
        "closed_today": closed,
        "stage": lay.has("stage") and lay.has("changed"),
        "tag": lay.has("hot"),
        "result": lay.has("result"),
    }
    return src if (closed or src["stage"] or src["tag"]) else None


def warm(b: ReportBuilder) -> list[dict[str, Any]] | None:
    """Warm leads of the day: clients that moved toward a purchase today, each with its next concrete step.

    A client is warm when one of its tasks was finished today with a result (written and not a refusal;
    concrete, when the export has no result column), its deal is at a late stage (contract, invoice,
    payment) and the task changed today, or a task carries a «тёплый» tag. A warm client with no open
    concrete task due from today on has no next step: the РОП asks for one tonight. Those come first,
    then the deals closest to a purchase.
    """
    if warm_sources(b) is None:
        return None
    out = []
    for c in b.companies.values():
        if not c.warm:
            continue
        d = _client(c, b)
        d["manager"] = c.warm_manager or d["manager"]
        d["reasons"] = [r for r in ("closed_today", "stage", "tag") if r in c.warm]
        d["tasks"] = list(c.warm_tasks)
        d["next_step"] = c.next_step
        d["no_next_step"] = c.next_step is None
        out.append(d)
    out.sort(key=lambda d: (not d["no_next_step"], -stage_rank(d["stage"] or ""), -(d["budget"] or 0.0), d["company"]))
    return out


def priorities(b: ReportBuilder) -> list[dict[str, Any]] | None:
    """Open non-concrete tasks on late-stage or large deals, those closest to a purchase first."""
    if not (b.layout.has("stage") or b.layout.has("budget")):
        return None
    large = statistics.quantiles(b.budgets, n=4)[-1] if len(b.budgets) >= 4 else None
    out = []
    for t in b.priorities.items():
        t = dict(t)
        t["large_budget"] = bool(large is not None and t.get("budget") is not None and t["budget"] >= large)
        out.append(t)
    return out


def companies_file(b: ReportBuilder, entries: list[dict] | None) -> dict[str, Any] | None:
    """Companies and deals of a company export that have no task at all, or no open task."""
    if entries is None:
        return None
    none, no_open = [], []
    for e in entries:
        key = company_key(e["name"])
        c = b.companies.get(key)
        if c is None and key not in b.deal_keys:
            none.append(e)
        elif c is not None and c.open == 0 and _state_known(b):
            no_open.append(
                {**e, "closed_tasks": c.closed, "last_closed": c.last_closed.isoformat() if c.last_closed else None}
            )
    return {"rows": len(entries), "without_tasks": none, "without_open_tasks": no_open}


def assemble(b: ReportBuilder, company_entries: list[dict] | None = None) -> dict[str, Any]:
    """The whole report as JSON-ready data; every figure on the page comes from here."""
    has_due, known = b.layout.has("due"), _state_known(b)
    frozen, no_open = clients(b)
    frozen_by_manager: dict[str, int] = {}
    for c in frozen:
        main = c.managers.most_common(1)[0][0]
        frozen_by_manager[main] = frozen_by_manager.get(main, 0) + 1
    real = [m for m in b.managers.values() if m.name != NO_MANAGER]
    median = float(statistics.median([m.open for m in real])) if real and known else 0.0
    warm_list = warm(b)
    warm_by_manager: dict[str, tuple[int, int]] | None = None
    if warm_list is not None:
        warm_by_manager = {}
        for w in warm_list:
            n, no_step = warm_by_manager.get(w["manager"], (0, 0))
            warm_by_manager[w["manager"]] = (n + 1, no_step + w["no_next_step"])
    mgrs = managers(b, frozen_by_manager, median, warm_by_manager)
    counted = sum(b.kinds.values())
    hot_list = hot(b)
    prio = priorities(b)
    cfile = companies_file(b, company_entries)
    states = {s: b.states.get(s, 0) for s in ("open", "deferred", "awaiting", "done", "declined", "unknown")}
    today = {
        k: sum(m.today.get(k, 0) for m in b.managers.values())
        for k in ("done", "not_done", "cancelled", "moved", "unknown")
    }
    delegation = []
    for m in b.managers.values():
        for _conf, _neg, task in sorted(m.delegable, key=lambda x: x[:2], reverse=True):
            delegation.append(task)
    delegation.sort(key=lambda d: (d["manager"], -d["confidence"], d["row"]))
    totals = {
        "rows": b.rows,
        "scored": counted,
        "flagged": sum(m.flagged for m in b.managers.values()),
        "empty": b.kinds.get("empty", 0),
        "labels": {k: b.kinds.get(k, 0) for k in kinds()},
        "shares": {k: share(b.kinds.get(k, 0), counted) for k in kinds()},
        "states": states,
        "open": states["open"] + states["deferred"] if known else None,
        "deferred": states["deferred"] if known else None,
        "done": states["done"] + states["awaiting"] + states["declined"],
        "awaiting": states["awaiting"],
        "declined": states["declined"],
        "unknown": states["unknown"],
        "overdue": sum(m.overdue for m in b.managers.values()) if has_due and known else None,
        "overdue_not_concrete": sum(m.overdue_not_concrete for m in b.managers.values()) if has_due and known else None,
        "managers": len(real),
        "companies": len(b.companies),
        "frozen_clients": len(frozen) if known else None,
        "companies_without_open_tasks": len(no_open) if known else None,
        "plan_next": sum(m.plan_next for m in b.managers.values()) if has_due else None,
        "plan_next_not_concrete": sum(m.plan_next_not_concrete for m in b.managers.values()) if has_due else None,
        "today_due": sum(today[k] for k in ("done", "not_done", "cancelled", "unknown")) if has_due else None,
        "today_done": today["done"] if has_due else None,
        "today_not_done": today["not_done"] if has_due else None,
        "today_cancelled": today["cancelled"] if has_due else None,
        "today_moved": today["moved"] if has_due and b.layout.has("changed") else None,
        "closed_done": states["done"] + states["awaiting"],
        "closed_without_result": sum(m.no_result for m in b.managers.values()) if b.layout.has("result") else None,
        "hot_clients": len(hot_list) if hot_list is not None else None,
        "hot_flagged": sum(1 for h in hot_list if h["no_concrete"] or h["nothing_soon"])
        if hot_list is not None
        else None,
        "priorities": b.priorities.count if prio is not None else None,
        "warm_clients": len(warm_list) if warm_list is not None else None,
        "warm_without_next_step": sum(w["no_next_step"] for w in warm_list) if warm_list is not None else None,
        "delegable_open": sum(m.delegable_open for m in b.managers.values()),
        "load_median": median if known else None,
        "overloaded": sum(
            1 for m in mgrs if m["load"] is not None and m["load"] >= OVERLOAD and m["manager"] != NO_MANAGER
        ),
        "unreadable_due_dates": b.bad_dates if has_due else None,
        "companies_file": cfile["rows"] if cfile else None,
        "companies_without_tasks": len(cfile["without_tasks"]) if cfile else None,
    }
    return {
        "today": b.today.isoformat(),
        "plan_day": b.plan_day.isoformat(),
        "hot_days": b.hot_days,
        "company_source": b.company_source,
        "warnings": warnings(b),
        "totals": totals,
        "managers": mgrs,
        "plan_next": b.plan_next.items(),
        "today_not_done": b.today_not_done.items(),
        "today_moved": b.today_moved.items(),
        "overdue_tasks": b.overdue_tasks.items(),
        "frozen_clients": [_client(c, b) for c in frozen[:TOP_FROZEN]],
        "without_open_tasks": [_client(c, b) for c in no_open[:TOP_FROZEN]],
        "companies_file": cfile,
        "hot": hot_list,
        "warm": warm_list[:TOP_FROZEN] if warm_list is not None else None,
        "warm_from": warm_sources(b),
        "priorities": prio,
        "results": b.no_result.items() if b.layout.has("result") else None,
        "delegation": delegation,
        "worst": b.worst.items(),
        "flagged": list(b.flagged),
    }


__all__ = [
    "assemble",
    "warnings",
    "clients",
    "hot",
    "warm",
    "warm_sources",
    "priorities",
    "companies_file",
    "managers",
]
