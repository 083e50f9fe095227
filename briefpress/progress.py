"""Progress of a long build on a terminal: a bar, targets done of the total, and what is in flight."""

from __future__ import annotations

import shutil
from typing import TextIO

from briefpress.plan import Target

BAR = 24


class TerminalProgress:
    """Redraws one status line on a terminal as targets start and finish."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.failed = 0
        self.running: list[Target] = []

    def planned(self, total: int, skipped: int) -> None:
        self.total, self.done = total, skipped

    def started(self, target: Target) -> None:
        self.running.append(target)
        self._draw()

    def finished(self, target: Target, ok: bool) -> None:
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
