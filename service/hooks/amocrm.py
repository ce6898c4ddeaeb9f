"""amoCRM: task webhooks in, notes on the task's lead/contact/company/customer out.

amoCRM posts ``task[add][N][…]`` and ``task[update][N][…]`` (several tasks in one call) with
``account[subdomain|id]``. Each task that is not concrete gets one note through API v4,
``POST {base}/api/v4/{entity}/{element_id}/notes`` with ``[{"note_type": "common", "params":
{"text": …}}]``. The tasks are judged while the webhook waits (a few milliseconds); the notes are
written afterwards by :mod:`taskqual.service.hooks.writeback`.

An update whose text and type did not change gets no second note: the worker remembers what it
judged, and for an update of a task it has not seen (another worker judged it, or this one was
restarted) the entity's latest notes are read first and the same note is not written again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import taskqual

from .forms import Form, group, loggable, value
from .metrics import HOOK_TASKS
from .notes import Seen, digest, note_text
from .writeback import Client, Job, Writeback, check

log = logging.getLogger("taskqual.service.hooks")

ENTITIES = {"1": "contacts", "2": "leads", "3": "companies", "12": "customers"}
"""amoCRM's ``element_type`` → the API v4 entity the note goes to."""
TASK_TYPES = {"1": "Звонок", "2": "Встреча"}
"""amoCRM's built-in task types; custom types arrive as ids whose names the webhook does not carry."""
EVENTS = ("add", "update")
RECENT_NOTES = 50  # notes read back before a second note on an update this worker has not seen


@dataclass(frozen=True)
class AmoTask:
    event: str  # "add" | "update"
    where: str  # "task[add][0]": where in the webhook body, for log lines
    id: str
    text: str
    task_type: str | None
    element_id: str
    element_type: str
    completed: bool


def tasks_of(form: Form) -> list[AmoTask]:
    """The added and updated tasks of one webhook, in the order sent; other events are logged and left."""
    tasks = group(form, "task")
    for event in tasks:
        if event not in EVENTS:
            log.info("amoCRM %s events are not judged (only add and update); left alone", loggable(event, 20))
    out = []
    for event in EVENTS:
        for n, fields in group(tasks, event).items():
            if not isinstance(fields, dict):
                log.info("amoCRM task[%s][%s] is not a group of fields; skipped", event, loggable(n, 20))
                continue
            raw_type = value(fields, "task_type").strip()
            out.append(
                AmoTask(
                    event=event,
                    where=f"task[{event}][{loggable(n, 20)}]",
                    id=loggable(value(fields, "id")),
                    text=value(fields, "text"),
                    task_type=TASK_TYPES.get(raw_type, _custom(raw_type)),
                    element_id=value(fields, "element_id").strip(),
                    element_type=value(fields, "element_type").strip(),
                    completed=value(fields, "status").strip() == "1",
                )
            )
    return out


def _custom(raw_type: str) -> str | None:
    """A type sent by name is used; a numeric id of a custom type says nothing by itself."""
    return None if not raw_type or raw_type.isdigit() else raw_type


