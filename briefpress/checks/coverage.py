"""Translation completeness: content fields and label catalogs, per language."""

from __future__ import annotations

from dataclasses import dataclass

from briefpress.content.digests import digests_path, read_digests, units, value_at
from briefpress.content.digests import unrecorded as unrecorded_field
from briefpress.content.model import Briefing
from briefpress.content.yamlread import dotted
from briefpress.errors import Problem, SetupError
from briefpress.project import Project
from briefpress.render.catalogs import TEMPLATE, Coverage, coverage, po_path, translations
from briefpress.render.i18n import LARGE_NUMBER_STYLES, english_name


@dataclass(frozen=True)
class Completeness:
    """What one language of one briefing lacks."""

    briefing: str
    lang: str
    fields: int
    missing_fields: tuple[str, ...]
    labels: Coverage | None
    stale_fields: tuple[str, ...] = ()  # translated from a base text that has changed since
    unrecorded_fields: tuple[str, ...] = ()  # the stale fields of these never recorded as current
    untracked: bool = False  # no digests file: what the translations were made from is not recorded
    base_name: str = "base language"  # the base language in English words: "English"

    def gaps(self) -> list[str]:
        """Return one sentence per gap, for ``check --strict``."""
        where = f"{self.briefing} {self.lang}"
        gaps = [f"{where}: untranslated field {field}" for field in self.missing_fields] + self.stale()
        labels = self.labels
        if labels is not None:
            if labels.template is None:
                gaps.append(f"{where}: no label template (messages.pot) to measure the labels against")
            elif not labels.catalogs or not (labels.translated or labels.fuzzy):
                gaps.append(f"{where}: no label catalog translates the templates")
            else:
                gaps += [f"{where}: untranslated label {label!r}" for label in labels.missing]
            gaps += [f"{where}: fuzzy label {label!r} (shown in English)" for label in labels.fuzzy]
        return gaps

    def stale(self) -> list[str]:
        """Return one sentence per stale field: ``... es: stale field parts.x.summary: the English changed ...``."""
        lines = []
        for field in self.stale_fields:
            if field in self.unrecorded_fields:
                why = f"translated without a record of the {self.base_name} it follows"
            else:
                why = f"the {self.base_name} changed since it was translated"
            lines.append(f"{self.briefing} {self.lang}: stale field {field}: {why}")
        return lines

    def as_json(self, base: bool) -> dict[str, object]:
        """Return the counts as ``translate status --json`` prints them."""
        labels = self.labels
        measured = labels is not None and labels.template is not None
        return {
            "briefing": self.briefing,
            "language": self.lang,
            "base": base,
            "tracked": not self.untracked,
            "content": {
                "fields": self.fields,
                "translated": self.fields - len(self.missing_fields),
                "stale": list(self.stale_fields),
                "missing": list(self.missing_fields),
            },
            "labels": None if labels is None or not measured else {
                "total": labels.total,
                "translated": labels.translated,
                "fuzzy": list(labels.fuzzy),
                "missing": list(labels.missing),
            },
        }

    def summary(self) -> str:
        """Return a one-line report."""
        done = self.fields - len(self.missing_fields)
        stale = f", {len(self.stale_fields)} stale" if self.stale_fields else ""
        share = _percent(done, self.fields)
        line = f"{self.briefing} {self.lang}: content {share} ({done}/{self.fields} fields{stale})"
        labels = self.labels
        if labels is not None:
            if labels.template is None:
                line += ", labels not measured (no label template)"
            else:
                line += f", labels {_percent(labels.translated, labels.total)} ({labels.translated}/{labels.total}"
                line += ", no catalog found)" if not labels.catalogs else ")"
        return line


def completeness(project: Project, briefing: Briefing) -> list[Completeness]:
    """Return the completeness of each of the briefing's languages."""
    base = briefing.spec.base_language
    fields = [loc for loc, _ in units(briefing.documents[briefing.text_file(base)].data)]
    base_name = english_name(base)
    reports = []
    for lang in briefing.spec.languages:
        text = briefing.documents[briefing.text_file(lang)].data
        missing = tuple(
            dotted(loc) for loc in fields if briefing.is_fallback(lang, *loc) or value_at(text, loc) is None
        )
        labels = coverage(project.locale_dirs, lang, source_lang="en")
        stale = [loc for loc in fields if briefing.is_stale(lang, *loc)]
        digests = read_digests(digests_path(briefing.text_file(lang)))[0]
        unrecorded = tuple(dotted(loc) for loc in stale if unrecorded_field(loc, digests))
        untracked = lang in briefing.untracked
        stale_names = tuple(dotted(loc) for loc in stale)
        report = Completeness(
            briefing.name, lang, len(fields), missing, labels, stale_names, unrecorded, untracked, base_name
        )
        reports.append(report)
    return reports


def catalog_problems(project: Project, langs: set[str]) -> list[Problem]:
    """Return errors in the label catalogs of ``langs``: bad placeholders, bad settings.

    Raise SetupError when a language needs a catalog and no label template
    exists at all: the built-in one is part of every complete installation.
    """
    problems: list[Problem] = []
    for lang in sorted(langs):
        labels = coverage(project.locale_dirs, lang, source_lang="en")
        if labels is not None and labels.template is None:
            builtin = project.builtin_template_dir.parent / "locale" / TEMPLATE
            raise SetupError(
                f"the label template {builtin} is missing, so this briefpress"
                " installation is incomplete and translated briefings would print English labels: reinstall it"
            )
        if labels is not None:
            problems += labels.problems
        style = translations(project.locale_dirs, lang).pgettext("large numbers", "compact")
        if style not in LARGE_NUMBER_STYLES:
            path = next((po_path(d, lang) for d in project.locale_dirs if po_path(d, lang).is_file()), None)
            allowed = " or ".join(LARGE_NUMBER_STYLES)
            problems.append(Problem(path, 1, "large numbers|compact", f"{style!r} is not {allowed}"))
    return problems


def _percent(done: int, total: int) -> str:
    # Nothing to measure is not complete: 0/0 shows as 0 %.
    return f"{100 * done // total if total else 0}%"
