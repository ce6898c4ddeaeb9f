"""What the report's counters (:mod:`~taskqual.batch.report`), its sections (:mod:`~taskqual.batch.routines`)
and its page (:mod:`~taskqual.batch.html`) count by: the kinds of task, the manager placeholder, the key
that groups a company's spellings, a count as a share of a total, and how close a deal stage is to a purchase.

It sits below all three, so the sections can read the counters without the counters importing them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskqual.labels import EMPTY
from taskqual.labels import ids as label_ids
from taskqual.lang_ru import LEGAL_FORMS

NO_MANAGER = "(не указан)"
TOP_FROZEN = 200


def kinds() -> tuple[str, ...]:
    """The labels of the registry in use (taskqual.labels) plus «пустая задача», as the report counts them."""
    return (*label_ids(), EMPTY.id)


_QUOTES_RE = re.compile(r"[«»\"'“”„]")


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The key that groups spellings of one company: «ООО "Ромашка"» and «ромашка» are the same.

    >>> company_key('ООО "Ромашка"') == company_key("ромашка") == company_key("Ромашка ")
    True
    >>> company_key('ГБУЗ "Больница"') == company_key("Больница")  # every legal form of taskqual.lang_ru
    True
    """
    words = _QUOTES_RE.sub(" ", name.casefold().replace("ё", "е")).split()
    while len(words) > 1 and words[0].strip(".") in LEGAL_FORMS:
        del words[0]
    return " ".join(words)


def share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


# deal stages, from «almost ready to buy» down; a stage that matches nothing ranks 1
_STAGE_RANKS = (
    (0, re.compile(r"успешн|проигр|закрыт|отказ|won|lost|closed", re.IGNORECASE)),
    (
        3,
        re.compile(
            r"договор|контракт|сч[её]т|оплат|подписан|согласован|переговор|решени|финал|"
            r"contract|invoice|negotiat|closing|commit",
            re.IGNORECASE,
        ),
    ),
    (
        2,
        re.compile(
            r"\bкп\b|предложени|презентац|демо|расч[её]т|смет|проект|proposal|demo|quote|present", re.IGNORECASE
        ),
    ),
)


def stage_rank(stage: str) -> int:
    """How close a deal stage is to a purchase: 3 contract/invoice/payment, 2 proposal, 1 other, 0 closed.

    >>> [stage_rank(s) for s in ("Согласование договора", "КП отправлено", "Первичный контакт", "Успешно реализовано")]
    [3, 2, 1, 0]
    """
    for rank, rx in _STAGE_RANKS:
        if rx.search(stage):
            return rank
    return 1


__all__ = ["NO_MANAGER", "TOP_FROZEN", "kinds", "company_key", "share", "stage_rank"]
