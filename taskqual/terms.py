"""A team's shorthand terms («ЗМР», «ПНР»): words a team model reads as words, never as a company.

The company search reads an unknown capitalised abbreviation as a name («ЗМР Ромашка» → «ЗМР»), and
the model view turns a name into a placeholder, so a model could never learn what a team's capitalised
shorthand means. A team model (``taskqual train``) therefore carries its terms in its saved state; when
that model reads a text, each term (any case, with a case ending: «ЗМРу», «ПНРом») is kept out of the
company search (:func:`mask_terms`) and read as an ordinary word by the features (:func:`term_of`).
Models without terms, such as the shipped one, read texts exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

MAX_TERM_LENGTH = 20
# Case endings written after an abbreviation («РОПу», «ЛПРа»), as taskqual.companies reads shorthand.
_ENDINGS = ("у", "а", "е", "ы", "ом", "ам", "ой", "ов", "ах")
_TERM_RE = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


def normalize_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """The terms as a model stores them: normalised as texts are (``taskqual.normalize``), lower
    case, sorted, without duplicates. A term must be one word of letters and digits (inner hyphens
    allowed), 2 to 20 characters, with a letter; anything else is a ``ValueError`` naming it."""
    from taskqual.normalize import normalize

    if isinstance(terms, str):
        raise TypeError(f"terms is a list of words, not one string: give [{terms!r}]")
    out: set[str] = set()
    for raw in terms:
        if not isinstance(raw, str):
            raise TypeError(f"a term must be a string, got {type(raw).__name__}")
        term = normalize(raw).strip().lower().replace("ё", "е")
        if not _TERM_RE.fullmatch(term) or not 2 <= len(term) <= MAX_TERM_LENGTH or not any(c.isalpha() for c in term):
            raise ValueError(
                f"term {raw!r} is not one word of 2-{MAX_TERM_LENGTH} letters or digits; "
                "give each piece of shorthand as a single word, e.g. ЗМР"
            )
        out.add(term)
    return tuple(sorted(out))


def term_of(word: str, terms: frozenset[str]) -> str | None:
    """The term a lower-case word is a form of («змру» → «змр»), or None."""
    if word in terms:
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] in terms:
            return word[: -len(ending)]
    return None


@lru_cache(maxsize=64)
def _terms_re(terms: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    endings = "|".join(_ENDINGS)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:{endings})?(?![\w-])", re.IGNORECASE)


def mask_terms(norm: str, terms: frozenset[str]) -> str:
    """``norm`` with every occurrence of a term in lower case: the same length and offsets, and a
    lower-case word never starts a company name (only a legal form before it makes one: «ООО змр»)."""
    if not terms:
        return norm
    return _terms_re(terms).sub(_lower_same_length, norm)


def _lower_same_length(m: re.Match[str]) -> str:
    low = m[0].lower()
    return low if len(low) == len(m[0]) else m[0]  # offsets must not move (a rare letter such as «İ»)


__all__ = ["normalize_terms", "term_of", "mask_terms", "MAX_TERM_LENGTH"]
