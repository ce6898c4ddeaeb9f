"""taskqual's HTTP service: the check a CRM calls when a task is saved.

Run it with ``taskqual serve`` or ``uvicorn service.app:app``; see the "HTTP service" section of README.md.

Importing this package limits the numeric libraries to one thread (unless the environment already
says otherwise): the service scales by worker processes, and several workers each running a
thread per core would fight for the same cores. This has to happen before numpy is imported, which
is why it lives here and not in the app factory (which also applies ``threadpoolctl`` at start-up
for the case where numpy was imported first).
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
del _var
