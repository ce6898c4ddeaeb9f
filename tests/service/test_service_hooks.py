"""The CRM hooks end to end: our uvicorn server, a fake amoCRM account and Bitrix24 portal on
loopback (tests/service/fake_crm.py), webhook bodies shaped as the CRMs send them.

A CRM admin pastes ``https://taskqual.example.ru/v1/hooks/amocrm?key=…`` into amoCRM; a manager
saves «ООО Ромашка» as a «Звонок»; a note with the hint appears on the lead.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest
from fake_crm import FakeCRM
from hook_payloads import amocrm_task, amocrm_webhook, bitrix24_event
from service_harness import Server, running_server

import taskqual

KEY = "hook-key-4f9d2c7a1b8e"
AMO_TOKEN = "amo-token-c0ffee-5eb5c2e"
B24_SECRET = "b24secret7q3zk9"
APP_TOKEN = "app-token-thrh4y7ix0pn4n3"


@pytest.fixture(scope="module")
def crm() -> Iterator[FakeCRM]:
    with FakeCRM(amocrm_token=AMO_TOKEN, bitrix24_secret=B24_SECRET) as fake:
        yield fake


def hooked_env(crm: FakeCRM, **extra: str) -> dict[str, str]:
    return {
        "TASKQUAL_API_KEYS": KEY,
        "TASKQUAL_AMOCRM_BASE_URL": crm.url,
        "TASKQUAL_AMOCRM_TOKEN": AMO_TOKEN,
        "TASKQUAL_BITRIX24_WEBHOOK_URL": crm.bitrix24_webhook_url,
        "TASKQUAL_BITRIX24_APP_TOKEN": APP_TOKEN,
        "TASKQUAL_CRM_RETRIES": "2",
        "TASKQUAL_CRM_RETRY_DELAY": "0.05",
        "TASKQUAL_CRM_TIMEOUT": "0.5",
        **extra,
    }


@pytest.fixture(scope="module")
def hooked(tmp_path_factory: pytest.TempPathFactory, crm: FakeCRM) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("hooked"), hooked_env(crm)) as server:
        yield server


@pytest.fixture(autouse=True)
def fresh_crm(crm: FakeCRM) -> None:
    crm.reset()


def post_amocrm(server: Server, body: dict[str, str], key: str | None = KEY) -> httpx.Response:
    url = f"{server.url}/v1/hooks/amocrm" + (f"?key={key}" if key is not None else "")
    return httpx.post(url, data=body, timeout=10)


def post_bitrix24(server: Server, body: dict[str, str], key: str | None = KEY) -> httpx.Response:
    url = f"{server.url}/v1/hooks/bitrix24" + (f"?key={key}" if key is not None else "")
    return httpx.post(url, data=body, timeout=10)


def posted_note(request) -> bool:
    return request.method == "POST" and request.path.endswith("/notes")


def settle(seconds: float = 0.5) -> None:
    """Give background write-backs time to happen, before asserting that some did not."""
    time.sleep(seconds)


def metric(server: Server, name: str, **labels: str) -> float:
    page = httpx.get(f"{server.url}/metrics").text
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in page.splitlines():
        if line.startswith(name + "{"):
            series, _, value = line.rpartition(" ")
            if ",".join(sorted(series[len(name) + 1 : -1].split(","))) == want:
                return float(value)
    return 0.0


# --- amoCRM ---------------------------------------------------------------------------------------


def test_amocrm_several_tasks_one_note_per_task_that_is_not_concrete(hooked: Server, crm: FakeCRM):
    body = amocrm_webhook(
        amocrm_task("add", 0, id="9001", text="ООО Ромашка", task_type="1", element_type="2", element_id="4512"),
        amocrm_task(
            "add",
            1,
            id="9002",
            text="Ромашка — получить решение об оплате счёта №418 до пятницы",
            element_type="1",
            element_id="77",
        ),
        amocrm_task(
            "add",
            2,
            id="9003",
            text="Сделать презентацию для Техносилы",
            element_type="3",
            element_id="3031",
            task_type="2451234",
        ),
    )
    response = post_amocrm(hooked, body)
    assert response.status_code == 200
    assert response.json() == {"tasks": 3, "noted": 2, "concrete": 1, "skipped": 0, "unchanged": 0, "dropped": 0}

    notes = crm.wait_for(posted_note, count=2)
    settle()
    assert len(crm.notes()) == 2  # the concrete task got none
    by_path = {n.path: n for n in notes}
    assert set(by_path) == {"/api/v4/leads/4512/notes", "/api/v4/companies/3031/notes"}
    for note in notes:
        assert note.bearer == AMO_TOKEN
        assert [n["note_type"] for n in note.body] == ["common"]
    call = by_path["/api/v4/leads/4512/notes"].body[0]["params"]["text"]
    assert call.startswith("taskqual: задача «Звонок: ООО Ромашка» — размытая задача.")
    assert "звон" in call
    assert "делегировать" in by_path["/api/v4/companies/3031/notes"].body[0]["params"]["text"]


def test_amocrm_update_with_the_same_text_gets_no_second_note_a_changed_one_does(hooked: Server, crm: FakeCRM):
    task = dict(id="9101", text="перезвонить Ромашке", element_id="5100")
    assert post_amocrm(hooked, amocrm_webhook(amocrm_task("add", 0, **task))).json()["noted"] == 1
    crm.wait_for(posted_note)

    again = post_amocrm(hooked, amocrm_webhook(amocrm_task("update", 0, **task))).json()
    assert again == {"tasks": 1, "noted": 0, "concrete": 0, "skipped": 0, "unchanged": 1, "dropped": 0}
    changed = post_amocrm(hooked, amocrm_webhook(amocrm_task("update", 0, **{**task, "text": "ждём ответа"})))
    assert changed.json()["noted"] == 1
    crm.wait_for(posted_note, count=2)
    settle()
    assert len(crm.notes()) == 2


def test_amocrm_update_on_another_worker_finds_the_note_already_there(tmp_path, hooked: Server, crm: FakeCRM):
    """Another worker (or a restarted one) has not seen the task: it reads the entity's notes first."""
    task = dict(id="9150", text="ООО Ромашка", element_id="9150")
    post_amocrm(hooked, amocrm_webhook(amocrm_task("add", 0, **task)))
    crm.wait_for(posted_note)
    with running_server(tmp_path, hooked_env(crm)) as other:
        assert post_amocrm(other, amocrm_webhook(amocrm_task("update", 0, **task))).json()["noted"] == 1
        [listed] = crm.wait_for(lambda r: r.method == "GET")
        assert listed.path == "/api/v4/leads/9150/notes" and listed.headers["authorization"] == f"Bearer {AMO_TOKEN}"
        assert listed.body == {"filter[note_type]": "common", "order[id]": "desc", "limit": "50"}
        changed = dict(task, text="ООО Ромашка — встреча")
        post_amocrm(other, amocrm_webhook(amocrm_task("update", 0, **changed)))
        crm.wait_for(posted_note, count=2)
        settle()
    assert len(crm.notes()) == 2  # the first, and the one on the changed text


