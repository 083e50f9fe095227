"""The source: the text a briefing summarises, read once and ready to look figures and quotations up in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from briefpress.checks.factcheck.figures import read_figures
from briefpress.checks.factcheck.quotations import normalise_quotation, quotation_pieces
from briefpress.checks.factcheck.values import Key, implied
from briefpress.errors import BriefpressError
from briefpress.sources.markdown import markdown_text as markdown_text  # importable from here, as it was
from briefpress.sources.read import NotUTF8Error, read_document

# The suffixes of the files a folder given as the source gives; a file given by name may be of any format
# briefpress reads (briefpress.sources.read.SUFFIXES).
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
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
            if not found:
                raise BriefpressError(f"{path}: no .txt or .md files in this folder")
            files += found
        else:
            files.append(path)
    return files


def read_source(paths: Sequence[Path], lang: str) -> SourceText:
    """Read the source files (text, Markdown, HTML, PDF or DOCX; folders give their .txt and .md) as one text."""
    texts = []
    for path in source_files(paths):
        try:
            texts.append(read_document(path).text)
        except NotUTF8Error:
            raise BriefpressError(f"{path}: the source is not UTF-8 text") from None
    return source_text(", ".join(str(path) for path in paths), "\n\n".join(texts), lang)


def source_text(name: str, whole: str, lang: str) -> SourceText:
    """Return a source's text, already read, ready to look figures and quotations up in."""
    keys: set[Key] = set()
    for mention in read_figures(whole, lang, words=True):
        keys.add(mention.key)
        keys.update(implied(mention.key))
    return SourceText(name, lang, normalise_quotation(whole), frozenset(keys))
