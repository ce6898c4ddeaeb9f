"""Write the scored rows atomically: into a temporary file beside the output, renamed at the end.

An interrupted or failed run removes its temporary file and leaves any earlier output untouched,
so a half-written file never takes the output's name.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import io
import json
import math
import os
import re
import tempfile
from typing import Any

from taskqual.batch.readers import Chunk, Source, detect_format
from taskqual.batch.russian_columns import RUSSIAN_HEADERS, check_lang
from taskqual.batch.scoring import OUTPUT_COLUMNS, Scored

XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header
FORMULA_START = ("=", "+", "-", "@")
"""A text cell that starts with one of these is taken for a formula by Excel and LibreOffice."""
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def defuse(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would run it as a formula (numbers stay as they are).

    >>> defuse("=1+2"), defuse("@SUM(A1)"), defuse("-5"), defuse("позвонить")
    ("'=1+2", "'@SUM(A1)", '-5', 'позвонить')
    """
    if value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def added_headers(lang: str) -> tuple[str, ...]:
    """The headers ``taskqual score`` adds after the input's columns for ``lang`` (``en`` or ``ru``)."""
    return OUTPUT_COLUMNS + (RUSSIAN_HEADERS if check_lang(lang) == "ru" else ())


def ours(columns: list[str]) -> set[str]:
    """The columns of an input that an earlier ``taskqual score`` wrote (replaced, not doubled, on re-scoring):
    the machine columns, and the Russian ones when the machine ``label`` column is there too."""
    names = set(OUTPUT_COLUMNS)
    if "label" in columns:
        names |= set(RUSSIAN_HEADERS)
    return {c for c in columns if c in names}


class OutputError(ValueError):
    """The output cannot be written in the asked format (e.g. too many rows for Excel)."""


class AtomicFile:
    """A temporary path beside ``path`` that becomes ``path`` on :meth:`commit` and vanishes on :meth:`abort`."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)
        directory = os.path.dirname(self.path)
        os.makedirs(directory, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".part", dir=directory)
        os.close(fd)

    def commit(self) -> None:
        with open(self.tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(self.tmp, 0o644 & ~_umask())
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _plain(value: Any) -> Any:
    """A cell value for formats without types of their own (CSV, JSON-in-CSV)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat(sep=" ") if isinstance(value, _dt.datetime) else value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


class Writer:
    """Base class: input columns (less any earlier taskqual columns) followed by the scores."""

    def __init__(self, path: str, source: Source, *, lang: str = "en") -> None:
        self.lang = lang
        added = added_headers(lang)  # checks lang before any file is made
        self.file = AtomicFile(path)
        self.source = source
        earlier = ours(source.columns)  # an earlier run's columns are replaced, not doubled
        self.keep = [i for i, c in enumerate(source.columns) if c not in earlier]
        self.replaced = [c for c in source.columns if c in earlier]
        self.columns = [source.columns[i] for i in self.keep] + list(added)
        self.rows = 0

    def kept(self, chunk: Chunk) -> list[list[Any]]:
        if len(self.keep) == len(chunk.data):
            return chunk.data
        return [chunk.data[i] for i in self.keep]

    def write(self, chunk: Chunk, scored: Scored) -> None:
        self._write(chunk, scored)
        self.rows += len(chunk)

    def _write(self, chunk: Chunk, scored: Scored) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        pass

    def commit(self) -> None:
        self._close()
        self.file.commit()

    def abort(self) -> None:
        with contextlib.suppress(Exception):  # the temporary file goes anyway
            self._close()
        self.file.abort()


