"""One build session: load -> plan -> build, for ``build``, ``watch``, ``preview`` and the benchmark.

The stages per target are render HTML -> render PDF (produce.py, in a worker)
-> write (here, in the building process, atomically). Outcomes come in plan
order whatever order the workers finish in, and a target produces the same
bytes on any worker or backend. Each target ends as an ``Outcome``: built,
unchanged, failed (with why) or skipped (the build was stopped first).
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from briefpress.builds.cache import Digests, Manifest, plan_key
from briefpress.builds.plan import Selection, plan, select_briefings
from briefpress.builds.workers import Done, Limits
from briefpress.builds.write import write_atomically
from briefpress.errors import BuildError, RenderError
from briefpress.paths import shown
from briefpress.project import Project
from briefpress.render.styles import stylesheets
from briefpress.target import Target

if TYPE_CHECKING:
    from briefpress.builds.produce import Output
    from briefpress.content.model import Briefing

Status = Literal["built", "unchanged", "failed", "skipped"]


@dataclass(frozen=True)
class Outcome:
    """How one target ended: its status, why it failed, the files it wrote and the warnings."""

    target: Target
    status: Status
    message: str = ""  # why it failed (it does not name the target)
    paths: tuple[Path, ...] = ()  # the files written: HTML, PDF, booklet
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the build did that the reader should know (what it left out to fit)

    def __str__(self) -> str:
        """Return ``target: why``, one line for each line of the message."""
        return "\n".join(f"{self.target}: {line}" for line in (self.message or self.status).splitlines())

    @property
    def ok(self) -> bool:
        """Return whether the target's PDF is in place: built now, or unchanged."""
        return self.status in ("built", "unchanged")

    @property
    def pdf(self) -> Path | None:
        """Return the PDF written, or None."""
        return self.paths[1] if len(self.paths) > 1 else None


class Progress(Protocol):
    """What a build tells whoever shows its progress, target by target."""

    def planned(self, targets: Sequence[Target], unchanged: Sequence[Target]) -> None: ...
    def started(self, target: Target) -> None: ...
    def finished(self, outcome: Outcome) -> None: ...


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


@dataclass(frozen=True)
class BuildReport:
    """Every target's outcome, in plan order, with the build's time and its workers' peak memory."""

    outcomes: tuple[Outcome, ...] = ()
    seconds: float = 0.0
    peak_rss_mib: dict[int, float] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def having(self, status: Status) -> tuple[Outcome, ...]:
        """Return the outcomes of ``status``."""
        return tuple(outcome for outcome in self.outcomes if outcome.status == status)

    @property
    def built(self) -> tuple[Outcome, ...]:
        return self.having("built")

    @property
    def unchanged(self) -> tuple[Outcome, ...]:
        return self.having("unchanged")

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return self.having("failed")

    @property
    def skipped(self) -> tuple[Outcome, ...]:
        return self.having("skipped")

    @property
    def ok(self) -> bool:
        """Return whether every target's PDF is in place."""
        return all(outcome.ok for outcome in self.outcomes)


@dataclass(frozen=True)
class Plan:
    """The loaded briefings and the targets planned from them."""

    briefings: tuple[Briefing, ...]
    targets: tuple[Target, ...]