def test_amocrm_empty_texts_unknown_entities_and_completed_tasks_are_logged_not_failed(hooked: Server, crm: FakeCRM):
    body = amocrm_webhook(
        amocrm_task("add", 0, id="9201", text="", task_type=""),  # nothing at all
        amocrm_task("add", 1, id="9202", text="", task_type="1"),  # a bare «Звонок»: a call with no goal
        amocrm_task("add", 2, id="9203", text="перезвонить Ромашке", element_type="7"),
        amocrm_task("add", 3, id="9204", text="перезвонить Ромашке", element_type="0", element_id="0"),
        amocrm_task("update", 0, id="9205", text="перезвонить Ромашке", status="1"),
    ) | {"task[delete][0][id]": "9206", "task[delete][0][element_id]": "1"}
    response = post_amocrm(hooked, body)
    assert response.status_code == 200
    assert response.json() == {"tasks": 5, "noted": 1, "concrete": 0, "skipped": 4, "unchanged": 0, "dropped": 0}

    note = crm.wait_for(posted_note)[0]
    assert "звон" in note.body[0]["params"]["text"]
    settle()
    assert len(crm.notes()) == 1
    log = hooked.log()
    assert "amoCRM task #9201 (task[add][0]): the text is empty and there is no type, nothing to judge" in log
    assert "amoCRM task #9203 (task[add][2]): element_type 7 is not a lead (2)" in log
    assert "amoCRM task #9204 (task[add][3]): element_type 0 is not" in log
    assert "amoCRM task #9205 (task[update][0]) is completed; not judged" in log
    assert "amoCRM delete events are not judged" in log


def test_webhook_values_cannot_forge_log_lines(hooked: Server):
    forged = "1\n2026-11-29 12:00:00,000 ERROR taskqual.service forged line"
    body = amocrm_webhook(amocrm_task("add", 0, id=forged, text="ООО Ромашка", element_type="7\r\nforged"))
    assert post_amocrm(hooked, body).status_code == 200
    post_bitrix24(hooked, bitrix24_event("ONTASK\nforged line", "1", APP_TOKEN))
    settle(0.2)
    lines = hooked.log().splitlines()
    assert not [line for line in lines if line.startswith(("2026-11-29 12:00:00", "forged"))]
    assert any("amoCRM task #'1\\n2026-11-29 12:00:00,000 ERROR" in line for line in lines)


