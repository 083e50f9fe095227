"""Dates in a text: day, month and year, month and year, a month range within a year, a year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from briefpress.checks.factcheck.conventions import Conventions, words_pattern
from briefpress.checks.factcheck.values import Mention, Spans, date_key
from briefpress.content.model import PartialDate
from briefpress.render.i18n import locale_for

_CJK = [
    ("day", re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")),
    ("year", re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月?\s*[—–\-~～至到]\s*\d{1,2}\s*月")),
    ("month", re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月")),
    ("year", re.compile(r"(?P<y>\d{4})\s*年")),
]


@cache
def month_names(lang: str) -> dict[str, int]:
    """Return the language's month names, wide and abbreviated (CLDR), folded, with their numbers."""
    locale = locale_for(lang)
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                names.setdefault(name.casefold().rstrip("."), number)
    return names


@cache
def _patterns(lang: str, conventions: Conventions) -> list[tuple[str, re.Pattern[str]]]:
    if conventions.dates == "cjk":
        return _CJK
    month = f"(?:{words_pattern(list(month_names(lang)))})"
    of = rf"(?:,?\s+(?:{words_pattern(conventions.of)})\s+|,?\s+)" if conventions.of else r"(?:,?\s+)"
    to = r"(?:\s*[-–—]\s*" + (rf"|\s+(?:{words_pattern(conventions.to)})\s+)" if conventions.to else ")")
    mark = rf"(?:{words_pattern(conventions.day_marks)})?" if conventions.day_marks else ""
    before_month = rf"(?:(?:{words_pattern(conventions.day_of)})\s+)?" if conventions.day_of else ""
    flags = re.IGNORECASE
    return [
        ("day", re.compile(rf"\b(?P<d>\d{{1,2}}){mark}\s+{before_month}(?P<m>{month})\.?{of}(?P<y>\d{{4}})\b", flags)),
        ("day", re.compile(rf"\b(?P<m>{month})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", flags)),
        ("year", re.compile(rf"\b{month}\.?{to}{month}\.?{of}(?P<y>\d{{4}})\b", flags)),
        ("month", re.compile(rf"\b(?P<m>{month})\.?{of}(?P<y>\d{{4}})\b", flags)),
    ]


def read_dates(text: str, lang: str, conventions: Conventions, spans: Spans) -> Iterator[Mention]:
    """Yield the dates written in ``text``, each at the precision it is written to."""
    months = month_names(lang)
    for precision, pattern in _patterns(lang, conventions):
        for match in pattern.finditer(text):
            if not spans.free(*match.span()):
                continue
            parts = match.groupdict()
            month = parts.get("m")
            number = int(month) if month and month.isdigit() else months.get((month or "").casefold())
            try:
                date = PartialDate.parse(
                    "-".join(
                        [parts["y"]]
                        + ([f"{number:02d}"] if precision in ("month", "day") else [])
                        + ([f"{int(parts['d']):02d}"] if precision == "day" else [])
                    )
                )
            except (ValueError, TypeError):
                continue
            spans.take(*match.span())
            yield Mention(match.group(), date_key(date), match.start())
