"""/metrics in Prometheus format moves with the traffic; the log has request ids and no texts."""

from __future__ import annotations

import time
import uuid

import httpx
from prometheus_client.parser import text_string_to_metric_families
from service_harness import running_server


def scrape(client) -> dict[tuple[str, frozenset], float]:
    page = client.get("/metrics")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/plain")
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(page.text)
        for s in family.samples
    }


def value(samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_counters_move_with_requests(client):
    before = scrape(client)
    client.post("/v1/check", json={"text": "Отправить КП в Северсталь до 15.03"})
    client.post("/v1/check", json={"text": "   "})
    client.post("/v1/check/batch", json={"items": [{"text": "ООО «Вектор»"}, {"text": "позвонить"}, {"text": ""}]})
    after = scrape(client)

    def moved(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("taskqual_http_requests_total", route="/v1/check", method="POST", status="200") == 1
    assert moved("taskqual_http_requests_total", route="/v1/check", method="POST", status="422") == 1
    assert moved("taskqual_http_requests_total", route="/v1/check/batch", method="POST", status="200") == 1
    assert moved("taskqual_http_request_duration_seconds_count", route="/v1/check", method="POST", status="200") == 1
    assert moved("taskqual_verdicts_total", label="concrete") == 1
    assert moved("taskqual_verdicts_total", label="company_only") == 1
    assert moved("taskqual_verdicts_total", label="vague") == 1
    assert moved("taskqual_refused_texts_total", code="empty_text") == 2


def test_with_several_workers_the_metrics_add_up(tmp_path):
    # `taskqual serve --workers 2` gives the workers a shared PROMETHEUS_MULTIPROC_DIR. A new
    # connection per request, so that both workers answer checks and scrapes.
    with running_server(tmp_path, cli=True, workers=2) as server:
        deadline = time.monotonic() + 60
        while server.log().count(" loaded from ") < 2 and time.monotonic() < deadline:  # both models in
            time.sleep(0.1)
        for _ in range(40):
            r = httpx.post(server.url + "/v1/check", json={"text": "Отправить КП в Северсталь до 15.03"})
            assert r.status_code == 200
        for _ in range(6):
            with server.client() as client:
                samples = scrape(client)
            assert value(samples, "taskqual_http_requests_total", route="/v1/check", method="POST", status="200") == 40
            assert value(samples, "taskqual_verdicts_total", label="concrete") == 40
        served_by = {line.split()[4] for line in server.log().splitlines() if "POST /v1/check 200" in line}
        assert len(served_by) == 2, "the kernel gave every connection to one worker; nothing was added up"


def test_unknown_paths_share_one_series(client):
    client.get(f"/{uuid.uuid4().hex}")
    assert value(scrape(client), "taskqual_http_requests_total", route="other", method="GET", status="404") >= 1
    assert "/v1/nonexistent" not in client.get("/metrics").text


def test_texts_stay_out_of_the_log_and_request_ids_go_in(server, client):
    marker = f"Согласовать договор с компанией Маркер{uuid.uuid4().hex[:8]} до пятницы"
    r = client.post("/v1/check", json={"text": marker}, headers={"X-Request-ID": "log-check-1"})
    client.post("/v1/check/batch", json={"items": [{"text": marker}, {"text": marker + " " * 3000}]})
    client.post("/v1/check", json={"text": 5, "id": marker})
    assert r.status_code == 200
    log = server.log()
    assert "[log-check-1] POST /v1/check 200" in log
    assert "Маркер" not in log


def test_texts_are_logged_only_when_switched_on_explicitly(tmp_path):
    with running_server(tmp_path, {"TASKQUAL_DEBUG_LOG_TEXTS": "true"}) as server, server.client() as client:
        client.post("/v1/check", json={"text": "перезвонить Ромашке"}, headers={"X-Request-ID": "debug-1"})
        log = server.log()
    assert "TASKQUAL_DEBUG_LOG_TEXTS is on" in log
    assert "[debug-1] text 'перезвонить Ромашке' → vague" in log
