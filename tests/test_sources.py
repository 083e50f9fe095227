"""Source documents read as blocks: plain text, Markdown, HTML, PDF and DOCX, and the errors of each.

Every file is made here, in the test's own folder: the PDFs with WeasyPrint, the Word
documents with python-docx, the rest as text.
"""

from __future__ import annotations

import html
import logging
import os
import re
import socket
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
import weasyprint
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from helpers import FORUM_ARTICLE
from pypdf import PageObject, PdfReader, PdfWriter

from briefpress.authoring.draft.structure import outline
from briefpress.checks.factcheck import fact_check, source_language
from briefpress.checks.factcheck.source import read_source
from briefpress.errors import BriefpressError
from briefpress.sources.document import BlockKind, Document
from briefpress.sources.read import SUFFIXES, read_document

HEADING, PARAGRAPH, ITEM = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM
US300 = ("money", "USD", Decimal(300000000000))


def blocks(document: Document) -> list[tuple[BlockKind, int, str]]:
    """Return each block of the document as (kind, level, text)."""
    return [(block.kind, block.level, block.text) for block in document.blocks]


def error_of(path: Path) -> str:
    """Return the one line of the error reading ``path`` raises."""
    with pytest.raises(BriefpressError) as raised:
        read_document(path)
    (line,) = raised.value.lines()
    return line


def write_pdf(path: Path, html: str) -> Path:
    weasyprint.HTML(string=html).write_pdf(path)
    return path


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to reach the network fail the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a source was fetched from the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- plain text -------------------------------------------------------------


