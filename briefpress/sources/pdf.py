"""A PDF's text layer, its lines rebuilt into paragraphs, its bookmarked headings found again.

pypdf gives a page's text line by line, as it is set, and tells where each run of text
is set and in what size. The reader here joins the lines of each paragraph back
together: a block ends where the page shows it (a gap between two lines wider than the
usual line spacing, a first line indented, a change of type size) or, where the layout
does not mark the paragraphs or pypdf tells no places, after a short line that ends a
sentence. It joins the words hyphenated at a line's end, and drops the running headers,
footers and page numbers that repeat from page to page.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader

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
# A list's number as it is drawn apart from its item's text ("1.", "iv)", "b."), and a line opening with one.
_MARKER = re.compile(r"(?:\d{1,3}|[ivxlcIVXLC]{1,6}|[a-zA-Z])[.)]")
_NUMBERED = re.compile(r"(?:\d{1,3}|[IVXLC]{1,6})[.)]\s")
# Running headers and footers are looked for among the first and last lines of each page.
_EDGE = 3
# A paragraph's last line is clearly shorter than the page's usual line: under this share of the median.
_SHORT = 0.85
# A heading set over up to this many lines is still found by its bookmark.
_HEADING_LINES = 3
# Where pypdf tells each line's place: a gap between two lines' baselines over this many times the usual
# spacing starts a new block.
_GAP = 1.3
# Two baselines closer than this share of the type size are not two lines one under the other (a superscript
# pypdf gives a line of its own, the cells of a table's row, the top of a column after the foot of another).
_CLOSE = 0.5
# Two type sizes differ when one is more than this many times the other.
_SIZES = 1.08
# A line is indented when it starts more than this share of its type size right of its page's left edge.
_INDENT = 0.5
# A page's left edge is where this share of its lines start, at least: a line set out into the margin is not.
_EDGE_SHARE = 0.1
# A list marker drawn apart from its item is on the item's baseline: no further from it than this share of the size.
_BASELINE = 0.2


class _UnreadableError(Exception):
    """The PDF cannot be opened: it is damaged, or encrypted with a password."""


class _LockedError(_UnreadableError):
    """The PDF is encrypted with a password it takes to open it."""


@dataclass(frozen=True)
class _Place:
    """Where a line is set: where it starts and its baseline, in points up from the page's foot; its type size."""

    x: float
    y: float
    size: float


@dataclass(frozen=True)
class _Line:
    text: str  # empty for an empty line
    page: int  # 1-based
    usual: float  # the median length of its page's lines
    place: _Place | None = None  # None where pypdf does not tell it


@dataclass(frozen=True)
class _Layout:
    """How the document's lines are set, as far as their places tell."""

    spacing: float = 0.0  # the usual distance from a line's baseline to the next one's, in type sizes; 0 unknown
    edges: dict[int, float] = field(default_factory=dict)  # each page's left edge: where most of its lines start
    marked: bool = False  # whether gaps or indents mark the paragraphs, so that the line lengths are not asked
    indented: bool = False  # whether paragraphs start with an indent rather than after a gap


# A page's lines, each with its place where pypdf tells it.
_Page = list[tuple[str, _Place | None]]
# An outline title (whitespace and case folded) -> (page or 0 unknown, level) of each bookmark with that title.
_Outline = dict[str, list[tuple[int, int]]]


def read_pdf(path: Path, data: bytes) -> Document:
    """Return the document of a PDF: its paragraphs, its bookmarked headings, its metadata title.

    Raise BriefpressError for a damaged PDF, one locked by a password, and one with no text layer.
    """
    try:
        pages, title, outline = _read(data)
    except _LockedError:
        raise BriefpressError(f"{path}: the PDF is protected by a password: save a copy without one") from None
    except _UnreadableError:
        raise BriefpressError(f"{path}: cannot read it as PDF: the file is damaged") from None
    if not any(char.isalpha() for page in pages for text, _ in page for char in text):
        raise BriefpressError(
            f"{path}: the PDF has no text layer (a scanned document?): run it through OCR first, "
            "or give the text as a .txt file"
        )
    lines = _body_lines(pages)
    return Document(path, "pdf", title, tuple(_blocks(lines, outline, _layout(lines))))


