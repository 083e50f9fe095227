"""Render HTML to PDF bytes with WeasyPrint, treating its errors as failures."""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from contextlib import contextmanager
from dataclasses import dataclass, field

from weasyprint import HTML
from weasyprint.text import ffi
from weasyprint.text.fonts import FontConfiguration

from briefpress.errors import RenderError, SetupError
from briefpress.fetch import RootedFetcher

HARFBUZZ_HINT = "apt-get install libharfbuzz-subset0"


def check_setup() -> None:
    """Raise SetupError when WeasyPrint would subset fonts slowly and non-reproducibly."""
    if getattr(ffi, "harfbuzz_subset", None) is None:
        raise SetupError(
            f"the HarfBuzz subsetting library is missing, so PDFs would be slow and not reproducible: {HARFBUZZ_HINT}"
        )


@dataclass
class Renderer:
    """Renders HTML to PDF with one font configuration, reused across documents."""

    fetcher: RootedFetcher
    font_config: FontConfiguration = field(default_factory=FontConfiguration)

    def pdf(self, html: str, base_url: str, name: str, fonts: Collection[str]) -> tuple[bytes, list[str]]:
        """Return the PDF of ``html`` and WeasyPrint's warnings.

        Raise RenderError on WeasyPrint's errors, on a missing glyph (tofu),
        and on any font outside ``fonts``, the families the style declares.
        """
        with _captured("weasyprint") as records:
            document = HTML(string=html, base_url=base_url, url_fetcher=self.fetcher).render(
                font_config=self.font_config
            )
            data = document.write_pdf()
        errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
        errors += [_tofu(r, html) for r in records if r.msg.startswith(NOTDEF)]
        for font in document.fonts.values():
            if font.family not in fonts:
                drawn = {char for text in font.to_unicode.values() for char in text}
                chars = "".join(sorted(char for char in drawn if not char.isspace())) or " "
                errors.append(
                    f"font {font.family!r}, which the style does not declare, drew {chars!r} "
                    f"(in {_excerpt(html, chars)!r}); declared: {', '.join(sorted(fonts))}"
                )
        if errors:
            raise RenderError(f"{name}: " + "; ".join(errors))
        return data, [f"{name}: {r.getMessage()}" for r in records]


NOTDEF = ".notdef glyph rendered"


def _tofu(record: logging.LogRecord, html: str) -> str:
    text = str(record.args[0]) if record.args else record.getMessage()
    return f"no font has a glyph for {text!r} (in {_excerpt(html, text)!r})"


def _excerpt(html: str, chars: str) -> str:
    """Return the words around the first of ``chars`` in the document's text."""
    text = " ".join(re.sub(r"(?s)<style>.*?</style>|<[^>]+>", " ", html).split())
    at = min((i for i in (text.find(c) for c in chars) if i >= 0), default=-1)
    return text[max(at - 30, 0) : at + 30] if at >= 0 else chars


@contextmanager
def _captured(logger_name: str):
    logger = logging.getLogger(logger_name)
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
