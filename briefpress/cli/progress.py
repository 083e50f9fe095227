"""Progress of a long build: a bar on a terminal, or one line per finished target in a log."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from briefpress.cli.terminal import control
from briefpress.target import Target

if TYPE_CHECKING:
    from briefpress.builds.session import Outcome

BAR = 24


class TerminalProgress:
    """Redraws one status line on a terminal as targets start and finish."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.failed = 0
        self.running: list[Target] = []

    def planned(self, targets: Sequence[Target], unchanged: Sequence[Target]) -> None:
        self.total, self.done = len(targets), len(unchanged)

    def started(self, target: Target) -> None:
        self.running.append(target)
        self._draw()

    def finished(self, outcome: Outcome) -> None:
        if outcome.target in self.running:
            self.running.remove(outcome.target)
        self.done += 1
        self.failed += not outcome.ok
        self._draw()
        if self.done == self.total:
            control(self.stream, "\r\x1b[K")
            self.stream.flush()

    def _draw(self) -> None:
        filled = BAR * self.done // max(self.total, 1)
        failed = f", {self.failed} failed" if self.failed else ""
        flight = ", ".join(f"{target.lang}/{target.stem}" for target in self.running)
        line = f"[{'#' * filled}{'.' * (BAR - filled)}] {self.done}/{self.total}{failed}  {flight}"
        width = shutil.get_terminal_size((100, 20)).columns - 1
        control(self.stream, "\r\x1b[K")
        self.stream.write(line[:width])
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

    def planned(self, targets: Sequence[Target], unchanged: Sequence[Target]) -> None:
        self.total, self.done = len(targets) - len(unchanged), 0

    def started(self, target: Target) -> None:
        self.since[target] = time.perf_counter()

    def finished(self, outcome: Outcome) -> None:
        self.done += 1
        now = time.perf_counter()
        seconds = now - self.since.pop(outcome.target, now)  # a target refused before rendering: no time
        width = len(str(self.total))
        shown = "built" if outcome.ok else "failed"
        self.stream.write(f"[{self.done:>{width}}/{self.total}] {shown} {outcome.target} ({seconds:.1f} s)\n")
        self.stream.flush()
