"""Print production and accessibility: booklets, bleed, PDF/X, PDF/UA, the fit solver, three readers."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import Sample, edit, page_count, run
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream
from weasyprint.formatting_structure.boxes import LineBox

from briefpress.builds.produce import Producer
from briefpress.pdf.fit import DoesNotFitError, first_words, fit
from briefpress.pdf.impose import booklet_order
from briefpress.render.inks import FALLBACK_PRESS_PROFILE
from briefpress.target import Target

pytestmark = [pytest.mark.pdf, pytest.mark.usefixtures("quiet_pypdf")]
MM = 72 / 25.4
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> Sample:
    """Print-ready and PDF/A versions of a few targets, each built when a test first asks for it."""
    selection = ("--lang", "en,zh-Hans", "--layout", "sheet,handout", "--paper", "a4")
    return Sample(tmp_path_factory.mktemp("variants"), selection, variants=("-print", "-pdfa"))


def size(box) -> tuple[float, float]:
    return float(box.width), float(box.height)


# --- the booklet -------------------------------------------------------------------------------


def test_booklet_order_puts_first_and_last_page_on_the_outer_sheet():
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert booklet_order(5) == [(7, 0), (1, 6), (5, 2), (3, 4)]  # padded to 8
    assert booklet_order(4) == [(3, 0), (1, 2)]


def page_numbers(pdf: Path, side: int, sheet: tuple[float, float]) -> tuple[int | None, int | None]:
    """Return the folio ("Page N of M") printed on the left and the right half of a sheet side.

    Read by poppler, cropping each half, so that where the text lands on the
    sheet is what counts, however the page was placed there.
    """
    width, height = sheet
    folios = []
    for left in (0, width / 2):
        text = subprocess.run(
            [
                "pdftotext",
                "-f",
                str(side + 1),
                "-l",
                str(side + 1),
                "-r",
                "72",
                "-x",
                str(int(left)),
                "-y",
                "0",
                "-W",
                str(int(width / 2)),
                "-H",
                str(int(height)),
                str(pdf),
                "-",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        match = re.search(r"Page (\d+) of \d+", text)
        folios.append(int(match[1]) if match else None)
    return folios[0], folios[1]


@pytest.mark.parametrize(("paper", "sheet"), [("a4", (841.89, 595.28)), ("letter", (792.0, 612.0))])
def test_handout_booklet_in_duplex_order(built, paper, sheet):
    reading = PdfReader(built.file("en", f"handout-formal-{paper}.pdf"))
    booklet_path = built.file("en", f"handout-formal-{paper}-booklet.pdf")
    booklet = PdfReader(booklet_path)
    pages = len(reading.pages)
    half = (419.53, 595.28) if paper == "a4" else (396.0, 612.0)
    assert size(reading.pages[0].mediabox) == pytest.approx(half, abs=0.5)
    assert len(booklet.pages) == -(-pages // 4) * 2
    printed = []
    for number, side in enumerate(booklet.pages):
        assert size(side.mediabox) == pytest.approx(sheet, abs=0.5)
        printed.append(page_numbers(booklet_path, number, sheet))
    # The cover (page 1) has no folio, nor have the blank pages that pad the count.
    expected = [tuple(index + 1 if 0 < index < pages else None for index in pair) for pair in booklet_order(pages)]
    assert printed == expected
    assert "China-LAC Relations After" in booklet.pages[0].extract_text()  # page 1 on the outer sheet


def test_handout_reading_copy_has_large_type(built):
    html = built.file("en", "handout-formal-a4.html").read_text()
    assert 'data-impose="booklet"' in html
    reader = PdfReader(built.file("en", "handout-formal-a4.pdf"))
    assert size(reader.pages[0].mediabox) == pytest.approx(A5, abs=0.5)
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(round(size * tm[0] * cm[0], 1))

    reader.pages[3].extract_text(visitor_text=visit)
    body = max(set(sizes), key=sizes.count)
    assert body > 10.0  # points: 11.5, or down to 10.1 where --fit-tighten saves a sheet; larger than the brief's 10


# --- print-ready ---------------------------------------------------------------------------------


def boxes(page) -> dict[str, list[float]]:
    return {name: [float(v) for v in getattr(page, name)] for name in ("mediabox", "cropbox", "bleedbox", "trimbox")}


def inside(inner: list[float], outer: list[float], by: float = 0.0) -> bool:
    """Return whether box ``inner`` lies inside ``outer``, at least ``by`` points from each of its edges."""
    left, bottom, right, top = inner
    return left - outer[0] >= by and bottom - outer[1] >= by and outer[2] - right >= by and outer[3] - top >= by


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
@pytest.mark.parametrize("layout", ["sheet", "handout"])
def test_print_ready_boxes_nest_media_bleed_trim_on_every_page(variants, lang, layout):
    reader = PdfReader(variants.file(lang, f"{layout}-formal-a4-print.pdf"))
    trim_size = A4 if layout == "sheet" else A5
    assert len(reader.pages) >= (1 if layout == "sheet" else 4)
    for page in reader.pages:
        box = boxes(page)
        assert box["trimbox"] == pytest.approx([0, 0, *trim_size], abs=0.05)
        bleed = 3 * MM
        assert box["bleedbox"] == pytest.approx([-bleed, -bleed, trim_size[0] + bleed, trim_size[1] + bleed], abs=0.05)
        assert inside(box["bleedbox"], box["mediabox"], by=8 * MM)  # a slug of 8 mm or more on every side
        assert box["cropbox"] == box["mediabox"]  # viewers and RIPs show the slug and its marks


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_print_ready_keeps_pdf_x_4_and_its_output_intent(variants, lang):
    path = variants.file(lang, "sheet-formal-a4-print.pdf")
    assert path.read_bytes().startswith(b"%PDF-1.6")  # PDF/X-4 is PDF 1.6
    reader = PdfReader(path)
    intents = reader.trailer["/Root"]["/OutputIntents"]
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4  # CMYK
    assert profile.get_data()[36:40] == b"acsp"  # an ICC profile
    assert profile.get_data()[16:20] == b"CMYK"
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in metadata


def test_print_ready_build_is_byte_identical(variants, tmp_path):
    again = Sample(tmp_path, ("--lang", "en", "--layout", "sheet", "--paper", "a4"), variants=("-print",))
    name = "sheet-formal-a4-print.pdf"
    assert again.file("en", name).read_bytes() == variants.file("en", name).read_bytes()


def test_every_print_ready_pdf_of_a_process_embeds_the_press_profile_as_it_is(project, briefing):
    """The first PDF's output intent reads the profile's name; later PDFs must not embed other bytes."""
    producer = Producer.for_project(project)
    target = Target(briefing.name, "en", "sheet", "formal", "a4", "pdf/x-4")
    first, second = (producer.produce(briefing, target).pdf for _ in range(2))
    assert second == first
    intent = PdfReader(BytesIO(second)).trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/OutputConditionIdentifier"] == "Artifex CMYK SWOP Profile"  # the project has no press.icc
    assert intent["/DestOutputProfile"].get_object().get_data() == FALLBACK_PRESS_PROFILE.read_bytes()


def added_marks(page) -> tuple[list[tuple[float, float, float, float]], list]:
    """Return the segments (x0, y0, x1, y1) stroked by the page's last content stream, and its operators."""
    contents = page["/Contents"].get_object()
    assert isinstance(contents, list), "the marks are a content stream of their own, after the page's"
    stream = ContentStream(contents[-1].get_object(), page.pdf)
    segments, start, ops = [], None, []
    for operands, operator in stream.operations:
        ops.append((operator, [float(v) if isinstance(v, (int, float)) else v for v in operands]))
        if operator == b"m":
            start = [float(v) for v in operands]
        elif operator == b"l":
            end = [float(v) for v in operands]
            segments.append((*start, *end))
            start = end
    return segments, ops


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
@pytest.mark.parametrize("layout", ["sheet", "handout"])
def test_crop_marks_are_hairlines_in_registration_colour_on_the_slug(variants, lang, layout):
    reader = PdfReader(variants.file(lang, f"{layout}-formal-a4-print.pdf"))
    for page in reader.pages:
        box = boxes(page)
        trim, bleed, media = box["trimbox"], box["bleedbox"], box["mediabox"]
        segments, ops = added_marks(page)
        assert (b"w", [0.25]) in ops
        [(_, [space]), (_, [tint])] = [op for op in ops if op[0] in (b"CS", b"SCN")]
        colour = page["/Resources"]["/ColorSpace"][space].get_object()
        assert colour[:3] == ["/Separation", "/All", "/DeviceCMYK"]
        assert list(colour[3]["/C1"]) == [1, 1, 1, 1]
        assert tint == 1
        assert len(segments) == 8  # two for each corner
        corners = set()
        for x0, y0, x1, y1 in segments:
            half = 0.25 / 2
            stroke = [min(x0, x1) - half, min(y0, y1) - half, max(x0, x1) + half, max(y0, y1) + half]
            assert inside(stroke, media), stroke
            apart = stroke[2] <= bleed[0] or stroke[0] >= bleed[2] or stroke[3] <= bleed[1] or stroke[1] >= bleed[3]
            assert apart, f"{stroke} enters the bleed box {bleed}"
            assert math.hypot(x1 - x0, y1 - y0) == pytest.approx(5 * MM, abs=0.5 * MM)
            if y0 == y1:  # in line with a horizontal trim edge, beyond the bleed left or right
                assert y0 in (pytest.approx(trim[1]), pytest.approx(trim[3]))
                assert min(abs(x - edge) for x in (x0, x1) for edge in (trim[0], trim[2])) >= 3 * MM
                corners.add(("h", x0 < trim[0], y0 == pytest.approx(trim[1])))
            else:
                assert x0 == x1
                assert x0 in (pytest.approx(trim[0]), pytest.approx(trim[2]))
                assert min(abs(y - edge) for y in (y0, y1) for edge in (trim[1], trim[3])) >= 3 * MM
                corners.add(("v", x0 == pytest.approx(trim[0]), y0 < trim[1]))
        assert len(corners) == 8  # a horizontal and a vertical mark at each of the four corners


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_the_slug_carries_a_colour_bar_of_the_process_inks_below_the_page(variants, lang):
    page = PdfReader(variants.file(lang, "sheet-formal-a4-print.pdf")).pages[0]
    _, ops = added_marks(page)
    inks, squares, colour = [], [], None
    for operator, operands in ops:
        if operator == b"k":
            colour = tuple(operands)
        elif operator == b"re":
            inks.append(colour)
            squares.append(operands)
    assert inks[:4] == [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)]
    assert inks[4:] == [(0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0), (0, 0, 0, 0.5)]
    bleed, media = boxes(page)["bleedbox"], boxes(page)["mediabox"]
    for x, y, width, height in squares:
        assert inside([x, y, x + width, y + height], media)
        assert y + height < bleed[1]  # on the slug below the bleed, which the trimmer cuts away
    assert boxes(page)["trimbox"] == [float(edge) for edge in page.artbox]  # the finished page, not the sheet


