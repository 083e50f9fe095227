"""Start a new briefing from the commented example shipped with briefpress."""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefpress.builds.write import write_atomically
from briefpress.errors import BuildError, UsageError
from briefpress.project import BUILTIN_ROOT, Project

EXAMPLE = Path(__file__).resolve().parent.parent / "example"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_DIR = "schema"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?:.*/)?([\w.-]+\.json)$")


def example_files() -> list[Path]:
    """Return the example's files, relative to the example folder."""
    return sorted(path.relative_to(EXAMPLE) for path in EXAMPLE.rglob("*.yaml"))


def check_name(name: str) -> None:
    """Raise UsageError (of the argument BRIEFING) unless ``name`` can name a briefing folder."""
    if not SLUG.fullmatch(name):
        raise UsageError(
            f"{name!r} is not a lowercase slug: use letters a-z, digits and single hyphens, e.g. trade-talks-2026",
            param="BRIEFING",
        )


def new_briefing(project: Project, name: str) -> list[Path]:
    """Write ``content/<name>/`` from the example, refresh the project's schemas; return the files written.

    Nothing in ``content/`` is overwritten. The YAML files point editors to the
    copies in ``schema/`` at the project root by a relative path, which stays
    valid when briefpress is reinstalled or the folder is shared.
    """
    check_name(name)
    folder = project.content_dir / name
    if folder.exists():
        raise BuildError(f"{folder} already exists; nothing was written")
    where = project.root / SCHEMA_DIR
    if where.exists() and not where.is_dir():
        raise BuildError(f"{where} is not a folder, so the JSON Schemas cannot go there; nothing was written")
    try:
        schemas = copy_schemas(project)  # first: a project whose schema/ cannot be written gets no half briefing
    except OSError as error:
        reason = error.strerror or error
        raise BuildError(f"cannot write the JSON Schemas into {where}: {reason}; nothing was written") from None
    try:
        folder.mkdir(parents=True, exist_ok=False)
    except FileExistsError:
        raise BuildError(f"{folder} already exists; nothing was written") from None
    written = []
    for relative in example_files():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (EXAMPLE / relative).read_text(encoding="utf-8")
        path.write_text(_point_to_schema(text, path.parent, project.root / SCHEMA_DIR), encoding="utf-8")
        written.append(path)
    return written + schemas


def copy_schemas(project: Project) -> list[Path]:
    """Copy the installed JSON Schemas into ``schema/`` where missing or different; return the files written."""
    written = []
    for source in sorted((BUILTIN_ROOT / SCHEMA_DIR).glob("*.schema.json")):
        target = project.root / SCHEMA_DIR / source.name
        data = source.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue  # up to date, or the project is the clone and this is the file itself
        write_atomically(target, data)
        written.append(target)
    return written


def _point_to_schema(text: str, folder: Path, schema_dir: Path) -> str:
    """Return ``text`` with its first line pointing editors, by a relative path, to the schema in ``schema_dir``."""
    first, _, rest = text.partition("\n")
    match = SCHEMA_LINE.match(first)
    if not match:
        return text
    where = Path(os.path.relpath(schema_dir / match[1], folder)).as_posix()
    return f"# yaml-language-server: $schema={where}\n{rest}"
