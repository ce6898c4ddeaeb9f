"""Rebuild the shipped model: ``python -m training.train``.

Reads the hand-written JSONL files in data/ (with --with-generated also data/generated.jsonl; never
data/samples/), measures how the model's scores shift on a voice it has not seen (each voice of
data/handwritten/ held out in turn: forty fits, about 12 minutes on 2 cores; see training.voice_shift), fits
TaskClassifier with a fixed seed and that shift, writes
models/taskqual-ru.skops and its manifest (model version, library versions, training-data hash,
sha256, metrics), and pins the new sha256 in taskqual/_pinned.py. The same data and library
versions give the same bytes, on any machine (the fit runs on one BLAS thread).
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from tqdm import tqdm

import taskqual
from taskqual.artifact import DEFAULT_MODEL_NAME, read_manifest, sha256_of, tables_path, write_manifest
from taskqual.datasets import data_hash
from taskqual.estimator import TaskClassifier
from training.data import (
    DATA_DIR,
    VALIDATION_DIRS,
    by_voice,
    load_training,
    load_validation,
    outside_metric,
    read_jsonl,
    summary,
)
from training.metrics import scores
from training.voice_shift import fit_shift, held_out_proba, shifted

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"
PINNED = ROOT / "taskqual" / "_pinned.py"
SEED = 20261126


def _evaluate(model: TaskClassifier, path: Path) -> dict:
    return _evaluate_records(model, read_jsonl(path, require_source=False))


def _evaluate_records(model: TaskClassifier, records: list) -> dict:
    pred = model.predict([r.text for r in records]).tolist()
    s = scores([r.label for r in records], pred)
    return {"macro_f1": round(s["macro_f1"], 4), "concrete_f1": round(s["concrete_f1"], 4), "n": len(records)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="directory of training JSONL files")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / f"{DEFAULT_MODEL_NAME}.skops")
    ap.add_argument(
        "--with-generated",
        action="store_true",
        help="also train on data/generated.jsonl (off by default: it does not help on held-out voices)",
    )
    ap.add_argument("--cv", type=int, default=5, help="folds of a cross-validation on the training data (0: skip)")
    ap.add_argument(
        "--no-dev",
        action="store_true",
        help="do not score the development sets (while experimenting: they are final checks)",
    )
    ap.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a TaskClassifier parameter other than the shipped default (experiments)",
    )
    ap.add_argument("--no-pin", action="store_true", help="do not pin the new sha256 in taskqual/_pinned.py")
    ap.add_argument(
        "--no-voice-shift",
        action="store_true",
        help="ship no class shift (skips the leave-one-voice-out fits: experiments)",
    )
    ap.add_argument("--jobs", type=int, default=-1, help="processes for the leave-one-voice-out fits (-1: every core)")
    args = ap.parse_args(argv)

    params = {k: ast.literal_eval(v) for k, v in (p.split("=", 1) for p in args.param)}
    t0 = time.perf_counter()
    steps = tqdm(total=5, desc="training", unit="step", disable=not sys.stderr.isatty())
    records = load_training(args.data, with_generated=args.with_generated)
    texts, labels = [r.text for r in records], [r.label for r in records]
    counts = summary(records)
    print(f"{len(records)} training records: {counts['by_label']} from {counts['by_source']}", file=sys.stderr)
    steps.update()

    metrics: dict = {}
    if args.cv:
        steps.set_postfix_str(f"{args.cv}-fold cross-validation")
        folds = StratifiedKFold(n_splits=args.cv, shuffle=True, random_state=SEED)
        pred = cross_val_predict(TaskClassifier(random_state=SEED, **params), texts, labels, cv=folds)
        cv = scores(labels, pred.tolist())
        metrics["cv"] = {
            "folds": args.cv,
            "macro_f1": round(cv["macro_f1"], 4),
            "concrete_f1": round(cv["concrete_f1"], 4),
        }
    steps.update()

    voices = by_voice(records)
    if not args.no_voice_shift and "class_shift" not in params and len(voices) > 1:
        steps.set_postfix_str(f"each of {len(voices)} voices held out")
        held = held_out_proba(records, params, seed=SEED, jobs=args.jobs)
        gold = [r.label for group in voices.values() for r in group]
        pooled = np.vstack(list(held.values()))
        params["class_shift"] = fit_shift(pooled, gold)
        metrics["voice_shift"] = {
            "voices": len(voices),
            "lovo_pooled_macro_f1": round(scores(gold, shifted(pooled, None))["macro_f1"], 4),
            "lovo_pooled_macro_f1_shifted": round(scores(gold, shifted(pooled, params["class_shift"]))["macro_f1"], 4),
        }
    steps.update()

    steps.set_postfix_str("final fit")
    model = TaskClassifier(random_state=SEED, **params).fit(texts, labels)
    steps.update()
    # The outside-voice validation sets and the development sets are read for evaluation only.
    for directory in VALIDATION_DIRS:
        if held_out := load_validation(directory):
            metrics[outside_metric(directory)] = _evaluate_records(model, held_out)
    for path in sorted(EVAL_DIR.glob("*.jsonl")) if EVAL_DIR.is_dir() and not args.no_dev else []:
        metrics[path.stem] = _evaluate(model, path)

    dhash = data_hash(records)
    version = f"{taskqual.__version__.split('+')[0]}+{dhash[:8]}"
    model.save(
        args.out,
        {
            "model_version": version,
            "training_data": {
                "sha256": dhash,
                "records": len(records),
                **counts,
                "generated_included": args.with_generated,
            },
            "seed": SEED,
            "metrics": metrics,
        },
    )
    steps.update()
    steps.close()
    digest = sha256_of(args.out)
    # The data hash alone names the data, not the model: a change of features or code trained on the same
    # data gives another model, so the version also carries the model file's own hash.
    version = f"{version}.{digest[:8]}"
    write_manifest(args.out, read_manifest(args.out) | {"model_version": version})
    if not args.no_pin:
        PINNED.write_text(
            '"""sha256 of the model files this release ships; '
            'written by `python -m training.train`, checked on load."""\n\n'
            f'DEFAULT_MODEL_SHA256 = "{digest}"\n'
            f'DEFAULT_TABLES_SHA256 = "{sha256_of(tables_path(args.out))}"\n',
            encoding="utf-8",
        )
    print(f"model {version} written to {args.out} (sha256 {digest[:16]}…) in {time.perf_counter() - t0:.0f} s")
    if shift := metrics.get("voice_shift"):
        print(
            f"  class shift {params['class_shift']} (leave-one-voice-out, pooled: macro-F1 "
            f"{shift['lovo_pooled_macro_f1']:.4f} → {shift['lovo_pooled_macro_f1_shifted']:.4f} in-sample)"
        )
    for name, m in metrics.items():
        if name == "voice_shift":
            continue
        print(f"  {name}: macro-F1 {m['macro_f1']:.3f}, concrete-vs-rest F1 {m['concrete_f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
