"""The report and the scoring summary on the terminal (rich; plain text when piped)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from taskqual import labels
from taskqual.batch.russian import count, date_ru, day_ru


def _console(stderr: bool = False) -> Any:
    import sys

    from rich.console import Console

    tty = (sys.stderr if stderr else sys.stdout).isatty()
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=None if tty else 160)


def score_summary(s: Any, console: Any = None) -> None:
    """``scored N rows in T s (R rows/s) ...; F rows flagged ...; output: PATH`` on stderr."""
    from rich.text import Text

    console = console or _console(stderr=True)
    how = ", ".join(
        x
        for x in (
            s.format,
            s.encoding,
            f"delimiter {s.delimiter!r}" if s.delimiter else "",
            f"text column «{s.text_column}»",
        )
        if x
    )
    console.print(
        Text.assemble(
            (f"scored {s.rows:,} rows", "bold"),
            f" in {s.seconds:.1f} s ({s.rows_per_second:,.0f} rows/s) from {s.input} ({how})",
        )
    )
    labels = ", ".join(f"{k} {v:,}" for k, v in sorted(s.labels.items(), key=lambda kv: -kv[1]))
    if labels:
        console.print(Text(f"labels: {labels}"))
    if s.flagged:
        console.print(
            Text.assemble(
                (f"{s.flagged:,} rows flagged", "yellow"), " (kept; the reason is in the «error» column), e.g.:"
            )
        )
        for e in s.first_flagged:
            console.print(Text(f"  {e}"))
    else:
        console.print(Text("0 rows flagged"))
    if s.replaced_columns:
        console.print(Text(f"replaced earlier columns: {', '.join(s.replaced_columns)}"))
    console.print(Text(f"output: {s.output}"))


def report_warnings(report: dict, console: Any = None) -> None:
    """What the export lacks (no status, no due date, no manager, ...), with the flag that fixes it, on stderr."""
    from rich.text import Text

    ws = report.get("warnings") or []
    if not ws:
        return
    console = console or _console(stderr=True)
    for w in ws:
        console.print(Text.assemble(("Внимание: ", "bold yellow"), w["text"]))
        console.print(Text(f"  Что исправить: {w['fix']}."))
    console.print(Text(f"  Столбцы в файле: {ws[0]['columns']}"))


def _n(v: Any) -> str:
    return "—" if v is None else f"{v:,}".replace(",", " ")


def report_tables(report: dict, console: Any = None) -> None:
    """Per-manager table of the routines, then one line per section with its figure."""
    from rich.table import Table

    console = console or _console()
    t = report["totals"]
    today = _dt.date.fromisoformat(report["today"])
    plan_day = _dt.date.fromisoformat(report["plan_day"])
    table = Table(title=f"Разбор задач на {date_ru(today)}: {count(t['rows'], 'задача')}", title_justify="left")
    heads = [
        "Менеджер",
        "Задач",
        "Конкр.",
        "Открыто",
        "Просроч.",
        "План",
        "неконкр.",
        "Сегодня не вып.",
        "Замерз.",
        "Без результата",
        "Нагрузка",
    ]
    for i, h in enumerate(heads):
        table.add_column(h, justify="left" if i == 0 else "right")
    for m in report["managers"]:
        today_nd = m["today"]["not_done"] if m["today"] else None
        table.add_row(
            m["manager"],
            _n(m["tasks"]),
            f"{m['shares']['concrete']:.0%}",
            _n(m["open"]),
            _n(m["overdue"]),
            _n(m["plan_next"]),
            _n(m["plan_next_not_concrete"]),
            _n(today_nd),
            _n(m["frozen_clients"]),
            _n(m["no_result"]),
            "—" if m["load"] is None else f"{m['load']:.1f}×",
        )
    table.add_section()
    table.add_row(
        "Итого",
        _n(t["rows"]),
        f"{t['shares']['concrete']:.0%}",
        _n(t["open"]),
        _n(t["overdue"]),
        _n(t["plan_next"]),
        _n(t["plan_next_not_concrete"]),
        _n(t["today_not_done"]),
        _n(t["frozen_clients"]),
        _n(t["closed_without_result"]),
        "",
        style="bold",
    )
    console.print(table)
    lines = []
    if t["plan_next"] is not None:
        lines.append(
            f"План на {day_ru(plan_day, today)}: {count(t['plan_next'], 'задача')}, "
            f"неконкретных {_n(t['plan_next_not_concrete'])} — вернуть сегодня."
        )
    if t["today_due"] is not None:
        lines.append(
            f"Сегодня по плану {count(t['today_due'], 'задача')}: выполнено {_n(t['today_done'])}, "
            f"не выполнено {_n(t['today_not_done'])}."
        )
    if t.get("warm_clients") is not None:
        lines.append(
            f"Тёплые клиенты дня: {_n(t['warm_clients'])}, без следующего конкретного шага: "
            f"{_n(t['warm_without_next_step'])}."
        )
        for w in (report.get("warm") or [])[:5]:
            if w["no_next_step"]:
                lines.append(f"  {w['company']} — {w['manager']}: нет конкретного шага")
    if t["overdue"] is not None:
        lines.append(f"Просрочено: {count(t['overdue'], 'задача')} из {_n(t['open'])} открытых.")
    if t["frozen_clients"] is not None:
        lines.append(
            f"Замерзающие клиенты: {_n(t['frozen_clients'])}; без открытых задач: "
            f"{_n(t['companies_without_open_tasks'])}."
        )
        for c in report["frozen_clients"][:5]:
            lines.append(f"  {c['company']} — {c['manager']}, открытых {c['open_tasks']}: «{c['example']}»")
    if t["companies_without_tasks"] is not None:
        lines.append(
            f"Клиенты из списка без единой задачи: {_n(t['companies_without_tasks'])} из {_n(t['companies_file'])}."
        )
    if t["hot_clients"] is not None:
        lines.append(f"Горячие клиенты: {_n(t['hot_clients'])}, без конкретного шага: {_n(t['hot_flagged'])}.")
    if t["priorities"] is not None:
        lines.append(f"Неконкретные задачи по сделкам (приоритеты): {_n(t['priorities'])}.")
    if t["closed_without_result"] is not None:
        lines.append(
            f"Выполнено без записанного результата: {_n(t['closed_without_result'])} из {_n(t['closed_done'])}."
        )
    delegable = labels.get("delegable").long_name_ru.capitalize()
    lines.append(
        f"{delegable}: {count(t['delegable_open'], 'открытая задача')}; "
        f"пустых задач: {_n(t['empty'])}; не удалось оценить: {_n(t['flagged'])}."
    )
    for line in lines:
        console.print(line, markup=False)


__all__ = ["score_summary", "report_tables", "report_warnings"]
