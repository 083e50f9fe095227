"""Preflight: read the laid-out pages as a reader and a printer would, before the PDF is written.

The renderer lays a target out, then hands its pages here. What a reader
cannot get past is an error and fails the target: text printed over text or
off the page, a break inside a URL, number, acronym or name, a CJK line that
starts with closing or ends with opening punctuation, a heading left at the
foot of a page, a block kept whole (a cover, a card, a quotation) split across
pages, a table whose header keeps fewer rows than the style asks, text nearer
the trim than a guillotine's tolerance (a running header, a page number), and,
in a print-ready file, a raster image in RGB.
What a careful editor would send back is a warning, which ``--strict``
fails on: a lone line, row or bullet at the top of a page, too many
hyphenated lines in a row, a CJK paragraph ending on one character, text
below the style's sizes or its contrast, lines longer or shorter than the
layout's measure. The thresholds are the style's tokens (``--preflight-*``
and ``--measure``, read through ``Limits.of``).

Each finding names its page, what is wrong and the text, e.g.
``page 5: text overlaps: "3 de diciembre de 2021" over "Tercera Reunión"``.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

from briefpress.render.inks import Press
from briefpress.render.joins import WORD_JOINER, is_name
from briefpress.render.styles import Styles

PX_PT = 0.75  # WeasyPrint lays out in CSS pixels; a point is 4/3 of one
MM_PT = 72 / 25.4
SOFT_HYPHEN = "\u00ad"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BODY = frozenset({"p", "li"})
CJK_LANGS = ("zh", "ja", "ko")
# Kinsoku (clreq and jlreq): what a CJK line may not start with, and what it may not end with.
# The dashes that join ranges and names (2022—2024, 中国—拉共体) stay with what they follow.
CLOSING = set("，。、；：？！）》」』】〕〉”’·…—–～%％") | set(",.;:?!)]}")
OPENING = set("（《「『【〔〈“‘([{")
# What follows a number in Chinese and Japanese as one word with it: dates, counts, units.
CJK_UNITS = set("年月日号時时分秒点个個次场場家项項名位人亿億万萬千百倍%％元美")
# A URL or address runs to the next space or non-ASCII character: Chinese sets one straight after 。
URL = re.compile(r"(?:(?:[a-z][a-z0-9+.-]*://|www\.)|[a-z0-9.+_-]+@[a-z0-9-]+\.)[!-~]*", re.I)
LONG_WORD = "a break inside a word, with no hyphen"
IDEOGRAPH = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class Finding:
    """One problem on one page: an error fails the target; a warning fails it under ``--strict``."""

    page: int
    problem: str
    text: str
    error: bool

    def __str__(self) -> str:
        return f"page {self.page}: {self.problem}: {self.text}"


@dataclass(frozen=True)
class Limits:
    """The preflight's thresholds, from the style's tokens."""

    contrast: float = 4.5  # --preflight-contrast: WCAG AA for body text
    contrast_large: float = 3.0  # --preflight-contrast-large: 18 pt, or 14 pt bold, and up
    hyphens: int = 2  # --preflight-hyphens: the most hyphenated lines in a row
    table_rows: int = 2  # --preflight-table-rows: the fewest rows a split table keeps on each side
    min_text_pt: float = 6.0  # --preflight-min-text: no text smaller (a page number, a source line)
    min_body_pt: float = 8.0  # --fit-min-body: no running text smaller
    trim_mm: float = 3.0  # --preflight-trim: no text nearer the trim, which the guillotine may miss by that much
    measure: tuple[int, int] | None = None  # --measure: the median line of running text, in characters

    @classmethod
    def of(cls, styles: Styles) -> Limits:
        """Return the limits a target's styles declare, the defaults where they declare none."""

        def number(name: str, default: float) -> float:
            return (styles.numbers(name) or [default])[0]

        measure = styles.numbers("--measure")
        return cls(
            contrast=number("--preflight-contrast", cls.contrast),
            contrast_large=number("--preflight-contrast-large", cls.contrast_large),
            hyphens=int(number("--preflight-hyphens", cls.hyphens)),
            table_rows=int(number("--preflight-table-rows", cls.table_rows)),
            min_text_pt=number("--preflight-min-text", cls.min_text_pt),
            min_body_pt=styles.min_body_pt,
            trim_mm=number("--preflight-trim", cls.trim_mm),
            measure=(int(measure[0]), int(measure[-1])) if measure else None,
        )


