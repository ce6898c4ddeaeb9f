"""Read an «Excel» export that is really an HTML table: Bitrix24 (and other web CRMs) save «Excel»
as an HTML page holding one ``<table>``, named ``.xls``.

The file is parsed with lxml's HTML parser as a stream of ``<tr>`` elements (each one dropped once
read), so a large export is never held whole. The first row with two or more cells is the header; the
rows after it in the same table are the data. A cell's text is what Excel shows: tags dropped,
entities decoded, runs of spaces and line breaks of the HTML source collapsed, ``<br>`` kept as a line
break. A ``.xls`` that is a real binary Excel 97–2003 workbook is refused with what to do instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from taskqual.batch.readers import Chunk, InputError, Source
from taskqual.batch.sniff import detect_encoding, read_sample

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of a binary Excel 97–2003 workbook (an OLE2 compound file)."""
ZIP_MAGIC = b"PK\x03\x04"
"""The first bytes of an .xlsx workbook (a zip archive) that was given an .xls name."""
_CHARSET_RE = re.compile(rb"""<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HTML_RE = re.compile(rb"<\s*(?:!doctype|html|head|body|meta|table|style)\b", re.IGNORECASE)
_SPACES_RE = re.compile(r"[ \t\r\n\f\u00a0]+")
_BLOCKS = frozenset({"p", "div", "li"})


def xls_kind(path: str) -> str:
    """What a file named ``.xls`` holds: ``html`` (a table saved as a web page), ``xlsx`` (a workbook
    with the wrong extension); a binary Excel 97–2003 workbook or anything else is an InputError."""
    head = read_sample(path, 4096)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        raise InputError(
            f"{path} is a binary Excel 97–2003 workbook (.xls), which taskqual does not read; "
            "open it in Excel or LibreOffice and save it as .xlsx (or CSV), then run again"
        )
    if is_html(head):
        return "html"
    raise InputError(
        f"{path} is neither an Excel workbook nor an HTML table saved as .xls; "
        "export the tasks again as CSV or Excel, or name the format with --input-format"
    )


def is_html(head: bytes) -> bool:
    """True when the first bytes of a file look like an HTML page (a tag such as ``<html>`` or ``<table>``)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :].replace(b"\x00", b"")
            break
    return _HTML_RE.search(head[:4096]) is not None


def html_encoding(sample: bytes) -> str:
    """The encoding of an HTML export: its ``<meta charset>``, else a guess from the bytes (UTF-8, cp1251...).

    >>> html_encoding(b'<meta http-equiv="Content-type" content="text/html;charset=windows-1251" />')
    'cp1251'
    >>> html_encoding("<table><tr><td>Задача</td></tr></table>".encode())
    'utf-8'
    """
    import codecs

    m = _CHARSET_RE.search(sample[:8192])
    if m:
        try:
            return codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            pass
    return detect_encoding(sample)


def cell_text(cell: Any) -> str:
    """The text Excel shows for a ``<td>``: HTML whitespace collapsed, ``<br>`` and paragraphs as line breaks."""
    if len(cell) == 0:  # most cells: plain text, no tags inside
        return " ".join(cell.text.split()) if cell.text else ""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br" or (tag in _BLOCKS and parts):
            parts.append("\n")
        if el.text and tag not in ("script", "style"):
            parts.append(_SPACES_RE.sub(" ", el.text))
        for child in el:
            walk(child)
            if child.tail:
                parts.append(_SPACES_RE.sub(" ", child.tail))

    walk(cell)
    return "\n".join(line.strip() for line in "".join(parts).split("\n")).strip("\n")


class _Counting:
    """A binary file that remembers how far it has been read (for the progress bar)."""

    def __init__(self, f: BinaryIO) -> None:
        self.f = f
        self.done = 0

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(n)
        self.done += len(data)
        return data


