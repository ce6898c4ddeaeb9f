"""CRM exports as the CRMs write them: which column plays which role, and what a status cell means.

amoCRM, Bitrix24 (tasks and CRM activities, «Дела»), 1C:CRM/УНФ, Мегаплан, RetailCRM and
HubSpot/Pipedrive exported in Russian name their columns differently and tell open from done
differently: a «Статус» column with their own words («Ждет контроля», «Принята», «Отложена»), a
«Выполнена: Да/Нет» flag, or just a closing date. :func:`detect_layout` maps the columns to roles and
:class:`StatusReader` turns a row's cells into one of :data:`STATES`; a cell nobody recognises is
``unknown``, never silently «open». :func:`split_crm_elements` reads composite fields such as
Bitrix24's «Элементы CRM» («Компания: Ромашка; Сделка: Поставка»).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from taskqual.batch.columns import _key, find_column
from taskqual.batch.dates import parse_date
from taskqual.batch.readers import cell_text

STATES = ("open", "deferred", "awaiting", "done", "declined", "unknown")
"""open: to do; deferred: postponed, still not done; awaiting: done by the manager, waiting for
approval; done; declined: cancelled or rejected; unknown: the export does not say."""
FINISHED = frozenset({"awaiting", "done", "declined"})
NOT_FINISHED = frozenset({"open", "deferred"})
CRMS = ("auto", "amocrm", "bitrix24", "megaplan", "1c", "retailcrm", "hubspot", "pipedrive")

# Column roles: names as the CRMs write them (compared after _key(): lower case, letters and digits).
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "id задачи",
        "id дела",
        "идентификатор",
        "номер",
        "номер задачи",
        "№",
        "код",
        "task id",
        "activity id",
        "действие id",
        "record id",
        "ид",
    ),
    "link": ("ссылка", "ссылка на задачу", "ссылка на дело", "url", "link", "адрес задачи", "task url"),
    "manager": (
        "ответственный",
        "менеджер",
        "исполнитель",
        "ответственный менеджер",
        "ответственный за задачу",
        "ответственный сотрудник",
        "сотрудник",
        "назначено пользователю",
        "действие назначено пользователю",
        "владелец задачи",
        "владелец",
        "manager",
        "responsible",
        "assignee",
        "assigned to",
        "owner",
        "task owner",
        "user",
    ),
    "company": (
        "компания",
        "клиент",
        "контрагент",
        "организация",
        "название компании",
        "компания клиента",
        "связанная компания",
        "организация название",
        "название организации",
        "покупатель",
        "контрагент наименование",
        "company",
        "client",
        "account",
        "customer",
        "organization",
        "organization name",
        "associated company",
    ),
    "crm_elements": (
        "элементы crm",
        "crm",
        "связь с crm",
        "привязка",
        "привязано к",
        "связано с",
        "связанные объекты",
        "связанная сущность",
        "объект crm",
        "сущность",
        "related to",
    ),
    "deal": ("сделка", "название сделки", "сделка название", "заказ", "deal", "deal title", "deal name"),
    "due": (
        "крайний срок",
        "срок",
        "срок выполнения",
        "срок исполнения",
        "дедлайн",
        "выполнить до",
        "дата исполнения",
        "дата и время",
        "действие срок",
        "дата выполнения план",
        "плановая дата",
        "due",
        "due date",
        "deadline",
        "due_date",
        "дата окончания",
    ),
    "status": (
        "статус",
        "состояние",
        "статус задачи",
        "статус дела",
        "статус выполнения",
        "status",
        "task status",
        "state",
    ),
    "done_flag": (
        "выполнена",
        "выполнено",
        "завершена",
        "завершено",
        "задача выполнена",
        "дело выполнено",
        "действие выполнено",
        "выполнен",
        "done",
        "completed",
        "is done",
        "is completed",
        "закрыта",
    ),
    "closed": (
        "дата закрытия",
        "дата выполнения",
        "дата завершения",
        "фактическая дата завершения",
        "дата фактического выполнения",
        "закрыта дата",
        "действие время выполнения",
        "время выполнения",
        "closed",
        "closed at",
        "completed at",
        "completion date",
        "done at",
        "marked as done time",
    ),
    "result": (
        "результат",
        "результат выполнения",
        "результат задачи",
        "результат дела",
        "итог",
        "комментарий к результату",
        "комментарий о выполнении",
        "result",
        "outcome",
    ),
    "hot": (
        "теги",
        "тег",
        "метки",
        "метка",
        "приоритет",
        "важность",
        "важная задача",
        "горячий",
        "priority",
        "tags",
        "tag",
        "label",
        "labels",
    ),
    "stage": (
        "стадия сделки",
        "этап сделки",
        "сделка этап",
        "этап воронки",
        "стадия",
        "этап",
        "статус сделки",
        "deal stage",
        "stage",
        "pipeline stage",
    ),
    "budget": (
        "бюджет",
        "бюджет сделки",
        "сумма",
        "сумма сделки",
        "сделка стоимость",
        "стоимость",
        "сумма заказа",
        "amount",
        "deal value",
        "value",
        "budget",
    ),
    "changed": (
        "дата изменения",
        "изменена",
        "изменено",
        "последнее изменение",
        "дата последнего изменения",
        "modified",
        "updated",
        "last modified",
        "updated at",
    ),
}
ROLES = ("text", *ROLE_NAMES)
ROLE_FLAGS = {
    "text": "--text-column",
    "manager": "--manager-column",
    "company": "--company-column",
    "due": "--due-column",
    "status": "--status-column",
    "done_flag": "--done-column",
    "closed": "--closed-column",
    "id": "--id-column",
    "link": "--link-column",
    "result": "--result-column",
    "hot": "--hot-column",
    "stage": "--stage-column",
    "budget": "--budget-column",
    "changed": "--changed-column",
    "crm_elements": "--crm-elements-column",
    "deal": "--deal-column",
}

# ---------------------------------------------------------------------------------------- status words

_YES = {"да", "yes", "true", "1", "y", "д", "истина", "+", "x", "v", "✓", "✔"}
_NO = {"нет", "no", "false", "0", "n", "н", "ложь", "-"}
_OPEN = (
    "ждет выполнения",
    "ожидает выполнения",
    "выполняется",
    "в работе",
    "в процессе",
    "не выполнена",
    "не выполнено",
    "не выполнен",
    "не завершена",
    "не завершено",
    "новая",
    "новое",
    "новый",
    "назначена",
    "принята",
    "открыта",
    "открыто",
    "запланирована",
    "запланировано",
    "не начата",
    "не начато",
    "просрочена",
    "почти просрочена",
    "ждет принятия",
    "ожидает принятия",
    "активна",
    "активно",
    "to do",
    "todo",
    "open",
    "in progress",
    "not started",
    "pending",
    "planned",
    "overdue",
    "сделать",
    "нужно сделать",
    "к выполнению",
    "ожидает",
    "не закрыта",
)
_DEFERRED = (
    "отложена",
    "отложено",
    "отложен",
    "приостановлена",
    "на паузе",
    "ожидание",
    "deferred",
    "on hold",
    "waiting",
    "postponed",
    "waiting on someone",
)
_AWAITING = (
    "ждет контроля",
    "ожидает контроля",
    "на контроле",
    "на проверке",
    "ожидает проверки",
    "ждет проверки",
    "ждет подтверждения",
    "выполнена ждет проверки",
    "awaiting approval",
    "waiting for approval",
    "pending approval",
)
_DONE = (
    "завершена",
    "завершено",
    "завершен",
    "выполнена",
    "выполнено",
    "выполнен",
    "закрыта",
    "закрыто",
    "сделано",
    "сделана",
    "готово",
    "готова",
    "решена",
    "проведена",
    "проведено",
    "состоялся",
    "состоялась",
    "успешно",
    "done",
    "completed",
    "complete",
    "closed",
    "finished",
    "resolved",
    "marked as done",
)
_DECLINED = (
    "отклонена",
    "отклонено",
    "отменена",
    "отменено",
    "отменен",
    "отказ",
    "не требуется",
    "не состоялся",
    "не состоялась",
    "cancelled",
    "canceled",
    "declined",
    "rejected",
    "deleted",
)
# Per CRM: words whose meaning differs from the common vocabulary.
CRM_OVERRIDES: dict[str, dict[str, str]] = {
    # Мегаплан: «Выполнена» = the executor finished, the owner has not accepted yet; «Завершена» = accepted
    "megaplan": {"выполнена": "awaiting", "выполнено": "awaiting", "принята": "open", "назначена": "open"},
    "bitrix24": {"ждет контроля": "awaiting", "почти просрочена": "open", "просрочена": "open"},
    "hubspot": {"ожидание": "deferred", "waiting": "deferred"},
    "1c": {"запланировано": "open", "выполнено": "done", "отменено": "declined"},
}
_VOCAB: dict[str, str] = {}
for _state, _words in (
    ("open", _OPEN),
    ("deferred", _DEFERRED),
    ("awaiting", _AWAITING),
    ("done", _DONE),
    ("declined", _DECLINED),
):
    for _w in _words:
        _VOCAB[_key(_w)] = _state


def state_of_status(value: Any, crm: str = "auto") -> str:
    """The state of a status cell («Ждет контроля», «Завершена», «Да», «true»), or ``unknown``.

    >>> [state_of_status(s) for s in ("Ждёт выполнения", "Ждет контроля", "Отклонена", "Отложена", "Завершена")]
    ['open', 'awaiting', 'declined', 'deferred', 'done']
    >>> state_of_status("Выполнена"), state_of_status("Выполнена", "megaplan"), state_of_status("абв")
    ('done', 'awaiting', 'unknown')
    """
    k = _key(cell_text(value))
    if not k:
        return "unknown"
    over = CRM_OVERRIDES.get(crm, {})
    if k in over:
        return over[k]
    if k in _VOCAB:
        return _VOCAB[k]
    if k in _YES:
        return "done"
    if k in _NO:
        return "open"
    # «Завершена (просрочена)», «Выполнено 27.11»: the first word decides
    first = k.split(" ")[0]
    if first != "не" and first in _VOCAB:
        return over.get(first, _VOCAB[first])
    return "unknown"


def state_of_flag(value: Any) -> str:
    """The state of a done flag («Выполнена: Да/Нет», true/false, «Выполнено»/«Не выполнено»).

    >>> [state_of_flag(v) for v in ("Да", "нет", "true", "FALSE", 1, 0, "Не выполнена", "", "может")]
    ['done', 'open', 'done', 'open', 'done', 'open', 'open', 'unknown', 'unknown']
    """
    if isinstance(value, bool):
        return "done" if value else "open"
    k = _key(cell_text(value))
    if not k:
        return "unknown"
    if k in _YES:
        return "done"
    if k in _NO:
        return "open"
    s = _VOCAB.get(k)
    if s in ("done", "open", "declined"):
        return s
    return "unknown"


# ------------------------------------------------------------------------------------- composite fields

_ELEMENT_RE = re.compile(
    r"(?P<kind>компания|контакт|сделка|лид|заказ|клиент|организация|company|contact|deal|lead)\s*[:\-—]\s*",
    re.IGNORECASE,
)
_KIND = {
    "компания": "company",
    "организация": "company",
    "клиент": "company",
    "company": "company",
    "контакт": "contact",
    "contact": "contact",
    "сделка": "deal",
    "deal": "deal",
    "заказ": "deal",
    "лид": "lead",
    "lead": "lead",
}


def split_crm_elements(value: Any) -> dict[str, str]:
    """The company, deal, contact and lead named in a composite cell (the first of each kind).

    >>> split_crm_elements("Компания: ООО «Ромашка»; Сделка: Поставка №5; Контакт: Андрей Юрьевич")
    {'company': 'ООО «Ромашка»', 'deal': 'Поставка №5', 'contact': 'Андрей Юрьевич'}
    >>> split_crm_elements("Сделка: #4411 Стеллажи, Компания: Вектор")
    {'deal': '#4411 Стеллажи', 'company': 'Вектор'}
    >>> split_crm_elements("")
    {}
    """
    s = cell_text(value)
    if not s:
        return {}
    out: dict[str, str] = {}
    marks = list(_ELEMENT_RE.finditer(s))
    for i, m in enumerate(marks):
        if m.start() and s[m.start() - 1].isalnum():
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(s)
        name = s[m.end() : end].strip().strip(";,|\n").strip()
        kind = _KIND[m.group("kind").lower()]
        if name and kind not in out:
            out[kind] = name
    return out


# ---------------------------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """Which column plays which role (None: the export has none), and the CRM the export looks like."""

    columns: dict[str, str | None]
    crm: str = "auto"
    given: set[str] = field(default_factory=set)

    def has(self, role: str) -> bool:
        return self.columns.get(role) is not None

    @property
    def status_source(self) -> str | None:
        """Which role tells open from done: status, done_flag, closed, or None."""
        for role in ("status", "done_flag", "closed"):
            if self.has(role):
                return role
        return None


_CRM_MARKERS = {
    "bitrix24": ("элементы crm", "постановщик", "ждет контроля", "теги", "наблюдатели", "соисполнители"),
    "megaplan": ("аудиторы", "соисполнители", "дедлайн", "мегаплан", "постановщик"),
    "amocrm": ("тип задачи", "результат", "выполнена", "сделка", "контакт"),
    "1c": ("контрагент", "событие", "срок исполнения", "результат выполнения", "состояние"),
    "retailcrm": ("заказ", "дата и время", "комментарий", "выполнена"),
    "hubspot": ("статус задачи", "связанная компания", "ответственный за задачу", "тип задачи"),
    "pipedrive": ("действие тема", "действие выполнено", "действие срок", "организация название"),
}
_MEGAPLAN_WORDS = {"принята", "назначена", "ждет принятия"}
_BITRIX_WORDS = {"ждет контроля", "ждет выполнения", "почти просрочена"}


def guess_crm(columns: Sequence[str], statuses: Iterable[Any] = ()) -> str:
    """The CRM an export looks like, from its column names and status words (``auto`` when unsure).

    Only Мегаплан reads a status differently («Выполнена» waits for the owner's approval there), so
    the guess matters for it: its own words («Принята», «Назначена») or its column set decide.
    """
    words = {_key(s) for s in statuses if cell_text(s)}
    if words & _BITRIX_WORDS:
        return "bitrix24"
    if words & _MEGAPLAN_WORDS:
        return "megaplan"
    keys = {_key(c) for c in columns}
    scores = {crm: sum(1 for m in marks if _key(m) in keys) for crm, marks in _CRM_MARKERS.items()}
    best = max(scores, key=lambda c: scores[c])
    if best == "megaplan" and "элементы crm" in keys:
        return "bitrix24"
    return best if scores[best] >= 2 else "auto"


def detect_layout(
    columns: Sequence[str], given: dict[str, str | None] | None = None, *, text_column: str, crm: str = "auto"
) -> Layout:
    """Assign the export's columns to roles: a column named on the command line wins, the others are
    found by name; no column is given two roles.

    >>> cols = ["ID", "Тип задачи", "Текст задачи", "Результат", "Ответственный", "Срок выполнения",
    ...         "Выполнена", "Компания", "Дата завершения"]
    >>> lay = detect_layout(cols, text_column="Текст задачи")
    >>> lay.columns["done_flag"], lay.columns["due"], lay.columns["closed"], lay.columns["status"]
    ('Выполнена', 'Срок выполнения', 'Дата завершения', None)
    """
    from taskqual.batch.columns import resolve

    given = {k: v for k, v in (given or {}).items() if v}
    taken = {text_column}
    out: dict[str, str | None] = {"text": text_column}
    for role, name in given.items():
        if role == "text":
            continue
        col = resolve(columns, name, ROLE_NAMES.get(role, ()), role.replace("_", " "), required=True)
        out[role] = col
        taken.add(col)
    for role in _DETECT_ORDER:
        names = ROLE_NAMES[role]
        if role in out:
            continue
        free = [c for c in columns if c not in taken]
        found = find_column(free, names)
        out[role] = found
        if found is not None:
            taken.add(found)
    return Layout(out, crm=crm, given=set(given))


# specific roles first: «Статус сделки» is a stage, not the task's status; «Сделка - Этап» not a deal
_DETECT_ORDER = (
    "id",
    "link",
    "crm_elements",
    "stage",
    "budget",
    "closed",
    "changed",
    "result",
    "done_flag",
    "status",
    "due",
    "manager",
    "company",
    "deal",
    "hot",
)
assert set(_DETECT_ORDER) == set(ROLE_NAMES)


class StatusReader:
    """The state of each row: from the status column, else the done flag, else the closing date.

    A status cell nobody recognises falls back to the done flag or the closing date when the export has
    them, and is ``unknown`` otherwise; :attr:`unknown_values` keeps the most frequent such words for
    the warning.
    """

    def __init__(self, layout: Layout, extra: dict[str, str] | None = None) -> None:
        self.layout = layout
        self.crm = layout.crm
        self.extra = extra or {}  # words given with --open-status / --done-status (keys as _key() makes them)
        self.unknown_values: Counter = Counter()
        self._cache: dict[str, str] = {}

    def settle_crm(self, columns: Sequence[str], statuses: Sequence[Any] | None) -> None:
        """Guess the CRM from the first chunk when the user did not name it."""
        if self.crm == "auto":
            self.crm = guess_crm(columns, statuses or ())
            self.layout.crm = self.crm
            self._cache.clear()

    def states(
        self,
        n: int,
        statuses: Sequence[Any] | None,
        flags: Sequence[Any] | None,
        closed: Sequence[Any] | None,
    ) -> list[str]:
        out = []
        crm = self.crm
        cache = self._cache
        for i in range(n):
            state = "unknown"
            if statuses is not None:
                v = statuses[i]
                known = cache.get(v) if type(v) is str else None
                if known is None:
                    known = self.extra.get(_key(cell_text(v))) or state_of_status(v, crm)
                    if type(v) is str and len(cache) < 10_000:  # CRM status words repeat: read each once
                        cache[v] = known
                state = known
                if state == "unknown" and cell_text(statuses[i]) and len(self.unknown_values) < 1000:
                    self.unknown_values[cell_text(statuses[i])[:40]] += 1
            if state == "unknown" and flags is not None:
                state = state_of_flag(flags[i])
                if state == "unknown" and cell_text(flags[i]) and statuses is None and len(self.unknown_values) < 1000:
                    self.unknown_values[cell_text(flags[i])[:40]] += 1
            if state == "unknown" and closed is not None:
                c = closed[i]
                if isinstance(c, bool):
                    state = "done" if c else "open"
                elif parse_date(c) is not None:
                    state = "done"
                elif not cell_text(c) and statuses is None and flags is None:
                    state = "open"  # only a closing date: an empty one means not closed yet
            out.append(state)
        return out


__all__ = [
    "STATES",
    "FINISHED",
    "NOT_FINISHED",
    "CRMS",
    "ROLE_NAMES",
    "ROLE_FLAGS",
    "Layout",
    "StatusReader",
    "detect_layout",
    "guess_crm",
    "split_crm_elements",
    "state_of_status",
    "state_of_flag",
]
