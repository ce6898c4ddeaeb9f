"""``score_file``: read a backlog, score every row, write it back with the scores, atomically."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from taskqual.batch.progress import Progress
from taskqual.batch.readers import DEFAULT_CHUNK_ROWS, open_source, printable
from taskqual.batch.scoring import scored, text_index
from taskqual.batch.writers import open_writer


@dataclass
class ScoreSummary:
    """What a run did: rows read and written, rows flagged, where the output is."""

    input: str
    output: str
    rows: int = 0
    flagged: int = 0
    seconds: float = 0.0
    format: str = ""
    encoding: str | None = None
    delimiter: str | None = None
    text_column: str = ""
    labels: dict[str, int] = field(default_factory=dict)
    replaced_columns: list[str] = field(default_factory=list)
    first_flagged: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def score_file(
    input_path: str,
    output_path: str | None = None,
    *,
    text_column: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    input_format: str | None = None,
    output_format: str | None = None,
    output_delimiter: str | None = None,
    output_encoding: str | None = None,
    jobs: int = 1,
    model: Any = None,
    model_path: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    show_progress: bool = False,
    sheet: str | None = None,
    safe_formulas: bool | None = None,
    lang: str = "en",
) -> ScoreSummary:
    """Score every row of ``input_path`` into ``output_path`` (default: ``NAME.scored.EXT`` beside it).

    The output has every input row and column in order plus the columns
    :data:`taskqual.batch.scoring.OUTPUT_COLUMNS`; it appears only when the run succeeds, and not
    when the input changed while it was read (:class:`~taskqual.batch.readers.InputChangedError`).
    ``safe_formulas`` writes cells that start with ``= + - @`` so that a spreadsheet shows them as
    text (default: on for XLSX, off for CSV; see :mod:`taskqual.batch.writers`). ``lang="ru"`` adds
    Russian columns after the machine ones (:mod:`taskqual.batch.russian_columns`).
    """
    output_path = output_path or default_output(input_path)
    if os.path.abspath(output_path) == os.path.abspath(input_path):
        raise ValueError("the output would overwrite the input; name another file with -o")
    with open_source(
        input_path, fmt=input_format, encoding=encoding, delimiter=delimiter, chunk_rows=chunk_rows, sheet=sheet
    ) as source:
        _, name = text_index(source, text_column)
        summary = ScoreSummary(
            input_path,
            output_path,
            format=source.format,
            encoding=source.encoding,
            delimiter=source.delimiter,
            text_column=name,
        )
        writer = open_writer(
            output_path,
            source,
            fmt=output_format,
            delimiter=output_delimiter,
            encoding=output_encoding,
            safe_formulas=safe_formulas,
            lang=lang,
        )
        summary.replaced_columns = writer.replaced
        try:
            with Progress(show_progress) as progress:
                for chunk, sc in scored(source, name, jobs=jobs, model=model, model_path=model_path, progress=progress):
                    writer.write(chunk, sc)
                    summary.rows += len(chunk)
                    for lb in sc.label:
                        summary.labels[lb or "—"] = summary.labels.get(lb or "—", 0) + 1
                    if sc.flagged:
                        summary.flagged += sc.flagged
                        if len(summary.first_flagged) < 5:
                            summary.first_flagged += [printable(e) for e in sc.error if e][
                                : 5 - len(summary.first_flagged)
                            ]
            source.check_unchanged()
            writer.commit()
        except BaseException:
            writer.abort()
            raise
        summary.seconds = progress.elapsed
    return summary


def default_output(input_path: str) -> str:
    """``NAME.scored.EXT`` beside the input; an HTML table saved as .xls (Bitrix24) becomes a real .xlsx.

    >>> default_output("tasks.csv"), default_output("bitrix.xls")
    ('tasks.scored.csv', 'bitrix.scored.xlsx')
    """
    stem, ext = os.path.splitext(input_path)
    if ext.lower() in (".xls", ".html", ".htm"):
        ext = ".xlsx"
    return f"{stem}.scored{ext or '.csv'}"


__all__ = ["score_file", "scored", "ScoreSummary", "default_output", "text_index"]


def report_file(
    input_path: str,
    *,
    text_column: str | None = None,
    manager_column: str | None = None,
    company_column: str | None = None,
    due_column: str | None = None,
    status_column: str | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Score ``input_path`` and compute the head-of-sales report (see :func:`taskqual.batch.report.build_report`,
    which takes the other options: ``today``, ``columns`` by role, ``hot_file``, ``companies_file``, ...)."""
    from taskqual.batch.report import build_report

    columns = dict(options.pop("columns", None) or {})
    for role, name in (
        ("manager", manager_column),
        ("company", company_column),
        ("due", due_column),
        ("status", status_column),
    ):
        if name:
            columns[role] = name
    return build_report(input_path, text_column=text_column, columns=columns, **options)


__all__ += ["report_file"]
