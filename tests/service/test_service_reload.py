"""Hot reload: a model trained by ``taskqual train`` is swapped in under load with no failed request;
a damaged model is refused and the old one keeps serving; SIGHUP reloads too; with ``taskqual serve
--workers 2`` one request reloads both workers."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from service_harness import running_server
from teamdata import BASICS, NEW_ZMR_TASKS

import taskqual
from taskqual.artifact import default_model_path, model_files

ADMIN_KEY = "admin-key-for-reload-0001"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
LOAD_TEXTS = [*BASICS, *NEW_ZMR_TASKS]


def install(model: Path, serving: Path) -> None:
    """Put ``model``'s files at ``serving``, each by an atomic rename (as a deploy script would)."""
    for src, dst in zip(model_files(model), model_files(serving)):
        tmp = dst.with_name(dst.name + ".new")
        shutil.copy(src, tmp)
        os.replace(tmp, dst)


class Load:
    """Threads posting /v1/check without pause; every answer is kept with the time its request began."""

    def __init__(self, url: str, threads: int = 4) -> None:
        self.url, self.stop = url, threading.Event()
        self.answers: list[tuple[int, float, int, str | None]] = []  # (thread, sent at, status, model_version)
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(threads)]

    def _run(self, n: int) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            i = n
            while not self.stop.is_set():
                sent = time.monotonic()
                try:
                    r = client.post("/v1/check", json={"text": LOAD_TEXTS[i % len(LOAD_TEXTS)]})
                    self.answers.append((n, sent, r.status_code, r.json().get("model_version")))
                except httpx.HTTPError:
                    self.answers.append((n, sent, 0, None))
                i += 1

    def __enter__(self) -> Load:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()


def reloads(client: httpx.Client) -> dict[str, float]:
    page = client.get("/metrics").text
    return {
        line.split('"')[1]: float(line.rsplit(" ", 1)[1])
        for line in page.splitlines()
        if line.startswith("taskqual_model_reloads_total{")
    }


@pytest.fixture()
def serving(tmp_path: Path) -> Path:
    """TASKQUAL_MODEL_PATH of the server under test, holding a copy of the shipped model at first."""
    folder = tmp_path / "models"
    folder.mkdir()
    install(default_model_path(), folder / "team.skops")
    return folder / "team.skops"


def test_a_trained_model_is_swapped_in_under_load_without_a_failed_request(tmp_path, serving, team_model):
    shipped = taskqual.default_model().version
    team = taskqual.Model.load(team_model.path).version
    env = {"TASKQUAL_MODEL_PATH": str(serving), "TASKQUAL_ADMIN_KEYS": ADMIN_KEY}
    with running_server(tmp_path, env) as server, server.client() as client:
        assert client.get("/v1/model").json()["model_version"] == shipped
        with Load(server.url) as load:
            time.sleep(1.0)
            install(team_model.path, serving)
            response = client.post("/v1/admin/reload", headers=ADMIN)
            reloaded_at = time.monotonic()
            time.sleep(1.0)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "reloaded": True,
            "model_version": team,
            "previous_version": shipped,
            "other_workers_signalled": 0,
        }
        statuses = [status for _, _, status, _ in load.answers]
        assert len(statuses) > 50 and set(statuses) == {200}  # not one failed request
        for thread in range(4):  # each client saw the old model, then the new one, and never the old one again
            seen = [v for n, _, _, v in load.answers if n == thread]
            switch = seen.index(team)
            assert switch > 0 and set(seen[:switch]) == {shipped} and set(seen[switch:]) == {team}
        assert {v for _, sent, _, v in load.answers if sent > reloaded_at} == {team}
        # The service now answers with the team's model, and says so.
        assert client.get("/v1/model").json()["model_version"] == team
        verdicts = [client.post("/v1/check", json={"text": t}).json() for t in NEW_ZMR_TASKS]
        # the served verdicts are the team model's own (learning «ЗМР» itself is test_train's concern)
        expected = [v.label for v in taskqual.Model.load(team_model.path).classify_many(NEW_ZMR_TASKS)]
        assert [(v["label"], v["model_version"]) for v in verdicts] == [(label, team) for label in expected]
        assert reloads(client) == {"reloaded": 1.0, "refused": 0.0}


