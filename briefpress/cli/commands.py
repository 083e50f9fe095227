"""The command line: parse options, load, call the library, map errors to exit codes."""

from __future__ import annotations

import re
import signal
import sys
import threading
from pathlib import Path

import click

import briefpress
from briefpress import __version__
from briefpress.builds.plan import Selection
from briefpress.builds.session import BuildReport, Options, Session
from briefpress.builds.workers import Limits
from briefpress.cli import completion
from briefpress.cli.progress import LineProgress, TerminalProgress
from briefpress.cli.terminal import control, printable_output
from briefpress.cli.translate import translate_group
from briefpress.errors import BriefpressError, BuildError, UsageError, counted, shortened
from briefpress.paths import shown
from briefpress.project import Project

PREFIX = "error: "


def _names(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept an option given several times, or once with comma-separated names."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def _selection_options(command):
    """Add the arguments and options that select targets: BRIEFINGS, --lang, --layout, --style, --paper."""
    choices = (
        ("--paper", "papers", completion.complete_papers, "Paper sizes: a4, letter."),
        ("--style", "styles", completion.complete_styles, "Styles, e.g. formal."),
        ("--layout", "layouts", completion.complete_layouts, "Layouts, e.g. sheet."),
        ("--lang", "langs", completion.complete_langs, "Languages, e.g. en,es."),
    )
    options = [
        click.option(flag, name, multiple=True, callback=_names, shell_complete=complete, help=text)
        for flag, name, complete, text in choices
    ]
    options.append(click.argument("briefings", nargs=-1, shell_complete=completion.complete_briefings))
    for option in options:
        command = option(command)
    return command


QUIET_HELP = "No progress: only warnings, errors and each build's summary line."
VERBOSE_HELP = "One line per target, on a terminal too, with its time, and the unchanged targets listed."

out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [default: dist/ in the project].",
)
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes [default: one per core]."
)
strict_option = click.option(
    "--strict", is_flag=True, help="Fail a target on any rendering warning, not only on errors."
)


def _to_root(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Record a subcommand's -q or -v where the group's own are kept, so both spellings work."""
    if value:
        params = ctx.find_root().params
        params[param.name] = True
        _check_verbosity(params.get("quiet", False), params.get("verbose", False))


def _check_verbosity(quiet: bool, verbose: bool) -> None:
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose contradict each other; give one")


def _verbosity_options(command):
    """Add -q/--quiet and -v/--verbose, the same as the group's, to a command that shows progress."""
    for name, short, text in (("verbose", "-v", VERBOSE_HELP), ("quiet", "-q", QUIET_HELP)):
        command = click.option(f"--{name}", short, is_flag=True, expose_value=False, callback=_to_root, help=text)(
            command
        )
    return command


class Interrupted(click.ClickException):
    """Ctrl-C: outputs being written were abandoned; those already in place are whole."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("interrupted; files already in place are unchanged")

    def show(self, file=None) -> None:
        if sys.stderr.isatty():
            control(sys.stderr, "\r\x1b[K")  # clear the progress bar and the terminal's ^C
        click.echo(self.message, err=True)


class Failed(click.ClickException):
    """A library error that is not a usage error, carried through click with its problems and exit code."""

    def __init__(self, error: BriefpressError) -> None:
        super().__init__(error.text())
        self.error = error
        self.exit_code = error.exit_code  # type: ignore[misc]  # click's is a class default


def to_click(error: BriefpressError, ctx: click.Context | None) -> click.ClickException:
    """Return the click exception that shows ``error``: a usage error (exit 2) with its usage line, or Failed."""
    if isinstance(error, UsageError):
        message = "\n".join(map(str, error.problems))
        if error.param:
            return click.BadParameter(message, ctx, param_hint=error.param)
        return click.UsageError(message, ctx)
    return Failed(error)


def error_lines(error: click.ClickException | BriefpressError) -> list[str]:
    """Return what an error shows: each problem after ``error: ``, a usage error with its usage line first."""
    if isinstance(error, BriefpressError):
        error = to_click(error, click.get_current_context(silent=True))
    if isinstance(error, Failed):
        return [*(PREFIX + str(problem) for problem in error.error.problems), *error.error.after]
    message = error.format_message()
    if message[:1].isupper() and message[1:2].islower():  # click's own sentences: "No such option ..."
        message = message[0].lower() + message[1:]
    lines = [PREFIX + message]
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click.UsageError) and ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            option = max(ctx.command.get_help_option_names(ctx), key=len)
            hint = f"Try '{ctx.command_path} {option}' for help.\n"
        lines.insert(0, f"{ctx.get_usage()}\n{hint}")
    return lines


class _MapsErrors:
    """Turn library errors into click's in the command's own context (for its usage line); Ctrl-C into 130.

    The one place where BriefpressError meets click.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)  # type: ignore[misc]  # the click class it is mixed into
        except BriefpressError as error:
            raise to_click(error, ctx) from None
        except KeyboardInterrupt:
            raise Interrupted from None


