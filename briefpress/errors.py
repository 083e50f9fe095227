"""Problems found in content and the errors that carry them to the user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{_display(self.file)}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def _display(path: Path) -> str:
    """Return the path as the user should see it (relative to the working folder where that reads well)."""
    from briefpress.project import shown  # project.py imports this module

    return shown(path)


class BriefpressError(click.ClickException):
    """An error the user can act on: shown as sentences, never as a traceback."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


class ContentError(BriefpressError):
    """The content does not validate; every problem is listed, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def format_message(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"{self.message}\n{count} {noun} found; nothing was built."


class SetupError(BriefpressError):
    """The machine lacks a library or a font that rendering needs."""

    def format_message(self) -> str:
        return f"error: {self.message}"


class RenderError(BriefpressError):
    """One target could not be rendered."""

    def format_message(self) -> str:
        return f"error: {self.message}"
