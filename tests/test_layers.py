"""Layers flow one way. Read with ``ast`` (nothing is imported): every import in taskqual/ and service/,
at module level or inside a function (a lazy import is still a dependency), except those under
``if TYPE_CHECKING:``. The graph has no cycle, and the core library (taskqual/*.py) imports neither
the batch tools, the CLI nor the service."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("taskqual", "service")
INSTALLED_AS = {"service": "taskqual.service"}  # folders installed under another name (pyproject's package-dir)
OUTER = ("taskqual.batch", "taskqual.cli", "taskqual.service")  # what the core library must not import
# Deprecated aliases kept for users' code; each one imports the layer it moved to.
ALIASES = {"taskqual.frame": "taskqual.batch.frame"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    parts[0] = INSTALLED_AS.get(parts[0], parts[0])
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports: ``from taskqual import labels`` is taskqual.labels,
    ``from taskqual.api import classify`` is taskqual.api, ``import taskqual`` is taskqual."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        for target in targets:
            while target and target not in modules:  # import taskqual.batch.html.x -> the module part
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return found


def is_core(name: str, modules: dict[str, Path]) -> bool:
    """taskqual/*.py at the top level (and taskqual/__init__.py); not the subpackages batch and cli, and not
    ``__main__`` (``python -m taskqual`` is the command line's entry point, it runs the CLI)."""
    if name == "taskqual":
        return True
    return (
        name.count(".") == 1
        and name.startswith("taskqual.")
        and name != "taskqual.__main__"
        and (modules[name].name != "__init__.py")
    )


def test_the_walker_sees_imports_of_every_kind():
    graph = import_graph()
    assert "taskqual.labels" in graph["taskqual.verdict"]  # from taskqual.labels import X
    assert "taskqual.labels" in graph["taskqual.batch.html"]  # from taskqual import labels
    assert "taskqual.batch.scoring" in graph["taskqual.batch.frame"]  # module level
    assert "taskqual" in graph["taskqual.batch.frame"]  # import taskqual, inside a function
    assert "taskqual.batch.frame" in graph["taskqual.frame"]
    assert "taskqual.service.settings" in graph["taskqual.service.app"]  # from .settings import Settings
    assert "taskqual.service.metrics" in graph["taskqual.service.hooks.metrics"]  # from .. import metrics
    assert "taskqual.service.feedback.models" in graph["taskqual.service.feedback.migrations.env"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_there_is_no_import_cycle():
    found = cycles(import_graph())
    assert not found, f"import cycles: {found}; move the shared part into a module both can import"


def test_the_core_library_imports_neither_batch_nor_cli_nor_service():
    graph, modules = import_graph(), project_modules()
    core = sorted(name for name in graph if is_core(name, modules))
    assert "taskqual.api" in core and "taskqual.labels" in core and "taskqual.batch.html" not in core
    wrong = {name: sorted(t for t in graph[name] if t.startswith(OUTER) and ALIASES.get(name) != t) for name in core}
    assert not {k: v for k, v in wrong.items() if v}, f"the core library imports outer layers: {wrong}"


def test_the_old_frame_module_still_works_and_says_where_it_moved():
    sys.modules.pop("taskqual.frame", None)
    with pytest.warns(DeprecationWarning, match="import score_frame and score_frame_meta from taskqual.batch.frame"):
        old = importlib.import_module("taskqual.frame")
    from taskqual.batch import frame

    assert old.score_frame is frame.score_frame and old.score_frame_meta is frame.score_frame_meta


def test_nothing_imports_the_service_by_its_folder_name():
    """The service is ``taskqual.service`` everywhere: a ``service.x`` import would load a second copy of it
    (two Prometheus registries, two sets of settings) in a checkout, and fail once installed."""
    wrong = []
    for folder in ("taskqual", "service", "tests", "benchmarks", "training"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level:
                    continue
                wrong += [f"{path.relative_to(ROOT)}:{node.lineno}" for n in names if n.split(".")[0] == "service"]
    assert not wrong, f"import taskqual.service instead of service: {wrong}"