@dataclass
class Line:
    """One laid-out line: its page, its text, its ink box, and where it sits in the document."""

    page: int
    text: str  # as drawn, word joiners left out
    box: boxes.LineBox
    block: boxes.Box  # the block the line belongs to
    parents: tuple[boxes.Box, ...]  # the line's ancestors, the page's root first
    margin: bool  # in a page margin: a running header or a page number
    flow: bool  # in the page's flow (not a float or a positioned box)
    aside: bool  # in an <aside>: a rail of figures and quotations beside the running text
    texts: list[boxes.TextBox] = field(default_factory=list)

    @property
    def running(self) -> bool:
        """Return whether the line is running text: in the flow, not in a margin or an aside."""
        return self.flow and not self.margin and not self.aside

    @property
    def lang(self) -> str:
        return (self.texts[0].style["lang"] or "") if self.texts else ""

    @property
    def cjk(self) -> bool:
        return self.lang.lower().startswith(CJK_LANGS)

    def tags(self) -> set[str]:
        return {box.element_tag for box in self.parents} | {self.block.element_tag}


def preflight(document: Document, limits: Limits, inks: Press | None = None) -> list[Finding]:
    """Return every problem the laid-out ``document`` shows, in page order, errors and warnings.

    ``inks`` is the press a print-ready document's CMYK colours are judged as printed on.
    """
    pages = [list(_lines(page._page_box, number)) for number, page in enumerate(document.pages, 1)]
    found: list[Finding] = []
    for _number, (page, lines) in enumerate(zip(document.pages, pages, strict=False), 1):
        found += _overlaps(lines)
        found += _off_page(page._page_box, lines, limits)
        found += _rgb_images(page._page_box, _number) if inks is not None else []
        found += _contrast(lines, limits, inks)
        found += _sizes(lines, limits)
    everything = [line for lines in pages for line in lines]
    found += _breaks(everything, limits)
    found += _page_ends(pages)
    found += _kept_whole(pages)
    found += _tables(document, limits)
    found += _measure(pages, limits)
    found.sort(key=lambda finding: (finding.page, not finding.error))
    return list(dict.fromkeys(found))


# --- reading the pages -----------------------------------------------------------------------------


def _lines(page_box: boxes.PageBox, number: int) -> Iterator[Line]:
    def walk(box: boxes.Box, parents: tuple[boxes.Box, ...], margin: bool, flow: bool, aside: bool) -> Iterator[Line]:
        if isinstance(box, boxes.LineBox):
            line = Line(number, "", box, parents[-1], parents, margin, flow, aside)
            line.texts = [text for text in _texts(box) if "::" not in (text.element_tag or "")]
            line.text = "".join(text.text for text in line.texts).replace(WORD_JOINER, "").replace(SOFT_HYPHEN, "")
            if line.text.strip():
                yield line
            return
        margin = margin or isinstance(box, boxes.MarginBox)
        aside = aside or box.element_tag == "aside"
        flow = flow and not (box.is_floated() or box.is_absolutely_positioned())
        for child in getattr(box, "children", ()):
            yield from walk(child, (*parents, box), margin, flow, aside)

    yield from walk(page_box, (), False, True, False)


def _texts(box: boxes.Box) -> Iterator[boxes.TextBox]:
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def _ink(text: boxes.TextBox) -> tuple[float, float, float, float]:
    """Return where a text box's glyphs are: from its ascent to its descent, in points."""
    size = text.style["font_size"]
    baseline = text.position_y + (text.baseline or 0)
    return (
        text.position_x * PX_PT,
        (baseline - 0.72 * size) * PX_PT,
        (text.position_x + text.width) * PX_PT,
        (baseline + 0.12 * size) * PX_PT,
    )


