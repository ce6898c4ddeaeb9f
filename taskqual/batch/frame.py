"""Score a pandas DataFrame of tasks, alone or partition by partition on Dask.

:func:`score_frame` adds the same columns, with the same values, as ``taskqual score`` does to a
file: ``label``, ``confidence``, ``is_concrete``, ``missing``, ``hint`` and ``error``. It only needs
pandas; on a cluster it runs once per partition::

    import dask.dataframe as dd
    from taskqual.batch.frame import score_frame, score_frame_meta

    ddf = dd.read_parquet("backlog/")                      # or dd.from_pandas(df, npartitions=8)
    scored = ddf.map_partitions(score_frame, text_column="Задача", meta=score_frame_meta(ddf._meta))
    scored.to_parquet("scored/")

Each worker process loads the shipped model once (about a second) and keeps it. Error messages
name the row as ``taskqual score`` does, ``row N`` = index + 1, so with the default integer index
(which ``dd.from_pandas`` and ``dd.read_csv`` partitions keep continuous) the numbers match the
file's rows; with any other index they count rows within the frame.

>>> import pandas as pd
>>> out = score_frame(pd.DataFrame({"Задача": ["отправить КП в Ромашку до пятницы", ""]}))
>>> out["label"].tolist(), out["is_concrete"].tolist()
(['concrete', None], [True, False])
>>> out.loc[1, "error"].split(":")[0]
'row 2'
"""

from __future__ import annotations

from typing import Any

from taskqual.batch.columns import TEXT_NAMES, resolve
from taskqual.batch.scoring import OUTPUT_COLUMNS, TextScorer, as_text, assemble

_SCORERS: dict[int, TextScorer] = {}


def _scorer(model: Any) -> TextScorer:
    import taskqual

    model = model if model is not None else taskqual.default_model()
    scorer = _SCORERS.get(id(model))
    if scorer is None or scorer.model is not model:
        scorer = _SCORERS[id(model)] = TextScorer(model)
    return scorer


def _row_numbers(df: Any) -> list[int]:
    import pandas as pd

    index = df.index
    if pd.api.types.is_integer_dtype(index.dtype):
        return [int(i) + 1 for i in index]
    return list(range(1, len(df) + 1))


def score_frame(df: Any, text_column: str | None = None, model: Any = None) -> Any:
    """A copy of ``df`` with the taskqual columns added (earlier taskqual columns are replaced).

    ``text_column`` is found by name («Задача», «Название», ``text``, ...) when not given; ``model``
    defaults to the shipped one. Works on any pandas DataFrame, including a Dask partition.
    """
    import pandas as pd

    column = resolve([str(c) for c in df.columns], text_column, TEXT_NAMES, "text", required=True)
    texts = [as_text(v) for v in df[column].tolist()] if len(df) else []
    raw = _scorer(model).score(texts) if texts else ([], [], [], [], [], [])
    numbers = _row_numbers(df)
    scored = assemble(raw, len(texts), lambda i: f"row {numbers[i]}", {})
    out = df.drop(columns=[c for c in OUTPUT_COLUMNS if c in df.columns])
    values = dict(zip(OUTPUT_COLUMNS, scored.columns()))
    for name in OUTPUT_COLUMNS:
        out[name] = pd.Series(values[name], index=df.index, dtype=_DTYPES[name])
    return out


_DTYPES = {
    "label": object,
    "confidence": "float64",
    "is_concrete": bool,
    "missing": object,
    "hint": object,
    "error": object,
}


def score_frame_meta(meta: Any) -> Any:
    """The empty frame that describes :func:`score_frame`'s output, for ``map_partitions(meta=...)``."""
    import pandas as pd

    out = meta.drop(columns=[c for c in OUTPUT_COLUMNS if c in meta.columns]).iloc[:0].copy()
    for name in OUTPUT_COLUMNS:
        out[name] = pd.Series([], dtype=_DTYPES[name])
    return out


__all__ = ["score_frame", "score_frame_meta"]
