"""The hooks' Prometheus series (on the service's registry, added up across workers like the rest).
Labels are the CRM's name and a fixed outcome word: never a task, an entity id, a URL or a key."""

from __future__ import annotations

from prometheus_client import Counter

from ..metrics import REGISTRY

HOOK_TASKS = Counter(
    "taskqual_crm_hook_tasks",
    "Tasks received through a CRM hook, by CRM and outcome (noted: a "
    "note or comment is queued; concrete: nothing to say; skipped: not judged, the log says why; "
    "unchanged: an update with the same text)",
    ["crm", "outcome"],
    registry=REGISTRY,
)
WRITEBACKS = Counter(
    "taskqual_crm_writebacks",
    "Write-backs to a CRM, by CRM and outcome (ok; skipped: nothing to "
    "write once the task was read; failed: refused or retries spent; dropped: queue full or "
    "worker stopped)",
    ["crm", "outcome"],
    registry=REGISTRY,
)
RETRIES = Counter(
    "taskqual_crm_writeback_retries",
    "Write-back attempts retried after a 429, 5xx or timeout, by CRM",
    ["crm"],
    registry=REGISTRY,
)

__all__ = ["HOOK_TASKS", "WRITEBACKS", "RETRIES"]