def painted_colours(reader: PdfReader) -> list[tuple[bytes, tuple[float, ...], bool]]:
    """Return each colour operator of every page and form XObject: (operator, operands, whether text follows)."""
    found = []
    streams = [ContentStream(page.get_contents(), reader) for page in reader.pages]
    for page in reader.pages:
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            streams.append(ContentStream(xobject.get_object(), reader))
    for stream in streams:
        fill = None
        for operands, operator in stream.operations:
            if operator in (b"rg", b"RG", b"g", b"G", b"k", b"K", b"sc", b"scn", b"SC", b"SCN"):
                numbers = tuple(float(v) for v in operands if isinstance(v, (int, float)))
                found.append((operator, numbers, False))
                if operator in (b"rg", b"k", b"g", b"sc", b"scn"):
                    fill = len(found) - 1
            elif operator in (b"Tj", b"TJ") and fill is not None:
                found[fill] = (*found[fill][:2], True)
    return found


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
@pytest.mark.parametrize("layout", ["sheet", "handout"])
def test_print_ready_pdfs_paint_in_cmyk_and_set_text_in_black_ink(variants, lang, layout):
    path = variants.file(lang, f"{layout}-formal-a4-print.pdf")
    assert b"/DeviceRGB" not in path.read_bytes()
    colours = painted_colours(PdfReader(path))
    rgb = [colour for colour in colours if colour[0] in (b"rg", b"RG", b"g", b"G")]
    assert not rgb, f"{len(rgb)} colours in RGB or grey under a CMYK output intent, e.g. {rgb[0]}"
    text = [numbers for _, numbers, before_text in colours if before_text]
    assert text
    assert all(len(inks) == 4 for inks in text)
    body = max(set(text), key=text.count)
    assert body[:3] == (0, 0, 0)  # the body text: black ink alone, which needs no registration
    assert body[3] > 0.8


