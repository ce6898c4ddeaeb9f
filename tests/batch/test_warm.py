"""Warm leads of the day: clients that moved toward a purchase today, each with its next concrete step,
on a Bitrix24 export counted by hand (:func:`tests.batch.crm_exports.bitrix24_full`)."""

from __future__ import annotations

import datetime as dt

from taskqual.batch.report import build_report

from . import crm_exports as X

TODAY = dt.date(2026, 11, 18)


def report(tmp_path, rows, **kw):
    path = X.write(tmp_path / "bitrix.csv", rows)
    return build_report(str(path), today=TODAY, model=X.StandIn(), chunk_rows=4, **kw)


def test_warm_leads_of_the_day_as_counted_by_hand(tmp_path):
    r = report(tmp_path, X.bitrix24_full())
    assert r["warm_from"] == {"closed_today": "closed", "stage": True, "tag": True, "result": True}
    warm = r["warm"]
    assert [(w["company"], w["manager"], w["reasons"], w["no_next_step"]) for w in warm] == [
        ("ООО «Ромашка»", "Анна", ["stage"], True),  # as its first task names it
        ("Вектор", "Анна", ["closed_today"], True),
        ("Гамма", "Борис", ["tag"], False),
    ]
    assert (r["totals"]["warm_clients"], r["totals"]["warm_without_next_step"]) == (3, 2)
    # the tasks behind each: the one changed today, the one closed with its result, the tagged one
    assert [[t["id"] for t in w["tasks"]] for w in warm] == [["102"], ["104"], ["106"]]
    assert warm[1]["tasks"][0]["result"] == "Договорились о встрече 25.11"
    assert warm[0]["stage"] == "Согласование договора" and warm[0]["budget"] == 500000.0
    assert warm[2]["next_step"]["id"] == "106" and warm[2]["next_step"]["due"] == "2026-11-19"
    by = {m["manager"]: (m["warm_clients"], m["warm_without_next_step"]) for m in r["managers"]}
    assert by == {"Анна": (2, 2), "Борис": (1, 0)}
    assert "Эпсилон" not in {w["company"] for w in warm}  # closed today, but the client said no


def test_without_a_result_column_a_concrete_task_closed_today_counts(tmp_path):
    r = report(tmp_path, X.bitrix24_full(result=False))
    assert r["warm_from"]["result"] is False
    assert [(w["company"], w["reasons"], w["no_next_step"]) for w in r["warm"]] == [
        ("ООО «Ромашка»", ["stage"], True),
        ("Эпсилон", ["closed_today"], True),
        ("Гамма", ["tag"], False),
    ]
    assert r["totals"]["warm_without_next_step"] == 2


def test_closed_today_from_the_due_date_when_the_export_has_no_closing_date(tmp_path):
    """amoCRM without «Дата завершения»: a task due today and done counts as closed today."""
    rows = [r[:9] for r in X.amocrm()]
    r = report(tmp_path, rows)
    assert r["warm_from"] == {"closed_today": "due", "stage": False, "tag": False, "result": True}
    # row 4 (Вектор) is due today, done, with a result: warm; nothing else was finished today
    assert [(w["company"], w["reasons"]) for w in r["warm"]] == [("Вектор", ["closed_today"])]


def test_no_warm_section_when_the_export_cannot_show_it(tmp_path):
    rows = [[r[2], r[4], r[8]] for r in X.amocrm()]  # text, manager, company: no status, no dates, no tags
    r = report(tmp_path, rows)
    assert r["warm"] is None and r["warm_from"] is None
    assert r["totals"]["warm_clients"] is None and r["managers"][0]["warm_clients"] is None
