"""The preflight: each problem it must catch, as a small page made to show it, and the build around it.

Each page here is laid out by WeasyPrint as a target is, then read by ``preflight``. The
build tests use a copy of the sample with a project stylesheet that causes the problem.
"""

from __future__ import annotations

import pytest
from helpers import run
from PIL import Image
from weasyprint import HTML

from briefpress.pdf import hyphenation
from briefpress.pdf.preflight import Limits, preflight
from briefpress.render.html import make_environment, render_html
from briefpress.render.inks import FALLBACK_PRESS_PROFILE, press
from briefpress.render.joins import WORD_JOINER, joined
from briefpress.target import Target

PAGE = """<html lang="{lang}"><head><style>
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: "Noto Sans", "Noto Sans CJK SC"; font-size: 10pt; }}
{css}
</style></head><body>{body}</body></html>"""


def findings(body: str, lang: str = "en", css: str = "", limits: Limits | None = None, join: bool = False) -> list:
    html = PAGE.format(lang=lang, css=css, body=body)
    hyphenation.install()
    document = HTML(string=joined(html) if join else html).render()
    return preflight(document, limits or Limits())


def problems(body: str, **kwargs) -> list[str]:
    return [str(finding) for finding in findings(body, **kwargs)]


def errors(body: str, **kwargs) -> list[str]:
    return [str(finding) for finding in findings(body, **kwargs) if finding.error]


def test_a_clean_page_has_no_findings():
    body = "<h2>A heading</h2>" + "<p>Plain running text that wraps over several lines of the page. </p>" * 3
    assert problems(body) == []


# --- errors ------------------------------------------------------------------------------------------


def test_text_printed_over_text_is_an_error():
    body = '<p style="margin: 0 0 -1.2em">The first line of text</p><p style="margin: 0">The second line of text</p>'
    assert errors(body) == ['page 1: text overlaps: "The first line of text" over "The second line of text"']


def test_text_off_the_page_and_outside_the_page_area_are_errors():
    off = errors('<p style="position: relative; left: 190mm">Runs off the page</p>')
    assert off == ['page 1: text off the page: "Runs off the page"']
    margin = errors('<p style="margin-left: -15mm">Sits in the margin</p>')
    assert margin == ['page 1: text outside the page area: "Sits in the margin"']


def test_a_running_header_nearer_the_trim_than_its_tolerance_is_an_error():
    css = '@page {{ @top-center {{ content: "Running header"; vertical-align: {}; }} }}'
    assert errors("<p>Text</p>", css=css.format("top")) == [
        'page 1: text 1.5 mm from the trim, nearer than 3 mm: "Running header"'  # its ink, under the line's top
    ]
    assert errors("<p>Text</p>", css=css.format("middle")) == []  # 10 mm from the trim, in a 20 mm margin
    assert errors("<p>Text</p>", css=css.format("middle"), limits=Limits(trim_mm=12)) == [
        'page 1: text 8.6 mm from the trim, nearer than 12 mm: "Running header"'
    ]


def test_an_rgb_image_on_a_print_ready_page_is_an_error(tmp_path):
    Image.new("RGB", (8, 8), (200, 30, 30)).save(tmp_path / "logo.png")
    Image.new("CMYK", (8, 8), (0, 200, 200, 0)).save(tmp_path / "logo.jpg")
    body = '<p style="background: url(logo.png) no-repeat">Text</p>'
    body += '<img src="logo.png" alt="a"><img src="logo.jpg" alt="b">'
    document = HTML(string=PAGE.format(lang="en", css="", body=body), base_url=str(tmp_path) + "/").render()
    found = [str(finding) for finding in preflight(document, Limits(), press(FALLBACK_PRESS_PROFILE.read_bytes()))]
    problem = "page 1: an RGB image on a page printed in CMYK inks; convert it to CMYK for the press: "
    assert found == [problem + '"logo.png"']  # once a page, a background and an image of the same file
    assert preflight(document, Limits()) == []  # a screen PDF may hold RGB


