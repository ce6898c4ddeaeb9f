"""The service is ``taskqual.service``, behind the ``[service]`` extra.

Without the extra, importing it and ``taskqual serve`` say what to install. Each check runs in a fresh
interpreter where the service's libraries are made unimportable (``sys.modules[name] = None`` is how
Python marks a module that cannot be imported), as on a machine with ``pip install taskqual`` alone.
"""

from __future__ import annotations

import subprocess
import sys

from service_harness import REPO

EXTRA = "pip install 'taskqual[service]'"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )


def test_the_service_is_taskqual_service_and_only_that():
    done = _python(
        "import sys, taskqual.service.app as app\n"
        "print(app.__name__, app.create_app.__module__)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'service'))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["taskqual.service.app taskqual.service.app", "[]"]


def test_importing_the_service_without_the_extra_says_what_to_install():
    done = _python("import sys\nsys.modules['fastapi'] = sys.modules['uvicorn'] = None\nimport taskqual.service")
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last == f"ImportError: taskqual's HTTP service needs fastapi, uvicorn, which are not installed: {EXTRA}"


def test_taskqual_serve_without_the_extra_says_what_to_install_and_the_library_still_works():
    done = _python(
        "import sys\n"
        "sys.modules['fastapi'] = None\n"
        "import taskqual\n"
        "from taskqual.cli import main\n"
        "print(taskqual.classify('отправить КП до пятницы').label)\n"
        "sys.exit(main(['serve']))\n"
    )
    assert done.returncode == 2
    assert done.stdout.strip() == "concrete"
    assert (
        done.stderr.strip() == f"taskqual serve: taskqual's HTTP service needs fastapi, which is not installed: {EXTRA}"
    )
