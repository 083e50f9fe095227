"""The read-back of a finished PDF: damaged or active files never replace a good one."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

from briefpress.errors import RenderError
from briefpress.pdf.verify import verify_pdf


def _pdf(change=None) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    if change:
        change(writer, page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _link(uri: str, kind: str = "/URI"):
    def change(writer, page):
        action = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(kind)})
        if kind == "/URI":
            action[NameObject("/URI")] = TextStringObject(uri)
        else:
            action[NameObject("/F")] = TextStringObject(uri)
        annotation = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(10), FloatObject(10)]),
            NameObject("/A"): action,
        })
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return change


def test_a_plain_pdf_and_web_links_pass():
    verify_pdf(_pdf())
    verify_pdf(_pdf(_link("https://example.org/report")))
    verify_pdf(_pdf(_link("mailto:desk@example.org")))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_link("javascript:app.alert(1)"), "would link to 'javascript:app.alert(1)'"),
        (_link("file:///etc/passwd"), "would link to 'file:///etc/passwd'"),
        (_link("smb://host/share"), "would link to 'smb://host/share'"),
        (_link("mailto:desk@example.org?attach=/etc/passwd"), "would link to 'mailto:desk@example.org\\?attach"),
        (_link("calc.exe", "/Launch"), "a /Launch action"),
        (_link("https://evil.example/submit", "/SubmitForm"), "a /SubmitForm action"),
        (lambda writer, page: writer._root_object.__setitem__(NameObject("/AcroForm"), DictionaryObject()),
         "would hold a form"),
        (lambda writer, page: writer._root_object.__setitem__(
            NameObject("/OpenAction"), DictionaryObject({NameObject("/S"): NameObject("/JavaScript")})),
         "an action run on opening"),
    ],
    ids=["javascript", "file", "smb", "mailto-attach", "launch", "submit-form", "acroform", "open-action"],
)
def test_active_pdfs_are_refused(change, message):
    with pytest.raises(RenderError, match=message.replace("(", r"\(").replace(")", r"\)")):
        verify_pdf(_pdf(change))


def test_attached_files_are_refused():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("invoice.pdf.html", b"<script>alert(1)</script>")
    out = BytesIO()
    writer.write(out)
    with pytest.raises(RenderError, match=r"an attached file \(/EmbeddedFiles\)"):
        verify_pdf(out.getvalue())


def test_damaged_pdfs_are_refused():
    good = _pdf()
    with pytest.raises(RenderError, match="does not read back"):
        verify_pdf(good[: len(good) // 2])
    with pytest.raises(RenderError, match="does not read back"):
        verify_pdf(b"%PDF-1.7\n" + b"x" * 100)
    # An object the file refers to but does not hold (what mutool reports as "cannot load object").
    dangling = good.replace(b"/Contents", b"/Contents 99 0 R /X") if b"/Contents" in good else None
    missing = _pdf(lambda writer, page: page.__setitem__(NameObject("/Thumb"), NumberObject(0)))
    missing = missing.replace(b"/Thumb 0", b"/Thumb 99 0 R")
    for data in filter(None, (dangling, missing)):
        with pytest.raises(RenderError, match=r"does not read back|lacks"):
            verify_pdf(data)
