"""How a model's scores shift on voices it was not trained on, measured by leave-one-voice-out.

    python -m training.voice_shift [--systems taskqual tfidf] [--validation DIR ...]

A model trained on data/ reads its own writers better than a new team's. Held out, the shipped
features say ``company_only`` too often (EXPERIMENTS row 53): a new writer's products and jargon look
like names. Each voice is held out in turn, the held-out probabilities are pooled, and one log-odds
offset per label is fitted to them by maximum likelihood (the weights stay as they are; only where
the labels' scores start moves). ``training.train`` fits it and ships it as the model's
``class_shift``.

Run as a command it measures what the shift is worth, for the model and the TF-IDF baseline alike:
leave-one-voice-out with each voice's offsets fitted on the other voices only (nothing of the
held-out voice chooses its offsets), and each outside-voice set with the offsets of all voices.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from scipy.optimize import minimize
from scipy.special import logsumexp

from taskqual.estimator import TaskClassifier
from taskqual.verdict import LABELS
from training.baselines import tfidf_lr
from training.data import VALIDATION_DIRS, Record, by_voice, load_training, load_validation, voice_of
from training.metrics import scores


def _fit(system: str, records: Sequence[Record], params: dict, seed: int):
    texts, labels = [r.text for r in records], [r.label for r in records]
    if system == "taskqual":
        return TaskClassifier(random_state=seed, **params).fit(texts, labels)
    if system == "tfidf":
        return tfidf_lr(seed).fit(texts, labels)
    raise ValueError(f"unknown system {system!r}: use taskqual or tfidf")


def _held_out(system: str, train: list[Record], tests: list[list[Record]], params: dict, seed: int) -> list[np.ndarray]:
    model = _fit(system, train, params, seed)
    order = [list(model.classes_).index(c) for c in LABELS]
    return [model.predict_proba([r.text for r in t])[:, order] for t in tests]


def held_out_proba(
    records: Sequence[Record], params: dict | None = None, *, seed: int, system: str = "taskqual", jobs: int = -1
) -> dict[str, np.ndarray]:
    """Each voice's probabilities (columns in ``LABELS`` order) from a model trained on all the other records."""
    groups = by_voice(records)
    done = Parallel(n_jobs=jobs)(
        delayed(_held_out)(system, [r for r in records if voice_of(r) != v], [group], params or {}, seed)
        for v, group in groups.items()
    )
    return {v: p[0] for v, p in zip(groups, done)}


def fit_shift(proba: np.ndarray, gold: Sequence[str]) -> dict[str, float]:
    """The log-odds offset per label (``LABELS``; the first one's is 0) that makes ``proba`` most likely
    to give ``gold``: a convex fit with one optimum, so the offsets follow the data, not a grid.

    >>> held_out = np.array([[0.6, 0.4, 0.0, 0.0]] * 4 + [[0.0, 0.0, 0.5, 0.5]] * 4)  # LABELS order
    >>> shift = fit_shift(held_out, ["vague"] * 4 + ["delegable"] * 4)  # said concrete, was vague
    >>> shift["concrete"], shift["vague"] > 0, shift["delegable"] > shift["company_only"]
    (0.0, True, True)
    """
    logp = np.log(np.clip(proba, 1e-12, 1.0))
    y = np.array([LABELS.index(g) for g in gold])
    rows = np.arange(len(y))

    def loss(x: np.ndarray) -> float:
        z = logp + np.concatenate([[0.0], x])
        return float(-(z[rows, y] - logsumexp(z, axis=1)).mean())

    x = minimize(loss, np.zeros(len(LABELS) - 1), method="L-BFGS-B", bounds=[(-5.0, 5.0)] * (len(LABELS) - 1)).x
    return {label: round(float(v), 4) for label, v in zip(LABELS, np.concatenate([[0.0], x]))}


def shifted(proba: np.ndarray, shift: dict[str, float] | None) -> list[str]:
    """The labels ``proba`` gives once each label's log-odds moves by ``shift``."""
    offsets = np.array([(shift or {}).get(label, 0.0) for label in LABELS])
    return [LABELS[k] for k in np.argmax(np.log(np.clip(proba, 1e-12, 1.0)) + offsets, axis=1)]


def measure(
    records: list[Record], outside: dict[str, list[Record]], system: str, *, seed: int, jobs: int = -1
) -> dict[str, tuple[float, float]]:
    """Macro-F1 without and with the shift: leave-one-voice-out (mean over voices, each voice's offsets
    fitted on the other voices) and each outside-voice set (offsets of all voices)."""
    groups = by_voice(records)
    held = held_out_proba(records, seed=seed, system=system, jobs=jobs)
    gold = {v: [r.label for r in g] for v, g in groups.items()}
    plain, moved = [], []
    for v in groups:
        others = [u for u in groups if u != v]
        shift = fit_shift(np.vstack([held[u] for u in others]), [g for u in others for g in gold[u]])
        plain.append(scores(gold[v], shifted(held[v], None))["macro_f1"])
        moved.append(scores(gold[v], shifted(held[v], shift))["macro_f1"])
    out = {"lovo_mean": (float(np.mean(plain)), float(np.mean(moved)))}
    shift = fit_shift(np.vstack(list(held.values())), [g for v in groups for g in gold[v]])
    print(f"{system}: offsets of all {len(groups)} voices {shift}", file=sys.stderr)
    model = _fit(system, records, {}, seed)
    order = [list(model.classes_).index(c) for c in LABELS]
    for name, recs in outside.items():
        proba = model.predict_proba([r.text for r in recs])[:, order]
        y = [r.label for r in recs]
        out[name] = (scores(y, shifted(proba, None))["macro_f1"], scores(y, shifted(proba, shift))["macro_f1"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--systems", nargs="+", default=["taskqual", "tfidf"], choices=["taskqual", "tfidf"])
    ap.add_argument(
        "--validation",
        nargs="*",
        type=Path,
        default=[VALIDATION_DIRS[0], VALIDATION_DIRS[2]],
        help="outside-voice sets to score (default: the two that choose approaches)",
    )
    ap.add_argument("--jobs", type=int, default=-1)
    args = ap.parse_args(argv)
    from training.train import SEED  # here, not at the top: training.train imports this module

    records = load_training()
    outside = {d.name: load_validation(d) for d in args.validation}
    print(f"{'system':<10}{'set':<22}{'plain':>8}{'shifted':>9}")
    for system in args.systems:
        for name, (before, after) in measure(records, outside, system, seed=SEED, jobs=args.jobs).items():
            print(f"{system:<10}{name:<22}{before:>8.4f}{after:>9.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
