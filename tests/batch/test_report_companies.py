"""The report's hints name the company of the export's company column, not a word of the task text.

Run as a head of sales runs it: the installed ``taskqual report`` command on a CSV export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.slow  # the installed command in subprocesses

ROWS = [
    # ID, task, manager, company column, «Элементы CRM», due, status
    ["1", "Екатеринбург — перезвонить", "Петрова Анна", "ООО «Клиника Доктор Плюс»", "", "10.11.2026", "В работе"],
    ["2", "перезвонить Ромашке", "Петрова Анна", "Вектор", "", "12.11.2026", "В работе"],
    ["3", "перезвонить Ромашке", "Петрова Анна", "", "", "12.11.2026", "В работе"],
    ["4", "ЛПР", "Сидоров Олег", "АО «Спектр»", "", "01.11.2026", "В работе"],
    ["5", "позвонить", "Сидоров Олег", "", "Сделка: Поставка №7; Компания: Техноплекс", "02.11.2026", "В работе"],
]


def _export(path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["ID", "Задача", "Ответственный", "Компания", "Элементы CRM", "Крайний срок", "Статус"])
        w.writerows(ROWS)
    return path


def _hints(report: dict) -> dict[int, str]:
    return {t["row"]: t["hint"] for t in report["overdue_tasks"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_hints_name_the_company_of_the_export(tmp_path, jobs):
    r = run_cli(
        "report", _export(tmp_path / "export.csv"), "--format", "json", "--today", "2026-11-20", "--jobs", jobs, "-q"
    )
    assert r.returncode == 0, r.stderr
    hints = _hints(json.loads(r.stdout))
    assert len(hints) == 5
    # the company column wins over a city or another name in the text
    assert "«ООО „Клиника Доктор Плюс“ — позвонить" in hints[1] and "Екатеринбург" not in hints[1]
    assert "«Вектор — позвонить" in hints[2] and "Ромашк" not in hints[2]
    # the same text without a company in the export: the name the text holds
    assert "«Ромашка — позвонить" in hints[3]
    # a role is never the client; the export's company heads the example
    assert "«АО „Спектр“ — " in hints[4] and "«ЛПР —" not in hints[4]
    # no company column value: the «Компания:» part of the composite «Элементы CRM» cell
    assert "«Техноплекс — позвонить" in hints[5]
