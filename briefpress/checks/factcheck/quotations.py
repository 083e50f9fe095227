"""Quotations folded for comparison: case, quotation marks, dashes, whitespace and omissions."""

from __future__ import annotations

import re
import unicodedata

_QUOTE_MARKS = dict.fromkeys(map(ord, "'\"‘’‚‛′`´“”„‟″«»‹›「」『』"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|\(\s*(?:\.\.\.|…)\s*\))\s*")


def normalise_quotation(text: str) -> str:
    """Return text folded for comparison: case, quotation marks, dashes and whitespace made uniform."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).translate(_DASHES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def quotation_pieces(quotation: str) -> list[str]:
    """Return the normalised pieces of a quotation, split where ``...`` marks an omission."""
    pieces = [piece.strip(" .,;:!?。，；：！？") for piece in _ELLIPSIS.split(quotation)]
    return [normalise_quotation(piece).strip(" .,;:!?") for piece in pieces if piece.strip(" .,;:!?")]
