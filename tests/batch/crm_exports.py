"""One small backlog written in the shapes of the CRMs' exports, with its figures counted by hand.

Eleven tasks, the review on Wednesday 18.11.2026 (the plan is for Thursday 19.11):

====  =============  ===========  =======  ========  ==========================================
row   label          manager      client   due       state
====  =============  ===========  =======  ========  ==========================================
1     concrete       Анна         Ромашка  17.11     open: 1 day overdue
2     vague          Анна         Ромашка  19.11     open: in tomorrow's plan (changed today)
3     company_only   Анна         Вектор   10.11     open: 8 days overdue; tagged «горячий»
4     vague          Анна         Вектор   18.11     done today (result written)
5     delegable      Борис        Гамма    18.11     open: due today, not done
6     concrete       Борис        Гамма    19.11     open: in tomorrow's plan
7     vague          Борис        Дельта   01.11     awaiting approval (done where the CRM has no such state)
8     vague          Борис        Дельта   05.11     declined (done where the CRM has no such state)
9     concrete       Анна         Эпсилон  12.11     done (result written)
10    vague          Борис        Вектор   11.11     deferred (open, so 7 days overdue, where the CRM has no such state)
11    (empty text)   Анна         —        25.11     open
====  =============  ===========  =======  ========  ==========================================

Counted by hand: 11 rows; open 7 (rows 1 2 3 5 6 10 11), done 4 (rows 4 7 8 9), unknown 0; overdue 2
(rows 1 and 3) where «deferred» exists, else 3 (row 10 too); clients 5, frozen 1 (Вектор: open tasks
3 and 10, neither concrete), without open tasks 2 (Дельта, Эпсилон); plan for 19.11: 2 tasks, 1 not
concrete (row 2); due today: 1 done (row 4), 1 not done (row 5); results missing on rows 7 and 8.
"""

from __future__ import annotations

import csv
from pathlib import Path

from taskqual.verdict import Verdict

TODAY = "2026-11-18"
TEXTS = [
    "Позвонить в Ромашку и получить решение по КП до пятницы",
    "уточнить по Ромашке",
    "Вектор",
    "встреча Вектор",
    "подготовить презентацию для Гаммы",
    "Согласовать с Гаммой спецификацию до 20.11",
    "напомнить Дельте",
    "Дельта тендер",
    "Выставить счёт Эпсилону на 50% предоплаты",
    "Вектор — подумать",
    "",
]
LABELS = [
    "concrete",
    "vague",
    "company_only",
    "vague",
    "delegable",
    "concrete",
    "vague",
    "vague",
    "concrete",
    "vague",
    None,
]
MANAGERS = ["Анна", "Анна", "Анна", "Анна", "Борис", "Борис", "Борис", "Борис", "Анна", "Борис", "Анна"]
CLIENTS = ["Ромашка", "Ромашка", "Вектор", "Вектор", "Гамма", "Гамма", "Дельта", "Дельта", "Эпсилон", "Вектор", ""]
DUE_DAYS = [17, 19, 10, 18, 18, 19, 1, 5, 12, 11, 25]
STATES = ["open", "open", "open", "done", "open", "open", "awaiting", "declined", "done", "deferred", "open"]
RESULTS = ["", "", "", "Договорились о встрече 25.11", "", "", "", "", "Счёт оплачен", "", ""]

# (open, done, unknown, overdue, deferred, awaiting, declined) per way of telling open from done
FULL = {"open": 7, "done": 4, "unknown": 0, "overdue": 2, "deferred": 1, "awaiting": 1, "declined": 1}
BINARY = {"open": 7, "done": 4, "unknown": 0, "overdue": 3, "deferred": 0, "awaiting": 0, "declined": 0}
COMMON = {
    "rows": 11,
    "companies": 5,
    "frozen_clients": 1,
    "companies_without_open_tasks": 2,
    "plan_next": 2,
    "plan_next_not_concrete": 1,
    "today_due": 2,
    "today_done": 1,
    "today_not_done": 1,
    "empty": 1,
}


