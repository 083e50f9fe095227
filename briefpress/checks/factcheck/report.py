"""The report: what was checked against which file, and one problem (file, line, field) for each claim not found."""

from __future__ import annotations

from dataclasses import dataclass

from briefpress.checks.factcheck.claims import FigureClaim, QuotationClaim
from briefpress.checks.factcheck.values import describe
from briefpress.errors import Problem, counted


@dataclass(frozen=True)
class SourceCheck:
    """How the claims of one source fared: checked against its files, in its language, or not checked."""

    source: str  # the source's id
    lang: str  # the language its text is read in
    files: str | None  # the files it was checked against; None when no file was given for it
    figures: int
    quotations: int
    missing: int  # how many of them are not in its files

    @property
    def checked(self) -> bool:
        """Return whether a file was given for the source."""
        return self.files is not None

    def summary(self, languages: int) -> str:
        """Return what was checked against which file, and the outcome (without the briefing's name)."""
        claims = f"{counted(self.figures, 'figure')} and {counted(self.quotations, 'quotation')}"
        if not self.checked:
            return f"{claims} not checked: no file given for it"
        outcome = "all found" if not self.missing else f"{self.missing} not found"
        return f"checked {claims} in {counted(languages, 'language')} against {self.files}: {outcome}"


@dataclass(frozen=True)
class FactCheck:
    """The outcome of checking one briefing: each source against its files, and every claim not found."""

    briefing: str
    languages: int
    sources: tuple[SourceCheck, ...]  # the summarised source first
    missing: tuple[Problem, ...]

    @property
    def figures(self) -> int:
        """Return how many figures and dates were checked (against a file)."""
        return sum(source.figures for source in self.sources if source.checked)

    @property
    def quotations(self) -> int:
        """Return how many quotations were checked (against a file)."""
        return sum(source.quotations for source in self.sources if source.checked)

    def lines(self) -> list[str]:
        """Return the summary: one line, or for a briefing of several sources one line per source."""
        if len(self.sources) == 1:
            line = f"{self.briefing}: {self.sources[0].summary(self.languages)}"
            return [line.replace(": no file given for it", ": no file given for its source")]
        return [
            f"{self.briefing}: source {source.source} ({source.lang}): {source.summary(self.languages)}"
            for source in self.sources
        ]

    def summary(self) -> str:
        """Return the summary lines as one text."""
        return "\n".join(self.lines())


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
