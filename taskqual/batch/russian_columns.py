"""The Russian columns of a scored file (``taskqual score --lang ru``), in one table.

The English machine columns (``label``, ``confidence``, ``is_concrete``, ``missing``, ``hint``,
``error``) stay as they are, for scripts, filters and a later re-scoring; ``--lang ru`` adds after them
the columns a head of sales reads, with Russian headers and Russian values: the labeling guide's name
of the label (from the label registry, :mod:`taskqual.labels`), what is missing in words, the hint, and
what is wrong with a row that could not be scored.

>>> [c.header for c in RUSSIAN_COLUMNS]
['Оценка задачи', 'Чего не хватает', 'Подсказка', 'Что не так со строкой']
>>> label_ru("vague", None), label_ru(None, "row 3: EmptyTaskError: no words"), missing_ru("result,deadline")
('размытая задача', 'пустая задача', 'результат, срок')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from taskqual import labels

LANGS = ("en", "ru")
"""``--lang``: ``en`` writes the machine columns only, ``ru`` adds the Russian ones."""

MISSING_RU = {"action": "действие", "result": "результат", "deadline": "срок"}
"""The parts of a task the ``missing`` column names, as the labeling guide says them."""

NOT_SCORED = "не оценена"


def label_ru(label: str | None, error: str | None) -> str:
    """The label in the guide's words; «пустая задача» for a task with no text, «не оценена» for another error."""
    if label is not None:
        try:
            return labels.get(label).long_name_ru
        except KeyError:
            return label
    if error is not None and "EmptyTaskError" in error:
        return labels.EMPTY.long_name_ru
    return NOT_SCORED if error is not None else ""


def missing_ru(missing: str) -> str:
    """``action,result,deadline`` as «действие, результат, срок»."""
    return ", ".join(MISSING_RU.get(m, m) for m in missing.split(",") if m)


def error_ru(error: str | None) -> str:
    """What is wrong with a row that got no label, in a head of sales' words ("" for a scored row)."""
    if not error:
        return ""
    if "EmptyTaskError" in error:
        return "в задаче нет текста: напишите, что сделать и какой результат получить"
    if "TaskTooLongError" in error:
        return "текст длиннее 2000 знаков: похоже на вставленное письмо, а не на задачу"
    if "line" in error or "field" in error or "cells" in error or "decode" in error or "quot" in error:
        return "строку файла не удалось прочитать целиком"
    if "cannot hold" in error:
        return "часть символов (например, эмодзи) не поместилась в кодировку файла и заменена на ?"
    return "текст не удалось оценить"


@dataclass(frozen=True)
class RussianColumn:
    """One added column: its Russian header and how its value comes from a row's machine values."""

    header: str
    value: Callable[[str | None, str, str, str | None], str]  # (label, missing, hint, error) -> cell


RUSSIAN_COLUMNS: tuple[RussianColumn, ...] = (
    RussianColumn("Оценка задачи", lambda label, missing, hint, error: label_ru(label, error)),
    RussianColumn("Чего не хватает", lambda label, missing, hint, error: missing_ru(missing)),
    RussianColumn("Подсказка", lambda label, missing, hint, error: hint),
    RussianColumn("Что не так со строкой", lambda label, missing, hint, error: error_ru(error)),
)
RUSSIAN_HEADERS: tuple[str, ...] = tuple(c.header for c in RUSSIAN_COLUMNS)


def russian_values(
    label: Sequence[str | None], missing: Sequence[str], hint: Sequence[str], error: Sequence[str | None]
) -> list[list[str]]:
    """The Russian columns (one list per column) for rows with these machine values."""
    rows = list(zip(label, missing, hint, error))
    return [[c.value(*r) for r in rows] for c in RUSSIAN_COLUMNS]


def check_lang(lang: str) -> str:
    """``lang`` if taskqual writes it, else a ValueError that names the choices."""
    if lang not in LANGS:
        raise ValueError(f"--lang {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


__all__ = [
    "LANGS",
    "MISSING_RU",
    "RUSSIAN_COLUMNS",
    "RUSSIAN_HEADERS",
    "RussianColumn",
    "check_lang",
    "error_ru",
    "label_ru",
    "missing_ru",
    "russian_values",
]
