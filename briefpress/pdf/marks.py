"""Crop marks for print-ready PDFs: each page grows a slug around its bleed, and the marks go there.

WeasyPrint's ``marks: crop`` draws its ticks inside the bleed, where colour
bands cover them and the trimmer cuts them off. Here the written PDF gets a
MediaBox (and CropBox) a slug wider than its BleedBox on every side, and an
ArtBox equal to its TrimBox. The page as WeasyPrint drew it is clipped to the
bleed; for each corner of the TrimBox two hairlines in registration colour (all
inks) are drawn on the slug, beyond the bleed, in line with the trim edges; and
a colour bar (each process ink solid and at half tint) sits on the slug below
the page's foot, for the press to check ink density against.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from io import BytesIO
from typing import cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    RectangleObject,
    StreamObject,
)

MM = 72 / 25.4
SLUG = 9 * MM  # beyond the bleed box, on each side
GAP = 1 * MM  # between the bleed box and a mark
LENGTH = 5 * MM
HAIRLINE = 0.25  # points
PATCH = 4 * MM  # the side of a colour bar's square
# The colour bar: cyan, magenta, yellow and black, solid then at half tint.
INKS = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)]
PATCHES = [*INKS, *[tuple(ink / 2 for ink in inks) for inks in INKS]]
REGISTRATION = NameObject("/Registration")
# WeasyPrint 70 stamps each PDF/X-4 with a random XMP DocumentID, which its /ID
# then hashes; both are replaced by identifiers derived from the rest of the file.
RANDOM_IDS = re.compile(rb"xmp\.did:[0-9a-f-]{36}|/ID \[\([0-9a-f]{32}\) \([0-9a-f]{32}\)\]")


def add_crop_marks(pdf: bytes, sheet_pages: int = 1) -> bytes:
    """Return ``pdf`` with a slug around each page's bleed and crop marks on it.

    A document printed as a booklet ends with blank pages up to a whole sheet of
    ``sheet_pages``, so that the press imposes what the reading copy's booklet shows.
    """
    reader = PdfReader(BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header.encode()  # PDF/X-4 is PDF 1.6
    last = writer.pages[-1]
    while len(writer.pages) % sheet_pages:
        blank = writer.add_blank_page(float(last.mediabox.width), float(last.mediabox.height))
        for box in ("/BleedBox", "/TrimBox"):
            if box in last:
                blank[NameObject(box)] = RectangleObject(cast(ArrayObject, last[box]))
    registration = writer._add_object(_registration_colour())
    for page in writer.pages:
        _mark(writer, page, registration)
    # The same input gives the same bytes.
    digest = hashlib.md5(RANDOM_IDS.sub(b"", pdf), usedforsecurity=False).digest()
    if "/Metadata" in writer._root_object:
        metadata = cast(StreamObject, writer._root_object["/Metadata"].get_object())
        document_id = f"xmp.did:{uuid.UUID(bytes=digest, version=4)}".encode("ascii")
        metadata.set_data(RANDOM_IDS.sub(document_id, metadata.get_data()))
    writer._ID = ArrayObject([ByteStringObject(digest)] * 2)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _mark(writer: PdfWriter, page: PageObject, registration: IndirectObject) -> None:
    trim, bleed = page.trimbox, page.bleedbox
    left, bottom, right, top = (float(edge) for edge in bleed)
    slugged = (left - SLUG, bottom - SLUG, right + SLUG, top + SLUG)
    media = RectangleObject([FloatObject(round(edge, 6)) for edge in slugged])
    page[NameObject("/MediaBox")] = media
    page[NameObject("/CropBox")] = media
    page[NameObject("/ArtBox")] = trim  # the finished page: without it, readers take the whole slugged sheet
    # WeasyPrint's content does not restore its graphics state: save it, and clip to the bleed.
    before = f"q\n{left:.4f} {bottom:.4f} {right - left:.4f} {top - bottom:.4f} re W n\n"
    marks = f"{REGISTRATION} CS 1 SCN\n{HAIRLINE} w 0 J 0 j [] 0 d\n{crop_marks(trim, bleed)}S\n"
    after = f"Q\nq\n{marks}{colour_bar(bleed)}Q\n"
    contents = page["/Contents"].get_object() if "/Contents" in page else ArrayObject()
    streams = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject([_stream(writer, before), *streams, _stream(writer, after)])
    resources = cast(DictionaryObject, page["/Resources"].get_object())
    if "/ColorSpace" not in resources:
        resources[NameObject("/ColorSpace")] = DictionaryObject()
    cast(DictionaryObject, resources["/ColorSpace"].get_object())[NameObject(REGISTRATION)] = registration


def crop_marks(trim: RectangleObject, bleed: RectangleObject) -> str:
    """Return the path (moveto, lineto) of the eight crop marks, each in line with a trim edge, beyond the bleed."""
    trim_left, trim_bottom, trim_right, trim_top = (float(edge) for edge in trim)
    bleed_left, bleed_bottom, bleed_right, bleed_top = (float(edge) for edge in bleed)
    lines = []
    for x, outer_x, sign_x in ((trim_left, bleed_left, -1), (trim_right, bleed_right, 1)):
        for y, outer_y, sign_y in ((trim_bottom, bleed_bottom, -1), (trim_top, bleed_top, 1)):
            near_x, far_x = outer_x + sign_x * GAP, outer_x + sign_x * (GAP + LENGTH)
            near_y, far_y = outer_y + sign_y * GAP, outer_y + sign_y * (GAP + LENGTH)
            lines.append(f"{near_x:.4f} {y:.4f} m {far_x:.4f} {y:.4f} l\n")  # along the horizontal trim edge
            lines.append(f"{x:.4f} {near_y:.4f} m {x:.4f} {far_y:.4f} l\n")  # along the vertical trim edge
    return "".join(lines)


def colour_bar(bleed: RectangleObject) -> str:
    """Return the colour bar: a row of squares in the process inks, centred on the slug below the bleed."""
    left, bottom, right, _ = (float(edge) for edge in bleed)
    x = (left + right - len(PATCHES) * PATCH) / 2
    y = bottom - GAP - PATCH
    squares = []
    for i, (cyan, magenta, yellow, black) in enumerate(PATCHES):
        squares.append(
            f"{cyan:g} {magenta:g} {yellow:g} {black:g} k {x + i * PATCH:.4f} {y:.4f} {PATCH:.4f} {PATCH:.4f} re f\n"
        )
    return "".join(squares)


def _registration_colour() -> ArrayObject:
    """Return the registration colour space: a separation named All, 100 % of each CMYK ink."""
    tint = DictionaryObject(
        {
            NameObject("/FunctionType"): NumberObject(2),
            NameObject("/Domain"): ArrayObject([NumberObject(0), NumberObject(1)]),
            NameObject("/C0"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/C1"): ArrayObject([NumberObject(1)] * 4),
            NameObject("/N"): NumberObject(1),
        }
    )
    return ArrayObject([NameObject("/Separation"), NameObject("/All"), NameObject("/DeviceCMYK"), tint])


def _stream(writer: PdfWriter, text: str) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(text.encode("ascii"))
    return writer._add_object(stream)
