"""A PDF's text layer, its lines rebuilt into paragraphs, its bookmarked headings found again.

pypdf gives a page's text line by line, as it is set; the reader here joins the lines
of each paragraph back together, joins the words hyphenated at a line's end, and drops
the running headers, footers and page numbers that repeat from page to page.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from briefpress.errors import BriefpressError
from briefpress.sources.document import Block, BlockKind, Document
from briefpress.sources.text import collapsed

# What may end a paragraph's last line, and the bullets that start a list item.
_ENDS = frozenset('.!?:”)"»。！？）」』')
_BULLETS = frozenset("•◦▪▫‣●○■□⁃∙")
_DASHES = frozenset("-–—*")
_HYPHENS = frozenset("-\u2010")
_SOFT_HYPHEN = "\u00ad"
# A line no more than a page number: "7", "- 7 -", "Page 7", "7 / 12", "page 7 of 12".
_PAGE_NUMBER = re.compile(r"[-–—\s]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*", re.IGNORECASE)
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# Running headers and footers are looked for among the first and last lines of each page.
_EDGE = 3
# A paragraph's last line is clearly shorter than the page's usual line: under this share of the median.
_SHORT = 0.85
# A heading set over up to this many lines is still found by its bookmark.
_HEADING_LINES = 3


class _UnreadableError(Exception):
    """The PDF cannot be opened: it is damaged, or encrypted with a password."""


@dataclass(frozen=True)
class _Line:
    text: str  # empty for an empty line
    page: int  # 1-based
    usual: float  # the median length of its page's lines


# An outline title (whitespace and case folded) -> (page or 0 unknown, level) of each bookmark with that title.
_Outline = dict[str, list[tuple[int, int]]]


def read_pdf(path: Path, data: bytes) -> Document:
    """Return the document of a PDF: its paragraphs, its bookmarked headings, its metadata title.

    Raise BriefpressError for a damaged or encrypted PDF, and for one with no text layer.
    """
    try:
        pages, title, outline = _read(data)
    except _UnreadableError:
        raise BriefpressError(f"{path}: cannot read it as PDF: the file is damaged or encrypted") from None
    if not any(char.isalpha() for page in pages for char in page):
        raise BriefpressError(
            f"{path}: the PDF has no text layer (a scanned document?): run it through OCR first, "
            "or give the text as a .txt file"
        )
    return Document(path, "pdf", title, tuple(_blocks(_body_lines(pages), outline)))


def _read(data: bytes) -> tuple[list[str], str | None, _Outline]:
    """Return the text of each page, the metadata title and the outline; raise _UnreadableError if pypdf cannot."""
    with _quiet():
        try:
            reader = PdfReader(io.BytesIO(data))
            if (reader.is_encrypted and not reader.decrypt("")) or not reader.pages:
                raise _UnreadableError
            pages = [(page.extract_text() or "").translate(_LIGATURES) for page in reader.pages]
        except Exception:  # pypdf raises many kinds of error for a damaged file, none of them a user's to read
            raise _UnreadableError from None
        return pages, _title(reader), _outline(reader)


def _title(reader: PdfReader) -> str | None:
    """Return the title in the PDF's metadata, or None if it has none."""
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a damaged information dictionary: the document has no title
        return None
    if not isinstance(title, str):
        return None
    return collapsed(title) or None


def _outline(reader: PdfReader) -> _Outline:
    """Return the PDF's bookmarks by title, each with its page and level (1 for the top ones)."""
    found: _Outline = {}

    def walk(entries: list[Any], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):  # the children of the entry before it
                walk(entry, level + 1)
            elif isinstance(getattr(entry, "title", None), str):
                try:
                    page = reader.get_destination_page_number(entry)
                except Exception:  # a bookmark to no page: matched on any page
                    page = None
                number = page + 1 if page is not None and page >= 0 else 0
                found.setdefault(_key(entry.title), []).append((number, level))

    try:
        walk(reader.outline, 1)
    except Exception:  # a damaged outline: no heading is recognised
        return {}
    return found


