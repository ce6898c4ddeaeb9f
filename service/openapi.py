"""The OpenAPI schema: FastAPI's, plus the request models (the routes read their bodies themselves, to
answer malformed JSON with the service's own errors, and validate them with these models, so FastAPI does
not see them), the limits this instance was started with, and the API description."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from .feedback.schemas import FeedbackRequest
from .schemas import BatchRequest, CheckRequest
from .settings import Settings

DESCRIPTION = """\
Is a CRM task a concrete action with a result, or will the head of sales send it back?
Send the task text when a task is saved; `ok` says whether it passes and `hint` what to tell the manager.

Every error has one shape: `{"error": {"code", "message", "field"}}`.
"""


def install_openapi(app: FastAPI, settings: Settings) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=DESCRIPTION, routes=app.routes)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            _, defs = models_json_schema(
                [(CheckRequest, "validation"), (BatchRequest, "validation"), (FeedbackRequest, "validation")],
                ref_template="#/components/schemas/{model}",
            )
            for name, definition in defs.get("$defs", {}).items():
                components.setdefault(name, definition)
            for name in ("CheckRequest", "BatchItem", "FeedbackRequest"):
                components[name]["properties"]["text"]["maxLength"] = settings.max_text_length
            components["BatchRequest"]["properties"]["items"]["maxItems"] = settings.max_batch_size
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from files installed with the package (swagger-ui-bundle-v2), not from a CDN:
    the service runs inside company networks that may have no way out."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs/static", StaticFiles(directory=str(swagger_ui_path)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="taskqual API",
            swagger_js_url="/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon-32x32.png",
        )


__all__ = ["install_openapi", "install_docs"]
