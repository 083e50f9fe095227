"""The plan: which targets a build makes, from the briefings and what was asked for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefpress.errors import BuildError, UsageError
from briefpress.project import SPEC_FILE, Project
from briefpress.target import PAIR, Target

if TYPE_CHECKING:
    from briefpress.content.model import Briefing


@dataclass(frozen=True)
class Selection:
    """What the command line asked for; an empty tuple means "as configured"."""

    briefings: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    layouts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    papers: tuple[str, ...] = ()
    variant: str = "pdf/ua-1"


def unknown_names(option: str, unknown: Iterable[str], known: Iterable[str]) -> UsageError:
    """Return the usage error for names on the command line that name nothing, listing those that do."""
    names = ", ".join(sorted(set(unknown)))
    available = ", ".join(sorted(set(known))) or "none"
    return UsageError(f"unknown {option} {names} (available: {available})")


def check_names(option: str, asked: Sequence[str], known: Iterable[str]) -> None:
    """Raise UsageError for any asked name that is not known."""
    known = set(known)
    unknown = [name for name in asked if name not in known]
    if unknown:
        raise unknown_names(option, unknown, known)


def select_briefings(project: Project, names: Sequence[str] = ()) -> list[Path]:
    """Return the folders of the briefings named (all when none is).

    Raise UsageError for a name that is not a briefing, and BuildError when
    the project has none.
    """
    folders = project.briefing_folders()
    check_names("briefing", names, [folder.name for folder in folders])
    if names:
        folders = [folder for folder in folders if folder.name in names]
    if not folders:
        raise BuildError(f"no briefings found: {project.content_dir}/*/{SPEC_FILE}")
    return folders


def plan(project: Project, briefings: Sequence[Briefing], selection: Selection) -> list[Target]:
    """Return the targets of a build, in a stable order; raise UsageError for bad names.

    A language pair such as ``en+es`` asks for the bilingual version of each
    layout that has one (``templates/bilingual/``).
    """
    check_names("layout", selection.layouts, project.layouts())
    check_names("style", selection.styles, project.styles())
    check_names("paper", selection.papers, project.papers())
    known = {lang for b in briefings for lang in b.spec.languages}
    check_names("language", [one for lang in selection.langs for one in lang.split(PAIR)], known)
    pairs = [lang for lang in selection.langs if PAIR in lang]
    for pair in pairs:
        if len(pair.split(PAIR)) != 2 or len(set(pair.split(PAIR))) != 2:
            raise unknown_names("language pair", [pair], [f"{a}{PAIR}{b}" for a in known for b in known if a != b])
    bilingual = project.bilingual_layouts()
    if pairs:
        check_names("bilingual layout", selection.layouts, bilingual)
    targets = []
    for briefing in briefings:
        spec = briefing.spec
        langs = [lang for lang in selection.langs or spec.languages if set(lang.split(PAIR)) <= set(spec.languages)]
        for lang in langs:
            layouts = selection.layouts or spec.outputs.layouts
            if PAIR in lang:
                layouts = [layout for layout in layouts if layout in bilingual]
            for layout in layouts:
                for style in selection.styles or spec.outputs.styles:
                    for paper in selection.papers or spec.outputs.papers:
                        targets.append(Target(briefing.name, lang, layout, style, paper, selection.variant))
    return targets
