"""A Word document: its paragraphs in order, told apart by their styles, and the text of its tables."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from briefpress.errors import BriefpressError
from briefpress.sources.document import Block, BlockKind, Document
from briefpress.sources.text import collapsed

_HEADING_STYLE = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
# A paragraph's outline level: 0 to 8 a heading's (level 1 to 9), 9 body text.
_BODY_TEXT = 9
# How far a style's base styles are followed, so that a loop of them ends.
_BASES = 20


def read_docx(path: Path, data: bytes) -> Document:
    """Return the document of a .docx file: its headings, list items, paragraphs and tables' text, in order.

    The title is the first paragraph of the Title style, else the title of the
    document's properties. Raise BriefpressError for a file that is not a Word document.
    """
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds of error for a damaged file, none of them a user's to read
        raise BriefpressError(f"{path}: cannot read it as DOCX: the file is damaged") from None
    title: str | None = None
    blocks: list[Block] = []
    for element, in_table in _paragraphs(document.element.body, False):
        paragraph = Paragraph(element, document)
        text = collapsed(paragraph.text)
        if not text:
            continue
        kind, level = (BlockKind.PARAGRAPH, 0) if in_table else _kind(paragraph, element)
        if level < 0:  # the Title style
            if title is None:
                title = text
                continue
            kind, level = BlockKind.HEADING, 1
        blocks.append(Block(kind, text, level))
    if title is None:
        title = collapsed(document.core_properties.title or "") or None
    return Document(path, "docx", title, tuple(blocks))


def _paragraphs(parent: Any, in_table: bool) -> Iterator[tuple[Any, bool]]:
    """Yield each paragraph element inside ``parent`` in document order, and whether it is in a table's cell."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield child, in_table
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    yield from _paragraphs(cell, True)
        elif child.tag == qn("w:sdt"):  # a content control: a cover page, a table of contents
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _paragraphs(content, in_table)


def _kind(paragraph: Any, element: Any) -> tuple[BlockKind, int]:
    """Return what a paragraph is by its properties and style: a heading and its level, an item, a paragraph.

    The level is -1 for the Title style. A heading is known by its outline level, or by
    a style (or a style it is based on) named "Heading N" or given an outline level, so
    that a renamed or translated heading style is still one.
    """
    outline = _outline_level(element.pPr)
    if outline is not None and outline < _BODY_TEXT:
        return BlockKind.HEADING, outline + 1
    styles = _styles(paragraph)
    for style in styles if outline is None else ():  # an outline level of body text is not a heading's
        name = style.name or ""
        if name.casefold() == "title":
            return BlockKind.HEADING, -1
        heading = _HEADING_STYLE.fullmatch(name)
        if heading:
            return BlockKind.HEADING, int(heading[1])
        level = _outline_level(style.element.pPr)
        if level is not None and level < _BODY_TEXT:
            return BlockKind.HEADING, level + 1
    if _numbered(element) or any((style.name or "").startswith("List") for style in styles):
        return BlockKind.ITEM, 0
    return BlockKind.PARAGRAPH, 0


def _styles(paragraph: Any) -> list[Any]:
    """Return the paragraph's style, then the styles it is based on, nearest first."""
    styles: list[Any] = []
    style = paragraph.style
    while style is not None and len(styles) < _BASES:
        styles.append(style)
        style = style.base_style
    return styles


def _outline_level(properties: Any) -> int | None:
    """Return the outline level (w:outlineLvl) set in paragraph properties, or None if none is."""
    if properties is None:
        return None
    element = properties.find(qn("w:outlineLvl"))
    value = None if element is None else element.get(qn("w:val"))
    return int(value) if value is not None and value.isdigit() else None


def _numbered(element: Any) -> bool:
    """Return whether the paragraph is numbered or bulleted by its own properties (w:numPr, its w:numId not 0)."""
    properties = element.pPr
    numbering = None if properties is None else properties.find(qn("w:numPr"))
    if numbering is None:
        return False
    number = numbering.find(qn("w:numId"))
    return number is None or number.get(qn("w:val")) != "0"
