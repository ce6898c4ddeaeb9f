"""Inputs a user can have, fed to the installed ``taskqual score`` and ``taskqual report``.

Each either gives every row back (rows in = rows out, the odd ones flagged in ``error``) or ends
with a one-line message and a documented exit code (see ``taskqual.cli.failures``), never a
traceback, and never leaves an output or a ``.part`` file behind.
"""

from __future__ import annotations

import csv
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import read_csv, run_cli

GOOD = "отправить КП в Ромашку до пятницы"
csv.field_size_limit(1 << 24)  # to read back the long cells of the output


@dataclass
class Case:
    name: str
    content: bytes
    rows: int | None  # rows the output must have; None: the run must fail
    exit_code: int = 0
    message: str = ""  # in stderr when the run fails, in the error column otherwise
    args: list[str] = field(default_factory=list)
    suffix: str = ".csv"
    score_only: bool = False


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _xlsx_cut(tmp: Path) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Задача"])
    for i in range(2000):
        ws.append([i, f"{GOOD} {i}"])
    whole = tmp / "whole.xlsx"
    wb.save(whole)
    cut = tmp / "cut.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the sheet XML ends mid-row
            dst.writestr(item, data)
    return cut.read_bytes()


def _cases(tmp: Path) -> list[Case]:
    long_cell = "Позвонить " * 20_000  # 200,000 characters, over the csv module's 131,072
    many_lines = "\n".join(f"строка {k} письма" for k in range(300))  # a quoted cell over 300 lines
    deep = "[" * 3000 + "]" * 3000
    return [
        Case(
            "cell over 131072 characters",
            _csv(["ID;Задача", f"1;{GOOD}", f"2;{long_cell}", f"3;{GOOD}"]),
            rows=3,
            message="row 2: TaskTooLongError",
        ),
        Case(
            "quoted cell over 300 lines",
            _csv(["ID;Задача;Описание;Компания", *(f'{i};{GOOD};"{many_lines}";Ромашка' for i in range(1, 11))]),
            rows=10,
            message="",
        ),
        Case(
            "jsonl line nested 3000 deep",
            "\n".join(
                [
                    json.dumps({"id": 1, "text": GOOD}, ensure_ascii=False),
                    deep,
                    json.dumps({"id": 3, "text": GOOD}, ensure_ascii=False),
                ]
            ).encode()
            + b"\n",
            rows=3,
            message="not valid JSON",
            suffix=".jsonl",
        ),
        Case(
            "xlsx with its sheet cut",
            _xlsx_cut(tmp),
            rows=None,
            exit_code=2,
            message="the sheet is damaged",
            suffix=".xlsx",
        ),
        Case(
            "unknown --encoding",
            _csv(["ID;Задача", f"1;{GOOD}"]),
            rows=None,
            exit_code=2,
            message="--encoding: unknown encoding 'cp9999'",
            args=["--encoding", "cp9999"],
        ),
        Case(
            "unknown --output-encoding",
            _csv(["ID;Задача", f"1;{GOOD}"]),
            rows=None,
            exit_code=2,
            message="--output-encoding: unknown encoding 'latin-99'",
            args=["--output-encoding", "latin-99"],
            score_only=True,
        ),
        Case("empty file", b"", rows=None, exit_code=2, message="is empty"),
        Case(
            "not a workbook",
            b"PK\x03\x04 not really a zip",
            rows=None,
            exit_code=2,
            message="not a readable .xlsx workbook",
            suffix=".xlsx",
        ),
        Case(
            "binary junk with control characters",
            b"\x00\x1b[31m\x00;\x07\n\x00\x1b]0;x\x07\n",
            rows=None,
            exit_code=2,
            message="--text-column",
        ),
    ]


CASE_NAMES = [
    "cell over 131072 characters",
    "quoted cell over 300 lines",
    "jsonl line nested 3000 deep",
    "xlsx with its sheet cut",
    "unknown --encoding",
    "unknown --output-encoding",
    "empty file",
    "not a workbook",
    "binary junk with control characters",
]


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Case]:
    return {c.name: c for c in _cases(tmp_path_factory.mktemp("cases"))}


def _no_leftovers(directory: Path, keep: set[str]) -> None:
    assert {p.name for p in directory.iterdir()} == keep


@pytest.mark.parametrize("name", CASE_NAMES)
def test_score(tmp_path, cases, name):
    case = cases[name]
    src = tmp_path / f"in{case.suffix}"
    src.write_bytes(case.content)
    out = tmp_path / "out.csv"
    r = run_cli("score", src, "-o", out, "-q", *case.args)
    assert "Traceback" not in r.stderr
    assert not any(c in r.stderr for c in "\x00\x1b\x07"), "control characters reached the terminal"
    if case.rows is None:
        assert r.returncode == case.exit_code, r.stderr
        assert r.stderr.startswith("taskqual score: ") and case.message in r.stderr, r.stderr
        assert r.stderr.count("\n") == 1
        _no_leftovers(tmp_path, {src.name})
        return
    assert r.returncode == 0, r.stderr
    got = read_csv(out)
    assert len(got) - 1 == case.rows  # rows in = rows out
    errors = [row[-1] for row in got[1:] if row[-1]]
    if case.message:
        assert any(case.message in e for e in errors), errors
    else:
        assert errors == []
    _no_leftovers(tmp_path, {src.name, out.name})


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if n != "unknown --output-encoding"])
def test_report(tmp_path, cases, name):
    case = cases[name]
    src = tmp_path / f"in{case.suffix}"
    src.write_bytes(case.content)
    out = tmp_path / "report.json"
    r = run_cli("report", src, "--format", "json", "-o", out, "-q", *case.args)
    assert "Traceback" not in r.stderr
    assert not any(c in r.stderr for c in "\x00\x1b\x07")
    if case.rows is None:
        assert r.returncode == case.exit_code, r.stderr
        assert r.stderr.startswith("taskqual report: ") and case.message in r.stderr, r.stderr
        _no_leftovers(tmp_path, {src.name})
        return
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["totals"]["rows"] == case.rows


def test_the_quoted_cell_keeps_every_line_and_the_fields_after_it(tmp_path, cases):
    src = tmp_path / "in.csv"
    src.write_bytes(cases["quoted cell over 300 lines"].content)
    r = run_cli("score", src, "-o", tmp_path / "out.csv", "-q")
    assert r.returncode == 0, r.stderr
    got = read_csv(tmp_path / "out.csv")
    assert [row[0] for row in got[1:]] == [str(i) for i in range(1, 11)]
    assert all(row[1] == GOOD and row[2].count("\n") == 299 and row[3] == "Ромашка" for row in got[1:])
