"""``taskqual check "текст задачи"``: the verdict for one or more task texts."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="label one or more task texts", description=__doc__)
    p.add_argument("texts", nargs="*", metavar="TEXT", help="task texts; read one per line from stdin when none")
    p.add_argument("--json", action="store_true", help="print one JSON object per text (for machines)")
    p.add_argument("--model", help="model file to use instead of the shipped one")
    p.add_argument("--explain", action="store_true", help="also show the features that drove the decision")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import taskqual
    from taskqual.errors import TaskqualError

    if not args.texts and sys.stdin.isatty():
        texts: list[str] = []
    else:
        texts = args.texts or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    if not texts:
        print('taskqual check: give a task text, e.g. taskqual check "отправить КП до пятницы"', file=sys.stderr)
        return 2
    try:
        model = taskqual.Model.load(args.model) if args.model else taskqual.default_model()
    except TaskqualError as e:
        print(f"taskqual check: {e}", file=sys.stderr)
        return 2
    status = 0
    for text, verdict in zip(texts, model.classify_many(texts)):
        if args.json:
            out = verdict.to_dict()
            if args.explain and verdict.error is None:
                out["explain"] = model.estimator.explain(text)["features"]
            print(json.dumps(out, ensure_ascii=False))
            status |= verdict.error is not None
            continue
        if verdict.error:
            print(f"✗ {text!r}: {verdict.error}")
            status = 1
            continue
        mark = "✓" if verdict.is_concrete else "✗"
        missing = f"  (нет: {', '.join(verdict.missing)})" if verdict.missing else ""
        print(f"{mark} {verdict.label} {verdict.confidence:.0%}  {text}{missing}")
        print(f"  → {verdict.hint}")
        if args.explain:
            for f in model.estimator.explain(text)["features"]:
                print(f"    {f['weight']:+.3f}  {f['feature']}")
    return status
