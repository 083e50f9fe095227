"""The report: what was checked, and one problem (file, line, field) for each claim not in the source."""

from __future__ import annotations

from dataclasses import dataclass

from briefpress.checks.factcheck.claims import FigureClaim, QuotationClaim
from briefpress.checks.factcheck.values import describe
from briefpress.errors import Problem


@dataclass(frozen=True)
class FactCheck:
    """The outcome of checking one briefing against its source."""

    briefing: str
    source: str
    figures: int
    quotations: int
    languages: int
    missing: tuple[Problem, ...]

    def summary(self) -> str:
        """Return the one-line summary."""
        outcome = "all found" if not self.missing else f"{len(self.missing)} not found"
        return (
            f"{self.briefing}: checked {self.figures} figures and {self.quotations} quotations"
            f" in {self.languages} languages against {self.source}: {outcome}"
        )


def figure_not_found(claim: FigureClaim, source: str) -> Problem:
    """Return the problem of a figure the source does not state."""
    message = f'figure "{claim.written}" (= {describe(claim.key)}) not found in {source}'
    return Problem(claim.path, claim.line, claim.field, message)


def quotation_not_found(claim: QuotationClaim, source: str, original_lang: str | None = None) -> Problem:
    """Return the problem of a quotation not in the source (checked through its original in ``original_lang``)."""
    where = f"not found in {source}"
    if original_lang:
        where += f" (checked through its {original_lang} original, which is not there)"
    return Problem(claim.path, claim.line, claim.field, f'quotation "{claim.text}" {where}')


def quotation_unchecked(claim: QuotationClaim, source_lang: str) -> Problem:
    """Return the problem of a quotation with no original in the source's language to check."""
    why = f"cannot be checked: the briefing has no text in {source_lang}, the source's language"
    return Problem(claim.path, claim.line, claim.field, f'quotation "{claim.text}" {why}')