def test_a_url_broken_inside_a_word_is_an_error_and_after_a_slash_is_not():
    body = '<p style="width: 22mm; overflow-wrap: anywhere">https://cpifa.org/{}</p>'
    assert errors(body.format("verylongsegmentofaddress")) == [
        'page 1: a break inside a URL or address: "https://cpifa.org/verylongseg|mentofaddress"',
        'page 1: a break inside a URL or address: "https://cpifa.org/verylongsegmentofaddre|ss"',
    ]
    assert errors(body.format("en/cms/book/350")) == []  # it breaks after its slashes


def test_a_url_set_straight_after_chinese_text_is_told_from_that_text():
    """Chinese sets no space before a URL: a break in the sentence before it is not a break in the URL."""
    sentence = "文章背景：2021年12月3日以视频方式举行的中国—拉共体论坛第三届部长会议。"
    body = '<p style="width: 40mm; overflow-wrap: anywhere">' + sentence + "https://cpifa.org/{}</p>"

    def in_url(address: str) -> list[str]:
        return [error for error in errors(body.format(address), lang="zh-Hans") if "inside a URL" in error]

    assert in_url("en/cms/book/350") == []
    assert in_url("verylongsegmentofaddress") == [
        'page 1: a break inside a URL or address: "https://cpifa.org/verylongsegmentofadd|ress"'
    ]


@pytest.mark.parametrize(
    ("word", "problem"),
    [
        ("Bei&shy;jing", 'a break inside a name: "Bei|jing"'),
        ("CE&shy;LAC", 'a break inside an acronym: "CE|LAC"'),
    ],
)
def test_a_hyphen_inside_a_name_or_an_acronym_is_an_error(word, problem):
    body = f'<p style="width: 27mm; hyphens: manual">The meeting was held in {word} today.</p>'
    assert [line.split(": ", 1)[1] for line in errors(body)] == [problem]


def test_a_compound_name_broken_at_its_hyphen_is_an_error_and_a_joiner_keeps_it_whole():
    body = '<p style="width: 44mm">The relations of the China-CELAC Forum grew.</p>'
    assert errors(body) == ['page 1: a name broken at its hyphen: "China-|CELAC"']
    assert errors(body, join=True) == []


def test_a_common_compound_capitalised_at_a_heading_start_may_break_at_its_hyphen():
    # "Pontos-chave" opens a heading; joined, its letter-spaced capitals extracted as "PONTOS- CHAVE".
    for common in ("Pontos-chave", "Xi-led"):
        assert joined(f"<body><h3>{common}</h3></body>") == f"<body><h3>{common}</h3></body>"
    for name in ("COVID-19", "CELAC-wide", "Sino-Brazilian"):
        assert joined(f"<body><p>{name}</p></body>") == f"<body><p>{name.replace('-', '-' + WORD_JOINER)}</p></body>"
    assert errors('<p style="width: 21mm">Os Pontos-chave da reunião anual.</p>') == []  # "Os Pontos-|chave"


def test_an_address_keeps_its_scheme_with_its_host():
    html = '<body><p><a href="https://cpifa.org/en">https://cpifa.org/en</a></p></body>'
    # and its short last piece with the slash before it
    assert joined(html) == html.replace(">https://", ">https://" + WORD_JOINER).replace(
        "org/en<", f"org/{WORD_JOINER}en<"
    )
    assert joined("<body><p>ftp://host and a://b</p></body>").count(WORD_JOINER) == 2


def test_a_number_broken_inside_is_an_error():
    body = '<p style="width: 30mm; overflow-wrap: anywhere">1234567890123456789</p>'
    assert errors(body)
    assert all("a break inside a number" in line for line in errors(body))


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("中国和拉共体<br>，继续合作", "a CJK line starts with closing punctuation"),
        ("中国和拉共体（<br>继续合作）", "a CJK line ends with opening punctuation"),
        ("中国<br>—拉共体论坛", "a CJK line starts with closing punctuation"),
    ],
)
def test_kinsoku_breaks_are_errors(body, problem):
    assert [line.split(": ")[1] for line in errors(f"<p>{body}</p>", lang="zh-Hans")] == [problem]