class CsvWriter(Writer):
    """UTF-8 with a byte-order mark (Excel opens it right), the input's delimiter unless told otherwise.

    A cleanly read CSV record is copied as it was, and the scores are appended to it; other rows
    go through the csv module. Both give the same cells.
    """

    def __init__(
        self,
        path: str,
        source: Source,
        *,
        delimiter: str | None = None,
        encoding: str = "utf-8-sig",
        safe_formulas: bool = False,
        lang: str = "en",
    ) -> None:
        from taskqual.batch.readers import codec_name

        encoding = codec_name(encoding, "--output-encoding")  # before any file is made
        super().__init__(path, source, lang=lang)
        self.sep = delimiter or source.delimiter or ";"
        bom = encoding == "utf-8-sig"
        self.encoding = encoding
        # every character fits UTF-8 and UTF-16; other encodings are checked row by row
        self._lossy = not encoding.startswith(("utf-8", "utf_8", "utf-16", "utf-32"))
        self.safe_formulas = safe_formulas
        # the BOM by hand and then the C UTF-8 codec: the utf-8-sig codec encodes in Python
        self._f = open(  # noqa: SIM115 - the writer's lifetime; closed by commit() or abort()
            self.file.tmp,
            "w",
            encoding="utf-8" if bom else encoding,
            errors="replace",  # the rows where it happens are flagged (see _flag_unencodable)
            newline="",
        )
        if bom:
            self._f.write("\ufeff")
        self._buf = io.StringIO()
        self._w = csv.writer(self._buf, delimiter=self.sep, lineterminator="\r\n")
        self._w.writerow(self.columns)
        self._flush()
        self._typed = source.format != "csv"
        self._copy_raw = (
            source.format == "csv" and self.sep == source.delimiter and not self.replaced and not safe_formulas
        )
        self._quoted: dict[str, str] = {}
        self._special = re.compile(f'[{re.escape(self.sep)}"\r\n]')

    def _q(self, value: str) -> str:
        """A cell as the csv module writes it (quoted when it holds the delimiter, a quote or a newline)."""
        if not value or self._special.search(value) is None:
            return value
        return '"' + value.replace('"', '""') + '"'

    def _flag_unencodable(self, chunk: Chunk, scored: Scored) -> None:
        """Flag the rows with characters the output encoding cannot hold (written as ``?``)."""
        cols = self.kept(chunk)
        rows = list(zip(*cols, scored.hint))  # the Russian columns hold nothing the hint does not
        text = "\x00".join(str(v) for r in rows for v in r if v is not None)
        try:
            text.encode(self.encoding)
            return
        except UnicodeEncodeError:
            pass
        for i, r in enumerate(rows):
            try:
                "\x00".join(str(v) for v in r if v is not None).encode(self.encoding)
            except UnicodeEncodeError:
                note = f"characters that {self.encoding} cannot hold (e.g. emoji) were written as ?"
                e = scored.error[i]
                scored.error[i] = f"{e}; {note}" if e else f"{chunk.row_label(i)}: {note}"

    def _write(self, chunk: Chunk, scored: Scored) -> None:
        if self._lossy:
            self._flag_unencodable(chunk, scored)
        if not (self._copy_raw and chunk.raw is not None):
            cols = self.kept(chunk)
            if self._typed:
                cols = [[_plain(v) for v in col] for col in cols]
            if self.safe_formulas:
                cols = [[defuse(v) if isinstance(v, str) else v for v in col] for col in cols]
            self._w.writerows(zip(*cols, *scored.columns(self.lang)))
            self._flush()  # one write per chunk
            return
        sep, quoted, q = self.sep, self._quoted, self._q
        out: list[str] = []
        append = out.append
        rows = chunk.rows
        added = scored.columns(self.lang)
        tails = [""] * len(chunk)  # the Russian columns, when asked for
        if len(added) > 6:
            tails = [sep + sep.join(q(v) for v in r) for r in zip(*added[6:])]
        for i, (raw, label, conf, concrete, missing, hint, error) in enumerate(zip(chunk.raw, *added[:6])):
            if raw is None:  # a row with problems: its fitted fields, quoted by the csv module
                self._w.writerow(rows[i])
                head = self._buf.getvalue()[:-2]
                self._buf.seek(0)
                self._buf.truncate()
            else:
                head = raw.rstrip("\r\n")
            h = quoted.get(hint)
            if h is None:
                if len(quoted) > 10_000:
                    quoted.clear()
                h = quoted[hint] = q(hint)
            m = quoted.get(missing)
            if m is None:
                m = quoted[missing] = q(missing)
            append(
                f"{head}{sep}{label or ''}{sep}{conf!r}{sep}{concrete}{sep}{m}{sep}{h}{sep}"
                f"{q(error) if error else ''}{tails[i]}\r\n"
            )
        self._f.write("".join(out))

    def _flush(self) -> None:
        self._f.write(self._buf.getvalue())
        self._buf.seek(0)
        self._buf.truncate()

    def _close(self) -> None:
        if not self._f.closed:
            self._flush()
            self._f.close()