@pytest.mark.parametrize("key", [None, "", "not-the-key-at-all"])
def test_no_valid_key_is_401_and_nothing_reaches_the_crm(hooked: Server, crm: FakeCRM, key: str | None):
    body = amocrm_webhook(amocrm_task("add", 0, id="9301", text="ООО Ромашка"))
    response = post_amocrm(hooked, body, key=key)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert post_bitrix24(hooked, bitrix24_event("ONTASKADD", "1", APP_TOKEN), key=key).status_code == 401
    settle()
    assert crm.snapshot() == []


def test_the_key_also_works_as_a_header(hooked: Server, crm: FakeCRM):
    body = amocrm_webhook(amocrm_task("add", 0, id="9302", text="ООО Вектор", element_id="9302"))
    response = httpx.post(f"{hooked.url}/v1/hooks/amocrm", data=body, headers={"X-API-Key": KEY})
    assert response.status_code == 200
    crm.wait_for(lambda r: r.path == "/api/v4/leads/9302/notes")


def test_crm_answering_500_is_retried_logged_and_counted(hooked: Server, crm: FakeCRM):
    retries_before = metric(hooked, "taskqual_crm_writeback_retries_total", crm="amocrm")
    ok_before = metric(hooked, "taskqual_crm_writebacks_total", crm="amocrm", outcome="ok")
    crm.failures = [500, 503]
    response = post_amocrm(
        hooked, amocrm_webhook(amocrm_task("add", 0, id="9401", text="ждём ответа", element_id="9401"))
    )
    assert response.status_code == 200
    attempts = crm.wait_for(lambda r: r.path == "/api/v4/leads/9401/notes", count=3)
    settle()
    assert len(attempts) == 3  # two failures, then the one that went through
    assert metric(hooked, "taskqual_crm_writeback_retries_total", crm="amocrm") == retries_before + 2
    assert metric(hooked, "taskqual_crm_writebacks_total", crm="amocrm", outcome="ok") == ok_before + 1
    assert "amocrm write-back: note on leads/9401 for task #9401: HTTP 500; retry 1 of 2" in hooked.log()


def test_crm_timing_out_is_retried_then_failed_logged_and_counted_hook_answers_first(hooked: Server, crm: FakeCRM):
    """amoCRM switches off a hook that answers slowly: the hook answers before its write-back ends."""
    failed_before = metric(hooked, "taskqual_crm_writebacks_total", crm="amocrm", outcome="failed")
    crm.delay = 1.0  # the service waits 0.5 s (TASKQUAL_CRM_TIMEOUT), three times
    response = post_amocrm(
        hooked, amocrm_webhook(amocrm_task("add", 0, id="9501", text="ждём ответа", element_id="9501"))
    )
    assert response.status_code == 200
    assert len([r for r in crm.snapshot() if r.path == "/api/v4/leads/9501/notes"]) < 3  # still trying
    crm.wait_for(lambda r: r.path == "/api/v4/leads/9501/notes", count=3)
    deadline = time.monotonic() + 10
    while metric(hooked, "taskqual_crm_writebacks_total", crm="amocrm", outcome="failed") == failed_before:
        assert time.monotonic() < deadline, "the failed write-back was never counted"
        time.sleep(0.1)
    assert (
        "amocrm write-back failed: note on leads/9501 for task #9501: no answer within 0.5 s after 3 attempts"
        in hooked.log()
    )


def test_a_wrong_token_is_refused_by_the_crm_logged_not_retried(tmp_path, crm: FakeCRM):
    with running_server(tmp_path, hooked_env(crm, TASKQUAL_AMOCRM_TOKEN="an-old-revoked-token")) as server:
        post_amocrm(server, amocrm_webhook(amocrm_task("add", 0, id="9601", text="ждём ответа", element_id="9601")))
        crm.wait_for(lambda r: r.path == "/api/v4/leads/9601/notes")
        settle()
        assert len(crm.notes()) == 1
        log = server.log()
    assert "amocrm write-back failed: note on leads/9601 for task #9601: the CRM refused it (HTTP 401)" in log
    assert "an-old-revoked-token" not in log


# --- Bitrix24 -------------------------------------------------------------------------------------


