"""Request and response bodies of the API, as they appear in the OpenAPI schema (with Russian
examples). Bodies are parsed by ``taskqual.service.body``; these models say what a valid one looks like."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, StrictInt, StrictStr
from pydantic_core import CoreSchema

from taskqual import labels
from taskqual.task_type import MAX_TYPE_LENGTH

ID_MAX_LENGTH = 200
TaskId = Annotated[
    Annotated[StrictStr, Field(max_length=ID_MAX_LENGTH)] | StrictInt | None,
    Field(description="your id for the task (string up to 200 characters, or integer); echoed back unchanged"),
]
TaskText = Annotated[
    StrictStr,
    Field(
        description="the task text as the manager wrote it; it must hold a word (a text of only digits, "
        "punctuation, spaces or emoji is answered 422 `empty_text`), unless a `type` is given: "
        "then an empty text is judged by the type alone",
        max_length=2000,
    ),
]
TYPE_MAX_LENGTH = MAX_TYPE_LENGTH
TaskType = Annotated[
    Annotated[StrictStr, Field(max_length=TYPE_MAX_LENGTH)] | None,
    Field(
        description="the task type the CRM shows beside the text («Звонок», «Встреча», «Письмо», or a custom one "
        "such as «Отправить КП»); the verdict is on type and text together"
    ),
]


class _LabelSchema:
    """JSON schema of a label id: an enum of the registry in use (taskqual.labels), read each time a
    schema is generated, so the OpenAPI document lists every label with its meaning."""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["enum"] = list(labels.ids())
        meanings = "; ".join(f"`{x.id}` ({x.long_name_ru}): {x.description}" for x in labels.registry())
        schema["description"] = f"one of the labels: {meanings}"
        return schema


LabelId = Annotated[str, _LabelSchema]


class CheckRequest(BaseModel):
    """One task text to check, e.g. when a task is saved."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {"text": "Ромашка — получить решение об оплате счёта до пятницы", "id": "task-1842"},
                {"text": "ООО Ромашка", "type": "Звонок", "id": "task-1843"},
            ]
        },
    )
    text: TaskText
    type: TaskType = None
    id: TaskId = None


class BatchItem(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: TaskId = None
    text: TaskText
    type: TaskType = None


class BatchRequest(BaseModel):
    """Many task texts at once (a backlog, an import); at most TASKQUAL_MAX_BATCH_SIZE items."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {"id": 1, "text": "перезвонить Ромашке"},
                        {"id": 2, "text": "Отправить КП в Северсталь до 15.03"},
                        {"id": 3, "text": "ООО «Вектор»"},
                        {"id": 4, "text": "ООО «Вектор»", "type": "Встреча"},
                    ]
                }
            ]
        },
    )
    items: list[BatchItem]


class CheckResult(BaseModel):
    """The verdict on one task text."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "task-1842",
                    "ok": True,
                    "label": "concrete",
                    "confidence": 0.97,
                    "scores": {"company_only": 0.001, "concrete": 0.97, "delegable": 0.004, "vague": 0.025},
                    "missing": [],
                    "hint": "Задача конкретная: действие с клиентом и результат, который можно проверить.",
                    "company": "Ромашка",
                    "model_version": "0.0.0+dea626e8",
                }
            ]
        }
    )
    id: TaskId = None
    ok: bool = Field(description="true when the task passes the review: its label is `concrete`")
    label: LabelId
    confidence: float = Field(ge=0, le=1, description="the probability of `label`")
    scores: dict[str, float] = Field(description="the probability of every label")
    missing: list[str] = Field(description="what the task lacks: `action`, `result`, `deadline`")
    hint: str = Field(description="what to tell the manager, in Russian")
    company: str | None = Field(description="the company or person the task names, if any")
    model_version: str


class ErrorDetail(BaseModel):
    code: str = Field(description="stable, for programs: `empty_text`, `text_too_long`, `validation_error`, …")
    message: str = Field(description="for the developer integrating a CRM")
    field: str | None = Field(
        description="where in the request body, e.g. `text` or `items[3].text`; null if not about one field"
    )


class ErrorResponse(BaseModel):
    """Every error the service answers with has this shape."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "empty_text",
                        "field": "text",
                        "message": "task text has no words (empty, or only spaces, punctuation, emoji or digits); "
                        "write what to do, e.g. «отправить КП до пятницы»",
                    }
                }
            ]
        }
    )
    error: ErrorDetail


class ItemError(BaseModel):
    """A batch item that could not be checked; the other items are checked all the same."""

    id: TaskId = None
    ok: Literal[False] = False
    error: ErrorDetail


class BatchResponse(BaseModel):
    """One result per item, in the order of the request."""

    results: list[CheckResult | ItemError]


class ModelInfo(BaseModel):
    model_version: str
    labels: list[LabelId] = Field(description="the labels the model gives")
    training_data_sha256: str | None = Field(description="sha256 of the data the model was trained on")
    training_records: int | None
    metrics: dict[str, dict[str, float]] = Field(description="quality on the development sets (macro F1 etc.)")
    max_text_length: int
    max_batch_size: int


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    ready: bool
    status: Literal["ready", "loading", "failed"] = Field(
        description="`loading` while the model loads; `failed` if it cannot be loaded (the log says why)"
    )
    model_version: str | None = None


__all__ = [
    "CheckRequest",
    "BatchItem",
    "BatchRequest",
    "CheckResult",
    "ErrorDetail",
    "ErrorResponse",
    "ItemError",
    "BatchResponse",
    "ModelInfo",
    "Health",
    "Readiness",
    "ID_MAX_LENGTH",
    "TYPE_MAX_LENGTH",
    "LabelId",
]
