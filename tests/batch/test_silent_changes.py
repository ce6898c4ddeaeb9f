"""Nothing changes without a word: mixed encodings, an input changed mid-run, characters the output
encoding lacks, and cells a spreadsheet would run as formulas."""

from __future__ import annotations

import subprocess
import time

from .conftest import SAMPLE, read_csv, run_cli, taskqual_command

GOOD = "отправить КП в Ромашку до пятницы"


def test_utf8_rows_in_a_cp1251_export_are_read_as_utf8_and_flagged(tmp_path):
    src = tmp_path / "mixed.csv"
    rows = [f"{i};Позвонить в Ромашку {i}, уточнить «спецификацию» — до 15.03".encode("cp1251") for i in range(1, 41)]
    rows[9] = "10;Позвонить в Ромашку, уточнить ёмкость — до пятницы".encode()  # pasted from elsewhere
    src.write_bytes("ID;Задача\r\n".encode("cp1251") + b"\r\n".join(rows) + b"\r\n")
    r = run_cli("score", src, "-o", tmp_path / "out.csv", "-q")
    assert r.returncode == 0, r.stderr
    out = read_csv(tmp_path / "out.csv")
    assert len(out) == 41
    assert out[10][1] == "Позвонить в Ромашку, уточнить ёмкость — до пятницы"  # not «РџРѕР·РІ...»
    assert out[10][-1] == "row 10: this row was in UTF-8, not cp1251: read as UTF-8"
    assert [row[-1] for i, row in enumerate(out[1:], 1) if i != 10] == [""] * 39
    assert out[1][1] == "Позвонить в Ромашку 1, уточнить «спецификацию» — до 15.03"


def test_characters_the_output_encoding_lacks_are_flagged(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(f"ID;Задача\n1;{GOOD}\n2;{GOOD} 🔥\n3;{GOOD}\n", encoding="utf-8")
    r = run_cli("score", src, "-o", tmp_path / "out.csv", "--output-encoding", "cp1251", "-q")
    assert r.returncode == 0, r.stderr
    out = read_csv(tmp_path / "out.csv", encoding="cp1251")
    assert out[2][1] == f"{GOOD} ?"
    assert out[2][-1] == "row 2: characters that cp1251 cannot hold (e.g. emoji) were written as ?"
    assert out[1][-1] == out[3][-1] == ""


def test_an_input_truncated_while_it_is_read_fails_the_run(tmp_path):
    src = tmp_path / "big.csv"
    lines = SAMPLE.read_bytes().split(b"\r\n")
    header, body = lines[0], b"\r\n".join(ln for ln in lines[1:] if ln) + b"\r\n"
    src.write_bytes(header + b"\r\n" + body * 70)  # 210,000 rows
    out = tmp_path / "scored.csv"
    proc = subprocess.Popen(
        [*taskqual_command(), "score", str(src), "-o", str(out), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
        p.name.endswith(".part") and p.stat().st_size > 100_000 for p in tmp_path.iterdir()
    ):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    with open(src, "r+b") as f:  # the export is overwritten in place with a shorter one
        f.truncate(len(body) * 20)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, err
    assert "changed size" in err and "while it was being read" in err and "Traceback" not in err
    assert {p.name for p in tmp_path.iterdir()} == {"big.csv"}


def test_xlsx_output_never_holds_a_live_formula(tmp_path):
    import openpyxl

    src = tmp_path / "in.csv"
    src.write_text(
        f'ID;Задача;Комментарий\n1;=HYPERLINK("http://example.invalid","жми");@SUM(A1)\n2;{GOOD};-5\n', encoding="utf-8"
    )
    r = run_cli("score", src, "-o", tmp_path / "out.xlsx", "-q")
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    cell = ws["B2"]
    assert cell.value == '=HYPERLINK("http://example.invalid","жми")' and cell.data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert ws["C2"].value == "@SUM(A1)" and ws["C3"].value == "-5"


def test_csv_with_safe_formulas_prefixes_a_quote(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(f"ID;Задача;Комментарий\n1;=1+2;+7 999 000-00-00\n2;{GOOD};-5\n", encoding="utf-8")
    r = run_cli("score", src, "-o", tmp_path / "safe.csv", "--safe-formulas", "-q")
    assert r.returncode == 0, r.stderr
    safe = read_csv(tmp_path / "safe.csv")
    assert [row[1:3] for row in safe[1:]] == [["'=1+2", "'+7 999 000-00-00"], [GOOD, "-5"]]
    r = run_cli("score", src, "-o", tmp_path / "plain.csv", "-q")  # CSV default: cells as they were
    assert read_csv(tmp_path / "plain.csv")[1][1:3] == ["=1+2", "+7 999 000-00-00"]