def test_a_number_split_from_its_chinese_unit_is_an_error_and_a_joiner_keeps_them_together():
    # The first line ends at the day's number, so its 日 would start the next one.
    body = '<p style="width: 9.5em">会议于2021年12月3日举行</p>'
    assert "a break between a number and its unit" in " ".join(errors(body, lang="zh-Hans"))
    assert errors(body, lang="zh-Hans", join=True) == []


def test_a_heading_at_the_foot_of_a_page_is_an_error():
    body = '<p>Text.</p><h2>Stranded heading</h2><p style="break-before: page">What follows it.</p>'
    assert errors(body) == ['page 1: a heading left at the foot of the page: "Stranded heading"']


def test_a_block_kept_whole_split_across_pages_is_an_error():
    # Taller than a page, a cover kept whole is split all the same.
    def cover(takeaways: int, keep: str = "avoid") -> str:
        head = f'<section class="cover" style="break-inside: {keep}"><h1>Title</h1>'
        return head + "<p>Takeaway.</p>" * takeaways + "</section>"

    assert errors(cover(40)) == ['page 1: a block kept whole (cover) split across pages 1-2: "Title"']
    assert errors(cover(5)) == []
    assert errors(cover(40, keep="auto")) == []  # running text may run on


FIRST_LINE = {"figure": '"42.3% year-on-year"', "quote": '"Equality means"'}


@pytest.mark.parametrize(
    ("kept", "what"),
    [
        ('<ul style="display: grid"><li class="figure">42.3% ' + "year-on-year growth, " * 9 + "</li></ul>", "figure"),
        (
            '<figure class="quote"><blockquote>' + "Equality means consultation. " * 9 + "</blockquote></figure>",
            "quote",
        ),
    ],
)
def test_a_card_or_quotation_split_in_a_floated_rail_is_an_error_and_a_table_cell_keeps_it_whole(kept, what):
    # WeasyPrint 70 lays a float out as if its page were empty: its first child splits
    # at the foot of the page whatever its break-inside says. A table cell moves it on.
    css = "ul, figure, blockquote { margin: 0; padding: 0; } .figure, .quote { break-inside: avoid; }"
    above = '<p>Text above.</p><div style="height: 240mm"></div>'
    floated = f'<div><aside style="float: right; width: 44mm">{kept}</aside><p>Text beside.</p></div>'
    assert errors(above + floated, css=css) == [
        f"page 1: a block kept whole ({what}) split across pages 1-2: {FIRST_LINE[what]}"
    ]
    cells = f'<div style="display: table"><aside style="display: table-cell; width: 44mm">{kept}</aside></div>'
    assert problems(above + cells, css=css) == []


def test_a_table_of_one_row_runs_on_from_page_to_page():
    # The brief's text and its rail are the two cells of one row: no row is left alone.
    text = "Running text beside a rail, long enough to run on to the next page. " * 40
    rail = f'<aside style="display: table-cell; width: 44mm">{text}</aside>'
    body = f'<div style="display: table"><div style="display: table-cell">{text}</div>{rail}</div>'
    assert problems(body) == []


def test_a_table_split_after_one_row_is_an_error_and_a_lone_row_after_it_a_warning():
    rows = "".join(f"<tr><td>Row {n}</td></tr>" for n in range(1, 4))
    css = "tr:nth-child(2) { break-before: page; }"
    body = f"<table><thead><tr><th>Head</th></tr></thead><tbody>{rows}</tbody></table>"
    assert errors(body, css=css) == ['page 1: a table split after 1 row: "Row 1"']
    css = "tr:nth-child(3) { break-before: page; }"
    assert problems(body, css=css) == ['page 2: a lone row at the top of the page: "Row 3"']


