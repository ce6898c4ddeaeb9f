"""One-letter typos: «позвонитт» → «позвонить», «отсрчку» → «отсрочку».

Only lower-case words the dictionary does not know are looked at. First against the forms of the
task vocabulary in :mod:`taskqual.lang_ru` (action verbs, action nouns, deliverables), through
symmetric deletions as in SymSpell; then against the whole pymorphy3 dictionary, trying every
word one edit away. A correction is made only when all candidates are forms of one word, or when
one of their words is used by sales tasks far more often than the others (counts over the training
texts, ``taskqual/resources/task_words.tsv``), so an unknown name is left alone rather than turned
into an ordinary word. When that leaves several, the likeliest typos decide: a dropped letter or two
letters swapped («планека» is «планерка», not «планетка» or «планка»; «пзвонить» is «позвонить»); of
one word's forms, the one the likeliest slip makes («отправюл» is «отправлю», not «отправил»). A word
whose first letter the correction would change is left alone: people seldom mistype the first letter,
and a name one edit from a word usually differs there («медлайн» is a company, no «дедлайн»). A
four-letter word is only read as a word with a dropped letter, under the same count rule («пказ» is
«показ»). :func:`find_misspelt` finds a phrase with a typo in each long word (legal forms written out).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources

from taskqual.lang_ru import ACTION_NOUNS, DELIVERABLES, VERB_CLASS_OF
from taskqual.morphology import analyzer

_LOCK = threading.Lock()
_INDEX: dict[str, tuple[str, ...]] | None = None
MIN_LENGTH = 5  # shorter words have too many neighbours one edit away


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_LEMMA: dict[str, str] = {}


def _vocabulary() -> dict[str, str]:
    """Every form of the task vocabulary → its lemma."""
    morph = analyzer()
    forms: dict[str, str] = {}
    for lemma in sorted(set(VERB_CLASS_OF) | ACTION_NOUNS | DELIVERABLES):
        for p in morph.parse(lemma)[:1]:
            for f in p.lexeme:
                word = f.word.replace("ё", "е")
                if len(word) >= MIN_LENGTH:
                    forms.setdefault(word, lemma)
    return forms


def _index() -> dict[str, tuple[str, ...]]:
    """Every vocabulary form and its one-letter deletions → the forms they come from."""
    global _INDEX
    if _INDEX is None:
        with _LOCK:
            if _INDEX is None:
                vocab = _vocabulary()
                index: dict[str, tuple[str, ...]] = {}
                for form in sorted(vocab):
                    for key in _deletions(form) | {form}:
                        index[key] = (*index.get(key, ()), form)
                _LEMMA.update(vocab)
                _INDEX = index
    return _INDEX


@lru_cache(maxsize=65536)
def correct(form: str, *, dictionary: bool = True) -> str | None:
    """The word a lower-case unknown ``form`` is one typo away from, or None (``dictionary=False``:
    task words only).

    >>> correct("позвонитт"), correct("отпраить"), correct("техснаб"), correct("пказ"), correct("медлайн")
    ('позвонить', 'отправить', None, 'показ', None)
    """
    meant = _correction(form, dictionary)
    return meant if meant is None or meant[:1] == form[:1] else None


def _correction(form: str, dictionary: bool) -> str | None:
    if len(form) == MIN_LENGTH - 1 and dictionary:
        return _dropped_letter(form)
    if len(form) < MIN_LENGTH or not form.isalpha():
        return None
    index = _index()
    found = sorted(
        {
            f
            for k in _deletions(form) | {form}
            for f in index.get(k, ())
            if abs(len(f) - len(form)) <= 1 and _one_edit(form, f)
        }
    )
    if not found:
        return _dictionary_neighbour(form) if dictionary else None
    if len({_LEMMA[f] for f in found}) != 1:
        # two different task words one typo away: the one a dropped letter or a swap makes, if only one
        found = [f for f in found if _likely_typo(form, f)]
        if len({_LEMMA[f] for f in found}) != 1:
            return None
    lemma = _LEMMA[found[0]]
    return lemma if lemma in found else _likeliest(form, found)


_ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
        | {a + c + b for a, b in splits for c in _ALPHABET}
    ) - {word}


def _dictionary_neighbour(form: str) -> str | None:
    """The dictionary word one edit away from ``form`` that the manager meant, or None.

    One lemma among the neighbours: that one. Several («скдику»: «скидку», «садику»): the lemma sales
    tasks use far more often than the others (:func:`task_word_counts`), or None when none stands out.
    """
    if not all("а" <= c <= "я" for c in form) or len(form) < MIN_LENGTH:
        return None
    by_lemma = _by_lemma(_edits(form))
    if len(by_lemma) == 1 and sum(map(len, by_lemma.values())) <= 4:
        return _likeliest(form, next(iter(by_lemma.values())))  # «отправюл»: «отправлю», not «отправил»
    lemma = _dominant(by_lemma)
    if lemma is None:
        # the likeliest typos are a dropped letter and two letters swapped: among the words they make, one
        # that sales tasks use far more often than the others («планека»: «планерка», not «планетка»)
        likely = {w: [c for c in cs if _likely_typo(form, c)] for w, cs in by_lemma.items()}
        lemma = _dominant({w: cs for w, cs in likely.items() if cs})
    if lemma is None:
        return None
    return _likeliest(form, by_lemma[lemma])


def _dropped_letter(form: str) -> str | None:
    """The word a four-letter unknown ``form`` is with one letter dropped («скну» → «скину», «пказ» →
    «показ», «свзь» → «связь»), when sales tasks use it far more often than any other such word
    (:func:`_dominant`). The other typos are not tried: a short word has too many neighbours."""
    if not all("а" <= c <= "я" for c in form):
        return None
    by_lemma = _by_lemma({form[:i] + c + form[i:] for i in range(len(form) + 1) for c in _ALPHABET})
    lemma = _dominant(by_lemma)
    return None if lemma is None else _likeliest(form, by_lemma[lemma])


def _by_lemma(candidates: set[str]) -> dict[str, list[str]]:
    """The candidates that are words (of the dictionary or of sales tasks), grouped by lemma."""
    morph = analyzer()
    words = morph.dictionary.words
    task_forms = _task_word_forms()
    by_lemma: dict[str, list[str]] = {}
    for c in sorted(c for c in candidates if c in words or c in task_forms):
        by_lemma.setdefault(task_forms.get(c) or morph.parse(c)[0].normal_form.replace("ё", "е"), []).append(c)
    return by_lemma


def _likeliest(typo: str, forms: list[str]) -> str:
    """Of forms one edit from ``typo``, the one its likeliest slip makes (see :func:`_edit_kind`)."""
    return min(forms, key=lambda c: (_edit_kind(typo, c), c))


def _dominant(by_lemma: dict[str, list[str]]) -> str | None:
    """The lemma sales tasks use far more often than every other one here, or None."""
    if not by_lemma:
        return None
    counts = task_word_counts()
    ranked = sorted(by_lemma, key=lambda lemma: (-counts.get(lemma, 0), lemma))
    top = counts.get(ranked[0], 0)
    runner_up = counts.get(ranked[1], 0) if len(ranked) > 1 else 0
    if top < MIN_TASK_COUNT or top < DOMINANCE * max(runner_up, 1):
        return None
    return ranked[0]


MIN_TASK_COUNT = 5
DOMINANCE = 4
"""A neighbour wins a tie when sales tasks use its word at least this many times as often as the next."""


def _likely_typo(typo: str, word: str) -> bool:
    """``typo`` is ``word`` with a letter dropped or two letters swapped, the commonest slips."""
    return _edit_kind(typo, word) <= 1


def _edit_kind(typo: str, word: str) -> int:
    """How the typo was made, likeliest first: two letters swapped, one dropped, one replaced, one added."""
    if len(word) == len(typo):
        return 0 if sorted(word) == sorted(typo) else 2
    return 1 if len(word) > len(typo) else 3


@lru_cache(maxsize=1)
def _task_words() -> tuple[dict[str, int], dict[str, str]]:
    """(lemma → how often the training texts use it, form → lemma), from
    taskqual/resources/task_words.tsv (written by ``python -m training.vocabulary``). The forms are
    spelt with «е» for «ё», as texts are: the dictionary spells «планёрка»."""
    text = resources.files("taskqual").joinpath("resources/task_words.tsv").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    forms: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lemma, n, spelt = line.split("\t")
            counts[lemma] = int(n)
            for form in spelt.split():
                forms.setdefault(form, lemma)
    return counts, forms


def task_word_counts() -> dict[str, int]:
    """Lemma → how often the training texts use it."""
    return _task_words()[0]


def is_task_word(lemma: str) -> bool:
    """Sales tasks use the word: at least ``MIN_TASK_COUNT`` times in the training texts."""
    return _task_words()[0].get(lemma, 0) >= MIN_TASK_COUNT


def _task_word_forms() -> dict[str, str]:
    return _task_words()[1]


def find_misspelt(low: str, phrase: str) -> tuple[int, int] | None:
    """Where the words of ``phrase`` stand in the lower-case ``low``, each word of five letters or more
    allowed one typo («общество с ограниченой ответственостью»), or None: (start, end)."""
    want = phrase.split()
    words = _words(low)
    for i in range(len(words) - len(want) + 1):
        if all(
            w == p or (len(p) >= MIN_LENGTH and _one_edit(w, p)) for (_, _, w), p in zip(words[i : i + len(want)], want)
        ):
            return words[i][0], words[i + len(want) - 1][1]
    return None


_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _words(low: str) -> tuple[tuple[int, int, str], ...]:
    """The words of ``low`` with their spans, kept while the same text is searched for each legal form."""
    return tuple((m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(low))


def _one_edit(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one letter inserted, deleted, replaced, or two neighbours swapped."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


__all__ = ["correct", "find_misspelt", "is_task_word"]
