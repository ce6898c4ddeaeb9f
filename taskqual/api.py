"""classify() and classify_many(): verdicts from the shipped model, or from a model you load."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from taskqual.artifact import default_model_path, load_tables
from taskqual.companies import render
from taskqual.company_gate import certain_span
from taskqual.errors import MAX_TEXT_LENGTH, EmptyTaskError, TaskTooLongError, error_code
from taskqual.features import Analysis, analyze
from taskqual.hints import hint_for, missing_parts
from taskqual.morphology import guessing_budget
from taskqual.normalize import has_words
from taskqual.scoring import CompiledModel
from taskqual.task_type import check_type, typed_text
from taskqual.verdict import LABELS, Verdict

if TYPE_CHECKING:
    from taskqual.estimator import TaskClassifier


BATCH_CHUNK = 4096  # texts analysed and scored at a time inside classify_many


class Model:
    """A model ready to give verdicts: its scoring tables, manifest and version.

    The scikit-learn estimator behind it (for ``explain`` and sklearn workflows) is read from the
    ``.skops`` file on first use of :attr:`estimator`, verified like the tables.
    """

    def __init__(
        self,
        compiled: CompiledModel,
        manifest: dict[str, Any] | None = None,
        *,
        path: Path | None = None,
        trusted: bool = False,
        pinned_sha256: str | None = None,
        estimator: TaskClassifier | None = None,
    ) -> None:
        self.compiled = compiled
        self.manifest: dict[str, Any] = manifest or {}
        self.version: str = self.manifest.get("model_version", "unversioned")
        self.terms: frozenset[str] = compiled.terms  # a team model's shorthand, read as words (taskqual.terms)
        self.path = path
        self._trusted = trusted
        self._pinned = pinned_sha256
        self._estimator = estimator
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str | Path, *, trusted: bool = False) -> Model:
        """Verify and load a model file (the ``.skops`` path; its ``.npz`` and ``.json`` sit beside it)."""
        path = Path(path).with_suffix(".skops")
        compiled, manifest = load_tables(path)
        return cls(compiled, manifest, path=path, trusted=trusted)

    @classmethod
    def from_estimator(cls, estimator: TaskClassifier) -> Model:
        """Wrap a TaskClassifier fitted in this process (no files involved)."""
        return cls(CompiledModel.from_estimator(estimator), getattr(estimator, "manifest_", {}), estimator=estimator)

    @property
    def estimator(self) -> TaskClassifier:
        """The fitted TaskClassifier (loaded and verified on first use)."""
        if self._estimator is None:
            with self._lock:
                if self._estimator is None:
                    if self.path is None:
                        raise RuntimeError("this Model has no estimator and no model file to load it from")
                    from taskqual.estimator import TaskClassifier  # imports scikit-learn: only when asked for

                    self._estimator = TaskClassifier.load(self.path, trusted=self._trusted, pinned_sha256=self._pinned)
        return self._estimator

    def classify(self, text: str, *, task_type: str | None = None, company: str | None = None) -> Verdict:
        """Verdict for one text; raises on invalid input. ``task_type``, ``company``: see :func:`classify`."""
        analysis = _analyze_checked(text, task_type, self.terms)
        return self._verdicts([analysis], self.compiled.proba([analysis]), [text], [_company_arg(company)])[0]

    def classify_many(
        self,
        texts: Iterable[object],
        *,
        errors: Literal["keep", "raise"] = "keep",
        n_jobs: int = 1,
        task_types: Iterable[object] | None = None,
        companies: Iterable[str | None] | None = None,
    ) -> list[Verdict]:
        """Verdicts for many texts, vectorised chunk by chunk; invalid items become error verdicts.

        ``task_types``, if given, holds one CRM task type (or None) per text. ``n_jobs`` > 1 (or -1 for every core)
        scores the chunks in joblib worker processes, each loading the model once. ``companies``, when given, holds
        the company each text is about (None where unknown), one per text, for the hints.
        """
        if errors not in ("keep", "raise"):
            raise ValueError(f"errors must be 'keep' or 'raise', got {errors!r}")
        items = list(texts) if not isinstance(texts, str) else _refuse_single_string()
        known = _companies_arg(companies, len(items))
        kinds = _types_for(items, task_types)
        chunks = [
            (items[s : s + BATCH_CHUNK], s, known[s : s + BATCH_CHUNK], kinds and kinds[s : s + BATCH_CHUNK])
            for s in range(0, len(items), BATCH_CHUNK)
        ]  # bounded memory
        if n_jobs == 1 or len(chunks) < 2:
            parts = [self._classify_chunk(chunk, start, errors, comp, types) for chunk, start, comp, types in chunks]
        else:
            from joblib import Parallel, delayed

            ref = self._reference()
            parts = Parallel(n_jobs=n_jobs)(
                delayed(_chunk_in_worker)(ref, chunk, start, errors, comp, types)
                for chunk, start, comp, types in chunks
            )
        return [v for part in parts for v in part]

    def _reference(self) -> _ModelRef:
        """What a worker process needs to get this model: a marker, a file, or the model itself."""
        if self is _DEFAULT:
            return "default"
        if self.path is not None:
            return (str(self.path), self._trusted)
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _classify_chunk(
        self,
        items: list[object],
        offset: int,
        errors: str,
        companies: Sequence[str | None] | None = None,
        types: Sequence[object] | None = None,
    ) -> list[Verdict]:
        out: list[Verdict | None] = [None] * len(items)
        good: list[int] = []
        analyses: list[Analysis] = []
        for i, text in enumerate(items):
            try:
                analyses.append(_analyze_checked(text, types[i] if types else None, self.terms))
                good.append(i)
            except (TypeError, ValueError) as e:
                if errors == "raise":
                    raise type(e)(f"item {offset + i}: {e}") from e
                out[i] = Verdict(
                    label=None,
                    confidence=0.0,
                    model_version=self.version,
                    error=f"{type(e).__name__}: {e}",
                    error_code=error_code(e),
                )
        if analyses:
            texts = [items[i] for i in good]
            known = [companies[i] for i in good] if companies is not None else [None] * len(good)
            for i, v in zip(good, self._verdicts(analyses, self.compiled.proba(analyses), texts, known)):
                out[i] = v
        return out  # type: ignore[return-value]

    def _verdicts(
        self, analyses: Sequence[Analysis], proba: np.ndarray, texts: Sequence[object], companies: Sequence[str | None]
    ) -> list[Verdict]:
        classes = self.compiled.classes
        order = [c for c in LABELS if c in classes] + [c for c in classes if c not in LABELS]
        position = [classes.index(c) for c in order]
        best = proba.argmax(axis=1)
        result = []
        for a, row, k, text, known in zip(analyses, proba.tolist(), best.tolist(), texts, companies):
            label = classes[k]
            missing = missing_parts(label, a)
            with guessing_budget():  # a text of made-up words costs its hint no more than its analysis
                # the company as written: analyze() has located it already (a.found is company_in's locate()),
                # and reported only when its span is certain («встреча в БЦ «Сенатор» с …» names no client)
                found = (
                    render(a.found, a.normalized, str(text))
                    if a.found and certain_span(a.normalized, a.found)
                    else None
                )
                hint = hint_for(label, a, missing, company=known, text=str(text), found=found)
            result.append(
                Verdict(
                    label=label,
                    confidence=row[k],
                    scores={c: row[j] for c, j in zip(order, position)},
                    missing=missing,
                    hint=hint,
                    model_version=self.version,
                    company=known or found,
                )
            )
        return result


# how a joblib worker gets a model: the default marker, (path, trusted) of a file, or the model itself
_ModelRef = Model | Literal["default"] | tuple[str, bool]

_WORKER_MODELS: dict[_ModelRef, Model] = {}


def _chunk_in_worker(
    ref: _ModelRef,
    items: list[object],
    offset: int,
    errors: str,
    companies: Sequence[str | None] | None = None,
    types: Sequence[object] | None = None,
) -> list[Verdict]:
    """Score one chunk in a joblib worker, loading the model once per worker process."""
    if isinstance(ref, Model):
        model = ref
    elif ref == "default":
        model = default_model()
    else:
        cached = _WORKER_MODELS.get(ref)
        if cached is None:
            path, trusted = ref
            cached = _WORKER_MODELS[ref] = Model.load(path, trusted=trusted)
        model = cached
    return model._classify_chunk(items, offset, errors, companies, types)


def _types_for(items: list[object], task_types: Iterable[object] | None) -> list[object] | None:
    """The task types as a list as long as ``items``, or None when no types were given."""
    if task_types is None:
        return None
    if isinstance(task_types, str):
        raise TypeError("task_types takes one type per text (a list), not one string")
    kinds = list(task_types)
    if len(kinds) != len(items):
        raise ValueError(
            f"task_types has {len(kinds)} entries for {len(items)} texts: give one per text "
            "(None where a task has no type)"
        )
    return kinds


def _company_arg(company: object) -> str | None:
    """The caller's company, stripped; None or blank means "find it in the text"."""
    if company is None:
        return None
    if not isinstance(company, str):
        raise TypeError(f"company must be str or None, got {type(company).__name__}")
    return company.strip() or None


