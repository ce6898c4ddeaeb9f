"""``taskqual serve``: the HTTP check a CRM calls when a task is saved (uvicorn on ``taskqual.service.app:app``).

Settings come from ``TASKQUAL_*`` environment variables (see the README); the flags here override
the address, the port and the number of worker processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the HTTP service", description=__doc__)
    p.add_argument("--host", help="address to bind (default: TASKQUAL_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: TASKQUAL_PORT or 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes, one model each (default: 1)")
    p.add_argument(
        "--graceful-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="on SIGTERM, how long in-flight requests may take to finish (default: 30)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Workers are fresh processes: they import numpy and prometheus_client after reading these.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    metrics_dir = None
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="taskqual-metrics-")  # fresh: counts start at zero
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    if args.workers > 1:  # lets a worker asked to reload the model tell its siblings (taskqual.service.workers)
        os.environ["TASKQUAL_SUPERVISOR_PID"] = str(os.getpid())

    try:
        from taskqual.service.settings import Settings  # first: without the [service] extra it says what to install
    except ImportError as e:
        print(f"taskqual serve: {e}", file=sys.stderr)
        return 2
    import uvicorn
    from pydantic import ValidationError

    try:
        settings = Settings()
    except ValidationError as e:
        print(f"taskqual serve: invalid settings: {e}", file=sys.stderr)
        return 2
    # the workers' protocol reads it from the environment (see taskqual.service.protocol)
    os.environ["TASKQUAL_HEADER_TIMEOUT"] = str(settings.header_timeout)
    os.environ["TASKQUAL_MAX_HEADER_BYTES"] = str(settings.max_header_bytes)
    try:
        uvicorn.run(
            "taskqual.service.app:app",
            host=args.host if args.host is not None else settings.host,
            port=args.port if args.port is not None else settings.port,
            workers=args.workers,
            log_level=settings.log_level,
            access_log=False,  # the service writes its own, without query strings
            timeout_graceful_shutdown=args.graceful_timeout,
            server_header=False,
            # slow or idle clients: see "Connections and timeouts" in the README
            http="taskqual.service.protocol:GuardedHttpToolsProtocol",
            # uvicorn annotates an int but hands it to loop.call_later, which takes seconds as a float
            timeout_keep_alive=settings.keep_alive_timeout,
            limit_concurrency=settings.limit_concurrency,
            h11_max_incomplete_event_size=settings.max_header_bytes,
        )
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0
