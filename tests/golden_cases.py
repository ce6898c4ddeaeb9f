"""The hand-written case files beside the tests (golden.tsv, hints.tsv): one case a line, the text and
what taskqual must answer separated by a tab; blank lines and lines starting with ``#`` are notes."""

from __future__ import annotations

from pathlib import Path


def read_cases(name: str) -> list[tuple[str, str]]:
    """The (text, expected) pairs of ``tests/<name>``, in file order."""
    cases = []
    for number, line in enumerate((Path(__file__).parent / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise ValueError(f"tests/{name}:{number}: a case is text<TAB>expected, this line has {len(fields)} fields")
        cases.append((fields[0], fields[1]))
    return cases
