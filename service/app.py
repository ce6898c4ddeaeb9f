"""The FastAPI app: ``taskqual.service.app:app`` for uvicorn, built by :func:`create_app` from settings.

    uvicorn taskqual.service.app:app            # or: taskqual serve --workers 2

Requests pass, outermost first: the access envelope (request id, metrics, access log), CORS when
origins are configured, the body-size limit, then the routes. The model loads in the background at
start-up; ``/readyz`` turns 200 when it is in.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import signal
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from threadpoolctl import threadpool_limits

import taskqual

from .access import REQUEST_ID_HEADER, AccessMiddleware, InFlight
from .admin import admin_router
from .auth import api_key_dependency
from .errors import install_error_handlers
from .feedback.routes import feedback_router
from .feedback.store import FeedbackStore, database_url, redacted
from .hooks import Hooks, QueryKeyMiddleware, hook_key_dependency
from .limits import BodyLimitMiddleware
from .logs import configure_logging
from .model_state import ModelState
from .openapi import install_docs, install_openapi
from .routes import ops_router, v1_router
from .settings import Settings

# FastAPI 0.16x asks the global OpenTelemetry providers on every request (4% of the app's time per
# request under cProfile); this service keeps its own metrics and logs, and OpenTelemetry's log export
# would carry exception messages, which may quote a task text. Off, where this FastAPI has the switch.
_NO_TELEMETRY: dict[str, object] = (
    {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A ready-to-serve app; ``settings`` default to the ``TASKQUAL_*`` environment."""
    settings = settings or Settings()
    log = configure_logging(settings.log_level)
    models = ModelState(settings.model_path)
    hooks = Hooks(settings, models)
    feedback = FeedbackStore(database_url(settings.feedback_db, settings.data_dir))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        threadpool_limits(limits=1)  # numpy may have been imported before the env said so
        if settings.debug_log_texts:
            log.warning("TASKQUAL_DEBUG_LOG_TEXTS is on: task texts are written to this log")
        if settings.cors_any_origin:
            log.warning(
                "TASKQUAL_CORS_ORIGINS is '*': any web page may call this service from a browser%s",
                "" if settings.auth_enabled else ", and no API key is required",
            )
        log.info(
            "worker %d starting; API keys %s; loading model %s",
            os.getpid(),
            "required" if settings.auth_enabled else "not required",
            models.file,
        )
        models.start_loading()
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError, ValueError):  # no SIGHUP here
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, models.reload_in_background, "SIGHUP")
        log.info("feedback database: %s (opened on first use)", redacted(feedback.url))
        await hooks.start()
        yield
        await hooks.stop()  # queued write-backs get a few seconds to go out
        feedback.dispose()
        cut = max(InFlight.cut, InFlight.running)
        if cut:
            log.warning(
                "worker %d stopped: %d request(s) still running after the graceful timeout were cut off "
                "(their clients got no answer or an error)",
                os.getpid(),
                cut,
            )
        else:
            log.info("worker %d stopped: in-flight requests have been answered", os.getpid())

    app = FastAPI(
        title="taskqual",
        version=taskqual.__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        **_NO_TELEMETRY,  # type: ignore[arg-type]
    )
    app.state.settings = settings
    app.state.models = models
    app.state.feedback = feedback
    install_error_handlers(app)

    auth = api_key_dependency(settings.api_keys) if settings.auth_enabled else None
    routers = [
        v1_router(settings, models, auth),
        ops_router(models, auth if settings.metrics_require_key else None),
        hooks.router(hook_key_dependency(settings.api_keys) if settings.auth_enabled else None),
        feedback_router(feedback, models, settings.max_text_length, auth),
        admin_router(models, settings.admin_keys),
    ]
    for router in routers:
        app.include_router(router)
    install_openapi(app, settings)
    install_docs(app)

    # add_middleware wraps what is there: the last one added runs first.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes, timeout=settings.body_timeout)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type", REQUEST_ID_HEADER],
            expose_headers=[REQUEST_ID_HEADER],
        )
    paths = {route.path for router in routers for route in router.routes if hasattr(route, "path")}
    paths |= {route.path for route in app.routes if hasattr(route, "path")}  # /docs, /openapi.json
    app.add_middleware(AccessMiddleware, routes=paths)
    app.add_middleware(QueryKeyMiddleware)  # outermost: ?key= is gone before anything logs the request
    return app


app = create_app()

__all__ = ["app", "create_app"]
