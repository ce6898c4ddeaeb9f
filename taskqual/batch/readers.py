"""Read a task backlog in chunks: CSV, XLSX, JSON Lines and Parquet.

Every reader yields :class:`Chunk` objects of at most ``chunk_rows`` rows and never holds the whole
file: CSV and JSON Lines are read line by line, XLSX through openpyxl's read-only mode, Parquet by
record batches. A row that cannot be read cleanly (undecodable bytes, broken quoting, a wrong number
of fields, a line that is not JSON) is still yielded, with what went wrong in ``Chunk.problems``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from taskqual.batch.sniff import decode_sample, detect_delimiter, detect_encoding, read_sample

DEFAULT_CHUNK_ROWS = 10_000
FORMATS = ("csv", "xlsx", "jsonl", "parquet", "html")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    # Bitrix24 and other web CRMs save «Excel» as an HTML table named .xls (see taskqual.batch.html_table)
    ".xls": "html",
    ".html": "html",
    ".htm": "html",
}
_SURROGATES = re.compile("[\udc80-\udcff]+")
MAX_FIELD_CHARS = 32 * 1024 * 1024
"""Longest CSV cell read, in characters (the csv module's default is 131,072). A cell this long is far
over the task text limit and is flagged; a quoted field not closed within this many characters is
taken for a stray quote."""


class InputError(ValueError):
    """The input cannot be read at all (unknown format, no header, not a table, a damaged file)."""


class InputChangedError(InputError):
    """The input file was changed (truncated, rewritten, appended to) while it was being read."""


class Chunk:
    """Consecutive rows of the input.

    ``start`` is the 1-based number of the first row (the header is not a row); ``problems`` maps a
    row's index in this chunk to what was wrong with reading it; ``lines`` gives, for line-based
    formats, the 1-based line where each row starts. The values are held column by column
    (``data``) or row by row (``rows``, for CSV), the other view made on first use. A CSV chunk
    also keeps each cleanly read record as it was in the file (``raw``, None for rows with
    problems), so the writer can copy it instead of quoting every field again.
    """

    def __init__(
        self,
        start: int,
        columns: list[str],
        data: list[list[Any]] | None = None,
        problems: dict[int, str] | None = None,
        lines: list[int] | None = None,
        arrow: Any = None,
        header_lines: int = 1,
        rows: list[list[Any]] | None = None,
        raw: list[str | None] | None = None,
    ) -> None:
        self.start = start
        self.columns = columns
        self._data = data
        self._rows = rows
        self.problems = problems if problems is not None else {}
        self.lines = lines
        self.arrow = arrow  # the pyarrow RecordBatch a Parquet chunk came from (keeps the column types)
        self.header_lines = header_lines  # lines before the first row when nothing is unusual
        self.raw = raw
        self._len = len(rows) if rows is not None else (len(data[0]) if data else 0)

    def __len__(self) -> int:
        return self._len

    @property
    def data(self) -> list[list[Any]]:
        if self._data is None:
            rows = self._rows or []
            self._data = [list(col) for col in zip(*rows)] if rows else [[] for _ in self.columns]
        return self._data

    @property
    def rows(self) -> list[list[Any]]:
        if self._rows is None:
            self._rows = [list(r) for r in zip(*self.data)]
        return self._rows

    def column(self, i: int) -> list[Any]:
        if self._data is None and self._rows is not None:
            return [r[i] for r in self._rows]
        return self.data[i]

    def row_label(self, i: int) -> str:
        n = self.start + i
        if self.lines is not None and self.lines[i] != n + self.header_lines:
            return f"row {n} (line {self.lines[i]})"
        return f"row {n}"


def detect_format(path: str, given: str | None = None) -> str:
    if given:
        if given not in FORMATS:
            raise InputError(f"unknown format {given!r}; choose one of {', '.join(FORMATS)}")
        return given
    ext = os.path.splitext(path)[1].lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    raise InputError(
        f"cannot tell the format of {path!r} from its extension; use one of "
        f"{', '.join(sorted(_EXTENSIONS))} or --input-format"
    )


class Source:
    """An input file: its columns, how it was read, and its rows in chunks (one pass)."""

    format: str
    columns: list[str]
    encoding: str | None = None
    delimiter: str | None = None

    def chunks(self) -> Iterator[Chunk]:
        raise NotImplementedError

    path: str = ""
    stamp: tuple[int, int, int] | None = None

    def progress(self) -> tuple[int, int | None]:
        """(work done, total work) in the unit the progress bar counts, bytes or rows."""
        return 0, None

    def check_unchanged(self) -> None:
        """InputChangedError if the file is not the one that was opened (size, time or inode differ).

        Called once every row has been read: an export still being written, or overwritten during
        the run, would otherwise give a silently shorter or mixed output.
        """
        if self.stamp is None:
            return
        try:
            now = _stamp(self.path)
        except OSError:
            now = None
        if now != self.stamp:
            what = (
                "was removed"
                if now is None
                else (
                    f"changed size from {self.stamp[1]:,} to {now[1]:,} bytes"
                    if now[1] != self.stamp[1]
                    else "was rewritten"
                )
            )
            raise InputChangedError(
                f"{self.path} {what} while it was being read; no output was written. "
                "Run again once the file is complete (e.g. when the CRM export has finished)"
            )

    def close(self) -> None:
        pass

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(
    path: str,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    sheet: str | None = None,
) -> Source:
    """Open ``path`` for chunked reading; the format comes from the extension unless given."""
    if not os.path.isfile(path):
        raise InputError(f"no such file: {path}")
    kind = detect_format(path, fmt)
    if encoding is not None:
        encoding = codec_name(encoding, "--encoding")
    stamp = _stamp(path)
    source: Source
    if kind == "csv":
        source = CsvSource(path, encoding=encoding, delimiter=delimiter, chunk_rows=chunk_rows)
    elif kind == "jsonl":
        source = JsonlSource(path, encoding=encoding, chunk_rows=chunk_rows)
    elif kind == "html" and os.path.splitext(path)[1].lower() == ".xls" and fmt is None:
        source = _open_xls(path, encoding=encoding, sheet=sheet, chunk_rows=chunk_rows)
    elif kind == "html":
        source = HtmlTableSource(path, encoding=encoding, chunk_rows=chunk_rows)
    elif kind == "xlsx":
        source = XlsxSource(path, sheet=sheet, chunk_rows=chunk_rows)
    else:
        source = ParquetSource(path, chunk_rows=chunk_rows)
    source.path, source.stamp = path, stamp
    return source


def codec_name(encoding: str, option: str) -> str:
    """The canonical name of a text encoding, or InputError naming the option that gave it."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{option}: unknown encoding {encoding!r}; use e.g. utf-8, utf-8-sig or cp1251") from None


