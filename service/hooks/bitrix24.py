"""Bitrix24: task events in, a comment on the task (or a message in its chat) out.

An outbound webhook posts ``event=ONTASKADD`` (or ``ONTASKUPDATE``) with the task's id only,
``data[FIELDS_AFTER][ID]``, and ``auth[application_token]``. The webhook is answered at once; in
the background the task is read through the portal's inbound webhook (``tasks.task.get``), its
title and description are judged together, and the hint is posted where the portal shows a task's
discussion (``TASKQUAL_BITRIX24_COMMENTS``):

- ``comments``: a classic comment, ``task.commentitem.add``;
- ``chat``: a message in the task's chat (the new task card, "Tasks 2.0"),
  ``tasks.task.chat.message.send`` with ``fields: {taskId, text}``;
- ``auto`` (default): the chat when ``tasks.task.get`` gives the task a chat id (``chatId``, asked
  for with ``select: CHAT_ID``; portals on the new task card), else a classic comment.

An update whose title and description did not change gets no second hint: this worker remembers
what it judged last, and on an update it has not seen it reads what is already there and posts
nothing if the same hint is: the comments (``task.commentitem.getlist``) or the chat's latest
messages (``im.dialog.messages.get``, ``DIALOG_ID=chat{chatId}``, which needs the webhook's ``im``
scope). (Posting a comment makes Bitrix24 send another ONTASKUPDATE; that one finds the task unchanged.)
"""

from __future__ import annotations

import hmac
import logging
import re
from typing import Any, Literal

from ..errors import ApiError
from ..model_state import ModelState
from .forms import Form, group, loggable, value
from .metrics import HOOK_TASKS
from .notes import Seen, digest, note_text
from .writeback import Client, Job, Refused, Reply, Writeback, check

log = logging.getLogger("taskqual.service.hooks")

EVENTS = ("ONTASKADD", "ONTASKUPDATE")
Where = Literal["auto", "chat", "comments"]
CHAT_HISTORY = 50  # latest chat messages read to find an earlier hint (the self-triggered update comes at once)
_ERROR_CODE = re.compile(r"[A-Za-z0-9_]{1,60}")
# What to do about a refusal an admin can fix, by the error code Bitrix24 answers.
_FIXES = {
    "ERROR_METHOD_NOT_FOUND": "this portal has no such method (task chats need the new task card); "
    "set TASKQUAL_BITRIX24_COMMENTS=auto or comments",
    "insufficient_scope": "the inbound webhook lacks a scope: tick «Задачи (task)», and «Чат и уведомления (im)» "
    "for task chats, or set TASKQUAL_BITRIX24_COMMENTS=comments",
}
_BBCODE = re.compile(r"\[/?[A-Za-z*]+(?:=[^\]]{0,200})?\]")


def task_text(title: str, description: str, max_length: int) -> str:
    """Title and description as one text to judge (BBCode tags out), cut to ``max_length`` at a space.

    >>> task_text("Звонок Ромашке", "[B]Важно[/B]: узнать решение по КП", 2000)
    'Звонок Ромашке. Важно: узнать решение по КП'
    """
    title, description = " ".join(title.split()), " ".join(_BBCODE.sub("", description).split())
    text = f"{title.rstrip('.')}. {description}" if title and description else title or description
    if len(text) > max_length:
        text = text[:max_length].rsplit(" ", 1)[0]
    return text


