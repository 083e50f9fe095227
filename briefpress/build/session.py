"""Build targets: skip the unchanged, produce the rest in workers, write what they made.

The stages per target are render HTML -> render PDF (produce.py, in a worker)
-> write (here, in the building process, atomically). Outputs and messages come
in plan order whatever order the workers finish in, and a target produces the
same bytes on any worker or backend.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from briefpress.build.cache import Digests, Manifest
from briefpress.build.workers import Done, Limits
from briefpress.build.write import write_atomically
from briefpress.project import Project
from briefpress.render.styles import stylesheets
from briefpress.target import Target

if TYPE_CHECKING:
    from briefpress.build.produce import Output
    from briefpress.content.model import Briefing


class Progress(Protocol):
    """What a build tells whoever shows its progress.

    ``unchanged`` lists the skipped targets (up to date); ``error`` is a failed
    target's message, naming it, as in ``BuildReport.failed``.
    """

    def planned(self, total: int, skipped: int, unchanged: Sequence[Target] = ()) -> None: ...
    def started(self, target: Target) -> None: ...
    def finished(self, target: Target, ok: bool, error: str | None = None) -> None: ...


class Executor(Protocol):
    """Runs payloads somewhere and yields each one's Done as it finishes."""

    peak_rss_mib: dict[int, float]

    def run(self, payloads: Sequence, started=None): ...
    def start(self) -> Executor: ...
    def close(self) -> None: ...
    def __enter__(self) -> Executor: ...
    def __exit__(self, *exc: object) -> None: ...


@dataclass(frozen=True)
class Options:
    """How to build: rendering strictness, parallelism, resource limits, cache use."""

    strict: bool = False
    jobs: int = 0  # 0: one worker per core
    force: bool = False
    limits: Limits = field(default_factory=Limits)
    scheduler: str | None = None  # a Dask scheduler address, e.g. tcp://host:8786
    debug: bool = False

    @property
    def workers(self) -> int:
        """Return the number of local workers: ``jobs``, or the cores this process may use."""
        return self.jobs or len(os.sched_getaffinity(0))


@dataclass
class BuildReport:
    """What a build made, skipped and could not make, and what WeasyPrint warned about."""

    total: int = 0
    built: list[Path] = field(default_factory=list)
    skipped: list[Target] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mib: dict[int, float] = field(default_factory=dict)


def build(
    project: Project,
    briefings: Sequence[Briefing],
    targets: Sequence[Target],
    out_dir: Path,
    progress: Progress | None = None,
    strict: bool = False,
    options: Options | None = None,
    executor: Executor | None = None,
    plan_key: str | None = None,
) -> BuildReport:
    """Build every target whose inputs changed; a target that fails is reported and the others go on.

    ``executor`` lets a caller (``watch``) keep its workers between builds;
    otherwise workers start here and stop at the end. With ``plan_key``
    (cache.plan_key), the targets are remembered so that an unchanged build
    can be recognised without loading the content (see ``up_to_date``).
    """
    started = time.perf_counter()
    options = options or Options(strict=strict)
    by_name = {briefing.name: briefing for briefing in briefings}
    digests = Digests(project, options.strict)
    manifest = Manifest.read(out_dir)
    if plan_key:
        manifest.remember(plan_key, targets, {b.name: (b.folder, b.spec.base_language) for b in briefings})
    report = BuildReport(total=len(targets))
    todo: list[tuple[Target, str]] = []
    for target in targets:
        briefing = by_name[target.briefing]
        digest = digests.of(briefing.folder, briefing.spec.base_language, target)
        if not options.force and manifest.fresh(target, digest):
            report.skipped.append(target)
        else:
            todo.append((target, digest))
    if progress:
        progress.planned(len(targets), len(report.skipped), unchanged=tuple(report.skipped))
    if todo:
        _produce_all(project, by_name, todo, out_dir, options, progress, manifest, report, executor)
    elif plan_key:
        manifest.write()
    report.seconds = time.perf_counter() - started
    return report


def up_to_date(project: Project, plan_key: str, out_dir: Path, strict: bool = False) -> BuildReport | None:
    """Return the report of a build with nothing to do, or None when some target must be built.

    Recognises an unchanged build from the manifest alone: no content is
    loaded and nothing is rendered.
    """
    started = time.perf_counter()
    manifest = Manifest.read(out_dir)
    recalled = manifest.recall(plan_key)
    if recalled is None:
        return None
    targets, bases = recalled
    digests = Digests(project, strict)
    for target in targets:
        folder, base = bases[target.briefing]
        if not manifest.fresh(target, digests.of(folder, base, target)):
            return None
    return BuildReport(len(targets), skipped=targets, seconds=time.perf_counter() - started)


def _produce_all(
    project: Project,
    by_name: dict[str, Briefing],
    todo: list[tuple[Target, str]],
    out_dir: Path,
    options: Options,
    progress: Progress | None,
    manifest: Manifest,
    report: BuildReport,
    executor: Executor | None,
) -> None:
    from briefpress.pdf.fonts import check_fonts
    from briefpress.pdf.renderer import check_setup

    check_setup()
    check_fonts(sorted({sheet for target, _ in todo for sheet in stylesheets(project, target)}))
    own = executor is None
    executor = executor or make_executor(project, options)
    payloads = [(by_name[target.briefing], target, options.strict) for target, _ in todo]
    built: dict[int, Path] = {}
    failed: dict[int, str] = {}
    warnings: dict[int, tuple[str, ...]] = {}
    try:
        for done in executor.run(payloads, lambda index: progress and progress.started(todo[index][0])):
            target, digest = todo[done.index]
            if done.error is None:
                paths = write_output(done.result, out_dir)
                manifest.record(target, digest, paths)
                built[done.index], warnings[done.index] = paths[1], done.result.warnings
            else:
                manifest.forget(target)
                failed[done.index] = _named(target, done.error)
            if progress:
                progress.finished(target, done.error is None, error=failed.get(done.index))
    finally:
        manifest.write()
        report.peak_rss_mib.update(executor.peak_rss_mib)
        if own:
            executor.close()
    report.built = [built[index] for index in sorted(built)]
    report.failed = [failed[index] for index in sorted(failed)]
    report.warnings = [warning for index in sorted(warnings) for warning in warnings[index]]


def _named(target: Target, error: str) -> str:
    return error if error.startswith(f"{target}:") else f"{target}: {error}"


def write_output(output: Output, out_dir: Path) -> list[Path]:
    """Write a target's HTML, PDF and booklet (if any); return their paths, the PDF second."""
    pdf_path = output.target.pdf_path(out_dir)
    html_path = pdf_path.with_suffix(".html")
    write_atomically(html_path, output.html.encode("utf-8"))
    write_atomically(pdf_path, output.pdf)
    paths = [html_path, pdf_path]
    if output.booklet is not None:
        booklet_path = pdf_path.with_name(f"{pdf_path.stem}-booklet.pdf")
        write_atomically(booklet_path, output.booklet)
        paths.append(booklet_path)
    return paths


def make_executor(project: Project, options: Options) -> Executor:
    """Return forked local workers, or a client of a Dask cluster when ``options.scheduler`` names one."""
    if options.scheduler:
        from briefpress.build.distributed import DaskExecutor

        return DaskExecutor(options.scheduler, project)
    from briefpress.build.produce import Producer
    from briefpress.build.workers import WorkerPool

    def setup():
        producer = Producer.for_project(project)
        return lambda payload: producer.produce(*payload)

    return WorkerPool(setup, options.workers, options.limits, options.debug)


__all__ = ["BuildReport", "Done", "Options", "build", "make_executor", "up_to_date", "write_output"]
