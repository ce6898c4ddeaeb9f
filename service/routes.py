"""The endpoints: the checks under ``/v1`` and the operational ones (health, readiness, metrics)."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic_core import PydanticCustomError, to_json
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

import taskqual

from . import metrics
from .body import read_json, validated
from .coalesce import Coalescer
from .errors import ApiError
from .model_state import ModelState
from .schemas import (
    BatchItem,
    BatchRequest,
    BatchResponse,
    CheckRequest,
    CheckResult,
    Health,
    ModelInfo,
    Readiness,
    check_id,
    error_responses,
)
from .settings import Settings

log = logging.getLogger("taskqual.service")


def json_body(model: type) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads its body itself: the body schema is ``model``."""
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


def json_response(content: object, status_code: int = 200) -> Response:
    """``content`` as compact UTF-8 JSON (non-ASCII characters as they are), by pydantic-core's
    serializer: a seventh of the standard library encoder's time for a verdict (a float may be
    written ``2.4e-9`` instead of ``2.4e-09``: the same number)."""
    return Response(to_json(content), status_code=status_code, media_type="application/json")


def result(verdict: taskqual.Verdict, item_id: str | int | None) -> dict[str, Any]:
    """A verdict as the API returns it: the Verdict fields plus ``ok`` and the caller's id."""
    return {
        "id": item_id,
        "ok": verdict.is_concrete,
        "label": verdict.label,
        "confidence": verdict.confidence,
        "scores": verdict.scores,
        "missing": list(verdict.missing),
        "hint": verdict.hint,
        "company": verdict.company,
        "model_version": verdict.model_version,
    }


def v1_router(settings: Settings, models: ModelState, auth: Callable[..., None] | None) -> APIRouter:
    router = APIRouter(
        prefix="/v1",
        tags=["check"],
        dependencies=[Depends(auth)] if auth else [],
        responses=error_responses(401, 503) if auth else error_responses(503),
    )
    max_length = settings.max_text_length
    coalescer = Coalescer()

    @router.post(
        "/check",
        response_model=CheckResult,
        openapi_extra=json_body(CheckRequest),
        responses=error_responses(400, 413, 415, 422),
        summary="Check one task text (on save)",
    )
    async def check(request: Request) -> Response:
        """The verdict on one task text; `ok` is true when the task passes (label `concrete`)."""
        model = models.require()
        body = await read_json(request)
        try:
            request_body = validated(CheckRequest, body, max_text_length=max_length)
            text, kind, item_id = request_body.text, request_body.type, request_body.id
            verdict = await coalescer.classify(model, text, kind)
            if verdict.error is not None:
                raise refusal(verdict, "text")
        except ApiError as e:
            metrics.REFUSED_TEXTS.labels(e.code).inc()
            raise
        metrics.count_verdict(verdict.label)
        if settings.debug_log_texts:
            log.info("text %r → %s", text, verdict.label)
        return json_response(result(verdict, item_id))

    @router.post(
        "/check/batch",
        response_model=BatchResponse,
        openapi_extra=json_body(BatchRequest),
        responses=error_responses(400, 413, 415, 422),
        summary="Check many task texts",
    )
    async def check_batch(request: Request) -> Response:
        """One result per item, in order, ids echoed. An invalid item gets its own `error` entry and
        does not fail the others; a batch over the size limit is refused whole."""
        model = models.require()
        body = await read_json(request)
        items: list[Any] = validated(BatchRequest, body).items  # the items are validated one by one below
        if len(items) > settings.max_batch_size:
            raise ApiError(
                "batch_too_large",
                f"the batch has {len(items)} items; at most {settings.max_batch_size} "
                "are accepted (TASKQUAL_MAX_BATCH_SIZE): split it",
                "items",
            )
        chars = batch_chars(items)
        if chars > settings.max_batch_chars:
            raise ApiError(
                "batch_too_costly",
                f"the texts of the batch hold {chars} characters (counted after Unicode "
                f"NFKC expansion); at most {settings.max_batch_chars} are accepted in "
                "one request (TASKQUAL_MAX_BATCH_CHARS): split it",
                "items",
            )
        # Off the event loop: a large batch takes a while, and other requests keep being answered.
        return await run_in_threadpool(_check_batch, model, items, max_length, settings.debug_log_texts)

    @router.get("/model", response_model=ModelInfo, summary="The model in use")
    async def model_info() -> Response:
        """Model version, labels, training-data hash and development metrics, from the model's manifest."""
        model = models.require()
        manifest = model.manifest
        training = manifest.get("training_data", {})
        return json_response(
            {
                "model_version": model.version,
                "labels": list(manifest.get("classes", taskqual.LABELS)),
                "training_data_sha256": training.get("sha256"),
                "training_records": training.get("records"),
                "metrics": manifest.get("metrics", {}),
                "max_text_length": settings.max_text_length,
                "max_batch_size": settings.max_batch_size,
            }
        )

    return router


