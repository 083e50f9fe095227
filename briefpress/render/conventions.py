"""What a language's editors print that CLDR, as Babel reads it, does not say.

Babel formats numbers, dates and ranges from CLDR. Where Babel ignores part of CLDR,
or where a language's publishing norm differs from CLDR, the difference is written
here, once per language, as a small table. A language not listed follows CLDR.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date

# A range's pattern pair, in CLDR date-pattern syntax: the start is formatted with the
# first, the end with the second. Keyed by the range's skeleton, then by the greatest
# field in which its ends differ ("y" year, "M" month, "d" day), as CLDR's
# intervalFormats are.
RangePatterns = dict[str, dict[str, tuple[str, str]]]

# Chinese publishing writes a range with a 一字线 (U+2014) and does not repeat the unit
# the two ends share: 2018—2020年, 2021年1—11月, 2021年12月1—3日 (GB/T 15835-2011,
# 出版物上数字用法, 4.1.5; GB/T 15834-2011 标点符号用法, 4.13). CLDR gives 2018–2020年 and
# 2021年1月 – 11月.
_CHINESE_RANGES: RangePatterns = {
    "y": {"y": ("y", "—y年")},
    "yMMM": {"y": ("y年M月", "—y年M月"), "M": ("y年M", "—M月")},
    "yMMMd": {"y": ("y年M月d日", "—y年M月d日"), "M": ("y年M月d日", "—M月d日"), "d": ("y年M月d", "—d日")},
}


@dataclass(frozen=True)
class Conventions:
    """One language's departures from CLDR as Babel applies it."""

    # CLDR's minimumGroupingDigits, which Babel 2.19 ignores: with 2, a four-digit number
    # has no group separator (Spanish 3000 and 1000 millones, but 30.000).
    min_grouping: int = 1
    # Whether an abbreviated month takes a full stop. Spanish CLDR abbreviates without
    # one ("3 dic 2021"); the Spanish Academy's abbreviations take it ("3 dic. 2021",
    # "sept.", Ortografía 2010, apéndice 2). Long dates write the month out.
    month_stop: bool = False
    # Ranges in the language's publishing norm, where it differs from CLDR's intervals.
    ranges: RangePatterns = field(default_factory=dict)
    # How the glossary is sorted: "uca" (the Unicode Collation Algorithm, CLDR's root
    # order: accents and case break ties only) or "pinyin" (Chinese dictionaries' order,
    # CLDR's default collation for zh; terms in Latin letters come after, as in 《现代汉语词典》).
    collation: str = "uca"
    # Whether a range's dash stands closed up, without CLDR's thin spaces: English editors
    # write "Jan–Nov 2021" (The Chicago Manual of Style, 17th ed., 6.78) and Brazilian ones
    # "jan.–nov. de 2021", as a text's own "2022–2024" reads.
    closed_ranges: bool = False
    # Whether a quotation's closing full stop goes after the closing quotation mark: Spanish
    # writes «… en pie de igualdad». (Ortografía de la lengua española, 2010, 3.4.8.2.1).
    stop_after_quote: bool = False


# By CLDR locale id; a locale takes its own entry, else its language's (pt_PT, then pt).
_TABLE: dict[str, Conventions] = {
    "en": Conventions(closed_ranges=True),
    "es": Conventions(min_grouping=2, month_stop=True, stop_after_quote=True),
    "pl": Conventions(min_grouping=2),
    "pt": Conventions(closed_ranges=True),
    "pt_PT": Conventions(min_grouping=2, closed_ranges=True),
    # Chinese publishing may leave integers of up to four digits ungrouped (GB/T 15835-2011,
    # 5.1.4.2), as the language's own 万 counts by four: 3000家, 30,000.
    "zh": Conventions(min_grouping=2, ranges=_CHINESE_RANGES, collation="pinyin"),
}


def conventions_for(locale: Locale) -> Conventions:
    """Return the conventions of ``locale``: its own entry, its language's, or CLDR's alone."""
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        if key in _TABLE:
            return _TABLE[key]
    return Conventions()


def with_month_stops(text: str, locale: Locale, conventions: Conventions) -> str:
    """Return a short date or range with a full stop after each abbreviated month, where the language wants it."""
    if not conventions.month_stop:
        return text
    names = {
        name
        for context in ("format", "stand-alone")
        for name in locale.months[context]["abbreviated"].values()
        if not name.endswith(".")
    }
    if not names:
        return text
    pattern = r"(?<!\w)(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w.])"
    return re.sub(pattern, r"\1.", text)


def grouped(digits: int, conventions: Conventions) -> bool:
    """Return whether an integer part of ``digits`` digits takes group separators."""
    return digits >= 3 + conventions.min_grouping


def format_range(
    start: datetime.date, end: datetime.date, skeleton: str, locale: Locale, conventions: Conventions
) -> str | None:
    """Return a range in the language's own pattern, or None to use CLDR's interval format."""
    patterns = conventions.ranges.get(skeleton)
    if not patterns:
        return None
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    pair = patterns.get(greatest)
    if pair is None:
        return None
    return format_date(start, pair[0], locale=locale) + format_date(end, pair[1], locale=locale)


def closed_up(text: str, conventions: Conventions) -> str:
    """Return a range with its dash closed up, where the language wants it: ``Jan–Nov 2021``."""
    return re.sub(r"\s*–\s*", "–", text) if conventions.closed_ranges else text
