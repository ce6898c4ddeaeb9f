"""``taskqual train --data TEAM.csv [--feedback URL] -o team.skops``: a model that knows the team's shorthand.

Trains on the team's labelled rows (CSV, XLSX, JSON Lines or Parquet with a text and a label column,
optionally a type), the feedback the service collected, and the training data shipped with taskqual,
with the shipped model's estimator and settings. The new model is saved with its manifest and
sha256 (three files: .skops, .npz, .json) and loaded back through the same checks as the shipped
one. A part of the team's rows is held out, and the shipped and the new model are compared on it.
The team's shorthand («ЗМР») is read as words, never as a company name, by the new model: the terms
given with --term plus those found in the team's rows (capitals, 2-6 letters, in 5 rows or more,
with another company beside them in 2 rows and a quarter of them or more; see the README).
Point TASKQUAL_MODEL_PATH at the output and reload the service (POST /v1/admin/reload or SIGHUP).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time teamtrain is imported only when the command runs (see below)
    from taskqual.cli.teamtrain import TrainResult


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="train a model on the team's own labels",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--data",
        metavar="FILE",
        action="append",
        default=[],
        help="the team's labelled rows: .csv, .xlsx, .jsonl or .parquet (repeatable)",
    )
    p.add_argument(
        "--feedback",
        metavar="URL",
        help="the feedback database: postgresql+psycopg://… or a SQLite file (the service's TASKQUAL_FEEDBACK_DB)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH.skops",
        required=True,
        help="where to write the model (its .npz and .json go beside it)",
    )
    p.add_argument("--text-column", metavar="NAME", help="column with the task text (default: found by name)")
    p.add_argument(
        "--label-column",
        metavar="NAME",
        help="column with the label (default: `expected` if there is one, else `label`)",
    )
    p.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first)")
    p.add_argument(
        "--team-weight", metavar="N", type=int, default=3, help="each team row counts N times in the fit (default 3)"
    )
    p.add_argument(
        "--holdout",
        metavar="FRACTION",
        type=float,
        default=0.2,
        help="share of the team's rows held out to compare the models (default 0.2; 0: none)",
    )
    p.add_argument(
        "--shipped-sample",
        metavar="N",
        type=int,
        help="train on a stratified sample of N shipped records instead of all (faster, for a quick try; default: all)",
    )
    p.add_argument(
        "--term",
        metavar="WORD",
        action="append",
        default=[],
        help="a word of the team's shorthand (e.g. ЗМР) the new model reads as a word, never as a company "
        "name (repeatable: --term ЗМР --term ПНР); added to the terms found in the team's rows",
    )
    p.add_argument(
        "--no-term-detection",
        action="store_true",
        help="do not look for terms in the team's rows; use only the --term words",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no comparison table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from taskqual.cli.teamtrain import feedback_rows, read_team_file, train_team_model
    from taskqual.errors import TaskqualError
    from taskqual.terms import normalize_terms

    if not args.data and not args.feedback:
        print(
            "taskqual train: give the team's rows with --data FILE, the feedback with --feedback URL, or both",
            file=sys.stderr,
        )
        return 2
    if (
        args.team_weight < 1
        or not 0 <= args.holdout < 1
        or (args.shipped_sample is not None and args.shipped_sample < 1)
    ):
        print("taskqual train: --team-weight must be ≥ 1, --holdout in [0, 1), --shipped-sample ≥ 1", file=sys.stderr)
        return 2
    try:
        normalize_terms(args.term)
    except ValueError as e:
        print(f"taskqual train: --term: {e}", file=sys.stderr)
        return 2
    bar = tqdm(total=4, desc="taskqual train", unit="step", disable=args.quiet or not sys.stderr.isatty())
    try:
        bar.set_postfix_str("reading the team's rows")
        team = [
            row
            for path in args.data
            for row in read_team_file(
                path, text_column=args.text_column, label_column=args.label_column, sheet=args.sheet
            )
        ]
        if args.feedback:
            team += feedback_rows(args.feedback)
        bar.update()

        def step(name: str) -> None:
            bar.set_postfix_str(name)
            if name.startswith(("fitting", "saving")):
                bar.update()

        result = train_team_model(
            team,
            args.output,
            shipped_sample=args.shipped_sample,
            team_weight=args.team_weight,
            holdout=args.holdout,
            terms=args.term,
            detect=not args.no_term_detection,
            step=step,
        )
        bar.update()
    except (TaskqualError, ValueError, OSError) as e:
        bar.close()
        print(f"taskqual train: {e}", file=sys.stderr)
        return 2
    bar.close()
    if not args.quiet:
        print(report(result))
    return 0


def report(result: TrainResult) -> str:
    """The run in a few lines: what was trained on, and the two models side by side on the held-out rows."""
    r = result
    c = r.counts
    lines = [
        f"model {r.version} written to {r.path} (verified: sha256 of each file matches its manifest)",
        f"trained on {r.records:,} rows: {c['shipped']:,} shipped, {c['team']:,} team rows, "
        f"{c['feedback']:,} from feedback (team rows and feedback counted by --team-weight); "
        f"fit {r.seconds.get('fit', 0):.1f} s",
        "team terms read as words, never as a company: " + ", ".join(t.describe() for t in r.terms)
        if r.terms
        else "team terms: none found in the team's rows (declare the team's shorthand with --term)",
    ]
    if r.new is None or r.shipped is None:
        lines.append("no team rows held out (--holdout 0, or too few rows per label): no comparison")
        return "\n".join(lines)
    lines.append(f"held-out team rows: {r.held_out} (not trained on)")
    head_a, head_b = f"shipped {r.shipped_version}", f"new {r.version}"
    width = max(len(head_a), len(head_b), 8)
    lines.append(f"  {'':<22} {head_a:>{width}}  {head_b:>{width}}")
    rows = [("accuracy", r.shipped.accuracy, r.new.accuracy), ("macro-F1", r.shipped.macro_f1, r.new.macro_f1)]
    rows += [(f"F1 {label}", r.shipped.f1[label], r.new.f1[label]) for label in r.new.f1]
    for name, a, b in rows:
        lines.append(f"  {name:<22} {a:>{width}.3f}  {b:>{width}.3f}")
    return "\n".join(lines)