def text_cost(text: str) -> int:
    """The characters the classifier will work on: NFKC turns one «ﷺ» into 18, and cost and
    response size follow the expanded text."""
    if unicodedata.is_normalized("NFKC", text):
        return len(text)
    return len(unicodedata.normalize("NFKC", text))


def batch_chars(items: list) -> int:
    """Characters of all the batch's texts (invalid items count nothing: they are refused one by one)."""
    total = 0
    for item in items:
        text = item.get("text") if isinstance(item, dict) else None
        if isinstance(text, str):
            total += text_cost(text)
    return total


def refusal(verdict: taskqual.Verdict, field: str) -> ApiError:
    """The API error for a verdict the library refused, from its ``error_code``: ``empty_text`` and
    ``text_too_long`` as they are; anything else is the library failing on a valid string (a bug there,
    logged by type only: the message could quote the text)."""
    code, message = verdict.error_code, (verdict.error or "").partition(": ")[2]
    if code in ("empty_text", "text_too_long"):
        return ApiError(code, message, field)
    log.error("the library could not analyse %s: %s", field, (verdict.error or "").partition(":")[0])
    return ApiError(
        "validation_error",
        "the text could not be analysed (it holds characters the analyser "
        "does not know); the service log has the details",
        field,
    )


def _check_batch(model: taskqual.Model, items: list, max_length: int, log_texts: bool) -> Response:
    results: list[dict[str, Any] | None] = [None] * len(items)
    ids: list[str | int | None] = [None] * len(items)
    todo: list[int] = []
    texts: list[str] = []
    kinds: list[str | None] = []
    for i, item in enumerate(items):
        try:
            valid = validated(BatchItem, item, where=f"items[{i}]", max_text_length=max_length)
        except ApiError as e:
            results[i] = _item_error(item, e)
            continue
        ids[i] = valid.id
        todo.append(i)
        texts.append(valid.text)
        kinds.append(valid.type)
    for i, text, verdict in zip(todo, texts, model.classify_many(texts, task_types=kinds)):
        if verdict.error is not None:
            results[i] = _item_error(items[i], refusal(verdict, f"items[{i}].text"))
            continue
        metrics.count_verdict(verdict.label)
        if log_texts:
            log.info("items[%d] text %r → %s", i, text, verdict.label)
        results[i] = result(verdict, ids[i])
    return json_response({"results": results})


def _item_error(item: object, error: ApiError) -> dict[str, Any]:
    metrics.REFUSED_TEXTS.labels(error.code).inc()
    return {"id": _echoable_id(item), "ok": False, "error": error.body()}


def _echoable_id(item: object) -> str | int | None:
    """The item's id if it is a valid one (an invalid id is reported, not echoed)."""
    try:
        return check_id(item.get("id"), "id") if isinstance(item, dict) else None
    except PydanticCustomError:
        return None


def ops_router(models: ModelState, metrics_auth: Callable[..., None] | None) -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", response_model=Health, summary="The process is alive")
    async def healthz() -> Response:
        return json_response({"status": "ok"})

    @router.get(
        "/readyz",
        response_model=Readiness,
        responses={503: {"model": Readiness}},
        summary="The model is loaded and classifies",
    )
    async def readyz() -> Response:
        """200 when the model is loaded and a probe text gets a verdict; 503 while it loads or if it failed."""
        if models.probe() and (model := models.model) is not None:
            return json_response({"ready": True, "status": "ready", "model_version": model.version})
        status = "loading" if models.status == "loading" else "failed"
        return json_response({"ready": False, "status": status, "model_version": None}, status_code=503)

    @router.get(
        "/metrics",
        summary="Prometheus metrics",
        dependencies=[Depends(metrics_auth)] if metrics_auth else [],
        responses={
            200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text format"},
            **(error_responses(401) if metrics_auth else {}),
        },
    )
    async def prometheus_metrics() -> Response:
        page, content_type = metrics.exposition()
        return Response(page, media_type=content_type)

    return router


__all__ = ["v1_router", "ops_router", "result", "json_response"]
