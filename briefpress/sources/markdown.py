"""Markdown, read as its reader sees it: headings, paragraphs and list items, without their marks."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefpress.sources.document import Block, BlockKind, Document
from briefpress.sources.text import collapsed


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_blocks(text: str) -> Iterator[Block]:
    """Yield the blocks of the Markdown ``text``, their text as written (line breaks kept), empty ones too.

    Links give their text, images their alt text, code spans their content; a fenced or
    indented code block and a block of HTML give their content as a paragraph. An item
    of an ordered list keeps its number in front (``2021.`` may start an item).
    """
    heading = 0  # the level of the heading being read, 0 outside one
    items = 0  # how many list items the text is inside of
    number = ""
    for token in _markdown().parse(text):
        line = token.map[0] + 1 if token.map else 0
        if token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "list_item_open":
            items += 1
            number = f"{token.info}{token.markup} " if token.info else ""
        elif token.type == "list_item_close":
            items -= 1
            number = ""
        elif token.type == "inline":
            if heading:
                yield Block(BlockKind.HEADING, _inline_text(token.children or []), heading, line)
            elif items:
                yield Block(BlockKind.ITEM, number + _inline_text(token.children or []), line=line)
                number = ""
            else:
                yield Block(BlockKind.PARAGRAPH, _inline_text(token.children or []), line=line)
        elif token.type in ("fence", "code_block", "html_block"):
            yield Block(BlockKind.PARAGRAPH, token.content, line=line)


def markdown_text(text: str) -> str:
    """Return the text a reader of the Markdown sees: no marks, links as their text, images as their alt text.

    Blocks are separated by a blank line; an ordered list keeps its numbers (``2021.`` may start an item).
    """
    return "\n\n".join(block.text for block in markdown_blocks(text))


def read_markdown(path: Path, text: str) -> Document:
    """Return the document of a Markdown file; its title is its first level-1 heading, if it has one."""
    blocks = []
    for block in markdown_blocks(text):
        squeezed = collapsed(block.text)
        if squeezed:
            blocks.append(Block(block.kind, squeezed, block.level, block.line))
    title = next((block.text for block in blocks if block.kind == BlockKind.HEADING and block.level == 1), None)
    return Document(path, "markdown", title, tuple(blocks))


def _inline_text(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type in ("text", "code_inline", "html_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.type == "image":
            parts.append(_inline_text(token.children or []))
    return "".join(parts)
