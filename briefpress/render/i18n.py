"""Languages: gettext catalogs for template labels and CLDR formats for numbers and dates."""

from __future__ import annotations

import datetime
import gettext
import re
from decimal import Decimal
from functools import cache
from typing import Protocol

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
)
from babel.units import format_unit, get_unit_name

from briefpress.content.model import Figure, PartialDate, Per, Period, Qualifier
from briefpress.content.units import Unit, UnitKind
from briefpress.render.conventions import closed_up, conventions_for, format_range, grouped, with_month_stops

LARGE_NUMBER_STYLES = ("compact", "millions")
_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}
_SHORT_SKELETONS = {"year": "y", "month": "yMMM", "day": "yMMMd"}


@cache
def locale_for(lang: str) -> Locale:
    """Return the CLDR locale of a BCP 47 language tag (``pt-BR`` -> ``pt_BR``)."""
    return Locale.parse(lang, sep="-")


def english_name(lang: str) -> str:
    """Return a language's name in English, for messages (``pt-BR`` -> ``Portuguese (Brazil)``)."""
    try:
        return locale_for(lang).get_display_name("en") or lang
    except (ValueError, UnknownLocaleError):  # a tag CLDR does not know
        return lang


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
        # TRANSLATORS: how to write an amount of a currency other than US dollars in words of scale:
        # "symbol" for its sign (€66 billion, R$ 66 bilhões), "name" for its name (66.000 millones de
        # euros, 660亿欧元). Write one of the two words, untranslated.
        self.currency_in_words = labels.pgettext("currency in words", "symbol")

    def figure(self, figure: Figure, measure: str | None = None) -> str:
        """Return the figure's value with its unit, qualifier and what it is per: ``over US$20 billion``.

        ``measure`` is a word the language prints with the number (Chinese 家 in 超过3000家).
        """
        text = self.quantity(figure.value, figure.unit)
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

    def quantity(self, value: Decimal, unit: Unit) -> str:
        """Return a number with its unit: ``US$20 billion``, ``€66 billion``, ``2.5 percentage points``, ``12 km``."""
        kind = unit.kind
        if unit == Unit.USD and value >= 1_000_000:
            # TRANSLATORS: an amount of US dollars in words of scale, e.g. "411.25 billion".
            return self.pgettext("money in words", "US${amount}").format(amount=self.amount(value))
        if unit == Unit.USD:
            # TRANSLATORS: an amount of US dollars in digits, e.g. "500".
            return self.pgettext("money in digits", "US${amount}").format(amount=self.amount(value))
        if kind is UnitKind.CURRENCY:
            return self.money(value, unit)
        if kind is UnitKind.PERCENT:
            return format_percent(value / 100, locale=self.locale, decimal_quantization=False)
        if kind is UnitKind.PERCENTAGE_POINTS:
            return self.ngettext(
                # TRANSLATORS: a difference between two percentages, e.g. "2.5 percentage points" (zh: 2.5个百分点).
                "{value} percentage point",
                "{value} percentage points",
                self._plural_n(value),
            ).format(value=self.amount(value))
        if kind is UnitKind.MEASURE:
            return self.measurement(value, unit)
        return self.amount(value)

    def money(self, value: Decimal, currency: str) -> str:
        """Return an amount of a currency other than US dollars, by CLDR: ``€500``, ``500 €``, ``€66 billion``."""
        if value >= 1_000_000:
            amount = self.amount(value)
            if self.currency_in_words == "name":
                # TRANSLATORS: an amount of a currency (not US dollars) in words of scale, by the currency's
                # name: {amount} is "66 billion", {name} the name CLDR gives (euros, yuanes renminbi, 人民币).
                pattern = self.pgettext("money in words", "{amount} {name}")
                return pattern.format(amount=amount, name=self._currency_name(currency, value))
            # TRANSLATORS: an amount of a currency (not US dollars) in words of scale, by the currency's
            # sign: {amount} is "66 billion", {symbol} the sign CLDR gives (€, CN¥, R$).
            pattern = self.pgettext("money in words", "{symbol}{amount}")
            return pattern.format(amount=amount, symbol=get_currency_symbol(currency, locale=self.locale))
        whole = value == value.to_integral_value()
        pattern = self.locale.currency_formats["standard"].pattern
        return format_currency(
            value,
            currency,
            format=re.sub(r"\.0+", "", pattern) if whole else None,
            locale=self.locale,
            currency_digits=not whole,
            group_separator=grouped(len(str(int(value))), self.conventions),
        )

    def measurement(self, value: Decimal, unit: str) -> str:
        """Return a quantity of a CLDR unit in its long form: ``12.5 kilometers``, ``1.5 million metric tons``."""
        if value >= 1_000_000:
            # TRANSLATORS: a quantity of a unit in words of scale: {amount} is "1.5 million", {unit} the
            # unit's name as CLDR gives it (metric tons); es: "{amount} de {unit}" (1,5 millones de toneladas).
            pattern = self.pgettext("unit in words", "{amount} {unit}")
            name = get_unit_name(unit, length="long", locale=self.locale) or unit
            return pattern.format(amount=self.amount(value), unit=name)
        # CLDR picks the plural form by the number; the number itself is written as the language groups it.
        cldr_number = format_decimal(value, locale=self.locale, decimal_quantization=False)
        text = format_unit(value, unit, length="long", format=None, locale=self.locale)
        return text.replace(cldr_number, self.decimal(value), 1)

    def unit_caption(self, unit: Unit) -> str | None:
        """Return what a chart's bars are counted in, for units the template does not name: ``In euros``."""
        if unit in (Unit.USD, Unit.COUNT, Unit.PERCENT):
            return None  # the template names these ("In US dollars")
        if unit.kind is UnitKind.PERCENTAGE_POINTS:
            return self.gettext("In percentage points")
        if unit.kind is UnitKind.CURRENCY:
            name = self._currency_name(unit, 2)
        else:
            name = get_unit_name(unit, length="long", locale=self.locale) or unit
        # TRANSLATORS: what a chart's bars are counted in: {unit} is "euros", "metric tons" (zh: 单位：{unit}).
        return self.gettext("In {unit}").format(unit=name)

    def _currency_name(self, currency: str, count: Decimal | int) -> str:
        """Return a currency's name as running text has it: ``euros``, ``yuanes``, ``元人民币``."""
        press = _PRESS_NAMES.get((self.locale.language, currency))
        if press is not None:
            return press[0] if self.locale.plural_form(count) == "one" else press[-1]
        name = get_currency_name(currency, count=count, locale=self.locale)
        # CLDR capitalises Portuguese currency names, as a list of names would ("Euros").
        return name[:1].lower() + name[1:] if self.locale.language == "pt" else name

    def _plural_n(self, value: Decimal) -> int:
        """Return a whole number the catalog's plural rule takes as it takes ``value`` (1.5: 2 in en, 1 in pt)."""
        if value == value.to_integral_value():
            return int(value)
        form = self.locale.plural_form(value)
        return next((n for n in range(200) if self.locale.plural_form(n) == form), 2)

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


# Where CLDR's name is not the one the press and ministries write: Spanish and Portuguese say
# "yuanes", "yuans", "reais" (CLDR: "yuanes renminbi", "yuans chineses", "reais brasileiros");
# Chinese amounts read 660亿元人民币.
_PRESS_NAMES = {
    ("es", "CNY"): ("yuan", "yuanes"),
    ("pt", "CNY"): ("yuan", "yuans"),
    ("pt", "BRL"): ("real", "reais"),
    ("zh", "CNY"): ("元人民币",),
}


def _rank(precision: str) -> int:
    return ("year", "month", "day").index(precision)
