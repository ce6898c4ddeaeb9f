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
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
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


def classify_texts(model: Any, texts: list[str]) -> list[tuple]:
    """One plain tuple per text: (label, confidence, missing, hint, error, company)."""
    intern = sys.intern
    return [
        (v.label, round(v.confidence, 4), intern(",".join(v.missing)), intern(v.hint), v.error, v.company)
        for v in model.classify_many(texts)
    ]


class VerdictCache:
    """Verdicts of recently seen texts, least recently used dropped first (at most ``size``)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._cache: dict[str, tuple] = {}

    def split(self, texts: Sequence[str]) -> tuple[dict[str, tuple], list[str]]:
        """(verdicts known for some of the texts, the distinct texts still to classify)."""
        cache = self._cache
        pop = cache.pop
        found: dict[str, tuple] = {}
        todo: list[str] = []
        for t in dict.fromkeys(texts):
            hit = pop(t, None)
            if hit is None:
                todo.append(t)
            else:
                found[t] = cache[t] = hit  # re-inserted: dicts keep insertion order, so this is LRU
        return found, todo

    def add(self, texts: list[str], results: list[tuple]) -> None:
        cache = self._cache
        overflow = len(cache) + len(texts) - self.size
        if overflow > 0:
            for key in list(islice(cache, overflow)):
                del cache[key]
        cache.update(zip(texts, results))


_FIELDS = tuple(itemgetter(k) for k in range(6))


def expand(texts: Sequence[str], found: dict[str, tuple]) -> Raw:
    """Column lists for ``texts`` from the verdicts of their distinct texts."""
    rows = list(map(found.__getitem__, texts))
    return tuple(list(map(getter, rows)) for getter in _FIELDS)  # type: ignore[return-value]


class TextScorer:
    """Verdicts for lists of texts, each distinct text classified once (with a bounded cache)."""

    def __init__(self, model: Any = None, cache_size: int = CACHE_SIZE) -> None:
        import taskqual

        self.model = model if model is not None else taskqual.default_model()
        self.cache = VerdictCache(cache_size)

    def score(self, texts: Sequence[str]) -> Raw:
        found, todo = self.cache.split(texts)
        if todo:
            results = classify_texts(self.model, todo)
            self.cache.add(todo, results)
            found.update(zip(todo, results))
        return expand(texts, found)


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
    return Scored(label, confidence, [lb == "concrete" for lb in label], missing, hint, error, company)


def chunk_texts(chunk: Chunk, text_index: int) -> list[str]:
    return [v if type(v) is str else as_text(v) for v in chunk.column(text_index)]


# ------------------------------------------------------------------------------ worker processes

_WORKER: Any = None


def _worker_init(model_path: str | None) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    try:  # one BLAS thread per worker: idle BLAS threads spinning on the other cores cost a third
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        pass
    import taskqual

    if _WORKER is None:  # a model object handed over by a forking parent is used as it is
        _WORKER = taskqual.Model.load(model_path) if model_path else taskqual.default_model()


def _worker_classify(texts: list[str]) -> list[tuple]:
    return classify_texts(_WORKER, texts)


def _pool(jobs: int, model_path: str | None, model: Any = None) -> Any:
    import multiprocessing as mp

    global _WORKER
    # fork shares the imported libraries with the workers; each worker loads its own model copy
    # (or inherits the model object the caller passed)
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    _WORKER = model if method == "fork" else None
    import gc

    if method == "fork":
        gc.freeze()  # the workers' collector leaves inherited objects alone: fewer copy-on-write pages
    try:
        return mp.get_context(method).Pool(jobs, initializer=_worker_init, initargs=(model_path,))
    finally:
        _WORKER = None
        if method == "fork":
            gc.unfreeze()  # the parent goes on as before


def score_chunks(
    chunks: Iterable[Chunk], text_index: int, *, jobs: int = 1, model: Any = None, model_path: str | None = None
) -> Iterator[tuple[Chunk, Scored]]:
    """Each chunk with its scores, in input order; ``jobs`` > 1 scores in that many processes."""
    if jobs <= 1:
        scorer = TextScorer(model if model is not None else (_load(model_path)))
        for chunk in chunks:
            raw = scorer.score(chunk_texts(chunk, text_index))
            yield chunk, assemble(raw, len(chunk), chunk.row_label, chunk.problems)
        return
    # The parent keeps the cache and sends the workers only texts it has not seen (nor already
    # sent for an earlier chunk still in flight): every worker profits from every repeat, and
    # little crosses the process boundary.
    cache = VerdictCache()
    inflight: dict[str, int] = {}  # text -> chunks in flight that wait for its verdict
    resolved: dict[str, tuple] = {}  # verdicts that chunks still in flight will need
    pool = _pool(jobs, model_path, model)
    try:
        pending: deque = deque()

        def finish() -> tuple[Chunk, Scored]:
            chunk, texts, found, todo, sent, result = pending.popleft()
            if result is not None:
                results = result.get()
                cache.add(sent, results)
                resolved.update(zip(sent, results))
            for t in todo:
                found[t] = resolved[t]
                n = inflight[t] - 1
                if n:
                    inflight[t] = n
                else:
                    del inflight[t], resolved[t]
            return chunk, assemble(expand(texts, found), len(chunk), chunk.row_label, chunk.problems)

        for chunk in chunks:
            texts = chunk_texts(chunk, text_index)
            found, todo = cache.split(texts)
            sent = [t for t in todo if t not in inflight]
            for t in todo:
                inflight[t] = inflight.get(t, 0) + 1
            result = pool.apply_async(_worker_classify, (sent,)) if sent else None
            pending.append((chunk, texts, found, todo, sent, result))
            if len(pending) >= 2 * jobs:
                yield finish()
        while pending:
            yield finish()
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def _load(model_path: str | None) -> Any:
    import taskqual

    return taskqual.Model.load(model_path) if model_path else taskqual.default_model()


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


__all__ = ["OUTPUT_COLUMNS", "TextScorer", "Scored", "assemble", "score_chunks", "as_text", "chunk_texts", "Source"]
