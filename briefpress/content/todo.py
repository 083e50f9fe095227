"""Work left for a person: a text value that begins with ``TODO`` is a to-do, and ``check`` lists each one.

``briefpress draft`` writes a to-do wherever a person must write (a summary, a
part's points, a figure's label): ``"TODO: summarise this part"``. What follows
the marker is a hint; a build prints the hint, marked as a draft, so that a
drafted briefing builds as it is and no page passes for finished work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from briefpress.content.yamlread import Loc, leaves

MARKER = "TODO"
_TODO = re.compile(rf"^{MARKER}\b[:.\s]*")


def is_todo(text: str) -> bool:
    """Return whether a text value is a to-do."""
    return bool(_TODO.match(text))


def hint(text: str) -> str:
    """Return a to-do's hint, its first letter a capital (what the page prints); another text unchanged."""
    match = _TODO.match(text)
    if not match:
        return text
    rest = text[match.end() :]
    return rest[:1].upper() + rest[1:] if rest else "To do"


def todo(text: str) -> str:
    """Return a to-do with this hint."""
    return f"{MARKER}: {text}"


def todos(data: Any) -> Iterator[tuple[Loc, str]]:
    """Yield the place and hint of every to-do in data read from YAML, in order."""
    return ((loc, hint(text)) for loc, text in leaves(data) if is_todo(text))