def _quoted(text: str, limit: int = 40) -> str:
    text = " ".join(text.replace(WORD_JOINER, "").split())
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


# --- errors ----------------------------------------------------------------------------------------


def _overlaps(lines: list[Line]) -> list[Finding]:
    """Text boxes of different lines whose glyphs overlap by more than a hair."""
    inked = sorted(
        ((_ink(text), index, text) for index, line in enumerate(lines) for text in line.texts if text.text.strip()),
        key=lambda item: item[0][1],
    )
    found = []
    for i, (box, line, text) in enumerate(inked):
        for other_box, other_line, other in inked[i + 1 :]:
            if other_box[1] >= box[3]:
                break
            if other_line == line:
                continue
            width = min(box[2], other_box[2]) - max(box[0], other_box[0])
            height = min(box[3], other_box[3]) - max(box[1], other_box[1])
            if width > 1 and height > 1:
                found.append(
                    Finding(lines[line].page, "text overlaps", f"{_quoted(text.text)} over {_quoted(other.text)}", True)
                )
    return found


def _off_page(page_box: boxes.PageBox, lines: list[Line], limits: Limits) -> list[Finding]:
    """Text that runs off the trimmed page, or nearer its edge than the trim allows, or out of the page area.

    The running header and the page number sit in the margins: they are held to the trim alone.
    """
    width, height = page_box.margin_width() * PX_PT, page_box.margin_height() * PX_PT
    area = (
        page_box.content_box_x() * PX_PT,
        page_box.content_box_y() * PX_PT,
        (page_box.content_box_x() + page_box.width) * PX_PT,
        (page_box.content_box_y() + page_box.height) * PX_PT,
    )
    found = []
    for line in lines:
        for text in line.texts:
            x0, y0, x1, y1 = _ink(text)
            if not text.text.strip():
                continue
            edge = min(x0, y0, width - x1, height - y1)
            if edge < -1:
                found.append(Finding(line.page, "text off the page", _quoted(text.text), True))
            elif edge < limits.trim_mm * MM_PT - 0.5:
                problem = f"text {max(edge, 0) / MM_PT:.1f} mm from the trim, nearer than {limits.trim_mm:g} mm"
                found.append(Finding(line.page, problem, _quoted(text.text), True))
            elif line.flow and not line.margin and (x0 < area[0] - 1 or x1 > area[2] + 1 or y1 > area[3] + 1):
                found.append(Finding(line.page, "text outside the page area", _quoted(text.text), True))
    return found


def _rgb_images(page_box: boxes.PageBox, number: int) -> list[Finding]:
    """A raster image in RGB on a print-ready page: PDF/X-4 under a CMYK intent allows no DeviceRGB."""
    found = []
    for box in page_box.descendants():
        images = [(box.replacement, box.element.get("src"))] if isinstance(box, boxes.ReplacedBox) else []
        if box.background is not None:  # a layer for each background image, in their order
            images += [
                (layer.image, value)
                for (kind, value), layer in zip(box.style["background_image"], box.background.layers, strict=False)
                if kind == "url"
            ]
        for image, where in images:
            if getattr(image, "mode", None) in ("RGB", "RGBA"):
                problem = "an RGB image on a page printed in CMYK inks; convert it to CMYK for the press"
                found.append(Finding(number, problem, _quoted(str(where).rsplit("/", 1)[-1]), True))
    return found


@dataclass
class _Block:
    """A block's text as the source has it, and how far its lines have been matched in it."""

    text: str
    lower: str
    cursor: int = 0


def _source(element: Any) -> str:
    text = "".join(element.itertext()) if element is not None else ""
    return " ".join(text.replace(SOFT_HYPHEN, "").replace(WORD_JOINER, "").split())


