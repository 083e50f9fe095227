"""Produce one target in memory: HTML -> fitted PDF -> crop marks or booklet, as bytes to be written.

This is the work a build worker does; it never writes a file, so a worker that
is killed part-way leaves nothing behind. WeasyPrint is imported here and only
here (with pdf.py and fit.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefpress.builds.workers import TaskError
from briefpress.content.model import Briefing
from briefpress.errors import BriefpressError, ContentError, shortened
from briefpress.paths import shown
from briefpress.pdf.fetch import RootedFetcher
from briefpress.pdf.fit import DoesNotFitError
from briefpress.pdf.impose import SHEET_PAGES, impose_booklet
from briefpress.pdf.marks import add_crop_marks
from briefpress.pdf.preflight import Limits
from briefpress.pdf.renderer import Renderer, press_profile
from briefpress.pdf.verify import verify_pdf
from briefpress.project import TEMPLATE_SUFFIX, Project
from briefpress.render.html import make_environment, render_page
from briefpress.render.styles import Styles
from briefpress.target import Target

# Landscape sheets a booklet is printed on, in points; other papers get two pages' width.
SHEETS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}


class TargetError(TaskError):
    """A target could not be produced; the message says why."""


@dataclass(frozen=True)
class Overflow:
    """What a target that does not fit leaves for a look: its overflowing layout, written as a PDF."""

    pdf: bytes


@dataclass(frozen=True)
class Output:
    """What one target produced: the PDF, its HTML, perhaps a booklet, and the warnings."""

    target: Target
    pdf: bytes
    html: str
    booklet: bytes | None
    warnings: tuple[str, ...]
    scale: float
    passes: int
    seconds: float
    left_out: tuple[str, ...] = ()  # what was left out to fit, in plain words


@dataclass
class Producer:
    """Everything a process needs to produce targets of one project, made once and reused.

    The font configuration inside ``renderer`` is the costly part to make; one
    producer per worker process keeps it warm across targets.
    """

    project: Project
    env: SandboxedEnvironment
    renderer: Renderer

    @classmethod
    def for_project(cls, project: Project) -> Producer:
        """Return a producer with a fresh Jinja environment and font configuration."""
        renderer = Renderer(RootedFetcher(project.roots(), project.root), project.root.as_uri() + "/")
        return cls(project, make_environment(project), renderer)

    def produce(self, briefing: Briefing, target: Target, strict: bool = False) -> Output:
        """Produce one target; raise TargetError saying why it failed (the build names the target)."""
        try:
            return self._produce(briefing, target, strict)
        except DoesNotFitError as error:  # the overflowing layout goes beside the output, never over it
            failure = TargetError(error.text())
            failure.result = Overflow(error.pdf) if error.pdf else None
            failure.passes = error.passes  # type: ignore[attr-defined]  # for the benchmark
            raise failure from None
        except ContentError as error:  # a label catalog: its problems, without "nothing was built"
            raise TargetError("\n".join(map(str, error.problems))) from None
        except BriefpressError as error:
            raise TargetError(error.text()) from None
        except jinja2.TemplateError as error:
            raise TargetError(template_error(error)) from None
        except RecursionError:
            raise TargetError(
                "nested too deeply: a macro or template that calls itself, or a stylesheet that imports itself"
            ) from None
        except MemoryError:
            raise
        except Exception as error:
            where = template_line(error)
            if where is None:  # not a template's doing: a bug of briefpress's, shown as one
                raise
            raise TargetError(f"{where}: template: {type(error).__name__}: {shortened(str(error))}") from None

    def _produce(self, briefing: Briefing, target: Target, strict: bool) -> Output:
        started = time.perf_counter()
        if target.print_ready and "device-cmyk" not in self.renderer.color_profiles:
            self.renderer.color_profiles["device-cmyk"] = press_profile(self.project.style_dirs)
        styles = Styles.of(self.project, target)
        pagination = styles.pagination(bilingual=len(target.langs) > 1)
        sheet = SHEET_PAGES if pagination.impose == "booklet" else 1  # the pages a sheet of its paper carries
        rendered = self.renderer.pdf(
            lambda scale, leave_out: render_page(self.env, self.project, briefing, target, scale, styles, leave_out),
            fonts=styles.families(),
            variant=target.variant,
            budget=pagination.budget,
            overflow=pagination.overflow,
            tighten=pagination.tighten,
            unit=sheet,  # a booklet ends a sheet sooner, or not at all
            min_body=styles.min_body_pt,
            comfortable_body=styles.comfortable_body_pt,
            strict=strict,
            limits=Limits.of(styles),
        )
        pdf = add_crop_marks(rendered.pdf, sheet) if target.print_ready else rendered.pdf
        booklet = None
        # A print shop imposes print-ready pages itself, bleed and all.
        if pagination.impose == "booklet" and not target.print_ready:
            booklet = impose_booklet(pdf, SHEETS.get(target.paper))
        for data in (pdf, booklet):
            if data is not None:
                verify_pdf(data)
        return Output(
            target,
            pdf,
            rendered.html,
            booklet,
            tuple(rendered.warnings),
            rendered.scale,
            rendered.passes,
            time.perf_counter() - started,
            rendered.left_out,
        )


def template_line(error: BaseException) -> str | None:
    """Return ``file:line`` of the innermost template frame an error passed through, if any.

    Jinja rewrites a rendering error's traceback so that template frames carry
    the template's file name and line.
    """
    where = None
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            where = f"{shown(Path(filename))}:{trace.tb_lineno}"
        trace = trace.tb_next
    return where


def template_error(error: jinja2.TemplateError) -> str:
    """Return a template error as one line: file, line and what is wrong."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: template syntax: {error.message}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template not found: {error.name}"
    return f"template: {error.message}"
