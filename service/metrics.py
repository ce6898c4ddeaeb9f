"""Prometheus metrics: requests and latency by route and status, verdicts by label, refused texts
by error code. Never the texts themselves.

With several workers each process counts for itself; set ``PROMETHEUS_MULTIPROC_DIR`` to an
empty directory before start-up (``taskqual serve --workers N`` does) and ``/metrics`` adds the
workers up, whichever worker answers the scrape.
"""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

disable_created_metrics()  # the *_created series only double the page
REGISTRY = CollectorRegistry(auto_describe=True)
if not MULTIPROCESS:
    ProcessCollector(registry=REGISTRY)
    PlatformCollector(registry=REGISTRY)

REQUESTS = Counter(
    "taskqual_http_requests",
    "HTTP requests answered, by route, method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "taskqual_http_request_duration_seconds",
    "Time to answer a request, by route, method and status",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
VERDICTS = Counter(
    "taskqual_verdicts", "Verdicts given (single checks and batch items), by label", ["label"], registry=REGISTRY
)
COALESCED = Histogram(
    "taskqual_check_coalesced_texts",
    "Single checks scored together in one library call (see taskqual.service.coalesce)",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256),
    registry=REGISTRY,
)
REFUSED_TEXTS = Counter(
    "taskqual_refused_texts",
    "Task texts (single checks and batch items) refused as bad input, by error code",
    ["code"],
    registry=REGISTRY,
)
MODEL_RELOADS = Counter(
    "taskqual_model_reloads",
    "Model reloads asked for (POST /v1/admin/reload or SIGHUP), by "
    "outcome: `reloaded` (verified and swapped in) or `refused` (the old model kept serving)",
    ["outcome"],
    registry=REGISTRY,
)
for _outcome in ("reloaded", "refused"):
    MODEL_RELOADS.labels(_outcome)  # both series exist from the start, at 0


_series: dict[tuple[str, str, int], tuple[Any, Any]] = {}  # (route, method, status) → its two series


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "other"  # a fuzzer's «FOO» must not add a series
    # labels() builds and looks up a key under a lock; the series of a (route, method, status) are
    # kept here instead (routes are the app's own paths or "other": a bounded set)
    series = _series.get((route, method, status))
    if series is None:
        status_label = str(status)
        series = _series[route, method, status] = (
            REQUESTS.labels(route, method, status_label),
            LATENCY.labels(route, method, status_label),
        )
    series[0].inc()
    series[1].observe(seconds)


_verdict_series: dict[str | None, Any] = {}  # label → its VERDICTS series (labels are the model's: a bounded set)


def count_verdict(label: str | None) -> None:
    """One verdict more for ``label``; the series is looked up once per label, not per verdict as
    ``VERDICTS.labels(label)`` does (a key built under a lock for every check)."""
    series = _verdict_series.get(label)
    if series is None:
        series = _verdict_series[label] = VERDICTS.labels(label)
    series.inc()


def exposition() -> tuple[bytes, str]:
    """The metrics page and its content type."""
    if MULTIPROCESS:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


__all__ = [
    "REQUESTS",
    "LATENCY",
    "VERDICTS",
    "COALESCED",
    "REFUSED_TEXTS",
    "MODEL_RELOADS",
    "observe_request",
    "count_verdict",
    "exposition",
    "MULTIPROCESS",
]
