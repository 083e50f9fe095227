"""Problems found in content and the errors that carry them to the user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from briefpress.paths import shown


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{shown(self.file)}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


PREFIX = "error: "


def as_error(line: str) -> str:
    """Return ``line`` starting with ``error: `` (once)."""
    return line if line.startswith(PREFIX) else PREFIX + line


class BriefpressError(click.ClickException):
    """An error the user can act on: shown as sentences, never as a traceback.

    The message holds one problem per line, each shown after ``error: ``;
    ``after`` holds lines shown as they are once the problems are listed (a
    count, a hint).
    """

    exit_code = 1

    def __init__(self, message: str, after: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.after = tuple(after)

    def format_message(self) -> str:
        return "\n".join([self.message, *self.after])

    def lines(self) -> list[str]:
        """Return the lines to show: each problem after ``error: ``, then the lines after them."""
        return [*(as_error(line) for line in self.message.splitlines()), *self.after]

    def show(self, file=None) -> None:
        click.echo("\n".join(self.lines()), err=True)


class ContentError(BriefpressError):
    """The content does not validate; every problem is listed, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(
            "\n".join(str(problem) for problem in self.problems),
            [f"{counted(len(self.problems), 'problem')} found; nothing was built."],
        )


class SetupError(BriefpressError):
    """The machine lacks a library or a font that rendering needs."""


class RenderError(BriefpressError):
    """One target could not be rendered."""


def plural(count: int, noun: str) -> str:
    """Return ``noun`` for one, and its plural (an ``s`` added) for any other count."""
    return noun if count == 1 else f"{noun}s"


def counted(count: int, noun: str) -> str:
    """Return ``1 target``, ``72 targets``."""
    return f"{count} {plural(count, noun)}"