# --- warnings ----------------------------------------------------------------------------------------


def test_a_lone_bullet_and_a_lone_line_at_the_top_of_a_page_are_warnings():
    items = "".join(f"<li>Point {n}</li>" for n in range(1, 4))
    found = findings(f"<ul>{items}</ul>", css="li:last-child { break-before: page; }")
    assert [(str(f), f.error) for f in found] == [('page 2: a lone bullet at the top of the page: "Point 3"', False)]
    text = "A paragraph long enough to run over two pages when its page is nearly full. " * 3
    found = findings(f'<div style="height: 240mm"></div><p style="widows: 1; orphans: 1">{text}</p>')
    assert [f.problem for f in found] == ["a lone line at the top of the page"]


def test_a_lone_line_beside_a_rail_set_before_it_in_the_source_is_a_warning():
    # The brief's rail comes first in the source and runs on beside the text: the page's
    # first running line is the text's, not the rail's.
    text = "A paragraph long enough to run over two pages when its page is nearly full. " * 3
    rail = '<aside style="display: table-cell; width: 44mm">' + "<p>A card in the rail.</p>" * 30 + "</aside>"
    body = (
        '<p>Text above.</p><div style="height: 220mm"></div><div style="display: table; width: 100%; direction: rtl">'
        f'{rail}<div style="display: table-cell"><p style="widows: 1; orphans: 1">{text}</p></div></div>'
    )
    assert problems(body, css="[style*=table-cell] { direction: ltr; }") == [
        'page 2: a lone line at the top of the page: "page is nearly full."'
    ]


def test_three_hyphenated_lines_in_a_row_are_a_warning_and_the_limit_is_the_styles():
    body = (
        '<p style="width: 6.3em; font-family: monospace; hyphens: manual">'
        "aaaa bbbb&shy;cccc dddd&shy;eeee ffff&shy;gggg hhhh&shy;iiii</p>"
    )
    found = findings(body)
    assert [(str(f), f.error) for f in found] == [('page 1: more than 2 hyphenated lines in a row: "eeee ffff"', False)]
    assert len(findings(body, limits=Limits(hyphens=3))) == 1  # four in a row
    assert findings(body, limits=Limits(hyphens=4)) == []


def test_a_chinese_paragraph_ending_on_one_character_is_a_warning_and_the_joins_avoid_it():
    body = '<p style="width: 9.4em">中国与拉美和加勒比国</p>'  # nine ideographs a line, then one
    found = findings(body, lang="zh-Hans")
    assert [(f.problem, f.error) for f in found] == [("a paragraph ends on one character", False)]
    assert findings(body, lang="zh-Hans", join=True) == []


def test_low_contrast_is_a_warning_with_both_colours_and_the_ratio():
    found = findings('<p style="color: #e4572e">Coral text on white</p>')
    assert [str(f) for f in found] == [
        'page 1: text #e4572e on #ffffff has contrast 3.7:1, below 4.5:1: "Coral text on white"'
    ]
    assert not found[0].error
    assert findings('<p style="color: #b83c1b">Dark coral</p>') == []
    on_band = findings('<div style="background: #0b4f4c; color: #5b6673"><p>Grey on teal</p></div>')
    assert "contrast 1.6:1" in str(on_band[0])


def test_small_text_and_a_measure_outside_the_layouts_are_warnings():
    found = findings('<p style="font-size: 5pt">Tiny print</p>')
    assert [str(f) for f in found] == ['page 1: text at 5.0 pt, below 6 pt: "Tiny print"']
    text = "Words of ordinary length set in a very wide column for the measure check. " * 12
    found = findings(f"<p>{text}</p>", limits=Limits(measure=(60, 80)))
    assert [f.problem for f in found] == ["lines of 98 characters, outside the measure of 60-80"]
    assert findings(f'<p style="width: 125mm">{text}</p>', limits=Limits(measure=(60, 80))) == []


# --- the build -----------------------------------------------------------------------------------


