"""Writing verdicts back to the CRM, in the background: the webhook is answered at once (amoCRM
switches off hooks slower than 2 s) and the CRM's API is called afterwards.

One bounded queue per worker process, drained by a few tasks on the worker's event loop with one
shared HTTP client (:class:`Client`, an aiohttp session: a fifth of httpx's CPU per call, which
left the write-backs most of a hook's CPU). A job is retried when the CRM answers 429 or 5xx, or does not answer
in time, up to ``retries`` times with a doubling delay; any other refusal (401, 404, …) fails it
at once. Every job ends in the log and in ``taskqual_crm_writebacks_total{crm, outcome}``:
``ok``, ``failed`` (retries spent or refused) or ``dropped`` (queue full, or still queued when the
worker stopped). Log lines name the CRM and the entity, never the task text, the token or a URL
(a Bitrix24 webhook URL holds its secret).

Delivery is at least once: a call that timed out may have reached the CRM, and its retry writes again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from .metrics import RETRIES, WRITEBACKS

log = logging.getLogger("taskqual.service.hooks")

WORKERS = 4  # concurrent calls to the CRMs per worker process (amoCRM allows 7 requests/s per integration)


class Transient(Exception):
    """The CRM may accept the same call later: 429, 5xx, a timeout, a dropped connection."""


class Refused(Exception):
    """The CRM refused the call for good (a wrong token, an entity that does not exist, …)."""


@dataclass(frozen=True)
class Reply:
    """A CRM's answer, read whole."""

    status_code: int
    content: bytes

    def json(self) -> Any:
        """The body as JSON (ValueError when it is not)."""
        return json.loads(self.content)


class Client:
    """The CRM calls of one worker: a keep-alive aiohttp session, no redirects followed (the token
    would go with them), proxies from the environment as usual. A call that does not complete in
    ``timeout`` seconds, or whose connection fails, raises Transient naming only the error's type
    (the message may hold the URL, and a Bitrix24 URL holds its secret)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.timeout), headers={"User-Agent": "taskqual"}, trust_env=True
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def post(self, url: str, *, json: object, headers: Mapping[str, str] | None = None) -> Reply:
        return await self._call("POST", url, json=json, headers=headers)

    async def get(self, url: str, *, params: Mapping[str, str], headers: Mapping[str, str] | None = None) -> Reply:
        return await self._call("GET", url, params=params, headers=headers)

    async def _call(self, method: str, url: str, **kwargs: Any) -> Reply:
        if self._session is None:
            raise Transient("the HTTP client is not running")
        try:
            async with self._session.request(method, url, allow_redirects=False, **kwargs) as response:
                return Reply(response.status, await response.read())
        except (aiohttp.ClientError, TimeoutError) as e:
            why = f"no answer within {self.timeout:g} s" if isinstance(e, TimeoutError) else type(e).__name__
            raise Transient(why) from None


@dataclass(frozen=True)
class Job:
    """One write-back: ``run`` makes one attempt with the shared client and raises Transient or Refused;
    it returns None when it wrote, or why it had nothing to write (counted as ``skipped``)."""

    crm: str  # metric label: "amocrm" or "bitrix24"
    what: str  # for the log, e.g. "note on leads/4512 for task #1842"; no text, no secret
    run: Callable[[Client], Awaitable[str | None]]


def check(response: Reply) -> Reply:
    """The response if it is a success; else Transient (429, 5xx) or Refused (other statuses)."""
    if response.status_code == 429 or response.status_code >= 500:
        raise Transient(f"HTTP {response.status_code}")
    if response.status_code >= 400:
        raise Refused(f"HTTP {response.status_code}")
    return response


class Writeback:
    def __init__(self, *, size: int, retries: int, delay: float, timeout: float) -> None:
        self.size, self.retries, self.delay, self.timeout = size, retries, delay, timeout
        self._queue: asyncio.Queue[Job] | None = None
        self._client: Client | None = None
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self._queue = asyncio.Queue(self.size)
        self._client = Client(self.timeout)
        await self._client.start()
        self._tasks = [asyncio.create_task(self._drain(), name=f"taskqual-writeback-{n}") for n in range(WORKERS)]

    async def stop(self, grace: float = 10.0) -> None:
        """Let queued jobs finish for up to ``grace`` seconds; what is left is dropped, logged, counted."""
        if self._queue is None:
            return
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._queue.join(), grace)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        while not self._queue.empty():
            job = self._queue.get_nowait()
            self._queue.task_done()
            self._drop(job, "the worker stopped before it was sent")
        if self._client is not None:
            await self._client.close()
        self._queue = None

    def submit(self, job: Job) -> bool:
        """Queue a job; False (logged, counted as dropped) when the queue is full or not running."""
        if self._queue is None:
            self._drop(job, "the write-back queue is not running")
            return False
        try:
            self._queue.put_nowait(job)
        except asyncio.QueueFull:
            self._drop(job, f"the write-back queue is full ({self.size} waiting; TASKQUAL_CRM_QUEUE_SIZE)")
            return False
        return True

    def _drop(self, job: Job, why: str) -> None:
        WRITEBACKS.labels(job.crm, "dropped").inc()
        log.error("%s write-back dropped: %s: %s", job.crm, job.what, why)

    async def _drain(self) -> None:
        assert self._queue is not None and self._client is not None
        while True:
            job = await self._queue.get()
            try:
                await self._attempt(job, self._client)
            except asyncio.CancelledError:  # stopping: this job is not lost without a word
                self._drop(job, "the worker stopped while it was being sent")
                raise
            except Exception as e:  # a bug in a job: logged by type, never by message (it may quote a URL)
                WRITEBACKS.labels(job.crm, "failed").inc()
                log.error("%s write-back failed: %s: unexpected %s", job.crm, job.what, type(e).__name__)
            finally:
                self._queue.task_done()

    async def _attempt(self, job: Job, client: Client) -> None:
        for attempt in range(self.retries + 1):
            try:
                skipped = await job.run(client)
            except Refused as e:
                WRITEBACKS.labels(job.crm, "failed").inc()
                log.error("%s write-back failed: %s: the CRM refused it (%s); not retried", job.crm, job.what, e)
                return
            except Transient as e:
                why = str(e)
                if attempt == self.retries:
                    WRITEBACKS.labels(job.crm, "failed").inc()
                    log.error("%s write-back failed: %s: %s after %d attempts", job.crm, job.what, why, attempt + 1)
                    return
                RETRIES.labels(job.crm).inc()
                wait = self.delay * 2**attempt
                log.warning(
                    "%s write-back: %s: %s; retry %d of %d in %.1fs",
                    job.crm,
                    job.what,
                    why,
                    attempt + 1,
                    self.retries,
                    wait,
                )
                await asyncio.sleep(wait)
            else:
                if skipped:
                    WRITEBACKS.labels(job.crm, "skipped").inc()
                    log.info("%s: %s: nothing written, %s", job.crm, job.what, skipped)
                else:
                    WRITEBACKS.labels(job.crm, "ok").inc()
                    log.debug("%s write-back done: %s", job.crm, job.what)
                return


__all__ = ["Writeback", "Job", "Client", "Reply", "Transient", "Refused", "check"]
