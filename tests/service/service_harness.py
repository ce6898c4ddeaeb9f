"""Run the service as it runs in production: uvicorn in its own process, on a free loopback port,
spoken to over real HTTP.

    with running_server(tmp_path, {"TASKQUAL_API_KEYS": "..."}) as server, server.client() as client:
        client.post("/v1/check", json={"text": "позвонить"})
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
API_KEYS = ("crm-integration-key-0001", "browser-extension-key-0002")
CRM_ORIGIN = "https://crm.example.ru"
START_TIMEOUT = 60.0


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log_file: Path

    def log(self) -> str:
        """Everything the server wrote to stdout and stderr so far."""
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30.0, **kwargs)

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, as an orchestrator would send; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    workdir: Path,
    env: dict[str, str] | None = None,
    *,
    cli: bool = False,
    workers: int = 1,
    ready: bool = True,
    args: Sequence[str] = (),
) -> Server:
    """Start the service on a free loopback port (with ``cli``, through ``taskqual serve``, ``args``
    added to its command line); wait until it is ready (or, with ``ready=False``, only alive)."""
    port = free_port()
    if cli:
        command = [
            sys.executable,
            "-m",
            "taskqual",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            *args,
        ]
    else:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "taskqual.service.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TASKQUAL_", "PROMETHEUS_MULTIPROC"))}
    log_file = workdir / "server.log"
    with log_file.open("wb") as out:
        # The data directory (the default feedback database) inside the test's folder, never in ~.
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env={**clean, "PYTHONPATH": str(REPO), "TASKQUAL_DATA_DIR": str(workdir / "data"), **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log_file)
    wait_until(server, "/readyz" if ready else "/healthz")
    return server


def wait_until(server: Server, path: str, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited with {server.process.returncode}:\n{server.log()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.url + path, timeout=2.0).status_code == 200:
                return
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"server not answering 200 on {path} after {timeout}s:\n{server.log()}")


@contextlib.contextmanager
def running_server(workdir: Path, env: dict[str, str] | None = None, **kwargs) -> Iterator[Server]:
    server = start_server(workdir, env, **kwargs)
    try:
        yield server
    finally:
        server.stop()
