"""classify() and classify_many(): verdicts from the shipped model, or from a model you load."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np

from taskqual.artifact import default_model_path, load_model
from taskqual.errors import MAX_TEXT_LENGTH, EmptyTaskError, TaskTooLongError
from taskqual.estimator import TaskClassifier
from taskqual.features import Analysis, analyze
from taskqual.hints import hint_for, missing_parts
from taskqual.normalize import has_words
from taskqual.scoring import CompiledModel
from taskqual.verdict import Verdict


class Model:
    """A loaded model ready to give verdicts: the estimator, its compiled scorer and its version."""

    def __init__(self, estimator: TaskClassifier) -> None:
        self.estimator = estimator
        self.compiled = CompiledModel(estimator)
        self.manifest: dict = getattr(estimator, "manifest_", {})
        self.version: str = self.manifest.get("model_version", "unversioned")

    @classmethod
    def load(cls, path: str | Path, *, trusted: bool = False) -> Model:
        """Verify and load a model file (see :func:`taskqual.artifact.load_model`)."""
        return cls(load_model(Path(path), trusted=trusted))

    def classify(self, text: str) -> Verdict:
        """Verdict for one text; raises on invalid input."""
        analysis = _analyze_checked(text)
        return self._verdicts([analysis], self.compiled.proba([analysis]))[0]

    def classify_many(self, texts: Iterable[object], *, errors: Literal["keep", "raise"] = "keep") -> list[Verdict]:
        """Verdicts for many texts in one vectorised pass; invalid items become error verdicts."""
        if errors not in ("keep", "raise"):
            raise ValueError(f"errors must be 'keep' or 'raise', got {errors!r}")
        items = list(texts) if not isinstance(texts, str) else _refuse_single_string()
        out: list[Verdict | None] = [None] * len(items)
        good: list[int] = []
        analyses: list[Analysis] = []
        for i, text in enumerate(items):
            try:
                analyses.append(_analyze_checked(text))  # type: ignore[arg-type]
                good.append(i)
            except (TypeError, ValueError) as e:
                if errors == "raise":
                    raise type(e)(f"item {i}: {e}") from e
                out[i] = Verdict(label=None, confidence=0.0, model_version=self.version,
                                 error=f"{type(e).__name__}: {e}")
        if analyses:
            for i, v in zip(good, self._verdicts(analyses, self.compiled.proba(analyses))):
                out[i] = v
        return out  # type: ignore[return-value]

    def _verdicts(self, analyses: Sequence[Analysis], proba: np.ndarray) -> list[Verdict]:
        classes = self.compiled.classes
        best = proba.argmax(axis=1)
        result = []
        for a, row, k in zip(analyses, proba.tolist(), best.tolist()):
            label = classes[k]
            missing = missing_parts(label, a)
            result.append(Verdict(
                label=label,
                confidence=row[k],
                scores=dict(zip(classes, row)),
                missing=missing,
                hint=hint_for(label, a, missing),
                model_version=self.version,
                company=a.company,
            ))
        return result


def _refuse_single_string() -> list:
    raise TypeError("classify_many() takes an iterable of texts, not one string: use classify(text)")


def check_text(text: object) -> str:
    """Return the text if it is a classifiable task, else raise a documented error."""
    if not isinstance(text, str):
        raise TypeError(f"task text must be str, got {type(text).__name__}")
    if len(text) > MAX_TEXT_LENGTH:
        raise TaskTooLongError(
            f"task text is {len(text)} characters long; at most {MAX_TEXT_LENGTH} are accepted "
            "(a task title or short description, not a whole e-mail)"
        )
    if not text.strip() or not has_words(text):
        raise EmptyTaskError(
            "task text has no words (empty, or only spaces, punctuation, emoji or digits); "
            "write what to do, e.g. «отправить КП до пятницы»"
        )
    return text


def _analyze_checked(text: object) -> Analysis:
    return analyze(check_text(text))


_LOCK = threading.Lock()
_DEFAULT: Model | None = None


def default_model() -> Model:
    """The shipped model, loaded once per process on first use (thread-safe)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                from taskqual._pinned import DEFAULT_MODEL_SHA256

                path = default_model_path()
                _DEFAULT = Model(load_model(path, pinned_sha256=DEFAULT_MODEL_SHA256))
    return _DEFAULT


def classify(text: str, *, model: Model | None = None) -> Verdict:
    """Label one task text.

    >>> classify("отправить КП в Ромашку до пятницы").label
    'concrete'
    """
    return (model or default_model()).classify(text)


def classify_many(
    texts: Iterable[object],
    *,
    errors: Literal["keep", "raise"] = "keep",
    model: Model | None = None,
) -> list[Verdict]:
    """Label many texts in one vectorised pass, keeping one Verdict per input in order.

    An invalid item (not a string, empty, too long) comes back as a Verdict whose ``error`` says
    what was wrong, unless ``errors="raise"``.
    """
    return (model or default_model()).classify_many(texts, errors=errors)


__all__ = ["Model", "classify", "classify_many", "default_model", "check_text"]
