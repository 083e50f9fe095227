"""check --source: figures, dates and quotations of every language against the text of their own source."""

from __future__ import annotations

import shutil
from dataclasses import MISSING, fields
from decimal import Decimal

import pytest
from click.testing import CliRunner
from helpers import FORUM_ARTICLE as ARTICLE
from helpers import edit, line_of

import briefpress
from briefpress.checks.factcheck import fact_check, normalise_quotation, read_figures, read_source
from briefpress.checks.factcheck.conventions import CONVENTIONS, Conventions, conventions_for
from briefpress.checks.factcheck.source import markdown_text
from briefpress.cli.commands import cli
from briefpress.project import Project
from briefpress.render.catalogs import translations
from briefpress.render.i18n import Formatter


def run(project_dir, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project_dir), "check", *args])


def figures(text: str, lang: str) -> list[tuple[str, str]]:
    return [(mention.text, mention.normalised()) for mention in read_figures(text, lang)]


# --- the number reader, per language ----------------------------------------


def test_english_numbers():
    text = "US$411.25 billion, up by 42.3% on 3,000 firms; 1.7 million pieces; 28.5 percent; G20, COVID-19, 5G"
    assert figures(text, "en") == [
        ("US$411.25 billion", "411250000000 USD"),
        ("42.3%", "42.3%"),
        ("3,000", "3000"),
        ("1.7 million", "1700000"),
        ("28.5 percent", "28.5%"),
    ]
    assert figures("On December 3, 2021 (and 3 December 2021), in July 2014, 2018-2020, the 19th", "en") == [
        ("December 3, 2021", "2021-12-03"),
        ("3 December 2021", "2021-12-03"),
        ("July 2014", "2014-07"),
        ("2018", "2018"),
        ("2020", "2020"),
        ("19th", "19"),
    ]


def test_spanish_numbers():
    text = "411.250 millones de dólares, 20.000 millones de dólares, 411,25 mil millones de dólares, 42,3 %, 3.000"
    assert figures(text, "es") == [
        ("411.250 millones de dólares", "411250000000 USD"),
        ("20.000 millones de dólares", "20000000000 USD"),
        ("411,25 mil millones de dólares", "411250000000 USD"),
        ("42,3 %", "42.3%"),
        ("3.000", "3000"),
    ]
    assert figures("el 3 de diciembre de 2021; enero-noviembre de 2021; 28 países; 12,5 por ciento", "es") == [
        ("3 de diciembre de 2021", "2021-12-03"),
        ("enero-noviembre de 2021", "2021"),
        ("28", "28"),
        ("12,5 por ciento", "12.5%"),
    ]


def test_brazilian_portuguese_numbers():
    text = "US$ 411,25 bilhões, US$ 1 bilhão, 40 milhões de itens, 42,3%, 3.000, 7 por cento, 6ª sessão"
    assert figures(text, "pt-BR") == [
        ("US$ 411,25 bilhões", "411250000000 USD"),
        ("US$ 1 bilhão", "1000000000 USD"),
        ("40 milhões", "40000000"),
        ("42,3%", "42.3%"),
        ("3.000", "3000"),
        ("7 por cento", "7%"),
        ("6ª", "6"),
    ]
    assert figures("em 3 de dezembro de 2021, em julho de 2014", "pt-BR") == [
        ("3 de dezembro de 2021", "2021-12-03"),
        ("julho de 2014", "2014-07"),
    ]


def test_simplified_chinese_numbers():
    text = "4112.5亿美元，增长42.3%，近4000万件，3,000多家，百分之12"
    assert figures(text, "zh-Hans") == [
        ("4112.5亿美元", "411250000000 USD"),
        ("42.3%", "42.3%"),
        ("4000万", "40000000"),
        ("3,000", "3000"),
        ("百分之12", "12%"),
    ]
    assert figures("2021年12月3日，2014年7月，2021年1—11月，2024年，11月", "zh-Hans") == [
        ("2021年12月3日", "2021-12-03"),
        ("2014年7月", "2014-07"),
        ("2021年1—11月", "2021"),
        ("2024年", "2024"),
    ]


