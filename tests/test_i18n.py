"""Formatting figures and dates from the stored numbers (CLDR via Babel)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

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


# --- units other than US dollars, count and percent --------------------------

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def formatted(lang: str, value: str, unit: str) -> str:
    labels = translations([LOCALE], lang)
    return Formatter(lang, labels).figure(Figure(id="x", value=Decimal(value), unit=unit, part="p"))


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("en", ["€66 billion", "CN¥66 billion", "R$518.4 billion", "€500", "€12.50", "CN¥3,500"]),
        ("es", ["66.000 millones de euros", "66.000 millones de yuanes",
                "518.400 millones de reales brasileños", "500\xa0€", "12,50\xa0€", "3500\xa0CNY"]),
        ("pt-BR", ["66 bilhões de euros", "66 bilhões de yuans", "518,4 bilhões de reais",
                   "€\xa0500", "€\xa012,50", "CN¥\xa03.500"]),
        ("zh-Hans", ["660亿欧元", "660亿元人民币", "5184亿巴西雷亚尔", "€500", "€12.50", "¥3500"]),
    ],
)  # fmt: skip
def test_currencies_are_formatted_by_cldr(lang, texts):
    amounts = [("66000000000", "EUR"), ("66000000000", "CNY"), ("518400000000", "BRL"),
               ("500", "EUR"), ("12.5", "EUR"), ("3500", "CNY")]  # fmt: skip
    assert [formatted(lang, value, unit) for value, unit in amounts] == texts


@pytest.mark.parametrize(
    ("lang", "one", "two", "half"),
    [
        ("en", "1 percentage point", "2 percentage points", "1.5 percentage points"),
        ("es", "1 punto porcentual", "2 puntos porcentuales", "1,5 puntos porcentuales"),
        ("pt-BR", "1 ponto percentual", "2 pontos percentuais", "1,5 ponto percentual"),  # CLDR pt: i = 0..1 is one
        ("zh-Hans", "1个百分点", "2个百分点", "1.5个百分点"),
    ],
)
def test_percentage_points_take_the_plural_of_their_number(lang, one, two, half):
    assert [formatted(lang, value, "percentage-points") for value in ("1", "2", "1.5")] == [one, two, half]


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("en", ["1 metric ton", "12.5 metric tons", "1.5 million metric tons", "3,500 kilometers"]),
        ("es", ["1 tonelada", "12,5 toneladas", "1,5 millones de toneladas", "3500 kilómetros"]),
        ("pt-BR", ["1 tonelada métrica", "12,5 toneladas métricas", "1,5 milhão de toneladas métricas",
                   "3.500 quilômetros"]),
        ("zh-Hans", ["1公吨", "12.5公吨", "150万公吨", "3500公里"]),
    ],
)  # fmt: skip
def test_measurement_units_in_cldr_long_form(lang, texts):
    quantities = [("1", "tonne"), ("12.5", "mass-tonne"), ("1500000", "mass-tonne"), ("3500", "length-kilometer")]
    assert [formatted(lang, value, unit) for value, unit in quantities] == texts


def test_qualifiers_and_per_hold_for_every_unit():
    labels = translations([LOCALE], "es")
    figure = Figure(id="x", value=Decimal("66000000000"), unit="EUR", qualifier="over", per="year", part="p")
    assert Formatter("es", labels).figure(figure) == "más de 66.000 millones de euros al año"
    points = Figure(id="x", value=Decimal("2"), unit="percentage-points", qualifier="about", per="each", part="p")
    assert Formatter("en", NullTranslations()).figure(points) == "about 2 percentage points each"


@pytest.mark.parametrize(
    ("lang", "captions"),
    [
        ("en", ["In euros", "In percentage points", "In metric tons", None]),
        ("es", ["En euros", "En puntos porcentuales", "En toneladas", None]),
        ("pt-BR", ["Em euros", "Em pontos percentuais", "Em toneladas métricas", None]),
        ("zh-Hans", ["单位：欧元", "单位：百分点", "单位：公吨", None]),
    ],
)
def test_a_chart_names_the_unit_its_bars_share(lang, captions):
    fmt = Formatter(lang, translations([LOCALE], lang))
    units = [Unit(written) for written in ("EUR", "percentage-points", "tonne", "USD")]
    assert [fmt.unit_caption(unit) for unit in units] == captions