def test_plain_text_is_a_paragraph_for_each_run_of_lines(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("I. The forum\n\nThe ministers  met in June\n2023 and agreed.\n\n\n  \nUS$300 billion.\n", "utf-8")
    document = read_document(path)
    assert (document.format, document.title) == ("text", None)
    assert [(block.kind, block.text, block.line) for block in document.blocks] == [
        (PARAGRAPH, "I. The forum", 1),
        (PARAGRAPH, "The ministers met in June 2023 and agreed.", 3),
        (PARAGRAPH, "US$300 billion.", 8),
    ]
    assert document.text == "I. The forum\n\nThe ministers met in June 2023 and agreed.\n\nUS$300 billion."


def test_plain_text_with_windows_line_ends_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("\ufeffFirst line\r\nsecond line\r\n\r\nThird\u00a0part\r\n".encode())
    document = read_document(path)
    assert [(block.text, block.line) for block in document.blocks] == [
        ("First line second line", 1),
        ("Third\u00a0part", 4),  # a no-break space binds, and stays
    ]


# --- Markdown ---------------------------------------------------------------


MARKDOWN = """\
# The lakes forum

Trade of **US$300 billion** ([report](https://example.org/2023)), *up* `45%`,
in 2023.

## Ferries and quotas

- New ferry routes
- A common quota
  - for five species

2021. A year that starts a list item
2022. And another

> The chair said: "a good day".

![the lake in June 2019](lake.png)

```
code = 1
```

### Next steps
"""


def test_markdown_gives_headings_paragraphs_and_items(tmp_path):
    path = tmp_path / "report.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = read_document(path)
    assert (document.format, document.title) == ("markdown", "The lakes forum")
    assert blocks(document) == [
        (HEADING, 1, "The lakes forum"),
        (PARAGRAPH, 0, "Trade of US$300 billion (report), up 45%, in 2023."),
        (HEADING, 2, "Ferries and quotas"),
        (ITEM, 0, "New ferry routes"),
        (ITEM, 0, "A common quota"),
        (ITEM, 0, "for five species"),
        (ITEM, 0, "2021. A year that starts a list item"),
        (ITEM, 0, "2022. And another"),
        (PARAGRAPH, 0, 'The chair said: "a good day".'),
        (PARAGRAPH, 0, "the lake in June 2019"),
        (PARAGRAPH, 0, "code = 1"),
        (HEADING, 3, "Next steps"),
    ]
    assert [block.line for block in document.blocks] == [1, 3, 6, 8, 9, 10, 12, 13, 15, 17, 19, 23]


def test_markdown_without_a_level_1_heading_has_no_title(tmp_path):
    path = tmp_path / "notes.markdown"
    path.write_text("## A section\n\nSome text.\n", encoding="utf-8")
    document = read_document(path)
    assert document.title is None
    assert blocks(document) == [(HEADING, 2, "A section"), (PARAGRAPH, 0, "Some text.")]


# --- HTML -------------------------------------------------------------------


ARTICLE_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<title>Lakes forum agrees on trade | Example News</title>
<meta property="og:title" content="Lakes forum agrees on trade">
<script>var tracking = "do not read me";</script>
</head>
<body>
<nav><ul><li><a href="/">Home page</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport and leisure</a></li></ul></nav>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all cookies</button></div>
<article>
<h1>Lakes forum agrees on trade</h1>
<p>The ministers of the five lake countries met in June 2023 and agreed on a trade plan worth
US$300 billion over ten years, the largest such plan in the region's history.</p>
<h2>Fisheries and shipping</h2>
<p>The plan covers fisheries, shipping and shore power. It was signed by all five ministers
after two days of talks in the harbour city.</p>
<ul><li>New ferry routes between the five ports.</li><li>A common fishing quota from 2025.</li></ul>
<p>The ministers will meet again in 2024 to review the plan and its first results.</p>
</article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Storm closes the northern ferry</a></li>
<li><a href="/b">Ice fishing season opens early</a></li></ul></aside>
<footer><p>Copyright 2023 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""


@pytest.mark.usefixtures("offline")
def test_html_gives_the_main_text_only(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    document = read_document(path)
    assert (document.format, document.title) == ("html", "Lakes forum agrees on trade")
    assert blocks(document) == [
        (HEADING, 1, "Lakes forum agrees on trade"),
        (PARAGRAPH, 0, "The ministers of the five lake countries met in June 2023 and agreed on a trade plan worth "
         "US$300 billion over ten years, the largest such plan in the region's history."),
        (HEADING, 2, "Fisheries and shipping"),
        (PARAGRAPH, 0, "The plan covers fisheries, shipping and shore power. It was signed by all five ministers "
         "after two days of talks in the harbour city."),
        (ITEM, 0, "New ferry routes between the five ports."),
        (ITEM, 0, "A common fishing quota from 2025."),
        (PARAGRAPH, 0, "The ministers will meet again in 2024 to review the plan and its first results."),
    ]  # fmt: skip
    for unwanted in ("Home page", "World news", "cookies", "Related stories", "Storm", "Copyright", "Privacy",
                     "tracking"):  # fmt: skip
        assert unwanted not in document.text


@pytest.mark.usefixtures("offline")
def test_a_small_plain_page_is_read_whole_with_its_structure(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><body><h1>Plain page</h1><p>It costs US$300 billion.</p><ul><li>One</li><li>Two<br>lines</li></ul>"
        "<blockquote>A quotation</blockquote><!-- a comment --></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.title == "Plain page"  # its first level-1 heading: the page has no title of its own
    assert blocks(document) == [
        (HEADING, 1, "Plain page"),
        (PARAGRAPH, 0, "It costs US$300 billion."),
        (ITEM, 0, "One"),
        (ITEM, 0, "Two lines"),
        (PARAGRAPH, 0, "A quotation"),
    ]


@pytest.mark.usefixtures("offline")
def test_a_fragment_trafilatura_finds_nothing_in_is_read_whole(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text("<h2>Short</h2>\n<p>A fragment of 12 words.</p>", encoding="utf-8")
    assert blocks(read_document(path)) == [(HEADING, 2, "Short"), (PARAGRAPH, 0, "A fragment of 12 words.")]


BYLINED_PAGE = """\
<!doctype html>
<html lang="en">
<head><title>Fit for heat | Schools Policy Institute</title>{meta}</head>
<body>
<header class="site-header"><nav><a href="/">Home</a> <a class="menu-authors" href="/authors/">Our authors</a>
</nav></header>
<main><article>
<header><h1>Fit for heat</h1>{byline}<p class="meta">Policy paper No. 14 · <time>16 September 2024</time></p></header>
<p>Europe's school buildings are old, inefficient and increasingly too hot to learn in. About 60% of the
180,000 school buildings in the European Union were built before 1980, and nearly a third have never had a
deep renovation.</p>
<p>Retrofitting the worst-performing quarter of the stock would cost €38 billion between 2025 and 2030, a
bill the European Investment Bank and the national promotional banks should share.</p>
</article><div class="author-card">Pat Smith</div></main>
<footer><address>Rue de la Loi 42, 1040 Brussels</address></footer>
</body>
</html>
"""


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize(
    ("meta", "byline", "expected"),
    [
        ("", '<p class="byline">By Jana Novak</p>', "By Jana Novak"),
        ("", '<div class="article-meta"><span itemprop="author">Jana Novak</span></div>', "By Jana Novak"),
        ("", '<p class="author-line">by Jana Novak · <time>16 September 2024</time></p>', "By Jana Novak"),
        ("", "<address>Jana Novak</address>", "By Jana Novak"),
        ('<meta name="author" content="Jana Novak">', "", "By Jana Novak"),
        ('<meta name="author" content="Jana Novak">', '<p class="byline">By Elena Marchetti</p>', "By Elena Marchetti"),
        ("", '<p class="byline">Written for the institute by a group of twelve researchers from five member '
         "states</p>", None),  # over twelve words: no byline
        ("", "", None),  # no author in a menu, in a card after the article, in the address in the page's footer
    ],
)  # fmt: skip
def test_html_keeps_the_byline_after_the_title(tmp_path, meta, byline, expected):
    path = tmp_path / "paper.html"
    path.write_text(BYLINED_PAGE.format(meta=meta, byline=byline), encoding="utf-8")
    document = read_document(path)
    texts = [text for _, _, text in blocks(document)]
    assert texts[0] == "Fit for heat"
    assert [text for text in texts if "Novak" in text or "Marchetti" in text] == ([expected] if expected else [])
    assert texts[1] == expected if expected else texts[1].startswith("Europe's school buildings")
    assert not [text for text in texts if "authors" in text or "Smith" in text or "Rue de la Loi" in text]
    assert outline(document).author == (expected.removeprefix("By ") if expected else None)


@pytest.mark.usefixtures("offline")
def test_a_byline_the_page_reads_already_is_not_given_twice(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><meta name="author" content="Jana Novak"></head><body><h1>Plain page</h1>'
        "<p>By Jana Novak</p><p>It costs US$300 billion.</p></body></html>",
        encoding="utf-8",
    )
    assert blocks(read_document(path)) == [
        (HEADING, 1, "Plain page"),
        (PARAGRAPH, 0, "By Jana Novak"),
        (PARAGRAPH, 0, "It costs US$300 billion."),
    ]


# --- PDF --------------------------------------------------------------------

PDF_PARAGRAPHS = [
    "The ministers of the five lake countries met in the harbour city in June 2023 and agreed on a trade plan "
    "worth US$300 billion over ten years, the largest plan of its kind the region has seen. They said the "
    "money would go to ports, ferries and the shore power that lets ships switch off their engines at the quay.",
    "Most of the plan is paid for by the countries themselves. A development bank lends the rest, at rates "
    "below the market's, over twenty-five years.",
    "Fishing quotas are shared from 2025. Each country keeps its own waters, but the catch of the five species "
    "that cross from one to another is counted once, by a common office, and divided by a formula the ministers "
    "will review every third year in the light of the scientists' counts.",
    "The ferries come first: three new routes link the five ports by 2026, with boats that run on batteries "
    "between them and charge at every quay. Tickets cost the same on every route of the lakes.",
    "Critics call the plan unaffordable. The finance ministers answered that its cost is spread over a decade "
    "and that the ports will pay back most of it through their fees within fifteen years.",
    "The next meeting is in 2024.",
]
PDF_PAGE = """<html lang="en"><head>{title}<style>
@page {{ size: 10cm 9cm; margin: 1.5cm 1cm; @top-center {{ content: "Lakes forum report, June 2023" }}
        @bottom-center {{ content: "Page " counter(page) }} }}
body {{ font-size: 10pt; hyphens: auto }} h1 {{ font-size: 14pt }} h2 {{ font-size: 12pt }}
</style></head><body>{body}</body></html>"""


@pytest.fixture
def report_pdf(tmp_path: Path) -> Path:
    """Return a PDF of four small pages: a running header, page numbers, hyphenated words, a two-line heading."""
    first, second, third, fourth, fifth, sixth = (f"<p>{paragraph}</p>" for paragraph in PDF_PARAGRAPHS)
    body = (
        f"<h1>The lakes forum</h1>{first}{second}<h2>Fishing quotas shared between all five countries</h2>{third}"
        f"<h2>Ferries</h2>{fourth}{fifth}<h2>Next steps</h2>{sixth}"
    )
    return write_pdf(tmp_path / "report.pdf", PDF_PAGE.format(title="<title>Forum report</title>", body=body))


@pytest.mark.pdf
def test_pdf_paragraphs_come_back_whole_with_their_headings(report_pdf):
    document = read_document(report_pdf)
    assert (document.format, document.title) == ("pdf", "Forum report")
    assert blocks(document) == [
        (HEADING, 1, "The lakes forum"),
        (PARAGRAPH, 0, PDF_PARAGRAPHS[0]),
        (PARAGRAPH, 0, PDF_PARAGRAPHS[1]),
        (HEADING, 2, "Fishing quotas shared between all five countries"),
        (PARAGRAPH, 0, PDF_PARAGRAPHS[2]),
        (HEADING, 2, "Ferries"),
        (PARAGRAPH, 0, PDF_PARAGRAPHS[3]),
        (PARAGRAPH, 0, PDF_PARAGRAPHS[4]),
        (HEADING, 2, "Next steps"),
        (PARAGRAPH, 0, PDF_PARAGRAPHS[5]),
    ]
    assert [block.line for block in document.blocks] == [1, 1, 2, 2, 2, 3, 3, 4, 4, 4]


@pytest.mark.pdf
def test_pdf_words_hyphenated_at_a_line_end_are_made_whole(report_pdf):
    pages = [page.extract_text() for page in PdfReader(report_pdf).pages]
    broken = re.findall(r"(\w+)\u2010\n(\w+)", "\n".join(pages))
    assert len(broken) >= 2, "the test PDF should hyphenate words at line ends"
    text = read_document(report_pdf).text
    for start, end in broken:
        assert f"{start}{end}" in text.split() or f"{start}{end}," in text.split()
    assert "\u2010" not in text
    assert "twenty-five" in text  # a hyphen inside a line stays


@pytest.mark.pdf
def test_pdf_running_headers_and_page_numbers_are_dropped(report_pdf):
    raw = "\n".join(page.extract_text() for page in PdfReader(report_pdf).pages)
    assert raw.count("Lakes forum report, June 2023") == 4
    assert "Page 3" in raw
    text = read_document(report_pdf).text
    assert "Lakes forum report" not in text
    assert not re.search(r"Page \d", text)


@pytest.mark.pdf
def test_a_two_page_pdf_loses_its_header_and_page_numbers(tmp_path):
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PDF_PARAGRAPHS[:3])
    bare_numbers = PDF_PAGE.replace('"Page " counter(page)', "counter(page)")  # no more than a number: dropped
    path = write_pdf(tmp_path / "two.pdf", bare_numbers.format(title="", body=paragraphs))
    assert len(PdfReader(path).pages) == 2
    document = read_document(path)
    assert document.title is None
    assert blocks(document) == [(PARAGRAPH, 0, paragraph) for paragraph in PDF_PARAGRAPHS[:3]]


@pytest.mark.pdf
def test_pdf_with_no_text_layer_is_an_error(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", '<div style="width:5cm;height:5cm;background:black"></div>')
    assert error_of(path) == (
        f"{path}: the PDF has no text layer (a scanned document?): run it through OCR first, "
        "or give the text as a .txt file"
    )


@pytest.mark.pdf
@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "no pages", "encrypted"])
def test_damaged_or_encrypted_pdf_is_an_error(tmp_path, damage):
    whole = write_pdf(tmp_path / "whole.pdf", "<p>Hello</p>").read_bytes()
    path = tmp_path / "report.pdf"
    if damage == "truncated":
        path.write_bytes(whole[: len(whole) // 2])
    elif damage == "garbage":
        path.write_bytes(b"%PDF-1.7\nnot a PDF at all\n")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "no pages":
        PdfWriter().write(path)
    else:
        writer = PdfWriter(clone_from=tmp_path / "whole.pdf")
        writer.encrypt("secret", algorithm="RC4-128")
        writer.write(path)
    if damage == "encrypted":
        assert error_of(path) == f"{path}: the PDF is protected by a password: save a copy without one"
    else:
        assert error_of(path) == f"{path}: cannot read it as PDF: the file is damaged"


@pytest.mark.pdf
def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    writer = PdfWriter(clone_from=write_pdf(tmp_path / "whole.pdf", "<p>Hello there.</p>"))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    assert blocks(read_document(tmp_path / "locked.pdf")) == [(PARAGRAPH, 0, "Hello there.")]


@pytest.mark.pdf
def test_pypdf_says_nothing_about_a_pdf_it_reads(tmp_path, caplog):
    whole = write_pdf(tmp_path / "whole.pdf", "<p>Hello there.</p>").read_bytes()
    path = tmp_path / "wrong-offset.pdf"
    path.write_bytes(re.sub(rb"startxref\n\d+", b"startxref\n12", whole))  # pypdf warns of it, and reads on
    caplog.set_level(logging.DEBUG, logger="pypdf")
    assert blocks(read_document(path)) == [(PARAGRAPH, 0, "Hello there.")]
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == logging.DEBUG  # the logger's level is given back


# Paragraphs of two to four lines, justified, their last lines about as long as the others: the lengths
# of the lines cannot tell where one ends, only the page's layout can.
LAYOUT_PARAGRAPHS = [
    "The ministers of the five lake countries met in the harbour city in June 2023 and signed a trade plan "
    "worth US$300 billion over the next ten years.",
    "Most of the money goes to ports and ferries. A development bank lends the rest at a rate below the "
    "market's, to be paid back over twenty-five years by the port fees and the ticket sales.",
    "Fishing quotas are shared from 2025. Each country keeps its own waters, but the catch of the five species "
    "that swim from one to another is counted once by a common office in the northern port.",
    "The ferries come first. Three routes link the five ports by 2026, with boats that run on batteries and "
    "charge at every quay along the five lake shores.",
    "Critics call the plan too costly. The finance ministers answer that its cost is spread over a decade and "
    "that the ports pay back most of it through their fees in the next fifteen years or so.",
    "The next meeting is in 2024, in the northern port, where the ministers will review the first year of the "
    "plan and the latest counts of the fish in all lakes.",
]
LAYOUT_PAGE = """<html lang="en"><head><style>
@page {{ size: {size}; margin: 1.5cm }} body {{ font-size: 10pt }} h1 {{ font-size: 16pt }}
.subtitle {{ font-size: 8.5pt }} p {{ {paragraph} }}
</style></head><body>{body}</body></html>"""


def page_lines(path: Path) -> list[list[str]]:
    """Return the lines of each page of a PDF as pypdf gives them."""
    return [page.extract_text().splitlines() for page in PdfReader(path).pages]


@pytest.mark.pdf
def test_pdf_blocks_are_the_paragraphs_the_page_sets_apart(tmp_path):
    body = (
        '<h1>The lakes forum</h1><p class="subtitle">A report on the meeting of June 2023</p>'
        "<p>Dear members of the forum,</p>" + "".join(f"<p>{paragraph}</p>" for paragraph in LAYOUT_PARAGRAPHS)
    )
    page = LAYOUT_PAGE.format(size="12cm 12cm", paragraph="margin: 0 0 1em; text-align: justify", body=body)
    path = write_pdf(tmp_path / "forum.pdf", page)
    first, second = page_lines(path)
    assert second[0].startswith("species that swim"), "the third paragraph should run across the page break"
    ends = [line for line in first + second if line.rstrip().endswith((".", ","))][:-1]
    assert min(len(line) for line in ends) > 0.85 * min(len(line) for line in first[3:] + second), (
        "the paragraphs' last lines should be about as long as the others"
    )
    document = read_document(path)
    assert blocks(document) == [
        (HEADING, 1, "The lakes forum"),
        (PARAGRAPH, 0, "A report on the meeting of June 2023"),
        (PARAGRAPH, 0, "Dear members of the forum,"),
        *((PARAGRAPH, 0, paragraph) for paragraph in LAYOUT_PARAGRAPHS),
    ]
    assert [block.line for block in document.blocks] == [1, 1, 1, 1, 1, 1, 2, 2, 2]


# Parts of a keynote speech, set as the speech's own page sets them, on a page as high as puts a page break
# after a sentence in the middle of the second paragraph of its enumeration.
SPEECH_TITLE = "Every Drop Counts: Water Security in a Warming World"
SPEECH_SUBTITLE = (
    "Keynote address by Dr Margaret Okafor, Director-General of the International Water Resources Agency "
    "(IWRA), at the opening of World Water Week, Stockholm, 26 August 2024"
)
SPEECH_PARAGRAPHS = [
    "Excellencies, distinguished guests, colleagues and friends,",
    "First, we must stop treating water as if it were free. Agriculture uses around 70% of the world’s freshwater "
    "withdrawals, yet in most countries farmers pay nothing for the water itself, only for the energy to pump it. "
    "Between 2000 and 2020, groundwater withdrawals for irrigation grew by 22%, and in parts of India and Pakistan "
    "water tables are falling by more than 1.5 metres a year. When a resource is free, it is wasted, and when it "
    "is wasted, the poorest are the first to go without.",
    "Pricing water does not have to hurt the poor. In Morocco, the national irrigation programme converted "
    "550,000 hectares to drip irrigation from 2008 to 2020, cutting water use per hectare by up to 40% while "
    "raising farm incomes. When the programme was reviewed in 2021, the World Bank found that small farmers had "
    "gained the most, because the subsidy for equipment covered nearly 100% of the cost for farms under 5 "
    "hectares. A price, in other words, can come with a hand. Jordan, one of the driest countries on earth, now "
    "reuses 93% of its treated wastewater in farming, up from 60% in 2005.",
    "Second, we must invest in the infrastructure we already have before we build new. Cities lose a staggering "
    "share of the water they treat. Non-revenue water, the water that leaks from pipes or is never billed, "
    "averages about 30% in low- and middle-income countries and costs utilities an estimated US$39 billion a "
    "year. Halving those losses would supply drinking water to 90 million more people without a single new dam.",
    "Third, we must treat data as infrastructure too. Today, fewer than one in five of the world’s river basins "
    "has a working network of gauges, and the number of hydrological stations reporting to the World "
    "Meteorological Organization (WMO) has fallen by about 15% since 1990. We cannot manage what we do not "
    "measure, and we cannot share fairly what we have not counted.",
    "Thank you.",
]
SPEECH_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>
@page {{ size: 210mm 190mm; margin: 25mm 22mm;
  @top-right {{ content: "Check against delivery"; font: italic 9pt serif; color: #555; }}
  @bottom-center {{ content: "IWRA · World Water Week 2024 · page " counter(page) " of " counter(pages);
                   font: 9pt serif; color: #555; }} }}
body {{ font: 11.5pt/1.5 serif; }}
.title {{ font-size: 20pt; font-weight: bold; margin: 0 0 4pt; }}
.sub {{ font-style: italic; margin: 0 0 18pt; }}
p {{ margin: 0 0 9pt; text-align: justify; hyphens: auto; }}
</style></head><body><p class="title">{title}</p><p class="sub">{subtitle}</p>{body}</body></html>"""


@pytest.mark.pdf
def test_a_speech_pdf_gives_its_title_subtitle_salutation_and_paragraphs(tmp_path):
    body = "".join(f"<p>{paragraph}</p>" for paragraph in SPEECH_PARAGRAPHS)
    path = write_pdf(tmp_path / "speech.pdf", SPEECH_PAGE.format(title=SPEECH_TITLE, subtitle=SPEECH_SUBTITLE,
                                                                 body=body))  # fmt: skip
    first, second = page_lines(path)
    broken = "the page should break after a sentence in the middle of the paragraph on pricing"
    assert first[-3].endswith("can come with a hand."), broken
    assert second[0].startswith("Jordan,"), broken
    document = read_document(path)
    assert document.title == SPEECH_TITLE
    assert blocks(document) == [
        (PARAGRAPH, 0, SPEECH_TITLE),
        (PARAGRAPH, 0, SPEECH_SUBTITLE),
        *((PARAGRAPH, 0, paragraph) for paragraph in SPEECH_PARAGRAPHS),
    ]
    parts = outline(document)  # the title, then the parts its "First, … Second, … Third, …" make
    assert (parts.title, parts.author) == (SPEECH_TITLE, "Margaret Okafor")  # from "Keynote address by Dr …"
    assert [block.text for block in parts.sections[0].blocks] == [SPEECH_PARAGRAPHS[0]]  # the byline taken out
    enumerated = [[block.text for block in section.blocks] for section in parts.sections if section.enumerated]
    assert [section[0].split(",")[0] for section in enumerated] == ["First", "Second", "Third"]
    assert enumerated[0] == SPEECH_PARAGRAPHS[1:3]


@pytest.mark.pdf
def test_pdf_paragraphs_set_apart_by_a_margin_only(tmp_path):
    body = (
        "<p>The forum met in June 2023.<br>Its ministers agreed on a trade plan worth US$300 billion over ten "
        "years.</p><p>Ferries come first.</p><p>Three routes link the five ports by 2026. Their boats run on "
        "batteries and charge at every quay.</p>"
    )
    path = write_pdf(tmp_path / "margins.pdf", LAYOUT_PAGE.format(size="12cm 12cm", paragraph="margin: 0 0 0.8em",
                                                                  body=body))  # fmt: skip
    assert page_lines(path)[0][0] == "The forum met in June 2023."
    assert blocks(read_document(path)) == [
        (PARAGRAPH, 0, "The forum met in June 2023. Its ministers agreed on a trade plan worth US$300 billion over "
         "ten years."),  # a short line that ends a sentence, and no gap after it: the paragraph goes on
        (PARAGRAPH, 0, "Ferries come first."),
        (PARAGRAPH, 0, "Three routes link the five ports by 2026. Their boats run on batteries and charge at every "
         "quay."),
    ]  # fmt: skip


@pytest.mark.pdf
def test_pdf_paragraphs_set_apart_by_a_first_line_indent_only(tmp_path):
    body = "".join(f"<p>{paragraph}</p>" for paragraph in LAYOUT_PARAGRAPHS).replace("ferries. A", "ferries.<br>A")
    page = LAYOUT_PAGE.format(size="11cm 6.5cm", paragraph="margin: 0; text-indent: 2em; text-align: justify",
                              body=body)  # fmt: skip
    path = write_pdf(tmp_path / "indents.pdf", page)
    pages = page_lines(path)
    assert [page[0][:10] for page in pages[1:4]] == ["A developm", "to  anothe", "Critics  c"], (
        "a paragraph should go on after a sentence at the foot of page 1, another start at the head of page 4"
    )
    document = read_document(path)
    assert blocks(document) == [(PARAGRAPH, 0, paragraph) for paragraph in LAYOUT_PARAGRAPHS]
    assert [block.line for block in document.blocks] == [1, 1, 2, 3, 4, 4]


@pytest.mark.pdf
def test_pdf_list_markers_drawn_apart_from_their_items_start_them(tmp_path):
    body = (
        "<p>The plan has parts:</p><ul><li>New ferry routes between the five ports, with boats that run on "
        "batteries.</li><li>A common fishing quota.</li></ul><ol><li>Ports first.</li><li>Then the ferries, which "
        "are long enough to wrap onto a second line.</li></ol><p>After the lists.</p>"
    )
    path = write_pdf(tmp_path / "lists.pdf", LAYOUT_PAGE.format(size="12cm 12cm", paragraph="", body=body))
    assert page_lines(path)[0][-4:] == ["• ", "• ", "1. ", "2. "], "WeasyPrint should draw the markers last"
    assert blocks(read_document(path)) == [
        (PARAGRAPH, 0, "The plan has parts:"),
        (ITEM, 0, "New ferry routes between the five ports, with boats that run on batteries."),
        (ITEM, 0, "A common fishing quota."),
        (ITEM, 0, "1. Ports first."),
        (ITEM, 0, "2. Then the ferries, which are long enough to wrap onto a second line."),
        (PARAGRAPH, 0, "After the lists."),
    ]


@pytest.mark.pdf
def test_pdf_lines_without_places_are_joined_by_their_lengths(tmp_path, monkeypatch):
    def without_places(page, *args, visitor_text=None, **kwargs):  # pypdf tells no place of any run
        return original(page, *args, **kwargs)

    original = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text", without_places)
    plan = "Its ministers agreed on a trade plan worth US$300 billion over ten years."
    body = f"<p>The forum met in June 2023.<br>{plan}</p><p>Ferries come first.</p><p>{LAYOUT_PARAGRAPHS[0]}</p>"
    path = write_pdf(tmp_path / "plain.pdf", LAYOUT_PAGE.format(size="12cm 12cm", paragraph="", body=body))
    assert blocks(read_document(path)) == [
        (PARAGRAPH, 0, "The forum met in June 2023."),  # a short line that ends a sentence ends a paragraph
        (PARAGRAPH, 0, plan),
        (PARAGRAPH, 0, "Ferries come first."),
        (PARAGRAPH, 0, LAYOUT_PARAGRAPHS[0]),
    ]


# --- DOCX -------------------------------------------------------------------


def add_outline_level(properties, level: int) -> None:
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    properties.append(element)


def make_docx(path: Path) -> Path:
    """Write a Word document with a title, headings of built-in and translated styles, lists and a table."""
    document = docx.Document()
    styles = document.styles
    translated = styles.add_style("Überschrift 2", WD_STYLE_TYPE.PARAGRAPH)
    translated.base_style = styles["Heading 2"]
    outlined = styles.add_style("Titre de section", WD_STYLE_TYPE.PARAGRAPH)
    add_outline_level(outlined.element.get_or_add_pPr(), 2)
    document.add_paragraph("The lakes forum", style="Title")
    document.add_heading("Trade", level=1)
    document.add_paragraph("The plan is worth US$300 billion over ten years.")
    document.add_paragraph("")
    document.add_heading("Fisheries", level=2)
    document.add_paragraph("New ferry routes", style="List Bullet")
    document.add_paragraph("A common quota from 2025", style="List Number")
    numbered = document.add_paragraph("A numbered paragraph")
    numbering = OxmlElement("w:numPr")
    number = OxmlElement("w:numId")
    number.set(qn("w:val"), "1")
    numbering.append(number)
    numbered._p.get_or_add_pPr().append(numbering)
    document.add_paragraph("Ferries", style="Überschrift 2")
    document.add_paragraph("Shore power", style="Titre de section")
    marked = document.add_paragraph("Marked as a heading by its own outline level")
    add_outline_level(marked._p.get_or_add_pPr(), 0)
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ["Year", "Value", "2023", "US$ 300 billion"], strict=True):
        cell.text = text
    document.add_paragraph("After the   table, in 2024.")
    document.save(path)
    return path


def test_docx_gives_its_title_headings_items_and_tables(tmp_path):
    document = read_document(make_docx(tmp_path / "report.docx"))
    assert (document.format, document.title) == ("docx", "The lakes forum")
    assert blocks(document) == [
        (HEADING, 1, "Trade"),
        (PARAGRAPH, 0, "The plan is worth US$300 billion over ten years."),
        (HEADING, 2, "Fisheries"),
        (ITEM, 0, "New ferry routes"),
        (ITEM, 0, "A common quota from 2025"),
        (ITEM, 0, "A numbered paragraph"),
        (HEADING, 2, "Ferries"),
        (HEADING, 3, "Shore power"),
        (HEADING, 1, "Marked as a heading by its own outline level"),
        (PARAGRAPH, 0, "Year"),
        (PARAGRAPH, 0, "Value"),
        (PARAGRAPH, 0, "2023"),
        (PARAGRAPH, 0, "US$ 300 billion"),
        (PARAGRAPH, 0, "After the table, in 2024."),
    ]
    assert {block.line for block in document.blocks} == {0}


def test_docx_title_falls_back_on_its_properties(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Report of the forum"
    document.add_heading("Trade", level=1)
    document.save(tmp_path / "report.docx")
    assert read_document(tmp_path / "report.docx").title == "Report of the forum"


@pytest.mark.parametrize("content", [b"PK\x03\x04 not a zip at all", b"", "zip without a document"])
def test_damaged_docx_is_an_error(tmp_path, content):
    path = tmp_path / "report.docx"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
    assert error_of(path) == f"{path}: cannot read it as DOCX: the file is damaged"


# --- formats told by content, and errors ------------------------------------


def test_the_suffixes_read():
    assert SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


@pytest.mark.pdf
def test_a_file_without_a_known_suffix_is_known_by_its_content(tmp_path, report_pdf):
    cases = {
        "report": report_pdf.read_bytes(),
        "report.bin": make_docx(tmp_path / "made.docx").read_bytes(),
        "page.xhtml": ARTICLE_PAGE.encode(),
        "page.asp": b"  <HTML><body><p>A page.</p></body></HTML>",
        "README": "\ufeffPlain text, US$300 billion.".encode(),
    }
    formats = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        formats[name] = read_document(tmp_path / name).format
    assert formats == {"report": "pdf", "report.bin": "docx", "page.xhtml": "html", "page.asp": "html",
                       "README": "text"}  # fmt: skip
    assert read_document(tmp_path / "README").text == "Plain text, US$300 billion."


def test_upper_case_suffix_is_known(tmp_path):
    (tmp_path / "NOTES.MD").write_text("# Upper case\n\nA suffix in capitals.", encoding="utf-8")
    document = read_document(tmp_path / "NOTES.MD")
    assert (document.format, document.title) == ("markdown", "Upper case")


def test_missing_file_and_folder_are_errors(tmp_path):
    missing, folder = tmp_path / "nowhere.pdf", tmp_path / "folder.md"
    assert error_of(missing) == f"{missing}: cannot read it: No such file or directory"
    folder.mkdir()
    assert error_of(folder) == f"{folder}: cannot read it: Is a directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="a file's mode does not stop root")
def test_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Hidden.", encoding="utf-8")
    path.chmod(0)
    try:
        assert error_of(path) == f"{path}: cannot read it: Permission denied"
    finally:
        path.chmod(0o644)


def test_unknown_formats_are_errors(tmp_path):
    spreadsheet = tmp_path / "figures.xlsx"
    with zipfile.ZipFile(spreadsheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    picture = tmp_path / "chart.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    junk = tmp_path / "junk"
    junk.write_bytes(bytes(range(256)))
    nul = tmp_path / "nul.dat"
    nul.write_bytes(b"text\x00with a NUL")
    for path in (spreadsheet, picture, junk, nul):
        assert error_of(path) == f"{path}: unknown format: briefpress reads .txt, .md, .html, .pdf and .docx files"


@pytest.mark.parametrize("name", ["latin1.txt", "latin1.md", "latin1.html", "latin1"])
def test_text_not_utf8_is_an_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes("<p>Relações: US$ 411,25 bilhões</p>".encode("latin-1"))
    expected = "unknown format: briefpress reads .txt, .md, .html, .pdf and .docx files"  # no suffix: not text
    if "." in name:
        expected = "the text is not UTF-8: save it as UTF-8 and try again"
    assert error_of(path) == f"{path}: {expected}"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", ""),
        ("blank.txt", " \n\n\t\n"),
        ("marks.md", "#\n\n---\n"),
        ("empty.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        ("nothing.htm", ""),
    ],
)
def test_a_document_without_text_is_an_error(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert error_of(tmp_path / name) == f"{tmp_path / name}: there is no text in it"


def test_an_empty_docx_is_an_error(tmp_path):
    docx.Document().save(tmp_path / "empty.docx")
    assert error_of(tmp_path / "empty.docx") == f"{tmp_path / 'empty.docx'}: there is no text in it"


# --- the fact check reads every format ----------------------------------------


@pytest.mark.pdf
def test_the_fact_check_finds_a_figure_in_a_pdf(report_pdf):
    assert read_source([report_pdf], "en").has_figure(US300)


@pytest.mark.usefixtures("offline")
def test_the_fact_check_finds_a_figure_in_a_web_page(tmp_path):
    (tmp_path / "article.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    source = read_source([tmp_path / "article.html"], "en")
    assert source.has_figure(US300)
    assert source.has_quotation("the largest such plan in the region's history")
    assert not source.has_quotation("Storm closes the northern ferry")


def test_the_fact_check_finds_a_figure_in_a_word_document(tmp_path):
    assert read_source([make_docx(tmp_path / "report.docx")], "en").has_figure(US300)


def test_the_fact_check_finds_a_figure_in_markdown_and_text(tmp_path):
    (tmp_path / "report.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Trade of US$300\nbillion.\n", encoding="utf-8")
    assert read_source([tmp_path / "report.md"], "en").has_figure(US300)
    assert read_source([tmp_path / "notes.txt"], "en").has_figure(US300)  # a figure over two lines


def forum_article_as(path: Path) -> Path:
    """Write the forum's invented article in the format of ``path``'s suffix, its paragraphs as they are."""
    paragraphs = [" ".join(text.split()) for text in FORUM_ARTICLE.read_text(encoding="utf-8").split("\n\n")]
    if path.suffix == ".docx":
        document = docx.Document()
        for text in filter(None, paragraphs):
            document.add_paragraph(text)
        document.save(path)
        return path
    body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs if text)
    page = (
        "<html lang='en'><head><title>The forum</title><style>@page { size: A5; @bottom-center { content: "
        "counter(page) } } body { hyphens: auto }</style></head><body><nav><a href='/'>Home</a> <a href='/x'>"
        f"Other news</a></nav><article>{body}</article><footer>Copyright 2023</footer></body></html>"
    )
    if path.suffix == ".pdf":
        return write_pdf(path, page)
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.pdf
@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("name", ["article.pdf", "article.html", "article.docx"])
def test_the_forum_briefing_checks_against_its_article_in_every_format(tmp_path, forum_briefing, name):
    source = read_source([forum_article_as(tmp_path / name)], source_language(forum_briefing))
    report = fact_check(forum_briefing, source)
    assert (report.figures, report.quotations) == (53, 6)
    assert [str(problem) for problem in report.missing] == []


@pytest.mark.pdf
def test_sources_of_every_format_are_read_together_in_order(tmp_path, report_pdf):
    (tmp_path / "article.HTML").write_text(ARTICLE_PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Notes of the meeting.", encoding="utf-8")
    files = [report_pdf, make_docx(tmp_path / "report.docx"), tmp_path / "article.HTML", tmp_path / "notes.txt"]
    source = read_source(files, "en")
    quoted = ["the largest plan of its kind", "a common quota from 2025", "the largest such plan in the region",
              "notes of the meeting"]  # fmt: skip
    assert all(source.has_quotation(text) for text in quoted)
    assert [source.text.index(text) for text in quoted] == sorted(source.text.index(text) for text in quoted)


def test_a_source_error_is_one_line_in_the_fact_check(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\nbroken")
    with pytest.raises(BriefpressError) as raised:
        read_source([path], "en")
    assert raised.value.lines() == [f"{path}: cannot read it as PDF: the file is damaged"]
