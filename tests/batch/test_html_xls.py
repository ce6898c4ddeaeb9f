"""Bitrix24's «Excel» export is an HTML table named .xls: ``score`` and ``report`` read it with no flags,
with the same figures as the same export in CSV (counted by hand in :mod:`tests.batch.crm_exports`)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from taskqual.batch import OUTPUT_COLUMNS
from taskqual.batch.readers import InputError, open_source
from taskqual.batch.report import build_report

from . import crm_exports as X
from .conftest import run_cli

TODAY = dt.date(2026, 11, 18)


def bitrix_rows() -> list[list[str]]:
    """The Bitrix24 task export, with «Элементы CRM» one element a line, as the portal shows them."""
    rows = X.bitrix24_tasks()
    rows[1][7] = "Компания: ООО «Ромашка»\nСделка: Поставка стеллажей"
    return rows


@pytest.mark.parametrize(("encoding", "meta"), [("utf-8", True), ("windows-1251", True), ("utf-8", False)])
def test_the_report_on_an_html_xls_counts_as_by_hand(tmp_path, encoding, meta):
    path = X.write_html_xls(tmp_path / "tasks.xls", bitrix_rows(), encoding=encoding, meta=meta)
    r = build_report(str(path), today=TODAY, model=X.StandIn(), chunk_rows=4)
    assert (r["input"]["format"], r["input"]["crm"]) == ("html", "bitrix24")
    t = r["totals"]
    assert {k: t[k] for k in X.FULL} == X.FULL
    assert {k: t[k] for k in X.COMMON} == X.COMMON
    assert t["states"] == {"open": 6, "deferred": 1, "awaiting": 1, "done": 2, "declined": 1, "unknown": 0}
    assert r["warnings"] == []
    assert [c["company"] for c in r["frozen_clients"]] == ["Вектор"]
    assert [(p["row"], p["id"]) for p in r["plan_next"]] == [(2, "102"), (6, "106")]
    assert [t["row"] for t in r["overdue_tasks"]] == [3, 1]


def test_cells_read_as_excel_shows_them(tmp_path):
    rows = [
        ["ID", "Название", "Крайний срок"],
        ["7", 'Позвонить "Ромашке" & Co\nи договориться', "18.11.2026\u00a018:00"],
    ]
    path = X.write_html_xls(tmp_path / "t.xls", rows)
    with open_source(str(path)) as s:
        assert (s.format, s.encoding, s.columns) == ("html", "utf-8", rows[0])
        (chunk,) = list(s.chunks())
    # entities decoded, <br> a line break, the source's indentation gone, a no-break space a space
    assert chunk.rows == [["7", 'Позвонить "Ромашке" & Co\nи договориться', "18.11.2026 18:00"]]


def test_a_title_row_rows_of_other_lengths_and_a_second_table(tmp_path):
    page = """<html><body><table>
    <tr><td colspan="3"><b>Задачи</b></td></tr>
    <tr><th>ID</th><th>Название</th><th>Статус</th></tr>
    <tr><td>1</td><td>Отправить КП</td><td>Завершена</td></tr>
    <tr><td></td><td></td><td></td></tr>
    <tr><td>2</td><td>позвонить</td></tr>
    <tr><td>3</td><td>встреча</td><td>Ждет выполнения</td><td>лишнее</td></tr>
    </table><table><tr><td>Итого</td><td>3</td></tr></table></body></html>"""
    (tmp_path / "t.xls").write_text(page, encoding="utf-8")
    with open_source(str(tmp_path / "t.xls")) as s:
        assert s.columns == ["ID", "Название", "Статус"]  # the one-cell title row is not the header
        (chunk,) = list(s.chunks())
    assert chunk.rows == [
        ["1", "Отправить КП", "Завершена"],
        ["", "", ""],
        ["2", "позвонить", ""],
        ["3", "встреча", "Ждет выполнения\nлишнее"],
    ]
    assert chunk.problems == {
        1: "empty row",
        2: "expected 3 cells, found 2 (the missing ones were left empty)",
        3: "expected 3 cells, found 4 (the extra ones were joined into the last column)",
    }


def test_an_xlsx_named_xls_is_read_and_a_binary_xls_is_refused(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Задача", "Ответственный"])
    wb.active.append(["Отправить КП", "Анна"])
    wb.save(tmp_path / "real.xls")
    with open_source(str(tmp_path / "real.xls")) as s:
        assert (s.format, s.columns) == ("xlsx", ["Задача", "Ответственный"])
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError, match=r"binary Excel 97–2003 workbook.*save it as \.xlsx"):
        open_source(str(tmp_path / "old.xls"))
    (tmp_path / "empty.xls").write_text("<html><body><p>нет задач</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no table with a header row"):
        open_source(str(tmp_path / "empty.xls"))


@pytest.mark.slow
def test_the_commands_on_a_bitrix24_xls(tmp_path):
    """The installed command: ``score`` writes a real .xlsx beside it, ``report`` counts it as by hand."""
    from openpyxl import load_workbook

    rows = bitrix_rows()
    path = X.write_html_xls(tmp_path / "bitrix.xls", rows, encoding="windows-1251")
    out = run_cli("score", path, "-q")
    assert out.returncode == 0, out.stderr
    wb = load_workbook(tmp_path / "bitrix.scored.xlsx", read_only=True)
    got = [list(r) for r in wb.active.iter_rows(values_only=True)]
    assert got[0] == rows[0] + list(OUTPUT_COLUMNS)
    assert len(got) == 12
    assert [r[:2] for r in got[1:]] == [[r[0], r[1] or None] for r in rows[1:]]  # IDs and texts in order
    assert got[1][7] == "Компания: ООО «Ромашка»\nСделка: Поставка стеллажей"
    labels = [r[len(rows[0])] for r in got[1:]]
    assert all(labels[:10]) and labels[10] is None  # the last task has no text: kept, flagged
    assert got[11][-1].startswith("row 11: EmptyTaskError")

    out = run_cli("report", path, "--today", TODAY.isoformat(), "--format", "json", "-q")
    assert out.returncode == 0, out.stderr
    t = json.loads(out.stdout)["totals"]
    # what does not depend on the model's labels, counted by hand
    assert (t["rows"], t["open"], t["done"], t["unknown"], t["overdue"], t["companies"]) == (11, 7, 4, 0, 2, 5)
    assert (t["plan_next"], t["today_due"], t["today_done"], t["today_not_done"], t["empty"]) == (2, 2, 1, 1, 1)

    out = run_cli("score", path, "-o", tmp_path / "again.xls", "-q")
    assert out.returncode == 2 and "name the output .xlsx" in out.stderr
    assert not (tmp_path / "again.xls").exists()
