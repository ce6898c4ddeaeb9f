"""The evening review in numbers: what a head of sales checks before leaving, from a CRM export.

:class:`ReportBuilder` takes scored rows chunk by chunk and keeps counters, one small record per
manager and per company and bounded lists of the tasks behind the numbers, so a report over millions
of rows needs little memory. :func:`build_report` runs the whole thing on a file.

Each row gets a state from :mod:`taskqual.batch.exports` (open, deferred, awaiting approval, done,
declined, unknown): a row whose export does not say whether it is done is ``unknown``, never open.
The sections (see :mod:`taskqual.batch.routines` for the ones built at the end) are: plan for the next
working day, plan vs fact for today, overdue tasks, frozen clients and clients without open tasks, the
hot list, priorities by deal stage and budget, results recorded on closed tasks, load per manager.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import re
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from taskqual.batch.dates import parse_date
from taskqual.batch.exports import FINISHED, NOT_FINISHED, STATES, Layout, StatusReader, split_crm_elements
from taskqual.batch.readers import cell_text
from taskqual.batch.scoring import scored, text_index
from taskqual.batch.tally import NO_MANAGER, company_key, kinds, stage_rank
from taskqual.labels import EMPTY

TOP_WORST = 30
TOP_DELEGABLE_PER_MANAGER = 8
TOP_FLAGGED = 30
TOP_LIST = 300  # tasks kept for a section's table
TASKS_PER_COMPANY = 5
HOT_DAYS = 3


_HOT_RE = re.compile(r"горяч|hot|🔥|высок|high|urgent|срочн|важн|vip|топ\b|приоритетн", re.IGNORECASE)
_WARM_RE = re.compile(r"т[её]пл|warm", re.IGNORECASE)
# a result that closes the door rather than opening it: not a warm lead, however recent
_LOST_RE = re.compile(
    r"отказ|не интерес|неинтерес|не актуальн|неактуальн|не нужн|ненужн|потерян|проигр|купили у|"
    r"у конкурент|нет бюджета|не дозвон|недозвон|не ответил|не берут|закрыли потребность|lost|not interested|declined",
    re.IGNORECASE,
)
_NOT_HOT_RE = re.compile(r"^\s*(?:нет|no|false|0|низк|обычн|средн|normal|low|medium)", re.IGNORECASE)
_ID_RE = re.compile(r"(?:[A-Za-z]{1,3}_)?\d{2,}")
_YES_RE = re.compile(r"^\s*(?:да|yes|true|1)\s*$", re.IGNORECASE)


def is_closed(status: Any) -> bool:
    """True for a status that means the task is finished (done, awaiting approval, cancelled).

    >>> [is_closed(s) for s in ("Завершена", "Выполнена", "Не выполнена", "Ждёт выполнения", "Done", None)]
    [True, True, False, False, True, False]
    """
    from taskqual.batch.exports import state_of_status

    return state_of_status(status) in FINISHED


def parse_amount(value: Any) -> float | None:
    """A budget cell as a number: «1 200 000 ₽», «350000,50», «$12,000», 5e5.

    >>> parse_amount("1 200 000 ₽"), parse_amount("350000,50"), parse_amount("$12,000"), parse_amount("—")
    (1200000.0, 350000.5, 12000.0, None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return None if value != value else float(value)
    s = re.sub(r"[^\d,.\-]", "", str(value))
    if not re.search(r"\d", s):
        return None
    if "," in s and "." not in s:
        head, _, tail = s.rpartition(",")
        s = f"{head.replace(',', '')}.{tail}" if len(tail) <= 2 and s.count(",") == 1 else s.replace(",", "")
    else:
        s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def is_hot(value: Any, column: str = "") -> bool:
    """A tag or priority cell that marks a hot client: «горячий», «Высокий», «🔥», or «Да» in «Важная задача».

    >>> [is_hot(v) for v in ("горячий, опт", "Высокий", "Средний", "Нет", "")], is_hot("Да", "Важная задача")
    ([True, True, False, False, False], True)
    """
    s = cell_text(value)
    if not s or _NOT_HOT_RE.match(s):
        return False
    if _YES_RE.match(s):
        return bool(re.search(r"важн|горяч|приоритет|hot|urgent|important", column, re.IGNORECASE))
    return bool(_HOT_RE.search(s))


def is_warm(value: Any) -> bool:
    """A tag cell that marks a warm lead: «тёплый», «теплый клиент», «warm».

    >>> [is_warm(v) for v in ("тёплый", "Теплый, опт", "warm lead", "горячий", "")]
    [True, True, True, False, False]
    """
    return _warm_text(cell_text(value))


@lru_cache(maxsize=4096)
def _warm_text(s: str) -> bool:  # tag cells repeat: each is read once
    return bool(_WARM_RE.search(s))


@lru_cache(maxsize=65536)
def is_lost(result: str) -> bool:
    """A result that says the client said no («отказались», «купили у конкурента», «не дозвонился»).

    >>> is_lost("Клиент отказался, купили у конкурента"), is_lost("Договорились о встрече 25.11")
    (True, False)
    """
    return bool(_LOST_RE.search(result))


def next_working_day(today: _dt.date) -> _dt.date:
    """The day the plan is for: tomorrow, or Monday after a Friday or a weekend.

    >>> next_working_day(_dt.date(2026, 11, 20)), next_working_day(_dt.date(2026, 11, 18))
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 19))
    """
    d = today + _dt.timedelta(days=1)
    while d.weekday() >= 5:
        d += _dt.timedelta(days=1)
    return d


@dataclass
class _Company:
    name: str
    open: int = 0
    concrete_open: int = 0
    overdue: int = 0
    closed: int = 0
    unknown: int = 0
    hot: bool = False
    owner: str = ""  # the manager of its first task, open or not
    managers: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    example: dict | None = None  # the first open task, or an overdue non-concrete one
    oldest_due: _dt.date | None = None
    nearest_due: _dt.date | None = None  # the earliest due date from today on
    last_closed: _dt.date | None = None
    tasks: list = field(default_factory=list)  # up to TASKS_PER_COMPANY open tasks
    deals: set = field(default_factory=set)
    stage: str = ""
    budget: float | None = None
    warm: set = field(default_factory=set)  # why the client is a warm lead today: closed_today, stage, tag
    warm_manager: str = ""  # the manager of the first task that made it warm
    warm_tasks: list = field(default_factory=list)  # up to TASKS_PER_COMPANY such tasks
    next_step: dict | None = None  # the earliest open concrete task due from today on (or with no due date)


@dataclass
class _Manager:
    name: str
    tasks: int = 0
    flagged: int = 0
    labels: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)
    overdue: int = 0
    overdue_not_concrete: int = 0
    plan_next: int = 0
    plan_next_not_concrete: int = 0
    today: Counter = field(default_factory=Counter)  # due today: done / not_done / cancelled / moved
    closed_done: int = 0
    no_result: int = 0
    delegable_open: int = 0
    delegable: list = field(default_factory=list)  # heap of (confidence, -row, task)

    @property
    def open(self) -> int:
        return sum(self.states[s] for s in NOT_FINISHED)