def _breaks(lines: list[Line], limits: Limits) -> list[Finding]:
    """Each line end matched in its block's source text: where it breaks, and whether it may."""
    found: list[Finding] = []
    blocks: dict[int, _Block] = {}
    hyphenated_run: list[Line] = []
    for index, line in enumerate(lines):
        if line.margin:
            continue
        element = line.block.element
        block = blocks.get(id(element))
        if block is None:
            text = _source(element)
            block = blocks[id(element)] = _Block(text, _lower(text))
        drawn = " ".join(line.text.split())
        hyphen = line.texts[-1].style["hyphenate_character"] if line.texts else ""
        inserted = False
        at = block.lower.find(_lower(drawn), block.cursor)
        if at < 0 and hyphen and drawn.endswith(hyphen):
            drawn = drawn[: -len(hyphen)]
            at = block.lower.find(_lower(drawn), block.cursor)
            inserted = at >= 0
        if line.cjk:
            found += _kinsoku(line, drawn)
        if at < 0:
            continue
        end = at + len(drawn)
        block.cursor = end
        hyphenated_run = [*hyphenated_run, line] if inserted else []
        if len(hyphenated_run) == limits.hyphens + 1:
            found.append(
                Finding(line.page, f"more than {limits.hyphens} hyphenated lines in a row", _quoted(drawn[-30:]), False)
            )
        if end >= len(block.text) or block.text[end] == " ":
            if line.cjk and end >= len(block.text) and index > 0 and lines[index - 1].block is line.block:
                if sum(char.isalnum() for char in drawn) == 1 and len(block.text) > 4:
                    found.append(Finding(line.page, "a paragraph ends on one character", _quoted(drawn), False))
            continue
        problem = _broken(block.text, end, inserted, line.cjk)
        if problem:
            word = _word(block.text, end)
            # A word too long for its line wraps where it must: worth a look, not a failure.
            found.append(Finding(line.page, problem, f'"{word[0]}|{word[1]}"', problem != LONG_WORD))
    return found


def _lower(text: str) -> str:
    """Lower case, one character for one, so positions match the source's."""
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def _word(text: str, at: int) -> tuple[str, str]:
    """The word broken at ``text[at]``, in two halves: from space to space, or the URL's own span."""
    url = _url_at(text, at)
    if url:
        return text[url.start() : at], text[at : url.end()]
    start = text.rfind(" ", 0, at) + 1
    stop = text.find(" ", at)
    return text[start:at], text[at : stop if stop >= 0 else len(text)]


def _url_at(text: str, at: int) -> re.Match[str] | None:
    return next((url for url in URL.finditer(text) if url.start() < at < url.end()), None)


def _broken(text: str, at: int, hyphenated: bool, cjk: bool) -> str | None:
    """Say what a break at ``text[at]`` (with or without an inserted hyphen) breaks, or None if it may."""
    before, after = _word(text, at)
    left, right = text[at - 1], text[at]
    if _url_at(text, at):
        if hyphenated or not (left in "/-_?&=#" or right == "."):
            return "a break inside a URL or address"
        return None
    if left.isdigit() and (right.isdigit() or right in ".,"):
        return "a break inside a number"
    if left in ".," and right.isdigit() and before[:-1][-1:].isdigit():
        return "a break inside a number"
    if cjk:
        if left.isdigit() and right in CJK_UNITS:
            return "a break between a number and its unit"
        return None
    if hyphenated:
        letters = re.findall(r"\w+$", before)[0] if re.search(r"\w+$", before) else ""
        rest = re.findall(r"^\w+", after)[0] if re.search(r"^\w+", after) else ""
        if sum(char.isupper() for char in letters + rest) >= 2 and not any(c.islower() for c in letters + rest):
            return "a break inside an acronym"
        if letters[:1].isupper():
            return "a break inside a name"
        return None
    if left == "-" and is_name((re.findall(r"\w+", before) or [""])[-1], after):
        return "a name broken at its hyphen"
    if left.isalpha() and right.isalpha() and not _is_cjk(left + right):
        return LONG_WORD
    return None


def _is_cjk(text: str) -> bool:
    return bool(IDEOGRAPH.search(text))


def _kinsoku(line: Line, drawn: str) -> list[Finding]:
    text = drawn.strip()
    found = []
    if text and text[0] in CLOSING:
        found.append(Finding(line.page, "a CJK line starts with closing punctuation", _quoted(text[:12]), True))
    if text and text[-1] in OPENING:
        found.append(Finding(line.page, "a CJK line ends with opening punctuation", _quoted(text[-12:]), True))
    return found


