"""Russian for the report: a number with its noun in agreement, and dates as a head of sales says them.

Plural agreement goes through pymorphy3 (``make_agree_with_number``), so «21 задача», «4 менеджера»,
«62 задачи» and «5 клиентов» come from the dictionary rather than from hand-written endings.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

MONTHS_GENT = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
WEEKDAYS_ACC = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")


@lru_cache(maxsize=4096)
def agree(n: int, word: str) -> str:
    """``word`` (a noun or a phrase whose last word is the noun, in the nominative singular) in the
    form that goes with ``n``.

    >>> [agree(n, "задача") for n in (1, 2, 5, 21, 62, 111)]
    ['задача', 'задачи', 'задач', 'задача', 'задачи', 'задач']
    >>> agree(4, "менеджер"), agree(5, "клиент"), agree(3, "пустая задача"), agree(5, "пустая задача")
    ('менеджера', 'клиентов', 'пустые задачи', 'пустых задач')
    >>> agree(2, "замерзающий клиент"), agree(21, "пустая задача")
    ('замерзающих клиента', 'пустая задача')
    """
    from taskqual.morphology import analyzer

    words = word.split(" ")
    morph = analyzer()
    noun = morph.parse(words[-1])[0]
    form = noun.make_agree_with_number(abs(n))
    if form is None:
        return word
    out = [form.word]
    n10, n100 = abs(n) % 10, abs(n) % 100
    if 2 <= n10 <= 4 and not 12 <= n100 <= 14:  # «две пустые задачи», «два новых клиента»
        grammemes = {"plur", "nomn" if noun.tag.gender == "femn" else "gent"}
    elif form.tag.number == "plur":
        grammemes = {"plur", form.tag.case or "gent"}
    else:
        grammemes = {g for g in ("sing", form.tag.case, noun.tag.gender) if g}
    for w in reversed(words[:-1]):  # adjectives before the noun follow it
        p = next((q for q in morph.parse(w) if "ADJF" in q.tag or "PRTF" in q.tag), None)
        adj = p.inflect(grammemes) if p is not None else None
        out.append(adj.word if adj else w)
    return " ".join(reversed(out))


@lru_cache(maxsize=4096)
def of(n: int, word: str) -> str:
    """``word`` in the genitive that follows «из N» or «у N»: singular after 1, 21, 31…, plural otherwise.

    >>> of(5, "клиент"), of(21, "клиент"), of(736, "открытая задача"), of(1, "выполненная задача")
    ('клиентов', 'клиента', 'открытых задач', 'выполненной задачи')
    """
    from taskqual.morphology import analyzer

    morph = analyzer()
    number = "sing" if abs(n) % 10 == 1 and abs(n) % 100 != 11 else "plur"
    out = []
    for w in word.split(" "):
        p = morph.parse(w)[0]
        form = p.inflect({"gent", number})
        out.append(form.word if form else w)
    return " ".join(out)


def count(n: int, word: str) -> str:
    """«62 задачи», «1 200 задач»: the number with thin grouping and the noun agreed.

    >>> count(62, "задача"), count(1200, "задача").replace("\\xa0", " "), count(4, "менеджер")
    ('62 задачи', '1 200 задач', '4 менеджера')
    """
    return f"{number(n)} {agree(n, word)}"


def number(n: int | float) -> str:
    """Digits grouped by threes with a non-breaking space, as Russian text writes them.

    >>> number(1234567).replace("\\xa0", " "), number(12)
    ('1 234 567', '12')
    """
    return f"{n:,.0f}".replace(",", "\u00a0")


def date_ru(d: _dt.date | str | None, today: _dt.date | None = None) -> str:
    """«27 ноября»; the year is added when it is not the year of ``today``.

    >>> date_ru(_dt.date(2026, 11, 27), _dt.date(2026, 11, 20)), date_ru("2025-12-01", _dt.date(2026, 1, 5))
    ('27 ноября', '1 декабря 2025')
    >>> date_ru(None)
    '—'
    """
    if d is None or d == "":
        return "—"
    if isinstance(d, str):
        d = _dt.date.fromisoformat(d[:10])
    s = f"{d.day} {MONTHS_GENT[d.month - 1]}"
    if today is None or d.year != today.year:
        s += f" {d.year}"
    return s


def day_ru(d: _dt.date, today: _dt.date) -> str:
    """«завтра, 21 ноября» or «понедельник, 23 ноября».

    >>> day_ru(_dt.date(2026, 11, 21), _dt.date(2026, 11, 20)), day_ru(_dt.date(2026, 11, 23), _dt.date(2026, 11, 20))
    ('завтра, 21 ноября', 'понедельник, 23 ноября')
    """
    name = "завтра" if (d - today).days == 1 else WEEKDAYS[d.weekday()]
    return f"{name}, {date_ru(d, today)}"


__all__ = ["agree", "of", "count", "number", "date_ru", "day_ru", "WEEKDAYS"]
