"""Leave-one-voice-out validation: train on all hand-written voices but one, test on the one left out.

    python -m training.crossvoice [--data DIR] [--with-generated] [--param C=16 ...] [--flips FLIPS.jsonl]

Each file in data/handwritten/ is one writer's brief (voice, industries, typing habits), so this
measures what matters in production: how the model does on a way of writing it has never seen.
It reads no development set, so it is the yardstick for choices about data and parameters.

``--flips`` also runs the metamorphic checks of :mod:`training.metamorphic` on each held-out voice
(its texts lower-cased, retyped in the wrong layout, …, scored by the fold's model) and writes every
flip to the file: robustness read on data/, so that the outside-voice sets need not be read for it.
"""

from __future__ import annotations

import argparse
import ast
import json
from collections import Counter
from pathlib import Path

from joblib import Parallel, delayed
from sklearn.metrics import f1_score

from taskqual.estimator import TaskClassifier
from training.data import DATA_DIR, Record, by_voice, load_training, voice_of
from training.metamorphic import PERTURBATIONS, variants
from training.train import SEED


def _flips(model: TaskClassifier, test: list[Record], base: list[str]) -> tuple[Counter, list[dict]]:
    """Each perturbation's number of perturbed texts (``Counter``) and every flip, as records."""
    tried: Counter = Counter()
    flips = []
    for name in PERTURBATIONS:
        pairs = [(r, label, v) for r, label in zip(test, base) for v in variants(name, r.text)]
        tried[name] += len(pairs)
        if pairs:
            for (r, label, v), got in zip(pairs, model.predict([v for _, _, v in pairs])):
                if got != label:
                    flips.append(
                        {
                            "perturbation": name,
                            "voice": voice_of(r),
                            "where": r.where,
                            "gold": r.label,
                            "before": label,
                            "after": str(got),
                            "text": r.text,
                            "perturbed": v,
                        }
                    )
    return tried, flips


def _one(voice: str, train: list[Record], test: list[Record], params: dict, flips: bool) -> tuple:
    model = TaskClassifier(random_state=SEED, **params).fit([r.text for r in train], [r.label for r in train])
    base = [str(p) for p in model.predict([r.text for r in test])]
    f1 = f1_score([r.label for r in test], base, average="macro")
    return (voice, f1, *(_flips(model, test, base) if flips else (Counter(), [])))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="directory of training JSONL files")
    ap.add_argument("--with-generated", action="store_true", help="add the generated data to every training fold")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a TaskClassifier parameter")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--flips", type=Path, metavar="JSONL", help="also run the metamorphic checks; write every flip here"
    )
    args = ap.parse_args(argv)
    params = {k: ast.literal_eval(v) for k, v in (p.split("=", 1) for p in args.param)}

    records = load_training(args.data, with_generated=args.with_generated)
    voices = by_voice(records)
    results = Parallel(n_jobs=args.jobs)(
        delayed(_one)(v, [r for r in records if voice_of(r) != v], group, params, args.flips is not None)
        for v, group in voices.items()
    )
    for voice, f1, _, _ in results:
        print(f"{voice:<20} macro-F1 {f1:.3f}  ({len(voices[voice])} texts)")
    print(f"{'mean':<20} macro-F1 {sum(r[1] for r in results) / len(results):.4f}")
    if args.flips:
        tried = sum((r[2] for r in results), Counter())
        flips = [f for r in results for f in r[3]]
        flipped = Counter(f["perturbation"] for f in flips)
        for name in PERTURBATIONS:
            print(f"{name:<18} {flipped[name] / max(tried[name], 1):6.2%} of {tried[name]:>5} held-out texts flip")
        with args.flips.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(f, ensure_ascii=False) + "\n" for f in flips)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
