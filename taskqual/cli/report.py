"""``taskqual report BACKLOG -o report.html``: the head of sales' evening review of a task backlog.

Per manager: the shares of concrete, vague, company-only and delegable tasks; overdue open tasks
(with a due-date column, and a status column to tell open from done); frozen clients, whose open
tasks are all non-concrete; delegation candidates and the worst tasks, each with a hint. Writes a
self-contained HTML page (charts and sortable tables, nothing loaded from the network) and prints
the summary table; ``--format json`` gives the numbers to other tools.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def _date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD or DD.MM.YYYY)")


def register(sub: argparse._SubParsersAction) -> None:
    from taskqual.cli.score import add_input_options

    p = sub.add_parser(
        "report",
        help="build the head-of-sales report for a backlog",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", metavar="INPUT", help="backlog file: .csv, .xlsx, .jsonl or .parquet")
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write the report (default: INPUT.report.html; with --format json, stdout)",
    )
    p.add_argument(
        "--format", dest="report_format", choices=("html", "json"), default="html", help="html (default) or json"
    )
    add_input_options(p)
    p.add_argument("--manager-column", metavar="NAME", help="default: «Ответственный», «Менеджер», ...")
    p.add_argument(
        "--company-column",
        metavar="NAME",
        help="default: «Компания», «Клиент», ...; without one, the company the library finds in company-only tasks",
    )
    p.add_argument("--due-column", metavar="NAME", help="default: «Крайний срок», «Срок», «Дедлайн», ...")
    p.add_argument("--status-column", metavar="NAME", help="default: «Статус»; done/closed tasks are not open")
    p.add_argument("--today", type=_date, metavar="DATE", help="the day of the review (default: today)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="score in N processes (default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no table on the terminal")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from taskqual.cli.failures import guarded
    from taskqual.cli.score import install_sigterm

    install_sigterm()
    return guarded("report", lambda: _report(args))


def _report(args: argparse.Namespace) -> int:
    import json
    import os

    from taskqual.batch.html import render_html
    from taskqual.batch.pipeline import report_file
    from taskqual.batch.terminal import report_tables
    from taskqual.batch.writers import AtomicFile

    report = report_file(
        args.input,
        text_column=args.text_column,
        manager_column=args.manager_column,
        company_column=args.company_column,
        due_column=args.due_column,
        status_column=args.status_column,
        today=args.today,
        encoding=args.encoding,
        delimiter=args.delimiter,
        input_format=args.input_format,
        sheet=args.sheet,
        jobs=max(1, args.jobs),
        model_path=args.model,
        show_progress=not args.quiet,
    )
    if args.report_format == "json":
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if not args.output or args.output == "-":
            print(text)
            return 0
    else:
        text = render_html(report)
    output = args.output or os.path.splitext(args.input)[0] + ".report.html"
    out = AtomicFile(output)
    try:
        with open(out.tmp, "w", encoding="utf-8") as f:
            f.write(text)
        out.commit()
    except BaseException:
        out.abort()
        raise
    if not args.quiet:
        report_tables(report)
        print(f"report: {output}", file=sys.stderr)
    return 0
