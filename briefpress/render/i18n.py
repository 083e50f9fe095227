"""Languages: gettext catalogs for template labels and CLDR formats for numbers and dates."""

from __future__ import annotations

import datetime
import gettext
import re
from decimal import Decimal
from functools import cache
from typing import Protocol

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from briefpress.content.model import Figure, PartialDate, Per, Period, Qualifier, Unit
from briefpress.render.conventions import closed_up, conventions_for, format_range, grouped, with_month_stops

LARGE_NUMBER_STYLES = ("compact", "millions")
_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}
_SHORT_SKELETONS = {"year": "y", "month": "yMMM", "day": "yMMMd"}


@cache
def locale_for(lang: str) -> Locale:
    """Return the CLDR locale of a BCP 47 language tag (``pt-BR`` -> ``pt_BR``)."""
    return Locale.parse(lang, sep="-")


class Lookups(Protocol):
    """What a formatter asks of a language's labels (catalogs.Labels)."""

    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...
    def pgettext(self, context: str, message: str) -> str: ...


class Formatter:
    """Formats a briefing's numbers and dates in one language."""

    def __init__(self, lang: str, labels: Lookups | gettext.NullTranslations) -> None:
        self.locale = locale_for(lang)
        self.conventions = conventions_for(self.locale)
        self.gettext = labels.gettext
        self.ngettext = labels.ngettext
        self.pgettext = labels.pgettext
        # TRANSLATORS: how to write large numbers: "compact" for CLDR's words of
        # scale (411.25 billion, 4112.5亿), "millions" to count in millions
        # (411.250 millones). Write one of the two words, untranslated.
        self.large_numbers = labels.pgettext("large numbers", "compact")

    def figure(self, figure: Figure, measure: str | None = None) -> str:
        """Return the figure's value with its unit, qualifier and what it is per: ``over US$20 billion``.

        ``measure`` is a word the language prints with the number (Chinese 家 in 超过3000家).
        """
        if figure.unit is Unit.USD and figure.value >= 1_000_000:
            # TRANSLATORS: an amount of US dollars in words of scale, e.g. "411.25 billion".
            text = self.pgettext("money in words", "US${amount}").format(amount=self.amount(figure.value))
        elif figure.unit is Unit.USD:
            # TRANSLATORS: an amount of US dollars in digits, e.g. "500".
            text = self.pgettext("money in digits", "US${amount}").format(amount=self.amount(figure.value))
        elif figure.unit is Unit.PERCENT:
            text = format_percent(figure.value / 100, locale=self.locale, decimal_quantization=False)
        else:
            text = self.amount(figure.value)
        if measure:
            # TRANSLATORS: a number and the word the language counts it with (zh: "{value}{measure}", 3000家).
            text = self.gettext("{value} {measure}").format(value=text, measure=measure)
        qualified = {
            Qualifier.EXACT: "{value}",
            Qualifier.OVER: self.gettext("over {value}"),
            Qualifier.ABOVE: self.gettext("above {value}"),
            Qualifier.NEARLY: self.gettext("nearly {value}"),
            Qualifier.ABOUT: self.gettext("about {value}"),
        }[figure.qualifier].format(value=text)
        if figure.per is Per.EACH:
            # TRANSLATORS: an amount for each of several items, e.g. "US$1 billion each" (zh: 各10亿美元).
            return self.gettext("{value} each").format(value=qualified)
        if figure.per is Per.YEAR:
            # TRANSLATORS: an amount for each year of a period, e.g. "above US$300 billion a year".
            return self.gettext("{value} a year").format(value=qualified)
        return qualified

    def amount(self, value: Decimal) -> str:
        """Return a number, in words of scale from a million up (``411.25 billion``)."""
        if value < 1_000_000:
            return self.decimal(value)
        if self.large_numbers == "millions":
            millions = value / 1_000_000
            patterns = self.locale.compact_decimal_formats["long"]
            forms = patterns.get(self.locale.plural_form(millions)) or patterns["other"]
            number = self.decimal(millions)
            return re.sub("0+", number, forms["1000000"].pattern, count=1)
        # As many fraction digits as the number has significant ones: never rounds.
        digits = len(value.normalize().as_tuple().digits)
        return format_compact_decimal(value, format_type="long", fraction_digits=digits, locale=self.locale)

    def decimal(self, value: Decimal) -> str:
        """Return a number in digits, grouped as the language groups them (es: 3000, 30.000)."""
        digits = len(str(int(abs(value))))
        return format_decimal(
            value,
            locale=self.locale,
            decimal_quantization=False,
            group_separator=grouped(digits, self.conventions),
        )

    def language_name(self, tag: str, native: bool = False) -> str:
        """Return a language's name, in this language or (``native``) in its own."""
        language = locale_for(tag)
        names = language if native else self.locale
        # CLDR names some language-and-region pairs as one: "portugués de Brasil", "简体中文".
        for key in (f"{language.language}_{language.script}", f"{language.language}_{language.territory}"):
            if key in names.languages:
                return names.languages[key]
        return language.get_display_name(names) or tag

    def join(self, items: list[str]) -> str:
        """Return ``A, B and C`` in this language's convention (zh: ``A、B和C``)."""
        return format_list(items, locale=self.locale) if items else ""

    def languages(self, tags: list[str]) -> str:
        """Return the languages joined, each by its name in this language (es: ``inglés y chino``)."""
        return self.join([self.language_name(tag) for tag in tags])

    def date(self, date: PartialDate | datetime.date, short: bool = False) -> str:
        """Return a date at its own precision: ``2014``, ``July 2014``, ``December 3, 2021``."""
        if isinstance(date, datetime.date):
            date = PartialDate(date.year, date.month, date.day)
        skeleton = (_SHORT_SKELETONS if short else _SKELETONS)[date.precision]
        text = format_skeleton(skeleton, date.first_day(), locale=self.locale)
        return with_month_stops(text, self.locale, self.conventions) if short else text

    def long_date(self, date: datetime.date) -> str:
        """Return a full date in the locale's long form."""
        return format_date(date, "long", locale=self.locale)

    def period(self, period: Period) -> str:
        """Return ``Jan – Nov 2021``, ``since January 2018`` or ``until 2024``."""
        start, end = period.start, period.end
        if start is None:
            assert end is not None, "a period has a start, an end or both"
            return self.gettext("until {date}").format(date=self.date(end))
        if end is None:
            return self.gettext("since {date}").format(date=self.date(start))
        if start == end:
            return self.date(start, short=True)
        skeleton = _SHORT_SKELETONS[max(start.precision, end.precision, key=_rank)]
        first, last = start.first_day(), end.first_day()
        own = format_range(first, last, skeleton, self.locale, self.conventions)
        text = own or closed_up(format_interval(first, last, skeleton, locale=self.locale), self.conventions)
        return with_month_stops(text, self.locale, self.conventions)


def _rank(precision: str) -> int:
    return ("year", "month", "day").index(precision)
