"""Match each claim of a briefing against its own source's text, and report what is not there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefpress.checks.factcheck.claims import FigureClaim, QuotationClaim, claims
from briefpress.checks.factcheck.report import (
    FactCheck,
    SourceCheck,
    figure_not_found,
    quotation_not_found,
    quotation_unchecked,
)
from briefpress.checks.factcheck.source import SourceText, read_source
from briefpress.content.model import Briefing, Source
from briefpress.errors import Problem

# The files to check against: by source id (None: the summarised source, whatever its id), or files of that one.
SourceFiles = Mapping[str | None, Path | Sequence[Path]] | Sequence[Path]


def source_language(briefing: Briefing, source: Source | None = None) -> str:
    """Return the language a source (default: the summarised one) is written in: its ``language``, else the base."""
    source = source or briefing.spec.all_sources()[0]
    return source.language or briefing.spec.base_language


def check_sources(briefings: Sequence[Briefing], files: SourceFiles) -> tuple[FactCheck, ...]:
    """Check each briefing against the files given for its sources, each read once in its source's language.

    Raise UsageError for a source id that no briefing has.
    """
    from briefpress.builds.plan import unknown_names

    by_id = {key: [value] if isinstance(value, Path) else list(value) for key, value in _by_id(files).items()}
    known = {source.id for briefing in briefings for source in briefing.spec.all_sources()}
    unknown = [key for key in by_id if key is not None and key not in known]
    if unknown:
        raise unknown_names("source id", unknown, known)
    read: dict[tuple[tuple[Path, ...], str], SourceText] = {}
    facts = []
    for briefing in briefings:
        sources = briefing.spec.all_sources()
        paths: dict[str, list[Path]] = {}
        for key, value in by_id.items():
            paths.setdefault(sources[0].id if key is None else key, []).extend(value)
        texts = {}
        for source in sources:
            if source.id in paths:
                wanted = (tuple(paths[source.id]), source_language(briefing, source))
                if wanted not in read:
                    read[wanted] = read_source(*wanted)
                texts[source.id] = read[wanted]
        facts.append(fact_check(briefing, texts))
    return tuple(facts)


def _by_id(files: SourceFiles) -> Mapping[str | None, Path | Sequence[Path]]:
    return files if isinstance(files, Mapping) else {None: files}


@dataclass
class _Tally:
    figures: int = 0
    quotations: int = 0
    missing: int = 0

    def add(self, claim: FigureClaim | QuotationClaim, problem: Problem | None) -> None:
        if isinstance(claim, FigureClaim):
            self.figures += 1
        else:
            self.quotations += 1
        self.missing += problem is not None


def fact_check(briefing: Briefing, texts: Mapping[str, SourceText] | SourceText) -> FactCheck:
    """Check every figure, date and quotation of ``briefing`` against the text of its own source.

    ``texts`` holds a text per source id (one text alone is the summarised source's). A claim of a
    source without a text is not checked; a number in prose that names no source is looked up in
    every text, and is not found only when every source has one.
    """
    sources = briefing.spec.all_sources()
    if isinstance(texts, SourceText):
        texts = {sources[0].id: texts}
    given = {source.id: texts[source.id] for source in sources if source.id in texts}
    unchecked = next((source.id for source in sources if source.id not in given), None)
    tallies = {source.id: _Tally() for source in sources}
    missing: list[Problem] = []
    for claim in claims(briefing):
        if claim.source is not None:
            owner = claim.source
            problem = _check(claim, briefing, given[owner]) if owner in given else None
        else:  # a number in prose: from any source
            holder = next((key for key, text in given.items() if text.has_figure(claim.key)), None)
            owner = holder or unchecked or sources[0].id
            searched = " or ".join(dict.fromkeys(text.name for text in given.values()))
            problem = None if holder or unchecked else figure_not_found(claim, searched)
        tallies[owner].add(claim, problem)
        if problem:
            missing.append(problem)
    checks = tuple(
        SourceCheck(
            source.id,
            given[source.id].lang if source.id in given else source_language(briefing, source),
            given[source.id].name if source.id in given else None,
            tally.figures,
            tally.quotations,
            tally.missing,
        )
        for source, tally in zip(sources, tallies.values(), strict=True)
    )
    return FactCheck(briefing.name, len(briefing.spec.languages), checks, tuple(missing))


def _check(claim: FigureClaim | QuotationClaim, briefing: Briefing, source: SourceText) -> Problem | None:
    """Return the problem of a claim not in its source's text, or None."""
    if isinstance(claim, FigureClaim):
        return None if source.has_figure(claim.key) else figure_not_found(claim, source.name)
    return _check_quotation(claim, briefing, source)


def _check_quotation(claim: QuotationClaim, briefing: Briefing, source: SourceText) -> Problem | None:
    """Return the problem of a quotation, looked up in the source's language (through its original), or None."""
    if claim.lang == source.lang:
        return None if source.has_quotation(claim.text) else quotation_not_found(claim, source.name)
    if source.lang not in briefing.texts:
        return quotation_unchecked(claim, source.lang)
    original = briefing.texts[source.lang].quotes.get(claim.quote_id)
    if original is not None and source.has_quotation(original.text):
        return None
    return quotation_not_found(claim, source.name, source.lang)
