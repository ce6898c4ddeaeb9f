"""Report numbers against a small fixture computed by hand (labels fixed by a stand-in model)."""

from __future__ import annotations

import datetime as dt

import pytest

from taskqual.batch import report_file
from taskqual.batch.report import NO_MANAGER, is_closed
from taskqual.verdict import Verdict

from .conftest import write_csv

# text -> (label, confidence, company the library would find)
LABELS = {
    "A1": ("concrete", 0.91, None),
    "A2": ("vague", 0.80, None),
    "A3": ("company_only", 0.95, "Вектор"),
    "A4": ("vague", 0.70, None),
    "A5": ("delegable", 0.90, None),
    "B1": ("company_only", 0.85, "Альфа"),
    "B2": ("company_only", 0.60, "альфа"),
    "B3": ("concrete", 0.99, None),
    "B4": ("delegable", 0.75, None),
    "C1": ("vague", 0.88, None),
}


class StandIn:
    """Gives fixed verdicts, so the report arithmetic is tested apart from the model."""

    version = "stand-in"

    def classify_many(self, texts, errors="keep", companies=None):
        out = []
        for t in texts:
            if t not in LABELS:
                out.append(Verdict(label=None, confidence=0.0, error="EmptyTaskError: no words"))
                continue
            label, conf, company = LABELS[t]
            out.append(Verdict(label=label, confidence=conf, hint=f"hint {t}", company=company))
        return out