class HtmlTableSource(Source):
    """The first table of an HTML page (Bitrix24's «Excel» export), read row by row."""

    format = "html"

    def __init__(self, path: str, *, encoding: str | None, chunk_rows: int) -> None:
        import os

        from lxml import etree

        self.path = path
        self.chunk_rows = chunk_rows
        self.encoding = encoding or html_encoding(read_sample(path, 64 * 1024))
        self._size = os.path.getsize(path)
        self._f = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._counting = _Counting(self._f)
        self._events = etree.iterparse(
            self._counting, events=("start", "end"), tag=("table", "tr"), html=True, encoding=self.encoding
        )
        self._rows = self._table_rows()
        header = next(self._rows, None)
        if header is None:
            self.close()
            raise InputError(
                f"{path}: no table with a header row found in this HTML page; export the tasks again as CSV or Excel"
            )
        self.columns = _unique_names(header)

    def _table_rows(self) -> Iterator[list[str]]:
        """The cells of each row of the first table that has a header (two or more cells)."""
        depth = 0
        table: int | None = None  # which table (by its order) holds the header
        seen = 0
        try:
            for event, el in self._events:
                if el.tag == "table":
                    if event == "start":
                        depth += 1
                        seen += 1
                    else:
                        depth -= 1
                        if table is not None and depth == 0:
                            return  # the data table has ended; anything after it is not data
                    continue
                if event != "end":
                    continue
                if depth == 1 and (table is None or table == seen):
                    cells = _cells(el)
                    if table is None and sum(1 for c in cells if c) >= 2:
                        table = seen
                    if table is not None:
                        yield cells
                if depth <= 1:  # rows of nested tables stay inside their cell until it is read
                    el.clear(keep_tail=True)
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]
        except Exception as e:  # lxml raises its own error types for a file it cannot read at all
            if isinstance(e, InputError):
                raise
            raise InputError(f"{self.path}: the HTML table cannot be read ({type(e).__name__}: {str(e)[:120]})") from e

    def progress(self) -> tuple[int, int | None]:
        return self._counting.done, self._size

    def close(self) -> None:
        self._f.close()

    def chunks(self) -> Iterator[Chunk]:
        width = len(self.columns)
        rows: list[list[Any]] = []
        problems: dict[int, str] = {}
        blank_run = 0
        start = 1
        for cells in self._rows:
            if not any(cells):
                blank_run += 1
                continue
            for _ in range(blank_run):
                problems[len(rows)] = "empty row"
                rows.append([""] * width)
            blank_run = 0
            if len(cells) != width:
                if any(cells[width:]) or len(cells) < width:
                    problems[len(rows)] = f"expected {width} cells, found {len(cells)}" + (
                        " (the extra ones were joined into the last column)"
                        if len(cells) > width
                        else " (the missing ones were left empty)"
                    )
                cells = _fit(cells, width)
            rows.append(cells)
            if len(rows) >= self.chunk_rows:
                yield Chunk(start, self.columns, problems=problems, rows=rows)
                start += len(rows)
                rows, problems = [], {}
        if rows:
            yield Chunk(start, self.columns, problems=problems, rows=rows)


def _cells(tr: Any) -> list[str]:
    out: list[str] = []
    for cell in tr:
        if cell.tag != "td" and cell.tag != "th":
            continue
        out.append(cell_text(cell))
        span = cell.get("colspan")
        if span is not None and span.strip().isdigit():  # a merged cell: empty cells for the columns it covers
            out.extend([""] * (min(int(span), 1000) - 1))
    return out


def _fit(cells: list[str], width: int) -> list[str]:
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    extra = [c for c in cells[width - 1 :] if c]
    return [*cells[: width - 1], "\n".join(extra)]


def _unique_names(names: list[str]) -> list[str]:
    from taskqual.batch.readers import _unique_names as unique

    return unique(list(names))


__all__ = ["HtmlTableSource", "xls_kind", "is_html", "html_encoding", "cell_text", "OLE2_MAGIC"]