class JsonlWriter(Writer):
    def __init__(self, path: str, source: Source, *, lang: str = "en") -> None:
        super().__init__(path, source, lang=lang)
        self._f = open(self.file.tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115

    def _write(self, chunk: Chunk, scored: Scored) -> None:
        names = self.columns
        dumps = json.dumps
        lines = [
            dumps(dict(zip(names, map(_json_value, row))), ensure_ascii=False, default=str)
            for row in zip(*self.kept(chunk), *scored.columns(self.lang))
        ]
        if lines:
            self._f.write("\n".join(lines))
            self._f.write("\n")

    def _close(self) -> None:
        if not self._f.closed:
            self._f.close()


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return value


class XlsxWriter(Writer):
    """A write-only (streaming) workbook with one sheet."""

    def __init__(self, path: str, source: Source, *, safe_formulas: bool = True, lang: str = "en") -> None:
        from openpyxl import Workbook

        super().__init__(path, source, lang=lang)
        self.safe_formulas = safe_formulas
        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet("taskqual")
        self._ws.append(self.columns)
        self._saved = False

    def _write(self, chunk: Chunk, scored: Scored) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if self.rows + len(chunk) > XLSX_MAX_ROWS:
            raise OutputError(f"more than {XLSX_MAX_ROWS:,} rows do not fit an Excel sheet; write .csv or .parquet")
        from openpyxl.cell import WriteOnlyCell

        ws, safe = self._ws, self.safe_formulas
        for row in zip(*self.kept(chunk), *scored.columns(self.lang)):
            values = [_xlsx_value(v, ILLEGAL_CHARACTERS_RE) for v in row]
            if safe and any(isinstance(v, str) and v.startswith("=") for v in values):
                values = [_text_cell(ws, v, WriteOnlyCell) for v in values]
            ws.append(values)

    def _close(self) -> None:
        if not self._saved:
            self._saved = True
            self._wb.save(self.file.tmp)


def _text_cell(ws: Any, value: Any, cell_type: Any) -> Any:
    """A cell that holds ``value`` as text: an XLSX string cell is shown, never computed."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = cell_type(ws, value)
    cell.data_type = "s"  # openpyxl makes any "=..." a formula; the text is kept as it is, unchanged
    return cell


def _xlsx_value(value: Any, illegal: Any) -> Any:
    if isinstance(value, str):
        return illegal.sub("\ufffd", value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, _dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


class ParquetWriter(Writer):
    """Keeps a Parquet input's column types; other inputs' columns become strings."""

    def __init__(self, path: str, source: Source, *, lang: str = "en") -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        super().__init__(path, source, lang=lang)
        self._pa = pa
        added = [
            pa.field("label", pa.string()),
            pa.field("confidence", pa.float64()),
            pa.field("is_concrete", pa.bool_()),
            pa.field("missing", pa.string()),
            pa.field("hint", pa.string()),
            pa.field("error", pa.string()),
        ]
        added += [pa.field(name, pa.string()) for name in self.columns[len(self.keep) + len(added) :]]
        schema = getattr(source, "schema", None)
        if schema is not None:
            base = [schema.field(i) for i in self.keep]
        else:
            base = [pa.field(source.columns[i], pa.string()) for i in self.keep]
        self.schema = pa.schema(base + added)
        self._added = added
        self._w = pq.ParquetWriter(self.file.tmp, self.schema, compression="zstd")
        self._open = True

    def _write(self, chunk: Chunk, scored: Scored) -> None:
        pa = self._pa
        if chunk.arrow is not None:
            arrays = [chunk.arrow.column(i) for i in self.keep]
        else:
            arrays = [pa.array([_str_or_none(v) for v in col], pa.string()) for col in self.kept(chunk)]
        for values, f in zip(scored.columns(self.lang), self._added):
            arrays.append(pa.array(values, f.type))
        self._w.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self.schema))

    def _close(self) -> None:
        if self._open:
            self._open = False
            self._w.close()


def _str_or_none(value: Any) -> str | None:
    v = _plain(value)
    return None if v is None else (v if isinstance(v, str) else str(v))


def open_writer(
    path: str,
    source: Source,
    *,
    fmt: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    safe_formulas: bool | None = None,
    lang: str = "en",
) -> Writer:
    """A writer for ``path`` in the format its extension names (or ``fmt``).

    ``safe_formulas`` (default: on for XLSX, off for CSV): in XLSX a text starting with ``=`` is
    stored as a text cell, in CSV a text starting with ``= + - @`` gets a leading ``'``. ``lang="ru"``
    adds the Russian columns of :mod:`taskqual.batch.russian_columns` after the machine ones.
    """
    kind = detect_format(path, fmt)
    if kind == "html":
        raise OutputError(
            f"{path}: taskqual reads HTML tables saved as .xls (Bitrix24's «Excel») but writes real workbooks; "
            "name the output .xlsx (or .csv, .jsonl, .parquet)"
        )
    if kind == "csv":
        return CsvWriter(
            path,
            source,
            delimiter=delimiter,
            encoding=encoding or "utf-8-sig",
            safe_formulas=bool(safe_formulas),
            lang=lang,
        )
    if kind == "jsonl":
        return JsonlWriter(path, source, lang=lang)
    if kind == "xlsx":
        return XlsxWriter(path, source, safe_formulas=safe_formulas is not False, lang=lang)
    return ParquetWriter(path, source, lang=lang)


__all__ = ["defuse", "FORMULA_START", "AtomicFile", "Writer", "open_writer", "OutputError", "XLSX_MAX_ROWS"]
