"""Request and response bodies of the API: one contract for validation and for the OpenAPI schema.

The request models validate the bodies the routes read (``CheckRequest.model_validate(body, context=...)``,
see :func:`taskqual.service.body.validated`): each check raises a ``PydanticCustomError`` whose type is the
API's error code and whose message is the one the client gets, so a refusal says the same thing in the
same words whichever model it comes from. ``context`` carries ``where`` (``"items[3]"`` inside a batch)
and ``max_text_length`` (the instance's ``TASKQUAL_MAX_TEXT_LENGTH``). The schema keeps the Russian examples.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    SkipValidation,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError

from taskqual import labels
from taskqual.errors import MAX_TEXT_LENGTH
from taskqual.task_type import MAX_TYPE_LENGTH

ID_MAX_LENGTH = 200
TYPE_MAX_LENGTH = MAX_TYPE_LENGTH


def kind(value: object) -> str:
    """What a JSON value is, in words: «an object», «an array», «a number», «null»…"""
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _path(info: ValidationInfo, name: str) -> str:
    where = (info.context or {}).get("where", "")
    return f"{where}.{name}" if where else name


def _refuse(code: str, message: str) -> PydanticCustomError:
    """A refusal: ``code`` is the API's error code, ``message`` what the client reads (taken as is: no context)."""
    return PydanticCustomError(code, message)


def check_unicode(value: str, path: str) -> str:
    """``value``, unless it cannot be sent back as UTF-8: a lone surrogate escape such as ``"\\ud800"``."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise _refuse(
            "validation_error",
            f"{path} holds an unpaired surrogate escape (\\u{ord(value[e.start]):04x}) "
            f"at character {e.start}; send valid Unicode text",
        ) from None
    return value


def check_text(value: object, info: ValidationInfo) -> str:
    """The ``text`` field: a string of at most ``max_text_length`` characters (emptiness is the library's call)."""
    if not isinstance(value, str):
        raise _refuse("validation_error", f"text must be a string, got {kind(value)}")
    max_length = (info.context or {}).get("max_text_length", MAX_TEXT_LENGTH)
    if len(value) > max_length:
        raise _refuse(
            "text_too_long",
            f"text is {len(value)} characters long; at most {max_length} are accepted "
            "(a task title or short description, not a whole e-mail)",
        )
    return check_unicode(value, _path(info, "text"))


def check_id(value: object, path: str) -> str | int | None:
    """The optional ``id``: a string (up to 200 characters) or an integer, echoed back unchanged."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str):
        if len(value) > ID_MAX_LENGTH:
            raise _refuse("validation_error", f"id is {len(value)} characters long; at most {ID_MAX_LENGTH}")
        return check_unicode(value, path)
    raise _refuse("validation_error", f"id must be a string or an integer, got {kind(value)}")


def check_type(value: object) -> str | None:
    """The optional ``type``: the CRM task type shown beside the text, a string of at most 100 characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _refuse("validation_error", f"type must be a string such as «Звонок», got {type(value).__name__}")
    if len(value) > TYPE_MAX_LENGTH:
        raise _refuse("validation_error", f"type is {len(value)} characters long; at most {TYPE_MAX_LENGTH}")
    return value


# Each field: the check above does the validating; the annotation inside gives the JSON schema.
TaskId = Annotated[
    Annotated[StrictStr, Field(max_length=ID_MAX_LENGTH)] | StrictInt | None,
    BeforeValidator(lambda value, info: check_id(value, _path(info, "id"))),
    Field(description="your id for the task (string up to 200 characters, or integer); echoed back unchanged"),
]
TaskText = Annotated[
    StrictStr,
    BeforeValidator(check_text),
    Field(
        description="the task text as the manager wrote it; it must hold a word (a text of only digits, "
        "punctuation, spaces or emoji is answered 422 `empty_text`), unless a `type` is given: "
        "then an empty text is judged by the type alone",
        max_length=MAX_TEXT_LENGTH,
    ),
]
TaskType = Annotated[
    Annotated[StrictStr, Field(max_length=TYPE_MAX_LENGTH)] | None,
    BeforeValidator(lambda value, info: check_type(value)),
    Field(
        description="the task type the CRM shows beside the text («Звонок», «Встреча», «Письмо», or a custom one "
        "such as «Отправить КП»); the verdict is on type and text together"
    ),
]


class JsonObject(BaseModel):
    """A request body (or a batch item): a JSON object; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")
    missing_messages: ClassVar[dict[str, str]] = {}  # a required field's message when it is absent, if not the usual

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, dict):
            where = (info.context or {}).get("where", "")
            raise _refuse("validation_error", f"{where or 'request body'} must be a JSON object, got {kind(value)}")
        return value


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


class CheckRequest(JsonObject):
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


class BatchItem(JsonObject):
    """One task text of a batch; an invalid item gets its own error and does not fail the others."""

    id: TaskId = None
    text: TaskText
    type: TaskType = None


class BatchRequest(JsonObject):
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
    items: Annotated[list[BatchItem], SkipValidation]  # the schema says BatchItem; the route validates each

    @field_validator("items", mode="before")
    @classmethod
    def _an_array(cls, value: object) -> object:
        if not isinstance(value, list):
            raise _refuse("validation_error", 'items must be an array of {"id", "text"} objects')
        return value


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


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route or router for the statuses it answers with an :class:`ErrorResponse`
    (the OpenAPI documents each with that shape)."""
    return {status: {"model": ErrorResponse} for status in statuses}


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
    "error_responses",
    "ItemError",
    "BatchResponse",
    "ModelInfo",
    "Health",
    "Readiness",
    "JsonObject",
    "check_id",
    "kind",
    "ID_MAX_LENGTH",
    "TYPE_MAX_LENGTH",
    "LabelId",
]
