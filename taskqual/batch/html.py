"""Render the report as one self-contained HTML page: inline CSS, inline SVG charts, a few lines of
JavaScript for sortable tables, and nothing fetched from the network.

Every figure shown is taken from the report's JSON and carries ``data-figure="totals.open"`` (the
JSON path), so a test can check the page against the numbers. The page fits 1280 px and prints on A4.
"""

from __future__ import annotations

import datetime as _dt
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from taskqual import labels
from taskqual.batch.routines import OVERLOAD, UNDERLOAD
from taskqual.batch.russian import WEEKDAYS, agree, count, date_ru, day_ru, number, of
from taskqual.batch.tally import NO_MANAGER, kinds

OVERDUE_COLOR = "#8e24aa"
ROLE_NAMES_RU = {
    "text": "текст задачи",
    "id": "номер",
    "link": "ссылка",
    "manager": "ответственный",
    "company": "клиент",
    "crm_elements": "элементы CRM",
    "deal": "сделка",
    "due": "срок",
    "status": "статус",
    "done_flag": "отметка о выполнении",
    "closed": "дата закрытия",
    "result": "результат",
    "hot": "теги/приоритет",
    "stage": "стадия сделки",
    "budget": "бюджет",
    "changed": "дата изменения",
}
CRM_NAMES = {
    "auto": "не определена",
    "amocrm": "amoCRM",
    "bitrix24": "Битрикс24",
    "megaplan": "Мегаплан",
    "1c": "1С",
    "retailcrm": "RetailCRM",
    "hubspot": "HubSpot",
    "pipedrive": "Pipedrive",
}
_LABEL_W, _BAR_W, _ROW_H = 150, 250, 26


def _kind(kind: str) -> labels.Label:
    return labels.EMPTY if kind == labels.EMPTY.id else labels.get(kind)


def label_name(kind: str) -> str:
    """The labeling guide's Russian name of a label (or «пустая задача»); an unknown id is shown as is."""
    try:
        return _kind(kind).long_name_ru
    except KeyError:
        return kind


def label_css() -> str:
    """CSS for every label of the registry in use: a ``--id`` colour, its tag and its KPI card."""
    rules = []
    for label in (*labels.registry(), labels.EMPTY):
        i = label.id
        rules.append(
            f":root {{ --{i}:{label.color}; }} .tag.{i} {{ background:var(--{i}); color:{label.text_color}; }} "
            f".kpi.{i} {{ border-top-color:var(--{i}); }}"
        )
    return "\n".join(rules)


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _fig(path: str, value: Any, text: str | None = None) -> str:
    """A figure of the JSON on the page: ``value`` shown (or ``text``), tagged with its JSON path."""
    shown = text if text is not None else ("—" if value is None else number(value))
    return f'<span data-figure="{_e(path)}" data-value="{_e("" if value is None else value)}">{_e(shown)}</span>'


# ------------------------------------------------------------------------------------------ charts


def _svg(height: int, body: str, title: str) -> str:
    width = _LABEL_W + _BAR_W + 60
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{_e(title)}"><title>{_e(title)}</title>{body}</svg>'
    )


def _name_cell(y: float, name: str) -> str:
    short = name if len(name) <= 22 else name[:21] + "…"
    return f'<text x="{_LABEL_W - 8}" y="{y}" text-anchor="end" dominant-baseline="middle">{_e(short)}</text>'


def chart_concrete(managers: list[dict], team_share: float) -> str:
    rows = sorted(managers, key=lambda m: -m["shares"]["concrete"])
    h = len(rows) * _ROW_H + 30
    parts = []
    for i, m in enumerate(rows):
        y = 10 + i * _ROW_H
        s = m["shares"]["concrete"]
        parts.append(_name_cell(y + 9, m["manager"]))
        parts.append(f'<rect x="{_LABEL_W}" y="{y}" width="{_BAR_W}" height="18" fill="#eef2f6" rx="2"/>')
        parts.append(
            f'<rect class="bar-concrete" x="{_LABEL_W}" y="{y}" width="{round(s * _BAR_W, 1)}" height="18" '
            f'fill="{labels.get("concrete").color}" rx="2"><title>{_e(m["manager"])}: {_pct(s)} '
            f"({m['labels']['concrete']} из {m['scored']})</title></rect>"
        )
        parts.append(f'<text x="{_LABEL_W + _BAR_W + 6}" y="{y + 9}" dominant-baseline="middle">{_pct(s)}</text>')
    x = _LABEL_W + round(team_share * _BAR_W, 1)
    parts.append(f'<line x1="{x}" x2="{x}" y1="4" y2="{h - 18}" stroke="#102a43" stroke-dasharray="4 3"/>')
    parts.append(f'<text class="muted" x="{x}" y="{h - 5}" text-anchor="middle">в среднем {_pct(team_share)}</text>')
    return _svg(h, "".join(parts), "Доля конкретных задач по менеджерам")


