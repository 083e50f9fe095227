"""Match each claim of a briefing against the source, and report what is not there."""

from __future__ import annotations

from briefpress.checks.factcheck.claims import FigureClaim, QuotationClaim, claims
from briefpress.checks.factcheck.report import FactCheck, figure_not_found, quotation_not_found, quotation_unchecked
from briefpress.checks.factcheck.source import SourceText
from briefpress.content.model import Briefing
from briefpress.errors import Problem


def source_language(briefing: Briefing) -> str:
    """Return the language the source is written in (``source.language``, else the base language)."""
    return briefing.spec.source.language or briefing.spec.base_language


def fact_check(briefing: Briefing, source: SourceText) -> FactCheck:
    """Check every figure, date and quotation of ``briefing`` against ``source``."""
    figures = quotations = 0
    missing: list[Problem] = []
    for claim in claims(briefing):
        if isinstance(claim, FigureClaim):
            figures += 1
            problem = None if source.has_figure(claim.key) else figure_not_found(claim, source.name)
        else:
            quotations += 1
            problem = _check_quotation(claim, briefing, source)
        if problem:
            missing.append(problem)
    languages = len(briefing.spec.languages)
    return FactCheck(briefing.name, source.name, figures, quotations, languages, tuple(missing))


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
