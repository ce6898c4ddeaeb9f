"""Which capitalised words of a team's rows are the team's shorthand («ЗМР», «ПНР»), not a client.

``taskqual train`` keeps such words as words in the team's model (:mod:`taskqual.terms`); this module
finds them. The rule is conservative, because a client's name taken for shorthand would be read as
an ordinary word by the team's model. A word is a term when all of these hold:

1. it is written in capitals, 2 to 6 letters («ЗМР»), in a row not written all in capitals;
2. it is not a legal form or organisation prefix («ООО», «СК»), not shorthand or a tool taskqual
   already reads as a word («КП», «CRM»), and not an organisation to the dictionary («МТС», «ВТБ»);
3. the shipped reading loses it in at least one row: the model would see a name placeholder, or a
   spelling correction, instead of the word (otherwise there is nothing to keep);
4. it is in at least ``MIN_ROWS`` (5) of the team's rows;
5. with the word kept, another company is found beside it in at least ``MIN_WITH_COMPANY`` (2) of
   those rows and in at least ``MIN_COMPANY_SHARE`` (a quarter) of them: shorthand stands next to
   the client («ЗМР Ромашка, Тверская 5»), a big client's own name («ТДК — отправить КП») does not
   stand next to another client.

Only the texts are read (never the labels), so the held-out rows do not leak into the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_ROWS = 5
MIN_WITH_COMPANY = 2
MIN_COMPANY_SHARE = 0.25
_CANDIDATE_RE = re.compile(r"(?<![\w-])[А-ЯЁA-Z]{2,6}(?![\w-])")


@dataclass(frozen=True)
class DetectedTerm:
    """A term found in the team's rows, with the evidence: the rows that have it, the rows where the
    shipped reading loses it, the rows where another company stands beside it."""

    term: str  # as the team writes it most often
    rows: int
    lost: int
    with_company: int


def candidates_in(norm: str) -> set[str]:
    """The capitalised 2-6 letter words of a normalised text (none in a text written all in capitals)."""
    if norm.isupper():
        return set()
    return set(_CANDIDATE_RE.findall(norm))


def _already_a_word(word: str) -> bool:
    """Condition 2: taskqual reads it as a word already, or it names an organisation."""
    from taskqual.companies import LEGAL_FORMS, ORG_PREFIXES, SHORTHAND, TOOLS
    from taskqual.morphology import parse

    low = word.lower().replace("ё", "е")
    return low in LEGAL_FORMS or low in ORG_PREFIXES or low in SHORTHAND or low in TOOLS or "Orgn" in parse(low).tags


def _lost(term: str, text: str) -> bool:
    """Condition 3: the shipped reading of ``text`` has no word ``term`` in what the model reads."""
    from taskqual.features import analyze

    return term not in analyze(text).char_text.split()


def _company_beside(term: str, norm: str) -> bool:
    """Condition 5, for one row: with ``term`` kept as a word, the row still names a company (not
    the term itself, as in «ООО ЗМР»)."""
    from taskqual.companies import locate

    found = locate(norm, frozenset({term}))
    return found is not None and term not in norm[found.start : found.end].lower().split()


def detect_terms(texts: Iterable[str], *, min_rows: int = MIN_ROWS) -> list[DetectedTerm]:
    """The team's shorthand terms in ``texts`` (raw task texts), by the rule of this module, most
    frequent first."""
    from taskqual.normalize import normalize

    rows_of: dict[str, list[tuple[str, str]]] = {}  # lower-case word → (text, normalised text) of its rows
    spellings: dict[str, Counter[str]] = {}
    for text in texts:
        norm = normalize(text)
        for word in candidates_in(norm):
            low = word.lower()
            rows_of.setdefault(low, []).append((text, norm))
            spellings.setdefault(low, Counter())[word] += 1
    found = []
    for low, rows in rows_of.items():
        if len(rows) < min_rows or _already_a_word(low):
            continue
        lost = sum(_lost(low, text) for text, _ in rows)
        if not lost:
            continue
        beside = sum(_company_beside(low, norm) for _, norm in rows)
        if beside >= MIN_WITH_COMPANY and beside >= MIN_COMPANY_SHARE * len(rows):
            found.append(DetectedTerm(spellings[low].most_common(1)[0][0], len(rows), lost, beside))
    return sorted(found, key=lambda t: (-t.rows, t.term))


__all__ = ["DetectedTerm", "detect_terms", "candidates_in", "MIN_ROWS", "MIN_WITH_COMPANY", "MIN_COMPANY_SHARE"]
