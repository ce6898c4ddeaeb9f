"""Every kind of bad row is kept, in place, and flagged with its row number."""

from __future__ import annotations

import json

import pytest

from taskqual.batch import score_file
from taskqual.errors import MAX_TEXT_LENGTH

from .conftest import read_csv

GOOD = "отправить КП в Ромашку до пятницы"


def _score(tmp_path, model, name: str, content: bytes, **kw):
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "out.csv"
    summary = score_file(str(src), str(out), model=model, **kw)
    return summary, read_csv(out)


def _errors(out):
    col = out[0].index("error")
    return {i: r[col] for i, r in enumerate(out[1:], 1) if r[col]}


TEXT_CASES = {
    "empty": ("", "EmptyTaskError"),
    "spaces": ("   ", "EmptyTaskError"),
    "punctuation": ("...!!!", "EmptyTaskError"),
    "digits": ("123456", "EmptyTaskError"),
    "too long": ("слово " * (MAX_TEXT_LENGTH // 5), "TaskTooLongError"),
}


@pytest.mark.parametrize("case", list(TEXT_CASES))
def test_unclassifiable_text_is_kept_and_flagged(tmp_path, model, case):
    text, error = TEXT_CASES[case]
    lines = ["ID;Задача", f"1;{GOOD}", f"2;{text}", f"3;{GOOD}"]
    summary, out = _score(tmp_path, model, "in.csv", ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    assert [r[0] for r in out[1:]] == ["1", "2", "3"]
    assert out[2][1] == text
    assert summary.flagged == 1
    errors = _errors(out)
    assert list(errors) == [2] and errors[2].startswith(f"row 2: {error}")
    assert out[2][2] == "" and out[2][4] == "False"  # no label, not concrete
    assert out[1][2] == out[3][2] == "concrete"


def test_undecodable_bytes_are_replaced_and_flagged(tmp_path, model):
    body = ("ID;Задача\r\n" + "".join(f"{i};{GOOD}\r\n" for i in range(1, 40))).encode("utf-8")
    body += b"40;\xcf\xee\xe7\xe2\xee\xed\xe8\xf2\xfc \xff\r\n" + f"41;{GOOD}\r\n".encode()  # cp1251 bytes in UTF-8
    summary, out = _score(tmp_path, model, "in.csv", body)
    assert len(out) == 42 and summary.flagged == 1
    assert "\ufffd" in out[40][1]
    assert _errors(out)[40].startswith("row 40: undecodable bytes for utf-8")


def test_broken_quoting_does_not_swallow_the_following_rows(tmp_path, model):
    lines = [
        "ID;Задача;Ответственный",
        f"1;{GOOD};Иванов",
        '2;"незакрытая кавычка;Петрова',
        f"3;{GOOD};Иванов",
        '4;Ромашка "Вектор;Иванов',
        '5;"многострочная\nзадача ""в кавычках""";Смирнов',
        f"6;{GOOD};Петрова",
    ]
    summary, out = _score(tmp_path, model, "in.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    assert [r[0] for r in out[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert out[2][1:3] == ["незакрытая кавычка", "Петрова"]
    assert out[4][1] == 'Ромашка "Вектор'  # a literal quote inside a field is fine
    assert out[5][1] == 'многострочная\nзадача "в кавычках"'
    errors = _errors(out)
    assert list(errors) == [2] and errors[2].startswith("row 2: broken quoting")
    assert summary.flagged == 1


def test_wrong_field_counts_and_blank_lines(tmp_path, model):
    lines = [
        "ID;Задача;Ответственный",
        f"1;{GOOD};Иванов",
        f"2;{GOOD}",
        f"3;{GOOD};Петрова;лишнее",
        "",
        f"5;{GOOD};Иванов",
        "",
        "",
    ]
    summary, out = _score(tmp_path, model, "in.csv", ("\n".join(lines)).encode("utf-8"))
    assert [r[0] for r in out[1:]] == ["1", "2", "3", "", "5"]  # trailing blank lines are not rows
    errors = _errors(out)
    assert errors[2].startswith("row 2: expected 3 fields, found 2")
    assert errors[3].startswith("row 3: expected 3 fields, found 4") and out[3][2] == "Петрова;лишнее"
    assert errors[4].startswith("row 4: blank line")
    assert set(errors) == {2, 3, 4} and summary.flagged == 3


def test_nul_bytes_and_a_header_only_file(tmp_path, model):
    summary, out = _score(tmp_path, model, "in.csv", f"ID;Задача\n1;{GOOD}\x00\n".encode())
    assert summary.rows == 1 and out[1][2] == "concrete"
    summary, out = _score(tmp_path, model, "empty.csv", "ID;Задача\n".encode())
    assert summary.rows == 0 and len(out) == 1


def test_jsonl_bad_lines(tmp_path, model):
    lines = [
        json.dumps({"id": 1, "text": GOOD}, ensure_ascii=False),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": 4, "text": None}),
        json.dumps({"id": 5, "text": GOOD, "new": 1}, ensure_ascii=False),
    ]
    summary, out = _score(tmp_path, model, "in.jsonl", ("\n".join(lines) + "\n").encode())
    assert [r[0] for r in out[1:]] == ["1", "", "", "4", "5"]
    errors = _errors(out)
    assert errors[2].startswith("row 2: not valid JSON")
    assert errors[3].startswith("row 3: a JSON list, not an object")
    assert errors[4].startswith("row 4: EmptyTaskError")
    assert out[0][:3] == ["id", "text", "new"] and out[5][2] == "1"  # keys of the first records are columns
    assert out[5][3] == "concrete" and summary.flagged == 3


def test_jsonl_keys_first_seen_late_are_flagged(tmp_path, model):
    lines = [json.dumps({"id": i, "text": GOOD}, ensure_ascii=False) for i in range(1, 1101)]
    lines[1050] = json.dumps({"id": 1051, "text": GOOD, "late": "x"}, ensure_ascii=False)
    _summary, out = _score(tmp_path, model, "in.jsonl", ("\n".join(lines) + "\n").encode())
    assert len(out) == 1101 and out[0][:2] == ["id", "text"]
    assert _errors(out) == {1051: "row 1051: fields not in the first records were dropped: late"}
    assert out[1051][2] == "concrete"


def test_xlsx_empty_and_numeric_cells(tmp_path, model):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Задача"])
    ws.append([1, GOOD])
    ws.append([2, None])
    ws.append([3, 12345])
    ws.append([None, None])
    ws.append([5, GOOD])
    ws.append([None, None])  # trailing empty rows are not rows
    wb.save(tmp_path / "in.xlsx")
    summary = score_file(str(tmp_path / "in.xlsx"), str(tmp_path / "out.csv"), model=model)
    out = read_csv(tmp_path / "out.csv")
    assert [r[0] for r in out[1:]] == ["1", "2", "3", "", "5"]
    errors = _errors(out)
    assert errors[2].startswith("row 2: EmptyTaskError") and errors[3].startswith("row 3: EmptyTaskError")
    assert errors[4].startswith("row 4: empty row")
    assert summary.flagged == 3


def test_parquet_null_text(tmp_path, model):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [GOOD, None, GOOD]}), tmp_path / "in.parquet")
    summary = score_file(str(tmp_path / "in.parquet"), str(tmp_path / "out.parquet"), model=model)
    t = pq.read_table(tmp_path / "out.parquet").to_pydict()
    assert t["label"] == ["concrete", None, "concrete"]
    assert t["error"][1].startswith("row 2: EmptyTaskError") and summary.flagged == 1


def test_input_that_is_not_a_table_is_refused_cleanly(tmp_path, model):
    from taskqual.batch.readers import InputError

    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        score_file(str(tmp_path / "empty.csv"), str(tmp_path / "out.csv"), model=model)
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"not a readable \.xlsx"):
        score_file(str(tmp_path / "bad.xlsx"), str(tmp_path / "out.csv"), model=model)
    assert not (tmp_path / "out.csv").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
