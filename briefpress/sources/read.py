"""Reading a source document of any format briefpress knows, by its suffix or, failing that, by its content."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from briefpress.errors import BriefpressError
from briefpress.sources.document import Document

# The format of each suffix read. A file of no suffix is known by its content; so is a PDF or a Word
# document or a web page of another suffix (.xhtml, .php), but no text file of one (report.csv, memo.rtf).
FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
SUFFIXES = tuple(FORMATS)


class NotUTF8Error(BriefpressError):
    """A text file (plain text, Markdown, HTML) that is not UTF-8."""


def read_document(path: Path) -> Document:
    """Read the document at ``path``: plain text, Markdown, HTML, PDF or DOCX.

    Raise BriefpressError, its message one line, for a file that cannot be read, is of
    no known format, or holds no text.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BriefpressError(f"{path}: cannot read it: {error.strerror or error}") from None
    sniffed = _sniffed(data)
    # What the first bytes show wins over the name for a PDF or a Word document ("report.pdf" that is a DOCX).
    form = sniffed if sniffed in ("pdf", "docx") else FORMATS.get(path.suffix.lower()) or sniffed
    if path.suffix and path.suffix.lower() not in FORMATS and form == "text":
        form = None  # a spreadsheet saved as text, an .rtf: text, but not a document's (a web page is a page)
    if form is None:
        raise BriefpressError(f"{path}: unknown format: briefpress reads .txt, .md, .html, .pdf and .docx files")
    document = _read(path, form, data)
    if not document.blocks:
        raise BriefpressError(f"{path}: there is no text in it")
    return document


def _sniffed(data: bytes) -> str | None:
    """Return the format the content shows (a PDF, a Word document, a web page, text), or None for another."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK"):
        return "docx" if _holds_word_document(data) else None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return "html" if text.lstrip()[:14].lower().startswith(("<!doctype html", "<html")) else "text"


def _read(path: Path, form: str, data: bytes) -> Document:
    """Return the document of a file of the format given, each format's library imported only when needed."""
    if form == "pdf":
        from briefpress.sources.pdf import read_pdf

        return read_pdf(path, data)
    if form == "docx":
        from briefpress.sources.docx import read_docx

        return read_docx(path, data)
    text = _decoded(path, data)
    if form == "html":
        from briefpress.sources.html import read_html

        return read_html(path, text)
    if form == "markdown":
        from briefpress.sources.markdown import read_markdown

        return read_markdown(path, text)
    from briefpress.sources.text import read_text

    return read_text(path, text)


def _decoded(path: Path, data: bytes) -> str:
    """Return the UTF-8 text of a file, without the byte order mark it may start with."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotUTF8Error(f"{path}: the text is not UTF-8: save it as UTF-8 and try again") from None


def _holds_word_document(data: bytes) -> bool:
    """Return whether the data is a zip archive holding a Word document's body (word/document.xml)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