def test_a_damaged_model_is_refused_and_the_old_one_keeps_serving(tmp_path, serving):
    shipped = taskqual.default_model().version
    env = {"TASKQUAL_MODEL_PATH": str(serving), "TASKQUAL_ADMIN_KEYS": ADMIN_KEY}
    with running_server(tmp_path, env) as server, server.client() as client:
        tables = model_files(serving)[1]
        data = bytearray(tables.read_bytes())
        data[len(data) // 2] ^= 0xFF
        tables.write_bytes(bytes(data))
        response = client.post("/v1/admin/reload", headers=ADMIN)
        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "model_refused"
        assert f"{shipped} keeps serving" in error["message"] and "sha256" in error["message"]
        check = client.post("/v1/check", json={"text": "перезвонить Ромашке"})
        assert check.status_code == 200 and check.json()["model_version"] == shipped
        assert client.get("/readyz").status_code == 200
        assert reloads(client) == {"reloaded": 0.0, "refused": 1.0}
        assert "model reload (admin request) refused" in server.log()


def test_reload_needs_an_admin_key(tmp_path, server):
    with server.client() as client:  # no TASKQUAL_ADMIN_KEYS: admin routes are off
        off = client.post("/v1/admin/reload", headers=ADMIN)
        assert off.status_code == 401 and "TASKQUAL_ADMIN_KEYS" in off.json()["error"]["message"]
    env = {"TASKQUAL_ADMIN_KEYS": ADMIN_KEY, "TASKQUAL_API_KEYS": "crm-integration-key-0001"}
    with running_server(tmp_path, env) as secured, secured.client() as client:
        assert client.post("/v1/admin/reload").status_code == 401
        # An API key lets a CRM check tasks, not change the model.
        assert client.post("/v1/admin/reload", headers={"X-API-Key": "crm-integration-key-0001"}).status_code == 401
        assert client.post("/v1/admin/reload", headers=ADMIN).status_code == 200


def test_sighup_reloads_the_model(tmp_path, serving, team_model):
    team = taskqual.Model.load(team_model.path).version
    with running_server(tmp_path, {"TASKQUAL_MODEL_PATH": str(serving)}) as server, server.client() as client:
        install(team_model.path, serving)
        server.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while client.get("/v1/model").json()["model_version"] != team and time.monotonic() < deadline:
            time.sleep(0.1)
        assert client.get("/v1/model").json()["model_version"] == team
        assert server.process.poll() is None
        assert "model reload (SIGHUP)" in server.log()


def test_one_request_reloads_every_worker_of_taskqual_serve(tmp_path, serving, team_model):
    team = taskqual.Model.load(team_model.path).version
    env = {"TASKQUAL_MODEL_PATH": str(serving), "TASKQUAL_ADMIN_KEYS": ADMIN_KEY}
    with running_server(tmp_path, env, cli=True, workers=2) as server:
        fresh = {"Connection": "close"}  # a new connection each time: either worker may answer

        def versions(n: int) -> set[str]:
            return {
                httpx.post(
                    server.url + "/v1/check", json={"text": "перезвонить Ромашке"}, headers=fresh, timeout=30
                ).json()["model_version"]
                for _ in range(n)
            }

        deadline = time.monotonic() + 60
        while server.log().count(" loaded from ") < 2 and time.monotonic() < deadline:  # both workers loaded
            time.sleep(0.2)
        install(team_model.path, serving)
        response = httpx.post(server.url + "/v1/admin/reload", headers={**ADMIN, **fresh}, timeout=60)
        assert response.status_code == 200 and response.json()["other_workers_signalled"] == 1
        deadline = time.monotonic() + 30
        while "model reload (SIGHUP)" not in server.log() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        assert versions(40) == {team}
        pids = {line.split()[4] for line in server.log().splitlines() if "model reload" in line}
        assert len(pids) == 2


def test_a_short_admin_key_stops_the_start(tmp_path):
    from service_harness import start_server

    with pytest.raises(RuntimeError) as failed:
        start_server(tmp_path, {"TASKQUAL_ADMIN_KEYS": "admin"}, ready=False)
    assert "admin key #1 is shorter than 16 characters" in str(failed.value)
