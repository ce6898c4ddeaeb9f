"""The ``taskqual`` command: check one task, serve the HTTP check, score a backlog, build a report."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each subcommand lives in its own module with ``register(subparsers)``; the module is imported
# only to add its parser, and does its heavy imports when run.
SUBCOMMANDS = ("check", "serve", "score", "report", "train")


def build_parser() -> argparse.ArgumentParser:
    from taskqual import __version__

    parser = argparse.ArgumentParser(prog="taskqual", description=__doc__)
    parser.add_argument("--version", action="version", version=f"taskqual {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"taskqual.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"taskqual.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``taskqual`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
