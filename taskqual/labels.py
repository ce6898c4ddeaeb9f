"""The labels taskqual gives, in one place: id, Russian names, colour, description and hint kind.

Everything that shows or checks a label (``LABELS``, the HTML report and its CSS, the terminal, the
service's OpenAPI schema, the training data generator) reads this registry, so a new label is added
here, in the labeling data and in the model, and nowhere else in code. The definitions are those of
the labeling guide (shared/labeling-guide.md).

>>> [label.id for label in registry()]
['concrete', 'vague', 'company_only', 'delegable']
>>> get("company_only").long_name_ru
'только название'
>>> extra = Label("duplicate", "дубль", "дубль задачи", "#6d4c41", "the same task twice", "add_result")
>>> with use_registry(DEFAULT_REGISTRY.with_label(extra)):
...     ids()
('concrete', 'vague', 'company_only', 'delegable', 'duplicate')
>>> ids()
('concrete', 'vague', 'company_only', 'delegable')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

HintKind = Literal["confirm", "add_result", "add_action_and_result", "delegate"]
"""What the hint for a label asks of the manager by default: nothing to add but maybe a deadline
(``confirm``), the result (``add_result``), an action and a result (``add_action_and_result``), or to hand
the work over (``delegate``)."""

_COLOR_RE = re.compile(r"^#[0-9a-f]{6}$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Label:
    """One label: ``id`` as the model and the API give it, and how people see it."""

    id: str
    name_ru: str
    """short Russian name, for narrow table headers: «конкретная»"""
    long_name_ru: str
    """the labeling guide's Russian name, for tags, legends and explanations: «конкретное действие»"""
    color: str
    """``#rrggbb``, the label's colour in the report"""
    description: str
    """the guide's one-line definition, in English (it goes into the API schema)"""
    hint_kind: HintKind

    def __post_init__(self) -> None:
        if not _ID_RE.match(self.id):
            raise ValueError(f"label id {self.id!r}: use lower-case latin letters, digits and _, e.g. 'company_only'")
        if not _COLOR_RE.match(self.color):
            raise ValueError(f"label {self.id!r}: colour {self.color!r} is not #rrggbb in lower case, e.g. '#2e7d32'")
        if not self.name_ru or not self.long_name_ru or not self.description:
            raise ValueError(f"label {self.id!r}: name_ru, long_name_ru and description must not be empty")

    @property
    def text_color(self) -> str:
        """Dark or white text, whichever reads better on :attr:`color` (WCAG relative luminance)."""

        def channel(hex2: str) -> float:
            c = int(hex2, 16) / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(self.color[i : i + 2]) for i in (1, 3, 5))
        luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
        return "#1f2933" if luminance > 0.3 else "#ffffff"


@dataclass(frozen=True, slots=True)
class LabelRegistry:
    """The labels in their display order (the order of the guide, best first)."""

    labels: tuple[Label, ...]

    def __post_init__(self) -> None:
        seen = [label.id for label in self.labels]
        duplicates = sorted({i for i in seen if seen.count(i) > 1})
        if duplicates or not seen:
            raise ValueError(f"a label registry needs at least one label and unique ids; repeated: {duplicates}")

    def __iter__(self) -> Iterator[Label]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    def __contains__(self, label_id: object) -> bool:
        return any(label.id == label_id for label in self.labels)

    def ids(self) -> tuple[str, ...]:
        return tuple(label.id for label in self.labels)

    def get(self, label_id: str) -> Label:
        """The label with this id; KeyError names the known ones."""
        for label in self.labels:
            if label.id == label_id:
                return label
        raise KeyError(f"unknown label {label_id!r}; known: {', '.join(self.ids())}")

    def with_label(self, label: Label) -> LabelRegistry:
        """A copy with ``label`` added at the end (for experiments and tests)."""
        return LabelRegistry((*self.labels, label))


DEFAULT_REGISTRY = LabelRegistry(
    (
        Label(
            "concrete",
            "конкретная",
            "конкретное действие",
            "#2e7d32",
            "a client-facing action with a result you can check",
            "confirm",
        ),
        Label(
            "vague",
            "размытая",
            "размытая задача",
            "#f0a500",
            'an action or topic, but no result or object that says what "done" is',
            "add_result",
        ),
        Label(
            "company_only",
            "название",
            "только название",
            "#c62828",
            "a company, person or deal identifier and nothing to do",
            "add_action_and_result",
        ),
        Label(
            "delegable",
            "делегируемая",
            "можно делегировать",
            "#1565c0",
            "internal preparation or technical work that a cheaper colleague or a template can do",
            "delegate",
        ),
    )
)

EMPTY = Label(
    "empty", "пустая", "пустая задача", "#9aa5b1", "a task with no text (not a model label)", "add_action_and_result"
)
"""Not a label of the model: reports count tasks without text under this kind, next to the labels."""

_current: LabelRegistry = DEFAULT_REGISTRY


def registry() -> LabelRegistry:
    """The registry in use (the default one unless :func:`use_registry` swapped it)."""
    return _current


def ids() -> tuple[str, ...]:
    """The label ids in display order: ``('concrete', 'vague', 'company_only', 'delegable')``."""
    return _current.ids()


def get(label_id: str) -> Label:
    """The label with this id in the registry in use."""
    return _current.get(label_id)


@contextmanager
def use_registry(labels: LabelRegistry) -> Iterator[LabelRegistry]:
    """Use ``labels`` instead of the default registry inside the ``with`` block (process-wide).

    For tests and experiments: code that reads the registry at call time (the report, the terminal,
    the service's OpenAPI schema built after the swap) sees the new labels; constants taken at import
    time, such as :data:`taskqual.verdict.LABELS`, keep the default ones.
    """
    global _current
    previous, _current = _current, labels
    try:
        yield labels
    finally:
        _current = previous


__all__ = ["EMPTY", "DEFAULT_REGISTRY", "HintKind", "Label", "LabelRegistry", "get", "ids", "registry", "use_registry"]
