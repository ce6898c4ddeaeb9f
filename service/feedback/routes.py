"""``POST /v1/feedback`` stores what the team thinks a verdict should have been; ``GET /v1/feedback``
exports everything stored, as JSON Lines or CSV. Both sit under ``/v1``, behind the API keys.

The database is written from the thread pool (SQLAlchemy is synchronous), so a slow disk or a busy
PostgreSQL never blocks the checks served on the event loop. A database error is answered with 503
``feedback_unavailable``; the log line names the error type and the database, never the text.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from ..body import read_json, validated
from ..errors import ApiError
from ..model_state import ModelState
from ..routes import json_body, json_response
from ..schemas import error_responses
from .schemas import FeedbackRequest, FeedbackStored
from .store import EXPORT_COLUMNS, FeedbackStore, NewFeedback, redacted

log = logging.getLogger("taskqual.service")
FORMATS = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


def feedback_router(
    store: FeedbackStore, models: ModelState, max_length: int, auth: Callable[..., None] | None
) -> APIRouter:
    router = APIRouter(
        prefix="/v1",
        tags=["feedback"],
        dependencies=[Depends(auth)] if auth else [],
        responses=error_responses(401, 503) if auth else error_responses(503),
    )

    @router.post(
        "/feedback",
        status_code=201,
        response_model=FeedbackStored,
        openapi_extra=json_body(FeedbackRequest),
        responses=error_responses(400, 413, 415, 422),
        summary="Say what a verdict should have been",
    )
    async def post_feedback(request: Request) -> Response:
        """Store the team's label for a task text next to taskqual's; 201 with the stored id."""
        given = validated(FeedbackRequest, await read_json(request), max_text_length=max_length)
        entry = NewFeedback(
            text=given.text,
            label=given.label,
            expected=given.expected,
            task_id=_str_or_none(given.id),
            task_type=given.type,
            comment=given.comment,
            user=given.user,
            model_version=models.model.version if models.model is not None else None,
        )
        stored_id, created = await run_in_threadpool(_guarded, store, lambda: store.add(entry))
        body = {"feedback_id": stored_id, "id": given.id, "created_at": created.isoformat()}
        return json_response(body, status_code=201)

    @router.get(
        "/feedback",
        summary="Export all feedback (JSON Lines or CSV)",
        responses={
            200: {
                "content": {t: {"schema": {"type": "string"}} for t in FORMATS.values()},
                "description": "one record per line, oldest first",
            },
            **error_responses(422),
        },
    )
    async def export_feedback(format: str = Query("jsonl", description="`jsonl` or `csv`")) -> Response:
        """Every piece of feedback, oldest first: `feedback_id`, `created_at`, `text`, `label`, `expected`,
        `id`, `type`, `comment`, `user`, `model_version`. `taskqual train --data` reads this file as is."""
        if format not in FORMATS:
            raise ApiError("validation_error", f"format must be one of {', '.join(FORMATS)}, got {format!r}", "format")
        await run_in_threadpool(_guarded, store, lambda: store.engine)  # open and migrate before the 200 goes out
        lines = _jsonl(store.export()) if format == "jsonl" else _csv(store.export())
        return StreamingResponse(
            lines,
            media_type=FORMATS[format],
            headers={"Content-Disposition": f'attachment; filename="taskqual-feedback.{format}"'},
        )

    return router


def _guarded(store: FeedbackStore, action: Callable[[], Any]) -> Any:
    try:
        return action()
    except (SQLAlchemyError, OSError) as e:  # OSError: the SQLite file's folder cannot be made
        log.error("feedback database %s: %s", redacted(store.url), type(e).__name__)
        raise ApiError(
            "feedback_unavailable",
            "the feedback database cannot be reached or written; the service log says why",
            headers={"Retry-After": "5"},
        ) from None


def _str_or_none(value: str | int | None) -> str | None:
    return None if value is None else str(value)


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for row in rows:
        yield (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")  # with a BOM: Excel then reads it as UTF-8
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue().encode("utf-8")


__all__ = ["feedback_router"]