def _stamp(path: str) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_size, st.st_mtime_ns


def _unique_names(names: list[Any]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i, n in enumerate(names):
        base = str(n).strip() if n is not None and str(n).strip() else f"column_{i + 1}"
        name, k = base, 2
        while name in seen:
            name, k = f"{base}_{k}", k + 1
        seen.add(name)
        out.append(name)
    return out


def cell_text(value: Any) -> str:
    """A cell as trimmed text, the way roles other than the task text are compared: "" for an empty
    cell (None, NaN), «12» for the 12.0 a spreadsheet gives for a number, else ``str()`` stripped.

    >>> cell_text(None), cell_text(float("nan")), cell_text(12.0), cell_text(" Ромашка "), cell_text(1.5)
    ('', '', '12', 'Ромашка', '1.5')
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _clean(value: str) -> str:
    return _SURROGATES.sub("\ufffd", value)


class _LineFile:
    """A text file read line by line with undecodable bytes kept as surrogates (to be flagged)."""

    def __init__(self, path: str, encoding: str) -> None:
        self._raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.size = os.fstat(self._raw.fileno()).st_size
        self.text = io.TextIOWrapper(self._raw, encoding=encoding, errors="surrogateescape", newline="")

    def position(self) -> int:
        try:
            return self._raw.raw.tell()
        except (ValueError, OSError, AttributeError):
            return self.size

    def close(self) -> None:
        self.text.close()


# --------------------------------------------------------------------------------------------- CSV


class CsvSource(Source):
    """A delimited text file, read record by record with a repair path for broken quoting."""

    format = "csv"
    encoding: str  # detected when not given
    delimiter: str  # detected when not given

    def __init__(self, path: str, *, encoding: str | None, delimiter: str | None, chunk_rows: int) -> None:
        if csv.field_size_limit() < MAX_FIELD_CHARS:
            csv.field_size_limit(MAX_FIELD_CHARS)
        sample = read_sample(path)
        self.encoding = codecs.lookup(encoding).name if encoding else detect_encoding(sample)
        if self.encoding == "utf-8" and sample.startswith(codecs.BOM_UTF8):
            self.encoding = "utf-8-sig"
        self.delimiter = delimiter or detect_delimiter(decode_sample(sample, self.encoding))
        self.chunk_rows = chunk_rows
        self._file = _LineFile(path, self.encoding)
        self._lines = self._numbered_lines()
        self._pending: list[tuple[int, str]] = []  # lines pushed back after a failed repair
        header = self._next_record()
        if header is None:
            raise InputError(f"{path} is empty: a CSV backlog needs a header line with the column names")
        _, record, _ = header
        fields = self._parse(record) if isinstance(record, str) else record
        self.columns = _unique_names([_clean(f).strip() for f in fields])
        self.width = len(self.columns)

    def progress(self) -> tuple[int, int | None]:
        return self._file.position(), self._file.size

    def close(self) -> None:
        self._file.close()

    def _numbered_lines(self) -> Iterator[tuple[int, str]]:
        return enumerate(self._file.text, 1)

    def _take(self) -> tuple[int, str] | None:
        if self._pending:
            return self._pending.pop()
        return next(self._lines, None)

    def _parse(self, record: str) -> list[str]:
        return next(csv.reader([record], delimiter=self.delimiter, strict=False), [])

    def _next_record(self) -> tuple[int, str | list[str], str | None] | None:
        """(line number, record, problem) of the next record, or None at the end of the file.

        The record is the raw text to parse (one line, or several when a quoted field spans lines),
        or, for a line with broken quoting, its fields already split.
        """
        got = self._take()
        if got is None:
            return None
        lineno, line = got
        if line.count('"') % 2 == 0:
            return lineno, line, None
        width = getattr(self, "width", None)
        alone = self._parse(line)
        if width is None or (len(alone) == width and not any("\n" in f or "\r" in f for f in alone)):
            # An odd quote inside an unquoted field («Ромашка "Вектор»): csv reads it literally.
            return lineno, line, None
        # A quoted field that goes on over the next lines, or a quote that is never closed.
        taken: list[tuple[int, str]] = [got]
        parts = [line]
        quotes = line.count('"')
        size = len(line)
        # No limit on lines: a quoted cell may hold a whole pasted e-mail. Only one past the cell
        # size limit is given up on (and then flagged, line by line, as broken quoting).
        while quotes % 2 and size <= MAX_FIELD_CHARS:
            nxt = self._take()
            if nxt is None:
                break
            taken.append(nxt)
            parts.append(nxt[1])
            quotes += nxt[1].count('"')
            size += len(nxt[1])
        if quotes % 2 == 0:
            record = "".join(parts)
            try:  # a real multi-line field closes its quote right before a delimiter or the line end
                fields = next(csv.reader([record], delimiter=self.delimiter, strict=True), [])
            except csv.Error:
                fields = []
            if len(fields) == width:
                return lineno, record, None
        # Give the following lines back and keep this line alone, read without its quotes.
        self._pending.extend(reversed(taken[1:]))
        fields = line.rstrip("\r\n").replace('"', "").split(self.delimiter)
        return lineno, fields, 'broken quoting (an unclosed ") — the fields were split at every delimiter'

    def _parse_or_cut(self, record: str, i: int, problems: dict[int, str]) -> list[str]:
        try:
            return self._parse(record)
        except csv.Error:
            fields = [f[:MAX_FIELD_CHARS] for f in record.rstrip("\r\n").split(self.delimiter)]
            problems[i] = _join(
                problems.get(i),
                f"a cell longer than {MAX_FIELD_CHARS:,} characters: the row was split at every delimiter "
                "and the cell cut",
            )
            return fields

    def _redecode(self, records: list[str], problems: dict[int, str]) -> None:
        """Rows written in UTF-8 inside a single-byte (cp1251) file are read again as UTF-8 and flagged.

        Such rows come from pasting into an export or joining two exports; read as cp1251 they would
        be written back as mojibake («РџРѕР·РІРѕРЅРёС‚СЊ»). A row is re-read only when its bytes are
        valid UTF-8 as a whole, which cp1251 Cyrillic text never is.
        """
        mojibake = _MOJIBAKE.get(self.encoding)
        if mojibake is None:
            return
        if not mojibake.search("".join(records)):
            return
        for i, rec in enumerate(records):
            if not mojibake.search(rec):
                continue
            try:
                fixed = rec.encode(self.encoding, "surrogateescape").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            records[i] = fixed
            problems[i] = _join(problems.get(i), f"this row was in UTF-8, not {self.encoding}: read as UTF-8")

    def chunks(self) -> Iterator[Chunk]:
        while True:
            chunk = self._read_chunk(self._start)
            if chunk is None:
                return
            self._start += len(chunk)
            yield chunk

    _start = 1

    def _read_chunk(self, start: int) -> Chunk | None:
        width, size, sep = self.width, self.chunk_rows, self.delimiter
        records: list[str] = []
        lines: list[int] = []
        problems: dict[int, str] = {}
        presplit: dict[int, list[str]] = {}
        blank_run: list[int] = []  # blank lines count as rows only when a record follows them
        append, append_line = records.append, lines.append
        lines_iter, pending = self._lines, self._pending
        while len(records) < size:
            if not pending:
                # fast path: plain lines (balanced quotes, not blank) go straight to the csv parser
                got = next(lines_iter, None)
                if got is None:
                    break
                lineno, line = got
                if not line.count('"') % 2 and not blank_run and line.strip():
                    append(line)
                    append_line(lineno)
                    continue
                pending.append(got)
            rec = self._next_record()
            if rec is None:
                break
            lineno, record, problem = rec
            if isinstance(record, str) and not record.strip():
                blank_run.append(lineno)
                continue
            for bl in blank_run:
                problems[len(records)] = "blank line"
                presplit[len(records)] = [""] * width
                append("")
                append_line(bl)
            blank_run.clear()
            if isinstance(record, list):
                presplit[len(records)] = record
                record = ""
            if problem:
                problems[len(records)] = problem
            append(record)
            append_line(lineno)
        if not records:
            return None
        self._redecode(records, problems)
        try:
            rows = list(csv.reader(records, delimiter=sep, strict=False))
        except csv.Error:  # a cell over MAX_FIELD_CHARS: parse record by record, cut that one
            rows = [self._parse_or_cut(r, i, problems) for i, r in enumerate(records)]
        for i, fields in presplit.items():
            rows[i] = fields
        for i, fields in enumerate(rows):
            if len(fields) != width:
                if problems.get(i) != "blank line":
                    problems[i] = _join(
                        problems.get(i),
                        f"expected {width} fields, found {len(fields)}"
                        + (
                            " (the extra ones were joined into the last column)"
                            if len(fields) > width
                            else " (the missing ones were left empty)"
                        ),
                    )
                rows[i] = _fit(fields, width, sep)
        # undecodable bytes: one scan of the whole chunk, row by row only when there are some
        if not _encodes("".join(records)) or not all(_encodes(f) for r in presplit.values() for f in r):
            for i, fields in enumerate(rows):
                if any(_SURROGATES.search(f) for f in fields):
                    rows[i] = [_clean(f) for f in fields]
                    problems[i] = _join(problems.get(i), f"undecodable bytes for {self.encoding} replaced with \ufffd")
        raw: list[str | None] = records  # type: ignore[assignment]
        for i in problems:
            raw[i] = None
        return Chunk(start, self.columns, problems=problems, lines=lines, rows=rows, raw=raw)


def _mojibake_pattern(encoding: str) -> re.Pattern[str] | None:
    """What UTF-8 Cyrillic (bytes D0 or D1, then a continuation byte) looks like when read in the
    single-byte ``encoding``: «Р» or «С» and a symbol, for cp1251; real text hardly ever has it."""
    try:
        lead = bytes([0xD0, 0xD1]).decode(encoding, errors="ignore")
        tail = bytes(range(0x80, 0xC0)).decode(encoding, errors="ignore")
    except LookupError:
        return None
    return re.compile(f"[{re.escape(lead)}][{re.escape(tail)}]")


_MOJIBAKE = {enc: _mojibake_pattern(enc) for enc in ("cp1251", "koi8_r", "cp866", "mac_cyrillic")}


def printable(text: str) -> str:
    r"""``text`` with control characters (NUL, terminal escape sequences, ...) shown as ``\xNN`` escapes,
    for messages that quote the input (column names, JSON keys) on a terminal.

    >>> print(printable("Задача\x1b[31m\x00"))
    Задача\x1b[31m\x00
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _encodes(text: str) -> bool:
    """False when ``text`` holds undecodable bytes (lone surrogates); far quicker than a regex scan."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _join(a: str | None, b: str) -> str:
    return f"{a}; {b}" if a else b


def _fit(fields: list[Any], width: int, sep: str = ";") -> list[Any]:
    if len(fields) < width:
        return fields + [""] * (width - len(fields))
    return [*fields[: width - 1], sep.join(str(f) for f in fields[width - 1 :])]


# ------------------------------------------------------------------------------------- JSON Lines


class JsonlSource(Source):
    """One JSON object per line; the columns are the keys of the first records, in order."""

    format = "jsonl"

    def __init__(self, path: str, *, encoding: str | None, chunk_rows: int) -> None:
        sample = read_sample(path, 64 * 1024)
        self.encoding = (
            codecs.lookup(encoding).name
            if encoding
            else ("utf-8-sig" if sample.startswith(codecs.BOM_UTF8) else "utf-8")
        )
        self.chunk_rows = chunk_rows
        self._file = _LineFile(path, self.encoding)
        self._lines = enumerate(self._file.text, 1)
        self._head: list[tuple[int, str]] = []
        keys: dict[str, None] = {}
        for n, line in self._lines:
            self._head.append((n, line))
            obj = _loads(line)
            if isinstance(obj, dict):
                keys.update(dict.fromkeys(obj))
            if len(self._head) >= 1000:
                break
        if not keys:
            raise InputError(f"{path}: no JSON object in the first lines; JSON Lines input needs one object per line")
        self.columns = list(keys)

    def progress(self) -> tuple[int, int | None]:
        return self._file.position(), self._file.size

    def close(self) -> None:
        self._file.close()

    def chunks(self) -> Iterator[Chunk]:
        cols = self.columns
        known = set(cols)
        width = len(cols)
        rows: list[list[Any]] = []
        lines: list[int] = []
        problems: dict[int, str] = {}
        blank_run: list[int] = []
        start = 1

        def numbered() -> Iterator[tuple[int, str]]:
            yield from self._head
            yield from self._lines

        for n, line in numbered():
            if not line.strip():
                blank_run.append(n)
                continue
            for bl in blank_run:
                problems[len(rows)] = "blank line"
                rows.append([None] * width)
                lines.append(bl)
            blank_run.clear()
            problem = None
            if _SURROGATES.search(line):
                line = _clean(line)
                problem = f"undecodable bytes for {self.encoding} replaced with \ufffd"
            obj = _loads(line)
            if not isinstance(obj, dict):
                what = "not valid JSON" if obj is _BAD else f"a JSON {type(obj).__name__}, not an object"
                problem = _join(problem, f"{what}: the line was kept but no field could be read")
                obj = {}
            extra = [k for k in obj if k not in known]
            if extra:
                problem = _join(problem, f"fields not in the first records were dropped: {', '.join(extra[:5])}")
            if problem:
                problems[len(rows)] = problem
            rows.append([obj.get(c) for c in cols])
            lines.append(n)
            if len(rows) >= self.chunk_rows:
                yield Chunk(start, cols, problems=problems, lines=lines, header_lines=0, rows=rows)
                start += len(rows)
                rows, lines, problems = [], [], {}
        if rows:
            yield Chunk(start, cols, problems=problems, lines=lines, header_lines=0, rows=rows)


_BAD = object()


def _loads(line: str) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: nested thousands deep
        return _BAD


# ------------------------------------------------------------------------------------------- XLSX


class XlsxSource(Source):
    """The first (or the named) sheet of a workbook, read with openpyxl's read-only streaming mode."""

    format = "xlsx"

    def __init__(self, path: str, *, sheet: str | None, chunk_rows: int) -> None:
        import openpyxl

        self.chunk_rows = chunk_rows
        # a file object: openpyxl refuses a workbook whose name does not end in .xlsx/.xlsm
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        try:
            self._wb = openpyxl.load_workbook(self._file, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many types for a file that is not a workbook
            self._file.close()
            raise InputError(f"{path} is not a readable .xlsx workbook: {e}") from e
        if sheet is not None and sheet not in self._wb.sheetnames:
            self.close()
            raise InputError(f"no sheet {sheet!r} in {path}; the sheets are: {', '.join(self._wb.sheetnames)}")
        self._ws = self._wb[sheet] if sheet else self._wb.worksheets[0]
        self.path = path
        self._rows = self._damaged_is_input_error(self._ws.iter_rows(values_only=True))
        self._done = 0
        self._total = self._ws.max_row if isinstance(self._ws.max_row, int) else None
        header = None
        for row in self._rows:
            self._done += 1
            if any(v is not None and str(v).strip() for v in row):
                header = row
                break
        if header is None:
            raise InputError(f"{path}: the sheet is empty; it needs a header row with the column names")
        while header and header[-1] is None:
            header = header[:-1]
        self.columns = _unique_names(list(header))

    def progress(self) -> tuple[int, int | None]:
        return self._done, self._total

    def _damaged_is_input_error(self, rows: Iterator[tuple]) -> Iterator[tuple]:
        """The sheet's rows; a damaged sheet (XML cut off, a broken zip entry) is an InputError."""
        import xml.etree.ElementTree as ET
        import zipfile
        import zlib

        try:
            yield from rows
        except (ET.ParseError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError) as e:
            raise InputError(
                f"{self.path}: the sheet is damaged after row {max(self._done - 1, 0):,} ({type(e).__name__}: "
                f"{str(e)[:120]}); no output was written. Open and save it again in Excel, or export it again"
            ) from None

    def close(self) -> None:
        self._wb.close()
        self._file.close()

    def chunks(self) -> Iterator[Chunk]:
        return _chunked(self._counted(), self.columns, self.chunk_rows, blank=_blank_cells, filler=None, fit=_fit_xlsx)

    def _counted(self) -> Iterator[tuple]:
        for row in self._rows:
            self._done += 1
            yield row


def _blank_cells(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _fit_xlsx(row: Sequence[Any], width: int) -> tuple[list[Any], str | None]:
    """A sheet row cut or padded to the header's width; values right of the last named column are named."""
    values = list(row)
    if len(values) > width:
        extra = values[width:]
        dropped = sum(v is not None for v in extra)
        return values[:width], (f"{dropped} value(s) right of the last named column were dropped" if dropped else None)
    return values + [None] * (width - len(values)), None


def _chunked(
    rows: Iterable[Sequence[Any]],
    columns: list[str],
    chunk_rows: int,
    *,
    blank: Callable[[Sequence[Any]], bool],
    filler: Any,
    fit: Callable[[Sequence[Any], int], tuple[list[Any], str | None]],
) -> Iterator[Chunk]:
    """Table rows in chunks of ``chunk_rows``. Blank rows inside the table stay, flagged «empty row»,
    so row numbers are the file's; blank rows at the end are dropped. ``fit`` makes a row the
    header's width and says what it changed."""
    width = len(columns)
    out: list[list[Any]] = []
    problems: dict[int, str] = {}
    blank_run = 0
    start = 1
    for row in rows:
        if blank(row):
            blank_run += 1
            continue
        for _ in range(blank_run):
            problems[len(out)] = "empty row"
            out.append([filler] * width)
        blank_run = 0
        values, problem = fit(row, width)
        if problem:
            problems[len(out)] = problem
        out.append(values)
        if len(out) >= chunk_rows:
            yield Chunk(start, columns, problems=problems, rows=out)
            start += len(out)
            out, problems = [], {}
    if out:
        yield Chunk(start, columns, problems=problems, rows=out)


# ------------------------------------------------------------------------------------ HTML tables


class _Counting:
    """A binary file that remembers how far it has been read (for the progress bar)."""

    def __init__(self, f: Any) -> None:
        self.f = f
        self.done = 0

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(n)
        self.done += len(data)
        return data


class HtmlTableSource(Source):
    """The first table of an HTML page, as Bitrix24 saves «Excel» (see :mod:`taskqual.batch.html_table`)."""

    format = "html"

    def __init__(self, path: str, *, encoding: str | None, chunk_rows: int) -> None:
        from taskqual.batch.html_table import html_encoding, table_rows

        self.path = path
        self.chunk_rows = chunk_rows
        self.encoding = encoding or html_encoding(read_sample(path, 64 * 1024))
        self._size = os.path.getsize(path)
        self._f = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._counting = _Counting(self._f)
        self._rows = self._readable(table_rows(self._counting, self.encoding))
        header = next(self._rows, None)
        if header is None:
            self.close()
            raise InputError(
                f"{path}: no table with a header row found in this HTML page; export the tasks again as CSV or Excel"
            )
        self.columns = _unique_names(list(header))

    def _readable(self, rows: Iterator[list[str]]) -> Iterator[list[str]]:
        from taskqual.batch.html_table import HtmlTableError

        try:
            yield from rows
        except HtmlTableError as e:
            raise InputError(f"{self.path}: the HTML table cannot be read ({e})") from None

    def progress(self) -> tuple[int, int | None]:
        return self._counting.done, self._size

    def close(self) -> None:
        self._f.close()

    def chunks(self) -> Iterator[Chunk]:
        return _chunked(self._rows, self.columns, self.chunk_rows, blank=_no_cells, filler="", fit=_fit_html)


def _no_cells(cells: Sequence[Any]) -> bool:
    return not any(cells)


def _fit_html(cells: Sequence[Any], width: int) -> tuple[list[Any], str | None]:
    """An HTML row made the header's width: extra cells joined into the last column, missing ones empty."""
    from taskqual.batch.html_table import fit

    if len(cells) == width:
        return list(cells), None
    problem = None
    if any(cells[width:]) or len(cells) < width:
        problem = f"expected {width} cells, found {len(cells)}" + (
            " (the extra ones were joined into the last column)"
            if len(cells) > width
            else " (the missing ones were left empty)"
        )
    return fit(list(cells), width), problem


def _open_xls(path: str, *, encoding: str | None, sheet: str | None, chunk_rows: int) -> Source:
    """A file named .xls: an HTML table (Bitrix24), or a workbook with the wrong extension; a binary
    Excel 97–2003 workbook is refused with what to do instead."""
    from taskqual.batch.html_table import xls_kind

    kind = xls_kind(path)
    if kind == "xlsx":
        return XlsxSource(path, sheet=sheet, chunk_rows=chunk_rows)
    if kind == "html":
        return HtmlTableSource(path, encoding=encoding, chunk_rows=chunk_rows)
    if kind == "biff":
        raise InputError(
            f"{path} is a binary Excel 97–2003 workbook (.xls), which taskqual does not read; "
            "open it in Excel or LibreOffice and save it as .xlsx (or CSV), then run again"
        )
    raise InputError(
        f"{path} is neither an Excel workbook nor an HTML table saved as .xls; "
        "export the tasks again as CSV or Excel, or name the format with --input-format"
    )


# ---------------------------------------------------------------------------------------- Parquet


class ParquetSource(Source):
    """A Parquet file read batch by batch (row group by row group), keeping its column types."""

    format = "parquet"

    def __init__(self, path: str, *, chunk_rows: int) -> None:
        import pyarrow.parquet as pq

        try:
            self._pf = pq.ParquetFile(path)
        except Exception as e:
            raise InputError(f"{path} is not a readable Parquet file: {e}") from e
        self.schema = self._pf.schema_arrow
        self.columns = list(self.schema.names)
        self.chunk_rows = chunk_rows
        self._done = 0

    def progress(self) -> tuple[int, int | None]:
        return self._done, self._pf.metadata.num_rows

    def close(self) -> None:
        self._pf.close()

    def chunks(self) -> Iterator[Chunk]:
        start = 1
        for batch in self._pf.iter_batches(batch_size=self.chunk_rows):
            data = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            n = batch.num_rows
            self._done += n
            yield Chunk(start, self.columns, data, arrow=batch)
            start += n


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


__all__ = [
    "printable",
    "cell_text",
    "InputChangedError",
    "Chunk",
    "Source",
    "open_source",
    "detect_format",
    "InputError",
    "FORMATS",
    "DEFAULT_CHUNK_ROWS",
    "is_missing",
    "HtmlTableSource",
]
