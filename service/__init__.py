"""taskqual's HTTP service: the check a CRM calls when a task is saved.

Run it with ``taskqual serve`` or ``uvicorn taskqual.service.app:app``; see the "HTTP service" section of README.md.
It needs the ``[service]`` extra (``pip install 'taskqual[service]'``); importing it without says so.

The code sits in the repository's ``service/`` folder and installs as ``taskqual.service``; modules inside
import each other relatively (``from .settings import Settings``), so the code does not depend on where it sits;
import it as ``taskqual.service``.

Importing this package limits the numeric libraries to one thread (unless the environment already
says otherwise): the service scales by worker processes, and several workers each running a
thread per core would fight for the same cores. This has to happen before numpy is imported, which
is why it lives here and not in the app factory (which also applies ``threadpoolctl`` at start-up
for the case where numpy was imported first).
"""

import os
from importlib.util import find_spec

# What `pip install 'taskqual[service]'` adds; without it the library and the batch commands still work.
SERVICE_MODULES = (
    "fastapi",
    "uvicorn",
    "pydantic",
    "pydantic_settings",
    "prometheus_client",
    "swagger_ui_bundle",
    "aiohttp",
    "sqlalchemy",
    "alembic",
    "filelock",
)
_missing = [name for name in SERVICE_MODULES if find_spec(name) is None]
if _missing:
    raise ImportError(
        f"taskqual's HTTP service needs {', '.join(_missing)}, which {'is' if len(_missing) == 1 else 'are'} "
        "not installed: pip install 'taskqual[service]'",
        name=__name__,
    )
del _missing

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
del _var
