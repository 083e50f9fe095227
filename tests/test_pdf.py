"""Stages 4 and 5, PDF and write: what a reader of the built PDFs gets."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess

import pytest
from conftest import SAMPLE
from pypdf import PdfReader

from briefpress.cli import main

pytestmark = pytest.mark.pdf
STYLES, PAPERS = ("formal", "modern"), ("a4", "letter")
MATRIX = [(style, paper) for style in STYLES for paper in PAPERS]
# Width and height in PDF points.
PAGE_SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
FAMILIES = {"formal": {"NotoSerif", "NotoSerifDisplay"}, "modern": {"NotoSans", "NotoSansDisplay"}}
KEY_FIGURES = ["US$411.25 billion", "42.3%", "over 3,000", "over US$20 billion", "US$1 billion"]


@pytest.fixture(autouse=True)
def _quiet_pypdf(caplog):
    caplog.set_level(logging.ERROR, logger="pypdf")


def reader(built, layout, style, paper) -> PdfReader:
    return PdfReader(built / "en" / f"{layout}-{style}-{paper}.pdf")


def text_of(pdf: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))


def squeeze(text: str) -> str:
    """Drop white space and hyphens, so that hyphenated line breaks compare equal."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def fonts_of(pdf: PdfReader) -> dict[str, object]:
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    return fonts


def test_default_build_makes_the_whole_matrix(built):
    made = sorted(path.name for path in (built / "en").iterdir())
    expected = sorted(
        f"{layout}-{style}-{paper}.{ext}"
        for layout in ("brief", "sheet")
        for style, paper in MATRIX
        for ext in ("pdf", "html")
    )
    assert made == expected


@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_sheet_is_exactly_one_page(built, style, paper):
    pdf = reader(built, "sheet", style, paper)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZES[paper], abs=0.5)


@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_sheet_holds_overview_figures_points_timeline_source(built, briefing, style, paper):
    text = text_of(reader(built, "sheet", style, paper))
    en = briefing.texts["en"]
    for figure in KEY_FIGURES:
        assert figure in text
    flat = squeeze(text)
    for part in en.parts.values():
        assert squeeze(part.title) in flat
        for point in part.points:
            assert squeeze(point) in flat
    assert "Jul 2014" in text
    assert "First Ministerial Meeting of the CCF held in Beijing" in text
    assert "Cai Wei, Director-General" in text


@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_brief_pages_outline_and_running_text(built, briefing, style, paper):
    pdf = reader(built, "brief", style, paper)
    pages = len(pdf.pages)
    assert 4 <= pages <= 10
    titles = [item.title for item in pdf.outline]
    parts = [briefing.texts["en"].parts[part].title for part in briefing.spec.parts]
    assert titles == [*parts, "Key figures", "Timeline", "Glossary", "Source note"]
    # Each bookmark points at the page where its section starts, in order.
    starts = [pdf.get_destination_page_number(item) for item in pdf.outline]
    assert starts == sorted(starts)
    assert starts[0] >= 1
    second = pdf.pages[1].extract_text()
    assert f"Page 2 of {pages}" in second
    assert "China-LAC Relations in the New Era" in second
    assert "Page 1 of" not in pdf.pages[0].extract_text()


@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_brief_text_holds_figures_glossary_and_quotes(built, style, paper):
    text = text_of(reader(built, "brief", style, paper))
    for figure in KEY_FIGURES:
        assert figure in text
    assert "ECLAC United Nations Economic Commission for Latin America and the Caribbean" in text
    assert "\u201cThere is no one-size-fits-all development model in the world.\u201d" in text


@pytest.mark.parametrize("layout", ["sheet", "brief"])
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_fonts_are_embedded_and_are_the_styles(built, layout, style, paper):
    fonts = fonts_of(reader(built, layout, style, paper))
    families = {re.sub(r"(-(Bold|Italic|Regular))+$", "", name[8:]).replace("-", "") for name in fonts}
    assert families == FAMILIES[style]
    for name, descriptor in fonts.items():
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not subset"


@pytest.mark.parametrize("layout", ["sheet", "brief"])
def test_metadata(built, layout):
    pdf = reader(built, layout, "formal", "a4")
    meta = pdf.metadata
    assert meta.title == "China-LAC Relations After the 2021 China-CELAC Ministerial Meeting"
    assert meta.author == "briefpress editors"
    assert meta.subject.startswith("Summary of an article by Cai Wei")
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    assert meta["/CreationDate"].startswith("D:20261126")


def test_html_beside_each_pdf_opens_with_its_styles(built):
    html = (built / "en" / "brief-modern-letter.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "/* themes/modern.css */" in html
    assert "@page { size: letter; }" in html


def test_two_builds_are_byte_identical(built, tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "content" / SAMPLE.name)
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--layout", "sheet,brief", "--style", "modern", "--paper", "a4"], project=tmp_path)
    assert exit_info.value.code == 0
    for layout in ("sheet", "brief"):
        name = f"{layout}-modern-a4.pdf"
        assert (tmp_path / "dist" / SAMPLE.name / "en" / name).read_bytes() == (
            built / "en" / name
        ).read_bytes()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_pdfs_pass_an_independent_reader(built):
    for pdf in sorted((built / "en").glob("*.pdf")):
        result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, f"{pdf.name}: {result.stdout}{result.stderr}"
