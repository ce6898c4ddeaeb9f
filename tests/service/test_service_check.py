"""What a CRM integration sees: the verdict on one task, on a batch, and the model in use."""

from __future__ import annotations

import re

import taskqual


def test_a_concrete_task_passes(client):
    r = client.post(
        "/v1/check", json={"text": "Ромашка — получить решение об оплате счёта до пятницы", "id": "task-1842"}
    )
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["ok"] is True and body["label"] == "concrete"
    assert body["id"] == "task-1842"
    assert set(body) == {"id", "ok", "label", "confidence", "scores", "missing", "hint", "company", "model_version"}
    assert set(body["scores"]) == set(taskqual.LABELS)
    assert body["confidence"] == max(body["scores"].values())


def test_a_vague_task_fails_with_a_hint_for_the_manager(client):
    body = client.post("/v1/check", json={"text": "перезвонить Ромашке"}).json()
    assert body["ok"] is False and body["label"] == "vague"
    assert "result" in body["missing"]
    assert body["hint"]  # what the CRM shows the manager
    assert body["id"] is None


def test_integer_ids_are_echoed_as_integers(client):
    assert client.post("/v1/check", json={"text": "ООО «Вектор»", "id": 90017}).json()["id"] == 90017


def test_batch_results_come_in_order_with_ids(client):
    items = [
        {"id": 1, "text": "перезвонить Ромашке"},
        {"id": "deal-7", "text": "Отправить КП в Северсталь до 15.03"},
        {"id": 3, "text": "ООО «Вектор»"},
        {"text": "Сделать презентацию для Техносилы"},
    ]
    r = client.post("/v1/check/batch", json={"items": items})
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["id"] for x in results] == [1, "deal-7", 3, None]
    assert [x["label"] for x in results] == ["vague", "concrete", "company_only", "delegable"]
    assert [x["ok"] for x in results] == [False, True, False, False]


def test_an_invalid_batch_item_gets_its_own_error_and_the_rest_are_checked(client):
    items = [
        {"id": 1, "text": "Отправить КП в Северсталь до 15.03"},
        {"id": 2, "text": "   "},
        {"id": 3, "text": "я" * 2001},
        {"id": 4, "text": 42},
        {"id": 5},
        "not an object",
        {"id": [6], "text": "выставить счёт"},
        {"id": 8, "text": "перезвонить Ромашке"},
    ]
    results = client.post("/v1/check/batch", json={"items": items}).json()["results"]
    assert results[0]["label"] == "concrete" and results[-1]["label"] == "vague"
    errors = [(x["id"], x["error"]["code"], x["error"]["field"]) for x in results[1:-1]]
    assert errors == [
        (2, "empty_text", "items[1].text"),
        (3, "text_too_long", "items[2].text"),
        (4, "validation_error", "items[3].text"),
        (5, "validation_error", "items[4].text"),
        (None, "validation_error", "items[5]"),
        (None, "validation_error", "items[6].id"),  # an invalid id is reported, not echoed
    ]
    assert all(x["ok"] is False for x in results[1:-1])


def test_an_empty_batch_is_answered_with_no_results(client):
    assert client.post("/v1/check/batch", json={"items": []}).json() == {"results": []}


def test_model_info_comes_from_the_model_manifest(client):
    info = client.get("/v1/model").json()
    manifest = taskqual.default_model().manifest
    assert info["model_version"] == manifest["model_version"]
    assert sorted(info["labels"]) == sorted(taskqual.LABELS)
    assert info["training_data_sha256"] == manifest["training_data"]["sha256"]
    assert info["metrics"] == manifest["metrics"] and "outside_voice" in info["metrics"]
    assert (info["max_text_length"], info["max_batch_size"]) == (2000, 1000)


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["ready"] is True and ready.json()["status"] == "ready"


def test_every_response_carries_a_request_id(client):
    generated = client.get("/healthz").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert client.get("/nope").headers["x-request-id"]  # errors too


def test_the_callers_request_id_is_echoed_if_it_is_plain(client):
    r = client.post("/v1/check", json={"text": "позвонить"}, headers={"X-Request-ID": "crm-save-42"})
    assert r.headers["x-request-id"] == "crm-save-42"
    forged = client.get("/healthz", headers={"X-Request-ID": "a b\tINFO fake log line"})
    assert re.fullmatch(r"[0-9a-f]{32}", forged.headers["x-request-id"])


def test_the_openapi_schema_documents_the_api_with_russian_examples(client):
    schema = client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/check/batch", "/v1/model", "/healthz", "/readyz", "/metrics"} <= set(schema["paths"])
    components = schema["components"]["schemas"]
    assert components["CheckRequest"]["properties"]["text"]["maxLength"] == 2000
    assert components["BatchRequest"]["properties"]["items"]["maxItems"] == 1000
    assert "Ромашка" in str(components["CheckRequest"]["examples"])


def test_the_api_docs_page_needs_no_internet(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost)", page.text)  # no CDN
    assert client.get("/docs/static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "taskqual"
