"""Morphology from pymorphy3, one analyzer per process and a bounded cache per word form.

Task texts repeat the same few thousand word forms, so a cache hit replaces a dictionary walk on
the hot path.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import NamedTuple

import pymorphy3

from taskqual.lang_ru import SLANG_NOUNS

_LOCK = threading.Lock()
_ANALYZER: pymorphy3.MorphAnalyzer | None = None


class Word(NamedTuple):
    """The facts about one word form that the features use."""

    lemma: str
    pos: str  # OpenCorpora part of speech, "" when unknown
    tags: frozenset[str]  # grammemes of the best parse, e.g. {"INFN", "perf"} or {"Orgn", "Abbr"}
    known: bool  # the dictionary knows the form (not guessed from its ending)


MAX_CACHED_PARSES = 30_000
"""Word forms whose full pymorphy3 analyses are kept (about 0.4 KB each, so at most ~12 MB; the cache
is emptied when it is full: task texts reuse a few thousand forms)."""


class _Analyzer(pymorphy3.MorphAnalyzer):
    """pymorphy3's analyzer that does not fail on letters without a Unicode name (some Tangut and
    CJK code points make pymorphy3 raise ``ValueError: no such name``): those letters are skipped.

    Its analyses are cached per form: features, company search, hints and phrases each ask about
    the same words of a text, and a dictionary walk costs tens of microseconds. Each call returns a
    new list of the (immutable) cached analyses."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._parses: dict[str, tuple] = {}

    def parse(self, word: str) -> list:
        cached = self._parses.get(word)
        if cached is None:
            try:
                cached = tuple(super().parse(word))
            except ValueError:
                named = "".join(c for c in word if unicodedata.name(c, None))
                cached = tuple(super().parse(named or "?"))
            if len(self._parses) >= MAX_CACHED_PARSES:
                self._parses.clear()
            self._parses[word] = cached
        return list(cached)


def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process-wide analyzer (built once: it costs ~15 MB and tens of milliseconds)."""
    global _ANALYZER
    if _ANALYZER is None:
        with _LOCK:
            if _ANALYZER is None:
                _ANALYZER = _Analyzer(lang="ru")
    return _ANALYZER


_TAGSETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(tags: frozenset[str]) -> frozenset[str]:
    """One object per distinct tag set: a few thousand sets serve a cache of many thousand words."""
    return _TAGSETS.setdefault(tags, tags)


GUESSED_FORMS_PER_TEXT = 24
"""Distinct unknown forms per text that get pymorphy3's reading guessed from their ending (≈ 150 µs
each, ten times a dictionary form); later ones are read as bare unknown forms. Task texts hold at
most 7 (20,313 texts: data/, the validation set, the benchmark backlog), so this changes no real
verdict and bounds what a request of made-up words costs (issue 12)."""

_UNKNOWN = frozenset({"UNKN"})
_GUESSED: ContextVar[set[str] | None] = ContextVar("taskqual_guessed_forms", default=None)


@contextmanager
def guessing_budget() -> Iterator[None]:
    """Within it, :func:`parse` guesses at most :data:`GUESSED_FORMS_PER_TEXT` distinct unknown forms:
    the analysis of one text runs inside one (per thread and task, as a context variable)."""
    token = _GUESSED.set(set())
    try:
        yield
    finally:
        _GUESSED.reset(token)


def parse(form: str) -> Word:
    """Analyse one lower-case word form (cached; see :func:`guessing_budget`)."""
    guessed = _GUESSED.get()
    if guessed is not None and form not in guessed and not is_known_word(form):
        if len(guessed) >= GUESSED_FORMS_PER_TEXT:
            return Word(form.replace("ё", "е"), "", _UNKNOWN, False)  # as an unknown form's lemma is
        guessed.add(form)
    return _reading(form)


@lru_cache(maxsize=100_000)
def _reading(form: str) -> Word:
    morph = analyzer()
    try:
        parses = morph.parse(form)
    except ValueError:  # pymorphy3 fails on letters that have no Unicode name (some CJK, Tangut)
        return Word(form, "", _UNKNOWN, False)
    best = parses[0]
    # Among equally likely parses prefer the imperative: in a task «вышли КП» is «выслать», not the
    # past tense of «выйти».
    for p in parses[1:]:
        if p.score < best.score - 1e-9:
            break
        if "impr" in p.tag:
            best = p
            break
    known = morph.word_is_known(form)
    if not known and (slang := _slang_reading(form, parses)) is not None:
        return slang
    tag = best.tag
    # A guessed parse of an unknown word («лпр», «гбуз», «демо») invents a lemma; keep the form.
    lemma = best.normal_form if known else form
    return Word(lemma.replace("ё", "е"), str(tag.POS or ""), _shared(frozenset(str(g) for g in tag.grammemes)), known)


_NOUN = frozenset({"NOUN"})
_SLANG_STEMS = frozenset(w[:-1] if w[-1] in "аяоеиыуюь" else w for w in SLANG_NOUNS)


def _may_be_slang(form: str) -> bool:
    """The form starts with the stem of a word of sales slang (a few set lookups, no dictionary walk)."""
    return any(form[:n] in _SLANG_STEMS for n in range(4, len(form) + 1))


def _slang_reading(form: str, parses: list) -> Word | None:
    """A form of a word of sales slang (:data:`~taskqual.lang_ru.SLANG_NOUNS`) as a known noun: pymorphy3
    guesses «дебиторку» as a form of «дебиторка» among its readings, not always the first."""
    if form in SLANG_NOUNS:
        return Word(form.replace("ё", "е"), "NOUN", _NOUN, True)
    if not _may_be_slang(form):
        return None
    for p in parses:
        if p.tag.POS == "NOUN" and p.normal_form in SLANG_NOUNS:
            return Word(
                p.normal_form.replace("ё", "е"), "NOUN", _shared(frozenset(str(g) for g in p.tag.grammemes)), True
            )
    return None


def is_genitive_noun(form: str) -> bool:
    """A lower-case dictionary noun whose best reading is a genitive («сборки», «рыбалки»): the tail of
    a name («Точка сборки», «мир рыбалки»). One-letter and two-letter forms («г.», «по») never are."""
    best = parse(form)
    return len(form) > 2 and best.known and best.pos == "NOUN" and "gent" in best.tags


@lru_cache(maxsize=65536)
def is_known_word(form: str) -> bool:
    """True when the dictionary knows this lower-case form, or it is a form of sales slang."""
    return analyzer().word_is_known(form) or (_may_be_slang(form) and _reading(form).known)


def cache_info() -> dict[str, object]:
    """Hit/miss statistics of the morphology caches, for benchmarks and debugging."""
    return {"parse": _reading.cache_info()._asdict(), "is_known_word": is_known_word.cache_info()._asdict()}


__all__ = ["Word", "analyzer", "parse", "guessing_budget", "is_known_word", "is_genitive_noun", "cache_info"]
