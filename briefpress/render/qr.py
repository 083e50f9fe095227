"""QR codes pointing to the source, drawn by segno as inline SVG."""

from __future__ import annotations

from io import BytesIO

import segno
from markupsafe import Markup

# segno knows only web colours: it draws in this one, then the modules take ``dark``
# (a print-ready target's ``device-cmyk()`` too).
_PLACEHOLDER = "#010203"


def qr_svg(url: str, title: str, dark: str) -> Markup:
    """Return an accessible inline SVG QR code for ``url``, its modules in the CSS colour ``dark``."""
    code = segno.make(url, error="m")
    buffer = BytesIO()
    code.save(
        buffer, kind="svg", xmldecl=False, svgns=True, title=title, omitsize=True,
        border=2, dark=_PLACEHOLDER, svgclass="qr", lineclass=None,
    )  # fmt: skip
    svg = buffer.getvalue().decode("utf-8").replace(f'stroke="{_PLACEHOLDER}"', f'fill="none" stroke="{dark}"')
    # A role and a label make the title the image's text alternative in the tagged PDF.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