def test_bitrix24_task_is_read_back_judged_and_commented(hooked: Server, crm: FakeCRM):
    crm.bitrix24_tasks["317"] = {"title": "Звонок Ромашке", "description": "[B]клиент[/B] ждёт"}
    response = post_bitrix24(hooked, bitrix24_event("ONTASKADD", "317", APP_TOKEN))
    assert response.status_code == 200 and response.json() == {"event": "ONTASKADD", "queued": True}

    [comment] = crm.wait_for(lambda r: r.path.endswith("/task.commentitem.add"))
    [read] = crm.calls("tasks.task.get")
    assert read.path == f"/rest/1/{B24_SECRET}/tasks.task.get"
    assert read.body == {"taskId": "317", "select": ["ID", "TITLE", "DESCRIPTION", "CHAT_ID"]}
    assert crm.calls("tasks.task.chat.message.send") == []  # a classic portal: the task has no chat
    assert comment.body["TASKID"] == "317"
    verdict = taskqual.classify("Звонок Ромашке. клиент ждёт")  # title and description, BBCode out
    assert verdict.label == "vague"
    assert comment.body["FIELDS"]["POST_MESSAGE"] == (
        f"taskqual: задача «Звонок Ромашке. клиент ждёт» — размытая задача. {verdict.hint}"
    )


