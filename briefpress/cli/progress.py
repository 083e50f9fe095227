"""Progress of a long build: a bar on a terminal, or one line per finished target in a log."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from typing import TextIO

from briefpress.target import Target

BAR = 24


class TerminalProgress:
    """Redraws one status line on a terminal as targets start and finish."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.failed = 0
        self.running: list[Target] = []

    def planned(self, total: int, skipped: int, unchanged: Sequence[Target] = ()) -> None:
        self.total, self.done = total, skipped

    def started(self, target: Target) -> None:
        self.running.append(target)
        self._draw()

    def finished(self, target: Target, ok: bool, error: str | None = None) -> None:
        if target in self.running:
            self.running.remove(target)
        self.done += 1
        self.failed += not ok
        self._draw()
        if self.done == self.total:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def _draw(self) -> None:
        filled = BAR * self.done // max(self.total, 1)
        failed = f", {self.failed} failed" if self.failed else ""
        flight = ", ".join(f"{target.lang}/{target.stem}" for target in self.running)
        line = f"[{'#' * filled}{'.' * (BAR - filled)}] {self.done}/{self.total}{failed}  {flight}"
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r\x1b[K" + line[:width])
        self.stream.flush()


class LineProgress:
    """Writes one line as each target finishes, for logs (CI) where a redrawn bar would be noise.

    ``[3/72] built china-lac-2021/es/sheet-modern-a4 (1.9 s)``, or ``failed``;
    the count is of the targets being built (unchanged ones are not), and
    each failure's reason follows the build as an ``error:`` line.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.since: dict[Target, float] = {}

    def planned(self, total: int, skipped: int, unchanged: Sequence[Target] = ()) -> None:
        self.total, self.done = total - skipped, 0

    def started(self, target: Target) -> None:
        self.since[target] = time.perf_counter()

    def finished(self, target: Target, ok: bool, error: str | None = None) -> None:
        self.done += 1
        seconds = time.perf_counter() - self.since.pop(target, time.perf_counter())
        width = len(str(self.total))
        outcome = "built" if ok else "failed"
        self.stream.write(f"[{self.done:>{width}}/{self.total}] {outcome} {target} ({seconds:.1f} s)\n")
        self.stream.flush()
