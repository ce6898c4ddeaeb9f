"""The model of this worker: loaded in the background at start-up, reloaded on demand, asked before use.

Loading takes a few seconds, so it runs in a thread: the process answers ``/healthz`` at once and
``/readyz`` says ``loading`` until the model is in. A model that cannot be loaded (missing,
corrupt, tampered with, built for other library versions) leaves the process alive and not
ready, with one ERROR line naming the file and the reason.

A reload (``POST /v1/admin/reload`` or SIGHUP) reads ``TASKQUAL_MODEL_PATH`` again into a new
:class:`taskqual.Model` beside the one serving, verifies it (the library's integrity checks, the
four labels, verdicts on probe texts, only scikit-learn and numpy types in its ``.skops`` estimator)
and only then swaps it in, with one assignment. A request takes the model once, at its start, so
requests in flight finish on the model they began with and none waits for the swap; a model that
fails verification is refused and the old one keeps serving.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import taskqual
from taskqual.artifact import default_model_path

from . import metrics
from .errors import ApiError

log = logging.getLogger("taskqual.service")

PROBE_TEXT = "отправить КП в Ромашку до пятницы"
# Texts a model must give a verdict on before it is swapped in (one per label of the guide).
VERIFY_TEXTS = (PROBE_TEXT, "перезвонить Ромашке", 'ООО "Вектор"', "сделать презентацию для Техносилы")


@dataclass(frozen=True)
class ReloadOutcome:
    """What a reload did: ``reloaded`` with the new version, or refused with the reason."""

    reloaded: bool
    model_version: str | None  # the version serving now
    previous_version: str | None
    reason: str | None = None


class ModelState:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.model: taskqual.Model | None = None
        self.status = "loading"  # → "ready" | "failed"
        self._reload_lock = threading.Lock()  # one reload at a time

    @property
    def file(self) -> Path:
        return self.path if self.path is not None else default_model_path()

    def start_loading(self) -> None:
        # A daemon thread: a shutdown during the load does not wait for it.
        threading.Thread(target=self.load, name="taskqual-model-load", daemon=True).start()

    def load(self) -> None:
        with self._reload_lock:  # a SIGHUP during the first load waits for it, then loads again
            self._load()

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            model = taskqual.Model.load(self.path) if self.path is not None else taskqual.default_model()
            model.classify(PROBE_TEXT)
            verify_estimator(model)
        except taskqual.ModelIntegrityError as e:  # its message names the file and says why
            self.status = "failed"
            log.error("model not loaded, the service stays not ready: %s", e)
        except Exception as e:
            self.status = "failed"
            log.error(
                "model not loaded, the service stays not ready: model file %s: %s: %s", self.file, type(e).__name__, e
            )
        else:
            # Everything alive now (framework, morphology dictionaries, the model) lives as long as
            # the process: moved out of the collector's sight, a full collection no longer walks it
            # (that walk stalled single checks for 100-300 ms under load).
            gc.collect()
            gc.freeze()
            self.model = model
            self.status = "ready"
            log.info("model %s loaded from %s in %.1fs", model.version, self.file, time.perf_counter() - started)

    def reload(self, reason: str = "request") -> ReloadOutcome:
        """Load the model file again, verify it and swap it in; on any failure keep the old model.

        Blocking (seconds): call it from a thread. ``reason`` says who asked, for the log."""
        with self._reload_lock:
            previous = self.model
            old_version = previous.version if previous is not None else None
            started = time.perf_counter()
            try:
                candidate = self._verified_candidate()
            except Exception as e:
                why = (
                    str(e)
                    if isinstance(e, taskqual.ModelIntegrityError)
                    else f"model file {self.file}: {type(e).__name__}: {e}"
                )
                metrics.MODEL_RELOADS.labels("refused").inc()
                log.error("model reload (%s) refused, %s keeps serving: %s", reason, old_version or "no model", why)
                return ReloadOutcome(False, old_version, old_version, why)
            self.model = candidate  # the swap: one reference assignment, atomic for every reader
            self.status = "ready"
            gc.freeze()  # like at start-up: keep the new model's objects out of full collections
            metrics.MODEL_RELOADS.labels("reloaded").inc()
            log.info(
                "model reload (%s): %s → %s from %s in %.1fs",
                reason,
                old_version,
                candidate.version,
                self.file,
                time.perf_counter() - started,
            )
            return ReloadOutcome(True, candidate.version, old_version)

    def reload_in_background(self, reason: str = "SIGHUP") -> None:
        """Start :meth:`reload` in a thread and return at once (for a signal handler)."""
        threading.Thread(target=self.reload, args=(reason,), name="taskqual-model-reload", daemon=True).start()

    def _verified_candidate(self) -> taskqual.Model:
        """A freshly loaded model that passed the checks, or an exception saying why not."""
        if self.path is None:
            return taskqual.default_model()  # the shipped model: verified and pinned when first loaded
        candidate = taskqual.Model.load(self.path)  # sha256 of every file, feature and library versions
        classes = set(candidate.compiled.classes)
        if classes != set(taskqual.LABELS):
            raise taskqual.ModelIntegrityError(
                f"model file {self.file} gives the labels {sorted(classes)}, not {list(taskqual.LABELS)}"
            )
        for verdict in candidate.classify_many(list(VERIFY_TEXTS)):
            if verdict.error is not None or verdict.label not in taskqual.LABELS:
                raise taskqual.ModelIntegrityError(f"model file {self.file} gives no verdict on a probe text")
        verify_estimator(candidate)  # like at start-up: a .skops with foreign types is refused now, not on first use
        return candidate

    def require(self) -> taskqual.Model:
        """The model, or a 503 the client can retry."""
        if self.model is not None:
            return self.model
        if self.status == "loading":
            raise ApiError(
                "model_not_ready", "the model is still loading; retry in a few seconds", headers={"Retry-After": "5"}
            )
        raise ApiError("model_not_ready", "the model could not be loaded; the service log says why")

    def probe(self) -> bool:
        """True when the model is loaded and classifies the probe text."""
        if self.model is None:
            return False
        try:
            return self.model.classify(PROBE_TEXT).label is not None
        except Exception as e:
            log.error("readiness probe failed: %s", type(e).__name__)
            return False


_VERIFY = """
import sys
from pathlib import Path
from taskqual.errors import ModelIntegrityError
from taskqual.estimator import TaskClassifier
try:
    TaskClassifier.load(Path(sys.argv[1]), trusted=False)
except ModelIntegrityError as e:
    print(e, file=sys.stderr)
    sys.exit(3)
"""


def verify_estimator(model: taskqual.Model, timeout: float = 600.0) -> None:
    """Load a configured model's ``.skops`` estimator once, in a short-lived child process, so that a
    file with untrusted types is refused at start-up rather than on the first ``Model.estimator`` use.

    The checks do not need the estimator, and loading it here would keep scikit-learn (about 170 MB)
    in every worker, hence the child. The shipped model needs no such check: its files are pinned
    by hash.
    """
    import os
    import subprocess
    import sys

    if model.path is None or getattr(model, "_pinned", None):
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _VERIFY, str(model.path)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise taskqual.ModelIntegrityError(f"model file {model.path}: the estimator cannot be loaded: {reason}")


__all__ = ["ModelState", "ReloadOutcome", "PROBE_TEXT", "VERIFY_TEXTS", "verify_estimator"]
