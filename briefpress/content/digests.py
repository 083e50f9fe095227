"""What each translation was made from: a digest of the base-language text, field by field.

Each translated field of ``text/<lang>.yaml`` is recorded in ``text/<lang>.digests``
with a short digest of the base-language text it translates. When that text
changes, the field is *stale*: ``check`` reports it and the page marks it until
the translation is reviewed (``briefpress translate mark``, or an import from a
translator's file). The file is written by briefpress, one sorted line a field:

    parts.mechanisms.summary: 3f2a9c1b0d4e

A language without a digests file is untracked: its translations count as
current until one is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefpress.content.yamlread import Loc, dotted
from briefpress.errors import Problem
from briefpress.files import CONTENT_BYTES, UnreadableFileError, read_capped

SUFFIX = ".digests"
DIGEST_LENGTH = 12  # hex digits: a collision between two versions of one field is not a practical risk
# Not translations of the base text: names a line never breaks inside are each language's own list.
UNTRANSLATED_FIELDS = frozenset({"names"})
_LINE = re.compile(rf"(?P<field>[^\s:#][^:]*): (?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})")
_HEADER = """\
# What each translated field of {lang}.yaml was translated from: a digest of its text in {base}.yaml.
# Written by briefpress (translate import, translate mark); a field whose {base}.yaml text changes is stale.
"""


def digests_path(text_file: Path) -> Path:
    """Return ``text/es.digests`` for ``text/es.yaml``."""
    return text_file.with_suffix(SUFFIX)


def digest(text: str) -> str:
    """Return the digest of a base-language text; re-wrapping it (spaces, line breaks) keeps it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def units(data: Any) -> Iterator[tuple[Loc, str]]:
    """Yield each translatable field of a text file's data with its text, in the file's order.

    A list's items are fields of their own (``parts.intro.points[2]``); a point
    written as ``{text: ..., priority: 3}`` is its text.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in UNTRANSLATED_FIELDS:
                yield from _units(value, (key,))


def _units(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict) and isinstance(value.get("text"), str) and isinstance(loc[-1], int):
        yield loc, value["text"]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _units(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _units(item, (*loc, i))


def value_at(data: Any, loc: Loc) -> str | None:
    """Return the text of the field at ``loc`` in a text file's data, or None when it has none."""
    for key in loc:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    if isinstance(data, dict) and isinstance(data.get("text"), str):
        data = data["text"]
    return data if isinstance(data, str) else None


@dataclass(frozen=True)
class Digests:
    """The digests file of one language: field (dotted path) to the digest of its base text."""

    path: Path
    recorded: Mapping[str, str]
    exists: bool = True

    def render(self, lang: str, base: str) -> bytes:
        """Return the file's bytes: a header, then one line a field in sorted order."""
        lines = [f"{field}: {value}\n" for field, value in sorted(self.recorded.items())]
        return (_HEADER.format(lang=lang, base=base) + "".join(lines)).encode("utf-8")


def read_digests(path: Path) -> tuple[Digests, list[Problem]]:
    """Read a digests file; a missing one is untracked (``exists`` False), never an error."""
    if not path.exists():
        return Digests(path, {}, exists=False), []
    try:
        text = read_capped(path, CONTENT_BYTES).decode("utf-8")
    except (UnreadableFileError, UnicodeDecodeError, OSError) as error:
        reason = str(error) if isinstance(error, UnreadableFileError) else "not UTF-8 text"
        return Digests(path, {}, exists=False), [Problem(path, 1, "", f"the file is {reason}")]
    recorded: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _LINE.fullmatch(line.strip())
        if not found:
            message = f"not a line 'field: digest' of {DIGEST_LENGTH} hex digits (the file is briefpress's to write)"
            problems.append(Problem(path, number, "", message))
            continue
        recorded[found["field"]] = found["digest"]
    return Digests(path, recorded), problems


def stale_fields(base: Any, translation: Any, digests: Digests, fallbacks: frozenset[Loc]) -> frozenset[Loc]:
    """Return the fields of a translation whose base text changed since they were translated.

    A field the translation takes from the base (a fallback) is missing, not
    stale; an untracked language has no stale fields; a translated field the
    file has no digest for was never recorded as current, and is stale.
    """
    if not digests.exists:
        return frozenset()
    stale = set()
    for loc, text in units(base):
        if any(loc[:end] in fallbacks for end in range(1, len(loc) + 1)) or value_at(translation, loc) is None:
            continue
        if digests.recorded.get(dotted(loc)) != digest(text):
            stale.add(loc)
    return frozenset(stale)


def unrecorded(loc: Loc, digests: Digests) -> bool:
    """Return whether a stale field was never recorded (rather than changed since)."""
    return dotted(loc) not in digests.recorded


def current_digests(
    base: Any, translation: Any, previous: Digests, fields: frozenset[Loc] | None = None
) -> Digests:
    """Return the digests with ``fields`` (every translated field when None) recorded as current.

    Other fields keep what was recorded; fields no longer in the base or the translation are dropped.
    """
    recorded = {}
    for loc, text in units(base):
        if value_at(translation, loc) is None:
            continue
        key = dotted(loc)
        if fields is None or loc in fields:
            recorded[key] = digest(text)
        elif key in previous.recorded:
            recorded[key] = previous.recorded[key]
    return Digests(previous.path, recorded)
