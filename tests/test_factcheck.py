"""check --source: figures, dates and quotations of every language against the source text."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import ARTICLE, line_of

from briefpress.checks.factcheck import fact_check, normalise_quotation, read_figures, read_source, source_language
from briefpress.cli.commands import cli
from briefpress.project import Project
from briefpress.render.catalogs import translations
from briefpress.render.i18n import Formatter

needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason=f"the source article is not at {ARTICLE}")
TRADE_ES = "Beneficio mutuo: China es el segundo socio comercial de la región y su tercera fuente de inversión."


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


# --- the sample against the article -----------------------------------------


@needs_article
def test_sample_passes_against_the_article(project_dir):
    result = run(project_dir, "--source", str(ARTICLE))
    assert result.exit_code == 0, result.output
    assert (
        f"china-lac-2021: checked 145 figures and 12 quotations in 4 languages against {ARTICLE}: all found"
        in result.output.splitlines()
    )


@needs_article
def test_altered_figure_in_spanish_prose_is_caught(monkeypatch, project_dir, briefing_dir):
    monkeypatch.chdir(project_dir)
    text = briefing_dir / "text" / "es.yaml"
    changed = TRADE_ES.replace("China es", "411.520 millones de dólares de comercio; China es")
    text.write_text(text.read_text(encoding="utf-8").replace(TRADE_ES, changed), encoding="utf-8")
    result = run(project_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    rel = text.relative_to(project_dir)
    assert result.output.splitlines()[-2:] == [
        f"error: {rel}:{line_of(text, '411.520')}: parts.partnership.points[1]: figure \"411.520 millones de dólares\""
        f" (= 411520000000 USD) not found in {ARTICLE}",
        f"china-lac-2021: checked 146 figures and 12 quotations in 4 languages against {ARTICLE}: 1 not found",
    ]


@needs_article
def test_the_true_figure_in_spanish_prose_is_found(project_dir, briefing_dir):
    text = briefing_dir / "text" / "es.yaml"
    changed = TRADE_ES.replace("China es", "411.250 millones de dólares de comercio; China es")
    text.write_text(text.read_text(encoding="utf-8").replace(TRADE_ES, changed), encoding="utf-8")
    result = run(project_dir, "--source", str(ARTICLE))
    assert result.exit_code == 0, result.output
    assert "checked 146 figures" in result.output


@needs_article
def test_altered_figure_in_chinese_prose_is_caught(monkeypatch, project_dir, briefing_dir):
    monkeypatch.chdir(project_dir)
    text = briefing_dir / "text" / "zh-Hans.yaml"
    content = text.read_text(encoding="utf-8")
    text.write_text(content.replace("近4000万件", "近4500万件"), encoding="utf-8")
    result = run(project_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    rel = text.relative_to(project_dir)
    assert (
        f'error: {rel}:{line_of(text, "4500万")}: parts.partnership.points[4]: figure "4500万" (= 45000000)'
        f" not found in {ARTICLE}"
    ) in result.output.splitlines()


@needs_article
def test_altered_date_in_a_folded_summary_names_its_own_line(monkeypatch, project_dir, briefing_dir):
    monkeypatch.chdir(project_dir)
    text = briefing_dir / "text" / "en.yaml"
    content = text.read_text(encoding="utf-8")
    text.write_text(content.replace("in Beijing in January 2015", "in Beijing in January 2016"), encoding="utf-8")
    result = run(project_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    line = line_of(text, "January 2016")
    assert line > line_of(text, "Xi Jinping and LAC leaders announced the CCF")  # not the summary's first line
    assert result.stderr.splitlines()[0] == (
        f'error: {text.relative_to(project_dir)}:{line}: parts.mechanisms.summary: figure "January 2016" (= 2016-01)'
        f" not found in {ARTICLE}"
    )


@needs_article
def test_altered_figure_in_briefing_yaml_is_caught(monkeypatch, project_dir, briefing_dir):
    monkeypatch.chdir(project_dir)
    spec = briefing_dir / "briefing.yaml"
    spec.write_text(spec.read_text().replace("value: 411250000000", "value: 411520000000"))
    spec.write_text(spec.read_text().replace("date: 2018-12\n", "date: 2018-11\n"))
    result = run(project_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    rel = spec.relative_to(project_dir)
    assert result.output.splitlines()[-3:] == [
        f'error: {rel}:{line_of(spec, "411520000000")}: figures[1].value: figure "411520000000 USD"'
        f" (= 411520000000 USD) not found in {ARTICLE}",
        f'error: {rel}:{line_of(spec, "2018-11")}: timeline[3].date: figure "2018-11" (= 2018-11)'
        f" not found in {ARTICLE}",
        f"china-lac-2021: checked 145 figures and 12 quotations in 4 languages against {ARTICLE}: 2 not found",
    ]


@needs_article
def test_altered_english_quotation_is_caught_with_its_translations(monkeypatch, project_dir, briefing_dir):
    monkeypatch.chdir(project_dir)
    text = briefing_dir / "text" / "en.yaml"
    content = text.read_text(encoding="utf-8")
    text.write_text(content.replace("as valuable as gold", "as precious as gold"), encoding="utf-8")
    result = run(project_dir, "--source", str(ARTICLE))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    rel = text.relative_to(project_dir)
    assert lines[0] == (
        f'error: {rel}:{line_of(text, "as precious as gold")}: quotes.green.text: quotation'
        f' "Clear waters and green mountains are as precious as gold and silver." not found in {ARTICLE}'
    )
    translated = [line for line in lines if "checked through its en original, which is not there" in line]
    assert [line.split(":")[1].strip() for line in translated] == [
        str((briefing_dir / "text" / f"{lang}.yaml").relative_to(project_dir)) for lang in ("es", "pt-BR", "zh-Hans")
    ]
    assert all(": quotes.green.text: quotation " in line for line in translated)
    assert lines[-1].endswith(": 4 not found")


@needs_article
def test_quotation_matching_ignores_marks_case_and_omissions(briefing):
    source = read_source([ARTICLE], source_language(briefing))
    assert source.has_quotation("“complete equality” is one of the basic principles of the CPC")
    assert source.has_quotation("Equality means making decisions … on an equal footing.")
    assert not source.has_quotation("Equality means making decisions on an equal footing.")


@needs_article
def test_source_given_as_a_folder(tmp_path, project_dir):
    folder = tmp_path / "sources"
    folder.mkdir()
    text = ARTICLE.read_text(encoding="utf-8")
    middle = text.index("II. Steadily improving")
    (folder / "1-first-half.txt").write_text(text[:middle], encoding="utf-8")
    (folder / "2-second-half.md").write_text("# " + text[middle:], encoding="utf-8")
    (folder / "notes.pdf").write_text("US$411.52 billion", encoding="utf-8")  # neither .txt nor .md: not read
    result = run(project_dir, "--source", str(folder))
    assert result.exit_code == 0, result.output
    assert f"against {folder}: all found" in result.output
    (folder / "2-second-half.md").unlink()
    result = run(project_dir, "--source", str(folder))
    assert result.exit_code == 1
    assert 'timeline[0].date: figure "2014-07" (= 2014-07) not found' in result.output


@needs_article
def test_sources_given_twice_are_read_together(tmp_path, project_dir):
    text = ARTICLE.read_text(encoding="utf-8")
    middle = text.index("II. Steadily improving")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text[:middle], encoding="utf-8")
    second.write_text(text[middle:], encoding="utf-8")
    result = run(project_dir, "--source", str(first), "--source", str(second))
    assert result.exit_code == 0, result.output
    assert f"against {first}, {second}: all found" in result.output


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
    shutil.copy(ARTICLE if ARTICLE.is_file() else __file__, tmp_path / "source.txt")
    spec = briefing_dir / "briefing.yaml"
    spec.write_text(spec.read_text().replace("  language: en ", "  language: fr "))
    result = run(project_dir, "--source", str(tmp_path / "source.txt"))
    assert result.exit_code == 1
    assert "cannot be checked: the briefing has no text in fr, the source's language" in result.output


def test_decimal_values_are_exact():
    (mention,) = read_figures("US$ 411,25 bilhões", "pt-BR")
    assert mention.key == ("money", "USD", Decimal("411250000000"))
