"""Stages 4 and 5, PDF and write: what a reader of the built PDFs gets, in every language."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from helpers import SAMPLE, pdf_text, squeeze
from pypdf import PdfReader

from briefpress.cli.commands import main

pytestmark = [pytest.mark.pdf, pytest.mark.usefixtures("quiet_pypdf")]
LANGS = ("en", "es", "pt-BR", "zh-Hans")
STYLES, PAPERS = ("formal", "modern", "economy"), ("a4", "letter")
LAYOUTS = ("brief", "handout", "sheet")
MATRIX = [(style, paper) for style in STYLES for paper in PAPERS]
# Width and height in PDF points.
PAGE_SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
# The forms a native editor prints: money, percentages, qualified counts, dates.
LOCAL_FORMS = {
    "en": ["US$411.25 billion", "42.3%", "over 3,000", "over US$20 billion", "US$1 billion", "Jan – Nov 2021"],
    "es": [
        "411.250 millones de dólares",
        "42,3 %",
        "más de 3.000",
        "más de 20.000 millones de dólares",
        "1.000 millones de dólares",
        "ene–nov 2021",
    ],
    "pt-BR": [
        "US$ 411,25 bilhões",
        "42,3%",
        "mais de 3.000",
        "mais de US$ 20 bilhões",
        "US$ 1 bilhão",
        "jan. – nov. de 2021",
    ],
    "zh-Hans": ["4112.5亿美元", "42.3%", "超过3,000", "超过200亿美元", "10亿美元", "2021年1月 – 11月"],
}
EVENT_DATE = {
    "en": "December 3, 2021",
    "es": "3 de diciembre de 2021",
    "pt-BR": "3 de dezembro de 2021",
    "zh-Hans": "2021年12月3日",
}
SECTIONS = {
    "en": ["Key figures", "Timeline", "Glossary", "Source note"],
    "es": ["Cifras clave", "Cronología", "Glosario", "Nota sobre la fuente"],
    "pt-BR": ["Números-chave", "Cronologia", "Glossário", "Nota sobre a fonte"],
    "zh-Hans": ["关键数据", "大事记", "术语表", "资料来源说明"],
}
PAGE_OF = {"en": "Page 2 of {}", "es": "Página 2 de {}", "pt-BR": "Página 2 de {}", "zh-Hans": "第2页，共{}页"}
QUOTE = {"en": ("\u201c", "\u201d"), "es": ("«", "»"), "pt-BR": ("\u201c", "\u201d"), "zh-Hans": ("\u201c", "\u201d")}
# The family that sets the body text, per style and script.
BODY = {
    ("formal", "latin"): "NotoSerif",
    ("formal", "zh"): "NotoSerifCJKSC",
    ("modern", "latin"): "NotoSans",
    ("modern", "zh"): "NotoSansCJKSC",
    ("economy", "latin"): "NotoSans",
    ("economy", "zh"): "NotoSansCJKSC",
}
DECLARED = {
    "formal": {"NotoSerif", "NotoSerifDisplay", "NotoSerifCJKSC", "NotoNaskhArabic"},
    "modern": {"NotoSans", "NotoSansDisplay", "NotoSansCJKSC", "NotoSansArabic"},
    "economy": {"NotoSans", "NotoSansCJKSC", "NotoSansArabic"},
}


def reader(built, lang, layout, style, paper) -> PdfReader:
    return PdfReader(built.file(lang, f"{layout}-{style}-{paper}.pdf"))


def families_of(pdf: PdfReader) -> set[str]:
    """Return the embedded font families, checking that each font is embedded and subset."""
    families = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"])
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
            assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not subset"
            families.add(re.sub(r"(-(Bold|Italic|Oblique|Regular))+$", "", name[8:]).replace("-", ""))
    return families


def test_default_build_makes_the_whole_matrix(built):
    for lang in LANGS:
        made = sorted(path.name for path in (built.everything() / lang).iterdir())
        expected = sorted(
            [
                f"{layout}-{style}-{paper}.{ext}"
                for layout in LAYOUTS
                for style, paper in MATRIX
                for ext in ("pdf", "html")
            ]
            + [f"handout-{style}-{paper}-booklet.pdf" for style, paper in MATRIX]
        )
        assert made == expected, lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_sheet_is_exactly_one_page(built, lang, style, paper):
    pdf = reader(built, lang, "sheet", style, paper)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZES[paper], abs=0.5)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_sheet_holds_overview_figures_points_timeline_source(built, briefing, lang, style, paper):
    flat = squeeze(pdf_text(reader(built, lang, "sheet", style, paper)))
    text = briefing.texts[lang]
    assert squeeze(text.overview) in flat
    for form in LOCAL_FORMS[lang]:
        assert squeeze(form) in flat, form
    for part in text.parts.values():
        assert squeeze(part.title) in flat
        for point in part.points:
            assert squeeze(point) in flat
    for event in text.timeline.values():
        assert squeeze(event) in flat
    assert squeeze(EVENT_DATE[lang]) in flat
    assert squeeze(text.source.author_role) in flat


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_brief_pages_outline_and_running_text(built, briefing, lang, style, paper):
    pdf = reader(built, lang, "brief", style, paper)
    pages = len(pdf.pages)
    assert 4 <= pages <= 8
    titles = [item.title for item in pdf.outline]
    parts = [briefing.texts[lang].parts[part].title for part in briefing.spec.parts]
    assert titles == [*parts, *SECTIONS[lang]]
    # Each bookmark points at the page where its section starts, in order.
    starts = [pdf.get_destination_page_number(item) for item in pdf.outline]
    assert starts == sorted(starts)
    assert starts[0] >= 1
    second = squeeze(pdf.pages[1].extract_text())
    assert squeeze(PAGE_OF[lang].format(pages)) in second
    assert squeeze(briefing.texts[lang].short_title) in second
    assert squeeze(PAGE_OF[lang].format(pages).replace("2", "1", 1)) not in squeeze(pdf.pages[0].extract_text())


@pytest.mark.parametrize("lang", LANGS)
def test_brief_text_holds_figures_glossary_and_quotes(built, briefing, lang):
    flat = squeeze(pdf_text(reader(built, lang, "brief", "formal", "a4")))
    for form in LOCAL_FORMS[lang]:
        assert squeeze(form) in flat, form
    eclac = briefing.texts[lang].glossary["eclac"]
    assert squeeze(eclac.term + eclac.definition) in flat
    opening, closing = QUOTE[lang]
    quote = briefing.texts[lang].quotes["no-single-model"].text
    assert squeeze(f"{opening}{quote}{closing}") in flat


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_fonts_are_embedded_and_are_the_styles(built, lang, layout, style, paper):
    families = families_of(reader(built, lang, layout, style, paper))
    assert families <= DECLARED[style]
    assert BODY[style, "zh" if lang == "zh-Hans" else "latin"] in families
    assert not any("JP" in family for family in families)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_metadata(built, briefing, lang, layout):
    pdf = reader(built, lang, layout, "formal", "a4")
    meta = pdf.metadata
    assert meta.title == briefing.texts[lang].title
    assert meta.author == "briefpress editors"
    assert meta.subject == briefing.texts[lang].subtitle
    assert pdf.trailer["/Root"]["/Lang"] == lang
    assert meta["/CreationDate"].startswith("D:20261126")


def test_html_beside_each_pdf_opens_with_its_styles(built):
    html = built.file("zh-Hans", "brief-modern-letter.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-Hans"')
    assert "/* themes/modern.css */" in html
    assert "@page { size: letter; }" in html


def test_two_builds_are_byte_identical(built, tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "content" / SAMPLE.name)
    args = ["build", "--lang", "en,zh-Hans", "--layout", "sheet,brief", "--style", "modern", "--paper", "a4"]
    with pytest.raises(SystemExit) as exit_info:
        main(args, project=tmp_path)
    assert exit_info.value.code == 0
    for lang in ("en", "zh-Hans"):
        for layout in ("sheet", "brief"):
            name = f"{layout}-modern-a4.pdf"
            fresh = tmp_path / "dist" / SAMPLE.name / lang / name
            assert fresh.read_bytes() == built.file(lang, name).read_bytes(), f"{lang}/{name}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("lang", LANGS)
def test_text_extracts_with_poppler_too(built, briefing, lang):
    pdf = built.file(lang, "sheet-modern-a4.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert squeeze(briefing.texts[lang].title) in squeeze(text)
    assert squeeze(LOCAL_FORMS[lang][0]) in squeeze(text)
