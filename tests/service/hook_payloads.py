"""Webhook bodies shaped as the CRMs document them (field names, nesting, values as strings).

amoCRM (Webhooks, task events): ``task[add|update|delete][N][…]`` with id, element_id,
element_type, task_type, text, status, account_id, created_user_id, last_modified,
responsible_user_id, complete_till, action_close, created_at, updated_at; and
``account[subdomain]``, ``account[id]``, ``account[_links][self]``.

Bitrix24 (outbound webhook, task events): ``event``, ``event_handler_id``,
``data[FIELDS_AFTER][ID]`` (and ``data[FIELDS_BEFORE][ID]`` on an update), ``ts``, and
``auth[domain|client_endpoint|server_endpoint|member_id|application_token]``.
"""

from __future__ import annotations

ACCOUNT = {
    "account[subdomain]": "romashka",
    "account[id]": "29085955",
    "account[_links][self]": "https://romashka.amocrm.ru",
}


def amocrm_task(
    event: str,
    n: int,
    *,
    id: str,
    text: str,
    element_id: str = "4512",
    element_type: str = "2",
    task_type: str = "1",
    status: str = "0",
) -> dict[str, str]:
    """The fields of one task in an amoCRM task webhook, ``task[event][n][…]``."""
    fields = {
        "id": id,
        "element_id": element_id,
        "element_type": element_type,
        "task_type": task_type,
        "text": text,
        "status": status,
        "account_id": "29085955",
        "created_user_id": "504141",
        "last_modified": "1764930000",
        "responsible_user_id": "504141",
        "complete_till": "1764932399",
        "action_close": "0",
        "created_at": "1764930000",
        "updated_at": "1764930000",
    }
    return {f"task[{event}][{n}][{name}]": value for name, value in fields.items()}


def amocrm_webhook(*tasks: dict[str, str]) -> dict[str, str]:
    body: dict[str, str] = {}
    for task in tasks:
        body |= task
    return body | ACCOUNT


def bitrix24_event(event: str, task_id: str, application_token: str) -> dict[str, str]:
    body = {
        "event": event,
        "event_handler_id": "13",
        "data[FIELDS_AFTER][ID]": task_id,
        "ts": "1764930000",
        "auth[domain]": "romashka.bitrix24.ru",
        "auth[client_endpoint]": "https://romashka.bitrix24.ru/rest/",
        "auth[server_endpoint]": "https://oauth.bitrix.info/rest/",
        "auth[member_id]": "a223c6b3710f85df22e9377d6c4f7553",
        "auth[application_token]": application_token,
    }
    if event == "ONTASKUPDATE":
        body |= {
            "data[FIELDS_BEFORE][ID]": task_id,
            "data[IS_ACCESSIBLE_BEFORE]": "undefined",
            "data[IS_ACCESSIBLE_AFTER]": "undefined",
        }
    return body