def render_gray(pdf: Path, tmp_path: Path) -> Image.Image:
    """Render page 1 at 72 dpi (1 px = 1 pt), the whole CropBox, which holds the slug."""
    command = ["pdftoppm", "-r", "72", "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "page")]
    subprocess.run(command, check=True)
    return Image.open(tmp_path / "page.png").convert("L")


def test_crop_marks_print_on_the_slug_and_not_in_the_bleed(variants, tmp_path):
    pdf = variants.file("en", "sheet-formal-a4-print.pdf")
    page = PdfReader(pdf).pages[0]
    media, trim = boxes(page)["mediabox"], boxes(page)["trimbox"]
    image = render_gray(pdf, tmp_path)
    assert image.size == pytest.approx((media[2] - media[0], media[3] - media[1]), abs=1)

    def ink(x0: float, y0: float, x1: float, y1: float) -> int:
        """Return the darkest pixel in a box given by two corners in PDF points (y up)."""
        x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        left, right = round(x0 - media[0]), round(x1 - media[0])
        top, bottom = round(media[3] - y1), round(media[3] - y0)
        return image.crop((left, top, max(right, left + 1), max(bottom, top + 1))).getextrema()[0]

    bleed = 3 * MM
    for x, side in ((trim[0], -1), (trim[2], 1)):
        for y, up in ((trim[1], -1), (trim[3], 1)):
            # A horizontal mark 4-9 mm from the trim, in line with its edge; a vertical one likewise.
            mid_x, mid_y = x + side * 6.5 * MM, y + up * 6.5 * MM
            assert ink(mid_x - 2, y - 1.5, mid_x + 2, y + 1.5) < 128
            assert ink(x - 1.5, mid_y - 2, x + 1.5, mid_y + 2) < 128
            # Nothing at the corner of the slug beyond both marks.
            assert ink(x + side * 4 * MM, y + up * 4 * MM, x + side * 9 * MM, y + up * 9 * MM) > 250
    # In the bleed at the foot (no band there), where WeasyPrint drew its ticks, no ink at all.
    for x in (trim[0] - bleed, trim[2]):
        assert ink(x, trim[1] - bleed, x + bleed, trim[1] + 0.5) > 250


def test_print_ready_colour_band_runs_into_the_bleed(variants, tmp_path):
    html = variants.file("en", "sheet-formal-a4-print.html").read_text()
    assert "print-ready.css */" in html
    assert '<div class="page-band" aria-hidden="true"></div>' in html
    pdf = variants.file("en", "sheet-formal-a4-print.pdf")
    bleed = boxes(PdfReader(pdf).pages[0])["bleedbox"]
    media = boxes(PdfReader(pdf).pages[0])["mediabox"]
    # Render the top-left corner of the bleed box: the band's colour reaches its outer edge.
    left, top = round(bleed[0] - media[0]) + 1, round(media[3] - bleed[3]) + 1
    corner = tmp_path / "corner"
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", "-x", str(left), "-y", str(top), "-W", "40", "-H", "4", "-singlefile",
         str(pdf), str(corner)],
        check=True,
    )  # fmt: skip
    pixel = Image.open(corner.with_suffix(".png")).convert("RGB").getpixel((0, 0))
    assert pixel == pytest.approx((0x7A, 0x1F, 0x2B), abs=12)  # formal's claret band
    # Beyond the bleed, the slug is blank.
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", "-x", str(left - 4), "-y", str(top + 10), "-W", "2", "-H", "4",
         "-singlefile", str(pdf), str(corner)],
        check=True,
    )  # fmt: skip
    assert Image.open(corner.with_suffix(".png")).convert("RGB").getpixel((0, 0)) == (255, 255, 255)


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_print_ready_handout_is_not_imposed_and_fills_its_last_sheet(variants, lang):
    """The press imposes it: blank pages end it on a whole sheet of four, each with the boxes of the others."""
    reading = variants.file(lang, "handout-formal-a4-print.pdf")
    assert not reading.with_name("handout-formal-a4-print-booklet.pdf").exists()
    pages = PdfReader(reading).pages
    written = [bool(page.extract_text().strip()) for page in pages]
    content = written.index(False) if False in written else len(written)
    assert not any(written[content:])  # the padding is blank but for its marks
    assert len(pages) == -(-content // 4) * 4  # zh-Hans: 7 pages and a blank one
    assert {tuple(map(float, page.trimbox)) for page in pages} == {tuple(map(float, pages[0].trimbox))}
    assert {tuple(map(float, page.bleedbox)) for page in pages} == {tuple(map(float, pages[0].bleedbox))}


# --- accessibility ---------------------------------------------------------------------------------


def structure_types(node, found: set[str]) -> set[str]:
    node = node.get_object()
    if "/S" in node:
        found.add(str(node["/S"]))
    kids = node.get("/K")
    if kids is not None:
        kids = kids.get_object()
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                structure_types(kid, found)
    return found


@pytest.mark.parametrize("layout", ["sheet", "brief", "handout"])
@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_every_layout_is_tagged_pdf_ua(built, layout, lang):
    reader = PdfReader(built.file(lang, f"{layout}-modern-a4.pdf"))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert root["/Lang"] == lang
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
    tags = structure_types(root["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/L", "/LI", "/P", "/Figure"} <= tags
    if layout in ("brief", "handout"):  # key figures are cards and chart bars (the handout's page is the brief's)
        assert "/Table" not in tags


def figure_alts(reader: PdfReader) -> list[str]:
    alts: list[str] = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object()
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts


@pytest.mark.parametrize("lang", ["en", "es", "zh-Hans"])
def test_chart_and_qr_code_carry_alt_text(built, briefing, lang):
    alts = figure_alts(PdfReader(built.file(lang, "brief-formal-a4.pdf")))
    chart = briefing.texts[lang].charts["trade"].alt
    assert any(alt.startswith(chart) for alt in alts), alts
    assert any("https://cpifa.org/en/cms/book/350" in alt for alt in alts), alts


def test_chart_values_are_formatted_for_the_locale(built):
    html = built.file("es", "brief-formal-a4.html").read_text()
    # Without "al año": the chart's title says each bar covers a year.
    assert re.search(r'font-weight="bold"[^>]*>más de 300\.000 millones de dólares</t(span|ext)>', html)
    assert 'font-family="Noto Serif"' in html


def test_pdf_a_variant(variants):
    reader = PdfReader(variants.file("en", "sheet-formal-a4-pdfa.pdf"))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in metadata
    assert b'pdfaid:conformance="B"' in metadata
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_pdf_ua_error_fails_the_build(project_dir):
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    # An image without a text alternative is a PDF/UA error.
    (layouts / "sheet.html.j2").write_text(
        '{% extends "!base/layouts/sheet.html.j2" %}{% block body %}'
        f'<img src="data:image/png;base64,{PIXEL}">'
        "{{ super() }}{% endblock %}"
    )
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 1
    assert "error: china-lac-2021/en/sheet-formal-a4: " in result.output
    assert "alt" in result.output.lower()
    assert not (project_dir / "dist" / "china-lac-2021" / "en" / "sheet-formal-a4.pdf").exists()


# --- fitting ---------------------------------------------------------------------------------------


def test_longer_content_is_fitted_by_scaling_the_type(project_dir, briefing_dir):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, '      - "Both sides agreed', '      - "Both sides agreed to keep talking. Both sides agreed')
    edit(text, '      - "Green development:', '      - "Green development, with more words for the test:')
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--style", "formal", "--paper", "letter")
    assert result.exit_code == 0, result.output
    sheet = project_dir / "dist" / "china-lac-2021" / "en" / "sheet-formal-letter"
    assert page_count(sheet.with_suffix(".pdf")) == 1
    scale = float(re.search(r"--fit-scale: ([\d.]+)", sheet.with_suffix(".html").read_text())[1])
    assert 0.93 <= scale < 1.0  # 10 pt x 0.86 x scale stays at or above 8 pt


PAGE = 100.0  # what a fake page holds


def _fake(pages_heights: list[float], scale: float) -> Any:
    """A laid-out document of 10 pt body text whose pages hold lines of these heights."""
    root = SimpleNamespace(style={"font_size": 10 / 0.75 * scale})
    pages = []
    for height in pages_heights:
        line = object.__new__(LineBox)  # a laid-out line: the fit solver measures its height and width
        line.height, line.width = height, PAGE
        pages.append(SimpleNamespace(_page_box=SimpleNamespace(children=[root, line], width=PAGE, height=PAGE)))
    return SimpleNamespace(pages=pages)


def _paged(pages_at: Callable[[float], int], calls: list[float]) -> Callable[[float, int], tuple[Any, str]]:
    """A layout that takes ``pages_at(scale)`` full pages of 10 pt body text, and notes each scale it is asked for."""

    def layout(scale: float, leave_out: int = 0) -> tuple[Any, str]:
        calls.append(scale)
        return _fake([PAGE] * pages_at(scale), scale), f"at {scale}"

    return layout


def _text(height_at: Callable[[float, int], float], calls: list[tuple[float, int]]):
    """A layout of text ``height_at(scale, leave_out)`` high, set on pages that hold PAGE each."""

    def layout(scale: float, leave_out: int) -> tuple[Any, str]:
        calls.append((scale, leave_out))
        height = height_at(scale, leave_out)
        full, rest = divmod(height, PAGE)
        heights = [PAGE] * int(full) + ([rest] if rest > 1e-9 else [])
        return _fake(heights or [0.0], scale), f"at {scale:.4f}, leaving out {leave_out}"

    return layout


def _wrapped(height: float, dropped: dict[int, float] | None = None) -> Callable[[float, int], float]:
    """Text ``height`` high at scale 1 that grows with the square of its scale; ``dropped`` per level left out."""
    return lambda scale, leave_out: (height - (dropped or {}).get(leave_out, 0.0)) * scale**2


@pytest.mark.parametrize("height", [101, 103, 105, 108, 112, 116, 120])
def test_a_sheet_that_can_fit_takes_at_most_three_passes(height):
    calls: list[tuple[float, int]] = []
    fitted = fit(_text(_wrapped(height), calls), 1, 8.5, leave_out=())  # 10 pt body: down to 0.85
    assert fitted.passes == len(calls) <= 3
    assert _wrapped(height)(fitted.scale, 0) <= PAGE
    assert fitted.scale >= (PAGE / height) ** 0.5 - 0.03  # no more than 3 % smaller than it needs


def test_a_hopeless_sheet_fails_in_two_passes_and_says_how_much_is_over():
    calls: list[tuple[float, int]] = []
    with pytest.raises(DoesNotFitError) as raised:
        fit(_text(_wrapped(400, {1: 20, 2: 60}), calls), 1, 8.0, comfortable_body=9.0)
    assert calls == [(1.0, 0), (0.8, 2)]  # at 1, then at the smallest with everything droppable left out
    assert raised.value.passes == 2
    assert raised.value.html == "at 0.8000, leaving out 2"


def test_priority_3_goes_before_the_type_shrinks_below_comfortable():
    calls: list[tuple[float, int]] = []
    # 10 % over: 0.95 would fit, but the style reads comfortably down to 9.8 pt only; priority 3 is 12 high.
    fitted = fit(_text(_wrapped(110, {1: 12, 2: 40}), calls), 1, 8.0, comfortable_body=9.8)
    assert fitted.leave_out == 1
    assert fitted.scale >= 0.98
    assert _wrapped(110, {1: 12})(fitted.scale, 1) <= PAGE


def test_priority_2_goes_only_after_the_smallest_type():
    calls: list[tuple[float, int]] = []
    # At 8.5 pt with priority 3 left out it fits: priority 2 (everything by default) stays.
    fitted = fit(_text(_wrapped(140, {1: 5, 2: 60}), calls), 1, 8.0, comfortable_body=9.8)
    assert fitted.leave_out == 1
    assert 0.8 <= fitted.scale < 0.98
    assert all(leave_out < 2 for _, leave_out in calls)


def test_nothing_to_leave_out_is_not_laid_out_again():
    calls: list[tuple[float, int]] = []
    fitted = fit(_text(_wrapped(110), calls), 1, 8.0, comfortable_body=9.8, leave_out=())
    assert fitted.leave_out == 0
    assert all(leave_out == 0 for _, leave_out in calls)


@pytest.mark.parametrize(
    ("pages_at", "unit", "pages", "scale"),
    [
        (lambda s: 5 if s > 0.96 else 4, 1, 4, (0.94, 0.961)),  # the last page goes at 96 %, found within 2 %
        (lambda s: 5 if s > 0.9 else 4, 1, 5, (1.0, 1.0)),  # not before 90 %: tighten no further than 92 %
        (lambda s: 9 if s > 0.95 else 8, 4, 8, (0.92, 0.951)),  # a booklet's third sheet goes (3 passes: within 3 %)
        (lambda s: 10 if s > 0.97 else 9, 4, 10, (1.0, 1.0)),  # one page fewer saves no sheet: not worth it
        (lambda s: 3, 4, 3, (1.0, 1.0)),  # one sheet is the least
    ],
)
def test_a_document_without_a_budget_tightens_only_to_save_a_page_or_a_sheet(pages_at, unit, pages, scale):
    calls: list[float] = []
    fitted = fit(_paged(pages_at, calls), None, 8.0, tighten=0.92, unit=unit)
    assert len(fitted.document.pages) == pages
    assert scale[0] <= fitted.scale <= scale[1]
    assert fitted.html == f"at {fitted.scale}"
    assert fitted.passes == len(calls)
    assert min(calls) >= 0.92


def test_tightening_stops_at_the_style_s_smallest_body_text():
    calls: list[float] = []
    fitted = fit(_paged(lambda s: 5 if s > 0.9 else 4, calls), None, 9.5, tighten=0.8)
    assert (len(fitted.document.pages), fitted.scale, min(calls)) == (5, 1.0, 0.95)


def test_overflow_report_says_how_much_is_over_and_keeps_the_overflowing_layout(project_dir, briefing_dir):
    args = ("build", "--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4")
    out = project_dir / "dist" / "china-lac-2021" / "en"
    assert run(project_dir, *args).exit_code == 0
    good = (out / "sheet-modern-a4.pdf").read_bytes()
    text = briefing_dir / "text" / "en.yaml"
    before = text.read_text(encoding="utf-8")
    long_point = "An unusually long key point that repeats itself to fill the page. " * 90
    for _ in range(3):  # too long for one page, and for both sides of the sheet
        edit(text, '      - "Both sides agreed', f'      - "{long_point}"\n      - "Both sides agreed')
    result = run(project_dir, *args)
    assert result.exit_code == 1
    target = "china-lac-2021/en/sheet-modern-a4"
    assert f"error: {target}: does not fit 2 pages even with body text at 8 pt" in result.output
    over = re.search(r"\(it takes (\d+)\): (\d+) lines, about (\d+)% of a page, beyond page 2", result.output)
    assert over, result.output
    assert int(over[1]) >= 3
    assert int(over[2]) > 10
    assert int(over[3]) > 10
    # Whole items, named by their first words cut at a word boundary; the longest first.
    assert "the longest items: 'An unusually long key point that repeats…' (" in result.output
    overflow = out / "sheet-modern-a4.overflow.pdf"
    assert f"{target}: the overflowing layout, to look at (not the output): " in result.output
    assert "sheet-modern-a4.overflow.pdf" in result.output
    assert page_count(overflow) >= 3
    assert (out / "sheet-modern-a4.pdf").read_bytes() == good  # the good PDF stays, byte for byte
    text.write_text(before, encoding="utf-8")
    assert run(project_dir, *args).exit_code == 0
    assert not overflow.exists()  # a good build removes the stale overflow


def test_a_sheet_leaves_out_priority_3_points_to_fit_and_says_so(project_dir, briefing_dir):
    text = briefing_dir / "text" / "en.yaml"
    extra = "A point of little weight that goes on and on to take room on the sheet. " * 6
    for _ in range(3):
        point = f'      - {{text: "{extra}", priority: 3}}\n'
        edit(text, '      - "Both sides agreed', point + '      - "Both sides agreed')
    result = run(
        project_dir, "build", "--strict", "--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"
    )
    assert result.exit_code == 0, result.output
    assert "china-lac-2021/en/sheet-modern-a4: left out to fit: 3 points of 'II. Steadily improving" in result.output
    sheet = project_dir / "dist" / "china-lac-2021" / "en" / "sheet-modern-a4"
    assert page_count(sheet.with_suffix(".pdf")) == 1
    assert "A point of little weight" not in sheet.with_suffix(".html").read_text()


def test_first_words_end_at_a_word():
    assert first_words("Cooperación en la región de América Latina y el Caribe, con más palabras") == (
        "Cooperación en la región de América…"
    )
    assert first_words("short item") == "short item"


def test_a_project_layout_stylesheet_declares_the_page_budget(project_dir, briefing_dir):
    """The budget is read from the layout's stylesheet, the project's own first: here it lifts the sheet's."""
    text = briefing_dir / "text" / "en.yaml"
    long_point = "An unusually long key point that repeats itself to fill the page. " * 40
    edit(text, '      - "Both sides agreed', f'      - "{long_point}"\n      - "Both sides agreed')
    layouts = project_dir / "styles" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.css").write_text("/* extends: !base */\n:root { --page-budget: 2; }\n")
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4")
    assert result.exit_code == 0, result.output
    sheet = project_dir / "dist" / "china-lac-2021" / "en" / "sheet-modern-a4"
    assert len(PdfReader(sheet.with_suffix(".pdf")).pages) == 2
    html = sheet.with_suffix(".html").read_text()
    assert 'style="--fit-scale: 1.0000" data-page-budget="2">' in html


def test_a_project_layout_is_imposed_when_its_stylesheet_says_so(project_dir):
    (project_dir / "templates" / "layouts").mkdir(parents=True)
    (project_dir / "templates" / "layouts" / "memo.html.j2").write_text('{% extends "layouts/brief.html.j2" %}\n')
    (project_dir / "styles" / "layouts").mkdir(parents=True)
    (project_dir / "styles" / "layouts" / "memo.css").write_text("/* extends: brief */\n:root { --impose: booklet; }\n")
    result = run(project_dir, "build", "--lang", "en", "--layout", "memo", "--style", "modern", "--paper", "a4")
    assert result.exit_code == 0, result.output
    out = project_dir / "dist" / "china-lac-2021" / "en"
    assert sorted(path.name for path in out.glob("*.pdf")) == ["memo-modern-a4-booklet.pdf", "memo-modern-a4.pdf"]
    assert 'data-impose="booklet"' in (out / "memo-modern-a4.html").read_text()


def test_large_print_keeps_14_pt_and_says_why_the_sheet_cannot(project_dir):
    result = run(project_dir, "build", "--lang", "es", "--layout", "sheet", "--style", "large-print", "--paper", "a4")
    assert result.exit_code == 1
    assert "does not fit 2 pages even with body text at 14 pt" in result.output  # nor both sides of the sheet
    brief = run(project_dir, "build", "--lang", "es", "--layout", "brief,handout", "--style", "large-print")
    assert brief.exit_code == 0, brief.output
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(size * tm[0] * cm[0])  # user units are CSS pixels: cm scales them to points

    for name in ("brief-large-print-a4", "handout-large-print-letter"):
        for page in PdfReader(project_dir / "dist" / "china-lac-2021" / "es" / f"{name}.pdf").pages:
            page.extract_text(visitor_text=visit)
    assert min(sizes) >= 14 - 0.01


# --- three independent readers ---------------------------------------------------------------------


READERS = {
    "qpdf": ["qpdf", "--check"],
    "mutool": ["mutool", "draw", "-q", "-o", "/dev/null"],
    "ghostscript": ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage"],
}


@pytest.mark.parametrize("reader", READERS)
def test_every_output_passes_an_independent_reader(built, variants, reader):
    command = READERS[reader]
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (bash setup.sh installs it)")
    outputs = sorted(built.everything().glob("*/*.pdf")) + sorted(variants.everything().glob("*/*.pdf"))
    assert len(outputs) > 100
    failures = []
    for pdf in outputs:
        result = subprocess.run([*command, str(pdf)], capture_output=True, text=True)
        # mupdf built without colour management says so for every file that has ICC profiles.
        noise = "\n".join(
            line for line in result.stderr.splitlines() if line.strip() and "ICC support is not available" not in line
        )
        if result.returncode != 0 or noise:
            failures.append(f"{pdf.relative_to(pdf.parents[2])}: {result.stdout[-300:]}{result.stderr[-300:]}")
    assert failures == []
