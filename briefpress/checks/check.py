"""Check a project without rendering: content, templates, fonts, catalogs, translation coverage, facts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefpress.builds.plan import Selection, plan, select_briefings
from briefpress.builds.workers import Limits
from briefpress.errors import ContentError, Problem
from briefpress.project import Project
from briefpress.target import Target

if TYPE_CHECKING:
    from briefpress.checks.coverage import Completeness
    from briefpress.checks.factcheck import FactCheck, SourceFiles
    from briefpress.content.model import Briefing


# What compiling one template may take: Jinja folds constant expressions while it compiles.
COMPILE_LIMITS = Limits(memory_mib=1024, seconds=30)


@dataclass(frozen=True)
class CheckReport:
    """What a check found: the briefings and their targets, each language's coverage, each fact check."""

    briefings: tuple[Briefing, ...]
    targets: tuple[Target, ...]
    coverage: tuple[Completeness, ...]
    facts: tuple[FactCheck, ...] = ()  # one per briefing, when source files were given
    guidance: tuple[Problem, ...] = ()  # where a text leaves the lengths its layouts are drawn for (warnings)
    todos: tuple[Problem, ...] = ()  # each text left for a person to write (``TODO: ...``), its hint the message

    @property
    def gaps(self) -> list[str]:
        """Return one sentence per translation gap."""
        return [gap for report in self.coverage for gap in report.gaps()]

    @property
    def stale(self) -> list[str]:
        """Return one sentence per translated field whose base text changed since it was translated."""
        return [line for report in self.coverage for line in report.stale()]


def check(project: Project | Path | str, briefings: Sequence[str] = (), sources: SourceFiles = ()) -> CheckReport:
    """Validate the named briefings (all when none is), the templates, fonts and catalogs; measure coverage.

    With ``sources`` (files or folders of .txt and .md: by source id, as
    ``{"article": Path("a.txt"), "press": [Path("b.md")]}``, the key None
    for the summarised source; or a list of files of the summarised source),
    also check every figure, date and quotation against its own source's
    files. Raise UsageError for a name that is not a briefing or a source id
    that is no source, and BuildError (ContentError, SetupError) for what
    would stop a build; translation gaps and facts not found are results, in
    the report.
    """
    from briefpress.checks.coverage import catalog_problems, completeness
    from briefpress.content.load import load_briefings
    from briefpress.pdf.fonts import check_fonts
    from briefpress.render.styles import stylesheets

    if not isinstance(project, Project):
        project = Project.at(Path(project))
    loaded = load_briefings(select_briefings(project, briefings), project.available())
    check_templates(project)
    targets = plan(project, loaded, Selection())
    check_fonts(sorted({sheet for target in targets for sheet in stylesheets(project, target)}))
    problems = catalog_problems(project, {lang for briefing in loaded for lang in briefing.spec.languages})
    if problems:
        raise ContentError(problems)
    coverage = tuple(report for briefing in loaded for report in completeness(project, briefing))
    facts: tuple[FactCheck, ...] = ()
    if sources:
        from briefpress.checks.factcheck import check_sources

        facts = check_sources(loaded, sources)
    from briefpress.checks.guidance import guidance

    advice = tuple(warning for briefing in loaded for warning in guidance(briefing))
    return CheckReport(tuple(loaded), tuple(targets), coverage, facts, advice, tuple(todo_problems(loaded)))


def todo_problems(briefings: Sequence[Briefing]) -> list[Problem]:
    """Return one problem per to-do (a text value ``TODO: ...``) in each briefing's files, in file order."""
    from briefpress.content.todo import todos
    from briefpress.content.yamlread import dotted

    found = []
    for briefing in briefings:
        for path in (briefing.spec_file(), *(briefing.text_file(lang) for lang in briefing.spec.languages)):
            document = briefing.documents.get(path)
            if document is None:
                continue
            for loc, hint in todos(document.data):
                found.append(Problem(path, document.line_of(loc), dotted(loc), hint))
    return found


def check_templates(project: Project, limits: Limits = COMPILE_LIMITS) -> None:
    """Compile every template in a worker bounded by ``limits``; raise ContentError listing each problem.

    A template whose compiling runs past a limit is a problem of its own; the others are still compiled.
    """
    from briefpress.builds.workers import WorkerPool
    from briefpress.render.html import make_environment, template_names, template_problems

    env = make_environment(project)
    names = template_names(env)

    def setup():
        return lambda name: template_problems(env, name)

    problems: list[Problem] = []
    with WorkerPool(setup, 1, limits) as pool:
        for done in pool.run(names):
            if done.error is None:
                problems += done.result
            else:
                path = _template_path(project, names[done.index])
                problems.append(Problem(path, 1, "", f"compiling it {done.error}"))
    if problems:
        raise ContentError(problems)


def _template_path(project: Project, name: str) -> Path:
    prefix, _, rest = name.partition("/")
    if prefix == "!base":
        return project.builtin_template_dir / rest
    return next((folder / name for folder in project.template_dirs if (folder / name).is_file()), Path(name))
