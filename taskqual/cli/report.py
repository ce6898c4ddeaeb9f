"""``taskqual report BACKLOG -o report.html``: the head of sales' evening review of a CRM task export.

Reads exports as amoCRM, Bitrix24 (tasks and «Дела»), 1C, Мегаплан, RetailCRM, HubSpot and Pipedrive
write them. Sections: the plan for the next working day (non-concrete tasks first, with hints), plan
vs fact for today, overdue tasks, frozen clients and clients without open tasks, the hot list,
priorities by deal stage and budget, results recorded on closed tasks, load per manager and what to
delegate, and how tasks are worded. What the export lacks (status, due date, manager) is said at the
top of the page and on the terminal. Writes one self-contained HTML page; ``--format json`` gives
every figure to other tools.
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
    from taskqual.batch.exports import CRMS
    from taskqual.cli.score import add_input_options, add_jobs_option

    p = sub.add_parser(
        "report",
        help="build the head-of-sales report for a backlog",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    cols = p.add_argument_group("columns (detected by name when not given)")
    cols.add_argument("--manager-column", metavar="NAME", help="default: «Ответственный», «Менеджер», ...")
    cols.add_argument("--company-column", metavar="NAME", help="default: «Компания», «Клиент», «Контрагент», ...")
    cols.add_argument(
        "--crm-elements-column", metavar="NAME", help="composite «Компания: …; Сделка: …» (default: «Элементы CRM»)"
    )
    cols.add_argument("--deal-column", metavar="NAME", help="default: «Сделка», «Заказ»")
    cols.add_argument("--due-column", metavar="NAME", help="default: «Крайний срок», «Срок», «Дедлайн», ...")
    cols.add_argument("--status-column", metavar="NAME", help="default: «Статус», «Состояние», «Статус задачи»")
    cols.add_argument("--done-column", metavar="NAME", help="a done flag, Да/Нет or true/false (default: «Выполнена»)")
    cols.add_argument("--closed-column", metavar="NAME", help="the closing date (default: «Дата закрытия», ...)")
    cols.add_argument("--id-column", metavar="NAME", help="the CRM task ID (default: «ID», «Номер»)")
    cols.add_argument("--link-column", metavar="NAME", help="a link to the task (default: «Ссылка», «URL»)")
    cols.add_argument("--result-column", metavar="NAME", help="the result of a closed task (default: «Результат»)")
    cols.add_argument("--hot-column", metavar="NAME", help="tags or priority (default: «Теги», «Приоритет»)")
    cols.add_argument("--stage-column", metavar="NAME", help="deal stage (default: «Стадия сделки», «Этап»)")
    cols.add_argument("--budget-column", metavar="NAME", help="deal budget (default: «Бюджет», «Сумма»)")
    cols.add_argument("--changed-column", metavar="NAME", help="last change date (default: «Дата изменения»)")
    p.add_argument("--crm", choices=CRMS, default="auto", help="the CRM the export comes from (default: guessed)")
    p.add_argument("--open-status", action="append", default=[], metavar="WORD", help="a status word meaning open")
    p.add_argument("--done-status", action="append", default=[], metavar="WORD", help="a status word meaning done")
    p.add_argument("--hot", metavar="FILE", help="hot clients: a text file (one name or ID a line) or a table")
    p.add_argument("--hot-days", type=int, default=3, metavar="N", help="flag hot clients with nothing due in N days")
    p.add_argument("--companies", metavar="FILE", help="a company or deal export: finds those with no task at all")
    p.add_argument("--task-url", metavar="TEMPLATE", help="link to a task, {id} replaced by its ID")
    p.add_argument("--today", type=_date, metavar="DATE", help="the day of the review (default: today)")
    add_jobs_option(p)
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

    from taskqual.batch.exports import ROLE_FLAGS
    from taskqual.batch.html import render_html
    from taskqual.batch.report import build_report
    from taskqual.batch.terminal import report_tables, report_warnings
    from taskqual.batch.writers import AtomicFile

    columns = {
        role: getattr(args, flag.lstrip("-").replace("-", "_"), None)
        for role, flag in ROLE_FLAGS.items()
        if role != "text"
    }
    report = build_report(
        args.input,
        text_column=args.text_column,
        columns=columns,
        crm=args.crm,
        today=args.today,
        hot_file=args.hot,
        hot_days=args.hot_days,
        companies_file=args.companies,
        task_url=args.task_url,
        open_statuses=args.open_status,
        done_statuses=args.done_status,
        encoding=args.encoding,
        delimiter=args.delimiter,
        input_format=args.input_format,
        sheet=args.sheet,
        jobs=args.jobs,
        model_path=args.model,
        show_progress=not args.quiet,
    )
    report_warnings(report)  # what the export lacks, on stderr even with --quiet or --format json
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
