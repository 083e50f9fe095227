"""What a reader sees on the built pages: no text over other text, nothing over the running
header or footer, no heading left alone at the foot of a page.

The checks read the PDFs back with poppler's ``pdftotext -bbox-layout`` (word boxes, page by
page), not WeasyPrint's layout, so they see what a reader's viewer draws.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

MM = 72 / 25.4
# The page margins each layout declares (styles/layouts/*.css), top and bottom, in mm: the running
# header sits in the top one and the page number in the bottom one.
MARGINS = {"sheet": (9, 8), "brief": (22, 20), "handout": (17, 15)}
# Word boxes include the font's ascent and descent; their middle 60 % is where the ink is, so
# lines set close together (tall CJK boxes) touch without overprinting.
INK = 0.6

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int  # which line of the page the word is on

    def ink(self) -> tuple[float, float, float, float]:
        trim = (self.y1 - self.y0) * (1 - INK) / 2
        return self.x0, self.y0 + trim, self.x1, self.y1 - trim

    def __str__(self) -> str:
        return f"{self.text!r} at ({self.x0:.0f}, {self.y0:.0f})"


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    words: list[Word]


def read_pages(pdf: Path) -> list[Page]:
    """Return every page of ``pdf`` with its words, as ``pdftotext -bbox-layout`` finds them."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", out.stdout).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    pages = []
    for number, page in enumerate(ET.fromstring(xhtml).iter("page"), 1):
        words = [
            Word(word.text or "", *(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), line)
            for line, line_element in enumerate(page.iter("line"))
            for word in line_element.iter("word")
        ]
        pages.append(Page(number, float(page.get("height")), words))
    return pages


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def overprinted(page: Page) -> list[str]:
    """Pairs of words on different lines whose ink overlaps."""
    found = []
    boxes = sorted(((w.ink(), w) for w in page.words), key=lambda item: item[0][1])
    for i, (box, word) in enumerate(boxes):
        for other_box, other in boxes[i + 1:]:
            if other_box[1] >= box[3]:
                break
            if other.line != word.line and overlaps(box, other_box):
                found.append(f"page {page.number}: {word} and {other} overlap")
    return found


def in_margins(page: Page, layout: str) -> list[str]:
    """Words in the top or bottom margin besides its one line (running header, page number), or reaching into it."""
    top, bottom = (m * MM for m in MARGINS[layout])
    found = []
    for band, start, end in (("top", 0, top), ("bottom", page.height - bottom, page.height)):
        words = [w for w in page.words if w.ink()[1] < end and w.ink()[3] > start]
        lines = {round((w.y0 + w.y1) / 2) for w in words}
        straddling = [w for w in words if w.ink()[1] < start or w.ink()[3] > end]
        if len(lines) > 1 or straddling:
            found.append(f"page {page.number}: {band} margin holds " + ", ".join(map(str, straddling or words)))
    return found


def headings(html_file: Path) -> list[str]:
    """The text of each h2 and h3 of the HTML the PDF was made from, white space made single spaces."""
    source = html_file.read_text(encoding="utf-8")
    texts = re.findall(r"<h([23])\b[^>]*>(.*?)</h\1>", source, flags=re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()) for _, text in texts]


def stranded_headings(page: Page, layout: str, titles: list[str]) -> list[str]:
    """A heading that is the last text above the page's bottom margin."""
    bottom = page.height - MARGINS[layout][1] * MM
    body = [w for w in page.words if w.ink()[3] <= bottom]
    if not body:
        return []
    lowest = max(body, key=lambda w: w.y1)
    last_line = lowest.line
    # A contents entry ends its row with a page number, which may sit on a line of its own.
    if any(w.text.isdigit() and abs(w.y1 - lowest.y1) < 3 for w in body):
        return []
    # The heading may take two lines: compare the page's last lines with each heading's end.
    lines = sorted({w.line for w in body})
    tail = " ".join(w.text for w in body if w.line in lines[-3:] and w.line >= last_line - 2)
    last = " ".join(w.text for w in body if w.line == last_line)
    for title in titles:
        if title and ((title.endswith(last) and tail.endswith(title)) or title == last):
            return [f"page {page.number} ends with the heading {title!r}"]
    return []


def defects(pdf: Path) -> list[str]:
    layout = pdf.name.split("-")[0]
    titles = headings(pdf.with_suffix(".html")) if pdf.with_suffix(".html").exists() else []
    found = []
    for page in read_pages(pdf):
        found += overprinted(page)
        found += in_margins(page, layout)
        found += stranded_headings(page, layout, titles)
    return found


def reading_copies(dist: Path) -> list[Path]:
    """Every PDF a reader reads page by page (the imposed booklets are those pages, two to a side)."""
    return sorted(pdf for pdf in dist.glob("*/*.pdf") if not pdf.stem.endswith("-booklet"))


# --- the sample's default matrix -----------------------------------------------------------------


@pytest.fixture(scope="module")
def found(built) -> dict[str, list[str]]:
    """Every defect of every reading copy of the default matrix, by PDF (language/file name)."""
    pdfs = reading_copies(built.everything())
    assert len(pdfs) == 72
    return {f"{pdf.parent.name}/{pdf.name}": defects(pdf) for pdf in pdfs}


def report(found: dict[str, list[str]], kind: str) -> list[str]:
    return [f"{name}: {d}" for name, ds in found.items() for d in ds if kind in d]


def test_no_text_is_printed_over_other_text(found):
    lines = report(found, "overlap")
    files = {line.split(":")[0] for line in lines}
    assert not lines, f"{len(files)} PDFs print text over text:\n" + "\n".join(lines[:30])


def test_nothing_reaches_into_the_running_header_or_footer(found):
    lines = report(found, "margin")
    assert not lines, "\n".join(lines[:30])


def test_no_page_ends_with_a_heading(found):
    lines = report(found, "heading")
    assert not lines, "\n".join(lines[:30])


def last_page_fill(pdf: Path, layout: str) -> tuple[int, float]:
    """Return how many pages ``pdf`` has and how far down its last page the text runs, above the footer."""
    pages = read_pages(pdf)
    bottom = pages[-1].height - MARGINS[layout][1] * MM
    lowest = max(w.y1 for w in pages[-1].words if w.y1 <= bottom)
    return len(pages), lowest / bottom


@pytest.mark.parametrize("lang", ["en", "es", "pt-BR"])
@pytest.mark.parametrize("style", ["formal", "modern"])
def test_a_brief_does_not_end_on_a_page_it_could_have_saved(built, lang, style):
    """At scale 1 these briefs ran to a fifth page a quarter to a half full; a type 5-8 % smaller holds them in four."""
    pages, fill = last_page_fill(built.file(lang, f"brief-{style}-a4.pdf"), "brief")
    assert pages == 4
    assert fill > 0.6
    scale = float(re.search(r"--fit-scale: ([\d.]+)", built.file(lang, f"brief-{style}-a4.html").read_text())[1])
    assert 0.92 <= scale <= 1.0  # the brief's --fit-tighten: body text at 9.2 pt or more


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_handout_ends_a_booklet_sheet_sooner_when_a_smaller_type_can(built, lang):
    """Nine A5 pages made a booklet of three sheets, the last with three blank pages; eight make two."""
    pages, _fill = last_page_fill(built.file(lang, "handout-modern-a4.pdf"), "handout")
    assert pages == 8
    assert len(PdfReader(built.file(lang, "handout-modern-a4-booklet.pdf")).pages) == 4  # two sheets, both sides