def test_bitrix24_concrete_task_is_read_but_not_commented(hooked: Server, crm: FakeCRM):
    crm.bitrix24_tasks["318"] = {"title": "Отправить КП в Северсталь до 15.03", "description": ""}
    post_bitrix24(hooked, bitrix24_event("ONTASKADD", "318", APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/tasks.task.get"))
    settle()
    assert crm.calls("task.commentitem.add") == []


def test_bitrix24_update_with_the_same_text_is_not_commented_twice(hooked: Server, crm: FakeCRM):
    crm.bitrix24_tasks["319"] = {"title": "ООО Вектор", "description": ""}
    post_bitrix24(hooked, bitrix24_event("ONTASKADD", "319", APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/task.commentitem.add"))
    # Bitrix24 sends ONTASKUPDATE for the comment itself, and for a deadline moved: same text.
    post_bitrix24(hooked, bitrix24_event("ONTASKUPDATE", "319", APP_TOKEN))
    post_bitrix24(hooked, bitrix24_event("ONTASKUPDATE", "319", APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/tasks.task.get"), count=3)
    settle()
    assert len(crm.calls("task.commentitem.add")) == 1
    assert len(crm.bitrix24_comments["319"]) == 1

    crm.bitrix24_tasks["319"] = {"title": "ООО Вектор", "description": "позвонить"}
    post_bitrix24(hooked, bitrix24_event("ONTASKUPDATE", "319", APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/task.commentitem.add"), count=2)
    assert len(crm.bitrix24_comments["319"]) == 2


def test_bitrix24_update_on_another_worker_finds_the_comment_already_there(tmp_path, hooked: Server, crm: FakeCRM):
    """Another worker (or a restarted one) has not seen the task: it reads the comments first."""
    crm.bitrix24_tasks["320"] = {"title": "ждём ответа от Ромашки", "description": ""}
    post_bitrix24(hooked, bitrix24_event("ONTASKADD", "320", APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/task.commentitem.add"))
    with running_server(tmp_path, hooked_env(crm)) as other:
        post_bitrix24(other, bitrix24_event("ONTASKUPDATE", "320", APP_TOKEN))
        crm.wait_for(lambda r: r.path.endswith("/task.commentitem.getlist"))
        settle()
    assert len(crm.bitrix24_comments["320"]) == 1


def test_bitrix24_wrong_application_token_is_refused_and_nothing_is_read(hooked: Server, crm: FakeCRM):
    crm.bitrix24_tasks["321"] = {"title": "ООО Вектор", "description": ""}
    for token in ("someone-elses-token", ""):
        response = post_bitrix24(hooked, bitrix24_event("ONTASKADD", "321", token))
        assert response.status_code == 401
        assert response.json()["error"]["field"] == "auth[application_token]"
    settle()
    assert crm.snapshot() == []


def test_bitrix24_unknown_task_other_events_and_missing_ids(hooked: Server, crm: FakeCRM):
    post_bitrix24(hooked, bitrix24_event("ONTASKADD", "999999", APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/tasks.task.get"))
    deleted = post_bitrix24(hooked, bitrix24_event("ONTASKDELETE", "322", APP_TOKEN))
    assert deleted.status_code == 200 and deleted.json() == {"event": "ONTASKDELETE", "queued": False}
    no_id = post_bitrix24(hooked, {**bitrix24_event("ONTASKADD", "", APP_TOKEN)})
    assert no_id.status_code == 422 and no_id.json()["error"]["field"] == "data[FIELDS_AFTER][ID]"
    settle()
    assert len(crm.snapshot()) == 1  # read once: a task that is not there is not retried
    log = hooked.log()
    assert (
        "bitrix24 write-back failed: comment on task #999999: the CRM refused it "
        "(tasks.task.get answered HTTP 400, ERROR_CORE); not retried" in log
    )
    assert "Bitrix24 event ONTASKDELETE is not judged" in log


# --- Bitrix24 task chats (the new task card) ------------------------------------------------------


def chat_texts(crm: FakeCRM, task_id: str) -> list[str]:
    return [m["text"] for m in crm.bitrix24_chat_messages.get(crm.chat_of(task_id), [])]


def test_bitrix24_on_the_new_task_card_the_hint_goes_into_the_task_chat(hooked: Server, crm: FakeCRM):
    crm.bitrix24_task_chats = True
    crm.bitrix24_tasks["340"] = {"title": "ООО Вектор", "description": ""}
    post_bitrix24(hooked, bitrix24_event("ONTASKADD", "340", APP_TOKEN))

    [sent] = crm.wait_for(lambda r: r.path.endswith("/tasks.task.chat.message.send"))
    verdict = taskqual.classify("ООО Вектор")
    assert verdict.label == "company_only"
    hint = f"taskqual: задача «ООО Вектор» — только название. {verdict.hint}"
    assert sent.body == {"fields": {"taskId": "340", "text": hint}}
    assert chat_texts(crm, "340") == [hint]
    # The update Bitrix24 sends once the chat moved on: same title, no second message, no comment either.
    post_bitrix24(hooked, bitrix24_event("ONTASKUPDATE", "340", APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/tasks.task.get"), count=2)
    settle()
    assert chat_texts(crm, "340") == [hint]
    assert crm.calls("task.commentitem.add") == [] and crm.calls("task.commentitem.getlist") == []


def test_bitrix24_chat_update_on_another_worker_reads_the_chat_first(tmp_path, hooked: Server, crm: FakeCRM):
    """Another worker has not seen the task: it reads the chat's latest messages before posting."""
    crm.bitrix24_task_chats = True
    for task_id in ("341", "342"):
        crm.bitrix24_tasks[task_id] = {"title": "ждём ответа от Вектора", "description": ""}
        post_bitrix24(hooked, bitrix24_event("ONTASKADD", task_id, APP_TOKEN))
    crm.wait_for(lambda r: r.path.endswith("/tasks.task.chat.message.send"), count=2)
    with running_server(tmp_path, hooked_env(crm)) as other:
        post_bitrix24(other, bitrix24_event("ONTASKUPDATE", "341", APP_TOKEN))
        [read] = crm.wait_for(lambda r: r.path.endswith("/im.dialog.messages.get"))
        assert read.body == {"DIALOG_ID": f"chat{crm.chat_of('341')}", "LIMIT": 50}
        settle()
        assert len(chat_texts(crm, "341")) == 1

        # A webhook without the im scope cannot read the chat: the job fails saying what to tick.
        crm.bitrix24_scopes = {"task"}
        post_bitrix24(other, bitrix24_event("ONTASKUPDATE", "342", APP_TOKEN))
        crm.wait_for(lambda r: r.path.endswith("/im.dialog.messages.get"), count=2)
        settle()
        log = other.log()
    assert len(chat_texts(crm, "342")) == 1
    assert (
        "bitrix24 write-back failed: comment on task #342: the CRM refused it (im.dialog.messages.get answered "
        "HTTP 401, insufficient_scope: the inbound webhook lacks a scope: tick «Задачи (task)», and «Чат и "
        "уведомления (im)» for task chats, or set TASKQUAL_BITRIX24_COMMENTS=comments); not retried" in log
    )


@pytest.mark.parametrize("where", ["chat", "COMMENTS"])
def test_bitrix24_comments_setting_forces_the_chat_or_the_comments(tmp_path, crm: FakeCRM, where: str):
    crm.bitrix24_task_chats = where == "COMMENTS"  # each forced against the portal it does not fit
    crm.bitrix24_tasks["343"] = {"title": "перезвонить Ромашке", "description": ""}
    with running_server(tmp_path, hooked_env(crm, TASKQUAL_BITRIX24_COMMENTS=where)) as server:
        post_bitrix24(server, bitrix24_event("ONTASKADD", "343", APP_TOKEN))
        crm.wait_for(lambda r: r.path.endswith(("/task.commentitem.add", "/tasks.task.chat.message.send")))
        settle()
        log = server.log()
    if where == "COMMENTS":  # a portal with task chats, told to comment: a classic comment
        assert len(crm.bitrix24_comments["343"]) == 1 and chat_texts(crm, "343") == []
    else:  # a classic portal told to use the chat: refused, and the log says what to set
        assert "343" not in crm.bitrix24_comments
        assert (
            "the CRM refused it (tasks.task.chat.message.send answered HTTP 404, ERROR_METHOD_NOT_FOUND: this "
            "portal has no such method (task chats need the new task card); set TASKQUAL_BITRIX24_COMMENTS=auto "
            "or comments); not retried" in log
        )


# --- bad bodies, secrets in logs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/json", b'{"task": {"add": []}}', 415),
        (None, b"task[add][0][text]=x", 415),
        ("application/x-www-form-urlencoded", b"task[add][0][text]=\xff\xfe", 400),
        ("application/x-www-form-urlencoded", b"task=1&task[add][0][text]=x", 422),
        ("application/x-www-form-urlencoded", b"task[add][0][text]=x&task[add][0]=y", 422),
        ("application/x-www-form-urlencoded", b"a[b][c][d][e][f][g]=1", 422),
        ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % i for i in range(6000)), 422),
        ("application/x-www-form-urlencoded", b"]]]=1&[=2", 422),
        ("application/x-www-form-urlencoded", b"", 200),
        ("application/x-www-form-urlencoded", b"task[add]=x&task[update][0]=y&account=z", 200),
        ("application/x-www-form-urlencoded", b"task[add][0][text]=%D0%97%D0%B2%D0%BE%D0%BD%D0%BE%D0%BA", 200),
        ("application/x-www-form-urlencoded; charset=utf-8", b"%%%=%zz&=&&&", 200),
    ],
)
def test_malformed_amocrm_bodies_get_a_clear_4xx_never_a_500(
    hooked: Server, content_type: str | None, body: bytes, status: int
):
    headers = {"Content-Type": content_type} if content_type else {}
    response = httpx.post(f"{hooked.url}/v1/hooks/amocrm?key={KEY}", content=body, headers=headers)
    assert response.status_code == status, response.text
    if status >= 400:
        assert set(response.json()["error"]) == {"code", "message", "field"}


def test_no_key_or_token_appears_in_the_server_log(hooked: Server, crm: FakeCRM):
    crm.bitrix24_tasks["323"] = {"title": "ООО Вектор", "description": ""}
    post_amocrm(hooked, amocrm_webhook(amocrm_task("add", 0, id="9701", text="ООО Вектор", element_id="9701")))
    post_bitrix24(hooked, bitrix24_event("ONTASKADD", "323", APP_TOKEN))
    post_bitrix24(hooked, bitrix24_event("ONTASKADD", "323", "a-wrong-token-7777"))
    httpx.post(f"{hooked.url}/v1/check?key={KEY}", json={"text": "x"})
    crm.wait_for(lambda r: posted_note(r) or r.path.endswith("/task.commentitem.add"), count=2)
    log = hooked.log()
    assert "POST /v1/hooks/amocrm 200" in log  # the access lines are there
    for secret in (KEY, AMO_TOKEN, B24_SECRET, APP_TOKEN, "a-wrong-token-7777", "ООО Вектор"):
        assert secret not in log
    page = httpx.get(f"{hooked.url}/metrics").text
    assert KEY not in page and 'crm="amocrm"' in page


def test_uvicorn_access_log_does_not_get_the_key_either(tmp_path, crm: FakeCRM):
    """uvicorn's own access line (switched off by the service, on here) reads the request's query
    string after the app has taken the key out of it."""
    import subprocess
    import sys

    from service_harness import REPO, free_port, wait_until

    port = free_port()
    script = (
        "import logging, uvicorn; from taskqual.service.app import app; "
        "logging.getLogger('uvicorn.access').disabled = False; "
        f"uvicorn.run(app, host='127.0.0.1', port={port}, access_log=True)"
    )
    log_file = tmp_path / "uvicorn.log"
    with log_file.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", script],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **hooked_env(crm)},
        )
    server = Server(process, f"http://127.0.0.1:{port}", log_file)
    try:
        wait_until(server, "/readyz")
        post_amocrm(server, amocrm_webhook(amocrm_task("add", 0, id="9801", text="ООО Вектор", element_id="9801")))
        httpx.post(
            f"{server.url}/v1/hooks/bitrix24?other=1&key={KEY}&x=2", data=bitrix24_event("ONTASKDELETE", "1", APP_TOKEN)
        )
    finally:
        server.stop()
    log = server.log()
    access = [line for line in log.splitlines() if '"POST /v1/hooks/' in line]
    assert len(access) == 2, log
    assert re.search(r'"POST /v1/hooks/bitrix24\?other=1&x=2 HTTP/1.1" 200', log), access
    assert KEY not in log


# --- task types in /v1/check ----------------------------------------------------------------------


def test_check_takes_the_task_type(hooked: Server):
    auth = {"X-API-Key": KEY}
    bare = httpx.post(f"{hooked.url}/v1/check", json={"text": "ООО Ромашка"}, headers=auth).json()
    call = httpx.post(f"{hooked.url}/v1/check", json={"text": "ООО Ромашка", "type": "Звонок"}, headers=auth).json()
    assert bare["label"] == "company_only"
    assert call["label"] == "vague" and "звон" in call["hint"]
    batch = httpx.post(
        f"{hooked.url}/v1/check/batch",
        headers=auth,
        json={
            "items": [
                {"id": 1, "text": "ООО Ромашка", "type": "Встреча"},
                {"id": 2, "text": "", "type": "Звонок"},
                {"id": 3, "text": "", "type": None},
                {"id": 4, "text": "ООО Ромашка", "type": 1},
            ]
        },
    ).json()["results"]
    assert batch[0]["label"] == "vague" and "встреч" in batch[0]["hint"].lower()
    assert batch[1]["label"] == "vague"
    assert batch[2]["error"]["code"] == "empty_text"
    assert batch[3]["error"] == {
        "code": "validation_error",
        "field": "items[3].type",
        "message": "type must be a string such as «Звонок», got int",
    }


# --- settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"TASKQUAL_AMOCRM_BASE_URL": "https://romashka.amocrm.ru", "TASKQUAL_AMOCRM_TOKEN": AMO_TOKEN},
            "a CRM hook is configured but TASKQUAL_API_KEYS is empty",
        ),
        (
            {"TASKQUAL_API_KEYS": KEY, "TASKQUAL_AMOCRM_TOKEN": AMO_TOKEN},
            "set both TASKQUAL_AMOCRM_BASE_URL and TASKQUAL_AMOCRM_TOKEN, or neither",
        ),
        (
            {
                "TASKQUAL_API_KEYS": KEY,
                "TASKQUAL_AMOCRM_BASE_URL": "http://romashka.amocrm.ru",
                "TASKQUAL_AMOCRM_TOKEN": AMO_TOKEN,
            },
            "TASKQUAL_AMOCRM_BASE_URL must be an https:// URL",
        ),
        (
            {"TASKQUAL_API_KEYS": KEY, "TASKQUAL_BITRIX24_WEBHOOK_URL": f"romashka.bitrix24.ru/rest/1/{B24_SECRET}"},
            "TASKQUAL_BITRIX24_WEBHOOK_URL is not an http(s) URL",
        ),
        (
            {"TASKQUAL_API_KEYS": KEY, "TASKQUAL_BITRIX24_APP_TOKEN": APP_TOKEN},
            "TASKQUAL_BITRIX24_APP_TOKEN is set but TASKQUAL_BITRIX24_WEBHOOK_URL is not",
        ),
        (
            {
                "TASKQUAL_API_KEYS": KEY,
                "TASKQUAL_BITRIX24_WEBHOOK_URL": f"https://romashka.bitrix24.ru/rest/1/{B24_SECRET}/",
                "TASKQUAL_BITRIX24_COMMENTS": "chats",
            },
            "bitrix24_comments\n  Input should be 'auto', 'chat' or 'comments'",
        ),
    ],
)
def test_incomplete_or_unsafe_crm_settings_stop_the_start(tmp_path, env: dict[str, str], message: str):
    import os
    import subprocess
    import sys

    from service_harness import REPO

    clean = {k: v for k, v in os.environ.items() if not k.startswith("TASKQUAL_")}
    done = subprocess.run(
        [sys.executable, "-m", "taskqual", "serve", "--port", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, "PYTHONPATH": str(REPO), **env},
    )
    assert done.returncode == 2
    assert message in done.stderr
    for secret in (AMO_TOKEN, B24_SECRET, APP_TOKEN, KEY):
        assert secret not in done.stderr


def test_a_crm_that_is_not_configured_answers_503_saying_what_to_set(client: httpx.Client):
    response = client.post("/v1/hooks/amocrm", data={"task[add][0][text]": "x"})
    assert response.status_code == 503
    assert "set TASKQUAL_AMOCRM_BASE_URL and TASKQUAL_AMOCRM_TOKEN" in response.json()["error"]["message"]
    assert "/v1/hooks/amocrm" not in client.get("/openapi.json").json()["paths"]


def test_a_full_queue_drops_logs_and_counts_never_silently(tmp_path, crm: FakeCRM):
    crm.delay = 0.4
    env = hooked_env(crm, TASKQUAL_CRM_QUEUE_SIZE="1", TASKQUAL_CRM_TIMEOUT="5")
    with running_server(tmp_path, env) as server:
        tasks = [amocrm_task("add", n, id=f"99{n:02d}", text="ждём ответа", element_id=f"99{n:02d}") for n in range(10)]
        answer = post_amocrm(server, amocrm_webhook(*tasks)).json()
        assert (answer["noted"], answer["dropped"]) == (1, 9)  # one waits in the queue, the rest do not fit
        crm.wait_for(posted_note)
        dropped = metric(server, "taskqual_crm_writebacks_total", crm="amocrm", outcome="dropped")
        log = server.log()
    assert dropped == 9
    assert log.count("amocrm write-back dropped:") == 9
    assert "the write-back queue is full (1 waiting; TASKQUAL_CRM_QUEUE_SIZE)" in log


def test_the_hooks_are_in_the_openapi_schema_with_example_bodies(hooked: Server):
    schema = httpx.get(f"{hooked.url}/openapi.json").json()
    for path, field in (("/v1/hooks/amocrm", "task[add][0][text]"), ("/v1/hooks/bitrix24", "data[FIELDS_AFTER][ID]")):
        operation = schema["paths"][path]["post"]
        form = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
        assert field in form["properties"] and field in form["example"]
        assert {"APIKeyQuery": []} in operation["security"]
    assert schema["components"]["securitySchemes"]["APIKeyQuery"] == {
        "type": "apiKey",
        "name": "key",
        "in": "query",
        "description": "`?key=<key>` in the webhook URL (CRMs send no headers)",
    }
    assert "CRM hooks on: amoCRM, Bitrix24" in hooked.log()


# --- fuzzing --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hooks_schema(hooked: Server):
    import schemathesis

    return schemathesis.openapi.from_url(f"{hooked.url}/openapi.json").include(path_regex="^/v1/hooks/")


def _fuzz_checks():
    from schemathesis import checks

    return [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_headers_conformance,
        checks.response_schema_conformance,
    ]


def _hooks_fuzz():
    import schemathesis
    from hypothesis import HealthCheck
    from hypothesis import settings as hypothesis_settings

    schema = schemathesis.pytest.from_fixture("hooks_schema")

    @schema.parametrize()
    @hypothesis_settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def test_no_webhook_body_makes_the_hooks_fail_or_break_their_schema(case):
        if case.path.endswith("/bitrix24") and isinstance(case.body, dict):
            case.body["auth[application_token]"] = APP_TOKEN  # past the token check, into the parsing
        case.call_and_validate(headers={"X-API-Key": KEY}, checks=_fuzz_checks())

    return test_no_webhook_body_makes_the_hooks_fail_or_break_their_schema


test_no_webhook_body_makes_the_hooks_fail_or_break_their_schema = _hooks_fuzz()


def test_a_text_with_letters_unicodedata_cannot_name_is_classified_not_a_500(hooked: Server):
    """U+18199 (a Tangut ideograph) has no name in Python's unicodedata, on which pymorphy3's
    capitalisation check relies; the morphology skips such letters instead of failing."""
    text = "\u00d8\U00018199qu"  # found by the schema fuzzing
    response = httpx.post(
        f"{hooked.url}/v1/check/batch",
        headers={"X-API-Key": KEY},
        json={"items": [{"id": 1, "text": text}, {"id": 2, "text": "перезвонить Ромашке"}]},
    )
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first["label"] in ("concrete", "vague", "company_only", "delegable") and "error" not in first
    assert second["label"] == "vague"
    assert "could not analyse" not in hooked.log()


def test_with_the_ok_note_switch_concrete_tasks_get_a_short_note_too(tmp_path, crm: FakeCRM):
    with running_server(tmp_path, hooked_env(crm, TASKQUAL_CRM_OK_NOTE="true")) as server:
        text = "Ромашка — получить решение об оплате счёта №418 до пятницы"
        answer = post_amocrm(server, amocrm_webhook(amocrm_task("add", 0, id="9901", text=text, element_id="9901")))
        assert answer.json()["concrete"] == 1
        [note] = crm.wait_for(posted_note)
    assert note.path == "/api/v4/leads/9901/notes"
    assert note.body[0]["params"]["text"].startswith(f"taskqual: задача «Звонок: {text}» — конкретное действие.")
