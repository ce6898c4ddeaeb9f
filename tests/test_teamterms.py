"""The rule that finds a team's shorthand in its rows («ЗМР» is a term; a big client named in many rows
is not): one line per case, the rows and the terms found in them."""

from __future__ import annotations

import pytest
from teamdata import team_rows

from taskqual.cli.teamterms import DetectedTerm, detect_terms

CLIENTS = ["Ромашка", "Вектор", "Техносила", "СтройДом", "Кварта", "Лесторг"]
# A client known by its initials, named in every row, alone (as a big client is).
TDK = [
    "ТДК — отправить КП до пятницы",
    "Позвонить в ТДК по договору",
    "ТДК: согласовать спецификацию с юристом",
    "Встреча с ТДК в четверг",
    "Получить от ТДК подписанный акт",
    "ТДК счет на оплату",
    "ТДК — выставить счёт",
    "Отгрузка ТДК на 15.03",
]
TDK_BESIDE_TWO = [*TDK, "ТДК и Вектор: сравнить цены", "ТДК, Ромашка — сверка"]  # another client in 2 of 10


def rows(template: str, n: int) -> list[str]:
    return [template.format(c=CLIENTS[i % len(CLIENTS)]) for i in range(n)]


CASES = [
    # (case, team texts, terms found)
    ("the team file of the tests", [r[0] for r in team_rows()], ["ЗМР"]),
    ("shorthand beside the client", rows("ЗМР {c}, Ленина 5", 5), ["ЗМР"]),
    ("shorthand after the client", rows("{c} — ДМТ до пятницы", 6), ["ДМТ"]),
    ("two terms", rows("ЗМР {c}", 5) + rows("ДМТ {c} в четверг", 6), ["ДМТ", "ЗМР"]),
    ("beside a client in 2 of 8 rows", rows("ЗМР {c}", 2) + ["ЗМР по адресу Ленина 5"] * 6, ["ЗМР"]),
    ("in 4 rows only", rows("ЗМР {c}, Ленина 5", 4), []),
    ("never beside a client", ["ЗМР по адресу Ленина 5", "ЗМР на Мира 3", "ЗМР завтра", "ЗМР: Садовой 7", "ЗМР"], []),
    ("a big client named alone", TDK, []),
    ("a big client, another client in 2 of 10 rows", TDK_BESIDE_TWO, []),
    ("a dictionary organisation", [t.replace("ТДК", "МТС") for t in TDK_BESIDE_TWO] + rows("МТС {c}", 6), []),
    ("shorthand taskqual reads already", rows("КП {c} до пятницы", 6) + rows("ПНР {c}", 6), []),
    ("a legal form", rows("ООО {c}", 6), []),
    ("rows written in capitals", [r.upper() for r in rows("ЗМР {c}, Ленина 5", 6)], []),
    ("longer than 6 letters", rows("ЗАМЕРКА {c}", 6), []),
]


@pytest.mark.parametrize("texts, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_term_rule(texts, expected):
    assert [t.term for t in detect_terms(texts)] == expected


def test_the_evidence_is_reported():
    assert detect_terms([r[0] for r in team_rows()]) == [DetectedTerm("ЗМР", rows=30, lost=30, with_company=26)]
    assert detect_terms(rows("ЗМР {c}, Ленина 5", 4), min_rows=4) == [DetectedTerm("ЗМР", 4, 4, 4)]
