"""Bodies of the feedback routes: they validate ``POST /v1/feedback`` and make its OpenAPI schema
(the checks raise the API's error codes and messages, as in :mod:`taskqual.service.schemas`)."""

from __future__ import annotations

import json
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictStr,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

import taskqual
from taskqual.api import check_text

from ..schemas import JsonObject, TaskId, TaskText
from .models import SHORT_MAX, TEXT_MAX

Label = Annotated[str, WithJsonSchema({"type": "string", "enum": list(taskqual.LABELS)})]
"""A label id of the registry in use (:mod:`taskqual.labels`): a new label needs no change here."""


def _has_words(text: str) -> str:
    try:
        return check_text(text)
    except taskqual.EmptyTaskError as e:
        raise PydanticCustomError("empty_text", str(e)) from None


def _a_label(value: object, info: ValidationInfo) -> object:
    if value not in taskqual.LABELS:
        got = f"got {json.dumps(value, ensure_ascii=False)[:40]}"
        raise PydanticCustomError(
            "validation_error", f"{info.field_name} must be one of {', '.join(taskqual.LABELS)}; {got}"
        )
    return value


def _optional(max_length: int) -> BeforeValidator:
    def check(value: object, info: ValidationInfo) -> object:
        if value is None:
            return None
        if not isinstance(value, str):
            raise PydanticCustomError("validation_error", f"{info.field_name} must be a string or null")
        if len(value) > max_length:
            raise PydanticCustomError(
                "validation_error", f"{info.field_name} is {len(value)} characters long; at most {max_length}"
            )
        return value

    return BeforeValidator(check)


FeedbackText = Annotated[TaskText, AfterValidator(_has_words)]
FeedbackLabel = Annotated[Label, BeforeValidator(_a_label)]
_LABEL_MISSING = f"must be one of {', '.join(taskqual.LABELS)}; it is missing"


class FeedbackRequest(JsonObject):
    """What the team thinks taskqual should have said about a task text."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "text": "ЗМР Ромашка, Тверская 5",
                    "label": "company_only",
                    "expected": "delegable",
                    "id": "task-1842",
                    "type": "call",
                    "comment": "ЗМР — замер, его делает техник",
                    "user": "smirnov",
                }
            ]
        },
    )
    missing_messages: ClassVar[dict[str, str]] = {
        "label": f"label {_LABEL_MISSING}",
        "expected": f"expected {_LABEL_MISSING}",
    }

    text: FeedbackText
    label: FeedbackLabel = Field(description="the label taskqual gave")
    expected: FeedbackLabel = Field(description="the label the team expected")
    id: TaskId = None
    type: Annotated[StrictStr | None, _optional(SHORT_MAX)] = Field(
        default=None, max_length=SHORT_MAX, description="the CRM's task type, if any"
    )
    comment: Annotated[StrictStr | None, _optional(TEXT_MAX)] = Field(
        default=None, max_length=TEXT_MAX, description="why, in the team's words"
    )
    user: Annotated[StrictStr | None, _optional(SHORT_MAX)] = Field(
        default=None, max_length=SHORT_MAX, description="who gave the feedback"
    )


class FeedbackStored(BaseModel):
    """The feedback was stored."""

    feedback_id: int = Field(description="the stored feedback's id")
    id: TaskId = None
    created_at: str = Field(description="when it was stored, ISO 8601 in UTC")


__all__ = ["FeedbackRequest", "FeedbackStored", "Label"]
