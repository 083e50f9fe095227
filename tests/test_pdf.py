"""Stages 4 and 5, PDF and write: what a reader of the built PDFs gets, in every language."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from helpers import SAMPLE, pdf_text, squeeze
from pypdf import PdfReader

import briefpress
from briefpress.cli.commands import main
from briefpress.render.html import ems

pytestmark = [pytest.mark.pdf, pytest.mark.usefixtures("quiet_pypdf")]
LANGS = ("en", "es", "pt-BR", "zh-Hans")
STYLES, PAPERS = ("formal", "modern", "economy"), ("a4", "letter")
LAYOUTS = ("brief", "handout", "sheet")
MATRIX = [(style, paper) for style in STYLES for paper in PAPERS]
# Width and height in PDF points.
PAGE_SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
# The forms a native editor prints: money, percentages, qualified counts, dates.
LOCAL_FORMS = {
    "en": [
        "US$411.25 billion",
        "42.3%",
        "over 3,000",
        "over US$20 billion",
        "US$1 billion each",
        "above US$300 billion",
        "Jan–Nov 2021",
    ],
    # Spanish: no separator in four-digit numbers (CLDR's minimum grouping), abbreviated months with a stop.
    "es": [
        "411.250 millones de dólares",
        "42,3 %",
        "más de 3000",
        "más de 20.000 millones de dólares",
        "1000 millones de dólares cada uno",
        "más de 300.000 millones de dólares",
        "ene.–nov. 2021",
    ],
    "pt-BR": [
        "US$ 411,25 bilhões",
        "42,3%",
        "mais de 3.000",
        "mais de US$ 20 bilhões",
        "US$ 1 bilhão cada",
        "acima de US$ 300 bilhões",
        "jan.–nov. de 2021",
    ],
    # Chinese: the measure word with its number, 各 for "each", GB/T 15835 ranges.
    "zh-Hans": [
        "4112.5亿美元",
        "42.3%",
        "超过3000家",
        "超过200亿美元",
        "各10亿美元",
        "3000亿美元以上",
        "2021年1—11月",
    ],
}
SECTIONS = {
    "en": ["Timeline", "Glossary", "Source note"],
    "es": ["Cronología", "Glosario", "Nota sobre la fuente"],
    "pt-BR": ["Cronologia", "Glossário", "Nota sobre a fonte"],
    "zh-Hans": ["大事记", "术语表", "资料来源说明"],
}
# What the brief's trade chart tells a reader: its unit, each bar's value, the note on the
# bar of eleven months, and where the numbers come from.
CHART = {
    "en": (
        "In US dollars",
        ["above US$300 billion", "US$411.25 billion"],
        "Note: Jan–Nov 2021 covers 11 months. The other bar covers whole years.",
        "Source: Cai Wei,",
    ),
    "es": (
        "En dólares estadounidenses",
        ["más de 300.000 millones de dólares", "411.250 millones de dólares"],
        "Nota: ene.–nov. 2021 abarca 11 meses. La otra barra abarca años completos.",
        "Fuente: Cai Wei,",
    ),
    "pt-BR": (
        "Em dólares americanos",
        ["acima de US$ 300 bilhões", "US$ 411,25 bilhões"],
        "Nota: jan.–nov. de 2021 abrange 11 meses. A outra barra abrange anos completos.",
        "Fonte: Cai Wei,",
    ),
    "zh-Hans": (
        "单位：美元",
        ["3000亿美元以上", "4112.5亿美元"],
        "注：2021年1—11月数据为11个月累计。其余为全年数据。",
        "资料来源：蔡伟，",
    ),
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


def unspelled(flat: str, text) -> str:
    """Return a sheet's squeezed text with the acronyms it spells out at first use shortened again.

    A form the text itself writes out ("China-CELAC Forum (CCF)" in the overview) stays.
    """
    written = squeeze(" ".join([text.overview, *(p for part in text.parts.values() for p in part.points)]))
    for entry in text.glossary.values():
        definition = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", entry.definition)
        spelled = squeeze(f"{definition} ({entry.term})")
        if spelled not in written:
            flat = flat.replace(spelled, squeeze(entry.term), 1)
    return flat


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_sheet_holds_overview_figures_points_timeline_source(built, briefing, lang, style, paper):
    text = briefing.texts[lang]
    flat = unspelled(squeeze(pdf_text(reader(built, lang, "sheet", style, paper))), text)
    assert squeeze(text.overview) in flat
    for form in LOCAL_FORMS[lang]:
        assert squeeze(form) in flat, form
    for part in text.parts.values():
        assert squeeze(part.title) in flat
        for point in part.points:
            assert squeeze(point) in flat
    for event in text.timeline.values():
        assert squeeze(event) in flat
    # The source: who wrote it; its occasion is the overview's (a brief's note gives its date).
    assert squeeze(text.source.author_role) in flat


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_brief_pages_outline_and_running_text(built, briefing, lang, style, paper):
    pdf = reader(built, lang, "brief", style, paper)
    pages = len(pdf.pages)
    assert 3 <= pages <= 8  # the Chinese brief takes 3 pages in A4
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
    quote = briefing.texts[lang].quotes["development-first"].text
    # Spanish sets the full stop after the closing mark: «… máxima prioridad».
    shown = f"{opening}{quote[:-1]}{closing}." if lang == "es" else f"{opening}{quote}{closing}"
    assert squeeze(shown) in flat


# Whose words a quotation is, and whose translation: the green saying is Xi Jinping's, which
# the article repeats; outside English the words and the title are the briefing's translation.
ATTRIBUTED = {
    "en": ("— Xi Jinping, as repeated by Cai Wei", None, "Occasion of the article: the Third Ministers’ Meeting"),
    "es": (
        "— Xi Jinping, según Cai Wei (traducción propia)",
        "(traducción propia; título original: Jointly Create Opportunities",
        "Contexto del artículo: la Tercera Reunión Ministerial",
    ),
    "pt-BR": (
        "— Xi Jinping, segundo Cai Wei (tradução nossa)",
        "(tradução nossa; título original: Jointly Create Opportunities",
        "Contexto do artigo: a Terceira Reunião de Ministros",
    ),
    "zh-Hans": (
        "——习近平语，蔡伟文中引用",
        "（编者译；原题：Jointly Create Opportunities",
        "文章背景：2021年12月3日以视频方式举行的",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_quotations_and_the_title_say_whose_words_and_whose_translation(built, briefing, lang):
    flat = squeeze(pdf_text(reader(built, lang, "brief", "formal", "a4")))
    attribution, title, occasion = ATTRIBUTED[lang]
    assert squeeze(attribution) in flat
    assert squeeze(occasion) in flat
    translated = {"en": "our translation", "es": "traducción propia", "pt-BR": "tradução nossa", "zh-Hans": "编者译"}
    if title is None:
        assert squeeze(translated["en"]) not in flat
    else:
        assert squeeze(title) in flat
        # Each quotation says it is translated, unless the language is the one its speaker said
        # it in (Xi Jinping's Chinese); so does each citation of the title: the source note's
        # and each chart's source line.
        quotes = sum(quote.said_in != lang for quote in briefing.spec.quotes)
        citations = flat.count(squeeze(title)) + len(briefing.spec.charts)
        assert flat.count(squeeze(translated[lang])) == quotes + citations


# The sheet has no room for a translated title beside the original: it cites the original alone.
NAMED_IN = {"es": "(en inglés)", "pt-BR": "(em inglês)", "zh-Hans": "（原文为英语）"}


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_cites_the_original_title_naming_its_language(built, briefing, lang):
    sheet = squeeze(pdf_text(reader(built, lang, "sheet", "formal", "a4")))
    original = squeeze(briefing.texts["en"].source.title)
    if lang == "en":
        assert sheet.count(original) == 1
        return
    assert sheet.count(original + squeeze(NAMED_IN[lang])) == 1
    assert squeeze(briefing.texts[lang].source.title) not in sheet


@pytest.mark.parametrize("layout", LAYOUTS)
def test_chinese_sets_no_space_after_full_width_punctuation(built, layout):
    text = re.sub(r"<[^>]+>", "", built.file("zh-Hans", f"{layout}-formal-a4.html").read_text())
    assert not re.findall(r"[。，；：！？）」』》] +\S", text)


# Where the sheet, which has no glossary, spells out an acronym: at its first use only.
SPELLED = {
    "en": ("Belt and Road Initiative (BRI)", "BRI"),
    "es": ("Iniciativa de la Franja y la Ruta (IFR)", "IFR"),
    "pt-BR": ("Iniciativa do Cinturão e Rota (BRI)", "BRI"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_spells_out_acronyms_at_first_use_and_brief_does_not(built, lang):
    sheet = squeeze(pdf_text(reader(built, lang, "sheet", "formal", "a4")))
    brief = squeeze(pdf_text(reader(built, lang, "brief", "formal", "a4")))
    if lang not in SPELLED:
        assert "（" + "拉美" not in sheet  # Chinese abbreviations are the words a reader knows
        return
    spelled, acronym = SPELLED[lang]
    assert sheet.count(squeeze(spelled)) == 1
    assert sheet.count(acronym) > 1  # later uses stay short
    assert squeeze(spelled) not in brief  # the brief has its glossary


def poppler_text(pdf, page: int | None = None) -> str:
    """Return the PDF's text (or one page's) as poppler's pdftotext reads it, squeezed."""
    options = ["-f", str(page), "-l", str(page)] if page else []
    return squeeze(
        subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("style", STYLES)
def test_brief_chart_reads_with_its_title_unit_values_note_and_source(built, briefing, lang, style):
    pdf = built.file(lang, f"brief-{style}-a4.pdf")
    unit, values, note, source = CHART[lang]
    title = briefing.texts[lang].charts["trade"].title
    flat = poppler_text(pdf)
    assert squeeze(title) in flat
    for value in values:
        assert flat.count(squeeze(value)) == 1, value  # on its bar, and nowhere else
    # Top to bottom, line by line: poppler's reading order may take a title that reaches into the
    # rail's column after the chart's bars (the Chinese modern brief), so rows are compared.
    layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    rows = [squeeze(line) for line in layout.stdout.splitlines()]

    def row(text: str, start: int = 8) -> int:
        """The first row holding the text's start (a bar's value, which cannot wrap: all of it)."""
        return next(i for i, line in enumerate(rows) if squeeze(text)[:start] in line)

    assert row(title) < row(unit), "the title and the unit stand above the chart"
    for value in values:
        assert row(unit) <= row(value, len(value)) < row(note), value
    assert row(note) < row(source)


@pytest.mark.parametrize(("style", "toner"), [("economy", False), ("formal", True)])
def test_the_economy_chart_draws_its_bars_light_and_outlined_to_spare_toner(built, style, toner):
    """A bar in solid black or colour is most of a page's ink; economy's are light grey with a hairline edge."""
    svg = re.search(r"(?s)<svg role=\"img\" viewBox.*?</svg>", built.file("en", f"brief-{style}-a4.html").read_text())[
        0
    ]
    bars = re.findall(r'<rect x="0" [^>]*fill="#([0-9a-f]{6})"([^>]*)/>', svg)
    assert len(bars) == 2
    for fill, rest in bars:
        grey = sum(int(fill[i : i + 2], 16) for i in (0, 2, 4)) / 3 / 255
        assert (grey < 0.7) == toner, fill
        assert ('stroke="#000000"' in rest) == (not toner)


@pytest.mark.parametrize("lang", LANGS)
def test_brief_shows_each_figure_once(built, briefing, lang):
    flat = poppler_text(built.file(lang, "brief-modern-letter.pdf"))
    for chart in briefing.texts[lang].charts.values():  # a title may name what a bar counts (zh)
        flat = flat.replace(squeeze(chart.title), "")
    charted = {figure for chart in briefing.spec.charts for figure in chart.figures}
    labels = {figure.id: squeeze(briefing.texts[lang].figures[figure.id].label) for figure in briefing.spec.figures}
    for figure in briefing.spec.figures:
        label = labels[figure.id]
        # A card prints its label; a bar of the chart prints its period and value instead. A
        # longer label that holds this one ("growth of two-way China-LAC trade") is not it.
        rest = flat
        for other in labels.values():
            if label in other and other != label:
                rest = rest.replace(other, "")
        assert rest.count(label) == (figure.id not in charted), figure.id


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
    assert meta.author == briefing.texts[lang].issuer  # the issuing body, in the language's own words
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


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("layout", ["brief", "handout"])
@pytest.mark.parametrize(("style", "paper"), MATRIX)
def test_the_first_page_reads_issuer_title_takeaways_overview_then_source(built, briefing, lang, layout, style, paper):
    pdf = built.file(lang, f"{layout}-{style}-{paper}.pdf")
    cover, second = (poppler_text(pdf, page) for page in (1, 2))
    text = briefing.texts[lang]
    assert squeeze(text.issuer) in cover
    for takeaway in text.takeaways:
        assert squeeze(takeaway) in cover, takeaway
    overview = squeeze(text.overview)
    if layout == "brief":  # the overview follows the takeaways on the first page: its foot is not left empty
        assert cover.find(squeeze(text.takeaways[-1])) < cover.find(overview[:12])
    else:  # an A5 cover holds it whole or leaves it whole to the next page
        assert (overview[:12] in cover, overview[-12:] in cover) in ((True, True), (False, False))
    opening = cover + " " + second
    contents = opening.find(squeeze(briefing.texts[lang].parts[next(iter(text.parts))].title))
    assert opening.find(overview[:12]) < opening.find(overview[-12:]) < contents
    # The brief's cover then cites the source, ending with its address, before the contents; the
    # A5 handout leaves the citation to its source note.
    url = opening.find(squeeze(briefing.spec.source.url))
    assert (opening.find(overview[-12:]) < url < contents) if layout == "brief" else url < 0


def test_a_large_print_cover_too_long_for_its_page_runs_on_and_loses_nothing(project_dir, briefing):
    # At 14 pt an A5 cover cannot hold four takeaways; a flex box cut the last ones off unseen.
    selection = briefpress.Selection((SAMPLE.name,), ("en", "es"), ("handout",), ("large-print",), ("a4",))
    report = briefpress.build(project_dir, selection, options=briefpress.Options(strict=True))
    assert len(report.outcomes) == 2
    for outcome in report.outcomes:
        assert outcome.ok, outcome.message
        text = briefing.texts[outcome.pdf.parent.name]
        opening = poppler_text(outcome.pdf, 1) + poppler_text(outcome.pdf, 2)
        for takeaway in map(squeeze, text.takeaways):  # one may run from page 1 to page 2
            assert takeaway[:24] in opening, takeaway
            assert takeaway[-24:] in opening, takeaway


def test_a_chart_value_too_wide_for_its_line_is_set_under_its_bar_and_not_cut_off(project_dir):
    # In large print "2018–2020 más de 300.000 millones de dólares" is wider than the chart:
    # set after its period on one line, the drawing's edge cut it to "dólare". SVG text does
    # not wrap, so each line of the drawing (its width estimated as the template does) must
    # fit the drawing's width, and the PDF must still hold every value whole.
    selection = briefpress.Selection((SAMPLE.name,), ("es",), ("brief",), ("large-print",), ("a4",))
    [outcome] = briefpress.build(project_dir, selection, options=briefpress.Options(strict=True)).outcomes
    assert outcome.ok, outcome.message
    html = outcome.pdf.with_suffix(".html").read_text(encoding="utf-8")
    [(width, size, drawing)] = re.findall(
        r'<svg role="img" viewBox="0 0 ([\d.]+) [\d.]+"[^>]*font-size="([\d.]+)">(.*?)</svg>', html, re.S
    )
    lines = re.findall(r'<text x="([\d.]+)"[^>]*?(?: font-size="([\d.]+)")?>(.*?)</text>', drawing, re.S)
    assert len(lines) >= 4  # a period and a value for each bar
    for x, font_size, markup in lines:
        text = re.sub(r"<[^>]+>", "", markup)
        right = float(x) + ems(text) * float(font_size or size) if 'text-anchor="end"' not in markup else float(x)
        assert right <= float(width) + 0.5, f"{text!r} is {right - float(width):.0f} units wider than the chart"
    flat = poppler_text(outcome.pdf)
    for value in CHART["es"][1]:
        assert squeeze(value) in flat, value


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_a_large_print_handout_running_header_is_one_line_clear_of_the_trim(project_dir, lang):
    # At 14 pt a half page held the title and the date side by side only by wrapping both,
    # and the two-line header rose to about 1 mm from the trim.
    selection = briefpress.Selection((SAMPLE.name,), (lang,), ("handout",), ("large-print",), ("a4",))
    [outcome] = briefpress.build(project_dir, selection, options=briefpress.Options(strict=True)).outcomes
    assert outcome.ok, outcome.message
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "3", "-l", "3", str(outcome.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)</word>', bbox)
    margin = 17 * 72 / 25.4  # the half page's top margin
    header = [(float(top), text) for top, bottom, text in words if float(bottom) <= margin]
    assert header, "page 3 has no running header"
    assert len({round(top) for top, _ in header}) == 1, f"the header takes more than one line: {header}"
    assert min(top for top, _ in header) >= 6 * 72 / 25.4  # 6 mm or more below the trim
