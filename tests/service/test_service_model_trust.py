"""A model file that would run foreign code is refused by the server, at start-up and on reload.

The manifest's sha256 guards against a damaged file, not against someone who can write the model
folder: they can rewrite the manifest too. Such a ``.skops`` passes the hash check; what refuses it is
the type check (only scikit-learn and numpy types are loaded). Here the estimator carries a reference
to ``os.system`` and its manifest is re-hashed, as a tamperer would do.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from service_harness import running_server
from test_service_reload import ADMIN, ADMIN_KEY, install, reloads

import taskqual
from taskqual.artifact import default_model_path, manifest_path, sha256_of

FOREIGN_TYPE = f"{os.system.__module__}.system"  # "posix.system" on Linux


def tamper_with_types(model: Path) -> None:
    """Put a reference to ``os.system`` into ``model``'s estimator and make its manifest agree."""
    import skops.io as sio

    state = sio.load(model, trusted=sio.get_untrusted_types(file=model) or None)
    state["classifier_"].tampered_ = os.system  # skops writes a function by name; loading would import it
    model.write_bytes(sio.dumps(state))
    manifest = json.loads(manifest_path(model).read_text(encoding="utf-8"))
    manifest["sha256"] = sha256_of(model)
    manifest_path(model).write_text(json.dumps(manifest), encoding="utf-8")


def test_a_model_with_foreign_types_is_refused_at_start_up(tmp_path):
    model = tmp_path / "models" / "team.skops"
    model.parent.mkdir()
    install(default_model_path(), model)
    tamper_with_types(model)
    assert sha256_of(model) == json.loads(manifest_path(model).read_text())["sha256"]  # the hash check passes

    env = {"TASKQUAL_MODEL_PATH": str(model)}
    with running_server(tmp_path, env, ready=False) as server, server.client() as client:
        deadline = time.monotonic() + 60
        while (ready := client.get("/readyz")).json()["status"] == "loading" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ready.status_code == 503 and ready.json()["status"] == "failed"
        refused = client.post("/v1/check", json={"text": "перезвонить Ромашке"})
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "model_not_ready"
        [line] = [line for line in server.log().splitlines() if "model not loaded" in line]
        assert " ERROR " in line and str(model) in line
        assert f"contains types outside scikit-learn and numpy ({FOREIGN_TYPE})" in line


def test_a_model_with_foreign_types_is_refused_on_reload_and_the_old_one_keeps_serving(tmp_path):
    model = tmp_path / "models" / "team.skops"
    model.parent.mkdir()
    install(default_model_path(), model)
    shipped = taskqual.default_model().version
    env = {"TASKQUAL_MODEL_PATH": str(model), "TASKQUAL_ADMIN_KEYS": ADMIN_KEY}
    with running_server(tmp_path, env) as server, server.client() as client:
        before = client.post("/v1/check", json={"text": "перезвонить Ромашке"}).json()
        tamper_with_types(model)

        response = client.post("/v1/admin/reload", headers=ADMIN, timeout=120)
        assert response.status_code == 409, response.text
        error = response.json()["error"]
        assert error["code"] == "model_refused"
        assert f"{shipped} keeps serving" in error["message"]
        assert f"types outside scikit-learn and numpy ({FOREIGN_TYPE})" in error["message"]

        after = client.post("/v1/check", json={"text": "перезвонить Ромашке"})
        assert after.status_code == 200 and after.json() == before
        assert client.get("/readyz").status_code == 200
        assert client.get("/v1/model").json()["model_version"] == shipped
        assert reloads(client) == {"reloaded": 0.0, "refused": 1.0}
        assert "model reload (admin request) refused" in server.log()
