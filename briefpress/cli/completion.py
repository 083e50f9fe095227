"""Shell completion: the briefings, languages, layouts, styles and papers a project has.

Click calls these while the shell completes a word (``_BRIEFPRESS_COMPLETE``);
they read folder names and ``briefing.yaml`` files only, never the content
model, so a completion stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from briefpress.project import SPEC_FILE, Project

Names = Callable[[Project], list[str]]


def _project(ctx: click.Context) -> Project:
    """Return the project the command line names with -C, or the one found from the working folder."""
    root = ctx.find_root().params.get("root")
    return Project.at(Path(root)) if root else Project.discover(Path.cwd())


def briefings(project: Project) -> list[str]:
    """Return the names of the project's briefings."""
    return [folder.name for folder in project.briefing_folders()]


def languages(project: Project) -> list[str]:
    """Return the languages the briefings' ``briefing.yaml`` files name, in the order first seen."""
    from briefpress.content.yamlread import read_yaml  # the YAML reader, not the content model

    found: dict[str, None] = {}
    for folder in project.briefing_folders():
        document, problems = read_yaml(folder / SPEC_FILE)
        listed = document.data.get("languages") if isinstance(document.data, dict) and not problems else None
        for lang in listed if isinstance(listed, list) else []:
            if isinstance(lang, str):
                found.setdefault(lang)
    return list(found)


def _separated(names: Names, separators: str) -> Callable:
    """Return a callback completing the last of several names joined by ``separators`` (``formal,mo``)."""
    split = re.compile(f"[{re.escape(separators)}]")

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        cut = max((match.end() for match in split.finditer(incomplete)), default=0)
        done, last = incomplete[:cut], incomplete[cut:]
        given = set(split.split(done))
        return [
            CompletionItem(done + name)
            for name in names(_project(ctx))
            if name.startswith(last) and name not in given
        ]

    return complete


def _available(kind: str) -> Names:
    return lambda project: project.available()[kind]


complete_langs = _separated(languages, ",+")
complete_layouts = _separated(_available("layouts"), ",")
complete_styles = _separated(_available("styles"), ",")
complete_papers = _separated(_available("papers"), ",")


def complete_briefings(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete BRIEFINGS: the project's briefings not already on the command line."""
    given = set(ctx.params.get(param.name) or ())
    names = briefings(_project(ctx))
    return [CompletionItem(name) for name in names if name.startswith(incomplete) and name not in given]


def complete_builtins(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete ``eject NAME``: the built-in templates and stylesheets, by their names under their folder."""
    from briefpress.authoring.eject import builtins

    return [CompletionItem(item.name) for item in builtins() if item.name.startswith(incomplete)]