def chart_labels(managers: list[dict]) -> str:
    h = len(managers) * _ROW_H + 14
    parts = []
    for i, m in enumerate(managers):
        y = 6 + i * _ROW_H
        parts.append(_name_cell(y + 9, m["manager"]))
        x = float(_LABEL_W)
        for lb in kinds():
            s = m["shares"][lb]
            w = s * _BAR_W
            if w <= 0:
                continue
            parts.append(
                f'<rect class="bar-{lb}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" fill="{_kind(lb).color}">'
                f"<title>{_e(m['manager'])} — {label_name(lb)}: {m['labels'][lb]} ({_pct(s)})</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{_LABEL_W + _BAR_W + 6}" y="{y + 9}" dominant-baseline="middle" class="muted">'
            f"{m['scored']}</text>"
        )
    legend = "".join(f'<span><i style="background:{_kind(lb).color}"></i>{label_name(lb)}</span>' for lb in kinds())
    return _svg(h, "".join(parts), "Постановка задач у каждого менеджера") + f'<p class="legend">{legend}</p>'


def chart_overdue(managers: list[dict]) -> str:
    rows = sorted(managers, key=lambda m: -(m["overdue"] or 0))
    top = max([m["overdue"] or 0 for m in rows] + [1])
    h = len(rows) * _ROW_H + 14
    parts = []
    for i, m in enumerate(rows):
        y = 6 + i * _ROW_H
        n = m["overdue"] or 0
        w = round(n / top * _BAR_W, 1)
        parts.append(_name_cell(y + 9, m["manager"]))
        parts.append(
            f'<rect class="bar-overdue" x="{_LABEL_W}" y="{y}" width="{w}" height="18" fill="{OVERDUE_COLOR}" '
            f'rx="2"><title>{_e(m["manager"])}: просрочено {n} из {m["open"]} открытых</title></rect>'
        )
        parts.append(f'<text x="{_LABEL_W + w + 6}" y="{y + 9}" dominant-baseline="middle">{n}</text>')
    return _svg(h, "".join(parts), "Просроченные открытые задачи по менеджерам")


# ------------------------------------------------------------------------------------------ tables