class BriefpressCommand(_MapsErrors, click.Command):
    """A command of the group."""


class BriefpressGroup(_MapsErrors, click.Group):
    """The command group: every error shown one line each after ``error: ``; Ctrl-C exits 130."""

    command_class = BriefpressCommand

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        error: click.ClickException
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.Abort as abort:  # Ctrl-C while click parsed the command line, or an aborted prompt
            if not isinstance(abort.__cause__, KeyboardInterrupt):
                click.echo("error: aborted", err=True)
                sys.exit(1)
            error = Interrupted()
        except click.ClickException as raised:
            error = raised
        else:
            sys.exit(code if isinstance(code, int) else 0)
        if isinstance(error, Interrupted):
            error.show()
        else:
            click.echo("\n".join(error_lines(error)), err=True)
        sys.exit(error.exit_code)


@click.group(
    cls=BriefpressGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--project",
    "-C",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder holding content/ and optionally templates/, styles/, locale/ "
    "[default: the first folder from here up that holds content/, else this one].",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help=QUIET_HELP + " Also after build and watch.",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help=VERBOSE_HELP,
)
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.version_option(__version__, prog_name="briefpress")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, quiet: bool, verbose: bool, debug: bool) -> None:
    """Turn YAML summaries of an article into printable briefings (PDF).

    With no command, build every briefing as configured.

    Exit codes: 0 success; 1 content, template or build error; 2 usage error
    (an unknown option, briefing, language, layout, style or paper); 130
    interrupted (Ctrl-C); 143 stopped (SIGTERM).
    """
    _check_verbosity(quiet, verbose)
    ctx.obj = Project.at(root) if root is not None else Project.discover(Path.cwd())
    if ctx.invoked_subcommand is None:
        ctx.invoke(build_command)


@cli.command("build")
@_selection_options
@_verbosity_options
@click.option(
    "--pdf-variant",
    "variant",
    type=click.Choice(["pdf/ua-1", "pdf/a-3b"]),
    default="pdf/ua-1",
    show_default=True,
    help="PDF/UA-1 (tagged, accessible) or PDF/A-3b (archival, tagged too).",
)
@click.option("--print-ready", is_flag=True, help="For a print shop: 3 mm bleed, crop marks, PDF/X-4.")
@strict_option
@out_option
@jobs_option
@click.option("--force", is_flag=True, help="Rebuild every target, even those whose inputs did not change.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    default=Limits.seconds,
    show_default=True,
    help="Seconds one target may take before it is stopped and fails.",
)
@click.option(
    "--memory-limit",
    type=click.IntRange(min=0),
    default=Limits.memory_mib,
    show_default=True,
    help="MiB of address space one worker may use (0: no limit).",
)
@click.option("--scheduler", default=None, help="Render on a Dask cluster, e.g. tcp://host:8786 (extra: dask).")
@click.pass_obj
def build_command(
    project: Project,
    briefings: tuple[str, ...] = (),
    langs: tuple[str, ...] = (),
    layouts: tuple[str, ...] = (),
    styles: tuple[str, ...] = (),
    papers: tuple[str, ...] = (),
    variant: str = "pdf/ua-1",
    print_ready: bool = False,
    strict: bool = False,
    out_dir: Path | None = None,
    jobs: int = 0,
    force: bool = False,
    time_limit: float = Limits.seconds,
    memory_limit: int = Limits.memory_mib,
    scheduler: str | None = None,
) -> None:
    """Build PDFs (and their HTML) into OUT/<briefing>/<lang>/<layout>-<style>-<paper>.pdf.

    Every PDF is tagged PDF/UA-1 unless --pdf-variant or --print-ready
    (file names end in -pdfa and -print) ask for another.

    Each option is repeatable or comma-separated; left out, each briefing's
    own configuration decides. Targets whose inputs did not change since the
    last build are skipped (--force rebuilds them). Each target renders in a
    worker process bounded by --time-limit and --memory-limit; one that
    exceeds them fails alone and the others complete.
    """
    selection = Selection(briefings, langs, layouts, styles, papers, "pdf/x-4" if print_ready else variant)
    options = Options(strict, jobs, force, Limits(memory_limit, time_limit), scheduler, _debug())
    report = briefpress.build(project, selection, out_dir, options, _progress())  # None: dist/, checked there
    _summarise(report, _out(project, out_dir))


