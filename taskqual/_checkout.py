"""``taskqual.service`` in a source checkout.

The HTTP service lives in the repository's top-level ``service/`` folder and is installed as
``taskqual.service`` (a package-dir mapping in pyproject.toml, as ``models/`` becomes
``taskqual._models``). An installed taskqual has the folder inside the package. A checkout used
without installing it (``PYTHONPATH=.``, or an editable install made before the mapping) does not,
so this finder gives the name ``taskqual.service`` the checkout's ``service/`` folder: the same
code under the same name, whichever way taskqual was put on the path. It finds nothing else and
imports nothing; ``service/`` runs only when someone imports ``taskqual.service``.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

NAME = "taskqual.service"


class _CheckoutService(importlib.abc.MetaPathFinder):
    """Finds ``taskqual.service`` in ``folder``; its submodules are then found through its ``__path__``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != NAME:
            return None
        return importlib.util.spec_from_file_location(
            NAME, self.folder / "__init__.py", submodule_search_locations=[str(self.folder)]
        )


def install(package_dir: Path) -> None:
    """Map ``taskqual.service`` to the checkout's ``service/`` when ``package_dir`` (taskqual's own
    folder) has no ``service`` inside it and sits in a checkout that has one; otherwise do nothing."""
    root = package_dir.parent
    folder = root / "service"
    if (package_dir / "service").exists() or not (folder / "__init__.py").is_file():
        return
    if not (root / "pyproject.toml").is_file():
        return
    if any(isinstance(f, _CheckoutService) for f in sys.meta_path):
        return
    # First, so that a stale editable install pointing at another checkout's service/ does not win.
    sys.meta_path.insert(0, _CheckoutService(folder))


__all__ = ["install"]
