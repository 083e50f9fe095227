"""Start a new briefing from the commented example shipped with briefpress."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from briefpress.builds.write import write_atomically
from briefpress.errors import BuildError, UsageError
from briefpress.project import BUILTIN_ROOT, Project

EXAMPLE = Path(__file__).resolve().parent.parent / "example"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_DIR = "schema"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?:.*/)?([\w.-]+\.json)$")


SPEC = Path("briefing.yaml")
BASE = "en"


def languages() -> list[str]:
    """Return the languages the example is written in, English first."""
    return sorted((path.stem for path in (EXAMPLE / "text").glob("*.yaml")), key=lambda lang: (lang != BASE, lang))


def example_files(langs: Sequence[str] = (BASE,)) -> list[Path]:
    """Return the example's files for ``langs``, relative to the example folder: briefing.yaml, then one text each."""
    return [SPEC, *(Path("text") / f"{lang}.yaml" for lang in langs)]


def check_languages(langs: Sequence[str]) -> None:
    """Raise UsageError (of --lang) unless the example is written in each language, each named once."""
    known = languages()
    for lang in langs:
        if lang not in known:
            raise UsageError(
                f"there is no example text in {lang!r}: choose from {', '.join(known)} "
                "(for another language, copy a text file to text/<tag>.yaml, translate it and list it in languages)",
                param="--lang",
            )
        if langs.count(lang) > 1:
            raise UsageError(f"{lang!r} is given twice", param="--lang")


def check_name(name: str) -> None:
    """Raise UsageError (of the argument BRIEFING) unless ``name`` can name a briefing folder."""
    if not SLUG.fullmatch(name):
        raise UsageError(
            f"{name!r} is not a lowercase slug: use letters a-z, digits and single hyphens, e.g. trade-talks-2026",
            param="BRIEFING",
        )


def new_briefing(project: Project, name: str, langs: Sequence[str] = (BASE,)) -> list[Path]:
    """Write ``content/<name>/`` from the example, refresh the project's schemas; return the files written.

    The briefing has a text file in each of ``langs``; the first is its base
    language. Nothing in ``content/`` is overwritten. The YAML files point editors to the
    copies in ``schema/`` at the project root by a relative path, which stays
    valid when briefpress is reinstalled or the folder is shared.
    """
    check_name(name)
    check_languages(langs)
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
    for relative in example_files(langs):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (EXAMPLE / relative).read_text(encoding="utf-8")
        if relative == SPEC:
            text = _with_languages(text, langs)
        path.write_text(point_to_schema(text, path.parent, project.root / SCHEMA_DIR), encoding="utf-8")
        written.append(path)
    return written + _record_translations(folder, langs) + schemas


def _record_translations(folder: Path, langs: Sequence[str]) -> list[Path]:
    """Record the example's translations as made from its base text, so that an edit of it shows as stale."""
    from briefpress.authoring.translate import mark_current
    from briefpress.content.load import read_briefing

    if len(langs) < 2:
        return []
    briefing, _ = read_briefing(folder, {})
    if briefing is None:  # the example is checked by the tests; a broken one still leaves its files to fix
        return []
    return [mark_current(briefing, lang)[0] for lang in langs[1:]]


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


def _with_languages(text: str, langs: Sequence[str]) -> str:
    """Return the example's briefing.yaml listing ``langs``, the first as its base language."""
    text = re.sub(r"(?m)^languages: \[en\]$", f"languages: [{', '.join(langs)}]", text, count=1)
    return re.sub(r"(?m)^base_language: en( *)", lambda match: f"base_language: {langs[0]}" + " " * max(
        1, len(match[1]) + 2 - len(langs[0])), text, count=1)


def point_to_schema(text: str, folder: Path, schema_dir: Path) -> str:
    """Return ``text`` with its first line pointing editors, by a relative path, to the schema in ``schema_dir``."""
    first, _, rest = text.partition("\n")
    match = SCHEMA_LINE.match(first)
    if not match:
        return text
    where = Path(os.path.relpath(schema_dir / match[1], folder)).as_posix()
    return f"# yaml-language-server: $schema={where}\n{rest}"