FIXTURE = [
    ["ID", "Задача", "Менеджер", "Клиент", "Срок", "Статус"],
    ["1", "A1", "Анна", "Ромашка", "19.11.2026", "Ждёт выполнения"],  # open, concrete, 1 day overdue
    ["2", "A2", "Анна", "ООО «Ромашка»", "25.11.2026", "Выполняется"],  # open, vague, not yet due
    ["3", "A3", "Анна", "Вектор", "10.11.2026", "Ждёт выполнения"],  # open, company only, 10 days overdue
    ["4", "A4", "Анна", "вектор", "20.11.2026 18:00:00", "Ждёт выполнения"],  # due today: not overdue
    ["5", "A5", "Анна", "Вектор", "01.11.2026", "Завершена"],  # done: neither open nor overdue
    ["6", "B1", "Борис", "", "", "Ждёт выполнения"],  # company found by the library
    ["7", "B2", "Борис", "", "", "Ждёт выполнения"],  # same company, other spelling
    ["8", "B3", "Борис", "Гамма", "18.11.2026 18:00:00", "Не выполнена"],  # «не выполнена» is open; 2 days
    ["9", "B4", "Борис", "Гамма", "скоро", "Ждёт выполнения"],  # unreadable due date
    ["10", "", "Борис", "Гамма", "01.11.2026", "Ждёт выполнения"],  # flagged; open and 19 days overdue
    ["11", "C1", "", "Дельта", "05.11.2026", "Завершена"],  # no manager; a client with no open task
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = write_csv(tmp_path_factory.mktemp("report") / "fixture.csv", FIXTURE)
    return report_file(str(path), today=dt.date(2026, 11, 20), model=StandIn(), chunk_rows=4)


def test_columns_are_detected(report):
    assert {k: v for k, v in report["input"]["columns"].items() if v} == {
        "text": "Задача",
        "id": "ID",
        "manager": "Менеджер",
        "company": "Клиент",
        "due": "Срок",
        "status": "Статус",
    }


def test_totals(report):
    t = report["totals"]
    # the empty task is counted as «пустая задача», not dropped from the shares
    assert (t["rows"], t["scored"], t["flagged"], t["empty"]) == (11, 11, 0, 1)
    assert t["labels"] == {"concrete": 2, "vague": 3, "company_only": 3, "delegable": 2, "empty": 1}
    assert t["shares"] == {
        "concrete": 0.1818,
        "vague": 0.2727,
        "company_only": 0.2727,
        "delegable": 0.1818,
        "empty": 0.0909,
    }
    assert (t["open"], t["done"], t["unknown"], t["overdue"]) == (9, 2, 0, 4)
    # clients from the column only: Ромашка, Вектор, Гамма, Дельта (names in texts are not guessed here)
    assert (t["companies"], t["frozen_clients"], t["companies_without_open_tasks"]) == (4, 1, 1)
    assert t["unreadable_due_dates"] == 1


def test_per_manager(report):
    m = {x["manager"]: x for x in report["managers"]}
    assert list(m) == ["Анна", "Борис", NO_MANAGER]  # by number of tasks
    anna, boris, nobody = m["Анна"], m["Борис"], m[NO_MANAGER]
    assert anna["labels"] == {"concrete": 1, "vague": 2, "company_only": 1, "delegable": 1, "empty": 0}
    assert anna["shares"] == {"concrete": 0.2, "vague": 0.4, "company_only": 0.2, "delegable": 0.2, "empty": 0.0}
    assert (anna["tasks"], anna["open"], anna["overdue"], anna["overdue_not_concrete"]) == (5, 4, 2, 1)
    assert (boris["tasks"], boris["scored"], boris["flagged"]) == (5, 5, 0)
    assert boris["shares"] == {"concrete": 0.2, "vague": 0.0, "company_only": 0.4, "delegable": 0.2, "empty": 0.2}
    assert (boris["open"], boris["overdue"], boris["overdue_not_concrete"]) == (5, 2, 1)
    assert (nobody["tasks"], nobody["open"], nobody["overdue"]) == (1, 0, 0)
    assert (anna["frozen_clients"], boris["frozen_clients"], nobody["frozen_clients"]) == (1, 0, 0)


def test_frozen_clients(report):
    (v,) = report["frozen_clients"]  # Ромашка and Гамма have a concrete open task
    assert (v["company"], v["manager"], v["open_tasks"], v["overdue"], v["oldest_due"]) == (
        "Вектор",
        "Анна",
        2,
        1,
        "2026-11-10",
    )
    assert v["example_row"] == 3 and v["hint"] == "hint A3"  # the overdue one is the example
    assert [c["company"] for c in report["without_open_tasks"]] == ["Дельта"]


def test_delegation_worst_and_empty(report):
    assert [(d["row"], d["manager"], d["hint"]) for d in report["delegation"]] == [(9, "Борис", "hint B4")]
    worst = report["worst"]
    assert [w["row"] for w in worst] == [10, 3, 6, 2, 9, 4, 7]  # overdue days, then confidence
    assert worst[0]["label"] == "empty" and worst[0]["overdue_days"] == 19
    assert worst[1]["overdue_days"] == 10 and worst[1]["label"] == "company_only"
    assert report["flagged"] == []


def test_without_due_and_status_columns(tmp_path):
    rows = [[r[1], r[2]] for r in FIXTURE]
    rows[0] = ["Задача", "Менеджер"]
    rep = report_file(str(write_csv(tmp_path / "f.csv", rows)), today=dt.date(2026, 11, 20), model=StandIn())
    t = rep["totals"]
    # nothing says which tasks are done: none is counted open, and the report says why
    assert (t["open"], t["overdue"], t["unknown"], t["frozen_clients"]) == (None, None, 11, None)
    assert rep["managers"][0]["overdue"] is None
    assert {w["code"] for w in rep["warnings"]} == {"no_status", "no_due", "no_company"}
    # without a company column the library's names in company-only tasks are the clients: Вектор and Альфа
    assert t["companies"] == 2


@pytest.mark.parametrize(
    "status,closed",
    [
        ("Завершена", True),
        ("Выполнена", True),
        ("Закрыта", True),
        ("Отменена", True),
        ("Done", True),
        ("Не выполнена", False),
        ("Ждёт выполнения", False),
        ("Выполняется", False),
        ("Отложена", False),
        ("", False),
    ],
)
def test_closed_statuses(status, closed):
    assert is_closed(status) is closed


def test_two_jobs_give_the_same_report(report, tmp_path_factory):
    """Worker processes inherit the model object they are given (here the stand-in)."""
    path = write_csv(tmp_path_factory.mktemp("report2") / "fixture.csv", FIXTURE)
    two = report_file(str(path), today=dt.date(2026, 11, 20), model=StandIn(), chunk_rows=2, jobs=2)
    for key in ("totals", "managers", "frozen_clients", "delegation", "worst", "flagged", "plan_next"):
        assert two[key] == report[key]