def test_hyphenation_never_splits_a_capitalised_word():
    text = "Representatives of Extraordinarily Internationalised Organisations met. " * 4
    body = f'<p style="width: 30mm; hyphens: auto">{text}</p>'
    html = PAGE.format(lang="en", css="", body=body)
    hyphenation.install()
    lines = [
        "".join(box.text for box in line.descendants() if hasattr(box, "text"))
        for line in HTML(string=html).render().pages[0]._page_box.descendants()
        if type(line).__name__ == "LineBox"
    ]
    assert any(word in " ".join(lines) for word in ("Extraordinarily", "Internationalised"))
    assert not [line for line in lines if line.endswith("\u2010")], lines


def test_joins_leave_tags_styles_and_drawings_alone():
    html = (
        '<html><head><style>.China-CELAC{}</style></head><body><p class="China-CELAC">China-CELAC</p>'
        "<svg><text>China-CELAC</text></svg><p>2021年12月3日</p></body></html>"
    )
    out = joined(html)
    assert out.count(WORD_JOINER) == 4, out  # the paragraph's hyphen; 年, 月 and 日 after their digits
    assert '<p class="China-CELAC">China-\u2060CELAC</p>' in out
    assert "<svg><text>China-CELAC</text></svg>" in out


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        ("pt-BR", "US$ 20 bilhões", "US$\u00a020\u00a0bilhões"),  # a currency sign, a CLDR scale word
        ("es", "300.000 millones y 20 mil millones", "300.000\u00a0millones y 20\u00a0mil\u00a0millones"),
        ("es", "el 3 de diciembre de 2021", "el 3\u00a0de\u00a0diciembre de 2021"),  # the year may go on
        ("en", "on December 3, 2021, 40 million doses", "on December\u00a03, 2021, 40\u00a0million doses"),
        ("es", "creció un 42,3 %", "creció un 42,3\u00a0%"),
        ("pt-BR", "em El Salvador, com Wang Yi", "em El\u00a0Salvador, com Wang\u00a0Yi"),  # the text's names
        (
            "pt-BR",
            "a reconstrução pós-desastre",
            "a reconstrução pós-\u2060desastre",
        ),  # a break would repeat its hyphen
        ("pt-BR", "Pontos-chave", "Pontos-chave"),  # a label, whole on its line, its letter-spacing kept even
        ("es", "ante la VI Cumbre y el XIX Comité", "ante la VI\u00a0Cumbre y el XIX\u00a0Comité"),  # ordinals
        ("pt-BR", "do 19º Comitê Central", "do 19º\u00a0Comitê Central"),
        ("en", "see https://cpifa.org/en/book/350.", "see https://\u2060cpifa.org/en/book/\u2060350."),  # short tail
        ("en", "post-disaster", "post-disaster"),  # English does not
        ("en", "the Asian Infrastructure Investment Bank", "the Asian Infrastructure Investment Bank"),  # too long
    ],
)
def test_latin_script_names_amounts_and_dates_keep_their_words_on_one_line(lang, text, kept):
    names = ["El Salvador", "Wang Yi", "Asian Infrastructure Investment Bank"]
    assert (
        joined(f"<html><body><p>{text}</p></body></html>", names, [lang]) == f"<html><body><p>{kept}</p></body></html>"
    )


def test_a_heading_or_a_title_never_ends_on_a_short_word_alone():
    html = (
        '<html><body><h2>Relaciones China-ALC en la nueva era</h2><p class="subtitle">Resumen de un artículo</p>'
        "<p>Un párrafo que termina en una palabra corta era</p><h3>III. Desarrollo sostenible</h3></body></html>"
    )
    out = joined(html, (), ["es"])
    assert "nueva\u00a0era</h2>" in out
    assert "un\u00a0artículo</p>" in out
    assert "corta era</p>" in out  # running text: its last line may hold one word
    assert "Desarrollo sostenible</h3>" in out  # a last word of 10 letters or more fills a line of its own


