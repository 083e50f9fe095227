"""Strict YAML: plain data plus the line of every value, and nothing implicit.

PyYAML's own constructors turn ``no`` into False, ``1.10`` into 1.1 and
``2021-12-03`` into a date, keep the last of two duplicate keys, and expand
aliases. Here the node tree is walked by hand instead: every scalar stays a
string for the schema to type, duplicate keys name both lines, and anchors,
aliases and explicit tags are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefpress.errors import Problem
from briefpress.files import CONTENT_BYTES, UnreadableFileError, read_capped

Loc = tuple[str | int, ...]
MAX_BYTES = CONTENT_BYTES  # a content file larger than this is refused while it is read
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A value that starts as rich text does (*emphasis*, `code`, [a link](...)) reads as YAML syntax unless quoted.
RICH_TEXT_START = re.compile(r"^\s*(?:-\s+|[^\s:#'\"][^:#]*:\s+)([*`@]|\[(?=[^\]]*\]\())")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass
class Document:
    """The data of one YAML file, with the line where each value starts."""

    path: Path
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """Return the line of the deepest known value on the way to ``loc``."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1

    def problem(self, loc: Loc, message: str) -> Problem:
        """Return a problem located at ``loc`` in this file."""
        return Problem(self.path, self.line_of(loc), dotted(loc), message)


def leaves(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Yield the place and value of every string in data read from YAML, in order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def dotted(loc: Loc) -> str:
    """Return ``parts.intro.points[2]`` for ``("parts", "intro", "points", 2)``."""
    text = ""
    for key in loc:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


MAX_DEPTH = 32  # a briefing nests five levels at most; far deeper would exhaust the parser's stack


class _Composer(yaml.SafeLoader):
    """A loader that refuses aliases, anchors, explicit tags and deep nesting while composing."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if self.depth >= MAX_DEPTH and isinstance(event, yaml.CollectionStartEvent):
            raise _RefusedError(event.start_mark, f"values nested more than {MAX_DEPTH} levels deep are not allowed")
        if isinstance(event, yaml.AliasEvent):
            raise _RefusedError(
                event.start_mark,
                f"aliases (*{event.anchor}) are not allowed; text that starts with * must be in quotes",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _RefusedError(event.start_mark, f"anchors (&{anchor}) are not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and not isinstance(event, yaml.DocumentStartEvent):
            raise _RefusedError(event.start_mark, f"explicit tags ({tag}) are not allowed")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _RefusedError(Exception):
    def __init__(self, mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark


def read_yaml(path: Path) -> tuple[Document, list[Problem]]:
    """Read one YAML file strictly; return its document and the problems found."""
    doc = Document(path)
    raw = b""
    try:
        raw = read_capped(path, MAX_BYTES)
        text = raw.decode("utf-8")
    except UnreadableFileError as error:
        return doc, [Problem(path, 1, "", f"the file is {error}")]
    except UnicodeDecodeError as error:
        if raw.startswith(UTF16_BOMS):
            return doc, [Problem(path, 1, "", "the file is UTF-16 text; save it as UTF-8")]
        line = raw[: error.start].count(b"\n") + 1
        return doc, [Problem(path, line, "", "the file is not valid UTF-8 text")]
    except OSError as error:
        return doc, [Problem(path, 1, "", f"cannot read the file: {error.strerror}")]
    try:
        loader = _Composer(text)
    except yaml.reader.ReaderError as error:
        return doc, [_unprintable_problem(path, text, error)]
    try:
        root = loader.get_single_node()
    except _RefusedError as error:
        return doc, [Problem(path, error.mark.line + 1, "", str(error))]
    except yaml.MarkedYAMLError as error:
        return doc, [_syntax_problem(path, error, text)]
    except yaml.YAMLError as error:
        return doc, [Problem(path, 1, "", f"YAML: {error}")]
    finally:
        loader.dispose()
    if root is None:
        return doc, [Problem(path, 1, "", "the file is empty")]
    problems: list[Problem] = []
    doc.data = _plain(root, (), doc, problems)
    return doc, problems


def _unprintable_problem(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    """Name the character YAML refuses (NUL, a bell, an escape) and its line."""
    line = text.count("\n", 0, error.position) + 1
    return Problem(path, line, "", f"the control character U+{error.character:04X} is not allowed in YAML text")


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = f"YAML syntax: {error.problem or error.context}"
    if error.context and error.context_mark and mark and error.context_mark.line != mark.line:
        message += f" ({error.context} that starts on line {error.context_mark.line + 1})"
    lines = text.splitlines()
    if mark and mark.line < len(lines) and (start := RICH_TEXT_START.match(lines[mark.line])):
        message += f"; text that starts with {start[1]} must be in quotes"
    return Problem(path, mark.line + 1 if mark else 1, "", message)


def _plain(node: yaml.Node, loc: Loc, doc: Document, problems: list[Problem]) -> Any:
    doc.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*loc, i), doc, problems) for i, item in enumerate(node.value)]
    mapping: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(doc.path, line, dotted(loc), "keys must be plain names"))
            continue
        key = key_node.value
        if key in first_line:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    dotted((*loc, key)),
                    f"duplicate key (first defined on line {first_line[key]})",
                )
            )
            continue
        first_line[key] = line
        doc.lines[(*loc, key)] = line
        mapping[key] = _plain(value_node, (*loc, key), doc, problems)
    return mapping
