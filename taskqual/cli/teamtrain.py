"""Train a team's own model: the team's labelled rows + its feedback + the shipped training data.

This is the library side of ``taskqual train``. It goes through the same code as the shipped model
(``python -m training.train``): :class:`taskqual.TaskClassifier` with the shipped model's
hyperparameters and seed (read from its manifest), saved by :meth:`taskqual.TaskClassifier.save`
(skops + scoring tables + manifest with sha256 of each file), then loaded back with
:meth:`taskqual.Model.load`, which runs the same integrity checks as for the shipped model. Only
the data differ:

* the team's rows (CSV, XLSX, JSON Lines, Parquet: a text column, a label column, optionally a type);
  a row whose text the team labelled replaces the shipped row with the same text;
* the feedback store (``expected`` is the label; the newest feedback on a text wins);
* the shipped hand-written data (``data/handwritten``, installed as ``taskqual._training_data``),
  read and de-duplicated exactly as ``training.data.load_training`` reads it, optionally a
  stratified sample of it (``shipped_sample``) when a quick model is enough.

A stratified part of the team's rows is held out of training, and both the shipped model and the new
one are scored on it. Team rows count ``team_weight`` times (they are repeated in the fit: the
estimator takes no sample weights).

The team's shorthand terms («ЗМР»), declared (``terms``) and found in the team's rows
(:mod:`taskqual.cli.teamterms`), are stored in the new model, which reads them as words and never as
a company name (:mod:`taskqual.terms`).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskqual.cli.teamterms import DetectedTerm, detect_terms
from taskqual.datasets import data_hash, dedup_key
from taskqual.errors import TaskqualError
from taskqual.verdict import LABELS

LABEL_NAMES = ("label", "expected", "метка", "класс", "категория")
TYPE_NAMES = ("type", "тип", "тип задачи", "task type")
MAX_REPORTED_ERRORS = 20


class TeamDataError(TaskqualError, ValueError):
    """Rows of the team's data that cannot be used; the message lists them (file, row, field, why)."""


@dataclass(frozen=True)
class Row:
    """One labelled text; ``where`` says where it came from (``team.csv: row 7``), for messages."""

    text: str
    label: str
    source: str
    where: str
    type: str | None = None


@dataclass
class Scores:
    """How a model did on the held-out team rows."""

    n: int
    accuracy: float
    macro_f1: float
    f1: dict[str, float]

    def as_metrics(self) -> dict[str, float]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            **{f"f1_{label}": round(v, 4) for label, v in self.f1.items()},
        }


@dataclass
class TrainResult:
    """What :func:`train_team_model` did."""

    path: Path
    version: str
    shipped_version: str
    records: int
    counts: dict[str, int]  # rows by source (shipped, team, feedback, held out)
    held_out: int
    shipped: Scores | None
    new: Scores | None
    seconds: dict[str, float] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)


@dataclass(frozen=True)
class Term:
    """A shorthand term the new model reads as a word: as written, and where it came from."""

    term: str
    declared: bool
    detected: DetectedTerm | None = None

    def describe(self) -> str:
        how = ["--term"] if self.declared else []
        if self.detected:
            d = self.detected
            how.append(f"found in {d.rows} rows, {d.with_company} with a company beside it")
        return f"{self.term} ({'; '.join(how)})"


def choose_terms(team: Sequence[Row], declared: Sequence[str] = (), *, detect: bool = True) -> list[Term]:
    """The terms of the new model: those declared, plus those :func:`detect_terms` finds in the team's
    texts (unless ``detect`` is false), one per normalised form, declared ones first."""
    from taskqual.terms import normalize_terms

    out: dict[str, Term] = {}
    for term in declared:
        out.setdefault(normalize_terms([term])[0], Term(term.strip(), True))
    for found in detect_terms([r.text for r in team]) if detect else []:
        key = normalize_terms([found.term])[0]
        out[key] = Term(out[key].term, True, found) if key in out else Term(found.term, False, found)
    return list(out.values())