def _companies_arg(companies: Iterable[str | None] | None, n: int) -> list[str | None]:
    """One company (or None) per text; a length mismatch is refused rather than misaligned."""
    if companies is None:
        return [None] * n
    if isinstance(companies, str):
        raise TypeError("companies must be a list with one company (or None) per text, not one string")
    out = [_company_arg(c) for c in companies]
    if len(out) != n:
        raise ValueError(f"companies has {len(out)} items but there are {n} texts; give one company (or None) per text")
    return out


def _refuse_single_string() -> list:
    raise TypeError("classify_many() takes an iterable of texts, not one string: use classify(text)")


def check_text(text: object) -> str:
    """Return the text if it is a classifiable task, else raise a documented error."""
    text = _check_length(text)
    if not text.strip() or not has_words(text):
        raise EmptyTaskError(
            "task text has no words (empty, or only spaces, punctuation, emoji or digits); "
            "write what to do, e.g. «отправить КП до пятницы»"
        )
    return text


def _check_length(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"task text must be str, got {type(text).__name__}")
    if len(text) > MAX_TEXT_LENGTH:
        raise TaskTooLongError(
            f"task text is {len(text)} characters long; at most {MAX_TEXT_LENGTH} are accepted "
            "(a task title or short description, not a whole e-mail)"
        )
    return text


