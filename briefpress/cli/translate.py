"""``briefpress translate``: a briefing's text out to translators and back, and where each language stands."""

from __future__ import annotations

import json
from pathlib import Path

import click

from briefpress.cli import completion
from briefpress.errors import UsageError, counted
from briefpress.paths import shown
from briefpress.project import Project


@click.group("translate")
def translate_group() -> None:
    """Hand a briefing's text to translators as PO files, take their work back, and see what is stale.

    A translated field whose base-language text changed since it was
    translated is stale: check reports it, check --strict fails on it, and
    the page underlines it with dots until it is reviewed.
    """


def _briefing(project: Project, name: str | None):
    """Return the briefing named, or the project's only one; raise UsageError otherwise."""
    from briefpress.builds.plan import select_briefings
    from briefpress.content.load import load_briefings

    folders = select_briefings(project, [name] if name else [])
    if len(folders) > 1:
        names = ", ".join(folder.name for folder in folders)
        raise UsageError(f"the project has {len(folders)} briefings ({names}): name one", param="BRIEFING")
    return load_briefings(folders, project.available())[0]


def _lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from briefpress.authoring.translate import LANGUAGE_TAG

    if not LANGUAGE_TAG.fullmatch(value):
        raise click.BadParameter(f"{value!r} is not a language tag such as es, pt-BR or zh-Hans")
    return value


# The briefing a command works on: optional in a project of one briefing.
briefing_argument = click.argument(
    "name", metavar="[BRIEFING]", required=False, shell_complete=completion.complete_briefings
)


def lang_option(help: str):
    return click.option("--lang", required=True, callback=_lang, help=help)


@translate_group.command("export")
@briefing_argument
@lang_option("The language to translate into: es, pt-BR, fr ...")
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PO file to write (default: BRIEFING.LANG.po in the current folder).",
)
@click.pass_obj
def export_command(project: Project, name: str | None, lang: str, out: Path | None) -> None:
    """Write a PO file of a briefing's text for a translator's tool (Poedit, Weblate, OmegaT ...).

    Each field is one unit: its path is the context, the base-language text
    the source, the translation (if any) the target. Stale units are marked
    fuzzy; untranslated ones are empty. A language the briefing does not have
    yet starts here. Exit 0 when written, 2 for an unknown briefing.
    """
    from briefpress.authoring.translate import export_catalog
    from briefpress.builds.write import write_atomically

    briefing = _briefing(project, name)
    data = export_catalog(briefing, lang)
    path = out or Path(f"{briefing.name}.{lang}.po")
    write_atomically(path, data)
    units = data.count(b"\nmsgctxt ")
    click.echo(f"wrote {shown(path)}: {counted(units, 'unit')} of {briefing.name} to translate into {lang}")
    click.echo(f"next: translate it, then run: briefpress translate import {shown(path)}")


@translate_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_command(project: Project, file: Path) -> None:
    """Write the translations of a PO file back into its briefing's text/LANG.yaml.

    The file keeps its comments, key order and quoting; each unit translated
    and not fuzzy is recorded as current. Link addresses, code spans and
    markup are checked first: any error is named at its unit, and nothing is
    written. Exit 0 when imported, 1 on errors.
    """
    from briefpress.authoring.translate import import_catalog

    done = import_catalog(project, file)
    for warning in done.warnings:
        click.echo(f"warning: {warning}", err=True)
    for path in done.written:
        click.echo(f"wrote {shown(path)}")
    if not done.written:
        click.echo(f"{done.briefing} {done.lang}: nothing changed")
    line = f"{done.briefing} {done.lang}: {counted(done.translated, 'unit')} current"
    if done.needs_review:
        line += f", {done.needs_review} still to review (marked on the page)"
    click.echo(line)


@translate_group.command("mark")
@briefing_argument
@lang_option("The language whose translations were reviewed.")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="FIELD",
    help="A field reviewed, as check names it (parts.intro.summary); repeatable. Default: every translated field.",
)
@click.pass_obj
def mark_command(project: Project, name: str | None, lang: str, fields: tuple[str, ...]) -> None:
    """Record reviewed translations as current: they are no longer stale.

    Exit 0 when recorded, 2 for an unknown briefing, language or field.
    """
    from briefpress.authoring.translate import mark_current

    briefing = _briefing(project, name)
    path, count = mark_current(briefing, lang, fields)
    click.echo(f"{briefing.name} {lang}: {counted(count, 'field')} marked current in {shown(path)}")


@translate_group.command("status")
@click.argument("briefings", nargs=-1, shell_complete=completion.complete_briefings)
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for CI.")
@click.pass_obj
def status_command(project: Project, briefings: tuple[str, ...], as_json: bool) -> None:
    """Show, per language, the content fields translated, stale and missing, and the labels.

    Exit 0 whatever the counts (check --strict is the one that fails).
    """
    from briefpress.builds.plan import select_briefings
    from briefpress.checks.coverage import completeness
    from briefpress.content.load import load_briefings

    loaded = load_briefings(select_briefings(project, briefings), project.available())
    rows = [report for briefing in loaded for report in completeness(project, briefing)]
    bases = {briefing.name: briefing.spec.base_language for briefing in loaded}
    if as_json:
        click.echo(json.dumps([report.as_json(report.lang == bases[report.briefing]) for report in rows], indent=2))
        return
    header = ("briefing", "language", "translated", "stale", "missing", "labels", "fuzzy labels")
    table = [header]
    for report in rows:
        base = report.lang == bases[report.briefing]
        labels = report.labels
        table.append(
            (
                report.briefing,
                report.lang + (" (base)" if base else "" if not report.untracked else " (untracked)"),
                f"{report.fields - len(report.missing_fields)}/{report.fields}",
                "-" if base else str(len(report.stale_fields)),
                "-" if base else str(len(report.missing_fields)),
                "-" if labels is None or labels.template is None else f"{labels.translated}/{labels.total}",
                "-" if labels is None or labels.template is None else str(len(labels.fuzzy)),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
