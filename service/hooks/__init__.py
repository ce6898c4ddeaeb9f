"""CRM webhooks: ``POST /v1/hooks/amocrm`` and ``POST /v1/hooks/bitrix24``, verdicts written back.

A CRM calls the hook when a manager saves a task; the hook answers at once and the verdict and
hint go back into the CRM in the background (an amoCRM note, a Bitrix24 comment). The key comes
in the URL (``?key=``), since webhooks carry no headers. See the README's "CRM hooks" section.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..errors import ApiError
from ..model_state import ModelState
from ..routes import json_response
from ..schemas import error_responses
from ..settings import Settings
from .amocrm import AmoCRM
from .bitrix24 import Bitrix24
from .forms import read_form
from .keys import QueryKeyMiddleware, hook_key_dependency, redact_key_in_logs
from .schemas import AMOCRM_BODY, BITRIX24_BODY, AmoCRMHookResult, Bitrix24HookResult
from .writeback import Writeback

log = logging.getLogger("taskqual.service.hooks")


class Hooks:
    """The CRMs this instance is configured for, and the write-back queue they share."""

    def __init__(self, settings: Settings, models: ModelState) -> None:
        self.models = models
        self.writeback = Writeback(
            size=settings.crm_queue_size,
            retries=settings.crm_retries,
            delay=settings.crm_retry_delay,
            timeout=settings.crm_timeout,
        )
        self.amocrm: AmoCRM | None = None
        self.bitrix24: Bitrix24 | None = None
        if settings.amocrm_enabled and settings.amocrm_token is not None:  # the second test narrows the type
            self.amocrm = AmoCRM(
                str(settings.amocrm_base_url),
                settings.amocrm_token.get_secret_value(),
                self.writeback,
                ok_note=settings.crm_ok_note,
                max_text_length=settings.max_text_length,
            )
        if settings.bitrix24_enabled and settings.bitrix24_webhook_url is not None:  # narrows the type
            app_token = settings.bitrix24_app_token.get_secret_value() if settings.bitrix24_app_token else None
            self.bitrix24 = Bitrix24(
                settings.bitrix24_webhook_url.get_secret_value(),
                app_token,
                self.writeback,
                models,
                ok_note=settings.crm_ok_note,
                max_text_length=settings.max_text_length,
                where=settings.bitrix24_comments,
            )
        redact_key_in_logs("uvicorn.access", "uvicorn.error", "taskqual")

    async def start(self) -> None:
        if self.amocrm or self.bitrix24:
            await self.writeback.start()
            log.info(
                "CRM hooks on: %s",
                ", ".join(n for n, on in (("amoCRM", self.amocrm), ("Bitrix24", self.bitrix24)) if on),
            )
        if self.bitrix24 is not None and not self.bitrix24.checks_app_token:
            log.warning(
                "TASKQUAL_BITRIX24_APP_TOKEN is not set: Bitrix24 events are taken on the API key alone; "
                "set it to the outbound webhook's application token"
            )

    async def stop(self) -> None:
        await self.writeback.stop()

    def router(self, auth: Callable[..., None] | None) -> APIRouter:
        router = APIRouter(
            prefix="/v1/hooks",
            tags=["CRM hooks"],
            dependencies=[Depends(auth)] if auth else [],
            responses=error_responses(400, 401, 413, 415, 422, 503),
        )

        # A hook that is off answers 503 saying which settings turn it on, and stays out of the schema.
        @router.post(
            "/amocrm",
            response_model=AmoCRMHookResult,
            openapi_extra=AMOCRM_BODY,
            include_in_schema=self.amocrm is not None,
            summary="amoCRM task webhook (add, update)",
        )
        async def amocrm(request: Request) -> Response:
            """Judges every task in the webhook and queues a note on the task's lead, contact, company or
            customer for each one that is not concrete. The key goes in the URL: `?key=<key>`."""
            if self.amocrm is None:
                raise _not_configured("amoCRM", "TASKQUAL_AMOCRM_BASE_URL and TASKQUAL_AMOCRM_TOKEN")
            model = self.models.require()
            form = await read_form(request)
            return json_response(self.amocrm.handle(model, form))

        @router.post(
            "/bitrix24",
            response_model=Bitrix24HookResult,
            openapi_extra=BITRIX24_BODY,
            include_in_schema=self.bitrix24 is not None,
            summary="Bitrix24 task event (ONTASKADD, ONTASKUPDATE)",
        )
        async def bitrix24(request: Request) -> Response:
            """Queues the task to be read through the portal's inbound webhook, judged (title and
            description together) and commented. The key goes in the URL: `?key=<key>`."""
            if self.bitrix24 is None:
                raise _not_configured("Bitrix24", "TASKQUAL_BITRIX24_WEBHOOK_URL")
            form = await read_form(request)
            return json_response(self.bitrix24.handle(form))

        return router


def _not_configured(crm: str, variables: str) -> ApiError:
    return ApiError(
        "crm_not_configured",
        f"the {crm} hook is off on this instance: set {variables} (see the README, section CRM hooks)",
    )


__all__ = ["Hooks", "QueryKeyMiddleware", "hook_key_dependency"]