class StandIn:
    """Fixed labels for the texts above, so the figures do not depend on the model."""

    version = "stand-in"

    def classify_many(self, texts, errors="keep", companies=None):
        out = []
        for t in texts:
            if not t.strip():
                out.append(Verdict(label=None, confidence=0.0, error="EmptyTaskError: no words"))
                continue
            i = TEXTS.index(t)
            out.append(Verdict(label=LABELS[i], confidence=0.9, hint=f"подсказка {i + 1}", company=None))
        return out


def _d(day: int, fmt: str) -> str:
    return fmt.format(d=day, m=11, y=2026) if day else ""


def _pick(state: str, words: dict[str, str]) -> str:
    fallback = "done" if state in ("awaiting", "declined") else "open"
    return words.get(state) or words[fallback]


def amocrm() -> list[list[str]]:
    rows = [
        [
            "ID",
            "Тип задачи",
            "Текст задачи",
            "Результат",
            "Ответственный",
            "Срок выполнения",
            "Выполнена",
            "Сделка",
            "Компания",
            "Дата завершения",
        ]
    ]
    for i in range(11):
        done = STATES[i] in ("done", "awaiting", "declined")
        rows.append(
            [
                str(9001 + i),
                "Связаться",
                TEXTS[i],
                RESULTS[i],
                MANAGERS[i],
                _d(DUE_DAYS[i], "{d:02d}.{m:02d}.{y} 18:00"),
                "Да" if done else "Нет",
                f"Сделка {CLIENTS[i]}",
                CLIENTS[i],
                "17.11.2026 12:00" if done else "",
            ]
        )
    return rows


BITRIX_WORDS = {
    "open": "Ждет выполнения",
    "done": "Завершена",
    "awaiting": "Ждет контроля",
    "declined": "Отклонена",
    "deferred": "Отложена",
}


def bitrix24_tasks() -> list[list[str]]:
    rows = [
        [
            "ID",
            "Название",
            "Постановщик",
            "Ответственный",
            "Статус",
            "Крайний срок",
            "Дата закрытия",
            "Элементы CRM",
            "Теги",
            "Дата изменения",
        ]
    ]
    for i in range(11):
        c = CLIENTS[i]
        elements = {
            0: "Компания: ООО «Ромашка»; Сделка: Поставка стеллажей",
            1: "Сделка: Монтаж, Компания: Ромашка",
            2: "Контакт: Андрей Юрьевич; Компания: Вектор",
        }.get(i, f"Компания: {c}" if c else "")
        status = _pick(STATES[i], BITRIX_WORDS)
        if i == 4:
            status = "Выполняется"
        rows.append(
            [
                str(101 + i),
                TEXTS[i],
                "Руководитель",
                MANAGERS[i],
                status,
                _d(DUE_DAYS[i], "{d:02d}.{m:02d}.{y} 18:00:00"),
                "17.11.2026 12:00:00" if STATES[i] in ("done", "awaiting") else "",
                elements,
                "горячий" if i == 2 else "",
                "18.11.2026 10:00:00" if i == 1 else "10.11.2026 10:00:00",
            ]
        )
    return rows


def bitrix24_activities() -> list[list[str]]:
    rows = [["ID", "Тема", "Тип", "Ответственный", "Срок", "Выполнено", "Элементы CRM"]]
    for i in range(11):
        done = STATES[i] in ("done", "awaiting", "declined")
        rows.append(
            [
                str(5001 + i),
                TEXTS[i],
                "Звонок",
                MANAGERS[i],
                _d(DUE_DAYS[i], "{d:02d}.{m:02d}.{y} 10:00"),
                "Да" if done else "Нет",
                f"Контакт: Иван Петров, Компания: {CLIENTS[i]}" if CLIENTS[i] else "",
            ]
        )
    return rows


ONE_C_WORDS = {"open": "Запланировано", "done": "Выполнено", "declined": "Отменено"}