def _out(project: Project, out_dir: Path | None) -> Path:
    """Return the output folder asked for, or dist/ in the project."""
    return (out_dir or project.root / "dist").resolve()


def _debug() -> bool:
    return click.get_current_context().find_root().params.get("debug", False)


def _verbosity() -> tuple[bool, bool]:
    """Return the group's --quiet and --verbose."""
    params = click.get_current_context().find_root().params
    return params.get("quiet", False), params.get("verbose", False)


def _progress() -> TerminalProgress | LineProgress | None:
    """Return a bar on a terminal, one line per target elsewhere (and with -v), nothing with -q."""
    quiet, verbose = _verbosity()
    if quiet:
        return None
    return TerminalProgress(sys.stderr) if sys.stderr.isatty() and not verbose else LineProgress(sys.stderr)


def _summarise(report: BuildReport, out_dir: Path) -> None:
    """Print the warnings and the summary; raise with one line per failed target."""
    if _verbosity()[1]:
        for outcome in report.unchanged:
            click.echo(f"unchanged {outcome.target}", err=True)
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.target}: {warning}", err=True)
        for note in outcome.notes:
            click.echo(f"{outcome.target}: {note}", err=True)
    click.echo(
        f"{counted(report.total, 'target')}: {len(report.built)} built, {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed; in {shown(out_dir)}/ ({report.seconds:.1f} s)"
    )
    if report.failed:
        raise BuildError([line for outcome in report.failed for line in str(outcome).splitlines()])


def _source_files(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str | None, list[Path]]:
    """Read each --source as ID=PATH (the files of the source of that id) or PATH (the summarised source's)."""
    exists = click.Path(exists=True, path_type=Path)
    files: dict[str | None, list[Path]] = {}
    for value in values:
        named = re.fullmatch(r"([a-z0-9]+(?:-[a-z0-9]+)*)=(.+)", value)
        key, path = (named[1], named[2]) if named and not Path(value).exists() else (None, value)
        files.setdefault(key, []).append(exists.convert(path, param, ctx))
    return files


@cli.command("check")
@click.argument("briefings", nargs=-1, shell_complete=completion.complete_briefings)
@click.option("--strict", is_flag=True, help="Fail on any missing, stale or fuzzy translation, and on any to-do.")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="[ID=]PATH",
    callback=_source_files,
    help="A source (.txt, .md, .html, .pdf or .docx, or a folder of .txt and .md files), ID=PATH for the source "
    "of that id, PATH for the first; repeatable: find each figure, date and quotation in its own source.",
)
@click.pass_obj
def check_command(
    project: Project, briefings: tuple[str, ...], strict: bool, sources: dict[str | None, list[Path]]
) -> None:
    """Validate content, templates and catalogs without rendering; report translation coverage.

    With --source, also check every figure, date and quotation of every language
    against the text of its own source (--source ID=PATH for each source id; a
    plain PATH is the first source, the one summarised), and list each one it
    cannot find there. A source given no file is reported as not checked.

    A translated field whose base-language text changed since it was translated
    is reported as stale (text/<lang>.digests records what each was made from).
    A text that begins with TODO (what briefpress draft leaves to write) is
    listed as a to-do.

    Exit 0 when clean, 1 on errors (and, with --strict, on translation gaps, stale ones and to-dos;
    with --source, on anything not found in its source), 2 when a briefing
    or a source id named does not exist.
    """
    report = briefpress.check(project, briefings, sources)
    for coverage in report.coverage:
        click.echo(coverage.summary())
    gaps = report.gaps
    for coverage in report.coverage:
        if coverage.untracked:
            click.echo(
                f"note: {coverage.briefing} {coverage.lang}: what its translations were made from is not recorded, "
                f"so a change to the {coverage.base_name} cannot show as stale; to start: "
                f"briefpress translate mark {coverage.briefing} --lang {coverage.lang}"
            )
    if gaps and strict:
        raise BuildError(gaps, [f"{counted(len(gaps), 'translation gap')}; --strict makes them errors"])
    missing = [problem for facts in report.facts for problem in facts.missing]
    for facts in report.facts:
        if not facts.missing:
            click.echo(facts.summary())
    if missing:
        raise BuildError(missing, [line for facts in report.facts if facts.missing for line in facts.lines()])
    briefings_found, targets = counted(len(report.briefings), "briefing"), counted(len(report.targets), "target")
    for warning in report.guidance:  # guidance on length: a warning, never an error, after any error
        click.echo(f"warning: {warning}", err=True)
    stale = report.stale
    for line in stale:
        click.echo(f"warning: {line}", err=True)
    for problem in report.todos:
        click.echo(f"to do: {problem}", err=True)
    if report.todos and strict:
        raise BuildError(f"{counted(len(report.todos), 'to-do')} left to write; --strict makes them errors")
    click.echo(f"ok: {briefings_found}, {targets}, no problems found")
    if report.todos:
        click.echo(f"{counted(len(report.todos), 'to-do')} left to write: printed as a draft until written")
    untranslated = len(gaps) - len(stale)
    if untranslated:
        click.echo(f"{counted(untranslated, 'translation gap')} shown in the base language; check --strict lists them")
    if stale:
        click.echo(
            f"{counted(len(stale), 'stale translation')} marked on the page until reviewed: "
            "briefpress translate mark (or translate export, then import)"
        )


