"""The source: the text a briefing summarises, read once and ready to look figures and quotations up in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefpress.checks.factcheck.figures import read_figures
from briefpress.checks.factcheck.quotations import normalise_quotation, quotation_pieces
from briefpress.checks.factcheck.values import Key, implied
from briefpress.errors import BriefpressError

SOURCE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class SourceText:
    """The text a briefing summarises, ready to look figures and quotations up in."""

    name: str
    lang: str
    text: str
    keys: frozenset[Key]

    def has_figure(self, key: Key) -> bool:
        """Return whether the source states this value (a year may also be a plain number)."""
        if key[0] == "year":
            return key in self.keys or ("number", Decimal(key[1])) in self.keys
        return key in self.keys

    def has_quotation(self, quotation: str) -> bool:
        """Return whether the quotation's pieces occur in the source, in order."""
        position = 0
        pieces = quotation_pieces(quotation)
        for piece in pieces:
            found = self.text.find(piece, position)
            if found < 0:
                return False
            position = found + len(piece)
        return bool(pieces)


def source_files(paths: Sequence[Path]) -> list[Path]:
    """Return the source files: the files given, and the .txt and .md files of the folders given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SOURCE_SUFFIXES and p.is_file())
            if not found:
                raise BriefpressError(f"{path}: no .txt or .md files in this folder")
            files += found
        else:
            files.append(path)
    return files


def read_source(paths: Sequence[Path], lang: str) -> SourceText:
    """Read the source files (folders give their .txt and .md files) as one text in ``lang``."""
    texts = []
    for path in source_files(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise BriefpressError(f"{path}: the source is not UTF-8 text") from None
        except OSError as error:
            raise BriefpressError(f"{path}: cannot read the source: {error.strerror}") from None
        texts.append(markdown_text(text) if path.suffix == ".md" else text)
    whole = "\n\n".join(texts)
    keys: set[Key] = set()
    for mention in read_figures(whole, lang, words=True):
        keys.add(mention.key)
        keys.update(implied(mention.key))
    name = ", ".join(str(path) for path in paths)
    return SourceText(name, lang, normalise_quotation(whole), frozenset(keys))


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_text(text: str) -> str:
    """Return the text a reader of the Markdown sees: no marks, links as their text, images as their alt text.

    Blocks are separated by a blank line; an ordered list keeps its numbers (``2021.`` may start an item).
    """
    blocks: list[str] = []
    number = ""
    for token in _markdown().parse(text):
        if token.type == "list_item_open" and token.info:
            number = f"{token.info}{token.markup} "
        elif token.type == "inline":
            blocks.append(number + _inline_text(token.children or []))
            number = ""
        elif token.type in ("fence", "code_block", "html_block"):
            blocks.append(token.content)
    return "\n\n".join(blocks)


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