# -- the shipped training data -------------------------------------------------------------------
def shipped_data_dir() -> Path:
    """The shipped hand-written training data: inside the installed package, or ``data/handwritten``
    of a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "_training_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "data" / "handwritten"


def shipped_rows(sample: int | None = None, seed: int = 0) -> list[Row]:
    """The shipped training records, de-duplicated (first occurrence wins) in file order; with
    ``sample``, a stratified random sample of that many (the label mix kept)."""
    directory = shipped_data_dir()
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise TeamDataError(f"the shipped training data is not in {directory}; reinstall taskqual")
    seen: set[str] = set()
    rows: list[Row] = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            key = dedup_key(obj["text"])
            if key and key not in seen:
                seen.add(key)
                rows.append(Row(obj["text"], obj["label"], obj["source"], f"{path.name}:{n}"))
    if sample is None or sample >= len(rows):
        return rows
    return _stratified_take(rows, sample, seed)


def _stratified_take(rows: list[Row], k: int, seed: int) -> list[Row]:
    """``k`` rows with the label mix of ``rows``, chosen with ``seed``, in their original order."""
    rng = random.Random(seed)
    by_label: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_label.setdefault(r.label, []).append(i)
    # Largest remainders: each label gets its share rounded down, the rows left go to the largest
    # fractions, so exactly ``k`` are taken (rounding each share on its own could take k + 1).
    labels = sorted(by_label)
    shares = {label: k * len(by_label[label]) / len(rows) for label in labels}
    takes = {label: int(shares[label]) for label in labels}
    for label in sorted(labels, key=lambda lb: (takes[lb] - shares[lb], lb))[: k - sum(takes.values())]:
        takes[label] += 1
    chosen: list[int] = []
    for label in labels:
        chosen += rng.sample(by_label[label], min(takes[label], len(by_label[label])))
    return [rows[i] for i in sorted(chosen)]


# -- the team's rows -----------------------------------------------------------------------------
def read_team_file(
    path: str | os.PathLike[str],
    *,
    text_column: str | None = None,
    label_column: str | None = None,
    sheet: str | None = None,
) -> list[Row]:
    """Labelled rows of a CSV, XLSX, JSON Lines or Parquet file.

    The text column is found as ``taskqual score`` finds it («Задача», text, …); the label column is
    ``expected`` when there is one (a feedback export), else ``label`` («метка»). Every bad row is
    reported, with the file, the row and the field, in one :class:`TeamDataError`.
    """
    from taskqual.batch.columns import TEXT_NAMES, ColumnError, find_column, resolve
    from taskqual.batch.readers import InputError, is_missing, open_source

    name = os.path.basename(str(path))
    rows: list[Row] = []
    errors: list[str] = []
    try:
        with open_source(str(path), sheet=sheet) as source:
            columns = source.columns
            text_col = resolve(columns, text_column, TEXT_NAMES, "text", True)
            label_col = resolve(columns, label_column, LABEL_NAMES, "label", True)
            type_col = find_column(columns, TYPE_NAMES)
            ti, li = columns.index(text_col), columns.index(label_col)
            yi = columns.index(type_col) if type_col is not None else None
            for chunk in source.chunks():
                texts, labels = chunk.column(ti), chunk.column(li)
                types = chunk.column(yi) if yi is not None else [None] * len(chunk)
                for i in range(len(chunk)):
                    where = f"{name}: {chunk.row_label(i)}"
                    problem = chunk.problems.get(i) or _row_problem(texts[i], labels[i], text_col, label_col)
                    if problem:
                        errors.append(f"{where}: {problem}")
                        continue
                    kind = None if is_missing(types[i]) or str(types[i]).strip() == "" else str(types[i]).strip()
                    rows.append(Row(str(texts[i]), str(labels[i]).strip().lower(), "team", where, kind))
    except (InputError, ColumnError) as e:
        raise TeamDataError(f"{name}: {e}") from None
    if errors:
        raise TeamDataError(_errors_message(errors))
    if not rows:
        raise TeamDataError(f"{name}: no labelled rows")
    return rows


def _row_problem(text: Any, label: Any, text_col: str, label_col: str) -> str | None:
    from taskqual.api import check_text
    from taskqual.batch.readers import is_missing

    if is_missing(text) or not isinstance(text, str):
        return f"field {text_col!r}: the text is missing"
    try:
        check_text(text)
    except ValueError as e:  # EmptyTaskError, TaskTooLongError
        return f"field {text_col!r}: {e}"
    value = "" if is_missing(label) else str(label).strip().lower()
    if value not in LABELS:
        shown = json.dumps(str(label), ensure_ascii=False)[:40] if not is_missing(label) else "nothing"
        return f"field {label_col!r}: {shown} is not a label; use one of {', '.join(LABELS)}"
    return None


def _errors_message(errors: list[str]) -> str:
    shown = "\n  ".join(errors[:MAX_REPORTED_ERRORS])
    more = f"\n  … and {len(errors) - MAX_REPORTED_ERRORS} more" if len(errors) > MAX_REPORTED_ERRORS else ""
    return f"{len(errors)} row(s) cannot be used; fix them and run again:\n  {shown}{more}"


def feedback_rows(url: str) -> list[Row]:
    """The feedback store's rows, ``expected`` as the label (a SQLAlchemy URL or a SQLite file)."""
    try:
        from taskqual.service.feedback.store import FeedbackStore, database_url, redacted
    except ImportError as e:  # the store comes with the [service] extra
        raise TeamDataError(f"--feedback reads the service's feedback database: {e}") from e

    resolved = database_url(url)
    if resolved.startswith("sqlite:///") and not Path(resolved[len("sqlite:///") :]).is_file():
        raise TeamDataError(
            f"no feedback database at {resolved[len('sqlite:///') :]}; give the file the service "
            "writes (TASKQUAL_FEEDBACK_DB, or feedback.sqlite3 in its data directory) or its URL"
        )
    store = FeedbackStore(resolved)
    try:
        return [
            Row(r["text"], r["expected"], "feedback", f"{redacted(resolved)}: feedback {r['feedback_id']}", r["type"])
            for r in store.export()
        ]
    finally:
        store.dispose()


