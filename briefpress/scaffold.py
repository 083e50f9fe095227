"""Start a new briefing from the commented example shipped with briefpress."""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefpress.errors import BriefpressError
from briefpress.project import BUILTIN_ROOT, Project

EXAMPLE = Path(__file__).resolve().parent / "example"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?:.*/)?([\w.-]+\.json)$")


class BadNameError(ValueError):
    """A briefing name that is not a lowercase slug."""


def example_files() -> list[Path]:
    """Return the example's files, relative to the example folder."""
    return sorted(path.relative_to(EXAMPLE) for path in EXAMPLE.rglob("*.yaml"))


def check_name(name: str) -> None:
    """Raise BadNameError unless ``name`` can name a briefing folder."""
    if not SLUG.fullmatch(name):
        raise BadNameError(
            f"{name!r} is not a lowercase slug: use letters a-z, digits and single hyphens, e.g. trade-talks-2026"
        )


def new_briefing(project: Project, name: str) -> list[Path]:
    """Write ``content/<name>/`` from the example and return the files written; never overwrite."""
    check_name(name)
    folder = project.content_dir / name
    try:
        folder.mkdir(parents=True, exist_ok=False)
    except FileExistsError:
        raise BriefpressError(f"{folder} already exists; nothing was written") from None
    written = []
    for relative in example_files():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (EXAMPLE / relative).read_text(encoding="utf-8")
        path.write_text(_point_to_schema(text, path.parent, project.root), encoding="utf-8")
        written.append(path)
    return written


def _point_to_schema(text: str, folder: Path, root: Path) -> str:
    """Return ``text`` with its first line pointing editors to briefpress's JSON Schema.

    The path is relative inside the project (a clone) and a file URI otherwise
    (the schema installed with the package).
    """
    first, _, rest = text.partition("\n")
    match = SCHEMA_LINE.match(first)
    if not match:
        return text
    schema = (BUILTIN_ROOT / "schema" / match[1]).resolve()
    inside = schema.is_relative_to(root.resolve())
    where = os.path.relpath(schema, folder.resolve()) if inside else schema.as_uri()
    return f"# yaml-language-server: $schema={where}\n{rest}"
