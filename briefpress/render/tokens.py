"""Design tokens: the styles' CSS custom properties, resolved for what CSS cannot reach.

Inline SVG (charts, QR codes) does not inherit the document's CSS in WeasyPrint,
so its fonts and colours are resolved here from the same custom properties.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefpress.project import Stylesheet

_DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;}]+)")
_VAR = re.compile(r"var\((--[\w-]+)(?:\s*,\s*([^)]+))?\)")
_SCRIPT_FONTS = {"zh": "--font-body-zh", "ar": "--font-body-ar"}


def tokens(sheets: Sequence[Stylesheet]) -> dict[str, str]:
    """Return every custom property the stylesheets declare; a later declaration wins."""
    found: dict[str, str] = {}
    for sheet in sheets:
        text = re.sub(r"(?s)/\*.*?\*/", "", sheet.text)
        found.update((name, value.strip()) for name, value in _DECLARATION.findall(text))
    return found


def resolve(found: dict[str, str], name: str, depth: int = 0) -> str:
    """Return a token's value with its ``var()`` references replaced."""
    value = found.get(name, "")
    if depth > 10:
        return value
    return _VAR.sub(lambda match: resolve(found, match[1], depth + 1) or (match[2] or ""), value)


@dataclass(frozen=True)
class SvgStyle:
    """The font and colours inline SVG is drawn with, for one language."""

    font: str
    ink: str
    accent: str
    muted: str
    size: float  # text size in CSS pixels (--chart-font-size)
    width: float  # drawing width in CSS pixels (--chart-width)


def svg_style(sheets: Sequence[Stylesheet], lang: str) -> SvgStyle:
    """Return the SVG style of a target's stylesheets in ``lang``."""
    found = tokens(sheets)
    font_token = _SCRIPT_FONTS.get(lang.split("-")[0], "--font-body")
    family = resolve(found, font_token).split(",")[0].strip().strip("\"'")
    return SvgStyle(
        font=family,
        ink=resolve(found, "--color-text"),
        accent=resolve(found, "--color-accent"),
        muted=resolve(found, "--color-muted"),
        size=_pixels(resolve(found, "--chart-font-size"), 10.7),
        width=_pixels(resolve(found, "--chart-width"), 400),
    )


def _pixels(value: str, default: float) -> float:
    match = re.fullmatch(r"([\d.]+)(px)?", value.strip())
    return float(match[1]) if match else default
