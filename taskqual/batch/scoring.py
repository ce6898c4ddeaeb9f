"""Score a backlog chunk by chunk, in this process or in ``--jobs N`` worker processes.

The verdict of a text depends on the text alone, so a chunk is scored one distinct text at a time
and a bounded cache carries verdicts over from chunk to chunk: CRM backlogs repeat «Позвонить» and
company names a lot. Workers get only the texts of a chunk and send back plain lists; chunks come
back in input order, and at most two per worker are in flight, so memory stays flat.
"""

from __future__ import annotations

import math
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from taskqual.batch.readers import Chunk, Source

OUTPUT_COLUMNS: tuple[str, ...] = ("label", "confidence", "is_concrete", "missing", "hint", "error")
"""The columns ``taskqual score`` adds to every row, in this order."""

CACHE_SIZE = 50_000
Raw = tuple[list, list, list, list, list, list]  # label, confidence, missing, hint, error, company


def as_text(value: Any) -> str:
    """The task text of a cell: strings as they are, an empty cell as "", anything else as str()."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class TextScorer:
    """Verdicts for lists of texts, each distinct text classified once (with a bounded cache)."""

    def __init__(self, model: Any = None, cache_size: int = CACHE_SIZE) -> None:
        import taskqual

        self.model = model if model is not None else taskqual.default_model()
        self.cache_size = cache_size
        self._cache: dict[str, tuple] = {}

    def score(self, texts: Sequence[str]) -> Raw:
        cache = self._cache
        found: dict[str, tuple] = {}
        todo: list[str] = []
        for t in dict.fromkeys(texts):
            hit = cache.get(t)
            if hit is None:
                todo.append(t)
            else:
                found[t] = hit
        if todo:
            overflow = len(cache) + len(todo) - self.cache_size
            if overflow > 0:  # forget the oldest entries, at least half (dicts keep insertion order)
                for key in list(islice(cache, max(overflow, len(cache) // 2))):
                    del cache[key]
            for text, v in zip(todo, self.model.classify_many(todo)):
                found[text] = cache[text] = (v.label, round(v.confidence, 4), ",".join(v.missing), v.hint,
                                             v.error, v.company)
        if not texts:
            return [], [], [], [], [], []
        return tuple(map(list, zip(*[found[t] for t in texts])))  # type: ignore[return-value]


@dataclass
class Scored:
    """The added columns for the rows of one chunk (plus the company the library found, for reports)."""

    label: list[str | None]
    confidence: list[float]
    is_concrete: list[bool]
    missing: list[str]
    hint: list[str]
    error: list[str | None]
    company: list[str | None]

    def columns(self) -> list[list[Any]]:
        return [self.label, self.confidence, self.is_concrete, self.missing, self.hint, self.error]

    @property
    def flagged(self) -> int:
        return sum(e is not None for e in self.error)


def assemble(raw: Raw, n: int, row_label: Callable[[int], str], problems: dict[int, str]) -> Scored:
    """Turn raw verdict lists into output columns; every error names its row."""
    label, confidence, missing, hint, verror, company = raw
    error: list[str | None] = [None] * n
    for i, e in enumerate(verror):
        if e is not None or i in problems:
            parts = [p for p in (problems.get(i), e) if p]
            error[i] = f"{row_label(i)}: {'; '.join(parts)}"
    return Scored(list(label), list(confidence), [lb == "concrete" for lb in label], list(missing), list(hint),
                  error, list(company))


def chunk_texts(chunk: Chunk, text_index: int) -> list[str]:
    return [as_text(v) for v in chunk.data[text_index]]


# ------------------------------------------------------------------------------ worker processes

_WORKER: TextScorer | None = None


def _worker_init(model_path: str | None) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    try:  # one BLAS thread per worker: idle BLAS threads spinning on the other cores cost a third
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        pass
    import taskqual

    model = taskqual.Model.load(model_path) if model_path else None
    _WORKER = TextScorer(model)


def _worker_score(texts: list[str]) -> Raw:
    assert _WORKER is not None
    return _WORKER.score(texts)


def _pool(jobs: int, model_path: str | None) -> Any:
    import multiprocessing as mp

    # fork shares the imported libraries with the workers; each worker loads its own model copy
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    return mp.get_context(method).Pool(jobs, initializer=_worker_init, initargs=(model_path,))


def score_chunks(chunks: Iterable[Chunk], text_index: int, *, jobs: int = 1, model: Any = None,
                 model_path: str | None = None) -> Iterator[tuple[Chunk, Scored]]:
    """Each chunk with its scores, in input order; ``jobs`` > 1 scores in that many processes."""
    if jobs <= 1:
        scorer = TextScorer(model if model is not None else (_load(model_path)))
        for chunk in chunks:
            raw = scorer.score(chunk_texts(chunk, text_index))
            yield chunk, assemble(raw, len(chunk), chunk.row_label, chunk.problems)
        return
    pool = _pool(jobs, model_path)
    try:
        pending: deque = deque()
        for chunk in chunks:
            pending.append((chunk, pool.apply_async(_worker_score, (chunk_texts(chunk, text_index),))))
            if len(pending) >= 2 * jobs:
                done, result = pending.popleft()
                yield done, assemble(result.get(), len(done), done.row_label, done.problems)
        while pending:
            done, result = pending.popleft()
            yield done, assemble(result.get(), len(done), done.row_label, done.problems)
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def _load(model_path: str | None) -> Any:
    import taskqual

    return taskqual.Model.load(model_path) if model_path else taskqual.default_model()


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


__all__ = ["OUTPUT_COLUMNS", "TextScorer", "Scored", "assemble", "score_chunks", "as_text", "chunk_texts",
           "Source"]
