"""The hook routes in the OpenAPI schema: form-encoded bodies shaped as the CRMs send them (with
examples from their documentation) and the JSON the webhook is answered with."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

_AMOCRM_TASK_FIELDS = {
    "id": "task id",
    "text": "the task text",
    "task_type": "1 call (Звонок), 2 meeting (Встреча), or a custom type id",
    "element_id": "id of the lead/contact/company/customer",
    "element_type": "1 contact, 2 lead, 3 company, 12 customer",
    "status": "1 when completed",
    "responsible_user_id": "",
    "complete_till": "unix time",
}
AMOCRM_EXAMPLE = {
    "task[add][0][id]": "1842",
    "task[add][0][text]": "ООО Ромашка",
    "task[add][0][task_type]": "1",
    "task[add][0][element_id]": "4512",
    "task[add][0][element_type]": "2",
    "task[add][0][status]": "0",
    "task[add][0][responsible_user_id]": "504141",
    "task[add][0][complete_till]": "1764932400",
    "account[subdomain]": "example",
    "account[id]": "29085955",
}
BITRIX24_EXAMPLE = {
    "event": "ONTASKADD",
    "data[FIELDS_AFTER][ID]": "317",
    "ts": "1764932400",
    "auth[domain]": "example.bitrix24.ru",
    "auth[member_id]": "a223c6b3710f85df22e9377d6c4f7553",
    "auth[application_token]": "thrh4y7ix0pn4n3wk9g5ic8afb6dq6wo",
}


def _form_schema(fields: dict[str, str], example: dict[str, str], description: str) -> dict[str, Any]:
    properties = {name: {"type": "string", **({"description": text} if text else {})} for name, text in fields.items()}
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "additionalProperties": True,
        "example": example,
    }


def form_body(fields: dict[str, str], example: dict[str, str], description: str) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads a form-encoded body itself."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": _form_schema(fields, example, description)}},
        }
    }


AMOCRM_BODY = form_body(
    {f"task[add][0][{name}]": text for name, text in _AMOCRM_TASK_FIELDS.items()}
    | {f"task[update][0][{name}]": text for name, text in _AMOCRM_TASK_FIELDS.items()}
    | {"account[subdomain]": "", "account[id]": ""},
    AMOCRM_EXAMPLE,
    "amoCRM's task webhook: task[add][N][…] and task[update][N][…], several tasks per call",
)
BITRIX24_BODY = form_body(
    {
        "event": "ONTASKADD or ONTASKUPDATE",
        "data[FIELDS_AFTER][ID]": "the task id",
        "auth[application_token]": "the outbound webhook's token",
        "auth[domain]": "the portal",
    },
    BITRIX24_EXAMPLE,
    "Bitrix24's outbound webhook event (ids only; the task is read back through the inbound webhook)",
)


class AmoCRMHookResult(BaseModel):
    """What became of the webhook's tasks; the notes themselves are written in the background."""

    tasks: int = Field(description="tasks in the webhook (add and update events)")
    noted: int = Field(description="tasks not concrete: a note is queued for each")
    concrete: int = Field(description="concrete tasks (a note only with TASKQUAL_CRM_OK_NOTE)")
    skipped: int = Field(description="not judged: completed, empty, unknown element type… (the log says why)")
    unchanged: int = Field(description="update events whose text and type had been judged already")
    dropped: int = Field(description="notes not queued: the write-back queue was full (the log has each one)")


class Bitrix24HookResult(BaseModel):
    """Whether the task was queued to be read, judged and commented in the background."""

    event: str
    queued: bool = Field(description="false for events other than ONTASKADD/ONTASKUPDATE, or a full queue")


__all__ = [
    "AMOCRM_BODY",
    "BITRIX24_BODY",
    "AmoCRMHookResult",
    "Bitrix24HookResult",
    "AMOCRM_EXAMPLE",
    "BITRIX24_EXAMPLE",
]
