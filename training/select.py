"""Choose between approaches without touching the development sets.

    python -m training.select [--systems taskqual tfidf fasttext] [--lovo] [--outside] [--param C=16]
    python -m training.select --outside --validation training/validation_round2

Two yardsticks, both blind to ``../shared/eval``:

- **leave-one-voice-out** (``--lovo``): each file in data/handwritten/ is one writer's brief; train on
  all voices but one and score the one left out. Reported as the mean of the per-voice macro-F1 and
  as macro-F1 over all held-out predictions pooled.
- **outside voices** (``--outside``): train on all of data/ and score ``training/validation/``, texts
  written by people who never read data/ (see training/validation/README.md); ``--validation DIR``
  scores another such set instead (``training/validation_round2/``, six more voices, or
  ``training/validation_round3/``, eight more, or ``training/validation_round4/``, eight more).

Every system is retrained on exactly the same records in the same run, so the rows compare.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from joblib import Parallel, delayed
from sklearn.metrics import f1_score

from taskqual.verdict import LABELS
from training.baselines import FastTextBaseline, tfidf_lr
from training.data import DATA_DIR, VALIDATION_DIR, Record, by_voice, load_training, load_validation, voice_of
from training.train import SEED

Predictor = Callable[[Sequence[str]], list[str]]


def fit_system(name: str, texts: list[str], labels: list[str], params: dict) -> Predictor:
    """Fit one named system on the given records and return its predict function."""
    if name == "taskqual":
        from taskqual.estimator import TaskClassifier

        model = TaskClassifier(random_state=SEED, **params).fit(texts, labels)
        return lambda xs: model.predict(list(xs)).tolist()
    if name == "tfidf":
        base = tfidf_lr(SEED).fit(texts, labels)
        return lambda xs: base.predict(list(xs)).tolist()
    if name == "fasttext":
        return FastTextBaseline(SEED).fit(texts, labels).predict
    raise ValueError(f"unknown system {name!r}: use taskqual, tfidf or fasttext")


def _macro(y: Sequence[str], p: Sequence[str]) -> float:
    return float(f1_score(y, p, labels=list(LABELS), average="macro", zero_division=0))


def _fold(
    system: str, held: str, train: list[Record], test: list[Record], params: dict
) -> tuple[str, str, list[str], float]:
    t0 = time.perf_counter()
    predict = fit_system(system, [r.text for r in train], [r.label for r in train], params)
    pred = predict([r.text for r in test])
    return system, held, pred, time.perf_counter() - t0


def run(
    systems: list[str],
    records: list[Record],
    validation: list[Record],
    *,
    lovo: bool,
    outside: bool,
    params: dict,
    jobs: int,
    dump: list | None = None,
) -> dict:
    """Macro-F1 of every system on both yardsticks, trained on the same records."""
    voices = by_voice(records)
    work = []
    for s in systems:
        if lovo:
            work += [(s, v, [r for r in records if voice_of(r) != v], group) for v, group in voices.items()]
        if outside:
            work.append((s, "@outside", records, validation))
    done = Parallel(n_jobs=jobs)(delayed(_fold)(s, v, tr, te, params.get(s, {})) for s, v, tr, te in work)
    out: dict = {s: {"lovo": {}, "outside": {}} for s in systems}
    pooled: dict[str, tuple[list[str], list[str]]] = {s: ([], []) for s in systems}
    for s, held, pred, secs in done:
        if held == "@outside":
            gold = [r.label for r in validation]
            out[s]["outside"] = {
                "macro_f1": _macro(gold, pred),
                "fit_s": round(secs, 1),
                "per_voice": _per_voice(validation, pred),
            }
            out[s]["outside_pred"] = pred
        else:
            gold = [r.label for r in voices[held]]
            out[s]["lovo"][held] = _macro(gold, pred)
            if dump is not None:
                dump.extend(
                    {"system": s, "voice": held, "where": r.where, "text": r.text, "gold": r.label, "pred": p}
                    for r, p in zip(voices[held], pred)
                )
            pooled[s][0].extend(gold)
            pooled[s][1].extend(pred)
    for s in systems:
        if lovo:
            per = out[s]["lovo"]
            out[s]["lovo_mean"] = sum(per.values()) / len(per)
            out[s]["lovo_pooled"] = _macro(*pooled[s])
    return out


def _per_voice(records: list[Record], pred: list[str]) -> dict[str, float]:
    groups: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for r, p in zip(records, pred):
        groups[voice_of(r)][0].append(r.label)
        groups[voice_of(r)][1].append(p)
    return {v: _macro(g, p) for v, (g, p) in sorted(groups.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--systems", nargs="+", default=["taskqual", "tfidf", "fasttext"])
    ap.add_argument("--lovo", action="store_true", help="leave-one-voice-out over data/handwritten/")
    ap.add_argument("--outside", action="store_true", help="train on data/, score training/validation/")
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="directory of training JSONL files")
    ap.add_argument(
        "--validation",
        type=Path,
        default=VALIDATION_DIR,
        help="directory of the outside-voice set that --outside scores",
    )
    ap.add_argument("--with-generated", action="store_true", help="add data/generated.jsonl to every training set")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a TaskClassifier parameter")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--dump-lovo", type=Path, metavar="JSONL", help="write every leave-one-voice-out held-out prediction here"
    )
    ap.add_argument("--json", type=Path, help="also write the figures (and outside predictions) to this file")
    args = ap.parse_args(argv)
    if not (args.lovo or args.outside):
        args.lovo = args.outside = True
    params = {"taskqual": {k: ast.literal_eval(v) for k, v in (p.split("=", 1) for p in args.param)}}
    records = load_training(args.data, with_generated=args.with_generated)
    validation = load_validation(args.validation)
    if args.outside and not validation:
        ap.error(f"--validation {args.validation}: no *.jsonl records there")
    dump: list | None = [] if args.dump_lovo else None
    res = run(
        args.systems,
        records,
        validation,
        lovo=args.lovo,
        outside=args.outside,
        params=params,
        jobs=args.jobs,
        dump=dump,
    )
    if args.dump_lovo and dump is not None:
        with args.dump_lovo.open("w", encoding="utf-8") as f:
            for row in dump:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"training records: {len(records)}; outside-voice texts: {len(validation)}")
    print(f"{'system':<10} {'LOVO mean':>9} {'LOVO pooled':>11} {'outside':>8}  outside per voice")
    for s, r in res.items():
        lm, lp = r.get("lovo_mean"), r.get("lovo_pooled")
        o = r["outside"].get("macro_f1")
        per = " ".join(f"{v[:8]}={f:.3f}" for v, f in r["outside"].get("per_voice", {}).items())
        print(
            f"{s:<10} {lm if lm is not None else float('nan'):>9.4f} {lp if lp is not None else float('nan'):>11.4f} "
            f"{o if o is not None else float('nan'):>8.4f}  {per}"
        )
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
