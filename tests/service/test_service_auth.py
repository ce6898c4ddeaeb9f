"""API keys: with TASKQUAL_API_KEYS set, /v1 needs one (Bearer or X-API-Key); without, nothing does."""

from __future__ import annotations

import pytest
from service_harness import API_KEYS, CRM_ORIGIN

TASK = {"text": "Отправить КП в Северсталь до 15.03"}


@pytest.fixture(scope="module")
def anonymous(secured_server):
    with secured_server.client() as c:
        yield c


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch", "/v1/model"])
def test_every_v1_route_needs_a_key(anonymous, path):
    r = anonymous.get(path) if path == "/v1/model" else anonymous.post(path, json=TASK)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {API_KEYS[0]}"},
        {"Authorization": f"bearer {API_KEYS[1]}"},  # the second key, scheme in any case
        {"X-API-Key": API_KEYS[0]},
    ],
    ids=["bearer", "second key", "x-api-key"],
)
def test_a_valid_key_lets_the_request_through(anonymous, headers):
    r = anonymous.post("/v1/check", json=TASK, headers=headers)
    assert r.status_code == 200 and r.json()["ok"] is True


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {API_KEYS[0]}x"},
        {"Authorization": f"Bearer {API_KEYS[0][:-1]}"},
        {"Authorization": f"Basic {API_KEYS[0]}"},
        {"X-API-Key": ""},
        {"X-API-Key": "ключ-по-русски".encode()},  # non-ASCII bytes must not break the comparison
    ],
    ids=["longer", "prefix", "basic scheme", "empty", "non-ascii"],
)
def test_a_wrong_key_is_refused(anonymous, headers):
    assert anonymous.post("/v1/check", json=TASK, headers=headers).status_code == 401


def test_the_key_is_checked_before_the_body_is_read(anonymous):
    r = anonymous.post("/v1/check", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 401


def test_health_stays_open_and_metrics_can_be_closed(anonymous):
    assert anonymous.get("/healthz").status_code == 200
    assert anonymous.get("/readyz").status_code == 200
    assert anonymous.get("/metrics").status_code == 401  # TASKQUAL_METRICS_REQUIRE_KEY=true
    assert anonymous.get("/metrics", headers={"X-API-Key": API_KEYS[1]}).status_code == 200


def test_the_schema_documents_both_ways_to_send_a_key(anonymous):
    schema = anonymous.get("/openapi.json").json()
    assert set(schema["components"]["securitySchemes"]) == {"HTTPBearer", "APIKeyHeader"}
    assert schema["paths"]["/v1/check"]["post"]["security"] == [{"HTTPBearer": []}, {"APIKeyHeader": []}]


def test_the_keys_never_reach_the_log(secured_server):
    assert not any(key in secured_server.log() for key in API_KEYS)


def test_without_keys_configured_no_key_is_needed(client):
    assert client.post("/v1/check", json=TASK).status_code == 200
    assert "securitySchemes" not in client.get("/openapi.json").json().get("components", {})


def test_a_crm_web_page_may_call_with_a_key(anonymous):
    # The browser asks first (no key in a preflight), then sends the key.
    preflight = anonymous.options(
        "/v1/check",
        headers={
            "Origin": CRM_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == CRM_ORIGIN
    r = anonymous.post("/v1/check", json=TASK, headers={"Origin": CRM_ORIGIN, "X-API-Key": API_KEYS[0]})
    assert r.headers["access-control-allow-origin"] == CRM_ORIGIN
    assert "x-request-id" in r.headers["access-control-expose-headers"].lower()


def test_other_origins_get_no_cors_permission(anonymous):
    r = anonymous.post("/v1/check", json=TASK, headers={"Origin": "https://evil.example", "X-API-Key": API_KEYS[0]})
    assert "access-control-allow-origin" not in r.headers
