"""The report and the scoring summary as tables on the terminal (rich; plain text when piped)."""

from __future__ import annotations

from typing import Any

from taskqual.verdict import LABELS

_SHORT = {"concrete": "Конкр.", "vague": "Размыт.", "company_only": "Назв.", "delegable": "Делег."}


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


def report_tables(report: dict, console: Any = None) -> None:
    """Per-manager table, the headline numbers and the top frozen clients."""
    from rich.table import Table

    console = console or _console()
    t = report["totals"]
    has_due = t["overdue"] is not None
    table = Table(title=f"Разбор задач на {report['today']}: {t['rows']:,} задач", title_justify="left")
    table.add_column("Менеджер")
    table.add_column("Задач", justify="right")
    for lb in LABELS:
        table.add_column(_SHORT[lb], justify="right")
    table.add_column("Открыто", justify="right")
    if has_due:
        table.add_column("Просроч.", justify="right")
    table.add_column("Замерз.", justify="right")
    table.add_column("Ошибки", justify="right")
    for m in report["managers"]:
        row = [m["manager"], f"{m['tasks']:,}"] + [f"{m['shares'][lb]:.0%}" for lb in LABELS] + [f"{m['open']:,}"]
        if has_due:
            row.append(f"{m['overdue']:,}")
        row += [str(m["frozen_clients"]), str(m["flagged"])]
        table.add_row(*row)
    table.add_section()
    total = ["Итого", f"{t['rows']:,}"] + [f"{t['shares'][lb]:.0%}" for lb in LABELS] + [f"{t['open']:,}"]
    if has_due:
        total.append(f"{t['overdue']:,}")
    total += [str(t["frozen_clients"]), str(t["flagged"])]
    table.add_row(*total, style="bold")
    console.print(table)
    frozen = report["frozen_clients"][:5]
    if frozen:
        console.print(
            f"Замерзающие клиенты: {t['frozen_clients']} (все открытые задачи неконкретные), первые:", markup=False
        )
        for c in frozen:
            due = f", просрочено {c['overdue']}" if has_due and c["overdue"] else ""
            console.print(
                f"  {c['company']} — {c['manager']}, открытых {c['open_tasks']}{due}: «{c['example']}»", markup=False
            )
    deleg = sum(m["labels"]["delegable"] for m in report["managers"])
    console.print(f"Можно делегировать: {deleg:,} задач; строк с ошибками: {t['flagged']:,}.", markup=False)


__all__ = ["score_summary", "report_tables"]
