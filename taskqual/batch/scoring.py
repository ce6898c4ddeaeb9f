"""Score a backlog chunk by chunk, in this process or in ``--jobs N`` worker processes.

The verdict of a text depends on the text alone, so a chunk is scored one distinct text at a time
and a bounded cache carries verdicts over from chunk to chunk: CRM backlogs repeat «Позвонить» and
company names a lot. Workers get only the texts of a chunk and send back plain lists; chunks come
back in input order, and at most two per worker are in flight, so memory stays flat.
"""

from __future__ import annotations

import logging
import math
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from taskqual.batch.columns import TEXT_NAMES, resolve
from taskqual.batch.readers import Chunk, Source
from taskqual.errors import TaskqualError

if TYPE_CHECKING:
    from taskqual.batch.progress import Progress

OUTPUT_COLUMNS: tuple[str, ...] = ("label", "confidence", "is_concrete", "missing", "hint", "error")
"""The columns ``taskqual score`` adds to every row, in this order."""

log = logging.getLogger("taskqual.batch")

CACHE_SIZE = 50_000
Raw = tuple[list, list, list, list, list, list]  # label, confidence, missing, hint, error, company
Key = str | tuple[str, str]
"""What a verdict is cached under: the text, or (text, company) when the export names the company
(the hint then names that company, so the same text about two companies gets two verdicts)."""
CompaniesOf = Callable[[Chunk], Sequence[str | None]]
"""The company each row of a chunk is about (None where the export does not say), for the hints."""


def as_text(value: Any) -> str:
    """The task text of a cell: strings as they are, an empty cell as "", anything else as str()."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def classify_texts(model: Any, texts: Sequence[Key]) -> list[tuple]:
    """One plain tuple per text: (label, confidence, missing, hint, error, company). A (text, company)
    item is classified with that company (``classify_many(companies=...)``), so its hint names it."""
    intern = sys.intern
    if all(type(t) is str for t in texts):
        verdicts = model.classify_many(texts)
    else:
        plain = [t if type(t) is str else t[0] for t in texts]
        verdicts = model.classify_many(plain, companies=[None if type(t) is str else t[1] for t in texts])
    return [
        (v.label, round(v.confidence, 4), intern(",".join(v.missing)), intern(v.hint), v.error, v.company)
        for v in verdicts
    ]


def keys(texts: list[str], companies: Sequence[str | None] | None) -> list[Key]:
    """The cache key of each row: its text, or (text, company) where the row names a company."""
    if companies is None:
        return list(texts)
    return [(t, c) if c else t for t, c in zip(texts, companies)]


class VerdictCache:
    """Verdicts of recently seen texts, least recently used dropped first (at most ``size``)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._cache: dict[Key, tuple] = {}

    def split(self, texts: Sequence[Key]) -> tuple[dict[Key, tuple], list[Key]]:
        """(verdicts known for some of the texts, the distinct texts still to classify)."""
        cache = self._cache
        pop = cache.pop
        found: dict[Key, tuple] = {}
        todo: list[Key] = []
        for t in dict.fromkeys(texts):
            hit = pop(t, None)
            if hit is None:
                todo.append(t)
            else:
                found[t] = cache[t] = hit  # re-inserted: dicts keep insertion order, so this is LRU
        return found, todo

    def add(self, texts: list[Key], results: list[tuple]) -> None:
        cache = self._cache
        overflow = len(cache) + len(texts) - self.size
        if overflow > 0:
            for key in list(islice(cache, overflow)):
                del cache[key]
        cache.update(zip(texts, results))


_FIELDS = tuple(itemgetter(k) for k in range(6))


def expand(texts: Sequence[Key], found: dict[Key, tuple]) -> Raw:
    """Column lists for ``texts`` from the verdicts of their distinct texts."""
    rows = list(map(found.__getitem__, texts))
    return tuple(list(map(getter, rows)) for getter in _FIELDS)  # type: ignore[return-value]


