"""Properties of the report for any export: every row is open, done or unknown exactly once, and no row
or client lands in two sections that exclude each other."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from taskqual.batch.exports import Layout
from taskqual.batch.report import ReportBuilder

TODAY = dt.date(2026, 11, 18)
STATUS_WORDS = [
    "Ждет выполнения",
    "Выполняется",
    "Ждет контроля",
    "Завершена",
    "Отклонена",
    "Отложена",
    "Да",
    "Нет",
    "true",
    "Выполнена",
    "Не выполнена",
    "Принята",
    "",
    "Фиолетовый",
    "Done",
    "В работе",
]
DUES = ["", "скоро", "17.11.2026", "18.11.2026 18:00:00", "19.11.2026", "2026-11-20", "01.11.2026", "25.12.2026"]
LABELS = ["concrete", "vague", "company_only", "delegable", None]

row = st.tuples(
    st.sampled_from(LABELS),
    st.sampled_from(["Анна", "Борис", "", "Вера"]),
    st.sampled_from(["Ромашка", "ООО «Ромашка»", "Вектор", "Гамма", ""]),
    st.sampled_from(DUES),
    st.sampled_from(STATUS_WORDS),
    st.sampled_from(["", "18.11.2026", "10.11.2026"]),
)


def build(rows, roles, chunk):
    layout = Layout({"text": "Задача", **{r: r for r in roles}})
    b = ReportBuilder(today=TODAY, layout=layout, hot_names={"Вектор"})
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        n = len(part)
        cols = list(zip(*part)) if part else [[]] * 6
        labels = list(cols[0])
        b.add(
            rows=range(start + 1, start + 1 + n),
            texts=["" if lb is None else f"задача {start + i}" for i, lb in enumerate(labels)],
            labels=labels,
            confidences=[0.5] * n,
            hints=["подсказка"] * n,
            errors=[None if lb is not None else "EmptyTaskError: no words" for lb in labels],
            found_companies=[None] * n,
            cells={
                "manager": cols[1],
                "company": cols[2],
                "due": cols[3],
                **({"status": cols[4]} if "status" in roles else {}),
                **({"changed": cols[5]} if "changed" in roles else {}),
            },
            columns=["Задача", *roles],
        )
    return b.result()


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(row, max_size=60),
    roles=st.sampled_from([("manager", "company", "due", "status", "changed"), ("manager", "company", "due")]),
    chunk=st.integers(1, 25),
)
def test_every_row_is_counted_once_and_exclusive_sections_do_not_overlap(rows, roles, chunk):
    r = build(rows, roles, chunk)
    t = r["totals"]
    if "status" in roles:
        assert t["open"] + t["done"] + t["unknown"] == t["rows"] == len(rows)
        assert sum(t["states"].values()) == len(rows)
        assert sum(m["open"] for m in r["managers"]) == t["open"]
    else:  # nothing says what is done: nothing is open, everything unknown
        assert (t["open"], t["overdue"], t["unknown"], t["done"]) == (None, None, len(rows), 0)
    assert sum(t["labels"].values()) == t["scored"] == len(rows)  # empty tasks are counted, not dropped
    # a task is overdue, due today, or in the plan for the next working day: never two of these
    plan = {x["row"] for x in r["plan_next"]}
    overdue = {x["row"] for x in r["overdue_tasks"]}
    today = {x["row"] for x in r["today_not_done"]}
    moved = {x["row"] for x in r["today_moved"]}
    assert not (plan & overdue) and not (plan & today) and not (overdue & today) and not (today & moved)
    # a client is frozen (open tasks, none concrete) or without open tasks, never both
    frozen = {c["company"] for c in r["frozen_clients"]}
    idle = {c["company"] for c in r["without_open_tasks"]}
    assert not (frozen & idle)
    if t["today_due"] is not None:
        assert t["today_done"] + t["today_not_done"] + t["today_cancelled"] <= t["today_due"]
        assert sum(m["today"]["not_done"] for m in r["managers"]) == t["today_not_done"]
    if t["overdue"] is not None:
        assert t["overdue"] <= t["open"] and len(overdue) == min(t["overdue"], 300)
    assert len(plan) == min(t["plan_next"], 300)
    # warm leads of the day: each client once, flagged exactly when it has no open concrete step from today on
    if r["warm"] is not None:
        names = [w["company"] for w in r["warm"]]
        assert len(names) == len(set(names)) == t["warm_clients"]
        assert sum(w["no_next_step"] for w in r["warm"]) == t["warm_without_next_step"]
        assert sum(m["warm_clients"] for m in r["managers"]) == t["warm_clients"]
        for w in r["warm"]:
            step = w["next_step"]
            assert w["no_next_step"] == (step is None)
            if step is not None:
                assert step["label"] == "concrete" and step["state"] == "open"
                assert step["due"] is None or step["due"] >= TODAY.isoformat()
    else:
        assert "status" not in roles and t["warm_clients"] is None