@pytest.mark.parametrize("lang", ["en", "es", "pt-BR", "zh-Hans"])
def test_reads_back_every_figure_as_each_language_prints_it(briefing, lang):
    formatter = Formatter(lang, translations(Project.at(briefing.folder.parent.parent).locale_dirs, lang))
    expected = {"USD": " USD", "percent": "%", "count": ""}
    for figure in briefing.spec.figures:
        printed = formatter.figure(figure)
        (mention,) = read_figures(printed, lang)
        assert mention.normalised() == format(figure.value.normalize(), "f") + expected[figure.unit], printed


def test_number_words_count_only_in_the_source():
    words = "Twenty-eight sub-forums, a hundred conferences, the Sixth Summit, one hundred and five"
    assert [m.normalised() for m in read_figures(words, "en", words=True)] == ["28", "100", "6", "105"]
    assert read_figures(words, "en") == []


def test_quotations_fold_marks_dashes_and_case():
    assert normalise_quotation("“Complete  equality” is\none of China’s principles — here") == normalise_quotation(
        '"complete equality" is one of Chinas principles - here'
    )


# --- one table of conventions per language ----------------------------------

FRENCH = Conventions(
    scales={"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9},
    scale_runs=False,
    currencies={"dollars": "USD", "euros": "EUR"},
    before_currency=("de", "d’"),
    percent_after=("pour cent",),
    percent_before=(),
    ordinals=("e", "er", "re"),
    dates="words",
    day_marks=(),
    day_of=(),
    of=(),
    to=("à", "au"),
    number_words={},
    points_after=("points de pourcentage",),
    measures={},
)
FRENCH_TEXT = "1,2 milliard de dollars, 45 pour cent, le 14 mars 2023, 3 000 étudiants, la 2e réunion"


def test_a_new_language_needs_only_its_one_entry(monkeypatch):
    before = figures(FRENCH_TEXT, "fr")
    monkeypatch.setitem(CONVENTIONS, "fr", FRENCH)
    assert figures(FRENCH_TEXT, "fr") == [
        ("1,2 milliard de dollars", "1200000000 USD"),
        ("45 pour cent", "45%"),
        ("14 mars 2023", "2023-03-14"),
        ("3 000", "3000"),
        ("2e", "2"),
    ]
    assert before != figures(FRENCH_TEXT, "fr")  # the entry, and nothing else, taught the reader French
    assert ("1,2", "1.2") in before  # without it: CLDR's marks and month names only


def test_every_entry_states_every_convention():
    assert [field.name for field in fields(Conventions) if field.default is not MISSING] == []
    assert all(isinstance(entry, Conventions) for entry in CONVENTIONS.values())
    assert sorted(CONVENTIONS) == ["en", "es", "pt", "zh"]
    for lang in ("en", "es", "pt-BR", "zh-Hans"):
        assert conventions_for(lang) is CONVENTIONS[lang.split("-")[0]]


# --- an invented briefing against its invented article ---------------------
# tests/fixtures/factcheck: an article in English and a briefing of it in en, es and zh-Hans.


def test_briefing_passes_against_its_article(forum_dir):
    result = run(forum_dir, "--source", str(ARTICLE))
    assert result.exit_code == 0, result.output
    assert (
        f"lakes-forum-2023: checked 53 figures and 6 quotations in 3 languages against {ARTICLE}: all found"
        in result.output.splitlines()
    )


def test_altered_figure_in_spanish_prose_is_caught(monkeypatch, forum_dir, forum_briefing_dir):
    monkeypatch.chdir(forum_dir)
    text = forum_briefing_dir / "text" / "es.yaml"
    edit(text, "1.200 millones de dólares", "1.250 millones de dólares")
    result = run(forum_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    rel = text.relative_to(forum_dir)
    assert result.output.splitlines()[-2:] == [
        f'error: {rel}:{line_of(text, "1.250")}: parts.growth.points[0]: figure "1.250 millones de dólares"'
        f" (= 1250000000 USD) not found in {ARTICLE}",
        f"lakes-forum-2023: checked 53 figures and 6 quotations in 3 languages against {ARTICLE}: 1 not found",
    ]


def test_the_true_figure_in_spanish_prose_is_found_in_another_form(forum_dir, forum_briefing_dir):
    text = forum_briefing_dir / "text" / "es.yaml"
    edit(text, "Dinero y agua", "Dinero y agua: 1,2 mil millones de dólares de comercio")
    result = run(forum_dir, "--source", str(ARTICLE))
    assert result.exit_code == 0, result.output
    assert "checked 54 figures" in result.output


def test_altered_figure_in_chinese_prose_is_caught(monkeypatch, forum_dir, forum_briefing_dir):
    monkeypatch.chdir(forum_dir)
    text = forum_briefing_dir / "text" / "zh-Hans.yaml"
    edit(text, "达12亿美元", "达15亿美元")
    result = run(forum_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    rel = text.relative_to(forum_dir)
    assert (
        f'error: {rel}:{line_of(text, "15亿")}: parts.growth.points[0]: figure "15亿美元" (= 1500000000 USD)'
        f" not found in {ARTICLE}"
    ) in result.output.splitlines()


def test_altered_date_in_a_folded_summary_names_its_own_line(monkeypatch, forum_dir, forum_briefing_dir):
    monkeypatch.chdir(forum_dir)
    text = forum_briefing_dir / "text" / "en.yaml"
    edit(text, "was founded in June 2019", "was founded in July 2019")
    result = run(forum_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    line = line_of(text, "July 2019")
    assert line > line_of(text, "Five regions founded the forum")  # not the summary's first line
    assert result.stderr.splitlines()[0] == (
        f'error: {text.relative_to(forum_dir)}:{line}: parts.growth.summary: figure "July 2019" (= 2019-07)'
        f" not found in {ARTICLE}"
    )


def test_altered_figure_in_briefing_yaml_is_caught(monkeypatch, forum_dir, forum_briefing_dir):
    monkeypatch.chdir(forum_dir)
    spec = forum_briefing_dir / "briefing.yaml"
    edit(spec, "value: 1200000000", "value: 1250000000")
    edit(spec, "date: 2019-06\n", "date: 2019-07\n")
    result = run(forum_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    rel = spec.relative_to(forum_dir)
    assert result.output.splitlines()[-3:] == [
        f'error: {rel}:{line_of(spec, "1250000000")}: figures[0].value: figure "1250000000 USD"'
        f" (= 1250000000 USD) not found in {ARTICLE}",
        f'error: {rel}:{line_of(spec, "2019-07")}: timeline[0].date: figure "2019-07" (= 2019-07)'
        f" not found in {ARTICLE}",
        f"lakes-forum-2023: checked 53 figures and 6 quotations in 3 languages against {ARTICLE}: 2 not found",
    ]


def test_altered_english_quotation_is_caught_with_its_translations(monkeypatch, forum_dir, forum_briefing_dir):
    monkeypatch.chdir(forum_dir)
    text = forum_briefing_dir / "text" / "en.yaml"
    edit(text, "is a future shared", "is a future gained")
    result = run(forum_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    rel = text.relative_to(forum_dir)
    assert lines[0] == (
        f"error: {rel}:{line_of(text, 'a future gained')}: quotes.shared.text: quotation"
        f' "A lake shared is a future gained." not found in {ARTICLE}'
    )
    translated = [line for line in lines if "checked through its en original, which is not there" in line]
    assert [line.split(":")[1].strip() for line in translated] == [
        str((forum_briefing_dir / "text" / f"{lang}.yaml").relative_to(forum_dir)) for lang in ("es", "zh-Hans")
    ]
    assert all(": quotes.shared.text: quotation " in line for line in translated)
    assert lines[-1].endswith(": 3 not found")


def test_quotation_matching_ignores_marks_case_and_omissions():
    source = read_source([ARTICLE], "en")
    assert source.has_quotation("“a lake SHARED” is a future shared")
    assert source.has_quotation("No region can clean its waters alone … no region should have to.")
    assert source.has_quotation("No region can clean its waters alone [...] and no region should have to")
    assert not source.has_quotation("No region can clean its waters alone, no region should have to.")
    assert not source.has_quotation("… no region should have to … no region can clean its waters alone")  # order


def _halves(text: str) -> tuple[str, str]:
    middle = text.index("II. Money and water")
    return text[:middle], text[middle:]


def test_source_given_as_a_folder(tmp_path, forum_dir):
    folder = tmp_path / "sources"
    folder.mkdir()
    first, second = _halves(ARTICLE.read_text(encoding="utf-8"))
    marked = {"US$ 350 million": "**US$ 350 million**", "waters alone": "waters *alone*", "lakes": "[lakes](lakes.md)"}
    for plain, markdown in marked.items():
        second = second.replace(plain, markdown)
    (folder / "1-first-half.txt").write_text(first, encoding="utf-8")
    (folder / "2-second-half.md").write_text("# " + second, encoding="utf-8")
    (folder / "notes.pdf").write_text("US$ 1.25 billion", encoding="utf-8")  # neither .txt nor .md: not read
    result = run(forum_dir, "--source", str(folder))
    assert result.exit_code == 0, result.output
    assert f"against {folder}: all found" in result.output
    (folder / "2-second-half.md").unlink()
    result = run(forum_dir, "--source", str(folder))
    assert result.exit_code == 1
    assert 'figures[3].value: figure "350000000 USD" (= 350000000 USD) not found' in result.output


def test_sources_given_twice_are_read_together(tmp_path, forum_dir):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path, half in zip((first, second), _halves(ARTICLE.read_text(encoding="utf-8")), strict=True):
        path.write_text(half, encoding="utf-8")
    result = run(forum_dir, "--source", str(first), "--source", str(second))
    assert result.exit_code == 0, result.output
    assert f"against {first}, {second}: all found" in result.output
    result = run(forum_dir, "--source", str(first))
    assert result.exit_code == 1
    assert "figures[3].value" in result.output


def test_markdown_source_is_read_as_the_text_a_reader_sees():
    markdown = (
        "# The forum\n\nTrade of **US$ 1.2 billion** ([report](https://example.org/2017)), *up* `45%`,\n"
        "in 2022.\n\n2021. A year that starts a list item\n\n![the lake in June 2019](lake.png)\n"
    )
    assert markdown_text(markdown) == (
        "The forum\n\nTrade of US$ 1.2 billion (report), up 45%,\nin 2022.\n\n2021. A year that starts a list item"
        "\n\nthe lake in June 2019"
    )


def test_missing_source_is_a_usage_error(project_dir):
    result = run(project_dir, "--source", str(project_dir / "nowhere.txt"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_empty_source_folder_is_an_error(tmp_path, project_dir):
    (tmp_path / "empty").mkdir()
    result = run(project_dir, "--source", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'empty'}: no .txt or .md files in this folder"]


def test_source_that_is_not_utf8_is_an_error(tmp_path, project_dir):
    source = tmp_path / "latin1.txt"
    source.write_bytes("Relações: US$ 411,25 bilhões".encode("latin-1"))
    result = run(project_dir, "--source", str(source))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {source}: the source is not UTF-8 text"]


def test_a_source_without_the_figures_fails_every_one(tmp_path, project_dir, briefing):
    source = tmp_path / "other.txt"
    source.write_text("An unrelated text with no numbers.", encoding="utf-8")
    report = fact_check(briefing, read_source([source], "en"))
    assert len(report.missing) == report.figures + report.quotations
    assert report.summary().endswith(f"against {source}: {report.figures + report.quotations} not found")


def test_quotation_without_text_in_the_source_language(tmp_path, project_dir, briefing_dir):
    shutil.copy(ARTICLE, tmp_path / "source.txt")
    spec = briefing_dir / "briefing.yaml"
    spec.write_text(spec.read_text().replace("  language: en ", "  language: fr "))
    result = run(project_dir, "--source", str(tmp_path / "source.txt"))
    assert result.exit_code == 1
    assert "cannot be checked: the briefing has no text in fr, the source's language" in result.output


def test_decimal_values_are_exact():
    (mention,) = read_figures("US$ 411,25 bilhões", "pt-BR")
    assert mention.key == ("money", "USD", Decimal("411250000000"))


# --- several sources, each in its own language ------------------------------
# lakes-ferries-2023 draws on the article (en) and the forum's press release (zh-Hans, press.txt):
# its figures, events and quotation marked `source: press` are only in the press release.

PRESS = ARTICLE.with_name("press.txt")
FERRIES = "lakes-ferries-2023"


def test_each_source_is_checked_against_its_own_file_in_its_language(forum_dir):
    result = run(forum_dir, FERRIES, "--source", f"article={ARTICLE}", "--source", f"press={PRESS}")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-3:-1] == [
        f"{FERRIES}: source article (en): checked 23 figures and 2 quotations in 2 languages against {ARTICLE}:"
        " all found",
        f"{FERRIES}: source press (zh-Hans): checked 20 figures and 2 quotations in 2 languages against {PRESS}:"
        " all found",
    ]


def test_an_item_of_the_second_source_is_not_looked_up_in_the_first(monkeypatch, forum_dir):
    monkeypatch.chdir(forum_dir)
    result = run(forum_dir, FERRIES, "--source", f"article={ARTICLE}", "--source", f"press={ARTICLE}")
    assert result.exit_code == 1
    spec = forum_dir / "content" / FERRIES / "briefing.yaml"
    zh, en = (forum_dir / "content" / FERRIES / "text" / f"{lang}.yaml" for lang in ("zh-Hans", "en"))
    errors = result.stderr.splitlines()
    assert (
        f"error: {spec.relative_to(forum_dir)}:{line_of(spec, '80000000')}: figures[2].value:"
        f' figure "80000000 USD" (= 80000000 USD) not found in {ARTICLE}'
    ) in errors
    # the press release's quotation, checked in its own language: the Chinese is the original
    assert (
        f"error: {zh.relative_to(forum_dir)}:{line_of(zh, '渡轮是连接湖区的桥梁')}: quotes.bridges.text:"
        f' quotation "渡轮是连接湖区的桥梁。" not found in {ARTICLE}'
    ) in errors
    assert (
        f"error: {en.relative_to(forum_dir)}:{line_of(en, 'bridges that link')}: quotes.bridges.text: quotation"
        f' "The ferries are the bridges that link the lakes." not found in {ARTICLE}'
        " (checked through its zh-Hans original, which is not there)"
    ) in errors
    assert not any("trade-2022" in line or "figures[0]" in line for line in errors)  # the article's own: found
    assert errors[-1] == (
        f"{FERRIES}: source press (zh-Hans): checked 10 figures and 2 quotations in 2 languages"
        f" against {ARTICLE}: 8 not found"
    )


def test_a_number_in_prose_is_looked_up_in_every_file_and_both_are_named(monkeypatch, forum_dir):
    monkeypatch.chdir(forum_dir)
    text = forum_dir / "content" / FERRIES / "text" / "en.yaml"
    edit(text, "fund of US$80 million", "fund of US$90 million")
    result = run(forum_dir, FERRIES, "--source", f"article={ARTICLE}", "--source", f"press={PRESS}")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {text.relative_to(forum_dir)}:{line_of(text, 'US$90')}: parts.ferries.summary:"
        f' figure "US$90 million" (= 90000000 USD) not found in {ARTICLE} or {PRESS}'
    )


def test_a_source_given_no_file_is_not_checked(forum_dir):
    result = run(forum_dir, FERRIES, "--source", str(ARTICLE))  # the plain form: the first source
    assert result.exit_code == 0, result.output
    assert "not found" not in result.output
    assert result.stdout.splitlines()[-3:-1] == [
        f"{FERRIES}: source article (en): checked 23 figures and 2 quotations in 2 languages against {ARTICLE}:"
        " all found",
        f"{FERRIES}: source press (zh-Hans): 20 figures and 2 quotations not checked: no file given for it",
    ]


def test_the_plain_form_and_an_id_combine(forum_dir):
    result = run(forum_dir, "--source", str(ARTICLE), "--source", f"press={PRESS}")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"lakes-forum-2023: checked 53 figures and 6 quotations in 3 languages against {ARTICLE}: all found" in lines
    assert (
        f"{FERRIES}: source press (zh-Hans): checked 20 figures and 2 quotations in 2 languages against {PRESS}:"
        " all found" in lines
    )


def test_unknown_source_id_is_a_usage_error_naming_the_ids(forum_dir):
    result = run(forum_dir, FERRIES, "--source", f"pres={PRESS}")
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        "error: unknown source id pres (available: article, press)"
    ]


def test_the_api_takes_files_by_source_id(forum_dir):
    report = briefpress.check(forum_dir, [FERRIES], {"article": ARTICLE, "press": [PRESS]})
    (facts,) = report.facts
    assert [(source.source, source.lang, source.files, source.missing) for source in facts.sources] == [
        ("article", "en", str(ARTICLE), 0),
        ("press", "zh-Hans", str(PRESS), 0),
    ]
    assert (facts.figures, facts.quotations, facts.missing) == (43, 4, ())


# --- other currencies, percentage points and measurement units --------------------


def test_english_sources_write_other_currencies_points_and_units_in_many_ways():
    text = ("€66 billion; EUR 66 billion; 66 billion euros; ¥66 billion; RMB 66 billion; 66 billion yuan; "
            "up 2.5 percentage points, a 1.5-percentage-point rise, 3 pp; 1.2 million tonnes, 1,200 km, "
            "1,200 kilometres, 350 kilometers")  # fmt: skip
    assert [normalised for _, normalised in figures(text, "en")] == [
        *["66000000000 EUR"] * 3,
        *["66000000000 CNY"] * 3,
        "2.5 percentage points",
        "1.5 percentage points",
        "3 percentage points",
        "1200000 mass-tonne",
        *["1200 length-kilometer"] * 2,
        "350 length-kilometer",
    ]


def test_a_euro_figure_is_found_in_its_source_and_a_changed_one_is_not(tmp_path):
    from briefpress.checks.factcheck.source import SourceText
    from briefpress.checks.factcheck.values import figure_key
    from briefpress.content.model import Figure

    source = tmp_path / "report.txt"
    source.write_text("The bank lent 66 billion euros, 2.5 percentage points more, for 1,200 km of rail.\n")
    text: SourceText = read_source([source], "en")
    found = [Figure(id="x", value=value, unit=unit, part="p") for value, unit in
             [("66000000000", "EUR"), ("2.5", "percentage-points"), ("1200", "kilometer")]]  # fmt: skip
    assert all(text.has_figure(figure_key(figure)) for figure in found)
    wrong = [Figure(id="x", value=value, unit=unit, part="p") for value, unit in
             [("66000000000", "USD"), ("66000000000", "CNY"), ("2.5", "percent"), ("1200", "mile")]]  # fmt: skip
    assert not any(text.has_figure(figure_key(figure)) for figure in wrong)


def test_a_one_letter_unit_symbol_is_not_read_in_running_text():
    # Spanish "de 2019 a 2024": "a" is a word, not the ampere's symbol; so is "V" or "W" after a number.
    assert [normalised for _, normalised in figures("de 2019 a 2024, 12 km y 3 A más", "es")] == [
        "2019",
        "2024",
        "12 length-kilometer",
        "3",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("CNY 3.5 billion for shore power and 120 billion CNY in all", "en", ["3500000000 CNY", "120000000000 CNY"]),
        ("un fondo de 120.000 millones de yuanes y 20.000 millones de yuanes renminbi", "es",
         ["120000000000 CNY", "20000000000 CNY"]),
        ("um fundo de 66 bilhões de yuans e 518,4 bilhões de reais", "pt-BR", ["66000000000 CNY", "518400000000 BRL"]),
    ],
)
def test_currencies_as_the_page_and_the_press_write_them(text, lang, expected):
    assert [normalised for _, normalised in figures(text, lang)] == expected
