"""score_frame on pandas, and on a real Dask cluster with two worker processes."""

from __future__ import annotations

import pandas as pd
import pytest

from taskqual.batch import OUTPUT_COLUMNS
from taskqual.batch.frame import score_frame, score_frame_meta

from .conftest import SAMPLE, run_cli


def test_score_frame_adds_the_columns(model):
    df = pd.DataFrame({"id": [1, 2, 3], "Задача": ["отправить КП в Ромашку до пятницы", None, "позвонить"]})
    out = score_frame(df, model=model)
    assert list(out.columns) == ["id", "Задача", *OUTPUT_COLUMNS]
    assert out["label"].tolist() == ["concrete", None, "vague"]
    assert out["is_concrete"].tolist() == [True, False, False]
    assert out.loc[1, "error"].startswith("row 2: EmptyTaskError")
    assert df.columns.tolist() == ["id", "Задача"]  # the input is not modified
    meta = score_frame_meta(df)
    assert list(meta.columns) == list(out.columns) and len(meta) == 0
    assert meta.dtypes.astype(str).tolist()[2:] == out.dtypes.astype(str).tolist()[2:]


def test_score_frame_replaces_earlier_scores_and_handles_empty_frames(model):
    df = pd.DataFrame({"text": ["позвонить"], "label": ["old"]})
    assert score_frame(df, model=model).columns.tolist() == ["text", *OUTPUT_COLUMNS]
    empty = score_frame(df.iloc[:0], model=model)
    assert len(empty) == 0 and empty.columns.tolist() == ["text", *OUTPUT_COLUMNS]


def _as_strings(df: pd.DataFrame) -> list[list[str]]:
    def cell(v):
        if v is None or (isinstance(v, float) and v != v):
            return ""
        return repr(v) if isinstance(v, float) else str(v)

    return [[cell(v) for v in row] for row in df.astype(object).itertuples(index=False)]


@pytest.mark.slow
def test_dask_cluster_matches_taskqual_score_row_for_row(tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")

    out = tmp_path / "scored.csv"
    r = run_cli("score", SAMPLE, "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    expected = pd.read_csv(out, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")

    df = pd.read_csv(SAMPLE, sep=";", dtype=str, keep_default_na=False, encoding="cp1251")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        ddf = dd.from_pandas(df, npartitions=6)
        scored = ddf.map_partitions(score_frame, text_column="Задача", meta=score_frame_meta(ddf._meta))
        got = scored.compute()
        workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2
    assert list(got.columns) == list(expected.columns)
    assert got.index.tolist() == list(range(len(df)))
    exp_rows = expected.values.tolist()
    got_rows = _as_strings(got)
    assert len(got_rows) == len(exp_rows) == 3000
    assert got_rows == exp_rows
