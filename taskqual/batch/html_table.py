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
from typing import Any

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
    """What a file named ``.xls`` holds: ``html`` (a table saved as a web page), ``xlsx`` (a workbook with the
    wrong extension), ``biff`` (a binary Excel 97–2003 workbook) or ``unknown``."""
    head = read_sample(path, 4096)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "biff"
    return "html" if is_html(head) else "unknown"


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


class HtmlTableError(ValueError):
    """The page cannot be parsed as HTML at all."""


def table_rows(f: Any, encoding: str) -> Iterator[list[str]]:
    """The cells of each row of the first table that has a header (a row of two or more filled cells),
    that header first, from ``f`` (a binary file: anything with ``read(n)``). Rows are dropped from
    memory once read; :class:`HtmlTableError` when lxml cannot read the file."""
    from lxml import etree

    events = etree.iterparse(f, events=("start", "end"), tag=("table", "tr"), html=True, encoding=encoding)
    depth = 0
    table: int | None = None  # which table (by its order) holds the header
    seen = 0
    try:
        for event, el in events:
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
    except (etree.LxmlError, UnicodeDecodeError, LookupError) as e:
        raise HtmlTableError(f"{type(e).__name__}: {str(e)[:120]}") from e


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


def fit(cells: list[str], width: int) -> list[str]:
    """``cells`` made ``width`` long: missing ones empty, extra filled ones joined into the last, a line each."""
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    extra = [c for c in cells[width - 1 :] if c]
    return [*cells[: width - 1], "\n".join(extra)]


__all__ = ["table_rows", "HtmlTableError", "xls_kind", "is_html", "html_encoding", "cell_text", "fit", "OLE2_MAGIC"]