@cli.command("list")
@click.pass_obj
def list_command(project: Project) -> None:
    """List the briefings with their languages, and the layouts, styles and papers."""
    for briefing in Session(project).load():
        click.echo(f"briefing {briefing.name}: languages {', '.join(briefing.spec.languages)}")
    click.echo(f"layouts: {', '.join(project.layouts())}")
    click.echo(f"styles: {', '.join(project.styles())}")
    click.echo(f"papers: {', '.join(project.papers())}")


@cli.command("new")
@click.argument("name", metavar="BRIEFING")
@click.option(
    "--lang",
    "langs",
    default="en",
    show_default=True,
    metavar="LANG[,LANG...]",
    help="The briefing's languages, comma-separated (en, es, pt-BR, zh-Hans): a text file each; the first is "
    "the base language.",
)
@click.pass_obj
def new_command(project: Project, name: str, langs: str) -> None:
    """Start a briefing: write content/BRIEFING/ from a commented example that builds as it is.

    With --lang es,pt-BR it is written in Spanish and Portuguese, Spanish
    its base language. Exit 0 when written, 1 when the folder exists
    (nothing is overwritten), 2 when BRIEFING is not a lowercase slug or a
    language has no example text.
    """
    from briefpress.authoring.scaffold import new_briefing

    chosen = [lang.strip() for lang in langs.split(",") if lang.strip()] or ["en"]
    for path in new_briefing(project, name, chosen):
        click.echo(f"wrote {shown(path)}")
    click.echo(f"next: edit them, then run: briefpress check {name} && briefpress build {name}")


@cli.command("draft")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=True))
@click.option("--name", "name", required=True, metavar="BRIEFING", help="The briefing's folder name under content/.")
@click.option(
    "--lang",
    default="en",
    show_default=True,
    metavar="LANG",
    help="The language the source is written in, and the briefing's (en, es, pt-BR, zh-Hans).",
)
@click.pass_obj
def draft_command(project: Project, source: Path, name: str, lang: str) -> None:
    """Draft a briefing from SOURCE (.txt, .md, .html, .pdf or .docx) into content/BRIEFING/.

    The draft holds the source's parts (from its headings), every figure with
    its unit, qualifier and period, every dated event, every acronym with its
    expansion, and the passages it quotes, each with its sentence beside it as
    a comment. Summaries and points are left to write, as to-dos that check
    lists; the draft builds as it is and passes check --source SOURCE.
    Exit 0 when written, 1 when the source cannot be read or the folder
    exists (nothing is overwritten), 2 when BRIEFING is not a lowercase slug
    or LANG is not one briefpress drafts in.
    """
    from briefpress.authoring.draft import draft_briefing

    for path in draft_briefing(project, source, name, lang):
        click.echo(f"wrote {shown(path)}")
    click.echo(f"next: write its to-dos, then run: briefpress check {name} --source {shown(source)}")


@cli.command("eject")
@click.argument("name", required=False, shell_complete=completion.complete_builtins)
@click.option("--list", "show", is_flag=True, help="List the built-in templates and stylesheets.")
@click.option("--extend", is_flag=True, help="Write a short override that extends the built-in instead of a copy.")
@click.option("--force", is_flag=True, help="Replace the project's file if it exists.")
@click.pass_obj
def eject_command(project: Project, name: str | None, show: bool, extend: bool, force: bool) -> None:
    """Copy a built-in template or stylesheet into the project, to override it.

    NAME is a path under templates/ or styles/ (layouts/sheet.html.j2,
    themes/modern.css, base.css) or a short name that only one file has
    (modern, a4). Exit 0 when written, 1 when the file exists (see --force),
    2 when NAME names no file or several.
    """
    from briefpress.authoring.eject import builtins, eject, find

    if show:
        for item in builtins():
            click.echo(str(item))
        return
    if not name:
        raise UsageError("name a template or stylesheet to eject, or use --list")
    item = find(name)
    path = eject(project, item, extend=extend, force=force)
    how = "extends the built-in" if extend else "is a copy of the built-in"
    click.echo(f"wrote {shown(path)}: it {how} {item} and is used in its place")


