"""Translation completeness: content fields and label catalogs, per language."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefpress.content.model import Briefing
from briefpress.content.yamlread import dotted
from briefpress.errors import Problem, SetupError
from briefpress.project import Project
from briefpress.render.catalogs import TEMPLATE, Coverage, coverage, po_path, translations
from briefpress.render.i18n import LARGE_NUMBER_STYLES


@dataclass(frozen=True)
class Completeness:
    """What one language of one briefing lacks."""

    briefing: str
    lang: str
    fields: int
    missing_fields: tuple[str, ...]
    labels: Coverage | None

    def gaps(self) -> list[str]:
        """Return one sentence per gap, for ``check --strict``."""
        where = f"{self.briefing} {self.lang}"
        gaps = [f"{where}: untranslated field {field}" for field in self.missing_fields]
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

    def summary(self) -> str:
        """Return a one-line report."""
        done = self.fields - len(self.missing_fields)
        line = f"{self.briefing} {self.lang}: content {_percent(done, self.fields)} ({done}/{self.fields} fields)"
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
    fields = list(_leaves(briefing.texts[base].model_dump()))
    reports = []
    for lang in briefing.spec.languages:
        missing = tuple(dotted(path) for path in fields if briefing.is_fallback(lang, *path))
        labels = coverage(project.locale_dirs, lang, source_lang="en")
        reports.append(Completeness(briefing.name, lang, len(fields), missing, labels))
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


def _leaves(data: Any, loc: tuple = ()) -> Iterator[tuple]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*loc, key))
    elif data is not None:
        yield loc


def _percent(done: int, total: int) -> str:
    # Nothing to measure is not complete: 0/0 shows as 0 %.
    return f"{100 * done // total if total else 0}%"