def _body_lines(pages: list[str]) -> list[_Line]:
    """Return the lines of every page in order, without running headers, footers and page numbers.

    A running header or footer is one of the first or last lines of a page that recurs,
    digits aside, among them on at least half the pages (and on two at least); a page
    number is such a line that is no more than a number. A line of nothing but bullets
    (drawn apart from their items' text) is left out too.
    """
    lines = [[line.strip() for line in page.splitlines() if not _only_bullets(line)] for page in pages]
    edges = [_edge_lines(page) for page in lines]
    counts = Counter(key for page, edge in zip(lines, edges, strict=True) for key in {_running(page[i]) for i in edge})
    running = {key for key, count in counts.items() if key and count >= max(2, (len(pages) + 1) // 2)}
    body: list[_Line] = []
    for number, (page, edge) in enumerate(zip(lines, edges, strict=True), start=1):
        kept = [
            line
            for i, line in enumerate(page)
            if i not in edge or not (_running(line) in running or _PAGE_NUMBER.fullmatch(line))
        ]
        lengths = [len(line) for line in kept if line]
        usual = statistics.median(lengths) if lengths else 0.0
        body += [_Line(line, number, usual) for line in kept]
    return body


def _blocks(lines: list[_Line], outline: _Outline) -> Iterator[Block]:
    """Yield the paragraphs, list items and headings the lines make."""
    text, page = "", 0
    previous: _Line | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _heading(lines, i, outline)
        if not line.text or heading or (previous and _ends_paragraph(previous, line)):
            if text:
                yield _paragraph(text, page)
            text, previous = "", None
        if heading:
            level, count = heading
            yield Block(BlockKind.HEADING, collapsed(" ".join(x.text for x in lines[i : i + count])), level, line.page)
            i += count
            continue
        if line.text:
            if not text:
                page = line.page
            text = _joined(text, line.text)
            previous = line
        i += 1
    if text:
        yield _paragraph(text, page)


def _heading(lines: list[_Line], start: int, outline: _Outline) -> tuple[int, int] | None:
    """Return the level and the line count of the bookmarked heading set from line ``start``, or None."""
    for count in range(1, _HEADING_LINES + 1):
        run = lines[start : start + count]
        if len(run) < count or not all(line.text and line.page == run[0].page for line in run):
            return None
        for page, level in outline.get(_key("".join(line.text for line in run)), []):
            if page in (0, run[0].page):
                return level, count
    return None


def _ends_paragraph(previous: _Line, line: _Line) -> bool:
    """Return whether ``line`` starts a new paragraph after ``previous``.

    It does after a line that ends a sentence, if it starts like a sentence (a capital,
    a digit, a bullet, an ideograph) and the line before is clearly shorter than its
    page's usual line; across a page break the length is not asked. A bullet always
    starts a list item.
    """
    first = line.text[0]
    if first in _BULLETS:
        return True
    ends = previous.text[-1] in _ENDS
    starts = first.isupper() or first.isdigit() or first in _DASHES or bool(_CJK.match(first))
    if previous.page != line.page:
        return ends and starts
    return ends and starts and len(previous.text) < _SHORT * previous.usual


def _joined(text: str, line: str) -> str:
    """Return the paragraph ``text`` with ``line`` after it: a word hyphenated at the line's end made whole."""
    if not text:
        return line
    if text.endswith(_SOFT_HYPHEN):
        return text[:-1] + line
    if text[-1] in _HYPHENS and len(text) > 1 and text[-2].isalpha():
        return text[:-1] + line if line[0].islower() else text + line
    if _CJK.match(text[-1]) or _CJK.match(line[0]):
        return text + line
    return f"{text} {line}"


def _paragraph(text: str, page: int) -> Block:
    """Return a paragraph, or a list item if it starts with a bullet (the bullet left out)."""
    if text[0] in _BULLETS:
        return Block(BlockKind.ITEM, collapsed(text[1:]), line=page)
    return Block(BlockKind.PARAGRAPH, collapsed(text), line=page)


def _edge_lines(page: list[str]) -> set[int]:
    """Return the indexes of a page's first and last few non-empty lines."""
    filled = [i for i, line in enumerate(page) if line]
    return set(filled[:_EDGE] + filled[-_EDGE:])


def _running(line: str) -> str:
    """Return what a running header or footer keeps from page to page: the line without its digits."""
    return collapsed(re.sub(r"\d+", "", line))


def _only_bullets(line: str) -> bool:
    return bool(line.strip()) and all(char in _BULLETS or char.isspace() for char in line)


def _key(title: str) -> str:
    """Return a heading's text as a bookmark is matched: without whitespace, case folded."""
    return "".join(title.split()).casefold()


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence what pypdf logs and warns about a file it can read all the same."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
