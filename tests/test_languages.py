"""Languages: fallback to the base language, catalog completeness, tofu guard, bilingual, RTL."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import REPO, edit, line_of, pdf_text, run, squeeze
from pypdf import PdfReader

from briefpress.checks.coverage import Completeness
from briefpress.render.catalogs import coverage, translations

pytestmark = pytest.mark.usefixtures("quiet_pypdf")
FIXTURES = Path(__file__).parent / "fixtures"
ES_PO = Path("locale") / "es" / "LC_MESSAGES" / "messages.po"


@pytest.fixture
def own_catalogs(project_dir: Path) -> Path:
    """Give the project a copy of the built-in catalogs, which its own override."""
    shutil.copytree(REPO / "locale", project_dir / "locale")
    return project_dir / "locale"


def test_deleted_translation_falls_back_visibly_and_fails_strict(project_dir, briefing_dir):
    es = briefing_dir / "text" / "es.yaml"
    text = es.read_text(encoding="utf-8")
    overview = re.search(r"(?ms)^overview: .*?(?=^\w)", text)[0]
    es.write_text(text.replace(overview, ""), encoding="utf-8")

    result = run(project_dir, "check")
    assert result.exit_code == 0, result.output
    assert "china-lac-2021 es: content 98% (85/86 fields), labels 100% (81/81)" in result.output
    assert "1 translation gap shown in the base language; check --strict lists them" in result.output

    strict = run(project_dir, "check", "--strict")
    assert strict.exit_code == 1
    assert strict.output.splitlines()[-2:] == [
        "error: china-lac-2021 es: untranslated field overview",
        "1 translation gap; --strict makes them errors",
    ]

    built = run(project_dir, "build", "--lang", "es", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert built.exit_code == 0, built.output
    sheet = project_dir / "dist" / "china-lac-2021" / "es" / "sheet-formal-a4"
    html = sheet.with_suffix(".html").read_text(encoding="utf-8")
    assert '<p><span class="fallback" lang="en">Writing after the Third Ministers’ Meeting' in html
    text = squeeze(pdf_text(sheet.with_suffix(".pdf")))
    assert squeeze("Writing after the Third Ministers’ Meeting of the China-CELAC Forum (CCF)") in text
    assert squeeze("El texto sobre fondo de color aún no está traducido y aparece en inglés.") in text


def test_fallback_markup_stays_out_of_attributes(project_dir, briefing_dir):
    es = briefing_dir / "text" / "es.yaml"
    edit(es, "\nshort_title:", "\nshort_titl:")  # an unknown field is an error ...
    assert run(project_dir, "check").exit_code == 1
    text = es.read_text(encoding="utf-8")
    es.write_text(re.sub(r"(?m)^(title|subtitle|short_titl): .*\n", "", text), encoding="utf-8")
    built = run(project_dir, "build", "--lang", "es", "--layout", "brief", "--style", "formal", "--paper", "a4")
    assert built.exit_code == 0, built.output
    html = (project_dir / "dist" / "china-lac-2021" / "es" / "brief-formal-a4.html").read_text(encoding="utf-8")
    assert "<title>China-LAC Relations After the 2021 China-CELAC Ministerial Meeting</title>" in html
    assert '<meta name="description" content="Summary of an article by Cai Wei' in html
    assert 'data-short-title="China-LAC Relations in the New Era"' in html
    assert '<h1 data-short-title="China-LAC Relations in the New Era"><span class="fallback" lang="en">' in html


def test_fuzzy_label_counts_as_missing_and_shows_english(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(REPO / "locale", locale)
    edit(locale / ES_PO.relative_to("locale"), 'msgid "Key figures"', '#, fuzzy\nmsgid "Key figures"')
    assert translations([locale], "es").gettext("Key figures") == "Key figures"
    assert translations([locale], "es").gettext("Key points") == "Puntos clave"
    labels = coverage([locale], "es", source_lang="en")
    assert (labels.total, labels.translated, labels.fuzzy, labels.missing) == (81, 80, ("Key figures",), ())
    gaps = Completeness("b", "es", 1, (), labels).gaps()
    assert gaps == ["b es: fuzzy label 'Key figures' (shown in English)"]


def test_project_catalog_overrides_the_builtin_one(project_dir, own_catalogs):
    edit(project_dir / ES_PO, 'msgstr "Cifras clave"', 'msgstr "Datos clave"')
    built = run(project_dir, "build", "--lang", "es", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert built.exit_code == 0, built.output
    assert "Datos clave" in pdf_text(project_dir / "dist" / "china-lac-2021" / "es" / "sheet-formal-a4.pdf")


def test_untranslated_label(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(REPO / "locale", locale)
    edit(locale / ES_PO.relative_to("locale"), 'msgstr "Glosario"', 'msgstr ""')
    labels = coverage([locale], "es", source_lang="en")
    assert labels.missing == ("Glossary",)
    assert Completeness("b", "es", 1, (), labels).gaps() == ["b es: untranslated label 'Glossary'"]


def test_missing_catalog_fails_strict(tmp_path):
    empty = tmp_path / "locale"
    empty.mkdir()
    (empty / "messages.pot").write_bytes((REPO / "locale" / "messages.pot").read_bytes())
    assert not translations([empty], "pt-BR").translated
    labels = coverage([empty], "pt-BR", source_lang="en")
    assert (labels.total, labels.translated) == (81, 0)
    assert Completeness("b", "pt-BR", 1, (), labels).gaps() == ["b pt-BR: no label catalog translates the templates"]


def test_bad_placeholder_in_catalog_is_an_error(project_dir, own_catalogs):
    occasion = 'msgstr "Contexto del artículo: %(occasion)s el %(date)s."'
    edit(project_dir / ES_PO, occasion, 'msgstr "Motivo: %(ocasion)s."')
    result = run(project_dir, "check")
    assert result.exit_code == 1
    po = project_dir / ES_PO
    line = line_of(po, 'msgid "Occasion of the article')
    assert result.output.splitlines()[-2:] == [
        f"error: {po}:{line}: Occasion of the article: %(occasion)s, %(date)s.: unknown named placeholder 'ocasion'",
        "1 problem found; nothing was built.",
    ]


def test_glyph_missing_from_every_font_fails_the_build(project_dir, briefing_dir):
    edit(briefing_dir / "text" / "en.yaml", '\ntitle: "China-LAC', '\ntitle: "\U0010fffd China-LAC')
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 1
    missing = repr(chr(0x10FFFD))  # shown escaped: it has no printable form
    assert f"error: china-lac-2021/en/sheet-formal-a4: no font has a glyph for {missing}" in result.output
    assert not (project_dir / "dist" / "china-lac-2021" / "en" / "sheet-formal-a4.pdf").exists()


def test_font_outside_the_style_fails_the_build(project_dir, briefing_dir):
    edit(briefing_dir / "text" / "en.yaml", 'short_title: "China-LAC', 'short_title: "ሰላም China-LAC')
    edit(briefing_dir / "text" / "en.yaml", '\ntitle: "China-LAC', '\ntitle: "ሰላም China-LAC')
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4")
    assert result.exit_code == 1
    assert "error: china-lac-2021/en/sheet-modern-a4: font 'Noto Sans Ethiopic', which the style does " in (
        result.output
    )
    drawn = "".join(sorted(set("ሰላም")))
    assert f"drew {drawn!r} (in 'ሰላም China-LAC Relations" in result.output
    assert "declared: Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, Noto Sans Display" in result.output


def test_chinese_lists_and_names_languages_in_chinese(project_dir):
    result = run(project_dir, "build", "--lang", "zh-Hans", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 0, result.output
    html = (project_dir / "dist" / "china-lac-2021" / "zh-Hans" / "sheet-formal-a4.html").read_text()
    html = html.replace("\u2060", "")  # the word joiners of render/joins.py aside
    # The other languages by their Chinese names (CLDR's, with its names for a language and region).
    assert "另有英语、西班牙语和巴西葡萄牙语版本。" in html
    assert '蔡伟（中国外交部拉美司司长）：<cite lang="en">Jointly Create' in html  # the sheet cites the original title


def positions(page) -> list[tuple[str, float]]:
    """Return each text run of a page with the height of its baseline."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text, tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize(
    ("pair", "style", "paper"),
    [("en+es", "modern", "a4"), ("zh-Hans+es", "modern", "a4"), ("en+es", "formal", "letter")],
)
def test_bilingual_sheet_keeps_the_languages_aligned(project_dir, briefing, pair, style, paper):
    result = run(project_dir, "build", "--lang", pair, "--layout", "sheet", "--style", style, "--paper", paper)
    assert result.exit_code == 0, result.output
    pdf = PdfReader(project_dir / "dist" / "china-lac-2021" / pair / f"sheet-{style}-{paper}.pdf")
    assert len(pdf.pages) == 2  # the two sides of one sheet
    first, second = pair.split("+")
    runs = [(n, text, y) for n, page in enumerate(pdf.pages) for text, y in positions(page)]

    # A line may be drawn in several runs (a name is its own span, the space between two of them in
    # neither): join the runs of each baseline and compare without white space.
    lines: dict[tuple[int, float], list[str]] = {}
    for n, text, y in runs:
        lines.setdefault((n, round(y, 1)), []).append(text)

    def where(start: str) -> tuple[int, float]:
        return next((n, y) for (n, y), texts in lines.items() if squeeze(start)[:8] in squeeze("".join(texts)))

    rows = [(briefing.texts[first].parts[p].title, briefing.texts[second].parts[p].title) for p in briefing.spec.parts]
    rows += [(briefing.texts[first].timeline[e], briefing.texts[second].timeline[e]) for e in ("first-meeting",)]
    for left, right in rows:
        (left_page, left_y), (right_page, right_y) = where(left), where(right)
        # Same page, same line: baselines of Chinese and Latin fonts differ by a point at most.
        assert left_page == right_page, (left, right)
        assert abs(left_y - right_y) < 2, (left, right, left_y, right_y)
    html = (project_dir / "dist" / "china-lac-2021" / pair / f"sheet-{style}-{paper}.html").read_text()
    assert f'<div class="cell" lang="{second}" dir="ltr">' in html


