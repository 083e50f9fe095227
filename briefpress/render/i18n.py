"""Languages: gettext catalogs for template labels and CLDR formats for numbers and dates."""

from __future__ import annotations

import datetime
import gettext
import re
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from markupsafe import Markup, escape

from briefpress.content.model import Figure, PartialDate, Period, Qualifier, Unit

LARGE_NUMBER_STYLES = ("compact", "millions")
_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}
_SHORT_SKELETONS = {"year": "y", "month": "yMMM", "day": "yMMMd"}


@cache
def locale_for(lang: str) -> Locale:
    """Return the CLDR locale of a BCP 47 language tag (``pt-BR`` -> ``pt_BR``)."""
    return Locale.parse(lang, sep="-")


class Formatter:
    """Formats a briefing's numbers and dates in one language."""

    def __init__(self, lang: str, labels: gettext.NullTranslations) -> None:
        self.locale = locale_for(lang)
        self.gettext = labels.gettext
        self.ngettext = labels.ngettext
        self.pgettext = labels.pgettext
        # TRANSLATORS: how to write large numbers: "compact" for CLDR's words of
        # scale (411.25 billion, 4112.5亿), "millions" to count in millions
        # (411.250 millones). Write one of the two words, untranslated.
        self.large_numbers = labels.pgettext("large numbers", "compact")

    def figure(self, figure: Figure) -> str:
        """Return the figure's value with its unit and qualifier, e.g. ``over US$20 billion``."""
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
        qualified = {
            Qualifier.EXACT: "{value}",
            Qualifier.OVER: self.gettext("over {value}"),
            Qualifier.ABOVE: self.gettext("above {value}"),
            Qualifier.NEARLY: self.gettext("nearly {value}"),
            Qualifier.ABOUT: self.gettext("about {value}"),
        }[figure.qualifier]
        return qualified.format(value=text)

    def amount(self, value: Decimal) -> str:
        """Return a number, in words of scale from a million up (``411.25 billion``)."""
        if value < 1_000_000:
            return format_decimal(value, locale=self.locale, decimal_quantization=False)
        if self.large_numbers == "millions":
            millions = value / 1_000_000
            patterns = self.locale.compact_decimal_formats["long"]
            forms = patterns.get(self.locale.plural_form(millions)) or patterns["other"]
            number = format_decimal(millions, locale=self.locale, decimal_quantization=False)
            return re.sub("0+", number, forms["1000000"].pattern, count=1)
        # As many fraction digits as the number has significant ones: never rounds.
        digits = len(value.normalize().as_tuple().digits)
        return format_compact_decimal(value, format_type="long", fraction_digits=digits, locale=self.locale)

    def language_name(self, tag: str, native: bool = False) -> str:
        """Return a language's name, in this language or (``native``) in its own."""
        language = locale_for(tag)
        return language.get_display_name(language if native else self.locale) or tag

    def join(self, items: list[str]) -> str:
        """Return ``A, B and C`` in this language's convention (zh: ``A、B和C``)."""
        return format_list(items, locale=self.locale) if items else ""

    def languages(self, tags: list[str]) -> Markup:
        """Return the languages joined, each by its own name and marked with its ``lang``."""
        slots = [f"\x00{i}\x00" for i in range(len(tags))]
        joined = escape(self.join(slots))
        for slot, tag in zip(slots, tags, strict=True):
            name = Markup('<span lang="{}">{}</span>').format(tag, self.language_name(tag, native=True))
            joined = joined.replace(slot, name)
        return Markup(joined)

    def date(self, date: PartialDate | datetime.date, short: bool = False) -> str:
        """Return a date at its own precision: ``2014``, ``July 2014``, ``December 3, 2021``."""
        if isinstance(date, datetime.date):
            date = PartialDate(date.year, date.month, date.day)
        skeleton = (_SHORT_SKELETONS if short else _SKELETONS)[date.precision]
        return format_skeleton(skeleton, date.first_day(), locale=self.locale)

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
        return format_interval(start.first_day(), end.first_day(), skeleton, locale=self.locale)


def _rank(precision: str) -> int:
    return ("year", "month", "day").index(precision)
