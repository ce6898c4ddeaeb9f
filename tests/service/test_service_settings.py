"""Settings come from TASKQUAL_* variables and fail closed: a value that would weaken the service
stops the start with a message naming the variable (and never printing a key)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pydantic import ValidationError
from service_harness import REPO

from taskqual.service.settings import Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith("TASKQUAL_"):
            monkeypatch.delenv(name)


def test_defaults_are_safe():
    s = Settings()
    assert s.host == "127.0.0.1" and s.port == 8000
    assert s.api_keys == [] and not s.auth_enabled
    assert (s.max_text_length, s.max_batch_size, s.max_body_bytes) == (2000, 1000, 4 * 1024 * 1024)
    assert s.cors_origins == [] and not s.debug_log_texts and not s.metrics_require_key


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("TASKQUAL_API_KEYS", " crm-integration-key-0001 ,browser-extension-key-0002,")
    monkeypatch.setenv("TASKQUAL_CORS_ORIGINS", "https://crm.example.ru, https://admin.example.ru")
    s = Settings()
    assert [k.get_secret_value() for k in s.api_keys] == ["crm-integration-key-0001", "browser-extension-key-0002"]
    assert s.cors_origins == ["https://crm.example.ru", "https://admin.example.ru"]
    assert "crm-integration-key-0001" not in repr(s)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TASKQUAL_API_KEYS": "good-long-key-123456,secret"}, "API key #2 is shorter than 16 characters"),
        ({"TASKQUAL_METRICS_REQUIRE_KEY": "true"}, "TASKQUAL_API_KEYS is empty"),
        ({"TASKQUAL_MAX_TEXT_LENGTH": "5000"}, "max_text_length"),
        ({"TASKQUAL_MAX_BATCH_SIZE": "0"}, "max_batch_size"),
        ({"TASKQUAL_LOG_LEVEL": "verbose"}, "log_level"),
    ],
)
def test_unsafe_or_invalid_values_are_refused(monkeypatch, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=message) as refused:
        Settings()
    assert "good-long-key" not in str(refused.value)


def test_taskqual_serve_refuses_to_start_with_invalid_settings():
    env = {**os.environ, "TASKQUAL_API_KEYS": "good-long-key-123456,short", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "taskqual", "serve"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "invalid settings" in done.stderr and "API key #2" in done.stderr
    assert "good-long-key" not in done.stderr and "Traceback" not in done.stderr
