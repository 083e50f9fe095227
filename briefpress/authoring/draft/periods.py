"""The period a sentence gives its figures, and the ranges that are periods rather than events, in its language.

"from January to November 2021" is ``2021-01/2021-11``, "entre 2019 y 2024"
``2019/2024``, "since 2018" ``2018/..``, "2021年1月至11月" ``2021-01/2021-11``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefpress.render.i18n import locale_for

_YEAR = r"((?:19|20)\d\d)"
_FROM = r"(?:from|between|de|del|entre|desde|do|da|dos)"
_TO = r"(?:to|through|until|and|y|a|al|hasta|e|até|ao|-|–|—)"
_SINCE = r"(?:since|desde|a partir de|desde o|desde a|a partir do)"
_CJK_MONTHS = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?\s*[至到—–~～-]\s*(\d{1,2})\s*月")
_CJK_YEARS = re.compile(r"((?:19|20)\d\d)\s*年?\s*[至到—–~～-]\s*((?:19|20)\d\d)\s*年")
_CJK_SINCE = re.compile(r"((?:19|20)\d\d)\s*年\s*(?:(\d{1,2})\s*月\s*)?(?:以来|起)")


@dataclass(frozen=True)
class Periods:
    """One language's patterns for the periods of figures."""

    months: dict[str, int]  # the wide month names, folded: "january", "enero", "janeiro"
    months_range: re.Pattern[str]
    years_range: re.Pattern[str]
    since: re.Pattern[str]
    month_year: re.Pattern[str]
    own_year: re.Pattern[str]  # right after a figure: "€780 million in 2023"

    def ranges(self, text: str) -> list[tuple[int, int]]:
        """Return where ``text`` writes a range of months or years (a period, not an event)."""
        found = [*self.months_range.finditer(text), *self.years_range.finditer(text)]
        found += [*_CJK_MONTHS.finditer(text), *_CJK_YEARS.finditer(text)]
        return [match.span() for match in found]

    def period(self, text: str) -> str | None:
        """Return the period a sentence gives, when it gives exactly one: a date or an interval."""
        if match := _CJK_MONTHS.search(text):
            return f"{match[1]}-{int(match[2]):02d}/{match[1]}-{int(match[3]):02d}"
        if match := _CJK_YEARS.search(text):
            return f"{match[1]}/{match[2]}" if match[1] < match[2] else None
        if match := _CJK_SINCE.search(text):
            return f"{match[1]}-{int(match[2]):02d}/.." if match[2] else f"{match[1]}/.."
        if match := self.months_range.search(text):
            first, last = self.months[match[1].casefold()], self.months[match[2].casefold()]
            return f"{match[3]}-{first:02d}/{match[3]}-{last:02d}" if first < last else None
        if match := self.years_range.search(text):
            return f"{match[1]}/{match[2]}" if match[1] < match[2] else None
        if match := self.since.search(text):
            month = self.months.get((match[1] or "").casefold())
            return f"{match[2]}-{month:02d}/.." if month else f"{match[2]}/.."
        years = set(re.findall(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)", text))
        if len(years) != 1:
            return None
        (year,) = years
        for named in self.month_year.finditer(text):
            if named[2] == year:
                return f"{year}-{self.months[named[1].casefold()]:02d}"
        return year

    def own(self, after: str) -> str | None:
        """Return the year written right after a figure ("in 2023"), unless it starts a range."""
        match = self.own_year.match(after)
        return match[1] if match else None


@cache
def periods(lang: str) -> Periods:
    """Return the patterns of periods in ``lang``."""
    locale = locale_for(lang)
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in locale.months[context]["wide"].items():
            months.setdefault(name.casefold(), number)
    month = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    of = r"(?:,?\s+(?:de|of|del|do))?"
    flags = re.IGNORECASE
    return Periods(
        months,
        re.compile(rf"\b(?:{_FROM}\s+)?({month})\s*{_TO}\s*({month}){of},?\s+{_YEAR}\b", flags),
        re.compile(rf"\b(?:{_FROM}\s+)?{_YEAR}\s*{_TO}\s*{_YEAR}\b", flags),
        re.compile(rf"\b{_SINCE}\s+(?:(?:el\s+|o\s+)?({month})\s+(?:de\s+)?)?{_YEAR}\b", flags),
        re.compile(rf"\b({month})\.?(?:\s+\d{{1,2}},?)?(?:\s+de)?\s+{_YEAR}\b", flags),
        re.compile(rf"^\s+(?:in|en|em|no|el)\s+{_YEAR}\b(?!\s*{_TO}\s*(?:19|20)\d\d)", flags),
    )
