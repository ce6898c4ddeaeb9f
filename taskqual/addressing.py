"""Is a task addressed to a colleague? «Оле: выставить счёт», «@Ира баннер», «юристу - договор Вектора».

A line that opens with who is to do it has been handed over already: the model reads it as a feature
(``ad:line``) and the hints ask for the deadline and the result instead of for a colleague.
"""

from __future__ import annotations

from taskqual.lang_ru import DOER_WORDS
from taskqual.morphology import analyzer


def addressed_line(norm: str) -> bool:
    """The normalised text opens with a colleague in the dative and a dash or colon («маркетологу - лендинг
    под акцию», «юристу: договор Вектора»), tagged («@Оля макет…»), or called by name and a comma («Лена,
    подготовь…»): a task addressed to them.

    >>> addressed_line("Оле: выставить счёт"), addressed_line("Ромашка: выставить счёт")
    (True, False)
    """
    words = norm.split()
    if len(words) < 2:
        return False
    first, rest = words[0], words[1]
    if first.startswith("@") and first[1:2].isupper() and first[1:].rstrip(",:").isalpha():
        return True  # «@Оля макет + печать…»: a colleague tagged in the CRM
    if first.endswith(",") and first[:1].isupper() and first[:-1].isalpha():
        names = [p for p in analyzer().parse(first[:-1].lower()) if "Name" in p.tag]
        ordered = any("impr" in p.tag for p in analyzer().parse(rest.lower()))
        # «Лена, подготовь договор…»: a colleague called by name and told what to do, the task is theirs
        return bool(names) and all(p.tag.case == "nomn" for p in names) and ordered
    if first.endswith(":"):
        first = first[:-1]
    elif rest not in ("-", ":"):
        return False
    if not first.replace("-", "").isalpha():
        return False
    parses = [p for p in analyzer().parse(first.lower()) if p.tag.POS == "NOUN"]
    if first[:1].isupper() and any("Name" in p.tag and p.tag.case == "datv" for p in parses):
        return True  # «Оле: выставить счёт», «Маше - …»: a colleague named by a first name in the dative
    return any(p.tag.case == "datv" and p.normal_form in DOER_WORDS for p in parses)


__all__ = ["addressed_line"]
