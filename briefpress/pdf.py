"""Render HTML to PDF bytes with WeasyPrint, treating its errors as failures."""

from __future__ import annotations

import logging
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
            "the HarfBuzz subsetting library is missing, so PDFs would be slow and not "
            f"reproducible: {HARFBUZZ_HINT}"
        )


@dataclass
class Renderer:
    """Renders HTML to PDF with one font configuration, reused across documents."""

    fetcher: RootedFetcher
    font_config: FontConfiguration = field(default_factory=FontConfiguration)

    def pdf(self, html: str, base_url: str, name: str) -> tuple[bytes, list[str]]:
        """Return the PDF of ``html`` and WeasyPrint's warnings; raise on its errors."""
        with _captured("weasyprint") as records:
            document = HTML(string=html, base_url=base_url, url_fetcher=self.fetcher)
            data = document.write_pdf(font_config=self.font_config)
        errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
        if errors:
            raise RenderError(f"{name}: " + "; ".join(errors))
        return data, [f"{name}: {r.getMessage()}" for r in records]


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
