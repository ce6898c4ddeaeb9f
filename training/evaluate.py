"""Evaluate taskqual and the baselines on a labelled JSONL file, side by side in one run.

    python -m training.evaluate --data ../shared/eval/dev_real.jsonl

Every baseline is trained here on the same training data as the shipped model; taskqual itself is
the shipped model (or --model). With --compare-generated the model is also retrained with the
generated data added, to show what that data does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from tqdm import tqdm

import taskqual
from taskqual.estimator import TaskClassifier
from taskqual.verdict import LABELS
from training.baselines import FastTextBaseline, FirstWordRule, tfidf_lr
from training.data import load_training, read_jsonl
from training.metrics import scores
from training.train import SEED


def _systems(args: argparse.Namespace, texts: list[str], labels: list[str]):
    model = taskqual.Model.load(args.model) if args.model else taskqual.default_model()
    yield "taskqual", lambda xs: [v.label for v in model.classify_many(xs)]
    if args.compare_generated:
        both = load_training(with_generated=True)
        m = TaskClassifier(random_state=SEED).fit([r.text for r in both], [r.label for r in both])
        yield "taskqual + generated data", lambda xs: m.predict(xs).tolist()
    base = tfidf_lr(SEED).fit(texts, labels)
    yield "tf-idf + logreg", lambda xs: base.predict(xs).tolist()
    try:
        ft = FastTextBaseline(SEED).fit(texts, labels)
        yield "fastText", ft.predict
    except ImportError as e:
        print(f"skipping fastText: {e}", file=sys.stderr)
    rule = FirstWordRule().fit(texts, labels)
    yield "first-word rule", rule.predict


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, nargs="+", help="labelled JSONL file(s) to evaluate on")
    ap.add_argument("--model", help="model file (default: the shipped model)")
    ap.add_argument("--compare-generated", action="store_true", help="also train with the generated data added")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    train = load_training(with_generated=False)
    texts, labels = [r.text for r in train], [r.label for r in train]
    evalsets = {p.stem: read_jsonl(p, require_source=False) for p in args.data}
    results: dict[str, dict[str, dict]] = {name: {} for name in evalsets}
    for system, predict in tqdm(
        _systems(args, texts, labels), desc="systems", unit="system", disable=not sys.stderr.isatty()
    ):
        for name, recs in evalsets.items():
            results[name][system] = scores([r.label for r in recs], predict([r.text for r in recs]))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    console = Console(width=200)
    for name, by_system in results.items():
        table = Table(title=f"{name}: {len(evalsets[name])} texts (training: {len(train)} records)")
        table.add_column("system")
        table.add_column("macro-F1", justify="right")
        table.add_column("concrete-vs-rest F1", justify="right")
        for lab in LABELS:
            table.add_column(f"{lab} P/R/F1", justify="right")
        for system, s in by_system.items():
            table.add_row(
                system,
                f"{s['macro_f1']:.3f}",
                f"{s['concrete_f1']:.3f}",
                *(
                    f"{s['per_label'][lab]['precision']:.2f}/{s['per_label'][lab]['recall']:.2f}/{s['per_label'][lab]['f1']:.2f}"
                    for lab in LABELS
                ),
            )
        console.print(table)
        cm = Table(title=f"{name}: taskqual confusion matrix (rows: true, columns: predicted)")
        cm.add_column("")
        for lab in LABELS:
            cm.add_column(lab, justify="right")
        for lab, row in zip(LABELS, by_system["taskqual"]["confusion"]):
            cm.add_row(lab, *map(str, row))
        console.print(cm)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