class _Top:
    """The ``n`` largest items by key, kept in a heap."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.heap: list = []
        self.count = 0
        self._seq = 0

    def push(self, key: tuple, item: dict) -> None:
        self.count += 1
        self._seq -= 1
        entry = (key, self._seq, item)
        if len(self.heap) < self.n:
            heapq.heappush(self.heap, entry)
        elif entry[:2] > self.heap[0][:2]:
            heapq.heapreplace(self.heap, entry)

    def items(self) -> list[dict]:
        return [e[2] for e in sorted(self.heap, key=lambda e: (e[0], e[1]), reverse=True)]


class ReportBuilder:
    """Accumulates scored rows into the report (see :meth:`result` for its shape)."""

    def __init__(
        self,
        *,
        today: _dt.date | None = None,
        layout: Layout | None = None,
        hot_names: set[str] | None = None,
        hot_days: int = HOT_DAYS,
        task_url: str | None = None,
        extra_open: Sequence[str] = (),
        extra_done: Sequence[str] = (),
    ) -> None:
        self.today = today or _dt.date.today()
        self.plan_day = next_working_day(self.today)
        self.layout = layout or Layout({"text": "text"})
        extra = {**{_norm(w): "open" for w in extra_open}, **{_norm(w): "done" for w in extra_done}}
        self.status = StatusReader(self.layout, extra)
        hot = sorted(n.strip() for n in (hot_names or set()) if n.strip())
        self.hot_ids = {n for n in hot if _ID_RE.fullmatch(n)}  # «4411», «CO_12»: found inside client/deal cells
        self.hot_names = {company_key(n): n for n in hot if n not in self.hot_ids}  # key -> as given
        self.hot_ids_found: set[str] = set()
        self.hot_days = hot_days
        self.task_url = task_url
        self.managers: dict[str, _Manager] = {}
        self.companies: dict[str, _Company] = {}
        self.deal_keys: set[str] = set()
        self.worst = _Top(TOP_WORST)
        self.plan_next = _Top(TOP_LIST)
        self.today_not_done = _Top(TOP_LIST)
        self.today_moved = _Top(TOP_LIST)
        self.overdue_tasks = _Top(TOP_LIST)
        self.priorities = _Top(50)
        self.no_result = _Top(TOP_LIST)
        self.flagged: list[dict] = []
        self.budgets = array("d")
        self.rows = 0
        self.bad_dates = 0
        self.states: Counter = Counter()
        self.kinds: Counter = Counter()
        self.company_source = ""  # column, crm_elements, texts
        self.model_version = ""
        self._settled = False
        self.seen_columns: list[str] = []

    # ------------------------------------------------------------------------------------- rows

    def add(
        self,
        *,
        rows: Sequence[int],
        texts: Sequence[str],
        labels: Sequence[str | None],
        confidences: Sequence[float],
        hints: Sequence[str],
        errors: Sequence[str | None],
        found_companies: Sequence[str | None],
        cells: dict[str, Sequence[Any] | None] | None = None,
        columns: Sequence[str] = (),
    ) -> None:
        """Add scored rows; ``cells`` maps a role of :data:`taskqual.batch.exports.ROLE_NAMES` to the
        chunk's values of that column (a role the export lacks is absent or None)."""
        cells = {k: v for k, v in (cells or {}).items() if v is not None}
        n = len(rows)
        if not self._settled:
            self.seen_columns = list(columns) or [c for c in self.layout.columns.values() if c]
            self.status.settle_crm(columns, cells.get("status"))
            self._settled = True
            self.company_source = (
                "column" if "company" in cells else "crm_elements" if "crm_elements" in cells else "texts"
            )
        states = self.status.states(n, cells.get("status"), cells.get("done_flag"), cells.get("closed"))
        today, plan_day = self.today, self.plan_day
        get = cells.get
        c_manager, c_company, c_elements, c_deal = get("manager"), get("company"), get("crm_elements"), get("deal")
        c_due, c_closed, c_id, c_link, c_result = get("due"), get("closed"), get("id"), get("link"), get("result")
        c_stage, c_budget, c_changed = get("stage"), get("budget"), get("changed")
        hot_col = self.layout.columns.get("hot") or ""
        for i, row in enumerate(rows):
            self.rows += 1
            label = labels[i]
            error = errors[i]
            state = states[i]
            self.states[state] += 1
            manager_name = (cell_text(c_manager[i]) if c_manager is not None else "") or NO_MANAGER
            m = self.managers.get(manager_name)
            if m is None:
                m = self.managers[manager_name] = _Manager(manager_name)
            m.tasks += 1
            m.states[state] += 1
            empty = error is not None and "EmptyTaskError" in error
            kind = EMPTY.id if empty else label
            if kind is not None:
                m.labels[kind] += 1
                self.kinds[kind] += 1
            elif error is not None:
                m.flagged += 1
                if len(self.flagged) < TOP_FLAGGED:
                    tid = cell_text(c_id[i]) if c_id is not None else None
                    self.flagged.append(
                        {
                            "row": row,
                            "id": tid or None,
                            "link": None,
                            "manager": manager_name,
                            "text": texts[i],
                            "error": error,
                        }
                    )
            due = None
            if c_due is not None:
                due = parse_date(c_due[i])
                if due is None and cell_text(c_due[i]):
                    self.bad_dates += 1
            # the client: its column, else a composite «Элементы CRM», else (no such column at all) the name
            # the library found in a company-only task
            cname = cell_text(c_company[i]) if c_company is not None else ""
            deal = cell_text(c_deal[i]) if c_deal is not None else ""
            if c_elements is not None and (not cname or not deal):
                parts = split_crm_elements(c_elements[i])
                cname = cname or parts.get("company") or parts.get("contact") or parts.get("lead", "")
                deal = deal or parts.get("deal", "")
            if not cname and self.company_source == "texts" and label == "company_only":
                cname = found_companies[i] or ""
            concrete = label == "concrete"
            is_open = state == "open"
            overdue_days = (today - due).days if (is_open and due is not None and due < today) else 0
            result = cell_text(c_result[i]) if c_result is not None else ""
            no_result = state in ("done", "awaiting") and c_result is not None and not result
            warm = self._warm(i, state, due, concrete, result, cells) if cname else ()
            if state in FINISHED and due != today and not no_result and not warm:
                task: dict = {}  # a finished task appears in no list: skip building its record
            else:
                task = {
                    "row": row,
                    "id": cell_text(c_id[i]) if c_id is not None else None,
                    "link": self._link(
                        c_link[i] if c_link is not None else None, c_id[i] if c_id is not None else None
                    ),
                    "manager": manager_name,
                    "text": texts[i],
                    "label": kind,
                    "confidence": confidences[i],
                    "hint": hints[i] if kind != EMPTY.id else "Напишите, что сделать и какой результат получить.",
                    "company": cname or None,
                    "deal": deal or None,
                    "due": due.isoformat() if due else None,
                    "state": state,
                }
                if c_result is not None:
                    task["result"] = result or None
            if overdue_days and task:
                task["overdue_days"] = overdue_days
            # ---- sections, row by row
            if state in NOT_FINISHED and label == "delegable":
                m.delegable_open += 1
                item = (confidences[i], -row, task)
                if len(m.delegable) < TOP_DELEGABLE_PER_MANAGER:
                    heapq.heappush(m.delegable, item)
                elif item[:2] > m.delegable[0][:2]:
                    heapq.heapreplace(m.delegable, item)
            if is_open:
                if overdue_days:
                    m.overdue += 1
                    if not concrete:
                        m.overdue_not_concrete += 1
                    self.overdue_tasks.push((overdue_days, not concrete, -row), task)
                if not concrete and kind is not None:
                    self.worst.push((overdue_days, confidences[i], -row), task)
                if not concrete and (c_stage is not None or c_budget is not None):
                    budget = parse_amount(c_budget[i]) if c_budget is not None else None
                    stage = cell_text(c_stage[i]) if c_stage is not None else ""
                    rank = stage_rank(stage) if stage else 1
                    if budget is not None:
                        self.budgets.append(budget)
                    if rank and (stage or budget is not None):
                        self.priorities.push(
                            (rank, budget or 0.0, overdue_days, -row),
                            {**task, "stage": stage or None, "budget": budget},
                        )
            if (is_open or state == "unknown") and due is not None and today < due <= plan_day:
                m.plan_next += 1
                if not concrete:
                    m.plan_next_not_concrete += 1
                self.plan_next.push((not concrete, kind == EMPTY.id, confidences[i], -row), task)
            if due == today:
                if state in ("done", "awaiting"):
                    m.today["done"] += 1
                elif state == "open":
                    m.today["not_done"] += 1
                    self.today_not_done.push((not concrete, -row), task)
                elif state in ("declined", "deferred"):
                    m.today["cancelled"] += 1
                else:
                    m.today["unknown"] += 1
            elif (
                is_open
                and due is not None
                and due > today
                and c_changed is not None
                and parse_date(c_changed[i]) == today
            ):
                m.today["moved"] += 1
                self.today_moved.push((-row,), task)
            if state in ("done", "awaiting"):
                m.closed_done += 1
                if no_result:
                    m.no_result += 1
                    self.no_result.push((-row,), task)
            # ---- the company
            if deal:
                self.deal_keys.add(company_key(deal))
            if cname:
                self._company(
                    cname, deal, task, row=i, cells=cells, hot_col=hot_col, closed=c_closed, warm=warm,
                    kind=kind, state=state, due=due, overdue_days=overdue_days, concrete=concrete,
                    manager=manager_name,
                )  # fmt: skip

    def _warm(self, i: int, state: str, due: Any, concrete: bool, result: str, cells: dict) -> tuple[str, ...]:
        """Why this row makes its client a warm lead today (see :func:`taskqual.batch.routines.warm`)."""
        today = self.today
        out = []
        if state in ("done", "awaiting"):
            closed, changed = cells.get("closed"), cells.get("changed")
            if closed is not None:
                finished_today = parse_date(closed[i]) == today
            elif changed is not None:
                finished_today = parse_date(changed[i]) == today
            else:
                finished_today = due == today
            if finished_today and ((result and not is_lost(result)) if "result" in cells else concrete):
                out.append("closed_today")
        stage, changed = cells.get("stage"), cells.get("changed")
        if stage is not None and changed is not None and parse_date(changed[i]) == today:
            name = cell_text(stage[i])
            if name and stage_rank(name) == 3:
                out.append("stage")
        hot = cells.get("hot")
        if hot is not None and is_warm(hot[i]):
            out.append("tag")
        return tuple(out)

    def _company(
        self,
        cname: str,
        deal: str,
        task: dict[str, Any],
        *,
        row: int,
        cells: dict[str, Any],
        hot_col: str,
        closed: Any,
        warm: tuple[str, ...],
        kind: str | None,
        state: str,
        due: Any,
        overdue_days: int,
        concrete: bool,
        manager: str,
    ) -> None:
        """Add one task row to its client's tally (``row`` indexes the chunk's columns in ``cells``)."""
        key = company_key(cname)
        c = self.companies.get(key)
        if c is None:
            c = self.companies[key] = _Company(cname, hot=key in self.hot_names)
        if warm:
            c.warm.update(warm)
            c.warm_manager = c.warm_manager or manager
            if len(c.warm_tasks) < TASKS_PER_COMPANY:
                c.warm_tasks.append({**task, "reasons": list(warm)})
        c.labels[kind or "error"] += 1
        c.owner = c.owner or manager
        if deal:
            if len(c.deals) < 20:
                c.deals.add(deal)
            if company_key(deal) in self.hot_names:
                c.hot = True
        hot = cells.get("hot")
        if hot is not None and is_hot(hot[row], hot_col):
            c.hot = True
        if self.hot_ids:
            found = self.hot_ids.intersection(_ID_RE.findall(f"{cname} {deal}"))
            if found:
                c.hot = True
                self.hot_ids_found |= found
        stage = cells.get("stage")
        if stage is not None and cell_text(stage[row]) and not c.stage:
            c.stage = cell_text(stage[row])
        budget = cells.get("budget")
        if budget is not None:
            b = parse_amount(budget[row])
            if b is not None and (c.budget is None or b > c.budget):
                c.budget = b
        if state in FINISHED:
            c.closed += 1
            if closed is not None:
                d = parse_date(closed[row])
                if d is not None and (c.last_closed is None or d > c.last_closed):
                    c.last_closed = d
            return
        if state == "unknown":
            c.unknown += 1
            return
        c.open += 1
        c.concrete_open += concrete
        c.managers[manager] += 1
        if overdue_days:
            c.overdue += 1
        if due is not None:
            if c.oldest_due is None or due < c.oldest_due:
                c.oldest_due = due
            if due >= self.today and (c.nearest_due is None or due < c.nearest_due):
                c.nearest_due = due
        if c.example is None or (not concrete and overdue_days and not c.example.get("overdue_days")):
            c.example = task
        if state == "open" and concrete and (due is None or due >= self.today):
            best = c.next_step
            if best is None or (due is not None and (best["due"] is None or due.isoformat() < best["due"])):
                c.next_step = task
        if len(c.tasks) < TASKS_PER_COMPANY:
            c.tasks.append(task)

    def _link(self, link: Any, task_id: Any) -> str | None:
        s = cell_text(link)
        if s.startswith(("http://", "https://")):
            return s
        tid = cell_text(task_id)
        if self.task_url and tid:
            return self.task_url.replace("{id}", tid)
        return None

    # ----------------------------------------------------------------------------------- result

    def result(self, companies_file: list[dict] | None = None) -> dict[str, Any]:
        """The report as plain JSON-ready data (every figure of the page is here)."""
        from taskqual.batch import routines

        return routines.assemble(self, companies_file)


