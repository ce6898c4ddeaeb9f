"""Leave-one-voice-out validation: train on all hand-written voices but one, test on the one left out.

    python -m training.crossvoice [--with-generated] [--param C=16 ...]

Each file in data/handwritten/ is one writer's brief (voice, industries, typing habits), so this
measures what matters in production: how the model does on a way of writing it has never seen.
It reads no development set, so it is the yardstick for choices about data and parameters.
"""

from __future__ import annotations

import argparse
import ast
from collections import defaultdict

from joblib import Parallel, delayed
from sklearn.metrics import f1_score

from taskqual.estimator import TaskClassifier
from training.data import Record, load_training
from training.train import SEED


def _voice(r: Record) -> str:
    return r.where.rsplit(":", 1)[0].rsplit("/", 1)[-1].removesuffix(".jsonl")


def _one(voice: str, train: list[Record], test: list[Record], params: dict) -> tuple[str, float]:
    model = TaskClassifier(random_state=SEED, **params).fit([r.text for r in train], [r.label for r in train])
    return voice, f1_score([r.label for r in test], model.predict([r.text for r in test]), average="macro")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--with-generated", action="store_true", help="add the generated data to every training fold")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a TaskClassifier parameter")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    params = {k: ast.literal_eval(v) for k, v in (p.split("=", 1) for p in args.param)}

    records = load_training(with_generated=args.with_generated)
    by_voice: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_voice[_voice(r)].append(r)
    voices = sorted(v for v in by_voice if v != "generated")
    results = Parallel(n_jobs=args.jobs)(
        delayed(_one)(v, [r for r in records if _voice(r) != v], by_voice[v], params) for v in voices
    )
    for voice, f1 in results:
        print(f"{voice:<20} macro-F1 {f1:.3f}  ({len(by_voice[voice])} texts)")
    print(f"{'mean':<20} macro-F1 {sum(f for _, f in results) / len(results):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