def _page_ends(pages: list[list[Line]]) -> list[Finding]:
    """A heading as the last thing on a page; a lone line or bullet at the top of the next.

    What follows a heading may be an aside (a rail of cards in the column); a lone
    line or bullet is one of the running text, which a rail set before it in the
    source does not hide.
    """
    found: list[Finding] = []
    for number, lines in enumerate(pages[:-1], 1):
        flow = [line for line in lines if line.running]
        following = [line for line in pages[number] if line.running]
        if not flow or not following:
            continue
        last = [line for line in lines if line.flow and not line.margin][-1]
        if last.tags() & HEADINGS:
            found.append(Finding(number, "a heading left at the foot of the page", _quoted(last.text), True))
        first = following[0]
        element = first.block.element
        same = [line for line in following if line.block.element is element]
        if element is not None and any(line.block.element is element for line in flow):
            count = len(same)
            if count == 1 and not first.tags() & {"li", "td", "th"}:
                found.append(Finding(number + 1, "a lone line at the top of the page", _quoted(first.text), False))
        # A list laid out as a grid or a row of cards has items, not bullets.
        lists = [
            box
            for box in first.parents
            if box.element_tag in ("ul", "ol") and not isinstance(box, boxes.FlexContainerBox | boxes.GridContainerBox)
        ]
        if lists and any(box.element is lists[-1].element for line in flow for box in line.parents):
            items = {
                id(box.element)
                for line in following
                for box in line.parents
                if box.element_tag == "li" and any(b.element is lists[-1].element for b in line.parents)
            }
            if len(items) == 1:
                found.append(Finding(number + 1, "a lone bullet at the top of the page", _quoted(first.text), False))
    return found


def _kept_whole(pages: list[list[Line]]) -> list[Finding]:
    """A block the styles keep whole (``break-inside: avoid``: a cover, a card, a quotation) split across pages.

    WeasyPrint splits such a block when it is taller than a page, and splits a float's
    children regardless; either way a reader turns the page in the middle of it.
    """
    spans: dict[int, tuple[boxes.Box, Line, set[int]]] = {}
    for lines in pages:
        for line in lines:
            if line.margin:
                continue
            for box in line.parents:
                if box.element is not None and box.style["break_inside"] in ("avoid", "avoid-page"):
                    first = spans.setdefault(id(box.element), (box, line, set()))
                    first[2].add(line.page)
    found = []
    for box, line, numbers in spans.values():
        if len(numbers) > 1:
            what = box.element.get("class") or box.element_tag
            problem = f"a block kept whole ({what}) split across pages {min(numbers)}-{max(numbers)}"
            found.append(Finding(min(numbers), problem, _quoted(line.text), True))
    return found


def _tables(document: Document, limits: Limits) -> list[Finding]:
    """A table split across pages with fewer than ``limits.table_rows`` body rows on either side.

    A table of one row (cells side by side, like the brief's text beside its rail)
    has no rows to leave alone: its cells run on from page to page.
    """
    seen: dict[int, list[tuple[int, int, str]]] = {}
    row_elements: dict[int, set[int]] = {}
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableBox):
                body = [
                    row
                    for group in box.children
                    if isinstance(group, boxes.TableRowGroupBox) and not (group.is_header or group.is_footer)
                    for row in group.children
                ]
                first = next((t.text for r in body for t in _texts(r) if t.text.strip()), "")
                seen.setdefault(id(box.element), []).append((number, len(body), first))
                row_elements.setdefault(id(box.element), set()).update(id(row.element) for row in body)
    found = []
    for table, parts in seen.items():
        if len(parts) < 2 or len(row_elements[table]) < 2:
            continue
        for index, (number, rows, first) in enumerate(parts):
            if rows >= limits.table_rows:
                continue
            if index == 0:
                found.append(
                    Finding(number, f"a table split after {rows} row{'s' * (rows != 1)}", _quoted(first), True)
                )
            else:
                found.append(Finding(number, "a lone row at the top of the page", _quoted(first), False))
    return found


