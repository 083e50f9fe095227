"""A web page: its main text only, without navigation, footers or banners, found by trafilatura.

Nothing is fetched: the page is read from the text given, and no link of it is followed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from briefpress.sources.document import Block, BlockKind, Document
from briefpress.sources.text import collapsed

# The loggers of trafilatura and of the libraries it calls, silenced while a page is read.
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")
_HEADING = re.compile(r"h([1-6])")
# A byline: "By NAME", of a dozen words at most, looked for among the first few blocks before one is added.
_BY = re.compile(r"(?P<word>by|por)\s+|(?P<cjk>作者)[:：]?\s*", re.IGNORECASE)
_BYLINE_WORDS = 12
_BYLINE_NEAR = 3
# Reading the whole body: the elements that hold nothing a reader reads, and those that start a new block.
_SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "svg", "nav", "aside", "footer"})
_BLOCKS = frozenset(
    {"address", "article", "blockquote", "body", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
     "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
     "section", "summary", "table", "td", "th", "tr", "ul"}
)  # fmt: skip


def read_html(path: Path, text: str) -> Document:
    """Return the document of a web page: the headings, paragraphs and list items of its main text.

    Its title is the page's own (its og:title or <title>), else its first level-1 heading.
    When trafilatura finds no main text, or finds the whole body as one run of text (a
    small plain page), the body is read instead, split at its block elements. The page's
    byline, which trafilatura leaves out, is kept as a paragraph after the title (_bylined).
    """
    title, blocks = _main_text(text)
    body = _body_blocks(text)
    if not blocks or (len(body) > len(blocks) and _letters(body) == _letters(blocks)):
        blocks = body
    if not title:
        title = next((block.text for block in blocks if block.kind == BlockKind.HEADING and block.level == 1), None)
    return Document(path, "html", title, tuple(_bylined(blocks, title, _byline(text))))


def _byline(text: str) -> str | None:
    """Return the page's byline as "By NAME", or None if it shows none of a dozen words at most.

    It is the text of the first element inside an <article> or a <header>, not in a <nav>
    or an <aside> there, whose class or itemprop names a byline or an author, or of an
    <address> there (a <time> in it left out); failing those, the page's <meta name="author">.
    """
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    for element in root.iter():
        if not isinstance(element.tag, str) or not _marks_byline(element):
            continue
        ancestors = {ancestor.tag for ancestor in element.iterancestors()}
        if ancestors & {"article", "header"} and not ancestors & {"nav", "aside"}:
            if byline := _by(_byline_text(element)):
                return byline
    for meta in root.iter("meta"):
        if (meta.get("name") or "").strip().lower() == "author" and (byline := _by(meta.get("content") or "")):
            return byline
    return None


def _marks_byline(element: lxml_html.HtmlElement) -> bool:
    """Return whether an element holds a byline: an <address>, or one whose class or itemprop says so."""
    if element.tag == "address":
        return True
    if element.tag in _SKIPPED or element.tag in ("time", "img", "meta", "link"):
        return False
    marks = f"{element.get('class') or ''} {element.get('itemprop') or ''}".lower()
    return ("byline" in marks or "author" in marks) and "comment" not in marks


def _byline_text(element: lxml_html.HtmlElement) -> str:
    """Return the text inside ``element``, without the <time> elements in it or what a reader skips."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED and child.tag != "time":
            parts.append(" " if child.tag == "br" else _byline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _by(text: str) -> str | None:
    """Return a byline's text as "By NAME", "By " added unless it starts with a byline's word; None if it is
    empty or over a dozen words."""
    name = collapsed(text).strip(" ·|,;–—-")
    if not name or len(name.split()) > _BYLINE_WORDS:
        return None
    by = _BY.match(name)
    if by is None:
        return f"By {name}"
    return f"By {name[by.end() :]}" if (by["word"] or "").lower() == "by" else name


def _bylined(blocks: list[Block], title: str | None, byline: str | None) -> list[Block]:
    """Return the blocks with the byline as a paragraph after the title block (first if there is none),
    unless one of the first few blocks says it already."""
    if byline is None:
        return blocks
    at = 1 if blocks and _is_title_block(blocks[0], title) else 0
    name = _named(byline)
    if any(_named(block.text) == name for block in blocks[: at + _BYLINE_NEAR]):
        return blocks
    return [*blocks[:at], Block(BlockKind.PARAGRAPH, byline), *blocks[at:]]


def _named(text: str) -> str:
    """Return the name a byline gives, without its "By", case folded."""
    by = _BY.match(text)
    return (text[by.end() :] if by else text).casefold()


def _is_title_block(block: Block, title: str | None) -> bool:
    if block.kind == BlockKind.HEADING and block.level == 1:
        return True
    return title is not None and block.text.casefold() == title.casefold()


def _main_text(text: str) -> tuple[str | None, list[Block]]:
    """Return the page's title and the blocks of its main text, as trafilatura finds them."""
    try:
        with _quiet():
            found = trafilatura.extract(
                text,
                output_format="xml",
                with_metadata=True,
                include_formatting=True,
                include_tables=False,
                include_comments=False,
                include_links=False,
                include_images=False,
                favor_recall=True,
            )
    except Exception:  # a page trafilatura cannot take apart: its whole body is read instead
        return None, []
    if not found:
        return None, []
    try:
        doc = etree.fromstring(found.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None, []
    main = doc.find("main")
    blocks = [] if main is None else _kept(_xml_blocks(main))
    return collapsed(doc.get("title") or "") or None, blocks


def _xml_blocks(parent: etree._Element) -> Iterator[Block]:
    """Yield the blocks of trafilatura's XML: <head>, <p>, <list> items, <quote>, and any other text."""
    for element in parent:
        if not isinstance(element.tag, str):
            continue
        if element.tag == "head":
            match = _HEADING.fullmatch(element.get("rend") or "")
            yield Block(BlockKind.HEADING, _xml_text(element), int(match[1]) if match else 2)
        elif element.tag == "list":
            yield from _xml_items(element)
        elif element.tag == "quote" and any(child.tag in ("p", "list", "head") for child in element):
            yield from _xml_blocks(element)
        else:
            yield Block(BlockKind.PARAGRAPH, _xml_text(element))


def _xml_items(listing: etree._Element) -> Iterator[Block]:
    """Yield an item for each <item> of a <list>, then the items of the lists inside it."""
    for item in listing.iterchildren("item"):
        yield Block(BlockKind.ITEM, _xml_text(item, skip="list"))
        for inner in item.iterchildren("list"):
            yield from _xml_items(inner)


def _xml_text(element: etree._Element, skip: str = "") -> str:
    """Return the text inside ``element``, a line break (<lb/>) as a space, the elements named ``skip`` left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(" ")
        elif child.tag != skip:
            parts.append(_xml_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _body_blocks(text: str) -> list[Block]:
    """Return the blocks of the page's whole body, split at its block elements: headings, list items, the rest."""
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    body = root.find("body")
    if body is None:
        return []
    blocks: list[Block] = []
    parts: list[str] = []

    def end(kind: BlockKind, level: int) -> None:
        blocks.append(Block(kind, "".join(parts), level))
        parts.clear()

    def walk(element: lxml_html.HtmlElement, kind: BlockKind, level: int) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED or not tag:
            return
        if tag in _BLOCKS:
            end(kind, level)
            heading = _HEADING.fullmatch(tag)
            if heading:
                kind, level = BlockKind.HEADING, int(heading[1])
            elif tag == "li":
                kind, level = BlockKind.ITEM, 0
        elif tag == "br":
            parts.append(" ")
        parts.append(element.text or "")
        for child in element:
            walk(child, kind, level)
            parts.append(child.tail or "")
        if tag in _BLOCKS:
            end(kind, level)

    walk(body, BlockKind.PARAGRAPH, 0)
    return _kept(blocks)


def _kept(blocks: Iterable[Block]) -> list[Block]:
    """Return the blocks with their text on one line, the empty ones left out."""
    kept = []
    for block in blocks:
        text = collapsed(block.text)
        if text:
            kept.append(Block(block.kind, text, block.level, block.line))
    return kept


def _letters(blocks: list[Block]) -> str:
    """Return the text of the blocks without its whitespace, to tell whether two readings found the same text."""
    return "".join("".join(block.text.split()) for block in blocks)


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence the warnings trafilatura and its libraries log about a page, for as long as it is read."""
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
