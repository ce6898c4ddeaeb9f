"""The HTML report: self-contained, in Russian, rendered by headless Chromium at 1280 px without a
horizontal scroll and on A4, every section present and every figure on the page equal to the JSON's."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from pathlib import Path

import pytest

from taskqual.batch import report_file
from taskqual.batch.html import render_html
from taskqual.batch.report import build_report
from taskqual.batch.terminal import report_tables

from . import crm_exports as X
from .chromium import chromium_path, open_page
from .conftest import SAMPLE

SECTIONS = ("plan", "today", "warm", "overdue", "frozen", "hot", "priorities", "results", "load", "quality")
_no_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed")


def needs_chromium(test):
    """A test that drives headless Chromium: skipped without it, and ``slow``."""
    return pytest.mark.slow(_no_chromium(test))


FIGURES_JS = """Array.from(document.querySelectorAll('[data-figure]'),
    e => [e.dataset.figure, e.dataset.value, e.textContent])"""
LAYOUT_JS = """({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    wide: Array.from(document.querySelectorAll('section, table, svg'))
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(e => e.id || e.tagName),
    sections: Array.from(document.querySelectorAll('main > section'), s => s.id),
    visible: document.body.innerText
})"""


@pytest.fixture(scope="module")
def sample(model):
    return report_file(str(SAMPLE), today=dt.date(2026, 11, 20), model=model)


@pytest.fixture(scope="module")
def bitrix(tmp_path_factory):
    """Every section filled: Bitrix24 tasks with results, deal stages, warm leads, a hot list, a company list
    and task links."""
    d = tmp_path_factory.mktemp("bitrix")
    (d / "hot.txt").write_text("Гамма\nОмега\n", encoding="utf-8")
    X.write(d / "companies.csv", [["Компания"], ["Ромашка"], ["Сигма"]])
    path = X.write(d / "bitrix.csv", X.bitrix24_full())
    return build_report(
        str(path),
        today=dt.date(2026, 11, 18),
        model=X.StandIn(),
        hot_file=str(d / "hot.txt"),
        companies_file=str(d / "companies.csv"),
        task_url="https://crm.example.ru/task/{id}/",
    )


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """An export with only the text and the manager: the page must say what is missing."""
    path = X.write(tmp_path_factory.mktemp("bare") / "bare.csv", [[r[2], r[4]] for r in X.amocrm()])
    return build_report(str(path), today=dt.date(2026, 11, 18), model=X.StandIn())


def _page(report: dict, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path


def _at(report: dict, path: str):
    value = report
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def test_the_page_is_self_contained_and_russian(sample, tmp_path):
    html = _page(sample, tmp_path, "sample").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<script src" not in html and "@import" not in html and "url(" not in html
    assert html.count("<svg") == 3  # concrete share, label mix, overdue per manager
    for words in (
        "План на понедельник, 23 ноября",
        "План и факт за сегодня, 20 ноября",
        "Замерзающие клиенты",
        "6 менеджеров",
        "3\u00a0000 задач",
        "конкретное действие",
        "можно делегировать",
        "пустая задача",
    ):
        assert words in html
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO dates on the page
    assert "стр." not in text and "Уверенность" not in text and "EmptyTaskError" not in text
    assert not re.search(r"\b(?:4|62) (?:менеджеров|задач)\b", text)


def test_the_terminal_table(sample):
    from rich.console import Console

    console = Console(record=True, width=160)
    report_tables(sample, console)
    text = console.export_text()
    assert "Итого" in text and "Иванов Сергей" in text and "План на понедельник, 23 ноября" in text


def test_the_terminal_without_status_and_due(bare):
    from rich.console import Console

    from taskqual.batch.terminal import report_warnings

    console = Console(record=True, width=160)
    report_warnings(bare, console)
    report_tables(bare, console)
    text = console.export_text()
    assert "Внимание: Не понять, какие задачи открыты" in text and "--status-column" in text
    assert "План на" not in text and "Итого" in text  # no plan without due dates, no made-up figures


def _png_pixels_vary(png: bytes) -> bool:
    """True when the decoded PNG has more than a handful of distinct byte values (not a blank page)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return len(set(raw[:: max(1, len(raw) // 200_000)])) > 20


def _check_page(report: dict, page: Path, *, sections=SECTIONS) -> dict:
    result = open_page(page, width=1280, evaluate={"figures": FIGURES_JS, "layout": LAYOUT_JS})
    assert result.console_errors == []
    assert result.requests == [page.resolve().as_uri()]  # nothing fetched but the file itself
    lay = result.evaluated["layout"]
    assert lay["scroll"] <= lay["client"] and lay["wide"] == [], lay  # no horizontal scroll at 1280 px
    assert [s for s in lay["sections"] if s in SECTIONS] == [s for s in SECTIONS if s in sections]
    figures = result.evaluated["figures"]
    assert len(figures) > 10
    for path, value, text in figures:
        expected = _at(report, path)
        if expected is None:
            assert value == "" and text == "—", path
        else:
            assert float(value) == float(expected), path
            assert _digits(text) == str(round(expected)), (path, text)
    assert _png_pixels_vary(result.screenshot)
    return lay


@needs_chromium
def test_chromium_sample_page(sample, tmp_path):
    page = _page(sample, tmp_path, "sample")
    _check_page(sample, page)
    sort_js = """(() => {
        const table = document.querySelector('#quality table');
        const th = table.tHead.rows[0].cells[2];
        const col = () => Array.from(table.tBodies[0].rows, r => parseFloat(r.cells[2].dataset.sort));
        th.click(); const up = col();
        th.click(); const down = col();
        return {up: up, down: down, aria: th.getAttribute('aria-sort')};
    })()"""
    s = open_page(page, evaluate={"sorted": sort_js}).evaluated["sorted"]
    assert s["up"] == sorted(s["up"]) and s["down"] == sorted(s["down"], reverse=True) and s["aria"] == "descending"


@needs_chromium
def test_chromium_every_section_filled(bitrix, tmp_path):
    assert all(
        bitrix[k]
        for k in (
            "plan_next",
            "today_not_done",
            "overdue_tasks",
            "frozen_clients",
            "hot",
            "priorities",
            "results",
            "delegation",
            "warm",
        )
    )
    page = _page(bitrix, tmp_path, "bitrix")
    lay = _check_page(bitrix, page)
    text = lay["visible"]
    assert "План на четверг" not in text and "План на завтра, 19 ноября" in text
    assert "№\u00a0102" in text and "Андрей Юрьевич" not in text  # CRM task IDs; the contact is no client
    assert "Омега" in text and "Сигма" in text  # hot without tasks; a listed company with none
    # warm leads of the day: what happened, and the missing next step flagged
    warm = text[text.index("Тёплые клиенты дня, 18 ноября") : text.index("Просроченные задачи")]
    assert "Договорились о встрече 25.11" in warm and "сделка на поздней стадии" in warm and "тег «тёплый»" in warm
    assert warm.count("нет конкретного шага") == 2 and "отказался" not in warm
    html = page.read_text(encoding="utf-8")
    assert 'href="https://crm.example.ru/task/102/"' in html


@needs_chromium
def test_chromium_missing_columns_are_said_at_the_top(bare, tmp_path):
    page = _page(bare, tmp_path, "bare")
    lay = _check_page(bare, page)
    assert lay["sections"][0] == "warnings"
    top = lay["visible"][: lay["visible"].index("План")]
    assert "Не понять, какие задачи открыты" in top and "--status-column" in top and "--due-column" in top
    assert "«Текст задачи»" in top  # the columns it saw


@needs_chromium
def test_chromium_prints_on_a4(bitrix, tmp_path):
    page = _page(bitrix, tmp_path, "print")
    # A4 minus the page's 10 mm side margins is about 718 CSS pixels
    result = open_page(page, width=718, media="print", pdf=True, evaluate={"layout": LAYOUT_JS})
    lay = result.evaluated["layout"]
    assert lay["scroll"] <= lay["client"] and lay["wide"] == [], lay
    assert result.pdf.startswith(b"%PDF") and result.pdf.count(b"/Type /Page") >= 2
    found = re.findall(rb"/MediaBox ?\[0 0 ([\d.]+) ([\d.]+)\]", result.pdf)
    boxes = {tuple(round(float(x)) for x in m) for m in found}
    assert boxes == {(595, 842)}  # A4: 595 x 842 points
