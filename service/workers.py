"""The other worker processes of this server, so that a reload asked of one worker reaches all.

``taskqual serve --workers N`` runs uvicorn's supervisor, which starts N worker processes; an HTTP
request reaches only one of them. That worker passes a reload on to its siblings with SIGHUP. It
finds them as the supervisor's other children started by ``multiprocessing`` (``spawn_main`` in their
command line), and only when the supervisor is the one ``taskqual serve`` announced in
``TASKQUAL_SUPERVISOR_PID``: with plain ``uvicorn --workers N`` (or one worker), nothing is signalled,
and the README says to send SIGHUP to the workers yourself. Linux only (``/proc``); elsewhere nothing
is signalled.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

SUPERVISOR_ENV = "TASKQUAL_SUPERVISOR_PID"


def sibling_workers() -> list[int]:
    """The pids of the other workers of this ``taskqual serve``; empty when not under it."""
    supervisor = os.getppid()
    if os.environ.get(SUPERVISOR_ENV) != str(supervisor):
        return []
    try:
        children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    except OSError:
        return []
    siblings = []
    for pid in map(int, children):
        if pid == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                siblings.append(pid)
    return siblings


def signal_siblings() -> int:
    """Send SIGHUP (reload the model) to the other workers; how many were signalled."""
    sent = 0
    for pid in sibling_workers():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGHUP)
            sent += 1
    return sent


__all__ = ["sibling_workers", "signal_siblings", "SUPERVISOR_ENV"]
