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
    """Words that reach into the top or bottom margin without being its one line (header, footer)."""
    top, bottom = (m * MM for m in MARGINS[layout])
    found = []
    for band, inside in (("top", lambda b: b[1] < top), ("bottom", lambda b: b[3] > page.height - bottom)):
        words = [w for w in page.words if inside(w.ink())]
        # A running header or footer is one line; anything else there was pushed or drawn into the margin.
        lines = {round((w.y0 + w.y1) / 2) for w in words}
        straddling = [w for w in words if not (w.ink()[3] <= top if band == "top" else w.ink()[1] >= page.height - bottom)]
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
    last_line = max(body, key=lambda w: w.y1).line
    # The heading may take two lines: compare the page's last lines with each heading's end.
    lines = sorted({w.line for w in body})
    tail = " ".join(w.text for w in body if w.line in lines[-3:] and w.line >= last_line - 2)
    last = " ".join(w.text for w in body if w.line == last_line)
    for title in titles:
        if title and (title.endswith(last) and tail.endswith(title) or title == last):
            return [f"page {page.number} ends with the heading {title!r}"]
    return []


def defects(pdf: Path) -> list[str]:
    layout = pdf.name.split("-")[0]
    titles = headings(pdf.with_suffix(".html")) if pdf.with_suffix(".html").exists() else []
    found = []
    for page in read_pages(pdf):
        found += overprinted(page)
        if page.number > 1 or layout == "sheet":
            found += in_margins(page, layout)
        found += stranded_headings(page, layout, titles)
    return found


def reading_copies(dist: Path) -> list[Path]:
    """Every PDF a reader reads page by page (the imposed booklets are those pages, two to a side)."""
    return sorted(pdf for pdf in dist.glob("*/*.pdf") if not pdf.stem.endswith("-booklet"))


# --- the sample's default matrix -----------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix(built) -> list[Path]:
    pdfs = reading_copies(built.everything())
    assert len(pdfs) == 72
    return pdfs


def test_no_text_is_printed_over_other_text(matrix):
    found = {pdf: [d for d in defects(pdf) if "overlap" in d] for pdf in matrix}
    report = [f"{pdf.parent.name}/{pdf.name}: {d}" for pdf, ds in found.items() for d in ds]
    assert not report, f"{len({p for p, d in found.items() if d})} PDFs overprint:\n" + "\n".join(report[:40])


def test_nothing_reaches_into_the_running_header_or_footer(matrix):
    report = [f"{pdf.parent.name}/{pdf.name}: {d}" for pdf in matrix for d in defects(pdf) if "margin" in d]
    assert not report, "\n".join(report[:40])


def test_no_page_ends_with_a_heading(matrix):
    report = [f"{pdf.parent.name}/{pdf.name}: {d}" for pdf in matrix for d in defects(pdf) if "heading" in d]
    assert not report, "\n".join(report[:40])