def _table(headers: list[tuple[str, str]], rows: list[list[tuple[str, Any]]], empty: str, cls: str = "") -> str:
    """headers: (title, css class); rows: cells as (html, sort key or None)."""
    if not rows:
        return f'<p class="note empty">{_e(empty)}</p>'
    head = "".join(f'<th class="{c}" scope="col">{_e(t)}</th>' for t, c in headers)
    body = []
    for row in rows:
        cells = []
        for (html, sort), (_, c) in zip(row, headers):
            attr = f' data-sort="{_e(sort)}"' if sort is not None else ""
            cells.append(f'<td class="{c}"{attr}>{html}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="sortable {cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _text(value: Any, limit: int = 160) -> str:
    """A task text for a table cell: long pasted texts are cut, the whole text stays in the tooltip."""
    s = "" if value is None else str(value)
    if not s.strip():
        return '<i class="note">пусто</i>'
    if len(s) <= limit:
        return _e(s)
    return f'<span title="{_e(s[:2000])}">{_e(s[: limit - 1])}…</span>'


def _tag(label: str | None) -> str:
    if label is None:
        return '<span class="tag error">не оценена</span>'
    return f'<span class="tag {label}">{_e(label_name(label))}</span>'


def _ref(task: dict) -> str:
    """«№ 48213» (a link when the export has one), else «строка 17»."""
    if task.get("id"):
        label = f"№\u00a0{_e(task['id'])}"
        if task.get("link"):
            return f'<a href="{_e(task["link"])}">{label}</a>'
        return label
    return f"строка\u00a0{task['row']}"


def _task_cell(task: dict) -> str:
    return f'<span class="ref">{_ref(task)}</span> {_text(task.get("text"))}'


def _date(iso: str | None, today: _dt.date) -> str:
    return date_ru(iso, today) if iso else "—"


def _tasks_table(tasks: list[dict], today: _dt.date, empty: str, *, due: bool = True, overdue: bool = False) -> str:
    headers = [("Задача", "task"), ("Менеджер", "who"), ("Клиент", "who")]
    headers += [("Срок", "date")] if due else []
    headers += [("Дней просрочки", "num")] if overdue else []
    headers += [("Постановка", ""), ("Что дописать", "hint")]
    rows = []
    for t in tasks:
        row: list[tuple[str, Any]] = [
            (_task_cell(t), None),
            (_e(t["manager"]), None),
            (_e(t.get("company") or "—"), None),
        ]
        if due:
            row.append((_date(t.get("due"), today), t.get("due") or ""))
        if overdue:
            row.append((str(t.get("overdue_days", 0)), t.get("overdue_days", 0)))
        row += [(_tag(t["label"]), t["label"] or ""), (_e(t["hint"] if t["label"] != "concrete" else ""), None)]
        rows.append(row)
    return _table(headers, rows, empty)


def _shown(total: int | None, shown: int) -> str:
    if total is not None and total > shown:
        return f" Показаны первые {shown}."
    return ""


def _section(sid: str, title: str, note: str, body: str) -> str:
    """One section of the page: its anchor, heading (HTML), note paragraph (HTML) and body, or the note
    alone when the export lacks what the section needs."""
    return f'<section id="{sid}"><h2>{title}</h2><p class="note">{note}</p>{body}</section>'


# ---------------------------------------------------------------------------------------- sections


def warnings_block(report: dict) -> str:
    ws = report.get("warnings") or []
    if not ws:
        return ""
    items = "".join(
        f'<li data-warning="{_e(w["code"])}"><b>{_e(w["text"])}</b><br>Что исправить: {_e(w["fix"])}.'
        f'<br><span class="note">Столбцы в файле: {_e(w["columns"])}</span></li>'
        for w in ws
    )
    return f'<section id="warnings" class="warn"><h2>Что не так с выгрузкой</h2><ul>{items}</ul></section>'


def plan_section(report: dict, today: _dt.date) -> str:
    t = report["totals"]
    plan_day = _dt.date.fromisoformat(report["plan_day"])
    title = f"План на {day_ru(plan_day, today)}"
    if t["plan_next"] is None:
        return _section("plan", title, "В выгрузке нет срока задачи: плана не видно.", "")
    headers = [("Менеджер", "who"), ("Задач в плане", "num"), ("Из них неконкретных", "num")]
    rows = [
        [
            (_e(m["manager"]), None),
            (_fig(f"managers.{i}.plan_next", m["plan_next"]), m["plan_next"]),
            (_fig(f"managers.{i}.plan_next_not_concrete", m["plan_next_not_concrete"]), m["plan_next_not_concrete"]),
        ]
        for i, m in enumerate(report["managers"])
        if m["plan_next"]
    ]
    note = (
        f"{_fig('totals.plan_next', t['plan_next'])} {agree(t['plan_next'], 'задача')} на следующий рабочий день, "
        f"из них {_fig('totals.plan_next_not_concrete', t['plan_next_not_concrete'])} неконкретных — "
        "их стоит вернуть менеджерам сегодня вечером с подсказкой, что дописать."
        + _shown(t["plan_next"], len(report["plan_next"]))
    )
    body = (
        f'<div class="mini">{_table(headers, rows, "Никто ничего не запланировал.")}</div>'
        f'<div class="scroll">{_tasks_table(report["plan_next"], today, "На этот день задач нет.")}</div>'
    )
    return _section("plan", _e(title), note, body)


def today_section(report: dict, today: _dt.date) -> str:
    t = report["totals"]
    title = f"План и факт за сегодня, {date_ru(today, today)}"
    if t["today_due"] is None:
        return _section("today", _e(title), "В выгрузке нет срока задачи: план-факт не посчитать.", "")
    moved_known = t["today_moved"] is not None
    headers = [
        ("Менеджер", "who"),
        ("Срок сегодня", "num"),
        ("Выполнено", "num"),
        ("Не выполнено", "num"),
        ("Отменено или отложено", "num"),
    ]
    headers += [("Перенесено на потом", "num")] if moved_known else []
    rows = []
    for i, m in enumerate(report["managers"]):
        d = m["today"]
        if not d["due"] and not d["moved"]:
            continue
        row = [(_e(m["manager"]), None), (_fig(f"managers.{i}.today.due", d["due"]), d["due"])]
        for k in ("done", "not_done", "cancelled") + (("moved",) if moved_known else ()):
            row.append((_fig(f"managers.{i}.today.{k}", d[k]), d[k]))
        rows.append(row)
    note = (
        f"Со сроком на сегодня {_fig('totals.today_due', t['today_due'])} {agree(t['today_due'], 'задача')}: "
        f"выполнено {_fig('totals.today_done', t['today_done'])}, не выполнено "
        f"{_fig('totals.today_not_done', t['today_not_done'])}, отменено или отложено "
        f"{_fig('totals.today_cancelled', t['today_cancelled'])}."
    )
    if moved_known:
        note += (
            f" Перенесено сегодня на более поздний срок: {_fig('totals.today_moved', t['today_moved'])} "
            "(открытые задачи со сроком позже сегодняшнего, изменённые сегодня)."
        )
    else:
        note += " Переносы не видны: в выгрузке нет даты изменения задачи (--changed-column)."
    body = '<div class="mini">' + _table(headers, rows, "На сегодня задач не было.") + "</div>"
    body += "<h3>Не выполнено сегодня</h3>" + _tasks_table(report["today_not_done"], today, "Всё выполнено.", due=False)
    if moved_known and report["today_moved"]:
        body += "<h3>Перенесено сегодня</h3>" + _tasks_table(report["today_moved"], today, "")
    return _section("today", _e(title), note, body)


WARM_REASONS = {
    "closed_today": "задача закрыта сегодня с результатом",
    "stage": "сделка на поздней стадии, задача изменена сегодня",
    "tag": "тег «тёплый»",
}


def _warm_event(task: dict, today: _dt.date) -> str:
    """One task that made a client warm: its reference, what happened, the result or the text."""
    why = "; ".join(WARM_REASONS[r] for r in task.get("reasons", []))
    what = task.get("result") if "closed_today" in task.get("reasons", []) and task.get("result") else task.get("text")
    return f'<li><span class="ref">{_ref(task)}</span> {_e(why)}: {_text(what, 120)}</li>'


def warm_section(report: dict, today: _dt.date) -> str:
    """Warm leads of the day (see :func:`taskqual.batch.routines.warm`)."""
    warm = report.get("warm")
    title = f"Тёплые клиенты дня, {date_ru(today, today)}"
    src = report.get("warm_from")
    if warm is None or src is None:
        return _section(
            "warm",
            _e(title),
            "Не видно, что сдвинулось сегодня: в выгрузке нет ни статуса с датой закрытия, изменения или сроком, "
            "ни стадии сделки с датой изменения, ни тегов (--closed-column, --changed-column, --stage-column, "
            "--hot-column).",
            "",
        )
    t = report["totals"]
    note = (
        f"Клиенты, которые сегодня продвинулись к покупке: {_fig('totals.warm_clients', t['warm_clients'])}; "
        f"без следующего конкретного шага — {_fig('totals.warm_without_next_step', t['warm_without_next_step'])}: "
        "попросите менеджера сегодня же поставить конкретную задачу (встреча, счёт, решение), пока клиент тёплый."
    )
    unseen = []
    if src["closed_today"] is None:
        unseen.append("закрытые сегодня задачи (нет статуса)")
    elif src["closed_today"] == "due":
        note += " «Закрыта сегодня» — по сроку: в выгрузке нет даты закрытия (--closed-column)."
    if not src["stage"]:
        unseen.append("движение сделок (нужны стадия и дата изменения: --stage-column, --changed-column)")
    if not src["tag"]:
        unseen.append("теги («тёплый»: --hot-column)")
    if unseen:
        note += " Не видны: " + "; ".join(unseen) + "."
    per = [
        [
            (_e(m["manager"]), None),
            (_fig(f"managers.{i}.warm_clients", m["warm_clients"]), m["warm_clients"]),
            (_fig(f"managers.{i}.warm_without_next_step", m["warm_without_next_step"]), m["warm_without_next_step"]),
        ]
        for i, m in enumerate(report["managers"])
        if m["warm_clients"]
    ]
    rows = []
    for w in warm:
        events = "".join(_warm_event(x, today) for x in w["tasks"])
        step = w.get("next_step")
        if step:
            next_cell = f"{_date(step.get('due'), today)}: {_task_cell(step)}"
        else:
            next_cell = '<b class="flag">нет конкретного шага</b>'
        stage = w.get("stage") or "—"
        if w.get("budget") is not None:
            stage += f", {number(w['budget'])}"
        rows.append(
            [
                (_e(w["company"]), None),
                (_e(w.get("manager") or "—"), None),
                (f"<ul class='tasks'>{events}</ul>", None),
                (_e(stage), None),
                (next_cell, int(not w["no_next_step"])),
            ]
        )
    body = (
        '<div class="mini">'
        + _table(
            [("Менеджер", "who"), ("Тёплых клиентов", "num"), ("Без следующего шага", "num")],
            per,
            "Сегодня тёплых клиентов нет.",
        )
        + "</div>"
    )
    if warm:
        body += _table(
            [
                ("Клиент", "who"),
                ("Менеджер", "who"),
                ("Что произошло сегодня", "task"),
                ("Стадия, бюджет", ""),
                ("Следующий шаг", "task"),
            ],
            rows,
            "",
        )
    return _section("warm", _e(title), note, body)


def overdue_section(report: dict, today: _dt.date) -> str:
    t = report["totals"]
    if t["overdue"] is None:
        why = "нет срока задачи" if t["plan_next"] is None else "не видно, какие задачи выполнены"
        return _section("overdue", "Просроченные задачи", f"Просрочку не посчитать: в выгрузке {why}.", "")
    note = (
        f"Открытых задач со сроком раньше сегодняшнего: {_fig('totals.overdue', t['overdue'])} из "
        f"{_fig('totals.open', t['open'])} {of(t['open'], 'открытая')}, из них неконкретных "
        f"{_fig('totals.overdue_not_concrete', t['overdue_not_concrete'])}. Сначала самые давние."
        + _shown(t["overdue"], len(report["overdue_tasks"]))
    )
    chart = chart_overdue(report["managers"]) if report["managers"] else ""
    body = (
        f'<div class="mini">{chart}</div><div class="scroll">'
        f"{_tasks_table(report['overdue_tasks'], today, 'Просроченных задач нет.', overdue=True)}</div>"
    )
    return _section("overdue", "Просроченные задачи", note, body)


def _clients_table(clients: list[dict], today: _dt.date, empty: str, *, open_: bool = True) -> str:
    headers = [("Клиент", "who"), ("Менеджер", "who")]
    if open_:
        headers += [
            ("Открытых задач", "num"),
            ("Просрочено", "num"),
            ("Самый ранний срок", "date"),
            ("Пример задачи", "task"),
            ("Что сделать", "hint"),
        ]
    else:
        headers += [("Закрытых задач", "num"), ("Последняя закрыта", "date")]
    rows = []
    for c in clients:
        row: list[tuple[str, Any]] = [(_e(c["company"]), None), (_e(c["manager"] or "—"), None)]
        if open_:
            ex = {"row": c["example_row"], "id": c["example_id"], "link": c["example_link"], "text": c["example"]}
            row += [
                (str(c["open_tasks"]), c["open_tasks"]),
                (str(c["overdue"] if c["overdue"] is not None else "—"), c["overdue"] or 0),
                (_date(c["oldest_due"], today), c["oldest_due"] or ""),
                (_task_cell(ex), None),
                (_e(c["hint"]), None),
            ]
        else:
            row += [
                (str(c["closed_tasks"]), c["closed_tasks"]),
                (_date(c["last_closed"], today), c["last_closed"] or ""),
            ]
        rows.append(row)
    return _table(headers, rows, empty)


def clients_section(report: dict, today: _dt.date) -> str:
    t = report["totals"]
    if t["frozen_clients"] is None:
        return _section("frozen", "Замерзающие клиенты", "Не посчитать: не видно, какие задачи открыты.", "")
    src = {
        "column": "",
        "crm_elements": " Клиент взят из поля «Элементы CRM».",
        "texts": " Клиенты угаданы по текстам задач: в выгрузке нет столбца клиента.",
    }[report["company_source"]]
    note = (
        f"У {_fig('totals.frozen_clients', t['frozen_clients'])} из {_fig('totals.companies', t['companies'])} "
        f"{of(t['companies'], 'клиент')} все открытые задачи неконкретные: их откладывают день за днём."
        + src
        + _shown(t["frozen_clients"], len(report["frozen_clients"]))
    )
    body = _clients_table(report["frozen_clients"], today, "Замерзающих клиентов нет.")
    n = t["companies_without_open_tasks"]
    body += (
        f'<h3 id="without-open">Клиенты без открытых задач: {_fig("totals.companies_without_open_tasks", n)}</h3>'
        '<p class="note">Все задачи по клиенту закрыты, следующего шага нет. Сначала те, где последняя задача '
        "закрыта давно.</p>" + _clients_table(report["without_open_tasks"], today, "Таких клиентов нет.", open_=False)
    )
    cf = report.get("companies_file")
    if cf is not None:
        rows = [
            [
                (_e(e["name"]), None),
                (_e(e.get("manager") or "—"), None),
                (_e(e.get("stage") or "—"), None),
                (_e(e.get("budget") or "—"), None),
            ]
            for e in cf["without_tasks"]
        ]
        body += (
            f'<h3 id="without-tasks">Клиенты и сделки из списка без единой задачи: '
            f"{_fig('totals.companies_without_tasks', t['companies_without_tasks'])} из "
            f"{_fig('totals.companies_file', t['companies_file'])}</h3>"
            + _table(
                [("Клиент или сделка", "who"), ("Менеджер", "who"), ("Стадия", ""), ("Бюджет", "num")],
                rows,
                "У каждого клиента из списка есть задачи.",
            )
        )
    return _section("frozen", "Замерзающие клиенты", note, body)


def hot_section(report: dict, today: _dt.date) -> str:
    hot = report.get("hot")
    if hot is None:
        return _section(
            "hot",
            "Горячие клиенты",
            "Список горячих клиентов не задан: укажите --hot ФАЙЛ "
            "(названия или номера) или столбец тегов/приоритета (--hot-column).",
            "",
        )
    t = report["totals"]
    days = report["hot_days"]
    rows = []
    for h in hot:
        flags = []
        if h["no_tasks"]:
            flags.append("нет открытых задач")
        else:
            if h["no_concrete"]:
                flags.append("ни одной конкретной задачи")
            if h["nothing_soon"]:
                flags.append(f"ничего в ближайшие {count(days, 'день')}")
        tasks = "".join(f"<li>{_task_cell(x)} {_tag(x['label'])}</li>" for x in h["tasks"])
        rows.append(
            [
                (_e(h["company"]), None),
                (_e(h.get("manager") or "—"), None),
                (str(h["open_tasks"]), h["open_tasks"]),
                (_date(h.get("nearest_due"), today), h.get("nearest_due") or ""),
                (f'<b class="flag">{_e("; ".join(flags))}</b>' if flags else "в порядке", len(flags)),
                (f"<ul class='tasks'>{tasks}</ul>" if tasks else "—", None),
            ]
        )
    note = (
        f"{_fig('totals.hot_clients', t['hot_clients'])} {agree(t['hot_clients'], 'горячий клиент')}, "
        f"из них требуют внимания {_fig('totals.hot_flagged', t['hot_flagged'])}: нет конкретной задачи "
        f"или ничего не запланировано в ближайшие {count(days, 'день')}."
    )
    body = _table(
        [
            ("Клиент", "who"),
            ("Менеджер", "who"),
            ("Открытых задач", "num"),
            ("Ближайший срок", "date"),
            ("Внимание", ""),
            ("Открытые задачи", "task"),
        ],
        rows,
        "Горячих клиентов в выгрузке нет.",
    )
    return _section("hot", "Горячие клиенты", note, body)


def priorities_section(report: dict, today: _dt.date) -> str:
    prio = report.get("priorities")
    if prio is None:
        return _section(
            "priorities",
            "Приоритеты по сделкам",
            "В выгрузке нет стадии сделки или бюджета (--stage-column, --budget-column).",
            "",
        )
    t = report["totals"]
    rows = [
        [
            (_task_cell(p), None),
            (_e(p["manager"]), None),
            (_e(p.get("company") or p.get("deal") or "—"), None),
            (_e(p.get("stage") or "—"), None),
            (
                number(p["budget"]) + (" ▲" if p["large_budget"] else "") if p.get("budget") is not None else "—",
                p.get("budget") or 0,
            ),
            (_tag(p["label"]), p["label"]),
            (_e(p["hint"]), None),
        ]
        for p in prio
    ]
    note = (
        f"Неконкретные открытые задачи по сделкам: {_fig('totals.priorities', t['priorities'])}. Сначала сделки на "
        "поздних стадиях (договор, счёт, оплата) и с большим бюджетом (▲ — верхняя четверть): начните с тех, "
        "кто почти готов купить." + _shown(t["priorities"], len(prio))
    )
    body = _table(
        [
            ("Задача", "task"),
            ("Менеджер", "who"),
            ("Клиент", "who"),
            ("Стадия", ""),
            ("Бюджет", "num"),
            ("Постановка", ""),
            ("Что дописать", "hint"),
        ],
        rows,
        "Таких задач нет.",
    )
    return _section("priorities", "Приоритеты по сделкам", note, body)


def results_section(report: dict, today: _dt.date) -> str:
    t = report["totals"]
    if report.get("results") is None:
        return _section(
            "results",
            "Результаты закрытых задач",
            "В выгрузке нет поля результата (--result-column): не видно, записан ли итог закрытых задач.",
            "",
        )
    rows = [
        [
            (_e(m["manager"]), None),
            (_fig(f"managers.{i}.closed_done", m["closed_done"]), m["closed_done"]),
            (_fig(f"managers.{i}.no_result", m["no_result"]), m["no_result"]),
            (
                _pct(m["no_result"] / m["closed_done"]) if m["closed_done"] else "—",
                m["no_result"] / m["closed_done"] if m["closed_done"] else 0,
            ),
        ]
        for i, m in enumerate(report["managers"])
        if m["closed_done"]
    ]
    note = (
        f"Из {_fig('totals.closed_done', t['closed_done'])} {of(t['closed_done'], 'выполненная задача')} "
        "без записанного результата "
        f"{_fig('totals.closed_without_result', t['closed_without_result'])}."
        + _shown(t["closed_without_result"], len(report["results"]))
    )
    headers = [("Менеджер", "who"), ("Выполнено", "num"), ("Без результата", "num"), ("Доля", "num")]
    tasks = _tasks_table(report["results"], today, "У всех закрытых задач есть результат.")
    body = f'<div class="mini">{_table(headers, rows, "—")}</div><div class="scroll">{tasks}</div>'
    return _section("results", "Результаты закрытых задач", note, body)


def load_section(report: dict, today: _dt.date) -> str:
    t = report["totals"]
    if t["load_median"] is None:
        return _section("load", "Нагрузка", "Не посчитать: не видно, какие задачи открыты.", "")
    rows = []
    for i, m in enumerate(report["managers"]):
        if m["manager"] == NO_MANAGER:
            continue
        load = m["load"]
        mark = ""
        if load is not None and load >= OVERLOAD:
            mark = "перегружен"
        elif load is not None and load <= UNDERLOAD:
            mark = "недогружен"
        rows.append(
            [
                (_e(m["manager"]), None),
                (_fig(f"managers.{i}.open", m["open"]), m["open"]),
                (f"{load:.1f}×".replace(".", ",") if load is not None else "—", load or 0),
                (f'<b class="flag">{mark}</b>' if mark else "", mark),
                (_fig(f"managers.{i}.delegable_open", m["delegable_open"]), m["delegable_open"]),
            ]
        )
    note = (
        f"Открытые задачи каждого менеджера против медианы отдела ({_fig('totals.load_median', t['load_median'])}); "
        f"задач, которые можно передать помощнику или шаблону: {_fig('totals.delegable_open', t['delegable_open'])}."
    )
    headers = [
        ("Менеджер", "who"),
        ("Открытых задач", "num"),
        ("К медиане", "num"),
        ("Оценка", ""),
        ("Можно делегировать", "num"),
    ]
    deleg = [
        [(_e(d["manager"]), None), (_task_cell(d), None), (_e(d.get("company") or "—"), None), (_e(d["hint"]), None)]
        for d in report["delegation"]
    ]
    body = (
        f'<div class="mini">{_table(headers, rows, "Нет менеджеров.")}</div>'
        '<h3>Что можно передать</h3><div class="scroll">'
        + _table(
            [("Менеджер", "who"), ("Задача", "task"), ("Клиент", "who"), ("Кому передать", "hint")],
            deleg,
            "Задач для делегирования нет.",
        )
        + "</div>"
    )
    return _section("load", "Нагрузка и делегирование", note, body)


def quality_section(report: dict) -> str:
    t = report["totals"]
    managers = report["managers"]
    headers = [("Менеджер", "who"), ("Задач", "num")] + [(label_name(k), "num") for k in kinds()]
    rows = []
    for i, m in enumerate(managers):
        row = [(_e(m["manager"]), None), (str(m["tasks"]), m["tasks"])]
        for k in kinds():
            figure = _fig(f"managers.{i}.labels.{k}", m["labels"][k])
            row.append((f'{_pct(m["shares"][k])} <span class="note">({figure})</span>', m["shares"][k]))
        rows.append(row)
    charts = ""
    if managers:
        charts = (
            f'<div class="split even"><div><h3>Доля конкретных задач</h3>'
            f"{chart_concrete(managers, t['shares']['concrete'])}</div>"
            f"<div><h3>Из чего состоит план</h3>{chart_labels(managers)}</div></div>"
        )
    names = ", ".join(f"«{label.long_name_ru}»" for label in labels.registry())
    note = (
        f"Как поставлены задачи, по разметке из руководства: {names}; задачи без текста — "
        f"«{labels.EMPTY.long_name_ru}». "
        "Пунктир — среднее по отделу."
    )
    return _section("quality", "Постановка задач", note, charts + _table(headers, rows, "Нет задач.", "managers"))


def _error_ru(error: str) -> str:
    from taskqual.batch.russian_columns import error_ru

    return error_ru(error)


def flagged_section(report: dict) -> str:
    if not report["flagged"]:
        return ""
    rows = [
        [(_ref(f), f["row"]), (_e(f["manager"]), None), (_text(f["text"]), None), (_e(_error_ru(f["error"])), None)]
        for f in report["flagged"]
    ]
    n = report["totals"]["flagged"]
    return _section(
        "flagged",
        f"Задачи, которые не удалось оценить: {_fig('totals.flagged', n)}",
        f"Они сохранены в выгрузке, но в доли не вошли.{_shown(n, len(rows))}",
        _table([("Задача", "num"), ("Менеджер", "who"), ("Текст", "task"), ("Что не так", "hint")], rows, ""),
    )


def _kpis(report: dict) -> str:
    t = report["totals"]

    def card(cls: str, path: str, value: Any, caption: str) -> str:
        return f'<div class="kpi {cls}"><b>{_fig(path, value)}</b><small>{_e(caption)}</small></div>'

    cards = [
        card(
            "concrete",
            "totals.labels.concrete",
            t["labels"]["concrete"],
            f"{agree(t['labels']['concrete'], 'конкретная задача')}, {_pct(t['shares']['concrete'])}",
        )
    ]
    if t["open"] is not None:
        caption = f"{agree(t['open'], 'открытая задача')} из {number(t['rows'])}"
        cards.append(card("", "totals.open", t["open"], caption))
    else:
        caption = f"{agree(t['unknown'], 'задача')} — статус неизвестен"
        cards.append(card("warn", "totals.unknown", t["unknown"], caption))
    if t["overdue"] is not None:
        cards.append(card("overdue", "totals.overdue", t["overdue"], agree(t["overdue"], "просроченная задача")))
    if t["plan_next"] is not None:
        cards.append(
            card(
                "vague",
                "totals.plan_next_not_concrete",
                t["plan_next_not_concrete"],
                f"неконкретных в плане из {number(t['plan_next'])}",
            )
        )
    if t["today_due"] is not None:
        cards.append(
            card("", "totals.today_not_done", t["today_not_done"], f"не выполнено сегодня из {number(t['today_due'])}")
        )
    if t["frozen_clients"] is not None:
        cards.append(
            card(
                "company_only",
                "totals.frozen_clients",
                t["frozen_clients"],
                agree(t["frozen_clients"], "замерзающий клиент"),
            )
        )
    if t.get("warm_clients") is not None:
        cards.append(
            card(
                "concrete",
                "totals.warm_without_next_step",
                t["warm_without_next_step"],
                f"тёплых без следующего шага из {number(t['warm_clients'])}",
            )
        )
    if t["hot_flagged"] is not None:
        cards.append(
            card(
                "company_only",
                "totals.hot_flagged",
                t["hot_flagged"],
                f"горячих без конкретного шага из {number(t['hot_clients'])}",
            )
        )
    return "\n".join(cards)


def render_html(report: dict) -> str:
    """The report page as a string."""
    t = report["totals"]
    inp = report.get("input", {})
    today = _dt.date.fromisoformat(report["today"])
    template = Template(files("taskqual.batch").joinpath("templates/report.html").read_text(encoding="utf-8"))
    crm = CRM_NAMES.get(inp.get("crm", "auto"), inp.get("crm", ""))
    subtitle = (
        f"{_e(inp.get('path', ''))} · {_fig('totals.rows', t['rows'], count(t['rows'], 'задача'))} · "
        f"{count(t['managers'], 'менеджер')} · {WEEKDAYS[today.weekday()]}, {date_ru(today)}"
    )
    used = ", ".join(f"{ROLE_NAMES_RU.get(k, k)} — «{_e(v)}»" for k, v in inp.get("columns", {}).items() if v)
    return template.substitute(
        title="Вечерний разбор задач",
        label_css=label_css(),
        subtitle=subtitle,
        warnings=warnings_block(report),
        kpis=_kpis(report),
        plan=plan_section(report, today),
        today=today_section(report, today),
        warm=warm_section(report, today),
        overdue=overdue_section(report, today),
        frozen=clients_section(report, today),
        hot=hot_section(report, today),
        priorities=priorities_section(report, today),
        results=results_section(report, today),
        load=load_section(report, today),
        quality=quality_section(report),
        flagged_section=flagged_section(report),
        footer=(
            f"taskqual {_e(report.get('taskqual_version', ''))} · выгрузка: {_e(crm)} · столбцы: {used}"
            f" · {count(t['rows'], 'строка')} за {inp.get('seconds', 0):.1f} с"
        ),
    )


__all__ = ["render_html", "label_name", "label_css", "warm_section"]
