"""Formatting figures and dates from the stored numbers (CLDR via Babel)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from babel.support import NullTranslations

from briefpress.content.model import Figure, PartialDate, Period, Qualifier, Unit
from briefpress.render.catalogs import translations
from briefpress.render.i18n import Formatter, locale_for
from briefpress.render.view import _periods_note


@pytest.fixture
def fmt() -> Formatter:
    return Formatter("en", NullTranslations())


def figure(value: str, unit: Unit, qualifier: Qualifier = Qualifier.EXACT) -> Figure:
    return Figure(id="x", value=Decimal(value), unit=unit, qualifier=qualifier, part="p")


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        ("411250000000", Unit.USD, Qualifier.EXACT, "US$411.25 billion"),
        ("20000000000", Unit.USD, Qualifier.OVER, "over US$20 billion"),
        ("1000000000", Unit.USD, Qualifier.EXACT, "US$1 billion"),
        ("1700000", Unit.COUNT, Qualifier.NEARLY, "nearly 1.7 million"),
        ("42.3", Unit.PERCENT, Qualifier.EXACT, "42.3%"),
        ("0.5", Unit.PERCENT, Qualifier.EXACT, "0.5%"),
        ("3000", Unit.COUNT, Qualifier.OVER, "over 3,000"),
        ("21", Unit.COUNT, Qualifier.ABOUT, "about 21"),
        ("123456789012.345", Unit.USD, Qualifier.EXACT, "US$123.456789012345 billion"),
    ],
)
def test_figures_never_round(fmt, value, unit, qualifier, text):
    assert fmt.figure(figure(value, unit, qualifier)) == text


@pytest.mark.parametrize(
    ("period", "text"),
    [
        ("2021-01/2021-11", "Jan\u2013Nov 2021"),
        ("2018-01/..", "since January 2018"),
        ("../2024", "until 2024"),
        ("2021-12-03", "Dec 3, 2021"),
        ("2019/2021", "2019\u20132021"),
    ],
)
def test_periods(fmt, period, text):
    assert fmt.period(Period.parse(period)) == text


def test_dates_at_their_precision(fmt):
    assert fmt.date(PartialDate(2014, 7)) == "July 2014"
    assert fmt.date(PartialDate(2024)) == "2024"
    assert fmt.date(PartialDate(2021, 12, 3)) == "December 3, 2021"
    assert fmt.long_date(datetime.date(2026, 11, 26)) == "November 26, 2026"


def test_language_tags_map_to_locales():
    assert str(locale_for("pt-BR")) == "pt_BR"
    assert str(locale_for("zh-Hans")) == "zh_Hans"


def test_no_catalog_means_identity(tmp_path):
    labels = translations([tmp_path], "en")
    assert labels.gettext("Key figures") == "Key figures"


@pytest.mark.parametrize(
    ("periods", "note"),
    [
        (
            ["2018/2020", "2021-01/2021-11"],
            "Jan–Nov 2021 covers 11 months. The other bar covers whole years.",
        ),
        (
            ["2019", "2020", "2021-01/2021-11"],
            "Jan–Nov 2021 covers 11 months. The other bars cover whole years.",
        ),
        (["2020", "2021"], None),  # whole years only: nothing to say
    ],
)
def test_a_chart_note_counts_the_bars_that_cover_whole_years(fmt, periods, note):
    assert _periods_note([Period.parse(period) for period in periods], fmt) == note
