"""Bodies of the feedback routes, as they appear in the OpenAPI schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..schemas import TaskId, TaskText
from .models import SHORT_MAX, TEXT_MAX

Label = Literal["concrete", "vague", "company_only", "delegable"]


class FeedbackRequest(BaseModel):
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
    text: TaskText
    label: Label = Field(description="the label taskqual gave")
    expected: Label = Field(description="the label the team expected")
    id: TaskId = None
    type: StrictStr | None = Field(default=None, max_length=SHORT_MAX, description="the CRM's task type, if any")
    comment: StrictStr | None = Field(default=None, max_length=TEXT_MAX, description="why, in the team's words")
    user: StrictStr | None = Field(default=None, max_length=SHORT_MAX, description="who gave the feedback")


class FeedbackStored(BaseModel):
    """The feedback was stored."""

    feedback_id: int = Field(description="the stored feedback's id")
    id: TaskId = None
    created_at: str = Field(description="when it was stored, ISO 8601 in UTC")


__all__ = ["FeedbackRequest", "FeedbackStored", "Label"]
