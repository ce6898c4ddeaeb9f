"""Under load the service gives exactly the verdicts the library gives in-process."""

from __future__ import annotations

import asyncio
import itertools

import httpx

import taskqual

ACTIONS = [
    "отправить КП",
    "позвонить",
    "согласовать договор",
    "сделать презентацию",
    "выставить счёт",
    "перезвонить",
    "подготовить шаблон письма",
    "получить решение об оплате",
    "внести контакты в CRM",
    "напомнить о себе",
]
WHOM = ["", "Ромашке", "в Северсталь", "ООО «Вектор»", "для Техносилы"]
WHEN = ["", "до пятницы", "завтра в 10:00", "до 15.03"]
TEXTS = [" ".join(part for part in combo if part) for combo in itertools.product(ACTIONS, WHOM, WHEN)]


def expected(verdict: taskqual.Verdict) -> dict:
    return {
        "ok": verdict.is_concrete,
        "label": verdict.label,
        "confidence": verdict.confidence,
        "scores": verdict.scores,
        "missing": list(verdict.missing),
        "hint": verdict.hint,
        "company": verdict.company,
        "model_version": verdict.model_version,
    }


async def check_all(url: str, texts: list[str]) -> list[dict]:
    limits = httpx.Limits(max_connections=len(texts))
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        responses = await asyncio.gather(
            *(client.post("/v1/check", json={"text": t, "id": i}) for i, t in enumerate(texts))
        )
    assert all(r.status_code == 200 for r in responses)
    return [r.json() for r in responses]


def coalesced(client) -> tuple[float, float]:
    """(library calls, texts) of single checks so far, from /metrics."""
    page = client.get("/metrics").text
    values = dict(line.rsplit(" ", 1) for line in page.splitlines() if line.startswith("taskqual_check_coalesced"))
    return float(values["taskqual_check_coalesced_texts_count"]), float(values["taskqual_check_coalesced_texts_sum"])


def test_200_concurrent_requests_match_in_process_verdicts(server, client):
    assert len(TEXTS) == 200
    calls_before, texts_before = coalesced(client)
    answers = asyncio.run(check_all(server.url, TEXTS))
    assert [a.pop("id") for a in answers] == list(range(200))
    assert answers == [expected(taskqual.classify(t)) for t in TEXTS]
    # Requests that arrived together were scored together, and the verdicts are the same.
    calls, texts = coalesced(client)
    assert texts - texts_before == 200
    assert calls - calls_before < 200


def test_a_batch_matches_in_process_verdicts(client):
    results = client.post("/v1/check/batch", json={"items": [{"text": t} for t in TEXTS]}).json()["results"]
    assert [{k: v for k, v in r.items() if k != "id"} for r in results] == [
        expected(v) for v in taskqual.classify_many(TEXTS)
    ]