def one_c() -> list[list[str]]:
    rows = [
        [
            "Номер",
            "Дата",
            "Описание",
            "Ответственный",
            "Контрагент",
            "Срок исполнения",
            "Состояние",
            "Результат выполнения",
        ]
    ]
    for i in range(11):
        rows.append(
            [
                f"00-{i + 1:04d}",
                "01.11.2026 9:00:00",
                TEXTS[i],
                MANAGERS[i],
                CLIENTS[i],
                _d(DUE_DAYS[i], "{d:02d}.{m:02d}.{y} 0:00:00"),
                ONE_C_WORDS["done" if STATES[i] == "awaiting" else STATES[i]]
                if STATES[i] != "deferred"
                else "Запланировано",
                RESULTS[i],
            ]
        )
    return rows


MEGAPLAN_WORDS = {
    "open": "Принята",
    "done": "Завершена",
    "awaiting": "Выполнена",
    "declined": "Отклонена",
    "deferred": "Отложена",
}


def megaplan() -> list[list[str]]:
    rows = [["Номер", "Название", "Статус", "Ответственный", "Постановщик", "Дедлайн", "Клиент"]]
    for i in range(11):
        rows.append(
            [
                str(700 + i),
                TEXTS[i],
                MEGAPLAN_WORDS[STATES[i]] if i != 5 else "Назначена",
                MANAGERS[i],
                "Директор",
                _d(DUE_DAYS[i], "{d:02d}.{m:02d}.{y} 19:00"),
                CLIENTS[i],
            ]
        )
    return rows


def retailcrm() -> list[list[str]]:
    rows = [["ID", "Текст задачи", "Комментарий", "Ответственный", "Дата и время", "Выполнена", "Клиент", "Заказ"]]
    for i in range(11):
        done = STATES[i] in ("done", "awaiting", "declined")
        rows.append(
            [
                str(31 + i),
                TEXTS[i],
                "",
                MANAGERS[i],
                _d(DUE_DAYS[i], "{y}-{m:02d}-{d:02d} 12:00:00"),
                "true" if done else "false",
                CLIENTS[i],
                f"{1200 + i}A",
            ]
        )
    return rows


HUBSPOT_WORDS = {"open": "Не начата", "done": "Завершено", "deferred": "Ожидание"}


def hubspot() -> list[list[str]]:
    rows = [
        [
            "Идентификатор записи",
            "Название задачи",
            "Статус задачи",
            "Срок выполнения",
            "Ответственный за задачу",
            "Связанная компания",
            "Приоритет",
        ]
    ]
    for i in range(11):
        rows.append(
            [
                str(88001 + i),
                TEXTS[i],
                _pick(STATES[i], HUBSPOT_WORDS) if i != 4 else "Выполняется",
                _d(DUE_DAYS[i], "{y}-{m:02d}-{d:02d} 18:00"),
                MANAGERS[i],
                CLIENTS[i],
                "Высокий" if i == 0 else "Средний",
            ]
        )
    return rows


STAGES = {
    "Ромашка": ("Согласование договора", "500 000"),
    "Вектор": ("Первичный контакт", "100 000"),
    "Гамма": ("КП отправлено", "250 000"),
    "Дельта": ("Переговоры", "50 000"),
    "Эпсилон": ("Счёт выставлен", "80 000"),
    "": ("", ""),
}


def pipedrive() -> list[list[str]]:
    rows = [
        [
            "Действие - ID",
            "Действие - Тема",
            "Действие - Выполнено",
            "Действие - Срок",
            "Действие - Назначено пользователю",
            "Организация - Название",
            "Сделка - Название",
            "Сделка - Этап",
            "Сделка - Стоимость",
            "Действие - Время выполнения",
        ]
    ]
    for i in range(11):
        done = STATES[i] in ("done", "awaiting", "declined")
        stage, budget = STAGES[CLIENTS[i]]
        rows.append(
            [
                str(401 + i),
                TEXTS[i],
                "Выполнено" if done else "Сделать",
                _d(DUE_DAYS[i], "{y}-{m:02d}-{d:02d}"),
                MANAGERS[i],
                CLIENTS[i],
                f"{CLIENTS[i]}: поставка" if CLIENTS[i] else "",
                stage,
                budget,
                "2026-11-17 12:00" if done else "",
            ]
        )
    return rows


