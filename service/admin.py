"""``POST /v1/admin/reload``: load the model file again, verify it, swap it in (admin key only).

Admin keys (``TASKQUAL_ADMIN_KEYS``) are separate from the API keys a CRM holds: a CRM integration
can check tasks and send feedback but cannot change the model. With no admin key configured the
route refuses every request; SIGHUP to the worker processes still reloads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field, SecretStr
from starlette.responses import Response

from .auth import api_key_dependency
from .errors import ApiError, error_response
from .model_state import ModelState
from .schemas import error_responses
from .workers import signal_siblings


class Reloaded(BaseModel):
    """The new model is verified and serving."""

    reloaded: bool = True
    model_version: str = Field(description="the version serving now")
    previous_version: str | None = Field(description="the version served before")
    other_workers_signalled: int = Field(description="workers of this `taskqual serve` told to reload too (SIGHUP)")


def _no_admin_keys() -> None:
    raise ApiError(
        "unauthorized",
        "admin routes are off: set TASKQUAL_ADMIN_KEYS to use them "
        "(or send SIGHUP to the worker processes to reload the model)",
        headers={"WWW-Authenticate": "Bearer"},
    )


def admin_router(models: ModelState, admin_keys: list[SecretStr]) -> APIRouter:
    auth: Callable[..., None] = api_key_dependency(admin_keys) if admin_keys else _no_admin_keys
    router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Depends(auth)], responses=error_responses(401))

    @router.post(
        "/reload",
        response_model=Reloaded,
        responses=error_responses(409),
        summary="Reload the model file (TASKQUAL_MODEL_PATH)",
    )
    async def reload_model() -> Response:
        """Read the model file again, verify it and swap it in without dropping a request. A model that
        fails verification is refused (409 `model_refused`, with the reason) and the old one keeps
        serving. Under `taskqual serve --workers N` the other workers are told to reload too."""
        outcome = await asyncio.to_thread(models.reload, "admin request")
        if not outcome.reloaded:
            return error_response(
                ApiError(
                    "model_refused",
                    f"the new model was refused and {outcome.model_version or 'no model'} keeps "
                    f"serving: {outcome.reason}",
                )
            )
        body = Reloaded(
            model_version=outcome.model_version or "",
            previous_version=outcome.previous_version,
            other_workers_signalled=signal_siblings(),
        )
        return Response(body.model_dump_json(), media_type="application/json")

    return router


__all__ = ["admin_router", "Reloaded"]