class AmoCRM:
    def __init__(self, base_url: str, token: str, writeback: Writeback, *, ok_note: bool, max_text_length: int) -> None:
        self.base_url = base_url.rstrip("/")
        self._auth = {"Authorization": f"Bearer {token}"}
        self.writeback = writeback
        self.ok_note = ok_note
        self.max_text_length = max_text_length
        self.seen = Seen()

    def handle(self, model: taskqual.Model, form: Form) -> dict[str, int]:
        """Judge the webhook's tasks and queue their notes; the counts the webhook is answered with."""
        account = value(group(form, "account"), "id") or value(group(form, "account"), "subdomain")
        tasks = tasks_of(form)
        counts = {"tasks": len(tasks), "noted": 0, "concrete": 0, "skipped": 0, "unchanged": 0, "dropped": 0}
        todo = []
        # Updates of tasks this worker has not judged (another worker did, or this one restarted):
        # the entity's notes are read first, and the same note is not written twice.
        unseen = {t for t in tasks if t.event == "update" and self.seen.last((account, t.id)) is None}
        for task in tasks:
            why_not = self._not_judged(task, account)
            if why_not:
                counts[why_not] += 1
            else:
                todo.append(task)
        verdicts = model.classify_many([t.text for t in todo], task_types=[t.task_type for t in todo])
        for task, verdict in zip(todo, verdicts):
            if verdict.error is not None:
                counts["skipped"] += 1
                log.info("amoCRM task #%s (%s): %s; no note", task.id, task.where, _why(verdict.error))
            elif verdict.is_concrete and not self.ok_note:
                counts["concrete"] += 1
            elif self._queue_note(task, note_text(task.text, task.task_type, verdict), look_first=task in unseen):
                counts["concrete" if verdict.is_concrete else "noted"] += 1
            else:
                counts["dropped"] += 1
        for outcome, n in counts.items():
            if outcome not in ("tasks", "dropped") and n:  # drops are counted by the write-back queue
                HOOK_TASKS.labels("amocrm", outcome).inc(n)
        return counts

    def _not_judged(self, task: AmoTask, account: str) -> str | None:
        """None for a task to judge; else ``skipped`` or ``unchanged``, with a log line saying why."""
        if task.completed:
            log.info("amoCRM task #%s (%s) is completed; not judged", task.id, task.where)
            return "skipped"
        if task.element_type not in ENTITIES:
            log.info(
                "amoCRM task #%s (%s): element_type %s is not a lead (2), contact (1), company (3) or "
                "customer (12); no note",
                task.id,
                task.where,
                loggable(task.element_type, 20),
            )
            return "skipped"
        if not task.element_id.isdigit():
            log.info("amoCRM task #%s (%s): element_id is missing or not a number; no note", task.id, task.where)
            return "skipped"
        if len(task.text) > self.max_text_length:
            log.info(
                "amoCRM task #%s (%s): text is %d characters, over TASKQUAL_MAX_TEXT_LENGTH (%d); no note",
                task.id,
                task.where,
                len(task.text),
                self.max_text_length,
            )
            return "skipped"
        fingerprint = digest(task.task_type, task.text)
        last = self.seen.last((account, task.id))
        self.seen.remember((account, task.id), fingerprint)
        if task.event == "update" and last == fingerprint:
            log.info(
                "amoCRM task #%s (%s): text and type unchanged since the last verdict; no second note",
                task.id,
                task.where,
            )
            return "unchanged"
        return None

    def _queue_note(self, task: AmoTask, text: str, *, look_first: bool = False) -> bool:
        entity = ENTITIES[task.element_type]
        url = f"{self.base_url}/api/v4/{entity}/{task.element_id}/notes"
        body = [{"note_type": "common", "params": {"text": text}}]
        headers = self._auth

        async def run(client: Client) -> str | None:
            if look_first and await _has_note(client, url, headers, text):
                return "the same note is already there"
            check(await client.post(url, json=body, headers=headers))
            return None

        return self.writeback.submit(Job("amocrm", f"note on {entity}/{task.element_id} for task #{task.id}", run))


async def _has_note(client: Client, url: str, headers: dict[str, str], text: str) -> bool:
    """Whether one of the entity's latest common notes says exactly ``text`` (204: it has none)."""
    response = check(
        await client.get(
            url,
            headers=headers,
            params={"filter[note_type]": "common", "order[id]": "desc", "limit": str(RECENT_NOTES)},
        )
    )
    if response.status_code == 204 or not response.content:
        return False
    try:
        notes = response.json().get("_embedded", {}).get("notes", [])
    except (ValueError, AttributeError):
        return False  # not what the API documents: write the note rather than lose it
    return any(
        isinstance(n, dict) and isinstance(n.get("params"), dict) and n["params"].get("text") == text for n in notes
    )


def _why(error: str) -> str:
    """The library's error, without its example text."""
    if error.startswith("EmptyTaskError"):
        return "the text is empty and there is no type, nothing to judge"
    return error.partition(":")[0]


__all__ = ["AmoCRM", "AmoTask", "tasks_of", "ENTITIES", "TASK_TYPES"]
