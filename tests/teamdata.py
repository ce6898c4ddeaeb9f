"""A team's labelled file that teaches taskqual a new piece of shorthand: «ЗМР» (замер, a site measurement
that a technician does) is work to hand over, `delegable`; plus a few ordinary concrete tasks of the
same team. ``taskqual train`` learns from it in the tests."""

from __future__ import annotations

import csv
from pathlib import Path

COMPANIES = [
    "Ромашка",
    "Вектор",
    "СтройДом",
    "Альфа-Окна",
    "Техносила",
    "Уют-Сервис",
    "ГрандМебель",
    "Лесторг",
    "Кварта",
    "Мир Окон",
    "Фасад-Про",
    "ДомСтрой",
]
PLACES = ["Тверская 5", "Ленина 12", "Мира 3, кв. 40", "Садовая 17", "Победы 8", "Гагарина 21"]
WHEN = ["", " в четверг", " завтра", " 15.03", " до пятницы", " на 10:00"]
ZMR_FORMS = ["ЗМР {c}, {p}{w}", "ЗМР {c}{w}", "ЗМР по адресу {p}{w}", "{c} — ЗМР{w}", "ЗМР: {p}, {c}"]
CONCRETE_FORMS = [
    "Получить от {c} подписанный договор до пятницы",
    "Согласовать с {c} дату монтажа до 15.03",
    "Получить решение {c} по КП на окна до среды",
]

# Never in the file: the trained model must generalise to them.
NEW_ZMR_TASKS = ["ЗМР Орион, Кирова 9", "ЗМР Северный дом в понедельник", "ЗМР по адресу Строителей 14"]
BASICS = {
    "Отправить КП в Северсталь до 15.03": "concrete",
    "перезвонить Ромашке": "vague",
    'ООО "Вектор"': "company_only",
    "сделать презентацию для Техносилы": "delegable",
}


def team_rows() -> list[tuple[str, str, str]]:
    """(text, label, type): 30 «ЗМР» tasks and 9 concrete ones, deterministic."""
    rows = []
    for i in range(30):
        form = ZMR_FORMS[i % len(ZMR_FORMS)]
        text = form.format(
            c=COMPANIES[i % len(COMPANIES)], p=PLACES[(i * 5) % len(PLACES)], w=WHEN[(i * 7) % len(WHEN)]
        )
        rows.append((text.strip(), "delegable", "замер"))
    for i, form in enumerate(CONCRETE_FORMS):
        for c in COMPANIES[i * 3 : i * 3 + 3]:
            rows.append((form.format(c=c), "concrete", "звонок"))
    return rows


def write_team_csv(path: Path, rows: list[tuple[str, str, str]] | None = None) -> Path:
    """The team's file as a CRM export would be: «;»-separated, a Russian text column."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Задача", "label", "type"])
        writer.writerows(rows if rows is not None else team_rows())
    return path
