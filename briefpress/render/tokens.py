"""Design tokens for what CSS cannot reach: the font and colours of inline SVG.

Inline SVG (charts, QR codes) does not inherit the document's CSS in WeasyPrint,
so its fonts and colours are resolved here from the styles' custom properties.
"""

from __future__ import annotations

from dataclasses import dataclass

from tinycss2 import ast

from briefpress.render.styles import Styles

_SCRIPT_FONTS = {"zh": "--font-body-zh", "ar": "--font-body-ar"}


@dataclass(frozen=True)
class SvgStyle:
    """The font and colours inline SVG is drawn with, for one language."""

    font: str
    ink: str
    accent: str
    muted: str
    paper: str  # the page's colour
    bar: str  # a chart bar's fill (--chart-bar: the accent colour unless the style says)
    bar_edge: str  # its outline (--chart-bar-edge), or "none"
    bar_text: str  # a value set inside its bar (--chart-bar-text: the page's colour unless the style says)
    size: float  # text size in CSS pixels (--chart-font-size)
    width: float  # drawing width in CSS pixels (--chart-width)


def svg_style(styles: Styles, lang: str) -> SvgStyle:
    """Return the SVG style of a target's stylesheets in ``lang``."""
    font_token = _SCRIPT_FONTS.get(lang.split("-")[0], "--font-body")
    family = styles.token(font_token).split(",")[0].strip().strip("\"'")
    return SvgStyle(
        font=family,
        ink=styles.token("--color-text"),
        accent=styles.token("--color-accent"),
        muted=styles.token("--color-muted"),
        paper=styles.token("--color-paper"),
        bar=styles.token("--chart-bar") or styles.token("--color-accent"),
        bar_edge=styles.token("--chart-bar-edge") or "none",
        bar_text=styles.token("--chart-bar-text") or styles.token("--color-paper"),
        size=_pixels(styles.resolved("--chart-font-size"), 10.7),
        width=_pixels(styles.resolved("--chart-width"), 400),
    )


def _pixels(nodes: list[ast.Node], default: float) -> float:
    """Return a length in CSS pixels (``10.7px`` or a bare number), else ``default``."""
    if len(nodes) != 1:
        return default
    node = nodes[0]
    if isinstance(node, ast.NumberToken) or (isinstance(node, ast.DimensionToken) and node.lower_unit == "px"):
        return float(node.value) if node.value >= 0 else default
    return default
