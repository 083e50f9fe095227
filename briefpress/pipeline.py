"""Build targets: render HTML -> render PDF -> write, one target at a time."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from briefpress.errors import BriefpressError
from briefpress.fetch import RootedFetcher
from briefpress.fit import min_body_pt
from briefpress.fonts import check_fonts, declared_families
from briefpress.impose import impose_booklet
from briefpress.model import Briefing
from briefpress.pdf import Renderer, check_setup, press_profile
from briefpress.plan import Target
from briefpress.project import Project
from briefpress.render import make_environment, render_html, stylesheets
from briefpress.write import write_atomically


@dataclass
class BuildReport:
    """What a build made, what it could not, and what WeasyPrint warned about."""

    built: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


Progress = Callable[[int, int, Target], None]
BOOKLET = re.compile(r'<html[^>]*\sdata-impose="booklet"')
# Landscape sheets a booklet is printed on, in points; other papers get two pages' width.
SHEETS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}


def build(
    project: Project,
    briefings: Sequence[Briefing],
    targets: Sequence[Target],
    out_dir: Path,
    progress: Progress | None = None,
    strict: bool = False,
) -> BuildReport:
    """Build every target; a target that fails is reported and the others go on.

    With ``strict``, a WeasyPrint warning (an unknown CSS property, a missing
    image) fails its target.
    """
    started = time.perf_counter()
    check_setup()
    check_fonts(sorted({sheet for target in targets for sheet in stylesheets(project, target)}))
    env = make_environment(project)
    renderer = Renderer(RootedFetcher(project.roots()), project.root.as_uri() + "/")
    if any(target.print_ready for target in targets):
        renderer.color_profiles["device-cmyk"] = press_profile(project.style_dirs)
    by_name = {briefing.name: briefing for briefing in briefings}
    report = BuildReport()
    for number, target in enumerate(targets, 1):
        if progress:
            progress(number, len(targets), target)
        try:
            briefing = by_name[target.briefing]
            report.built.append(build_target(project, env, renderer, briefing, target, out_dir, report, strict))
        except BriefpressError as error:
            report.failed.append(error.format_message().removeprefix("error: "))
        except jinja2.TemplateError as error:
            report.failed.append(f"{target}: {_template_error(error)}")
    report.seconds = time.perf_counter() - started
    return report


def build_target(
    project: Project,
    env: jinja2.Environment,
    renderer: Renderer,
    briefing: Briefing,
    target: Target,
    out_dir: Path,
    report: BuildReport,
    strict: bool = False,
) -> Path:
    """Build one target and return the path of its PDF."""
    sheets = stylesheets(project, target)
    rendered = renderer.pdf(
        lambda scale: render_html(env, project, briefing, target, scale),
        str(target),
        fonts=declared_families(sheets),
        variant=target.variant,
        min_body=min_body_pt("".join(sheet.read_text(encoding="utf-8") for sheet in sheets)),
        strict=strict,
    )
    report.warnings += rendered.warnings
    pdf_path = target.pdf_path(out_dir)
    write_atomically(pdf_path.with_suffix(".html"), rendered.html.encode("utf-8"))
    write_atomically(pdf_path, rendered.pdf)
    # A print shop imposes print-ready pages itself, bleed and all.
    if BOOKLET.search(rendered.html) and not target.print_ready:
        booklet = impose_booklet(rendered.pdf, SHEETS.get(target.paper))
        write_atomically(pdf_path.with_name(f"{pdf_path.stem}-booklet.pdf"), booklet)
    return pdf_path


def _template_error(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: template syntax: {error.message}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template not found: {error.name}"
    return f"template: {error.message}"
