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


_LIMIT = r"(by|to|until|through|before|after|para|hasta|antes de|después de|até|antes|depois de)"
_OPEN_END = ("before", "after", "antes de", "después de", "antes", "depois de")  # not a period of the figure
# Where a clause ends: a figure takes the period of its own clause ("…, and since 2014 …" is another's).
_CLAUSE_END = re.compile(r";|,\s+(?:and|but|while|whereas|which|y|pero|mientras|e|mas|enquanto)\s|\s—\s|。|；")
_NAME_WORD = re.compile(r"[A-Z][\w-]*")


@dataclass(frozen=True)
class Written:
    """A period as a sentence writes it: where, and the period (None: a date that is no period, "before 1980")."""

    start: int
    end: int
    period: str | None


@dataclass(frozen=True)
class Periods:
    """One language's patterns for the periods of figures."""

    months: dict[str, int]  # the wide month names, folded: "january", "enero", "janeiro"
    months_range: re.Pattern[str]
    years_range: re.Pattern[str]
    since: re.Pattern[str]
    limit: re.Pattern[str]  # "by 2040", "before 1980", "until March 2025"
    month_year: re.Pattern[str]

    def ranges(self, text: str) -> list[tuple[int, int]]:
        """Return where ``text`` writes a range, a start, or a "before" or "after": dates of a period, not events.

        A deadline ("by 2030") is an event a timeline may show.
        """
        found = [*self.months_range.finditer(text), *self.years_range.finditer(text), *self.since.finditer(text)]
        found += [match for match in self.limit.finditer(text) if match[1].casefold() in _OPEN_END]
        found += [*_CJK_MONTHS.finditer(text), *_CJK_YEARS.finditer(text), *_CJK_SINCE.finditer(text)]
        return [match.span() for match in found]

    def written(self, text: str) -> list[Written]:
        """Return every period ``text`` writes, in order, none overlapping another."""
        makers = [
            (_CJK_MONTHS, lambda m: f"{m[1]}-{int(m[2]):02d}/{m[1]}-{int(m[3]):02d}"),
            (_CJK_YEARS, lambda m: f"{m[1]}/{m[2]}" if m[1] < m[2] else None),
            (_CJK_SINCE, lambda m: f"{m[1]}-{int(m[2]):02d}/.." if m[2] else f"{m[1]}/.."),
            (self.months_range, self._months_range),
            (self.years_range, lambda m: f"{m[1]}/{m[2]}" if m[1] < m[2] else None),
            (self.since, self._since),
            (self.limit, self._limit),
            (self.month_year, lambda m: f"{m[2]}-{self.months[m[1].casefold()]:02d}"),
            (re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]?\d)(?:\s*年)?"), lambda m: m[1]),
        ]
        found: list[Written] = []
        for pattern, make in makers:
            for match in pattern.finditer(text):
                if any(w.start < match.end() and match.start() < w.end for w in found):
                    continue
                if pattern is makers[-1][0] and in_a_name(text, match.start(), match.end()):
                    continue  # "the UN 2026 Water Conference"
                found.append(Written(match.start(), match.end(), make(match)))
        return sorted(found, key=lambda w: w.start)

    def period(self, text: str, start: int, end: int) -> str | None:
        """Return the period of the figure written at ``start:end``: the nearest its own clause gives, else
        one the sentence opens with ("From January to November 2021, trade …"), else None."""
        written = self.written(text)
        ends = [match.start() for match in _CLAUSE_END.finditer(text)]
        first = max((i for i in ends if i < start), default=0)
        last = min((i for i in ends if i >= end), default=len(text))
        own = [w for w in written if first <= w.start and w.end <= last]
        if own:
            return min(own, key=lambda w: max(w.start - end, start - w.end, 0)).period
        comma = text.find(",")
        opening = [w for w in written if comma > 0 and w.end <= comma and w.end <= start]
        return opening[0].period if opening else None

    def _months_range(self, match: re.Match[str]) -> str | None:
        first, last = self.months[match[1].casefold()], self.months[match[2].casefold()]
        return f"{match[3]}-{first:02d}/{match[3]}-{last:02d}" if first < last else None

    def _since(self, match: re.Match[str]) -> str:
        month = self.months.get((match[1] or "").casefold())
        return f"{match[2]}-{month:02d}/.." if month else f"{match[2]}/.."

    def _limit(self, match: re.Match[str]) -> str | None:
        if match[1].casefold() in _OPEN_END:
            return None
        month = self.months.get((match[2] or "").casefold())
        if re.search(r"end of|finales de|fines de|fim de", match[0], re.I):
            return f"{match[3]}-{month or 12:02d}"  # "by the end of 2024": the state at the year's end
        return f"../{match[3]}-{month:02d}" if month else f"../{match[3]}"


def in_a_name(text: str, start: int, end: int) -> bool:
    """Return whether the number at ``start:end`` sits inside a name: a capitalised word on each side."""
    before, after = text[:start].split()[-1:], text[end:].split()[:1]
    if not (before and after and _NAME_WORD.fullmatch(before[0]) and _NAME_WORD.match(after[0])):
        return False
    return before[0] not in ("In", "By", "Since", "From", "Until", "En", "Em", "Desde", "Hasta")


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
        re.compile(
            rf"\b{_LIMIT}\s+(?:(?:the end of|end of|el|o|finales de|fines de|o fim de)\s+)?"
            rf"(?:({month})\s+(?:de\s+)?)?{_YEAR}\b",
            flags,
        ),
        re.compile(rf"\b({month})\.?(?:\s+\d{{1,2}},?)?(?:\s+de)?\s+{_YEAR}\b", flags),
    )