# -- training ------------------------------------------------------------------------------------
def split_holdout(rows: Sequence[Row], fraction: float, seed: int) -> tuple[list[Row], list[Row]]:
    """(train, held out): ``fraction`` of each label's rows held out (at least one of a label that has
    two or more, never all of them), chosen with ``seed``."""
    rng = random.Random(seed)
    by_label: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_label.setdefault(r.label, []).append(i)
    held: set[int] = set()
    for _label, idx in sorted(by_label.items()):
        if fraction <= 0 or len(idx) < 2:
            continue
        k = min(len(idx) - 1, max(1, round(len(idx) * fraction)))
        held.update(rng.sample(idx, k))
    return [r for i, r in enumerate(rows) if i not in held], [r for i, r in enumerate(rows) if i in held]


def combine(shipped: list[Row], team: list[Row]) -> list[Row]:
    """The training rows: the team's (the last row for a text wins) and the shipped rows whose text
    the team did not label."""
    latest: dict[str, Row] = {}
    for r in team:
        latest.pop(dedup_key(r.text), None)  # re-insert: the order is that of the last occurrence
        latest[dedup_key(r.text)] = r
    return [r for r in shipped if dedup_key(r.text) not in latest] + list(latest.values())


def score(model: Any, rows: Sequence[Row]) -> Scores:
    """Accuracy, macro-F1 and per-label F1 of ``model`` (a :class:`taskqual.Model`) on ``rows``."""
    from sklearn.metrics import accuracy_score, f1_score

    truth = [r.label for r in rows]
    predicted = [v.label for v in model.classify_many([r.text for r in rows])]
    labels = [label for label in LABELS if label in truth]
    per_label = f1_score(truth, predicted, labels=labels, average=None, zero_division=0)
    return Scores(
        len(rows),
        float(accuracy_score(truth, predicted)),
        float(per_label.mean()) if labels else 0.0,
        {label: float(v) for label, v in zip(labels, per_label)},
    )