SHAPES = {
    "amocrm": (amocrm, BINARY),
    "bitrix24_tasks": (bitrix24_tasks, FULL),
    "bitrix24_activities": (bitrix24_activities, BINARY),
    "1c": (one_c, {**BINARY, "declined": 1}),
    "megaplan": (megaplan, FULL),
    "retailcrm": (retailcrm, BINARY),
    "hubspot": (hubspot, {**FULL, "declined": 0, "awaiting": 0}),
    "pipedrive": (pipedrive, BINARY),
}


def write(path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig", delimiter: str = ";") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def write_html_xls(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", meta: bool = True) -> Path:
    """``rows`` as Bitrix24 saves «Excel»: an HTML page with one table (``<th>`` header, ``<br>`` for a line
    break, entities escaped, the source indented), named .xls."""
    from html import escape

    def cell(tag: str, value: str) -> str:
        return f"      <{tag}>{'<br>'.join(escape(part) for part in value.split(chr(10)))}</{tag}>\n"

    head = f'<meta http-equiv="Content-type" content="text/html;charset={encoding}" />\n' if meta else ""
    page = (
        f"<html>\n<head>\n{head}<style>td {{mso-number-format:\\@;}}</style>\n</head>\n<body>\n"
        '<table border="1">\n  <thead>\n    <tr>\n'
        + "".join(cell("th", c) for c in rows[0])
        + "    </tr>\n  </thead>\n  <tbody>\n"
        + "".join("    <tr>\n" + "".join(cell("td", c) for c in row) + "    </tr>\n" for row in rows[1:])
        + "  </tbody>\n</table>\n</body>\n</html>\n"
    )
    path.write_bytes(page.encode(encoding))
    return path


def bitrix24_full(*, result: bool = True) -> list[list[str]]:
    """Bitrix24 tasks with «Результат», «Стадия сделки» and «Бюджет» columns (from :data:`STAGES`), and what
    moved on the day of the review, 18.11 (the warm leads of the day, counted by hand):

    * row 4 (Вектор, Анна) closed today, result «Договорились о встрече 25.11»: Вектор is warm; its open
      tasks (rows 3, 10) are not concrete, so it has no next step;
    * row 9 (Эпсилон, Анна) closed today, result «Клиент отказался, купили у конкурента»: a refusal, not
      warm — but without the result column (``result=False``) it is a concrete task closed today: warm,
      with no open task at all;
    * row 2 (Ромашка, Анна) changed today, the deal at «Согласование договора»: warm by its stage; its
      open concrete task (row 1) is overdue, so no next step;
    * row 6 (Гамма, Борис) tagged «тёплый»: warm; its next step is row 6 itself, concrete, due 19.11.

    Warm: Ромашка, Вектор (no next step; the contract stage first), Гамма — 3, 2 without a next step
    (Анна 2 of 2, Борис 1 of 0); without the result column: Ромашка, Эпсилон, Гамма (Эпсилон's
    «Счёт выставлен» is a late stage too, Вектор drops out).
    """
    rows = bitrix24_tasks()
    rows[0] += ["Результат", "Стадия сделки", "Бюджет"]
    for i, row in enumerate(rows[1:]):
        stage, budget = STAGES[CLIENTS[i]]
        row += [RESULTS[i], stage, budget]
    rows[4][6] = "18.11.2026 16:00:00"  # row 4 closed today
    rows[9][6] = "18.11.2026 11:00:00"  # row 9 closed today ...
    rows[9][10] = "Клиент отказался, купили у конкурента"  # ... with a refusal
    rows[6][8] = "тёплый"
    if not result:
        rows = [r[:10] + r[11:] for r in rows]
    return rows