class Bitrix24:
    def __init__(
        self,
        webhook_url: str,
        app_token: str | None,
        writeback: Writeback,
        models: ModelState,
        *,
        ok_note: bool,
        max_text_length: int,
        where: Where = "auto",
    ) -> None:
        self._url = webhook_url  # holds the portal's secret: never logged
        self.where = where
        self._app_token = app_token.encode("utf-8") if app_token else None
        self.writeback = writeback
        self.models = models
        self.ok_note = ok_note
        self.max_text_length = max_text_length
        self.seen = Seen()

    @property
    def checks_app_token(self) -> bool:
        return self._app_token is not None

    def handle(self, form: Form) -> dict[str, Any]:
        """Check the event and queue the task's reading, judging and commenting; the webhook's answer."""
        auth = group(form, "auth")
        if self._app_token is not None and not hmac.compare_digest(
            value(auth, "application_token").encode("utf-8"), self._app_token
        ):
            raise ApiError(
                "unauthorized",
                "auth[application_token] is not the outbound webhook's token (TASKQUAL_BITRIX24_APP_TOKEN)",
                "auth[application_token]",
            )
        event = value(form, "event").upper()
        if event not in EVENTS:
            log.info("Bitrix24 event %s is not judged (only ONTASKADD and ONTASKUPDATE); left alone", loggable(event))
            HOOK_TASKS.labels("bitrix24", "skipped").inc()
            return {"event": event[:40], "queued": False}  # JSON-escaped: only the log needs loggable()
        task_id = value(group(form, "data", "FIELDS_AFTER"), "ID").strip()
        if not task_id.isdigit():
            raise ApiError(
                "validation_error",
                f"{event} without a task id: data[FIELDS_AFTER][ID] must be a number",
                "data[FIELDS_AFTER][ID]",
            )
        self.models.require()  # 503 now, rather than a job that cannot judge
        portal = value(auth, "domain")[:100]
        job = Job(
            "bitrix24",
            f"comment on task #{task_id}",
            lambda client: self._check_task(client, portal, task_id, update=event == "ONTASKUPDATE"),
        )
        queued = self.writeback.submit(job)
        return {"event": event, "queued": queued}

    async def _check_task(self, client: Client, portal: str, task_id: str, *, update: bool) -> str | None:
        """One attempt: read the task, judge it, post the hint unless there is nothing new to say."""
        found = await self._call(
            client, "tasks.task.get", {"taskId": task_id, "select": ["ID", "TITLE", "DESCRIPTION", "CHAT_ID"]}
        )
        task = found.get("task") if isinstance(found, dict) else None
        if not isinstance(task, dict):
            raise Refused("tasks.task.get returned no task")
        title, description = str(task.get("title") or ""), str(task.get("description") or "")
        fingerprint = digest(title, description)
        if update and self.seen.unchanged((portal, task_id), fingerprint):
            HOOK_TASKS.labels("bitrix24", "unchanged").inc()
            return "title and description unchanged since the last verdict"
        text = task_text(title, description, self.max_text_length)
        verdict = self.models.require().classify_many([text])[0]
        if verdict.error is not None:
            outcome, why = "skipped", "the task has no title or description to judge"
        elif verdict.is_concrete and not self.ok_note:
            outcome, why = "concrete", "the task is concrete"
        else:
            message = note_text(text, None, verdict)
            chat_id = task_chat_id(task)
            in_chat = self.where == "chat" or (self.where == "auto" and chat_id is not None)
            if update and await self._already_posted(client, task_id, chat_id if in_chat else None, in_chat, message):
                outcome, why = (
                    "unchanged",
                    f"the same {'message is already in the chat' if in_chat else 'comment is already on the task'}",
                )
            else:
                if in_chat:
                    await self._call(
                        client, "tasks.task.chat.message.send", {"fields": {"taskId": task_id, "text": message}}
                    )
                else:
                    await self._call(
                        client, "task.commentitem.add", {"TASKID": task_id, "FIELDS": {"POST_MESSAGE": message}}
                    )
                outcome, why = ("concrete" if verdict.is_concrete else "noted"), None
        self.seen.remember((portal, task_id), fingerprint)  # only once the task is dealt with
        HOOK_TASKS.labels("bitrix24", outcome).inc()
        return why

    async def _already_posted(
        self, client: Client, task_id: str, chat_id: int | None, in_chat: bool, message: str
    ) -> bool:
        """Whether ``message`` is already among the task's comments, or its chat's latest messages.

        A chat whose id the portal does not give cannot be read: then the hint is posted again."""
        if not in_chat:
            comments = await self._call(client, "task.commentitem.getlist", {"TASKID": task_id})
            return isinstance(comments, list) and any(
                isinstance(c, dict) and c.get("POST_MESSAGE") == message for c in comments
            )
        if chat_id is None:
            return False
        history = await self._call(
            client, "im.dialog.messages.get", {"DIALOG_ID": f"chat{chat_id}", "LIMIT": CHAT_HISTORY}
        )
        messages = history.get("messages") if isinstance(history, dict) else None
        return isinstance(messages, list) and any(
            isinstance(m, dict) and str(m.get("text", "")).strip() == message for m in messages
        )

    async def _call(self, client: Client, method: str, params: dict[str, Any]) -> Any:
        """A REST method through the inbound webhook; its ``result``, or Transient/Refused."""
        response = await client.post(self._url + method, json=params)
        if 400 <= response.status_code < 500 and response.status_code != 429:
            raise Refused(f"{method} answered HTTP {response.status_code}{_error_code(response)}")
        check(response)
        try:
            body = response.json()
        except ValueError:
            raise Refused(f"{method} answered something that is not JSON") from None
        if not isinstance(body, dict) or "result" not in body:
            error = body.get("error") if isinstance(body, dict) else None
            raise Refused(f"{method} answered error {str(error)[:60]!r}" if error else f"{method} returned no result")
        return body["result"]


def task_chat_id(task: dict[str, Any]) -> int | None:
    """The id of the task's chat as ``tasks.task.get`` gives it on the new task card, else None.

    >>> task_chat_id({"id": "317", "chatId": "5123"}), task_chat_id({"id": "317"}), task_chat_id({"chatId": 0})
    (5123, None, None)
    """
    raw = task.get("chatId")
    chat_id = int(raw) if isinstance(raw, int | str) and str(raw).isdigit() else 0
    return chat_id or None


def _error_code(response: Reply) -> str:
    """ ", ERROR_CODE: what to do" from a Bitrix24 error body; only a code-shaped word is kept (it is logged)."""
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return ""
    if not isinstance(error, str) or not _ERROR_CODE.fullmatch(error):
        return ""
    fix = _FIXES.get(error)
    return f", {error}: {fix}" if fix else f", {error}"


__all__ = ["Bitrix24", "task_text", "task_chat_id", "EVENTS", "Where"]
