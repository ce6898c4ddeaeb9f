"""Batch scoring of whole task backlogs and the head-of-sales report.

    from taskqual.batch import score_file, report_file
    summary = score_file("backlog.csv", "scored.csv", jobs=2)  # ScoreSummary: rows, flagged, seconds
    report = report_file("backlog.csv", today=datetime.date(2026, 11, 20))  # plain JSON-ready dict

Modules, one job each: ``sniff`` (encoding and delimiter), ``readers`` (CSV, XLSX, JSON Lines,
Parquet in chunks), ``columns`` (which column is what), ``scoring`` (chunked scoring, worker
processes), ``writers`` (atomic output), ``exports`` (CRM export shapes: column roles, status
vocabularies, «Элементы CRM»), ``dates`` (date cells), ``tally`` (what the report counts by: kinds,
manager, company key), ``report`` (the counters), ``routines`` (the head of sales' sections),
``lists`` (hot list and company export), ``russian`` (plurals and dates), ``html`` and ``terminal``
(rendering), ``pipeline`` (the two entry points below), ``frame`` (pandas and Dask data frames).
"""

from taskqual.batch.pipeline import ScoreSummary, report_file, score_file
from taskqual.batch.scoring import OUTPUT_COLUMNS

__all__ = ["score_file", "report_file", "ScoreSummary", "OUTPUT_COLUMNS"]
