"""Fixtures: ``server`` is one open instance for the whole session (default settings);
``secured_server`` requires API keys. Tests that need a server of their own (a broken model, a
shutdown) start one with ``service_harness.running_server``."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from postgres import fresh_database, throwaway_cluster
from service_harness import API_KEYS, CRM_ORIGIN, Server, running_server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One service with default settings, shared by the session."""
    with running_server(tmp_path_factory.mktemp("server")) as s:
        yield s


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


@pytest.fixture(scope="session")
def secured_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A service that requires an API key on /v1 and on /metrics, and lets the CRM's web pages call it."""
    env = {
        "TASKQUAL_API_KEYS": ",".join(API_KEYS),
        "TASKQUAL_METRICS_REQUIRE_KEY": "true",
        "TASKQUAL_CORS_ORIGINS": CRM_ORIGIN,
    }
    with running_server(tmp_path_factory.mktemp("secured"), env) as s:
        yield s


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here starts or calls a real uvicorn server in a subprocess: all are ``slow``."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.resolve().parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[str]:
    """A throwaway PostgreSQL on loopback for the session (its URL); skipped, saying why, when it cannot start."""
    try:
        with throwaway_cluster() as url:
            yield url
    except FileNotFoundError as e:
        pytest.skip(str(e))
    except subprocess.CalledProcessError as e:
        tail = (e.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-3:]
        pytest.skip(f"PostgreSQL could not start: {' / '.join(tail) or e}")


@pytest.fixture(params=["sqlite", "postgresql"])
def feedback_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty feedback database: a SQLite file, or a new database in the throwaway PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "feedback" / "feedback.sqlite3")
    return fresh_database(request.getfixturevalue("postgres_cluster"), f"feedback_{uuid.uuid4().hex[:12]}")
