"""Start-up and shutdown: ``taskqual serve``, SIGTERM with a request in flight, and a model that
cannot be loaded."""

from __future__ import annotations

import random
import shutil
import signal
import threading
import time

import httpx
import pytest
from service_harness import running_server, start_server

from taskqual.artifact import default_model_path, manifest_path


def slow_batch(n: int = 500, seed: int = 7) -> dict:
    """Long texts of made-up words: each costs the morphology a dictionary walk, so the batch takes
    a couple of seconds on a fresh server."""
    rng = random.Random(seed)
    syllables = "ба ве го да жу за ки ло ма не по ра су ти фо ху це ча шо щу ры ль ют ям".split()
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(300)]
    texts = [("Согласовать с клиентом " + " ".join(rng.choice(vocab) for _ in range(400)))[:1990] for _ in range(n)]
    return {"items": [{"id": i, "text": t} for i, t in enumerate(texts)]}


def wait_for_work(pid: int, cpu_s: float = 0.3, timeout: float = 20.0) -> None:
    """Until the server has spent ``cpu_s`` more seconds of CPU than now: it is working on a request."""
    import psutil

    def used() -> float:
        procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        return sum(p.cpu_times().user + p.cpu_times().system for p in procs)

    start, deadline = used(), time.monotonic() + timeout
    while used() - start < cpu_s:
        assert time.monotonic() < deadline, "the server never started on the batch"
        time.sleep(0.05)


def test_sigterm_lets_the_request_in_flight_finish(tmp_path):
    # `taskqual serve --host 127.0.0.1 --port N`, allowing a batch far over the default cost budget
    server = start_server(tmp_path, {"TASKQUAL_MAX_BATCH_CHARS": "1000000"}, cli=True)
    answer: dict = {}

    def send_batch() -> None:
        answer["response"] = httpx.post(server.url + "/v1/check/batch", json=slow_batch(), timeout=60)

    sender = threading.Thread(target=send_batch)
    sender.start()
    wait_for_work(server.process.pid)  # the batch is being classified (not a fixed sleep: CI may be busy)
    # After draining, uvicorn re-raises the SIGTERM it caught: the usual "terminated" exit status.
    assert server.stop(timeout=60) in (0, -signal.SIGTERM)
    sender.join()

    response = answer["response"]
    assert response.status_code == 200
    assert len(response.json()["results"]) == 500
    log = server.log()
    # The batch was answered after the shutdown began, and the worker said it stopped cleanly.
    assert log.index("Shutting down") < log.index("POST /v1/check/batch 200")
    assert "in-flight requests have been answered" in log


def copy_of_the_shipped_model(tmp_path):
    """The shipped model's files (model, manifest, and whatever else it keeps beside them) in tmp_path."""
    shipped = default_model_path()
    for file in shipped.parent.glob(shipped.stem + ".*"):
        shutil.copy(file, tmp_path / file.name)
    return tmp_path / shipped.name


def flip_a_byte(model):
    """Damage every data file of the model (whichever one the library reads first must notice)."""
    for file in model.parent.glob(model.stem + ".*"):
        if file != manifest_path(model):
            data = bytearray(file.read_bytes())
            data[len(data) // 2] ^= 0xFF
            file.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (flip_a_byte, "has sha256"),
        (lambda model: manifest_path(model).unlink(), "manifest"),
        (lambda model: model.unlink(), "does not exist"),
    ],
    ids=["tampered", "manifest missing", "model missing"],
)
def test_a_broken_model_leaves_the_service_alive_but_not_ready(tmp_path, damage, reason):
    model = copy_of_the_shipped_model(tmp_path)
    damage(model)

    with (
        running_server(tmp_path, {"TASKQUAL_MODEL_PATH": str(model)}, ready=False) as server,
        server.client() as client,
    ):
        assert client.get("/healthz").status_code == 200
        deadline = time.monotonic() + 30
        while (ready := client.get("/readyz")).json()["status"] == "loading" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.status_code == 503
        assert ready.json() == {"ready": False, "status": "failed", "model_version": None}
        refused = client.post("/v1/check", json={"text": "позвонить"})
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "model_not_ready"
        # One ERROR line that names the file and says why.
        line = next(line for line in server.log().splitlines() if "model not loaded" in line)
        assert " ERROR " in line
        assert f"{tmp_path}/{model.stem}." in line
        assert reason in line
