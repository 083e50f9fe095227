"""Plain text: a paragraph for each run of non-blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from briefpress.sources.document import Block, BlockKind, Document

# Whitespace but the no-break spaces, which bind a figure to its unit ("US$ 300", "12 %"): collapsed to one space.
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def collapsed(text: str) -> str:
    """Return ``text`` on one line: each run of whitespace made one space, none at either end."""
    return _SPACES.sub(" ", text).strip()


def text_blocks(text: str) -> tuple[Block, ...]:
    """Return a paragraph for each run of non-blank lines, with the line it starts on."""
    blocks: list[Block] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate([*_LINE_BREAK.split(text), ""], start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            blocks.append(Block(BlockKind.PARAGRAPH, collapsed(" ".join(lines)), line=start))
            lines = []
    return tuple(blocks)


def read_text(path: Path, text: str) -> Document:
    """Return the document of a plain text file; it has no title."""
    return Document(path, "text", None, text_blocks(text))
