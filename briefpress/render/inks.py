"""Inks for the press: a print-ready target's colours in CMYK, through the press profile.

PDF/X-4 with a CMYK output intent allows no DeviceRGB. Every colour a stylesheet
declares (hexadecimal, ``rgb()``, ``hsl()``, ``hwb()`` or named) becomes
``device-cmyk()`` in one more stylesheet, last in the cascade, that repeats each
such declaration with the same selector. Inline SVG reads its colours from the
same tokens, so charts and QR codes print in CMYK too.

Dark greys, text's usual colour, are set in black ink alone (matched to the
grey's lightness), as a printer would: text in four inks blurs when the plates
do not register. Other colours go through the profile (relative colorimetric,
black point compensation).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from io import BytesIO
from pathlib import Path
from typing import Protocol, cast

import tinycss2
from PIL import Image, ImageCms
from tinycss2 import ast
from tinycss2.color5 import parse_color

from briefpress.errors import SetupError
from briefpress.files import RESOURCE_BYTES, UnreadableFileError, read_capped


class Declaration(Protocol):
    """A stylesheet's declaration as the stylesheet model gives it (``briefpress.render.styles``)."""

    @property
    def selector(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> tuple[ast.Node, ...]: ...


# The press profile of print-ready PDFs: the project's own (styles/press.icc,
# from the print shop), else Ghostscript's generic CMYK one.
PRESS_PROFILE = "press.icc"
FALLBACK_PRESS_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
# A colour this close to grey (CIELAB chroma) and this dark (L*) prints in black ink alone.
NEUTRAL_CHROMA = 10.0
NEUTRAL_LIGHTNESS = 60.0
_COLOUR_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla", "hwb"})
_NOT_COLOURS = frozenset({"transparent", "currentcolor"})
# Properties whose words are never colours, though "Red" or "Navy" may start a font's name.
_WORDS = frozenset({"font", "font-family", "content", "string-set", "quotes", "counter-reset", "counter-increment"})


def press_profile_path(style_dirs: Iterable[Path]) -> Path:
    """Return the press profile print-ready PDFs are made for, or raise SetupError."""
    candidates = [folder / PRESS_PROFILE for folder in style_dirs] + [FALLBACK_PRESS_PROFILE]
    path = next((path for path in candidates if path.is_file()), None)
    if path is None:
        raise SetupError(
            f"print-ready PDFs need a CMYK press profile: put your printer's at styles/{PRESS_PROFILE} "
            "or apt-get install ghostscript"
        )
    try:
        space = ImageCms.ImageCmsProfile(BytesIO(read_capped(path, RESOURCE_BYTES))).profile.xcolor_space.strip()
    except (OSError, ImageCms.PyCMSError, UnreadableFileError):
        raise SetupError(f"{path}: not an ICC colour profile; print-ready PDFs need your printer's CMYK one") from None
    if space != "CMYK":
        raise SetupError(f"{path}: an {space} colour profile; print-ready PDFs need your printer's CMYK one")
    return path


@lru_cache(maxsize=4)
def press(profile: bytes) -> Press:
    """Return the converter for a press profile's bytes, made once a process."""
    return Press(profile)


@dataclass
class Press:
    """Converts sRGB colours to the inks of one press profile."""

    profile: bytes
    _cache: dict[tuple[float, ...], tuple[float, float, float, float]] = field(default_factory=dict, repr=False)

    @cached_property
    def _cmyk(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"),
            ImageCms.ImageCmsProfile(BytesIO(self.profile)),
            "RGB",
            "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )

    @cached_property
    def _lab(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB")

    @cached_property
    def _black_lightness(self) -> list[float]:
        """The L* of black ink at each of its 256 tints, 0 to 100 %."""
        lab = ImageCms.buildTransform(
            ImageCms.ImageCmsProfile(BytesIO(self.profile)),
            ImageCms.createProfile("LAB"),
            "CMYK",
            "LAB",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        )
        ramp = Image.frombytes("CMYK", (256, 1), b"".join(bytes((0, 0, 0, k)) for k in range(256)))
        return [_first(ramp, lab, k)[0] / 2.55 for k in range(256)]

    @cached_property
    def _srgb(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.ImageCmsProfile(BytesIO(self.profile)),
            ImageCms.createProfile("sRGB"),
            "CMYK",
            "RGB",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )

    def srgb(self, cyan: float, magenta: float, yellow: float, black: float) -> tuple[float, float, float]:
        """Return the sRGB colour (each channel 0 to 1) that inks print as on this press."""
        pixel = Image.new("CMYK", (1, 1), tuple(round(ink * 255) for ink in (cyan, magenta, yellow, black)))
        red, green, blue = _first(pixel, self._srgb)
        return red / 255, green / 255, blue / 255

    def cmyk(self, red: float, green: float, blue: float) -> tuple[float, float, float, float]:
        """Return the inks (each 0 to 1) of an sRGB colour (each channel 0 to 1)."""
        key = (red, green, blue)
        if key not in self._cache:
            self._cache[key] = self._convert(*(round(channel * 255) for channel in key))
        return self._cache[key]

    def _convert(self, red: int, green: int, blue: int) -> tuple[float, float, float, float]:
        pixel = Image.new("RGB", (1, 1), (red, green, blue))
        encoded, a, b = _first(pixel, self._lab)
        lightness = encoded / 2.55
        chroma = math.hypot(a - 128, b - 128)
        if red == green == blue or (chroma < NEUTRAL_CHROMA and lightness < NEUTRAL_LIGHTNESS):
            # The tint of black ink whose lightness is nearest the grey's.
            ramp = self._black_lightness
            tint = min(range(256), key=lambda k: abs(ramp[k] - lightness))
            return (0.0, 0.0, 0.0, round(tint / 255, 3))
        inks = _first(pixel, self._cmyk)
        cyan, magenta, yellow, black = (round(ink / 255, 3) for ink in inks)
        return (cyan, magenta, yellow, black)

    def restated(self, declarations: Iterable[Declaration]) -> str:
        """Return the CSS that restates each colour of ``declarations`` in CMYK, each with its selector."""
        rules = []
        for declaration in declarations:
            if declaration.name in _WORDS or declaration.name.startswith("--font"):
                continue
            value = list(self._inks(declaration.value))
            if any(new is not old for new, old in zip(value, declaration.value, strict=True)):
                rules.append(_rule(declaration.selector, f"{declaration.name}: {tinycss2.serialize(value).strip()}"))
        return "".join(rules)

    def _inks(self, nodes: Sequence[ast.Node]) -> Iterator[ast.Node]:
        """Yield ``nodes`` with each colour in CMYK; a node with no colour in it is yielded as it is."""
        for node in nodes:
            if isinstance(node, ast.FunctionBlock) and node.lower_name not in _COLOUR_FUNCTIONS:
                arguments = list(self._inks(node.arguments))
                unchanged = all(new is old for new, old in zip(arguments, node.arguments, strict=True))
                yield (
                    node if unchanged else ast.FunctionBlock(node.source_line, node.source_column, node.name, arguments)
                )
            elif _is_colour(node) and (color := parse_color(node)) is not None and color.space != "device-cmyk":
                yield self._ink(color)
            else:
                yield node

    def _ink(self, color: tinycss2.color5.Color) -> ast.Node:
        red, green, blue = color.to("srgb").coordinates
        inks = " ".join(f"{ink:g}" for ink in self.cmyk(*(min(1.0, max(0.0, c)) for c in (red, green, blue))))
        alpha = f" / {color.alpha:g}" if color.alpha < 1 else ""
        return tinycss2.parse_one_component_value(f"device-cmyk({inks}{alpha})")


def _first(image: Image.Image, transform: ImageCms.ImageCmsTransform, x: int = 0) -> tuple[int, ...]:
    """Return pixel ``x`` of the top row of ``image`` converted by ``transform``."""
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # a new image, not one converted in place
    return cast(tuple[int, ...], converted.getpixel((x, 0)))


def _is_colour(node: ast.Node) -> bool:
    if isinstance(node, ast.HashToken):
        return True
    if isinstance(node, ast.FunctionBlock):
        return node.lower_name in _COLOUR_FUNCTIONS
    return isinstance(node, ast.IdentToken) and node.lower_value not in _NOT_COLOURS


def _rule(selector: str, declaration: str) -> str:
    """Return a rule for ``selector`` (``@page :first @top-left`` nests the margin box) holding ``declaration``."""
    outer, at, margin = selector.partition(" @")
    if selector.startswith("@page") and at:
        return f"{outer} {{ @{margin} {{ {declaration}; }} }}\n"
    return f"{selector} {{ {declaration}; }}\n"