# --- warnings --------------------------------------------------------------------------------------


def _srgb(color: Any, inks: Press | None) -> tuple[float, float, float, float]:
    if color.space == "device-cmyk":  # a print-ready target's inks, as its press prints them
        cyan, magenta, yellow, black = color.coordinates
        if inks is None:  # CSS Color 5's naive conversion
            return (1 - cyan) * (1 - black), (1 - magenta) * (1 - black), (1 - yellow) * (1 - black), color.alpha
        return (*inks.srgb(cyan, magenta, yellow, black), color.alpha)
    red, green, blue = color.to("srgb").coordinates
    return red, green, blue, color.alpha


def _luminance(rgb: tuple[float, ...]) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _background(line: Line, inks: Press | None) -> tuple[float, float, float]:
    """The colour under a line: its nearest box with a background, laid over white."""
    under = (1.0, 1.0, 1.0)
    for box in line.parents:
        color = box.style["background_color"]
        red, green, blue, alpha = _srgb(color, inks)
        if alpha > 0:
            under = tuple(alpha * c + (1 - alpha) * u for c, u in zip((red, green, blue), under, strict=False))  # type: ignore[assignment]
    return under


def _hex(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb[:3])


def _contrast(lines: list[Line], limits: Limits, inks: Press | None) -> list[Finding]:
    found = []
    seen = set()
    for line in lines:
        under = _background(line, inks)
        for text in line.texts:
            if not text.text.strip():
                continue
            red, green, blue, alpha = _srgb(text.style["color"], inks)
            ink = tuple(alpha * c + (1 - alpha) * u for c, u in zip((red, green, blue), under, strict=False))
            lighter, darker = sorted((_luminance(ink), _luminance(under)), reverse=True)
            ratio = (lighter + 0.05) / (darker + 0.05)
            size = text.style["font_size"] * PX_PT
            large = size >= 18 or (size >= 14 and text.style["font_weight"] >= 700)
            needed = limits.contrast_large if large else limits.contrast
            key = (_hex(ink), _hex(under), large)
            if ratio < needed - 0.005 and key not in seen:
                seen.add(key)
                found.append(
                    Finding(
                        line.page,
                        f"text {key[0]} on {key[1]} has contrast {ratio:.1f}:1, below {needed:g}:1",
                        _quoted(text.text),
                        False,
                    )
                )
    return found


def _sizes(lines: list[Line], limits: Limits) -> list[Finding]:
    found = []
    for line in lines:
        for text in line.texts:
            size = text.style["font_size"] * PX_PT
            body = line.block.element_tag in BODY and not (
                line.block.element is not None and line.block.element.get("class")
            )
            if size < limits.min_text_pt - 0.05:
                found.append(
                    Finding(
                        line.page, f"text at {size:.1f} pt, below {limits.min_text_pt:g} pt", _quoted(text.text), False
                    )
                )
                break
            if body and not line.margin and size < limits.min_body_pt - 0.05:
                found.append(
                    Finding(
                        line.page,
                        f"body text at {size:.1f} pt, below {limits.min_body_pt:g} pt",
                        _quoted(text.text),
                        False,
                    )
                )
                break
    return found[:1] + [f for f in found[1:] if f.problem != found[0].problem]


def _measure(pages: list[list[Line]], limits: Limits) -> list[Finding]:
    """The median full line of running text, against the layout's measure."""
    if limits.measure is None:
        return []
    low, high = limits.measure
    found = []
    for lines in pages:
        full = [
            len(line.text.strip())
            for index, line in enumerate(lines)
            if line.running
            and line.block.element_tag in BODY
            and not line.cjk
            and index + 1 < len(lines)
            and lines[index + 1].block is line.block
        ]
        if len(full) >= 6:
            median = statistics.median(full)
            if not low <= median <= high:
                found.append(
                    Finding(
                        lines[0].page,
                        f"lines of {median:.0f} characters, outside the measure of {low}-{high}",
                        _quoted(lines[0].text),
                        False,
                    )
                )
    return found
