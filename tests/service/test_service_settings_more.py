"""Settings an operator may write by accident."""

from __future__ import annotations

from taskqual.service.settings import Settings


def test_an_empty_model_path_means_the_shipped_model(monkeypatch):
    monkeypatch.setenv("TASKQUAL_MODEL_PATH", "")
    assert Settings().model_path is None


def test_cors_star_is_accepted_and_marked(monkeypatch):
    monkeypatch.setenv("TASKQUAL_CORS_ORIGINS", "*")
    assert Settings().cors_any_origin  # the service warns about it at start-up (see test_service_hardening)
