"""``taskqual score BACKLOG -o SCORED``: label every task of a CRM export (CSV, XLSX, JSON Lines, Parquet).

The output keeps every input row and column in order and adds label, confidence, is_concrete,
missing, hint and error. Rows that cannot be read or classified are kept, with the row number and
the reason in ``error``. The output file appears only when the run completes.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help="score a whole task backlog file",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="where to write the scored rows; the format follows the extension "
        "(default: INPUT.scored.EXT beside the input)",
    )
    add_input_options(p)
    p.add_argument(
        "--output-delimiter", metavar="CHAR", type=delimiter, help="CSV output delimiter (default: the input's, or ;)"
    )
    p.add_argument(
        "--output-encoding",
        metavar="NAME",
        default=None,
        help="CSV output encoding (default utf-8-sig, which Excel opens correctly)",
    )
    p.add_argument(
        "--safe-formulas",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write a cell that starts with = + - or @ with a leading ' so that a spreadsheet shows it as "
        "text instead of running it as a formula (default: on for .xlsx, off for .csv)",
    )
    p.add_argument(
        "--lang",
        choices=("en", "ru"),
        default="en",
        help="en (default): the machine columns label, confidence, is_concrete, missing, hint, error; "
        "ru: the same, followed by columns with Russian headers and values for a head of sales "
        "(«Оценка задачи», «Чего не хватает», «Подсказка», «Что не так со строкой»)",
    )
    add_jobs_option(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(run=run)


def delimiter(value: str) -> str:
    """A one-character delimiter; ``\\t`` and ``tab`` mean a tab."""
    value = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(value, value)
    if len(value) != 1:
        raise argparse.ArgumentTypeError(f"a delimiter is one character, got {value!r}")
    return value


def process_count(value: str) -> int:
    """A number of processes: a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"the number of processes is a whole number of at least 1, got {value!r}")
    return n


def add_jobs_option(p: argparse.ArgumentParser) -> None:
    """``--jobs N``, shared by ``score`` and ``report`` (0 or a negative number is refused, exit status 2)."""
    p.add_argument("-j", "--jobs", type=process_count, default=1, metavar="N", help="score in N processes (default 1)")


def add_input_options(p: argparse.ArgumentParser) -> None:
    """The input file and the options for reading it, shared by ``score`` and ``report``."""
    p.add_argument("input", metavar="INPUT", help="backlog file: .csv, .xlsx, .xls (Bitrix24), .jsonl or .parquet")
    p.add_argument(
        "--text-column",
        metavar="NAME",
        help="column with the task text (default: found by name, e.g. «Задача», «Название», text)",
    )
    p.add_argument("--encoding", metavar="NAME", help="CSV/JSONL encoding, e.g. cp1251 (default: detected)")
    p.add_argument(
        "--delimiter", metavar="CHAR", type=delimiter, help="CSV delimiter, e.g. ';' or tab (default: detected)"
    )
    p.add_argument(
        "--input-format",
        dest="input_format",
        choices=("csv", "xlsx", "jsonl", "parquet", "html"),
        help="input format (default: from the extension; .xls and .html: an HTML table, as Bitrix24 saves «Excel»)",
    )
    p.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first)")
    p.add_argument("--model", metavar="PATH", help="model file to use instead of the shipped one")


def install_sigterm() -> None:
    """Let SIGTERM unwind like Ctrl-C, so temporary files are removed and workers stopped."""
    import signal

    def _stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)


def run(args: argparse.Namespace) -> int:
    from taskqual.cli.failures import guarded

    install_sigterm()
    return guarded("score", lambda: _score(args))


def _score(args: argparse.Namespace) -> int:
    from taskqual.batch.pipeline import score_file

    summary = score_file(
        args.input,
        args.output,
        text_column=args.text_column,
        encoding=args.encoding,
        delimiter=args.delimiter,
        input_format=args.input_format,
        output_delimiter=args.output_delimiter,
        output_encoding=args.output_encoding,
        jobs=args.jobs,
        model_path=args.model,
        show_progress=not args.quiet,
        sheet=args.sheet,
        safe_formulas=args.safe_formulas,
        lang=args.lang,
    )
    if not args.quiet:
        print_summary(summary)
    return 0


def print_summary(s: object) -> None:
    from taskqual.batch.terminal import score_summary

    score_summary(s)