@dataclass
class Session:
    """Builds one selection of a project into one folder, as often as asked: load -> plan -> build.

    ``executor`` keeps warm workers between builds (``watch``, ``preview``);
    without one, workers start for each build and stop at its end.
    """

    def __init__(
        self,
        project: Project,
        selection: Selection | None = None,
        out_dir: Path | None = None,
        options: Options | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.project = project
        self.selection = selection or Selection()
        self.out_dir: Path = (out_dir or project.root / "dist").resolve()  # dist/ in the project by default
        self._default_out = out_dir is None
        self.options = options or Options()
        self.executor = executor

    def folders(self) -> list[Path]:
        """Return the folders of the selected briefings; raise UsageError for a name that is not one."""
        return select_briefings(self.project, self.selection.briefings)

    def load(self, folders: Sequence[Path] | None = None) -> list[Briefing]:
        """Load and validate the selected briefings; raise ContentError listing every problem."""
        from briefpress.content.load import load_briefings  # pydantic and the YAML reader: not needed for a no-op

        return load_briefings(list(folders or self.folders()), self.project.available())

    def prepare(self, folders: Sequence[Path] | None = None) -> Plan:
        """Load the selected briefings and plan their targets.

        Raise ContentError listing every problem of the content, and
        UsageError for a name in the selection that names nothing.
        """
        briefings = self.load(folders)
        return Plan(tuple(briefings), tuple(plan(self.project, briefings, self.selection)))

    def build(
        self,
        progress: Progress | None = None,
        prepared: Plan | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> BuildReport:
        """Load, plan and build; return every target's outcome.

        A build whose targets are all up to date is recognised from the
        manifest alone, before any content is loaded. ``prepared`` is a plan
        made already (by ``prepare``). ``stop()`` is asked after each target:
        once it says so, the targets not yet built are skipped.
        """
        if self._default_out and not self.out_dir.is_relative_to(os.path.realpath(self.project.root)):
            raise BuildError(
                f"{shown(self.project.root / 'dist')}/ leads outside the project (to {self.out_dir}); refused: "
                "remove the link, or name the output folder with --out"
            )
        folders = self.folders() if prepared is None else None
        key = plan_key(self.project, folders, self.selection) if folders is not None else None
        strict = self.options.strict
        if key and not self.options.force and (report := up_to_date(self.project, key, self.out_dir, strict)):
            if progress:
                targets = [outcome.target for outcome in report.outcomes]
                progress.planned(targets, targets)
            return report
        prepared = prepared or self.prepare(folders)
        return build_targets(
            self.project, prepared.briefings, prepared.targets, self.out_dir, progress, self.options, self.executor,
            plan_key=key, stop=stop,
        )

    def new_executor(self) -> Executor:
        """Return workers for this session's builds, not yet started (see ``make_executor``)."""
        return make_executor(self.project, self.options)


def build_project(
    project: Project | Path | str,
    selection: Selection | None = None,
    out_dir: Path | str | None = None,
    options: Options | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build a project's selected targets (all as configured by default) into ``out_dir`` (dist/ in the project).

    Return every target's outcome; a target that fails does not raise, its
    outcome says why. Raise UsageError for a name in ``selection`` that names
    nothing, and BuildError (ContentError, SetupError) when nothing can be
    built. This is ``briefpress.build()``.
    """
    if not isinstance(project, Project):
        project = Project.at(Path(project))
    out = Path(out_dir) if out_dir is not None else None
    return Session(project, selection or Selection(), out, options or Options()).build(progress)


def build_targets(
    project: Project,
    briefings: Sequence[Briefing],
    targets: Sequence[Target],
    out_dir: Path,
    progress: Progress | None = None,
    options: Options | None = None,
    executor: Executor | None = None,
    plan_key: str | None = None,
    stop: Callable[[], bool] | None = None,
) -> BuildReport:
    """Build every target whose inputs changed; a target that fails is reported and the others go on.

    ``executor`` lets a caller keep its workers between builds; otherwise
    workers start here and stop at the end. With ``plan_key``
    (cache.plan_key), the targets are remembered so that an unchanged build
    can be recognised without loading the content (see ``up_to_date``).
    """
    started = time.perf_counter()
    options = options or Options()
    by_name = {briefing.name: briefing for briefing in briefings}
    digests = Digests(project, options.strict)
    manifest = Manifest.read(out_dir)
    if plan_key:
        manifest.remember(plan_key, targets, {b.name: (b.folder, b.spec.base_language) for b in briefings})
    outcomes: dict[Target, Outcome] = {}
    todo: list[tuple[Target, str]] = []
    refused: list[Outcome] = []  # a target whose stylesheets cannot be read fails alone, before rendering
    for target in targets:
        briefing = by_name[target.briefing]
        try:
            digest = digests.of(briefing.folder, briefing.spec.base_language, target)
        except RenderError as error:
            manifest.forget(target)
            refused.append(Outcome(target, "failed", error.text()))
            continue
        if not options.force and manifest.fresh(target, digest):
            outcomes[target] = Outcome(target, "unchanged")
        else:
            todo.append((target, digest))
    if progress:
        progress.planned(targets, list(outcomes))
        for outcome in refused:
            progress.finished(outcome)
    outcomes.update((outcome.target, outcome) for outcome in refused)
    peaks: dict[int, float] = {}
    if todo:
        built = _produce_all(project, by_name, todo, out_dir, options, progress, manifest, executor, stop, peaks)
        outcomes.update((outcome.target, outcome) for outcome in built)
    elif plan_key:
        manifest.write()
    ordered = tuple(outcomes[target] for target in targets)
    return BuildReport(ordered, time.perf_counter() - started, peaks)


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
        try:
            if not manifest.fresh(target, digests.of(folder, base, target)):
                return None
        except RenderError:  # a stylesheet that cannot be read: the build says so, target by target
            return None
    outcomes = tuple(Outcome(target, "unchanged") for target in targets)
    return BuildReport(outcomes, time.perf_counter() - started)


def _produce_all(
    project: Project,
    by_name: dict[str, Briefing],
    todo: list[tuple[Target, str]],
    out_dir: Path,
    options: Options,
    progress: Progress | None,
    manifest: Manifest,
    executor: Executor | None,
    stop: Callable[[], bool] | None,
    peaks: dict[int, float],
) -> list[Outcome]:
    from briefpress.pdf.fonts import check_fonts
    from briefpress.pdf.renderer import check_setup

    check_setup()
    check_fonts(sorted({sheet for target, _ in todo for sheet in stylesheets(project, target)}))
    own = executor is None
    executor = executor or make_executor(project, options)
    payloads = [(by_name[target.briefing], target, options.strict) for target, _ in todo]
    outcomes: dict[int, Outcome] = {}
    try:
        def started(index: int) -> None:
            if progress:
                progress.started(todo[index][0])

        for done in executor.run(payloads, started):
            target, digest = todo[done.index]
            if done.error is None:
                try:
                    paths = write_output(done.result, out_dir)
                except OSError as error:
                    manifest.forget(target)
                    outcome = Outcome(target, "failed", f"cannot write its outputs: {_os_reason(error)}")
                else:
                    manifest.record(target, digest, paths)
                    notes = ("left out to fit: " + ", ".join(done.result.left_out),) if done.result.left_out else ()
                    outcome = Outcome(target, "built", paths=tuple(paths), warnings=done.result.warnings, notes=notes)
            else:
                manifest.forget(target)
                outcome = Outcome(target, "failed", done.error + _kept_overflow(target, done.result, out_dir))
            outcomes[done.index] = outcome
            if progress:
                progress.finished(outcome)
            if stop and stop():
                break
    finally:
        try:
            manifest.write()
        except OSError:
            pass  # the output folder cannot be written; each target's outcome says so
        peaks.update(executor.peak_rss_mib)
        if own:
            executor.close()
    return [outcomes.get(index) or Outcome(target, "skipped", "stopped") for index, (target, _) in enumerate(todo)]


def _os_reason(error: OSError) -> str:
    """Return what an OSError says, in words, with the path it names as the user sees it."""
    reason = error.strerror or type(error).__name__
    if isinstance(error, FileExistsError) or (isinstance(error, NotADirectoryError) and "refused" not in reason):
        reason = "a file stands where a folder must be"
    elif isinstance(error, IsADirectoryError):
        reason = "a folder stands where the file must be"
    return f"{shown(Path(error.filename))}: {reason}" if error.filename else reason


def overflow_path(target: Target, out_dir: Path) -> Path:
    """Return where a target that does not fit keeps its overflowing layout: ``<stem>.overflow.pdf``."""
    pdf_path = target.pdf_path(out_dir)
    return pdf_path.with_name(f"{pdf_path.stem}.overflow.pdf")


def _kept_overflow(target: Target, result: object, out_dir: Path) -> str:
    """Write a failed target's overflowing layout beside its output, if it left one; return a line saying where."""
    pdf = getattr(result, "pdf", None)
    if not isinstance(pdf, bytes):
        return ""
    path = overflow_path(target, out_dir)
    try:
        _inside(path, out_dir)
        write_atomically(path, pdf)
    except OSError as error:
        return f"\nthe overflowing layout could not be kept: {_os_reason(error)}"
    return f"\nthe overflowing layout, to look at (not the output): {shown(path)}"


def _inside(path: Path, out_dir: Path) -> None:
    folder = Path(os.path.realpath(path.parent))
    if not folder.is_relative_to(os.path.realpath(out_dir)):
        raise NotADirectoryError(errno.ENOTDIR, f"leads outside {shown(out_dir)}/ (to {folder}); refused",
                                 str(path.parent))


def write_output(output: Output, out_dir: Path) -> list[Path]:
    """Write a target's HTML, PDF and booklet (if any); return their paths, the PDF second."""
    pdf_path = output.target.pdf_path(out_dir)
    html_path = pdf_path.with_suffix(".html")
    _inside(pdf_path, out_dir)
    # The PDF first: a path that refuses it leaves the HTML beside the old PDF unchanged too.
    write_atomically(pdf_path, output.pdf)
    write_atomically(html_path, output.html.encode("utf-8"))
    paths = [html_path, pdf_path]
    if output.booklet is not None:
        booklet_path = pdf_path.with_name(f"{pdf_path.stem}-booklet.pdf")
        write_atomically(booklet_path, output.booklet)
        paths.append(booklet_path)
    overflow_path(output.target, out_dir).unlink(missing_ok=True)  # a good build: the old overflow is stale
    return paths


def make_executor(project: Project, options: Options) -> Executor:
    """Return forked local workers, or a client of a Dask cluster when ``options.scheduler`` names one."""
    if options.scheduler:
        from briefpress.builds.distributed import DaskExecutor

        return DaskExecutor(options.scheduler, project)
    from briefpress.builds.produce import Producer
    from briefpress.builds.workers import WorkerPool

    def setup():
        producer = Producer.for_project(project)
        return lambda payload: producer.produce(*payload)

    return WorkerPool(setup, options.workers, options.limits, options.debug)


__all__ = [
    "BuildReport", "Done", "Options", "Outcome", "Plan", "Session", "build_project", "build_targets", "make_executor",
    "overflow_path", "up_to_date", "write_output",
]
