"""A source document as its reader sees it: a title, then headings, paragraphs and list items in order."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    """What a block of a document is."""

    HEADING = "heading"  # marked as a heading by the format (Markdown #, HTML <h2>, a DOCX heading style)
    PARAGRAPH = "paragraph"
    ITEM = "item"  # an item of a list


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list item, its text on one line (whitespace collapsed)."""

    kind: BlockKind
    text: str
    level: int = 0  # a heading's level, 1 the highest; 0 for other blocks
    line: int = 0  # where the block starts in the file (1-based) for text formats, the page for a PDF; 0 unknown


@dataclass(frozen=True)
class Document:
    """A source document: where it was read from, its format, its title if the file gives one, its blocks."""

    path: Path
    format: str  # "text", "markdown", "html", "pdf" or "docx"
    title: str | None
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """Return the document's text as a reader sees it: its blocks, a blank line between each two."""
        return "\n\n".join(block.text for block in self.blocks)
