"""The label registry (taskqual/labels.py) is the one place in code that knows the labels: a throwaway
fifth label, added to a temporary registry, shows up in the HTML report, its CSS and the service's
OpenAPI schema without touching any other module."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

import taskqual
from taskqual import labels
from taskqual.batch.exports import Layout
from taskqual.batch.html import render_html
from taskqual.batch.report import ReportBuilder

GUIDE_NAMES = {  # the «Russian name» column of shared/labeling-guide.md
    "concrete": "конкретное действие",
    "vague": "размытая задача",
    "company_only": "только название",
    "delegable": "можно делегировать",
}
DUPLICATE = labels.Label(
    id="duplicate",
    name_ru="дубль",
    long_name_ru="дубль другой задачи",
    color="#6d4c41",
    description="the same task as another open one for the same client",
    hint_kind="add_result",
)


@pytest.fixture
def five_labels() -> Iterator[labels.LabelRegistry]:
    """The shipped labels plus «duplicate», for the duration of one test."""
    with labels.use_registry(labels.DEFAULT_REGISTRY.with_label(DUPLICATE)) as registry:
        yield registry


@pytest.fixture
def in_process_server(five_labels) -> Iterator[str]:
    """A real uvicorn server on loopback, in this process so that it sees the swapped registry."""
    import uvicorn

    from taskqual.service.app import create_app
    from taskqual.service.settings import Settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the in-process server did not start within 30 s"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_the_registry_is_the_labeling_guide_and_LABELS_derives_from_it():
    assert {label.id: label.long_name_ru for label in labels.registry()} == GUIDE_NAMES
    assert taskqual.LABELS == labels.ids() == tuple(GUIDE_NAMES)
    assert labels.get("delegable").hint_kind == "delegate"
    with pytest.raises(KeyError, match="known: concrete, vague"):
        labels.get("frozen")


def test_a_label_with_a_bad_colour_or_a_repeated_id_is_refused_with_the_fix():
    with pytest.raises(ValueError, match="#rrggbb"):
        labels.Label("x", "икс", "икс", "red", "no colour", "confirm")
    with pytest.raises(ValueError, match="repeated: \\['vague'\\]"):
        labels.DEFAULT_REGISTRY.with_label(labels.get("vague"))


def test_the_swap_ends_with_the_block(five_labels):
    assert labels.ids()[-1] == "duplicate"


def test_after_the_swap_the_default_labels_are_back():
    assert labels.ids() == tuple(GUIDE_NAMES)


def _report_with(label_per_row: list[str | None]) -> dict:
    """The report's JSON for one manager whose tasks carry these labels (None: a task with no text)."""
    n = len(label_per_row)
    builder = ReportBuilder(today=dt.date(2026, 11, 20), layout=Layout({"text": "Задача", "manager": "Менеджер"}))
    builder.add(
        rows=range(1, n + 1),
        texts=["" if lb is None else f"задача {i}" for i, lb in enumerate(label_per_row)],
        labels=label_per_row,
        confidences=[0.9] * n,
        hints=["подсказка"] * n,
        errors=[None if lb else "EmptyTaskError: no words" for lb in label_per_row],
        found_companies=[None] * n,
        cells={"manager": ["Иванова"] * n},
        columns=["Задача", "Менеджер"],
    )
    report = builder.result()
    report["input"] = {"path": "tasks.csv", "crm": "auto", "columns": {"text": "Задача"}, "seconds": 0.1}
    return report


def test_a_fifth_label_appears_in_the_report_json_html_and_css(five_labels):
    report = _report_with(["concrete", "duplicate", "duplicate", "vague", None])
    assert report["totals"]["labels"]["duplicate"] == 2
    assert report["managers"][0]["labels"]["duplicate"] == 2
    page = render_html(report)
    assert ":root { --duplicate:#6d4c41; }" in page
    assert ".tag.duplicate { background:var(--duplicate); color:#ffffff; }" in page
    assert 'class="bar-duplicate"' in page and 'fill="#6d4c41"' in page  # the «what the plan is made of» chart
    assert page.count("дубль другой задачи") >= 3  # legend, table header, the quality note
    assert re.search(r"«только название», «можно делегировать», «дубль другой задачи»", page)


def test_without_the_fifth_label_the_report_does_not_mention_it():
    page = render_html(_report_with(["concrete", "vague", None]))
    assert "duplicate" not in page and "дубль" not in page
    assert ".tag.vague { background:var(--vague); color:#1f2933; }" in page  # dark text on amber


def test_a_fifth_label_appears_in_the_openapi_schema(five_labels, in_process_server):
    schema = httpx.get(f"{in_process_server}/openapi.json", timeout=10).json()  # as a CRM developer gets it
    components = schema["components"]["schemas"]
    label = components["CheckResult"]["properties"]["label"]
    assert label["enum"] == [*GUIDE_NAMES, "duplicate"]
    assert "`duplicate` (дубль другой задачи): the same task as another open one" in label["description"]
    assert components["ModelInfo"]["properties"]["labels"]["items"]["enum"][-1] == "duplicate"
