"""A progress bar with rows per second, on a terminal only (rich draws it on stderr)."""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """``with Progress(enabled, total) as p: p.update(rows, done)``; a no-op when not enabled."""

    def __init__(self, enabled: bool, description: str = "scoring") -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.description = description
        self.rows = 0
        self.started = time.perf_counter()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        self.started = time.perf_counter()
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import (
                Progress as RichProgress,
            )

            self._bar = RichProgress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[rows]:>11,} rows  {task.fields[rate]:>8,.0f} rows/s"),
                TimeElapsedColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
                refresh_per_second=4,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.description, total=None, rows=0, rate=0.0)
        return self

    def update(self, rows: int, done: int, total: int | None) -> None:
        self.rows += rows
        if self._bar is not None:
            rate = self.rows / max(time.perf_counter() - self.started, 1e-9)
            self._bar.update(self._task, completed=done, total=total, rows=self.rows, rate=rate)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


__all__ = ["Progress"]