class TextScorer:
    """Verdicts for lists of texts, each distinct text classified once (with a bounded cache)."""

    def __init__(self, model: Any = None, cache_size: int = CACHE_SIZE) -> None:
        import taskqual

        self.model = model if model is not None else taskqual.default_model()
        self.cache = VerdictCache(cache_size)

    def score(self, texts: Sequence[Key]) -> Raw:
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

    def columns(self, lang: str = "en") -> list[list[Any]]:
        """The added columns in file order: the machine ones, and for ``lang="ru"`` the Russian ones after
        them (:mod:`taskqual.batch.russian_columns`)."""
        machine: list[list[Any]] = [self.label, self.confidence, self.is_concrete, self.missing, self.hint, self.error]
        if lang == "en":
            return machine
        from taskqual.batch.russian_columns import check_lang, russian_values

        check_lang(lang)
        return machine + russian_values(self.label, self.missing, self.hint, self.error)

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
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: stopped quietly
    try:  # one BLAS thread per worker: idle BLAS threads spinning on the other cores cost a third
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        pass
    import taskqual

    if _WORKER is None:  # a model object handed over by a forking parent is used as it is
        _WORKER = taskqual.Model.load(model_path) if model_path else taskqual.default_model()


def _worker_classify(texts: list[Key]) -> list[tuple]:
    return classify_texts(_WORKER, texts)


def _noop() -> None:
    return None


class WorkerDiedError(TaskqualError, RuntimeError):
    """A scoring worker process died (killed by the system, e.g. when out of memory) twice in a run."""


RETRIES = 1
"""How many times the chunks a dead worker took down are sent again before the run fails."""


class _Pool:
    """``jobs`` worker processes (a ``ProcessPoolExecutor``) that can be started again after one dies.

    A worker killed from outside (``kill -9``, the out-of-memory killer) breaks the executor: every
    chunk in flight then fails with ``BrokenProcessPool`` instead of waiting forever. The caller
    starts a fresh pool and sends those chunks again, at most :data:`RETRIES` times.
    """

    def __init__(self, jobs: int, model_path: str | None, model: Any = None) -> None:
        import multiprocessing as mp

        self.jobs, self.model_path, self.model = jobs, model_path, model
        # fork shares the imported libraries with the workers; each worker loads its own model copy
        # (or inherits the model object the caller passed)
        self.method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self.context = mp.get_context(self.method)
        self.executor: Any = None
        self.start()

    def start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER
        import gc

        fork = self.method == "fork"
        _WORKER = self.model if fork else None
        if fork:
            gc.freeze()  # the workers' collector leaves inherited objects alone: fewer copy-on-write pages
        try:
            self.executor = ProcessPoolExecutor(
                self.jobs, mp_context=self.context, initializer=_worker_init, initargs=(self.model_path,)
            )
            # with fork every worker is started at the first submit: do it now, while the model is shared
            self.executor.submit(_noop)
        finally:
            _WORKER = None
            if fork:
                gc.unfreeze()  # the parent goes on as before

    def submit(self, texts: list[Key]) -> Any:
        return self.executor.submit(_worker_classify, texts)

    def restart(self) -> None:
        self.stop()
        self.start()

    def result(self, future: Any) -> Any:
        """The future's result; BrokenProcessPool also when a worker has died and the pool has not
        noticed. A worker killed while it writes its answer can leave the pool's manager thread
        waiting forever on the half-written message (CPython's ProcessPoolExecutor), so the parent
        looks at its workers every second instead of waiting blindly."""
        from concurrent.futures.process import BrokenProcessPool

        while True:
            try:
                return future.result(timeout=1.0)
            except TimeoutError:
                processes = (getattr(self.executor, "_processes", None) or {}).values()
                if any(p.exitcode is not None for p in list(processes)):
                    raise BrokenProcessPool("a scoring worker process ended") from None

    def stop(self) -> None:
        """End the workers now (no waiting for chunks in flight)."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        writer = getattr(getattr(executor, "_result_queue", None), "_writer", None)  # shutdown forgets it
        executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(5)
        # A worker killed while writing its answer leaves the executor's manager thread reading the rest
        # of that message, forever: the parent holds the pipe's write end too, so no end of file comes,
        # and at exit the interpreter joins that thread (the run finished, the process never ended).
        # With the workers gone, the parent's write end is the last one: closing it ends the read.
        if writer is not None:
            writer.close()

    def close(self) -> None:
        """Let the workers finish and exit (the run is complete)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None


