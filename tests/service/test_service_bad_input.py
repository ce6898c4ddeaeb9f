"""Bad input gets a clear error in the one documented shape, never a 500, and the server keeps
serving. ``{"error": {"code", "message", "field"}}``: the code for programs, the message for the
developer integrating a CRM, the field pointing into the body."""

from __future__ import annotations

import json
import socket

import pytest

JSON = {"Content-Type": "application/json"}


def error_of(response) -> tuple[int, str, str | None]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["message"]
    return response.status_code, body["error"]["code"], body["error"]["field"]


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        pytest.param({"text": ""}, 422, "empty_text", "text", id="empty text"),
        pytest.param({"text": "   \n\t "}, 422, "empty_text", "text", id="whitespace"),
        pytest.param({"text": "🔥🔥 !!! 12:00"}, 422, "empty_text", "text", id="no words"),
        pytest.param({"text": "я" * 2001}, 422, "text_too_long", "text", id="text over the limit"),
        pytest.param({"text": 5}, 422, "validation_error", "text", id="text is a number"),
        pytest.param({"text": None}, 422, "validation_error", "text", id="text is null"),
        pytest.param({"text": ["позвонить"]}, 422, "validation_error", "text", id="text is an array"),
        pytest.param({}, 422, "validation_error", "text", id="text missing"),
        pytest.param({"task": "позвонить"}, 422, "validation_error", "text", id="misspelt field"),
        pytest.param(["позвонить"], 422, "validation_error", None, id="body is an array"),
        pytest.param("позвонить", 422, "validation_error", None, id="body is a string"),
        pytest.param({"text": "позвонить", "id": True}, 422, "validation_error", "id", id="id is a boolean"),
        pytest.param({"text": "позвонить", "id": 1.5}, 422, "validation_error", "id", id="id is a float"),
        pytest.param({"text": "позвонить", "id": "x" * 201}, 422, "validation_error", "id", id="id too long"),
    ],
)
def test_bad_check_bodies(client, body, status, code, field):
    assert error_of(client.post("/v1/check", json=body)) == (status, code, field)


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        pytest.param('{"text": "позвонить"'.encode(), JSON, 400, "invalid_json", id="truncated JSON"),
        pytest.param(b"{'text': 'call'}", JSON, 400, "invalid_json", id="single quotes"),
        pytest.param(b'{"text": NaN}', JSON, 400, "invalid_json", id="NaN"),
        pytest.param(b"[" * 100_000, JSON, 400, "invalid_json", id="nested too deep"),
        pytest.param(b"", JSON, 400, "invalid_json", id="empty body"),
        pytest.param('\ufeff{"text": "позвонить"}'.encode(), JSON, 400, "invalid_json", id="byte order mark"),
        pytest.param(b'{"text": "\xff\xfe \xd0"}', JSON, 400, "invalid_encoding", id="invalid UTF-8"),
        pytest.param('{"text": "позвонить"}'.encode("cp1251"), JSON, 400, "invalid_encoding", id="cp1251"),
        pytest.param(
            b'{"text": "call"}', {"Content-Type": "text/plain"}, 415, "unsupported_media_type", id="text/plain"
        ),
        pytest.param(
            b"text=call",
            {"Content-Type": "application/x-www-form-urlencoded"},
            415,
            "unsupported_media_type",
            id="form",
        ),
        pytest.param(b'{"text": "call"}', {}, 415, "unsupported_media_type", id="no content type"),
        pytest.param(
            b'{"text": "call"}',
            {"Content-Type": "application/json; charset=latin-1"},
            415,
            "unsupported_media_type",
            id="not UTF-8 charset",
        ),
    ],
)
def test_bodies_that_are_not_utf8_json(client, content, headers, status, code):
    for path in ("/v1/check", "/v1/check/batch"):
        assert error_of(client.post(path, content=content, headers=headers)) == (status, code, None)


def test_a_byte_order_mark_is_named_in_the_message(client):
    r = client.post("/v1/check", content='\ufeff{"text": "позвонить"}'.encode(), headers=JSON)
    assert "Unexpected UTF-8 BOM" in r.json()["error"]["message"]


def test_a_body_that_arrives_in_pieces_is_read_whole(client):
    body = json.dumps({"id": 7, "text": "Отправить КП в Северсталь до 15.03"}, ensure_ascii=False).encode()

    def pieces():  # chunked transfer, one small piece at a time
        for i in range(0, len(body), 5):
            yield body[i : i + 5]

    whole = client.post("/v1/check", content=body, headers=JSON)
    streamed = client.post("/v1/check", content=pieces(), headers=JSON)
    assert streamed.status_code == whole.status_code == 200
    assert streamed.content == whole.content