@cli.command("preview")
@_selection_options
@out_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.pass_obj
def preview_command(
    project: Project,
    briefings: tuple[str, ...],
    langs: tuple[str, ...],
    layouts: tuple[str, ...],
    styles: tuple[str, ...],
    papers: tuple[str, ...],
    out_dir: Path | None,
    port: int,
    host: str,
) -> None:
    """Serve the PDFs and HTML on a local web server at once, build them, rebuild on every change.

    The index page lists every target as it builds: its first page, links to
    its HTML and PDF, or why it failed. Ctrl-C stops. Exit 0 when stopped, 1 when
    the port is in use, 2 on usage errors (as build).
    """
    from briefpress.cli.preview import Preview, serve
    from briefpress.errors import ContentError

    session = Session(project, Selection(briefings, langs, layouts, styles, papers), out_dir)
    try:
        prepared = session.prepare()  # a usage error stops here; the first build uses this plan
    except ContentError:
        prepared = None  # shown on the index page until fixed
    with session.new_executor().start() as executor:
        session.executor = executor
        serve(Preview(session, click.echo, first=prepared), host, port, click.echo)


@cli.command("watch")
@_selection_options
@_verbosity_options
@strict_option
@out_option
@jobs_option
@click.pass_obj
def watch_command(
    project: Project,
    briefings: tuple[str, ...],
    langs: tuple[str, ...],
    layouts: tuple[str, ...],
    styles: tuple[str, ...],
    papers: tuple[str, ...],
    strict: bool,
    out_dir: Path | None,
    jobs: int,
) -> None:
    """Build, then rebuild the targets each change affects, with the workers kept warm. Ctrl-C stops.

    Watches content/, templates/, styles/ and locale/ in the project. A change
    rebuilds only the targets whose inputs it touched; errors are shown and
    the watch goes on.
    """
    import threading

    from briefpress.cli.watch import source_dirs, watch_sources

    session = Session(project, Selection(briefings, langs, layouts, styles, papers), out_dir, Options(strict, jobs))

    def rebuild(changed: set[Path] | None = None) -> None:
        if changed and not _verbosity()[0]:
            click.echo(f"changed: {', '.join(sorted(shown(path) for path in changed))}")
        try:
            _summarise(session.build(_progress()), session.out_dir)
        except (BriefpressError, click.ClickException) as error:
            click.echo("\n".join(error_lines(error)), err=True)

    with session.new_executor().start() as executor:
        session.executor = executor
        rebuild()
        folders = ", ".join(f"{shown(folder)}/" for folder in source_dirs(project))
        click.echo(f"watching {folders} (Ctrl-C to stop)")
        watch_sources(project, rebuild, threading.Event())
        click.echo("stopped")


@cli.command("doctor")
@click.pass_obj
def doctor_command(project: Project) -> None:
    """Check what a build needs on this machine and say how to install what is missing.

    One line per check: Pango, HarfBuzz's subsetter, every font the built-in and
    the project's styles name, pdftoppm and Chromium (optional), and the shared
    libraries of every program the build and the tests start.

    Exit 0 when everything needed is there (a missing optional tool is a
    warning), 1 when something needed is missing.
    """
    from briefpress.checks.doctor import diagnose

    checks = diagnose(project)
    for check in checks:
        click.echo(str(check))
    failed = sum(check.failed for check in checks)
    if failed:
        raise BuildError(f"{counted(failed, 'problem')} found: install what is missing as shown above")


cli.add_command(translate_group)


def _terminate(signum: int, frame: object) -> None:
    """Turn SIGTERM into an exit that unwinds, so that no temporary file is left behind."""
    raise SystemExit(128 + signum)


def main(args: list[str] | None = None, project: Path | None = None) -> None:
    """Run the command; ``project`` sets the default project folder (for build.py).

    Ctrl-C exits with 130 and SIGTERM with 143; either way, outputs being
    written are abandoned and the files already in place stay as they were.
    """
    default_map = {"root": str(project)} if project else None
    argv = sys.argv[1:] if args is None else args
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    with printable_output():
        try:
            cli.main(args=argv, prog_name="briefpress", default_map=default_map)
        except Exception as error:
            if "--debug" in argv:
                raise
            detail = shortened(str(error))
            click.echo(f"error: unexpected {type(error).__name__}: {detail} (run with --debug)", err=True)
            sys.exit(1)
