"""A target: one PDF a build makes, named by briefing, language, layout, style and paper."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAIR = "+"
# The PDF variants a target can take, and what each adds to its file name.
SUFFIXES = {"pdf/ua-1": "", "pdf/a-3b": "-pdfa", "pdf/x-4": "-print"}


@dataclass(frozen=True, order=True)
class Target:
    """One PDF: a briefing in one language, layout, style and paper size."""

    briefing: str
    lang: str
    layout: str
    style: str
    paper: str
    variant: str = "pdf/ua-1"

    def __str__(self) -> str:
        return f"{self.briefing}/{self.lang}/{self.stem}"

    @property
    def stem(self) -> str:
        """Return ``<layout>-<style>-<paper>``, with ``-print`` or ``-pdfa`` for those variants."""
        return f"{self.layout}-{self.style}-{self.paper}{SUFFIXES[self.variant]}"

    @property
    def print_ready(self) -> bool:
        """Return whether the target is for a print shop: bleed, crop marks, PDF/X-4."""
        return self.variant == "pdf/x-4"

    @property
    def langs(self) -> tuple[str, ...]:
        """Return the target's languages: one, or two side by side (``en+es``)."""
        return tuple(self.lang.split(PAIR))

    def pdf_path(self, out_dir: Path) -> Path:
        """Return ``<out>/<briefing>/<lang>/<stem>.pdf``."""
        return out_dir / self.briefing / self.lang / f"{self.stem}.pdf"
