"""Copy a built-in template or stylesheet into a project, as the start of an override."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, nodes

from briefpress.errors import BuildError, UsageError
from briefpress.project import BUILTIN_ROOT, TEMPLATE_SUFFIX, Project
from briefpress.render.styles import Stylesheet

FOLDERS = ("templates", "styles")
SUFFIXES = (TEMPLATE_SUFFIX, ".css.j2", ".css")


@dataclass(frozen=True, order=True)
class Builtin:
    """A built-in file that can be ejected: ``templates/<name>`` or ``styles/<name>``."""

    folder: str
    name: str

    def __str__(self) -> str:
        return f"{self.folder}/{self.name}"

    @property
    def path(self) -> Path:
        return BUILTIN_ROOT / self.folder / self.name

    @property
    def bare(self) -> str:
        """Return the name without its suffix: ``layouts/sheet``."""
        return next((self.name.removesuffix(s) for s in SUFFIXES if self.name.endswith(s)), self.name)

    @property
    def is_template(self) -> bool:
        return self.folder == "templates"


def builtins() -> list[Builtin]:
    """Return every built-in template and stylesheet."""
    found = []
    for folder in FOLDERS:
        for path in (BUILTIN_ROOT / folder).rglob("*"):
            relative = path.relative_to(BUILTIN_ROOT / folder)
            if path.is_file() and path.suffix in (".j2", ".css") and not relative.name.startswith((".", "_")):
                found.append(Builtin(folder, relative.as_posix()))
    return sorted(found)


def find(query: str) -> Builtin:
    """Return the one built-in that ``query`` names; raise UsageError for none or several.

    ``query`` is a path under templates/ or styles/ (``themes/modern.css``),
    optionally with that folder, or without the suffix, or a bare file name
    (``modern``) when only one file has it.
    """
    query = query.strip().strip("/")
    items = builtins()
    exact = [item for item in items if query in (str(item), item.name)]
    loose = [item for item in items if query in (f"{item.folder}/{item.bare}", item.bare, item.bare.rsplit("/")[-1])]
    matches = exact or loose
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UsageError(f"no built-in template or stylesheet is named {query!r}; eject --list shows them")
    listed = ", ".join(str(item) for item in matches)
    raise UsageError(f"{query!r} could be any of: {listed}; name one of them")


def eject(project: Project, item: Builtin, extend: bool = False, force: bool = False) -> Path:
    """Write the project's override of ``item`` (a copy, or with ``extend`` a stub) and return its path."""
    target = project.root / item.folder / item.name
    if target.resolve() == item.path.resolve():
        raise BuildError(f"{target} is the built-in file itself: this project is briefpress's own folder")
    if target.exists() and not force:
        raise BuildError(f"{target} already exists; --force replaces it")
    text = extension(item) if extend else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        shutil.copyfile(item.path, target)
    else:
        target.write_text(text, encoding="utf-8")
    return target


def extension(item: Builtin) -> str:
    """Return an override of ``item`` that keeps the built-in and changes only what it adds."""
    if item.is_template:
        return _template_extension(item)
    return _stylesheet_extension(item)


def _template_extension(item: Builtin) -> str:
    blocks = template_blocks(item)
    if not blocks:
        raise UsageError(f"{item} has no blocks to override; eject it without --extend to get a copy to edit")
    examples = "\n".join(f"{{# {{% block {name} %}}{{{{ super() }}}}{{% endblock %}} #}}" for name in blocks)
    return (
        f"{{#- Your {item.name}: it extends the built-in one and replaces only the blocks\n"
        f"    defined here. Uncomment a block to change it; {{{{ super() }}}} keeps the\n"
        f"    built-in content of the block. Blocks: {', '.join(blocks)}. -#}}\n"
        f'{{% extends "!base/{item.name}" %}}\n'
        f"{examples}\n"
    )


def template_blocks(item: Builtin) -> list[str]:
    """Return the names of the blocks ``item`` defines or inherits, its own first."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    names: list[str] = []
    seen: set[str] = set()
    current: str | None = item.name
    while current and current not in seen:
        seen.add(current)
        path = BUILTIN_ROOT / "templates" / current
        if not path.is_file():
            break
        tree = env.parse(path.read_text(encoding="utf-8"))
        names += [block.name for block in tree.find_all(nodes.Block) if block.name not in names]
        parent = tree.find(nodes.Extends)
        current = parent.template.value if parent and isinstance(parent.template, nodes.Const) else None
    return names


def _stylesheet_extension(item: Builtin) -> str:
    properties = [
        f"{declaration};"
        for declaration in Stylesheet.read(item.path).declarations
        if declaration.selector == ":root" and declaration.name.startswith("--")
    ]
    lines = [
        "/* extends: !base */",
        f"/* Your {item.name}: briefpress puts the built-in {item.name} first and this file",
        "   after it, so what you declare here wins and the rest stays as built in. */",
    ]
    if properties:
        lines += ["/* The built-in custom properties, to uncomment and change:", ":root {"]
        lines += [f"  {declaration}" for declaration in properties]
        lines += ["}", "*/"]
    return "\n".join(lines) + "\n"
