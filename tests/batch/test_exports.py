"""The report on exports shaped as amoCRM, Bitrix24, 1C, Мегаплан, RetailCRM, HubSpot and Pipedrive write
them, against figures counted by hand (see :mod:`tests.batch.crm_exports`)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from taskqual.batch.report import build_report

from . import crm_exports as X
from .conftest import run_cli

TODAY = dt.date(2026, 11, 18)


def report(tmp_path, shape: str, **kw):
    make, _ = X.SHAPES[shape]
    path = X.write(tmp_path / f"{shape}.csv", make())
    return build_report(str(path), today=TODAY, model=X.StandIn(), chunk_rows=4, **kw)


@pytest.mark.parametrize("shape", sorted(X.SHAPES))
def test_open_done_overdue_and_the_routines_are_counted_as_by_hand(tmp_path, shape):
    r = report(tmp_path, shape)
    t = r["totals"]
    _, expected = X.SHAPES[shape]
    assert {k: t[k] for k in expected} == expected
    assert {k: t[k] for k in X.COMMON} == X.COMMON
    assert t["open"] + t["done"] + t["unknown"] == t["rows"]
    assert r["warnings"] == []  # nothing is missing in any of these shapes
    assert [c["company"] for c in r["frozen_clients"]] == ["Вектор"]


def test_bitrix24_statuses_and_crm_elements(tmp_path):
    r = report(tmp_path, "bitrix24_tasks", task_url="https://crm.example.ru/tasks/task/view/{id}/")
    assert r["input"]["crm"] == "bitrix24"
    assert r["input"]["columns"]["crm_elements"] == "Элементы CRM" and r["input"]["columns"]["company"] is None
    assert r["company_source"] == "crm_elements"
    # «Ждет контроля» and «Отклонена» are finished, «Отложена» open but never overdue
    assert r["totals"]["states"] == {"open": 6, "deferred": 1, "awaiting": 1, "done": 2, "declined": 1, "unknown": 0}
    assert [t["row"] for t in r["overdue_tasks"]] == [3, 1]
    # the company comes from «Компания: …», never the contact person of the same cell
    frozen = r["frozen_clients"][0]
    assert (frozen["company"], frozen["manager"], frozen["open_tasks"], frozen["overdue"]) == ("Вектор", "Анна", 2, 1)
    assert [c["company"] for c in r["without_open_tasks"]] == ["Дельта", "Эпсилон"]
    assert r["totals"]["companies"] == 5  # «ООО «Ромашка»» and «Ромашка» are one client
    # tomorrow's plan: the non-concrete task first, referred to by its CRM ID and link
    plan = r["plan_next"]
    assert [(p["row"], p["id"], p["label"]) for p in plan] == [(2, "102", "vague"), (6, "106", "concrete")]
    assert plan[0]["link"] == "https://crm.example.ru/tasks/task/view/102/" and plan[0]["hint"] == "подсказка 2"
    assert r["totals"]["today_moved"] == 1 and [t["row"] for t in r["today_moved"]] == [2]
    anna, boris = (next(m for m in r["managers"] if m["manager"] == n) for n in ("Анна", "Борис"))
    assert (anna["open"], anna["overdue"], anna["plan_next"], anna["today"]["done"]) == (4, 2, 1, 1)
    assert (boris["open"], boris["overdue"], boris["deferred"], boris["today"]["not_done"]) == (3, 0, 1, 1)
    # hot from the tags: Вектор has no concrete open task and nothing due soon
    (hot,) = r["hot"]
    assert (hot["company"], hot["no_concrete"], hot["nothing_soon"]) == ("Вектор", True, True)
    assert r["totals"]["hot_flagged"] == 1


def test_megaplan_reads_vypolnena_as_awaiting_approval(tmp_path):
    r = report(tmp_path, "megaplan")
    assert r["input"]["crm"] == "megaplan"
    assert r["totals"]["states"]["awaiting"] == 1 and r["totals"]["overdue"] == 2


def test_amocrm_done_flag_and_results(tmp_path):
    r = report(tmp_path, "amocrm")
    assert r["input"]["columns"]["done_flag"] == "Выполнена" and r["input"]["columns"]["due"] == "Срок выполнения"
    assert r["input"]["columns"]["closed"] == "Дата завершения"  # a closing date, not the due date
    assert (r["totals"]["closed_done"], r["totals"]["closed_without_result"]) == (4, 2)
    assert [t["row"] for t in r["results"]] == [7, 8]
    boris = next(m for m in r["managers"] if m["manager"] == "Борис")
    assert (boris["closed_done"], boris["no_result"]) == (2, 2)


def test_pipedrive_priorities_by_stage_and_budget(tmp_path):
    r = report(tmp_path, "pipedrive")
    cols = r["input"]["columns"]
    assert (cols["stage"], cols["budget"], cols["deal"]) == ("Сделка - Этап", "Сделка - Стоимость", "Сделка - Название")
    # contract stage first, then the proposal, then the first contact (more overdue first)
    assert [p["row"] for p in r["priorities"]] == [2, 5, 3, 10]
    assert r["priorities"][0]["stage"] == "Согласование договора" and r["priorities"][0]["budget"] == 500000.0
    assert r["totals"]["priorities"] == 4


def test_hot_file_and_companies_file(tmp_path):
    (tmp_path / "hot.txt").write_text("Гамма\nОмега\n", encoding="utf-8")
    X.write(
        tmp_path / "companies.csv",
        [
            ["Название компании", "Ответственный"],
            ["Ромашка", "Анна"],
            ['ООО "Вектор"', "Анна"],
            ["Дельта", "Борис"],
            ["Омега", "Борис"],
            ["Сигма", "Анна"],
        ],
    )
    r = report(tmp_path, "1c", hot_file=str(tmp_path / "hot.txt"), companies_file=str(tmp_path / "companies.csv"))
    hot = {h["company"]: h for h in r["hot"]}
    assert set(hot) == {"Гамма", "Омега"}
    assert hot["Омега"]["no_tasks"] and not hot["Гамма"]["no_concrete"] and not hot["Гамма"]["nothing_soon"]
    assert (r["totals"]["hot_clients"], r["totals"]["hot_flagged"]) == (2, 1)
    cf = r["companies_file"]
    assert [e["name"] for e in cf["without_tasks"]] == ["Омега", "Сигма"]
    assert [e["name"] for e in cf["without_open_tasks"]] == ["Дельта"]
    assert (r["totals"]["companies_file"], r["totals"]["companies_without_tasks"]) == (5, 2)


def test_a_companies_file_is_read_with_the_column_names_of_a_task_export(tmp_path):
    """«Покупатель», «Владелец», «Этап воронки», «Сумма сделки»: named as the CRM names them in its task export."""
    X.write(
        tmp_path / "companies.csv",
        [
            ["Покупатель", "Владелец", "Этап воронки", "Сумма сделки"],
            ["Ромашка", "Анна", "Переговоры", "1 200 000"],
            ["Сигма", "Борис", "Счёт выставлен", "350000"],
        ],
    )
    r = report(tmp_path, "1c", companies_file=str(tmp_path / "companies.csv"))
    assert r["companies_file"]["without_tasks"] == [
        {"name": "Сигма", "manager": "Борис", "stage": "Счёт выставлен", "budget": "350000"}
    ]


def test_without_a_status_nothing_is_counted_open_and_the_page_says_why(tmp_path):
    rows = [[r[2], r[4], r[5]] for r in X.amocrm()]  # text, manager, due: no done flag, no closing date
    path = X.write(tmp_path / "plain.csv", rows)
    r = build_report(str(path), today=TODAY, model=X.StandIn())
    t = r["totals"]
    assert (t["open"], t["overdue"], t["unknown"], t["done"], t["frozen_clients"]) == (None, None, 11, 0, None)
    (w,) = [w for w in r["warnings"] if w["code"] == "no_status"]
    assert "--status-column" in w["fix"] and "«Текст задачи»" in w["columns"]
    assert any(w["code"] == "no_company" for w in r["warnings"])


def test_unknown_status_words_are_unknown_and_named(tmp_path):
    rows = X.megaplan()
    for row in rows[1:6]:
        row[2] = "Фиолетовый"
    path = X.write(tmp_path / "odd.csv", rows)
    r = build_report(str(path), today=TODAY, model=X.StandIn())
    assert r["totals"]["unknown"] == 5
    (w,) = [w for w in r["warnings"] if w["code"] == "unknown_status"]
    assert "«Фиолетовый» — 5" in w["text"] and "--open-status" in w["fix"]
    fixed = build_report(str(path), today=TODAY, model=X.StandIn(), open_statuses=["фиолетовый"])
    assert fixed["totals"]["unknown"] == 0 and fixed["warnings"] == []


@pytest.mark.slow
def test_the_command_reads_an_amocrm_export_and_warns_on_stderr(tmp_path, model):
    path = X.write(tmp_path / "amo.csv", X.amocrm(), encoding="cp1251")
    out = run_cli("report", path, "--today", TODAY.isoformat(), "--format", "json", "-q")
    assert out.returncode == 0, out.stderr
    t = json.loads(out.stdout)["totals"]
    assert (t["rows"], t["open"], t["done"], t["unknown"], t["overdue"]) == (11, 7, 4, 0, 3)
    plain = X.write(tmp_path / "plain.csv", [[r[2], r[4]] for r in X.amocrm()])
    out = run_cli("report", plain, "--today", TODAY.isoformat(), "-o", tmp_path / "p.html", "-q")
    assert out.returncode == 0, out.stderr
    assert "--status-column" in out.stderr and "--due-column" in out.stderr and "«Текст задачи»" in out.stderr
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert 'data-warning="no_status"' in html and 'data-warning="no_due"' in html


def test_an_xlsx_export_with_real_dates_numbers_and_booleans(tmp_path):
    """Excel keeps types: IDs as numbers, due dates as datetimes, the done flag as TRUE/FALSE."""
    from openpyxl import Workbook

    rows = X.retailcrm()
    wb = Workbook()
    ws = wb.active
    ws.append(rows[0])
    for row in rows[1:]:
        due = dt.datetime.strptime(row[4], "%Y-%m-%d %H:%M:%S") if row[4] else None
        ws.append([int(row[0]), row[1], None, row[3], due, row[5] == "true", row[6] or None, row[7]])
    wb.save(tmp_path / "retail.xlsx")
    r = build_report(str(tmp_path / "retail.xlsx"), today=TODAY, model=X.StandIn())
    assert {k: r["totals"][k] for k in X.BINARY} == X.BINARY
    assert {k: r["totals"][k] for k in X.COMMON} == X.COMMON
    assert [(p["id"], p["due"]) for p in r["plan_next"]] == [("32", "2026-11-19"), ("36", "2026-11-19")]


def test_a_hot_list_as_a_table_matches_names_and_deals(tmp_path):
    X.write(tmp_path / "hot.csv", [["ID", "Название"], ["7", 'ООО "Ромашка"'], ["8", "Эпсилон: поставка"]])
    r = report(tmp_path, "pipedrive", hot_file=str(tmp_path / "hot.csv"))
    hot = {h["company"]: h for h in r["hot"]}
    # the names of the table are used, not its IDs: Ромашка by name, Эпсилон by its deal
    assert set(hot) == {"Ромашка", "Эпсилон"}
    assert hot["Эпсилон"]["no_tasks"] and not hot["Ромашка"]["no_concrete"]


def test_a_hot_list_of_ids_finds_them_in_crm_elements(tmp_path):
    rows = X.bitrix24_tasks()
    rows[6][7] = "Компания: Гамма; Сделка: D_4411 Стеллажи"  # row 6 (Гамма) names its deal's ID
    path = X.write(tmp_path / "b.csv", rows)
    (tmp_path / "hot.txt").write_text("D_4411\n9999\n", encoding="utf-8")
    r = build_report(str(path), today=TODAY, model=X.StandIn(), hot_file=str(tmp_path / "hot.txt"))
    hot = {h["company"]: h for h in r["hot"]}
    assert set(hot) == {"Гамма", "Вектор", "9999"}  # Вектор from its «горячий» tag; 9999 found nowhere
    assert hot["9999"]["no_tasks"] and not hot["Гамма"]["no_concrete"]
