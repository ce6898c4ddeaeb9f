"""taskqual: is a CRM task a concrete action with a result, or will the head of sales send it back?

>>> import taskqual
>>> v = taskqual.classify("Ромашка — получить решение об оплате счёта до пятницы")
>>> v.label, v.is_concrete
('concrete', True)
>>> taskqual.classify("ООО «Вектор»").label
'company_only'

Public API: LABELS, Verdict, classify, classify_many, Model, TaskClassifier, default_model,
normalize, and the errors EmptyTaskError, TaskTooLongError, ModelIntegrityError (MAX_TEXT_LENGTH).
"""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from taskqual import _checkout
from taskqual.api import Model, classify, classify_many, default_model
from taskqual.errors import MAX_TEXT_LENGTH, EmptyTaskError, ModelIntegrityError, TaskqualError, TaskTooLongError
from taskqual.normalize import normalize
from taskqual.verdict import LABELS, Verdict

_checkout.install(Path(__file__).resolve().parent)  # taskqual.service from a source checkout (see _checkout)


def __getattr__(name: str):  # PEP 562: TaskClassifier imports scikit-learn's solvers on first use
    if name == "TaskClassifier":
        from taskqual.estimator import TaskClassifier

        return TaskClassifier
    raise AttributeError(f"module 'taskqual' has no attribute {name!r}")


try:
    __version__ = version("taskqual")
except PackageNotFoundError:  # a source checkout that was not installed
    __version__ = "0.0.0+source"

__all__ = [
    "LABELS",
    "Verdict",
    "classify",
    "classify_many",
    "Model",
    "default_model",
    "TaskClassifier",
    "normalize",
    "MAX_TEXT_LENGTH",
    "TaskqualError",
    "EmptyTaskError",
    "TaskTooLongError",
    "ModelIntegrityError",
    "__version__",
]