def test_json_with_a_charset_parameter_is_fine(client):
    body = json.dumps({"text": "отправить КП до пятницы"}).encode()
    r = client.post("/v1/check", content=body, headers={"Content-Type": "application/json; charset=UTF-8"})
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        pytest.param({}, "validation_error", "items", id="items missing"),
        pytest.param({"items": {"id": 1, "text": "позвонить"}}, "validation_error", "items", id="items not an array"),
        pytest.param({"items": [{"text": "позвонить"}] * 1001}, "batch_too_large", "items", id="over the batch limit"),
    ],
)
def test_bad_batches_are_refused_whole(client, body, code, field):
    assert error_of(client.post("/v1/check/batch", json=body)) == (422, code, field)


def raw_request(url: str, head: str, body_parts: list[bytes] = ()) -> tuple[int, bytes]:
    """Send a request over a bare socket (to control exactly what is sent); the status and body."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(head.encode())
        for part in body_parts:
            s.sendall(part)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def test_an_oversized_body_is_refused_before_it_is_sent(server):
    # Only the headers go out: 413 comes back at once, from the declared Content-Length alone.
    head = (
        "POST /v1/check/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n"
    )
    status, body = raw_request(server.url, head)
    assert status == 413
    assert json.loads(body)["error"]["code"] == "payload_too_large"


def test_a_streamed_body_is_refused_once_it_passes_the_limit(server):
    # No Content-Length (chunked): the bytes are counted as they arrive. Exactly the limit is sent,
    # then one byte more; the body is never finished, the 413 comes back at that byte.
    limit = 4 * 1024 * 1024
    chunk = b"a" * 65536
    parts = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (limit // len(chunk)) + [b"1\r\na\r\n"]
    head = "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    status, body = raw_request(server.url, head, parts)
    assert status == 413
    assert json.loads(body)["error"] == {
        "code": "payload_too_large",
        "field": None,
        "message": f"request body passed {limit} bytes; at most {limit} are accepted (TASKQUAL_MAX_BODY_BYTES). "
        "Send fewer items per batch request",
    }


def test_unknown_paths_and_wrong_methods(client):
    assert error_of(client.get("/v2/check")) == (404, "not_found", None)
    assert error_of(client.get("/v1/check")) == (405, "method_not_allowed", None)
    assert error_of(client.put("/healthz")) == (405, "method_not_allowed", None)


def test_the_server_keeps_serving_and_never_answered_500(server, client):
    assert client.post("/v1/check", json={"text": "позвонить"}).status_code == 200
    metrics = client.get("/metrics").text
    assert 'status="500"' not in metrics
    assert "Traceback" not in server.log()


def test_a_library_failure_on_a_valid_string_is_a_validation_error_logged_by_type_only(caplog):
    """The verdict's error_code says what went wrong, without running the model again; a failure that is not
    one of the documented refusals is logged as a bug, by exception type only (its message may quote the text)."""
    from taskqual import Verdict
    from taskqual.service.routes import refusal

    empty = refusal(Verdict(None, 0.0, error="EmptyTaskError: task text has no words", error_code="empty_text"), "text")
    assert (empty.status, empty.body()) == (
        422,
        {"code": "empty_text", "message": "task text has no words", "field": "text"},
    )
    failed = Verdict(None, 0.0, error="ValueError: cannot read «Ромашка секрет»", error_code="invalid_input")
    with caplog.at_level("ERROR", logger="taskqual.service"):
        error = refusal(failed, "items[2].text")
    assert (error.code, error.field) == ("validation_error", "items[2].text")
    assert "could not be analysed" in error.message and "Ромашка" not in error.message
    assert [r.getMessage() for r in caplog.records] == ["the library could not analyse items[2].text: ValueError"]


def test_the_request_models_validate_what_the_openapi_shows():
    """One contract: the models that make /openapi.json's request bodies are the ones that validate them, so
    every example in the schema passes, and a body the schema forbids gets the documented error."""
    from taskqual.service.body import validated
    from taskqual.service.errors import ApiError
    from taskqual.service.feedback.schemas import FeedbackRequest
    from taskqual.service.schemas import BatchItem, BatchRequest, CheckRequest

    for model in (CheckRequest, FeedbackRequest):
        for example in model.model_json_schema()["examples"]:
            assert validated(model, example).model_dump(exclude_unset=True) == example
    batch = BatchRequest.model_json_schema()["examples"][0]
    assert validated(BatchRequest, batch).items == batch["items"]  # the route validates each item on its own:
    for i, item in enumerate(batch["items"]):
        assert validated(BatchItem, item, where=f"items[{i}]").model_dump(exclude_unset=True) == item
    with pytest.raises(ApiError) as refused:
        validated(BatchItem, {"text": "позвонить", "id": 1.5}, where="items[7]")
    assert refused.value.body() == {
        "code": "validation_error",
        "message": "id must be a string or an integer, got a number",
        "field": "items[7].id",
    }