@pytest.mark.parametrize("style", ["formal", "economy"])
def test_a_bilingual_page_counter_in_a_latin_and_a_chinese_column_uses_the_styles_faces(project_dir, style):
    """The margin box has no language of its own: with English first, its Chinese came out in a Japanese face."""
    result = run(project_dir, "build", "--lang", "en+zh-Hans", "--layout", "sheet", "--style", style, "--paper", "a4")
    assert result.exit_code == 0, result.output
    pdf = project_dir / "dist" / "china-lac-2021" / "en+zh-Hans" / f"sheet-{style}-a4.pdf"
    text = pdf_text(pdf)
    assert "Page 1 of 2 · 第1页，共2页" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK-JP" not in fonts
    assert "CJK-SC" in fonts


def test_bilingual_needs_a_bilingual_template(project_dir):
    result = run(project_dir, "build", "--lang", "en+es", "--layout", "brief")
    assert result.exit_code == 2
    assert "unknown bilingual layout brief (available: sheet)" in result.output
    same = run(project_dir, "build", "--lang", "en+en")
    assert same.exit_code == 2
    assert "unknown language pair en+en" in same.output


@pytest.mark.parametrize("style", ["formal", "modern"])
def test_right_to_left_fixture(tmp_path, style):
    project = tmp_path / "rtl"
    shutil.copytree(FIXTURES / "rtl", project)
    result = run(project, "build", "--lang", "ar", "--style", style)
    assert result.exit_code == 0, result.output
    sheet = project / "dist" / "rtl-sample" / "ar" / f"sheet-{style}-a4"
    assert sheet.with_suffix(".html").read_text().startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl"')
    reader = PdfReader(sheet.with_suffix(".pdf"))
    text = reader.pages[0].extract_text()
    # pypdf keeps these runs in logical order in both styles (it reorders some others).
    for words in ("الصين وأمريكا اللاتينية", "النقطة الثالثة", "حجم التجارة", "أرقام رئيسية"):
        assert words in text
    fonts = {str(f.get_object()["/BaseFont"])[8:] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    arabic = "Noto-Naskh-Arabic" if style == "formal" else "Noto-Sans-Arabic"
    assert arabic in fonts
    assert all(name.startswith((arabic, "Noto-Serif", "Noto-Sans")) for name in fonts), fonts
