"""``taskqual score --lang ru``: the English machine columns stay, Russian columns for a head of sales follow
them (headers from :mod:`taskqual.batch.russian_columns`, label names from the label registry); checked on
real files written by the installed command and read back with the csv module and openpyxl."""

from __future__ import annotations

import pytest

from taskqual import labels
from taskqual.batch import OUTPUT_COLUMNS, score_file
from taskqual.batch.russian_columns import MISSING_RU, RUSSIAN_HEADERS

from .conftest import read_csv, run_cli, write_csv

RU = ["Оценка задачи", "Чего не хватает", "Подсказка", "Что не так со строкой"]


def _with_bad_rows(rows: list[list[str]]) -> list[list[str]]:
    """The fixture backlog plus a task with no text and one far over the length limit (rows 34 and 35)."""
    return [*rows, ["2000", "", "Иванов", "", "", ""], ["2001", "позвонить " * 300, "Петрова", "", "", ""]]


def _check_russian(header: list, body: list[list], width: int) -> None:
    """Every Russian cell is what the machine cells of its row say, in the guide's words."""
    assert header[width:] == [*OUTPUT_COLUMNS, *RU]
    names = {lb.id: lb.long_name_ru for lb in labels.registry()}
    for row in body:
        label, _conf, _concrete, missing, hint, error, label_ru, missing_ru, hint_ru, problem = (
            "" if v is None else v for v in row[width:]
        )
        if label:
            assert label_ru == names[label] and problem == ""
            assert missing_ru == ", ".join(MISSING_RU[m] for m in missing.split(",") if m)
            assert hint_ru == hint and hint
        else:
            assert error and not missing_ru and not hint_ru
    *_, empty, long = body
    assert empty[width + 6 :][0] == "пустая задача" and "нет текста" in empty[-1]
    assert long[width + 6 :][0] == "не оценена" and "длиннее 2000 знаков" in long[-1]


def test_the_russian_headers_come_from_one_table():
    assert list(RUSSIAN_HEADERS) == RU


def test_score_file_with_and_without_russian_columns(tmp_path, rows, model):
    rows = _with_bad_rows(rows)
    src = write_csv(tmp_path / "in.csv", rows)
    score_file(str(src), str(tmp_path / "ru.csv"), model=model, lang="ru", chunk_rows=7)
    out = read_csv(tmp_path / "ru.csv")
    assert [r[: len(rows[0])] for r in out] == rows  # every input cell, in order
    _check_russian(out[0], out[1:], len(rows[0]))
    # re-scoring a Russian file in English replaces both sets of columns instead of adding a second set
    summary = score_file(str(tmp_path / "ru.csv"), str(tmp_path / "en.csv"), model=model)
    assert summary.replaced_columns == [*OUTPUT_COLUMNS, *RU]
    assert read_csv(tmp_path / "en.csv")[0] == rows[0] + list(OUTPUT_COLUMNS)


def test_a_column_called_like_ours_in_an_unscored_export_is_kept(tmp_path, model):
    rows = [["Задача", "Подсказка"], ["отправить КП до пятницы", "от клиента"]]
    score_file(str(write_csv(tmp_path / "in.csv", rows)), str(tmp_path / "out.csv"), model=model, lang="ru")
    out = read_csv(tmp_path / "out.csv")
    assert out[0] == [*rows[0], *OUTPUT_COLUMNS, *RU] and out[1][1] == "от клиента"


@pytest.mark.slow
@pytest.mark.parametrize("delimiter", [";", ","])  # «;» copies the input's records, «,» writes every cell
def test_the_command_writes_russian_columns_to_csv(tmp_path, rows, delimiter):
    rows = _with_bad_rows(rows)
    src = write_csv(tmp_path / "in.csv", rows)
    out_path = tmp_path / "ru.csv"
    r = run_cli("score", src, "-o", out_path, "--lang", "ru", "--output-delimiter", delimiter, "-q")
    assert r.returncode == 0, r.stderr
    out = read_csv(out_path, delimiter=delimiter)
    assert [row[: len(rows[0])] for row in out] == rows
    _check_russian(out[0], out[1:], len(rows[0]))
    r = run_cli("score", src, "-o", tmp_path / "en.csv", "-q")  # without --lang: the machine columns only
    assert read_csv(tmp_path / "en.csv")[0] == rows[0] + list(OUTPUT_COLUMNS)


@pytest.mark.slow
def test_the_command_writes_russian_columns_to_xlsx(tmp_path, rows):
    from openpyxl import load_workbook

    rows = _with_bad_rows(rows)
    src = write_csv(tmp_path / "in.csv", rows)
    r = run_cli("score", src, "-o", tmp_path / "ru.xlsx", "--lang", "ru", "-q")
    assert r.returncode == 0, r.stderr
    wb = load_workbook(tmp_path / "ru.xlsx", read_only=True)
    got = [list(row) for row in wb.active.iter_rows(values_only=True)]
    assert [[("" if v is None else v) for v in row[: len(rows[0])]] for row in got] == rows
    _check_russian(got[0], got[1:], len(rows[0]))
    r = run_cli("score", src, "-o", tmp_path / "x.xlsx", "--lang", "de")
    assert r.returncode == 2 and "--lang" in r.stderr and not (tmp_path / "x.xlsx").exists()
