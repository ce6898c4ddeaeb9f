"""Round trips: every input format and CSV encoding gives every row back, in order, with scores."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from taskqual.batch import OUTPUT_COLUMNS, score_file
from taskqual.batch.columns import ColumnError
from taskqual.batch.readers import open_source
from taskqual.batch.sniff import detect_delimiter, detect_encoding

from .conftest import HEADER, read_csv, write_csv


def _check_scored(out: list[list[str]], rows: list[list[str]]) -> None:
    assert out[0] == rows[0] + list(OUTPUT_COLUMNS)
    assert len(out) == len(rows)
    for got, want in zip(out[1:], rows[1:]):
        assert got[: len(want)] == want  # every input cell unchanged, rows in order
        label, confidence, is_concrete, missing, hint, error = got[len(want) :]
        assert label in ("concrete", "vague", "company_only", "delegable")
        assert 0 < float(confidence) <= 1
        assert is_concrete == str(label == "concrete")
        assert set(filter(None, missing.split(","))) <= {"action", "result", "deadline"}
        assert hint and error == ""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_round_trip_every_encoding_and_delimiter(tmp_path, rows, model, encoding, delimiter):
    src = write_csv(tmp_path / "in.csv", rows, encoding=encoding, delimiter=delimiter)
    with open_source(str(src)) as s:
        assert (s.encoding, s.delimiter) == (encoding, delimiter)
    summary = score_file(str(src), str(tmp_path / "out.csv"), model=model)
    assert (summary.rows, summary.flagged) == (len(rows) - 1, 0)
    _check_scored(read_csv(tmp_path / "out.csv", delimiter=delimiter), rows)


def test_forced_encoding_and_delimiter(tmp_path, rows, model):
    rows = [[c.encode("koi8_r", "replace").decode("koi8_r") for c in r] for r in rows]
    src = write_csv(tmp_path / "in.txt", rows, encoding="koi8_r", delimiter="|")
    score_file(str(src), str(tmp_path / "out.csv"), encoding="koi8-r", delimiter="|", model=model)
    _check_scored(read_csv(tmp_path / "out.csv", delimiter="|"), rows)


def test_detection_on_the_sample_export():
    sample = "ID;Задача;Ответственный\r\n1;Позвонить, уточнить цену;Иванов\r\n".encode("cp1251")
    assert detect_encoding(sample) == "cp1251"
    assert detect_delimiter(sample.decode("cp1251")) == ";"
    # mostly UTF-8 with one broken byte stays UTF-8 (the row is flagged, not the file misread)
    assert detect_encoding(("Задача;Ответственный\n" * 20).encode() + b"\xff\n") == "utf-8"


def test_chunk_size_does_not_change_the_output(tmp_path, rows, model):
    src = write_csv(tmp_path / "in.csv", rows)
    score_file(str(src), str(tmp_path / "a.csv"), model=model, chunk_rows=4)
    score_file(str(src), str(tmp_path / "b.csv"), model=model, chunk_rows=10_000)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def _write_input(path, rows, fmt):
    header, body = rows[0], rows[1:]
    if fmt == "csv":
        write_csv(path, rows)
    elif fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for r in body:
                f.write(json.dumps(dict(zip(header, r)), ensure_ascii=False) + "\n")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        for r in rows:
            ws.append(r)
        wb.save(path)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table({h: [r[i] for r in body] for i, h in enumerate(header)})
        pq.write_table(table, path, row_group_size=7)


def _read_output(path, fmt):
    """(header, rows as lists of str) of an output file."""
    if fmt == "csv":
        out = read_csv(path)
        return out[0], out[1:]
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as f:
            recs = [json.loads(line) for line in f]
        header = list(recs[0])
        return header, [[_s(r[h]) for h in header] for r in recs]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        data = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
        return [str(h) for h in data[0]], [[_s(v) for v in r] for r in data[1:]]
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    cols = t.to_pydict()
    return t.column_names, [[_s(cols[h][i]) for h in t.column_names] for i in range(t.num_rows)]


def _s(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


FORMATS = {"csv": "csv", "jsonl": "jsonl", "xlsx": "xlsx", "parquet": "parquet"}


@pytest.mark.parametrize("fmt_in", list(FORMATS))
@pytest.mark.parametrize("fmt_out", list(FORMATS))
def test_every_format_to_every_format(tmp_path, rows, model, fmt_in, fmt_out):
    src = tmp_path / f"in.{fmt_in}"
    _write_input(src, rows, fmt_in)
    out = tmp_path / f"out.{fmt_out}"
    summary = score_file(str(src), str(out), model=model, chunk_rows=5)
    assert summary.rows == len(rows) - 1 and summary.flagged == 0
    header, body = _read_output(out, fmt_out)
    assert header == HEADER + list(OUTPUT_COLUMNS)
    assert [r[: len(HEADER)] for r in body] == rows[1:]
    reference = read_csv(_reference(tmp_path, rows, model))
    n = len(HEADER)
    assert [(r[n], float(r[n + 1]), r[n + 2]) for r in body] == [
        (r[n], float(r[n + 1]), r[n + 2]) for r in reference[1:]
    ]


def _reference(tmp_path, rows, model):
    ref = tmp_path / "reference.csv"
    if not ref.exists():
        score_file(str(write_csv(tmp_path / "ref-in.csv", rows)), str(ref), model=model)
    return ref


def test_parquet_keeps_column_types(tmp_path, model):
    import pyarrow as pa
    import pyarrow.parquet as pq

    when = [dt.datetime(2026, 11, 1 + i % 20, 18) for i in range(50)]
    table = pa.table({"id": pa.array(range(50), pa.int64()), "title": ["отправить КП до пятницы"] * 50, "due": when})
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=16)
    score_file(str(tmp_path / "in.parquet"), str(tmp_path / "out.parquet"), model=model, chunk_rows=10)
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.schema.field("id").type == pa.int64()
    assert out.schema.field("due").type == table.schema.field("due").type
    assert out.schema.field("confidence").type == pa.float64()
    assert out.schema.field("is_concrete").type == pa.bool_()
    assert out.column("id").to_pylist() == list(range(50))
    assert out.column("due").to_pylist() == when


def test_xlsx_keeps_numbers_and_dates(tmp_path, model):
    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Название задачи", "Срок"])
    for i in range(12):
        ws.append([i + 1, "выслать договор на подпись", dt.datetime(2026, 11, 20, 18)])
    wb.save(tmp_path / "in.xlsx")
    score_file(str(tmp_path / "in.xlsx"), str(tmp_path / "out.xlsx"), model=model)
    data = list(load_workbook(tmp_path / "out.xlsx", read_only=True).worksheets[0].iter_rows(values_only=True))
    assert data[1][:3] == (1, "выслать договор на подпись", dt.datetime(2026, 11, 20, 18))
    assert len(data) == 13 and data[1][3] == "concrete"


@pytest.mark.parametrize("name", ["Задача", "Название", "Текст задачи", "Описание", "text", "task", "title"])
def test_text_column_found_by_its_usual_names(tmp_path, model, name):
    src = write_csv(tmp_path / "in.csv", [["id", "Ответственный", name], ["1", "Иванов", "позвонить"]])
    summary = score_file(str(src), str(tmp_path / "out.csv"), model=model)
    assert summary.text_column == name


def test_text_column_given_or_refused(tmp_path, model):
    src = write_csv(tmp_path / "in.csv", [["id", "Что сделать", "Заметка"], ["1", "позвонить", "x"]])
    with pytest.raises(ColumnError, match="--text-column"):
        score_file(str(src), str(tmp_path / "out.csv"), model=model)
    with pytest.raises(ColumnError, match="no column 'Нет такого'"):
        score_file(str(src), str(tmp_path / "out.csv"), model=model, text_column="Нет такого")
    assert not (tmp_path / "out.csv").exists()
    summary = score_file(str(src), str(tmp_path / "out.csv"), model=model, text_column="Что сделать")
    assert summary.rows == 1


def test_rescoring_a_scored_file_replaces_the_old_columns(tmp_path, rows, model):
    src = write_csv(tmp_path / "in.csv", rows)
    score_file(str(src), str(tmp_path / "once.csv"), model=model)
    summary = score_file(str(tmp_path / "once.csv"), str(tmp_path / "twice.csv"), model=model)
    assert summary.replaced_columns == list(OUTPUT_COLUMNS)
    assert read_csv(tmp_path / "twice.csv") == read_csv(tmp_path / "once.csv")


def test_copied_records_equal_requoted_records(tmp_path, model, monkeypatch):
    """The CSV writer copies clean records as read; quoting every field again gives the same file."""
    from taskqual.batch import writers

    from .conftest import SAMPLE

    score_file(str(SAMPLE), str(tmp_path / "copied.csv"), model=model)
    real_init = writers.CsvWriter.__init__

    def no_copy(self, *a, **kw):
        real_init(self, *a, **kw)
        self._copy_raw = False

    monkeypatch.setattr(writers.CsvWriter, "__init__", no_copy)
    score_file(str(SAMPLE), str(tmp_path / "requoted.csv"), model=model)
    assert (tmp_path / "copied.csv").read_bytes() == (tmp_path / "requoted.csv").read_bytes()


def test_verdict_cache_keeps_the_recently_used():
    from taskqual.batch.scoring import VerdictCache

    cache = VerdictCache(size=3)
    cache.add(["a", "b", "c"], [(1,), (2,), (3,)])
    found, todo = cache.split(["a", "x", "a"])  # "a" is used again, so "b" is now the oldest
    assert found == {"a": (1,)} and todo == ["x"]
    cache.add(["x"], [(4,)])
    found, todo = cache.split(["a", "b", "c", "x"])
    assert set(found) == {"a", "c", "x"} and todo == ["b"]