def train_team_model(
    team: list[Row],
    out: str | os.PathLike[str],
    *,
    shipped_sample: int | None = None,
    team_weight: int = 3,
    holdout: float = 0.2,
    terms: Sequence[str] = (),
    detect: bool = True,
    step: Callable[[str], None] | None = None,
) -> TrainResult:
    """Fit, save and verify a model on ``team`` rows + the shipped data; score it against the shipped
    model on a held-out part of ``team``. ``terms``: the team's shorthand, read as words by the new
    model, plus the terms found in the team's rows unless ``detect`` is false (:func:`choose_terms`).
    ``step(name)`` is called as each stage starts."""
    import time

    import taskqual
    from taskqual.estimator import TaskClassifier

    if team_weight < 1:
        raise ValueError(f"team_weight must be a whole number ≥ 1, got {team_weight}")
    if not 0 <= holdout < 1:
        raise ValueError(f"holdout must be in [0, 1), got {holdout}")
    step = step or (lambda name: None)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    step("finding the team's terms")
    chosen = choose_terms(team, terms, detect=detect)

    step("reading the shipped data")
    reference = taskqual.default_model()
    manifest = reference.manifest
    seed = int(manifest.get("seed", 0))
    params: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in manifest.get("params", {}).items()}
    # the shipped model's shift is for writers it never read; a team model reads its team's own texts
    params.pop("class_shift", None)
    train_team, held = split_holdout(team, holdout, seed)
    held_keys = {dedup_key(r.text) for r in held}
    base = [r for r in shipped_rows(shipped_sample, seed) if dedup_key(r.text) not in held_keys]
    train_team = [r for r in train_team if dedup_key(r.text) not in held_keys]
    rows = combine(base, train_team)
    team_keys = {dedup_key(r.text) for r in train_team}
    texts, labels, used = [], [], []
    for r in rows:
        times = team_weight if dedup_key(r.text) in team_keys else 1
        for _ in range(times):
            texts.append(r.text)
            labels.append(r.label)
            used.append(r)
    seconds["read"] = time.perf_counter() - clock

    step(f"fitting on {len(texts):,} rows")
    clock = time.perf_counter()
    estimator = TaskClassifier(**{**params, "terms": tuple(t.term for t in chosen)}).fit(texts, labels)
    seconds["fit"] = time.perf_counter() - clock

    step("saving and verifying")
    clock = time.perf_counter()
    digest = data_hash(used)
    # the version names the data and, when there are any, the terms the model reads as words
    tag = digest if not chosen else hashlib.sha256(json.dumps([digest, estimator.terms_]).encode()).hexdigest()
    version = f"{taskqual.__version__.split('+')[0]}+team.{tag[:8]}"
    counts = {
        "shipped": sum(r.source not in ("team", "feedback") for r in rows),
        "team": sum(r.source == "team" for r in rows),
        "feedback": sum(r.source == "feedback" for r in rows),
        "held_out": len(held),
    }
    extra = {
        "model_version": version,
        "base_model": reference.version,
        "training_data": {
            "sha256": digest,
            "records": len(used),
            "by_label": dict(sorted(Counter(labels).items())),
            "rows": counts,
            "team_weight": team_weight,
            "shipped_sample": shipped_sample,
            "team_types": dict(sorted(Counter(r.type or "" for r in train_team).items())),
        },
        "terms": {
            "read_as_words": list(estimator.terms_),
            "declared": [t.term for t in chosen if t.declared],
            "detected": [
                {
                    "term": t.term,
                    "rows": t.detected.rows,
                    "lost": t.detected.lost,
                    "with_company": t.detected.with_company,
                }
                for t in chosen
                if t.detected
            ],
        },
        "seed": seed,
        "metrics": {},
    }
    path = Path(out).with_suffix(".skops")
    new_scores = shipped_scores = None
    if held:
        shipped_scores = score(reference, held)
        new_scores = score(taskqual.Model.from_estimator(estimator), held)
        extra["metrics"] = {
            "team_holdout": new_scores.as_metrics(),
            "team_holdout_shipped_model": shipped_scores.as_metrics(),
        }
    _save_atomically(estimator, path, extra)
    model = taskqual.Model.load(path)  # the same integrity checks as any model file
    if held:  # what is reported is what the saved file gives
        new_scores = score(model, held)
    seconds["save"] = time.perf_counter() - clock
    return TrainResult(
        path, version, reference.version, len(used), counts, len(held), shipped_scores, new_scores, seconds, chosen
    )


def _save_atomically(estimator: Any, path: Path, extra: dict[str, Any]) -> None:
    """Save beside ``path`` in a temporary folder, then move the files in, the manifest last: a
    service reloading meanwhile sees the old files or files that fail verification, never a mix
    it accepts."""
    from taskqual.artifact import model_files

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.stem}.", dir=path.parent))
    try:
        estimator.save(tmp / path.name, extra)
        for src, dst in zip(model_files(tmp / path.name), model_files(path)):
            os.replace(src, dst)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


__all__ = [
    "Row",
    "Scores",
    "Term",
    "choose_terms",
    "TrainResult",
    "TeamDataError",
    "read_team_file",
    "feedback_rows",
    "shipped_rows",
    "shipped_data_dir",
    "split_holdout",
    "combine",
    "score",
    "train_team_model",
]
