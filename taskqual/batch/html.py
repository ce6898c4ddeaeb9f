"""Render the report as one self-contained HTML page: inline CSS, inline SVG charts, a few lines of
JavaScript for sortable tables, and nothing fetched from the network."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from taskqual.verdict import LABELS

LABEL_NAMES = {
    "concrete": "конкретные",
    "vague": "размытые",
    "company_only": "только название",
    "delegable": "делегировать",
}
LABEL_ONE = {
    "concrete": "конкретная",
    "vague": "размытая",
    "company_only": "только название",
    "delegable": "делегировать",
}
COLORS = {"concrete": "#2e7d32", "vague": "#f0a500", "company_only": "#c62828", "delegable": "#1565c0"}
OVERDUE_COLOR = "#8e24aa"
_LABEL_W, _BAR_W, _ROW_H = 170, 330, 26


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _svg(height: int, body: str, title: str) -> str:
    width = _LABEL_W + _BAR_W + 70
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{_e(title)}"><title>{_e(title)}</title>{body}</svg>'
    )


def _name_cell(y: float, name: str) -> str:
    short = name if len(name) <= 24 else name[:23] + "…"
    return f'<text x="{_LABEL_W - 8}" y="{y}" text-anchor="end" dominant-baseline="middle">{_e(short)}</text>'


def chart_concrete(managers: list[dict], team_share: float) -> str:
    rows = sorted(managers, key=lambda m: -m["shares"]["concrete"])
    h = len(rows) * _ROW_H + 30
    parts = []
    for i, m in enumerate(rows):
        y = 10 + i * _ROW_H
        share = m["shares"]["concrete"]
        w = round(share * _BAR_W, 1)
        parts.append(_name_cell(y + 9, m["manager"]))
        parts.append(f'<rect x="{_LABEL_W}" y="{y}" width="{_BAR_W}" height="18" fill="#eef2f6" rx="2"/>')
        parts.append(
            f'<rect class="bar-concrete" x="{_LABEL_W}" y="{y}" width="{w}" height="18" '
            f'fill="{COLORS["concrete"]}" rx="2"><title>{_e(m["manager"])}: {_pct(share)} '
            f"({m['labels']['concrete']} из {m['scored']})</title></rect>"
        )
        parts.append(f'<text x="{_LABEL_W + _BAR_W + 6}" y="{y + 9}" dominant-baseline="middle">{_pct(share)}</text>')
    x = _LABEL_W + round(team_share * _BAR_W, 1)
    parts.append(f'<line x1="{x}" x2="{x}" y1="4" y2="{h - 18}" stroke="#102a43" stroke-dasharray="4 3"/>')
    parts.append(f'<text class="muted" x="{x}" y="{h - 5}" text-anchor="middle">среднее {_pct(team_share)}</text>')
    return _svg(h, "".join(parts), "Доля конкретных задач по менеджерам")


def chart_labels(managers: list[dict]) -> str:
    rows = managers
    h = len(rows) * _ROW_H + 14
    parts = []
    for i, m in enumerate(rows):
        y = 6 + i * _ROW_H
        parts.append(_name_cell(y + 9, m["manager"]))
        x = float(_LABEL_W)
        for lb in LABELS:
            share = m["shares"][lb]
            w = share * _BAR_W
            if w <= 0:
                continue
            parts.append(
                f'<rect class="bar-{lb}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" fill="{COLORS[lb]}">'
                f"<title>{_e(m['manager'])} — {LABEL_NAMES[lb]}: {m['labels'][lb]} ({_pct(share)})</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{_LABEL_W + _BAR_W + 6}" y="{y + 9}" dominant-baseline="middle" class="muted">'
            f"{m['scored']}</text>"
        )
    legend = "".join(f'<span><i style="background:{COLORS[lb]}"></i>{LABEL_NAMES[lb]}</span>' for lb in LABELS)
    return _svg(h, "".join(parts), "Задачи по типам у каждого менеджера") + f'<p class="legend">{legend}</p>'


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


def _table(headers: list[tuple[str, str]], rows: list[list[tuple[str, Any]]], empty: str) -> str:
    """headers: (title, css class); rows: cells as (html, sort key or None)."""
    if not rows:
        return f'<p class="note">{_e(empty)}</p>'
    head = "".join(f'<th class="{cls}" scope="col">{_e(t)}</th>' for t, cls in headers)
    body = []
    for row in rows:
        cells = []
        for (html, sort), (_, cls) in zip(row, headers):
            attr = f' data-sort="{_e(sort)}"' if sort is not None else ""
            cells.append(f'<td class="{cls}"{attr}>{html}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _text(value: Any, limit: int = 180) -> str:
    """A task text for a table cell: long pasted texts are cut, the whole text stays in the tooltip."""
    s = "" if value is None else str(value)
    if len(s) <= limit:
        return _e(s)
    return f'<span title="{_e(s[:2000])}">{_e(s[: limit - 1])}…</span>'


def _tag(label: str | None) -> str:
    if label is None:
        return '<span class="tag error">ошибка</span>'
    return f'<span class="tag {label}">{_e(LABEL_ONE.get(label, label))}</span>'


def managers_table(report: dict) -> str:
    has_due = report["totals"]["overdue"] is not None
    headers = [("Менеджер", ""), ("Задач", "num")] + [(LABEL_NAMES[lb], "num") for lb in LABELS]
    headers += [("Открыто", "num")] + ([("Просрочено", "num")] if has_due else [])
    headers += [("Замерзающих клиентов", "num"), ("С ошибками", "num")]
    rows = []
    for m in report["managers"]:
        row = [(_e(m["manager"]), None), (str(m["tasks"]), m["tasks"])]
        for lb in LABELS:
            s = m["shares"][lb]
            bar = (
                f' <span class="bar" style="width:{round(s * 40)}px;background:{COLORS[lb]}"></span>'
                if lb == "concrete"
                else ""
            )
            row.append((f'{_pct(s)} <span class="note">({m["labels"][lb]})</span>{bar}', s))
        row.append((str(m["open"]), m["open"]))
        if has_due:
            row.append((str(m["overdue"]), m["overdue"]))
        row += [(str(m["frozen_clients"]), m["frozen_clients"]), (str(m["flagged"]), m["flagged"])]
        rows.append(row)
    return _table(headers, rows, "Нет задач.")


def frozen_table(report: dict) -> str:
    has_due = report["totals"]["overdue"] is not None
    headers = [("Клиент", ""), ("Менеджер", ""), ("Открытых задач", "num")]
    headers += [("Просрочено", "num"), ("Самый ранний срок", "")] if has_due else []
    headers += [("Пример задачи", ""), ("Что сделать", "hint")]
    rows = []
    for c in report["frozen_clients"]:
        row = [(_e(c["company"]), None), (_e(c["manager"]), None), (str(c["open_tasks"]), c["open_tasks"])]
        if has_due:
            row += [(str(c["overdue"]), c["overdue"]), (_e(c["oldest_due"] or "—"), c["oldest_due"] or "")]
        row += [
            (f'<span class="note">стр. {c["example_row"]}</span> {_text(c["example"])}', None),
            (_e(c["hint"]), None),
        ]
        rows.append(row)
    return _table(headers, rows, "Замерзающих клиентов нет: у каждого клиента есть конкретная открытая задача.")


def delegation_table(report: dict) -> str:
    headers = [
        ("Менеджер", ""),
        ("Строка", "num"),
        ("Задача", ""),
        ("Клиент", ""),
        ("Уверенность", "num"),
        ("Кому передать", "hint"),
    ]
    rows = [
        [
            (_e(d["manager"]), None),
            (str(d["row"]), d["row"]),
            (_text(d["text"]), None),
            (_e(d["company"] or "—"), None),
            (_pct(d["confidence"]), d["confidence"]),
            (_e(d["hint"]), None),
        ]
        for d in report["delegation"]
    ]
    return _table(headers, rows, "Задач для делегирования нет.")


def worst_table(report: dict) -> str:
    has_due = report["totals"]["overdue"] is not None
    headers = [("Строка", "num"), ("Менеджер", ""), ("Задача", ""), ("Тип", "")]
    headers += [("Дней просрочки", "num")] if has_due else []
    headers += [("Уверенность", "num"), ("Подсказка", "hint")]
    rows = []
    for w in report["worst"]:
        row = [
            (str(w["row"]), w["row"]),
            (_e(w["manager"]), None),
            (_text(w["text"]), None),
            (_tag(w["label"]), w["label"]),
        ]
        if has_due:
            row.append((str(w["overdue_days"]), w["overdue_days"]))
        row += [(_pct(w["confidence"]), w["confidence"]), (_e(w["hint"]), None)]
        rows.append(row)
    return _table(headers, rows, "Все открытые задачи конкретны.")


def flagged_section(report: dict) -> str:
    if not report["flagged"]:
        return ""
    headers = [("Строка", "num"), ("Менеджер", ""), ("Текст", ""), ("Что не так", "hint")]
    rows = [
        [
            (str(f["row"]), f["row"]),
            (_e(f["manager"]), None),
            (_text(f["text"]) if str(f["text"] or "").strip() else "<i>пусто</i>", None),
            (_e(f["error"]), None),
        ]
        for f in report["flagged"]
    ]
    n = report["totals"]["flagged"]
    shown = f" (показаны первые {len(rows)})" if n > len(rows) else ""
    return (
        f'<section id="flagged"><h2>Строки с ошибками: {n}</h2><p class="note">Эти строки сохранены, но их '
        f'текст не удалось оценить{shown}.</p><div class="wide">{_table(headers, rows, "")}</div></section>'
    )


def _kpis(report: dict) -> str:
    t = report["totals"]
    cards = [(lb, _pct(t["shares"][lb]), f"{LABEL_NAMES[lb]} · {t['labels'][lb]:,}".replace(",", " ")) for lb in LABELS]
    if t["overdue"] is not None:
        cards.append(
            (
                "overdue",
                f"{t['overdue']:,}".replace(",", " "),
                f"просрочено из {t['open']:,} открытых".replace(",", " "),
            )
        )
    cards.append(("company_only", f"{t['frozen_clients']:,}".replace(",", " "), "замерзающих клиентов"))
    return "\n".join(f'<div class="kpi {cls}"><b>{_e(v)}</b><span>{_e(s)}</span></div>' for cls, v, s in cards)


def render_html(report: dict) -> str:
    """The report page as a string."""
    t = report["totals"]
    inp = report.get("input", {})
    managers = report["managers"]
    template = Template(files("taskqual.batch").joinpath("templates/report.html").read_text(encoding="utf-8"))
    has_due = t["overdue"] is not None
    frozen_note = (
        "Клиенты, у которых все открытые задачи неконкретные: их откладывают день за днём. "
        f"Всего {t['frozen_clients']} из {t['companies']} клиентов"
    )
    if t["frozen_clients"] > len(report["frozen_clients"]):
        frozen_note += f", показаны первые {len(report['frozen_clients'])}"
    frozen_note += "."
    subtitle = (
        f"{_e(inp.get('path', ''))} · {t['rows']:,} задач · {len(managers)} менеджеров · на {_e(report['today'])}"
    ).replace(",", " ")
    return template.substitute(
        title="Вечерний разбор задач",
        subtitle=subtitle,
        kpis=_kpis(report),
        chart_concrete=chart_concrete(managers, t["shares"]["concrete"]) if managers else "",
        chart_labels=chart_labels(managers) if managers else "",
        chart_overdue=chart_overdue(managers) if has_due and managers else "",
        overdue_note=(
            "Открытые задачи со сроком раньше сегодняшнего дня."
            if has_due
            else "В выгрузке нет столбца со сроком (--due-column), поэтому просрочку не посчитать."
        ),
        managers_table=managers_table(report),
        frozen_table=frozen_table(report),
        frozen_note=frozen_note,
        delegation_table=delegation_table(report),
        worst_table=worst_table(report),
        flagged_section=flagged_section(report),
        footer=(
            f"taskqual {_e(report.get('taskqual_version', ''))} · столбцы: "
            + ", ".join(f"{k} = «{_e(v)}»" for k, v in inp.get("columns", {}).items() if v)
            + f" · {t['rows']:,} строк за {inp.get('seconds', 0):.1f} с".replace(",", " ")
        ),
    )


__all__ = ["render_html", "LABEL_NAMES"]
