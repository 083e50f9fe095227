"""Problems found in content, and the two kinds of error that carry them: usage and build.

A ``UsageError`` is a wrong name or option (the command line maps it to exit
2); a ``BuildError`` is anything wrong with the content, the templates, the
machine or a target (exit 1). Both hold a tuple of problems and the lines to
show after them; neither knows about the command line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefpress.paths import shown


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file; ``file`` None for a problem of no file."""

    file: Path | None
    line: int
    field: str
    message: str

    @classmethod
    def of(cls, message: str) -> Problem:
        """Return a problem that belongs to no file: a missing font, an unknown name."""
        return cls(None, 0, "", message)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (str(self.file or ""), self.line, self.field, self.message)

    def __str__(self) -> str:
        where = f"{shown(self.file)}:{self.line}: " if self.file is not None else ""
        return f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"


Problems = str | Problem | Iterable[str | Problem]


class BriefpressError(Exception):
    """An error the user can act on: its problems, shown one a line, then the lines ``after`` them.

    The base of the two kinds; raised as it is, it counts as a build error.
    A string given for ``problems`` is one problem per line.
    """

    exit_code = 1

    def __init__(self, problems: Problems, after: Sequence[str] = ()) -> None:
        if isinstance(problems, str):
            problems = problems.splitlines() or [problems]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(
            Problem.of(problem) if isinstance(problem, str) else problem for problem in problems
        )
        self.after = tuple(after)
        super().__init__(self.text())

    def lines(self) -> list[str]:
        """Return the lines to show: each problem, then the lines after them."""
        return [*map(str, self.problems), *self.after]

    def text(self) -> str:
        """Return the lines as one text, for a log or a page."""
        return "\n".join(self.lines())


class UsageError(BriefpressError):
    """A name or an option that names nothing, or contradicts another; ``param`` names the argument at fault."""

    exit_code = 2

    def __init__(self, problems: Problems, after: Sequence[str] = (), param: str | None = None) -> None:
        super().__init__(problems, after)
        self.param = param


class BuildError(BriefpressError):
    """The content, a template, the machine or a target stands in the way of building."""


class ContentError(BuildError):
    """The content does not validate; every problem is listed, one per line, in file and line order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        ordered = sorted(problems, key=Problem.sort_key)
        super().__init__(ordered, [f"{counted(len(ordered), 'problem')} found; nothing was built."])


class SetupError(BuildError):
    """The machine lacks a library or a font that rendering needs."""


class RenderError(BuildError):
    """One target could not be rendered."""


def plural(count: int, noun: str) -> str:
    """Return ``noun`` for one, and its plural (an ``s`` added) for any other count."""
    return noun if count == 1 else f"{noun}s"


def counted(count: int, noun: str) -> str:
    """Return ``1 target``, ``72 targets``."""
    return f"{count} {plural(count, noun)}"


# Longer than this, a word of a message (a data: URL, a path) is cut in its middle.
LONGEST_WORD = 160
_LONG_WORD = re.compile(rf"[^\s'\"]{{{LONGEST_WORD + 1},}}")
# Characters that steer bidirectional text: embeddings, overrides, isolates and marks.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shortened(text: str) -> str:
    """Return ``text`` with every word over LONGEST_WORD characters cut to its ends and its length."""

    def cut(match: re.Match) -> str:
        word = match[0]
        return f"{word[:60]}...{word[-20:]} ({len(word):,} characters)"

    return _LONG_WORD.sub(cut, text)


def invisible(char: str) -> bool:
    """Return whether ``char`` steers or hides text rather than printing: a control, a bidi control, a tag."""
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS or 0xE0000 <= ord(char) <= 0xE007F


def printable(text: str) -> str:
    """Return ``text`` safe for a terminal: each invisible character but newline and tab as an escape (``\\x1b``)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in "\n\t" or not invisible(char):
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return "".join(out)
