"""Each language as its own editor prints it: numbers, ranges, language names, glossary order, acronyms.

The expected values are those a native editor checks, not what CLDR alone gives.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.support import NullTranslations
from markupsafe import Markup

from briefpress.content.model import Figure, PartialDate, Per, Period, Qualifier, Unit
from briefpress.render.acronyms import FirstUse
from briefpress.render.catalogs import translations
from briefpress.render.collation import sort_key
from briefpress.render.conventions import conventions_for
from briefpress.render.i18n import Formatter, locale_for
from briefpress.render.view import TermView, edition

LANGS = ("en", "es", "pt-BR", "zh-Hans")


def fmt(lang: str, project=None) -> Formatter:
    labels = translations(project.locale_dirs, lang) if project else NullTranslations()
    return Formatter(lang, labels)


@pytest.mark.parametrize(
    ("lang", "value", "text"),
    [
        # CLDR's minimumGroupingDigits is 2 for Spanish: the Academy writes 3000, but 30.000.
        ("es", "3000", "3000"),
        ("es", "30000", "30.000"),
        ("es", "1000000000", "1000 millones"),
        ("es", "411250000000", "411.250 millones"),
        ("pt-BR", "3000", "3.000"),
        ("en", "3000", "3,000"),
        # Chinese publishing leaves four digits ungrouped (GB/T 15835).
        ("zh-Hans", "3000", "3000"),
        ("zh-Hans", "30000", "30,000"),
    ],
)
def test_grouping_follows_minimum_grouping_digits(project, lang, value, text):
    assert fmt(lang, project).amount(Decimal(value)) == text


@pytest.mark.parametrize(
    ("lang", "period", "text"),
    [
        # GB/T 15835: a 一字线 and the shared unit once.
        ("zh-Hans", "2021-01/2021-11", "2021年1—11月"),
        ("zh-Hans", "2018/2020", "2018—2020年"),
        ("zh-Hans", "2014-07/2021-11", "2014年7月—2021年11月"),
        ("zh-Hans", "2021-12-01/2021-12-03", "2021年12月1—3日"),
        # The Spanish Academy's abbreviations take a full stop.
        ("es", "2021-01/2021-11", "ene.–nov. 2021"),
        ("es", "2014-07/2021-09", "jul. 2014\u2009–\u2009sept. 2021"),
        ("es", "2021-12-03", "3 dic. 2021"),
        ("pt-BR", "2021-01/2021-11", "jan.–nov. de 2021"),
        ("en", "2021-01/2021-11", "Jan–Nov 2021"),
        ("en", "2014-07/2021-11", "Jul 2014–Nov 2021"),
    ],
)
def test_ranges_and_short_dates(lang, period, text):
    assert fmt(lang).period(Period.parse(period)).replace(" ", "\u2009") == text.replace(" ", "\u2009")


def test_spanish_long_dates_write_the_month_out():
    assert fmt("es").date(PartialDate(2021, 9)) == "septiembre de 2021"
    assert fmt("es").date(PartialDate(2021, 5), short=True) == "may. 2021"


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("es", "inglés, portugués de Brasil y chino simplificado"),
        ("pt-BR", "inglês, espanhol e chinês simplificado"),
        ("zh-Hans", "英语、西班牙语和巴西葡萄牙语"),
        ("en", "Spanish, Brazilian Portuguese, and Simplified Chinese"),
    ],
)
def test_other_languages_are_named_in_the_page_language(lang, names):
    others = [other for other in LANGS if other != lang]
    assert fmt(lang).languages(others) == names


def figure(value: str, unit: Unit, qualifier: Qualifier = Qualifier.EXACT, per: Per | None = None) -> Figure:
    return Figure(id="x", value=Decimal(value), unit=unit, qualifier=qualifier, per=per, part="p")


@pytest.mark.parametrize(
    ("lang", "each", "yearly"),
    [
        ("en", "US$1 billion each", "above US$300 billion a year"),
        ("es", "1000 millones de dólares cada uno", "más de 300.000 millones de dólares al año"),
        ("pt-BR", "US$ 1 bilhão cada", "acima de US$ 300 bilhões por ano"),
        ("zh-Hans", "各10亿美元", "每年3000亿美元以上"),
    ],
)
def test_figures_say_each_and_a_year(project, lang, each, yearly):
    f = fmt(lang, project)
    assert f.figure(figure("1000000000", Unit.USD, per=Per.EACH)).replace("\xa0", " ") == each
    yearly_figure = figure("300000000000", Unit.USD, Qualifier.ABOVE, per=Per.YEAR)
    assert f.figure(yearly_figure).replace("\xa0", " ") == yearly


def test_chinese_measure_word_stays_with_its_number(project):
    assert fmt("zh-Hans", project).figure(figure("3000", Unit.COUNT, Qualifier.OVER), measure="家") == "超过3000家"
    assert fmt("zh-Hans", project).figure(figure("21", Unit.COUNT), measure="次") == "21次"


def test_sample_figures_read_as_phrases_in_chinese(briefing, project):
    doc = edition(briefing, "zh-Hans", fmt("zh-Hans", project))
    values = {figure.id: (figure.value, str(figure.label)) for figure in doc.figures}
    assert values["enterprises"] == ("超过3000家", "中国企业在拉美地区经营")
    assert values["leader-calls"][0] == "21次"
    assert values["special-loans"][0] == "各10亿美元"
    # No label starts with a measure word cut from its number.
    assert not [label for _, label in values.values() if label[0] in "家个次场各"]


@pytest.mark.parametrize(
    ("lang", "terms"),
    [
        ("en", ["BRI", "CCF", "CELAC", "CPC", "ECLAC", "FTA", "LAC"]),
        ("es", ["ALC", "CELAC", "CEPAL", "FCC", "IFR", "PCCh", "TLC"]),
        ("pt-BR", ["ALC", "BRI", "CELAC", "CEPAL", "FCC", "PCCh"]),
        # By pinyin: la gong ti, la mei, la mei jing wei hui, yi dai yi lu, zhong gong, zhong la, zi mao.
        ("zh-Hans", ["拉共体", "拉美", "拉美经委会", "“一带一路”", "中共", "中拉论坛", "自贸协定"]),
    ],
)
def test_sample_glossary_lists_used_terms_in_the_language_order(briefing, lang, terms):
    doc = edition(briefing, lang, fmt(lang))
    assert [str(entry.term) for entry in doc.glossary] == terms


def test_collation_orders():
    uca = sort_key(conventions_for(locale_for("es")))
    assert sorted(["CELAC", "BAII", "Área", "ALC", "cepal"], key=uca) == ["ALC", "Área", "BAII", "CELAC", "cepal"]
    pinyin = sort_key(conventions_for(locale_for("zh-Hans")))
    # Han terms by pinyin, then terms in Latin letters, as Chinese dictionaries append them.
    assert sorted(["CPTPP", "中共", "亚投行", "“一带一路”", "拉美"], key=pinyin) == [
        "拉美",
        "亚投行",
        "“一带一路”",
        "中共",
        "CPTPP",
    ]


def terms(*pairs: tuple[str, str]) -> list[TermView]:
    return [TermView(term.lower(), term, definition) for term, definition in pairs]


def test_first_use_spells_out_an_acronym_once():
    first_use = FirstUse(
        terms(("FCC", "Foro China-CELAC"), ("CELAC", "Comunidad de Estados Latinoamericanos y Caribeños"))
    )
    assert first_use("Tras la reunión del FCC y la cumbre de la CELAC") == (
        "Tras la reunión del Foro China-CELAC (FCC) y la cumbre de la "
        "Comunidad de Estados Latinoamericanos y Caribeños (CELAC)"
    )
    assert first_use("El FCC y la CELAC") == "El FCC y la CELAC"


def test_first_use_takes_a_text_that_spells_out_the_acronym_itself_as_its_first_use():
    first_use = FirstUse(terms(("ALC", "América Latina e Caribe")))
    assert first_use("a América Latina e o Caribe (ALC)") == "a América Latina e o Caribe (ALC)"
    assert first_use("países da ALC") == "países da ALC"


def test_first_use_skips_compounds_glosses_links_and_chinese():
    first_use = FirstUse(
        terms(
            ("CELAC", "Comunidad de Estados"),
            ("BRI", "Iniciativa do Cinturão e Rota (sigla em inglês)"),
            ("拉美", "拉丁美洲和加勒比地区（LAC）"),
        )
    )
    # "China-CELAC" names the forum: not a use of CELAC.
    assert first_use("o Fórum China-CELAC") == "o Fórum China-CELAC"
    assert (
        first_use(Markup('<a href="x">CELAC</a> e a CELAC')) == '<a href="x">CELAC</a> e a Comunidad de Estados (CELAC)'
    )
    assert first_use("a BRI") == "a Iniciativa do Cinturão e Rota (BRI)"
    assert first_use("拉美国家") == "拉美国家"