def _read(data: bytes) -> tuple[list[_Page], str | None, _Outline]:
    """Return the lines of each page, the metadata title and the outline; raise _UnreadableError if pypdf cannot."""
    with _quiet():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise _LockedError
            if not reader.pages:
                raise _UnreadableError
            pages = [_page_lines(page) for page in reader.pages]
        except _LockedError:
            raise
        except Exception:  # pypdf raises many kinds of error for a damaged file, none of them a user's to read
            raise _UnreadableError from None
        return pages, _title(reader), _outline(reader)


def _page_lines(page: PageObject) -> _Page:
    """Return the lines of a page's text, each with its place as the runs of text pypdf reports tell it.

    If the runs do not make up the page's text exactly, no line of the page is placed.
    """
    starts: list[int] = []  # where each run starts in the page's text
    places: list[_Place | None] = []
    runs: list[str] = []

    def visit(text: Any, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if isinstance(text, str) and text:
            starts.append(starts[-1] + len(runs[-1]) if runs else 0)
            places.append(_place(cm, tm, size))
            runs.append(text)

    text = page.extract_text(visitor_text=visit) or ""
    placed = "".join(runs) == text
    firsts = [_first_shown(run) for run in runs]  # where each run shows its first character, -1 for none
    lines: _Page = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        end = offset + len(raw)
        place = _line_place(text, offset, end, starts, firsts, places) if placed else None
        lines.append(((raw.splitlines() or [""])[0].translate(_LIGATURES), place))
        offset = end
    return lines


def _place(cm: Any, tm: Any, size: Any) -> _Place | None:
    """Return where a run of text starts and its type size, from pypdf's matrices; None for text not set upright."""
    try:
        a, b, c, d, e, f = (float(value) for value in cm[:6])
        ta, tb, tc, td, te, tf = (float(value) for value in tm[:6])
        points = float(size)
    except (TypeError, ValueError, IndexError):
        return None
    across, rise = ta * a + tb * c, ta * b + tb * d  # where the text's own axes point on the page
    lean, up = tc * a + td * c, tc * b + td * d
    x, y, height = te * a + tf * c + e, te * b + tf * d + f, points * up
    if not all(math.isfinite(value) for value in (across, rise, lean, up, x, y, height)):
        return None
    if across <= 0 or up <= 0 or height <= 0 or abs(rise) > 0.01 * across or abs(lean) > 0.01 * up:
        return None
    return _Place(x, y, height)


def _first_shown(run: str) -> int:
    """Return the index of the first character of ``run`` that is not whitespace, -1 if there is none."""
    return next((i for i, char in enumerate(run) if not char.isspace()), -1)


def _line_place(
    text: str, start: int, end: int, starts: list[int], firsts: list[int], places: list[_Place | None]
) -> _Place | None:
    """Return the place of the line ``text[start:end]``: where its first run starts, the baseline and the size of
    the run that sets most of its letters; None for an empty line, or one that starts inside a run begun above."""
    lead = start + _first_shown(text[start:end])
    if lead < start:
        return None
    first = bisect_right(starts, lead) - 1
    if first < 0 or starts[first] + firsts[first] != lead:
        return None
    weights: dict[int, int] = {}
    run = first
    while run < len(starts) and starts[run] < end:
        if firsts[run] >= 0 and starts[run] + firsts[run] < end:
            stop = starts[run + 1] if run + 1 < len(starts) else len(text)
            weights[run] = sum(not char.isspace() for char in text[max(starts[run], start) : min(stop, end)])
        run += 1
    most = max(weights, key=lambda run: weights[run])
    begins, sets = places[first], places[most]
    if begins is None or sets is None:
        return None
    return _Place(begins.x, sets.y, sets.size)


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


def _body_lines(pages: list[_Page]) -> list[_Line]:
    """Return the lines of every page in order, without running headers, footers and page numbers.

    A running header or footer is one of the first or last lines of a page that recurs,
    digits aside, among them on at least half the pages (and on two at least); a page
    number is such a line that is no more than a number. A list's bullet or number drawn
    apart from its item's text is put back at the start of the item (_with_markers); any
    other line of nothing but bullets is left out.
    """
    placed = [_with_markers([(text.strip(), place) for text, place in page]) for page in pages]
    lines = [[text for text, _ in page] for page in placed]
    edges = [_edge_lines(page) for page in lines]
    counts = Counter(key for page, edge in zip(lines, edges, strict=True) for key in {_running(page[i]) for i in edge})
    running = {key for key, count in counts.items() if key and count >= max(2, (len(pages) + 1) // 2)}
    body: list[_Line] = []
    for number, (page, edge) in enumerate(zip(placed, edges, strict=True), start=1):
        kept = [
            (text, place)
            for i, (text, place) in enumerate(page)
            if i not in edge or not (_running(text) in running or _PAGE_NUMBER.fullmatch(text))
        ]
        lengths = [len(text) for text, _ in kept if text]
        usual = statistics.median(lengths) if lengths else 0.0
        body += [_Line(text, number, usual, place) for text, place in kept]
    return body


def _with_markers(page: _Page) -> _Page:
    """Return a page's lines with the list markers drawn apart from their items put back at the items' start.

    A line of nothing but bullets, or of nothing but a list's number ("1.", "iv)"), set on
    the baseline of a line to its right is that line's marker (WeasyPrint, for one, draws
    the markers of a page after its text): the line starts a list item, its number kept.
    A line of bullets that marks no line is left out.
    """
    markers = {
        i for i, (text, place) in enumerate(page) if _only_bullets(text) or (place and _MARKER.fullmatch(text))
    }
    lines = list(page)
    dropped = set()
    for i in sorted(markers):
        text, place = page[i]
        marked = _marked(page, place, markers) if place else None
        if marked is not None:  # the item gets a bullet, to be a list item, and keeps its number
            item, item_place = lines[marked]
            lines[marked] = (f"{text} {item}" if _only_bullets(text) else f"• {text} {item}", item_place)
        if marked is not None or _only_bullets(text):
            dropped.add(i)
    return [line for i, line in enumerate(lines) if i not in dropped]


def _marked(page: _Page, marker: _Place, markers: set[int]) -> int | None:
    """Return the index of the line a list marker set at ``marker`` starts: the nearest to its right on its
    baseline; None if there is none."""
    found: int | None = None
    nearest = math.inf
    for i, (text, place) in enumerate(page):
        if i in markers or not text or place is None or place.x <= marker.x:
            continue
        if abs(place.y - marker.y) <= _BASELINE * marker.size and place.x < nearest:
            found, nearest = i, place.x
    return found


def _layout(lines: list[_Line]) -> _Layout:
    """Return how the lines are set, as their places tell.

    The usual spacing is the most common distance between two baselines, in type sizes;
    a page's left edge the leftmost place a tenth of its lines start at (two at least),
    or its leftmost line's if no place is so common. The paragraphs are marked
    by the layout if the gaps and indents between the lines of a page (_starts_block)
    are at least as many as the short lines ending a sentence in between that would end
    paragraphs by their length alone; they start with an indent if more of them start
    so than after a gap alone.
    """
    edges: dict[int, float] = {}
    placed = [line for line in lines if line.place]
    for page, group in itertools.groupby(placed, key=lambda line: line.page):
        starts = Counter(round(line.place.x) for line in group if line.place)
        common = [x for x, count in starts.items() if count >= max(2, _EDGE_SHARE * starts.total())]
        edges[page] = float(min(common or starts))
    steps = [(a, b, step) for a, b in itertools.pairwise(lines) if (step := _step(a, b)) is not None]
    spacings = Counter(round(step * 20) / 20 for _, _, step in steps)
    if not spacings:
        return _Layout(edges=edges)
    spacing = min(spacings, key=lambda step: (-spacings[step], step))
    layout = _Layout(spacing, edges)
    gaps = indents = lengths = 0
    for a, b, step in steps:
        if b.text[0] in _BULLETS:
            continue
        if step > _GAP * spacing:
            gaps += 1
        elif _indent(a, b, layout):
            indents += 1
        elif _ends_paragraph(a, b, by_length=True):
            lengths += 1
    marked = 0 < gaps + indents and lengths <= gaps + indents
    return _Layout(spacing, edges, marked, indents > gaps)


def _blocks(lines: list[_Line], outline: _Outline, layout: _Layout) -> Iterator[Block]:
    """Yield the paragraphs, list items and headings the lines make."""
    text, page = "", 0
    previous: _Line | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _heading(lines, i, outline)
        if not line.text or heading or (previous and _starts_block(previous, line, layout)):
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


def _starts_block(previous: _Line, line: _Line, layout: _Layout) -> bool:
    """Return whether ``line`` starts a new block after ``previous``.

    A bullet always starts a list item. Where pypdf tells the two lines' places, a change
    of type size starts a block: a title, a subtitle, a heading are set apart so. On one
    page, so does a gap between the two clearly wider than the usual spacing, or a line
    indented where the one before is not. Where the layout marks the paragraphs, nothing
    else does but a list's number after a sentence; where it does not, a paragraph ends
    after a short line that ends a sentence (_ends_paragraph). Across a page break, an
    indented layout starts a paragraph with an indent only; another, after a short line
    that ends a sentence. Where pypdf tells no places, the lengths are not asked across
    a page break.
    """
    if line.text[0] in _BULLETS:
        return True
    before, after = previous.place, line.place
    if before is None or after is None or not layout.spacing:
        return _ends_paragraph(previous, line, by_length=previous.page == line.page)
    if _other_size(before.size, after.size):
        return True
    indent = _indent(previous, line, layout)
    if previous.page != line.page:
        if layout.indented and indent is not None:
            return indent
        return _ends_paragraph(previous, line, by_length=True)
    step = _step(previous, line)
    if step is None:
        return _ends_paragraph(previous, line, by_length=True)
    if step > _GAP * layout.spacing or indent:
        return True
    if indent is None or not layout.marked:
        return _ends_paragraph(previous, line, by_length=True)
    return previous.text[-1] in _ENDS and bool(_NUMBERED.match(line.text))


def _ends_paragraph(previous: _Line, line: _Line, *, by_length: bool) -> bool:
    """Return whether ``line`` starts a new paragraph after ``previous`` by the text alone.

    It does after a line that ends a sentence, if it starts like a sentence (a capital,
    a digit, a bullet, an ideograph) and, ``by_length``, the line before is clearly
    shorter than its page's usual line. A bullet always starts a list item.
    """
    first = line.text[0]
    if first in _BULLETS:
        return True
    ends = previous.text[-1] in _ENDS
    starts = first.isupper() or first.isdigit() or first in _DASHES or bool(_CJK.match(first))
    return ends and starts and (not by_length or len(previous.text) < _SHORT * previous.usual)


def _step(previous: _Line, line: _Line) -> float | None:
    """Return how far the baseline of ``line`` is below that of ``previous``, in their type size, if both are set
    on one page, in one size, one under the other; else None."""
    before, after = previous.place, line.place
    if before is None or after is None or previous.page != line.page or _other_size(before.size, after.size):
        return None
    step = (before.y - after.y) / before.size
    return step if step > _CLOSE else None


def _indent(previous: _Line, line: _Line, layout: _Layout) -> bool | None:
    """Return whether ``line`` starts indented, right of its page's left edge, where ``previous`` does not.

    None if both start about as far right of their page's edge (the items of a list, the
    lines of a quotation set in: the indent tells nothing). A line after the first of a
    list item that starts with its marker (a hanging indent) is not taken as indented.
    """
    before, after = previous.place, line.place
    if before is None or after is None:
        return None
    tolerance = _INDENT * after.size
    inset = after.x - layout.edges.get(line.page, after.x)
    if inset <= tolerance:
        return False
    inset_before = before.x - layout.edges.get(previous.page, before.x)
    if abs(inset - inset_before) <= tolerance:
        return None
    return inset_before < inset and not _item_start(previous.text)


def _other_size(a: float, b: float) -> bool:
    return max(a, b) > _SIZES * min(a, b)


def _item_start(text: str) -> bool:
    """Return whether a line starts with a list's marker: a bullet, a number, a dash."""
    return text[0] in _BULLETS or bool(_NUMBERED.match(text)) or (text[0] in _DASHES and text[1:2] == " ")


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