def score_chunks(
    chunks: Iterable[Chunk],
    text_index: int,
    *,
    jobs: int = 1,
    model: Any = None,
    model_path: str | None = None,
    companies_of: CompaniesOf | None = None,
) -> Iterator[tuple[Chunk, Scored]]:
    """Each chunk with its scores, in input order; ``jobs`` > 1 scores in that many processes.
    ``companies_of`` gives the company of each row (a report's company column): the hints name it.

    With workers, a worker that dies takes its chunk and the others in flight down: they are sent
    again to a fresh set of workers, once; a second death ends the run with :class:`WorkerDiedError`.
    """
    if jobs <= 1:
        scorer = TextScorer(model if model is not None else (_load(model_path)))
        for chunk in chunks:
            raw = scorer.score(keys(chunk_texts(chunk, text_index), companies_of(chunk) if companies_of else None))
            yield chunk, assemble(raw, len(chunk), chunk.row_label, chunk.problems)
        return
    from concurrent.futures.process import BrokenProcessPool

    # The parent keeps the cache and sends the workers only texts it has not seen (nor already
    # sent for an earlier chunk still in flight): every worker profits from every repeat, and
    # little crosses the process boundary.
    cache = VerdictCache()
    inflight: dict[Key, int] = {}  # text -> chunks in flight that wait for its verdict
    resolved: dict[Key, tuple] = {}  # verdicts that chunks still in flight will need
    pool = _Pool(jobs, model_path, model)
    retries = RETRIES
    try:
        pending: deque = deque()

        def results_of(entry: list) -> list[tuple]:
            nonlocal retries
            while True:
                try:
                    return pool.result(entry[5])
                except BrokenProcessPool:
                    chunk = entry[0]
                    if retries <= 0:
                        raise WorkerDiedError(
                            f"a scoring worker process died again (killed by the system, perhaps out of "
                            f"memory) while scoring rows {chunk.start}–{chunk.start + len(chunk) - 1}; "
                            "no output was written. Run again with fewer --jobs, or --jobs 1"
                        ) from None
                    retries -= 1
                    log.warning("a scoring worker process died; rows from %d on are scored again", chunk.start)
                    pool.restart()
                    for e in pending:  # every chunk in flight went down with the pool
                        if e[5] is not None and (not e[5].done() or e[5].exception() is not None):
                            e[5] = pool.submit(e[4])

        def finish() -> tuple[Chunk, Scored]:
            entry = pending[0]
            chunk, texts, found, todo, sent, result = entry
            if result is not None:
                results = results_of(entry)
                cache.add(sent, results)
                resolved.update(zip(sent, results))
            pending.popleft()
            for t in todo:
                found[t] = resolved[t]
                n = inflight[t] - 1
                if n:
                    inflight[t] = n
                else:
                    del inflight[t], resolved[t]
            return chunk, assemble(expand(texts, found), len(chunk), chunk.row_label, chunk.problems)

        for chunk in chunks:
            texts = keys(chunk_texts(chunk, text_index), companies_of(chunk) if companies_of else None)
            found, todo = cache.split(texts)
            sent = [t for t in todo if t not in inflight]
            for t in todo:
                inflight[t] = inflight.get(t, 0) + 1
            pending.append([chunk, texts, found, todo, sent, pool.submit(sent) if sent else None])
            if len(pending) >= 2 * jobs:
                yield finish()
        while pending:
            yield finish()
        pool.close()
    finally:
        pool.stop()


def _load(model_path: str | None) -> Any:
    import taskqual

    return taskqual.Model.load(model_path) if model_path else taskqual.default_model()


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def text_index(source: Source, text_column: str | None) -> tuple[int, str]:
    """The position and name of the task-text column of ``source`` (``text_column``, or the one found)."""
    name = resolve(source.columns, text_column, TEXT_NAMES, "text", required=True)
    assert name is not None
    return source.columns.index(name), name


def scored(
    source: Source,
    text_column: str | None,
    *,
    jobs: int = 1,
    model: Any = None,
    model_path: str | None = None,
    progress: Progress | None = None,
    companies_of: CompaniesOf | None = None,
) -> Iterator[tuple[Chunk, Scored]]:
    """Chunks of ``source`` with their scores, in order, updating ``progress`` as they come
    (``companies_of``: the company of each row, for the hints; see :func:`score_chunks`)."""
    index, _ = text_index(source, text_column)
    chunks = score_chunks(
        source.chunks(), index, jobs=jobs, model=model, model_path=model_path, companies_of=companies_of
    )
    for chunk, sc in chunks:
        if progress is not None:
            progress.update(len(chunk), *source.progress())
        yield chunk, sc


__all__ = [
    "scored",
    "text_index",
    "WorkerDiedError",
    "OUTPUT_COLUMNS",
    "TextScorer",
    "Scored",
    "assemble",
    "score_chunks",
    "as_text",
    "chunk_texts",
    "keys",
    "CompaniesOf",
    "Source",
]
