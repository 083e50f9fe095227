"""Impose pages as a saddle-stitched booklet: two pages a side, printed duplex, folded once.

Sheet k (counting from the outside) carries, front, the pages ``N-2k`` and
``2k+1`` and, back, ``2k+2`` and ``N-2k-1`` (1-based, N padded to a multiple of
4 with blank pages), so page 1 and the last page share the outer sheet.
"""

from __future__ import annotations

import hashlib
from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

SHEET_PAGES = 4  # a folded sheet carries four pages


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """Return (left, right) page indices (0-based) for each side of each sheet, in print order."""
    total = -(-pages // SHEET_PAGES) * SHEET_PAGES
    sides = []
    for sheet in range(total // 4):
        sides.append((total - 1 - 2 * sheet, 2 * sheet))  # front
        sides.append((2 * sheet + 1, total - 2 - 2 * sheet))  # back
    return sides


def impose_booklet(pdf: bytes, sheet_size: tuple[float, float] | None = None) -> bytes:
    """Return the booklet of ``pdf``: its pages two by two, centred on landscape sheets.

    ``sheet_size`` (width, height in points) defaults to exactly two pages wide.
    """
    reader = PdfReader(BytesIO(pdf))
    pages = reader.pages
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    sheet_width, sheet_height = sheet_size or (width * 2, height)
    left, bottom = (sheet_width - 2 * width) / 2, (sheet_height - height) / 2
    writer = PdfWriter()
    forms = [_as_form(writer, page) for page in pages]
    for side in booklet_order(len(pages)):
        sheet = writer.add_blank_page(sheet_width, sheet_height)
        drawn, used = [], DictionaryObject()
        for slot, index in enumerate(side):
            if index < len(pages):  # past the last page, the slot stays blank
                name = f"/P{index}"
                used[NameObject(name)] = forms[index]
                drawn.append(f"q 1 0 0 1 {left + slot * width:.4f} {bottom:.4f} cm {name} Do Q")
        content = DecodedStreamObject()
        content.set_data("\n".join(drawn).encode("ascii"))
        sheet[NameObject("/Contents")] = writer._add_object(content)
        # Links would point at pages the booklet does not have: a printed sheet needs none.
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): used})
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items() if key != "/Producer"})
    # The same input gives the same bytes: an identifier derived from the content.
    digest = ByteStringObject(hashlib.md5(pdf, usedforsecurity=False).digest())
    writer._ID = ArrayObject([digest, digest])
    writer._root_object[NameObject("/PageLayout")] = NameObject("/TwoColumnLeft")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _as_form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """Return ``page`` as a form XObject in ``writer``: drawn as it is, its content never parsed."""
    box = page.mediabox
    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(b"" if contents is None else contents.get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(edge) for edge in (box.left, box.bottom, box.right, box.top)),
            NameObject("/Resources"): page["/Resources"].clone(writer) if "/Resources" in page else DictionaryObject(),
        }
    )
    return writer._add_object(form.flate_encode())
