"""Fit a document to its page budget by scaling its type, within readable bounds.

A layout declares a budget (``:root { --page-budget: 1; }`` in its stylesheet)
and sizes its type in proportion to ``--fit-scale``. The solver lays the
document out (without writing it) at scale 1; if it overflows, it tries the
smallest readable scale, then bisects between the two, keeping the largest
scale that fits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import TextBox

from briefpress.errors import RenderError, counted
from briefpress.render.joins import WORD_JOINER

PRECISION = 0.01  # stop bisecting when the scale is known to within 1 %
MAX_PASSES = 8


@dataclass(frozen=True)
class Fitted:
    """The laid-out document, the scale it took and how many layout passes."""

    document: Document
    html: str
    scale: float
    passes: int


def fit(
    layout: Callable[[float], tuple[Document, str]], budget: int | None, min_body: float, overflow: int | None = None
) -> Fitted:
    """Return the layout at the largest scale (at most 1) that fits in ``budget`` pages.

    ``layout(scale)`` returns the laid-out document and its HTML. Without a
    budget, the document is returned as laid out at scale 1. When even the
    smallest readable scale overflows, fit ``overflow`` pages instead if the
    layout allows more (a one-page sheet set on both sides of its paper), or
    raise RenderError, naming what does not fit.
    """
    full = layout(1.0)
    try:
        return _fit(layout, full, budget, min_body)
    except RenderError:
        if budget is None or overflow is None or overflow <= budget:
            raise
        return _fit(layout, full, overflow, min_body)  # the layout at scale 1 serves both budgets


def _fit(
    layout: Callable[[float], tuple[Document, str]], full: tuple[Document, str], budget: int | None, min_body: float
) -> Fitted:
    document, html = full
    passes = 1
    if budget is None or len(document.pages) <= budget:
        return Fitted(document, html, 1.0, passes)
    low = min(1.0, min_body / body_size_pt(document))
    if low >= 1.0:  # the style allows no smaller type: this layout is the smallest
        raise RenderError(overflow_report(document, budget, min_body))
    smallest, smallest_html = layout(low)
    passes += 1
    if len(smallest.pages) > budget:
        raise RenderError(overflow_report(smallest, budget, min_body))
    best, best_html, high = smallest, smallest_html, 1.0
    while high - low > PRECISION and passes < MAX_PASSES:
        middle = (low + high) / 2
        document, html = layout(middle)
        passes += 1
        if len(document.pages) <= budget:
            best, best_html, low = document, html, middle
        else:
            high = middle
    return Fitted(best, best_html, low, passes)


def body_size_pt(document: Document) -> float:
    """Return the root element's font size in points: the body text size."""
    root = document.pages[0]._page_box.children[0]
    return root.style["font_size"] * 0.75


def overflow_report(document: Document, budget: int, min_body: float) -> str:
    """Say what does not fit: the first words of each block past the budget (the target is named by its caller)."""
    spilled: list[str] = []
    for page in document.pages[budget:]:
        for box in page._page_box.descendants():
            if isinstance(box, TextBox) and box.text.strip():
                words = " ".join(box.text.replace(WORD_JOINER, "").split())
                if not spilled or not spilled[-1].startswith(words[:20]):
                    spilled.append(words[:40])
    shown = "; ".join(f"'{text}'" for text in spilled[:6]) + (" ..." if len(spilled) > 6 else "")
    pages = len(document.pages)
    return (
        f"does not fit {counted(budget, 'page')} even with body text at {min_body:g} pt "
        f"(it takes {pages}); beyond page {budget}: {shown}. Shorten the content or use another layout."
    )
