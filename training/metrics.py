"""The figures every evaluation reports, computed the same way for the model and the baselines."""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from taskqual.verdict import LABELS


def scores(y_true: Sequence[str], y_pred: Sequence[str]) -> dict:
    """Per-label precision/recall/F1, macro-F1, concrete-vs-rest F1 and the confusion matrix."""
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(LABELS), zero_division=0)
    return {
        "macro_f1": float(f1_score(y_true, y_pred, labels=list(LABELS), average="macro", zero_division=0)),
        "concrete_f1": float(
            f1_score([t == "concrete" for t in y_true], [q == "concrete" for q in y_pred], zero_division=0)
        ),
        "per_label": {
            lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, lab in enumerate(LABELS)
        },
        "confusion": confusion_matrix(y_true, y_pred, labels=list(LABELS)).tolist(),
    }
