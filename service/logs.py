"""Log set-up: one line per event, each carrying the id of the request it belongs to.

Task texts never reach the log unless ``TASKQUAL_DEBUG_LOG_TEXTS`` is on: routes log labels and
counts, error handlers log exception types and stack frames, not messages (which may quote input).
"""

from __future__ import annotations

import contextvars
import logging
import sys

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

FORMAT = "%(asctime)s %(levelname)s %(name)s %(process)d [%(request_id)s] %(message)s"


class RequestIdFilter(logging.Filter):
    """Stamp each record with the current request id ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def configure_logging(level: str) -> logging.Logger:
    """Give the ``taskqual`` loggers one stderr handler with request ids; idempotent."""
    logger = logging.getLogger("taskqual")
    logger.setLevel(level.upper())
    logger.propagate = False
    if not any(getattr(h, "_taskqual_service", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(RequestIdFilter())
        handler._taskqual_service = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    # uvicorn's access line carries the raw path and query string, where a careless client may put
    # a task text; the service writes its own access line (route, status, time, request id).
    logging.getLogger("uvicorn.access").disabled = True
    return logging.getLogger("taskqual.service")


__all__ = ["request_id", "configure_logging", "RequestIdFilter"]
