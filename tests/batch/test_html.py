"""The HTML report: self-contained, and rendered by headless Chromium without console errors."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from pathlib import Path

import pytest

from taskqual.batch import report_file
from taskqual.batch.html import render_html
from taskqual.batch.terminal import report_tables

from .chromium import chromium_path, open_page
from .conftest import SAMPLE


@pytest.fixture(scope="module")
def report(model):
    return report_file(str(SAMPLE), today=dt.date(2026, 11, 20), model=model)


@pytest.fixture(scope="module")
def page(report, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path


def test_the_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<script src" not in html and "@import" not in html and "url(" not in html
    assert html.count("<svg") == 3  # concrete share, labels, overdue per manager
    assert html.count('class="sortable"') >= 4
    for name in ("Смирнов Алексей", "Иванов Сергей", "Замерзающие клиенты", "Кандидаты на делегирование"):
        assert name in html


def test_the_terminal_table(report):
    from rich.console import Console

    console = Console(record=True, width=160)
    report_tables(report, console)
    text = console.export_text()
    assert "Итого" in text and "Иванов Сергей" in text and "Замерзающие клиенты" in text


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


@pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_chromium_renders_charts_and_tables_without_errors(page, tmp_path):
    sort_js = """(() => {
        const table = document.querySelector('#managers table');
        const th = table.tHead.rows[0].cells[2];
        const col = () => Array.from(table.tBodies[0].rows, r => parseFloat(r.cells[2].dataset.sort));
        th.click(); const up = col();
        th.click(); const down = col();
        return {up: up, down: down, aria: th.getAttribute('aria-sort')};
    })()"""
    result = open_page(
        page,
        evaluate={
            "bars": "document.querySelectorAll('svg rect').length",
            "charts": "Array.from(document.querySelectorAll('svg')).map(s => s.getBoundingClientRect().height)",
            "tables": "document.querySelectorAll('table.sortable tbody tr').length",
            "sorted": sort_js,
        },
    )
    assert result.console_errors == []
    assert result.requests == [page.resolve().as_uri()]  # nothing fetched but the file itself
    assert result.evaluated["bars"] > 20
    assert len(result.evaluated["charts"]) == 3 and all(h > 50 for h in result.evaluated["charts"])
    assert result.evaluated["tables"] > 20
    s = result.evaluated["sorted"]
    assert s["up"] == sorted(s["up"]) and s["down"] == sorted(s["down"], reverse=True)
    assert s["aria"] == "descending"
    (tmp_path / "report.png").write_bytes(result.screenshot)
    assert len(result.screenshot) > 20_000 and _png_pixels_vary(result.screenshot)