def test_a_no_break_space_holds_an_amount_on_one_line_when_laid_out():
    body = '<p style="width: 30mm; hyphens: none">Os empréstimos somam US$ 20 bilhões em El Salvador e no Caribe.</p>'
    html = PAGE.format(lang="pt-BR", css="", body=body)
    lines = lambda html: [  # noqa: E731
        "".join(text.text for text in line.descendants() if hasattr(text, "text")).strip()
        for line in HTML(string=html).render().pages[0]._page_box.descendants()
        if type(line).__name__ == "LineBox"
    ]
    assert any(line.endswith(("20", "El")) for line in lines(html))  # without the joins, the page breaks them
    assert not any(line.endswith(("US$", "20", "El")) for line in lines(joined(html, ["El Salvador"], ["pt-BR"])))


def test_names_in_ideographs_stay_whole_those_the_text_lists_and_its_glossary_terms(project, briefing):
    html = render_html(
        make_environment(project), project, briefing, Target(briefing.name, "zh-Hans", "sheet", "formal", "a4")
    )
    body = html.split("<body", 1)[1]
    assert "习\u2060近\u2060平" in body  # listed under names:
    assert "一\u2060带\u2060一\u2060路" in body  # the glossary's term for the BRI
    assert "习近平" not in body
    assert joined("<body><p>王毅和王毅</p></body>", ["王毅", "Wang Yi"]) == "<body><p>王\u2060毅和王\u2060毅</p></body>"


@pytest.fixture
def overprinting_style(project_dir):
    """A project stylesheet that pulls each bullet up over the one before it."""
    themes = project_dir / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "formal.css").write_text("/* extends: !base */\nul.points > li + li { margin-top: -1.3em; }\n")
    return project_dir


def test_a_preflight_error_fails_its_target_alone_and_keeps_the_previous_pdf(overprinting_style):
    project_dir = overprinting_style
    good = ["build", "--lang", "en", "--layout", "sheet", "--paper", "a4", "--style", "modern"]
    assert run(project_dir, *good).exit_code == 0
    pdf = project_dir / "dist" / "china-lac-2021" / "en" / "sheet-formal-a4.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.7 the previous good build")
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--paper", "a4", "--style", "formal,modern")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert lines, result.output
    assert all(line.startswith("error: china-lac-2021/en/sheet-formal-a4: page 1: text overlaps: ") for line in lines)
    assert "Traceback" not in result.output
    assert "2 targets: 0 built, 1 unchanged, 1 failed" in result.output  # the modern sheet stands, unharmed
    assert (pdf.parent / "sheet-modern-a4.pdf").read_bytes().startswith(b"%PDF-")
    assert pdf.read_bytes() == b"%PDF-1.7 the previous good build"


def test_a_preflight_warning_is_printed_and_fails_the_target_under_strict(project_dir):
    themes = project_dir / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "formal.css").write_text("/* extends: !base */\n:root { --color-muted: #aaaaaa; }\n")
    args = ["build", "--lang", "en", "--layout", "sheet", "--paper", "a4", "--style", "formal"]
    result = run(project_dir, *args)
    assert result.exit_code == 0, result.output
    warning = "warning: china-lac-2021/en/sheet-formal-a4: page 1: text #aaaaaa on #ffffff has contrast 2.3:1"
    assert warning in result.output
    strict = run(project_dir, *args, "--strict", "--force")
    assert strict.exit_code == 1
    assert "error: china-lac-2021/en/sheet-formal-a4: page 1: text #aaaaaa on #ffffff has contrast" in strict.output


def test_the_thresholds_are_style_tokens(project_dir):
    themes = project_dir / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "formal.css").write_text(
        "/* extends: !base */\n:root { --color-muted: #aaaaaa; --preflight-contrast: 2; --measure: 10 20; }\n"
    )
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--paper", "a4", "--style", "formal")
    assert result.exit_code == 0, result.output
    assert "has contrast" not in result.output
    assert "outside the measure of 10-20" in result.output