def _norm(s: str) -> str:
    from taskqual.batch.columns import _key

    return _key(s)


def _companies_of(company: int | None, elements: int | None) -> Callable[[Any], list[str | None]] | None:
    """The company each row of a chunk names in the export (its company column, else the «Компания:»
    part of a composite «Элементы CRM» cell), so that hints name the CRM's company, not a word of the
    text; None when the export has neither column."""
    if company is None and elements is None:
        return None

    def of(chunk: Any) -> list[str | None]:
        names = [cell_text(v) for v in chunk.column(company)] if company is not None else [""] * len(chunk)
        if elements is not None:
            cells = chunk.column(elements)
            names = [n or split_crm_elements(cells[i]).get("company", "") for i, n in enumerate(names)]
        return [n or None for n in names]

    return of


def build_report(
    input_path: str,
    *,
    text_column: str | None = None,
    columns: dict[str, str | None] | None = None,
    crm: str = "auto",
    today: Any = None,
    hot_file: str | None = None,
    hot_days: int = HOT_DAYS,
    companies_file: str | None = None,
    task_url: str | None = None,
    open_statuses: Sequence[str] = (),
    done_statuses: Sequence[str] = (),
    encoding: str | None = None,
    delimiter: str | None = None,
    input_format: str | None = None,
    sheet: str | None = None,
    jobs: int = 1,
    model: Any = None,
    model_path: str | None = None,
    chunk_rows: int | None = None,
    show_progress: bool = False,
) -> dict[str, Any]:
    """Score ``input_path`` and compute the head-of-sales report (see :class:`ReportBuilder`).

    ``columns`` names columns by role («manager», «due», «status», «done_flag», «closed», «company»,
    «id», «result», …; see :data:`taskqual.batch.exports.ROLE_FLAGS`); the others are detected.
    """
    from taskqual.batch.exports import detect_layout
    from taskqual.batch.lists import read_companies, read_names
    from taskqual.batch.progress import Progress
    from taskqual.batch.readers import DEFAULT_CHUNK_ROWS, open_source

    hot_names = read_names(hot_file) if hot_file else set()
    company_list = read_companies(companies_file) if companies_file else None
    with open_source(
        input_path,
        fmt=input_format,
        encoding=encoding,
        delimiter=delimiter,
        chunk_rows=chunk_rows or DEFAULT_CHUNK_ROWS,
        sheet=sheet,
    ) as source:
        _, text_name = text_index(source, text_column)
        cols = list(source.columns)
        layout = detect_layout(cols, columns, text_column=text_name, crm=crm)
        idx = {role: cols.index(name) for role, name in layout.columns.items() if name and role != "text"}
        builder = ReportBuilder(
            today=today or _dt.date.today(),
            layout=layout,
            hot_names=hot_names,
            hot_days=hot_days,
            task_url=task_url,
            extra_open=open_statuses,
            extra_done=done_statuses,
        )
        t_idx = cols.index(text_name)
        companies_of = _companies_of(idx.get("company"), idx.get("crm_elements"))
        with Progress(show_progress, "report") as progress:
            batches = scored(
                source,
                text_name,
                jobs=jobs,
                model=model,
                model_path=model_path,
                progress=progress,
                companies_of=companies_of,
            )
            for chunk, sc in batches:
                col = chunk.column
                builder.add(
                    rows=range(chunk.start, chunk.start + len(chunk)),
                    texts=["" if v is None else str(v) for v in col(t_idx)],
                    labels=sc.label,
                    confidences=sc.confidence,
                    hints=sc.hint,
                    errors=sc.error,
                    found_companies=sc.company,
                    cells={role: col(j) for role, j in idx.items()},
                    columns=cols,
                )
        source.check_unchanged()  # rewritten or cut while read: fail rather than report part of it
        result = builder.result(company_list)
        result["input"] = {
            "path": input_path,
            "format": source.format,
            "encoding": source.encoding,
            "delimiter": source.delimiter,
            "seconds": round(progress.elapsed, 3),
            "crm": builder.status.crm,
            "columns": {role: name for role, name in layout.columns.items()},
            "seen_columns": cols,
        }
        from taskqual import __version__

        result["taskqual_version"] = __version__
    return result


__all__ = [
    "ReportBuilder",
    "build_report",
    "is_closed",
    "is_hot",
    "is_warm",
    "is_lost",
    "parse_date",
    "parse_amount",
    "stage_rank",
    "company_key",
    "next_working_day",
    "NO_MANAGER",
    "STATES",
    "kinds",
]