def _analyze_checked(text: object, task_type: object = None, terms: frozenset[str] = frozenset()) -> Analysis:
    """The analysis of the text, or of type and text together; a text may be empty when a type is given.
    ``terms``: the model's shorthand terms (none for the shipped model)."""
    kind = check_type(task_type)
    if kind is None:
        return analyze(check_text(text), terms)
    return analyze(typed_text(_check_length(text), kind), terms)


_LOCK = threading.Lock()
_DEFAULT: Model | None = None


def default_model() -> Model:
    """The shipped model, loaded once per process on first use (thread-safe)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                from taskqual._pinned import DEFAULT_MODEL_SHA256, DEFAULT_TABLES_SHA256

                path = default_model_path()
                compiled, manifest = load_tables(
                    path, pinned_sha256=DEFAULT_TABLES_SHA256, pinned_model_sha256=DEFAULT_MODEL_SHA256
                )
                _DEFAULT = Model(compiled, manifest, path=path, pinned_sha256=DEFAULT_MODEL_SHA256)
    return _DEFAULT


def classify(
    text: str, *, task_type: str | None = None, model: Model | None = None, company: str | None = None
) -> Verdict:
    """Label one task text.

    ``task_type`` is the type the CRM shows beside it («Звонок», «Встреча», …): the verdict is on
    type and text together. ``company`` is the company the task is about when the caller knows it (a CRM field, a report
    column): the hint and ``Verdict.company`` use it instead of the name found in the text.

    >>> classify("отправить КП в Ромашку до пятницы").label
    'concrete'
    >>> classify("перезвонить", company="ООО «Вектор»").company
    'ООО «Вектор»'
    >>> classify("ООО Ромашка", task_type="Звонок").label  # a call with no goal, not a bare name
    'vague'
    """
    return (model or default_model()).classify(text, task_type=task_type, company=company)


def classify_many(
    texts: Iterable[object],
    *,
    errors: Literal["keep", "raise"] = "keep",
    model: Model | None = None,
    n_jobs: int = 1,
    task_types: Iterable[str | None] | None = None,
    companies: Iterable[str | None] | None = None,
) -> list[Verdict]:
    """Label many texts in one vectorised pass, keeping one Verdict per input in order.

    An invalid item (not a string, empty, too long) comes back as a Verdict whose ``error`` says
    what was wrong, unless ``errors="raise"``. ``n_jobs`` > 1 spreads the work over processes.
    ``task_types`` and ``companies``, one per text (None where there is none), are the CRM task
    types and the companies the caller knows, as in :func:`classify`.
    """
    return (model or default_model()).classify_many(
        texts, errors=errors, n_jobs=n_jobs, task_types=task_types, companies=companies
    )


__all__ = ["Model", "classify", "classify_many", "default_model", "check_text"]
