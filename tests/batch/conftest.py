"""Shared fixtures for the batch tests: the shipped model (once), the sample backlog, the CLI."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "backlog.csv"
HEADER = ["ID", "Задача", "Ответственный", "Компания", "Крайний срок", "Статус"]
TEXTS = [
    "Получить решение об оплате счёта №418",
    "позвонить",
    'ООО "Ромашка"',
    "Сделать презентацию для Вектора",
    "Ромашка — договориться о встрече с ЛПР на четверг",
    "перезвонить Ромашке",
    "ИП Сидоров А.В.",
    "распечатать и отсканировать договор",
    "Отправить КП; потом выставить счёт",  # a delimiter inside the text
    "Многострочная\nзадача: согласовать «спецификацию» до 15.03",
    'Кавычки "внутри" текста',
]


@pytest.fixture(scope="session")
def model():
    import taskqual

    return taskqual.default_model()


@pytest.fixture(scope="session")
def rows() -> list[list[str]]:
    """A small backlog (header first) whose texts cover every label and CSV quirks."""
    out = [HEADER]
    for i, text in enumerate(TEXTS * 3):
        out.append(
            [
                str(1000 + i),
                text,
                ["Иванов", "Петрова", "Смирнов"][i % 3],
                ["Ромашка", "", "Вектор"][i % 3],
                f"{10 + i % 15:02d}.11.2026 18:00:00",
                "Завершена" if i % 4 == 0 else "Ждёт выполнения",
            ]
        )
    return out


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig", delimiter: str = ";") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def read_csv(path: Path, *, encoding: str = "utf-8-sig", delimiter: str = ";") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def taskqual_command() -> list[str]:
    """The installed console script (next to this interpreter), else ``python -m taskqual``."""
    here = Path(sys.executable).parent / "taskqual"
    if here.exists():
        return [str(here)]
    found = shutil.which("taskqual")
    return [found] if found else [sys.executable, "-m", "taskqual"]


def run_cli(*args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="160")
    return subprocess.run(
        [*taskqual_command(), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        **kw,
    )
