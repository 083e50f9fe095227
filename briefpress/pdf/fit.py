"""Fit a document to its page budget by scaling its type, within readable bounds.

A layout declares a budget (``:root { --page-budget: 1; }`` in its stylesheet)
and sizes its type in proportion to ``--fit-scale``. The solver lays the
document out (without writing it) at scale 1; if it overflows, it tries the
smallest readable scale, then bisects between the two, keeping the largest
scale that fits.

A layout without a budget may declare how far its type may tighten to end a
page sooner (``--fit-tighten: 0.95``): when the document's last page (a
booklet's last sheet of four) could go at a scale no smaller than that, the
solver keeps the largest scale that saves it, and otherwise the layout at 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import TextBox

from briefpress.errors import RenderError, counted
from briefpress.render.joins import WORD_JOINER

PRECISION = 0.01  # stop bisecting when the scale is known to within 1 %
TIGHTEN_PRECISION = 0.02  # to save a page, 2 % is close enough: each pass is a whole layout
MAX_PASSES = 8


@dataclass(frozen=True)
class Fitted:
    """The laid-out document, the scale it took and how many layout passes."""

    document: Document
    html: str
    scale: float
    passes: int


def fit(
    layout: Callable[[float], tuple[Document, str]],
    budget: int | None,
    min_body: float,
    overflow: int | None = None,
    tighten: float | None = None,
    unit: int = 1,
) -> Fitted:
    """Return the layout at the largest scale (at most 1) that fits in ``budget`` pages.

    ``layout(scale)`` returns the laid-out document and its HTML. Without a
    budget, the document is returned as laid out at scale 1, or, with
    ``tighten``, at the largest scale no smaller than it that takes ``unit``
    pages fewer (a booklet's sheet is 4). When even the smallest readable
    scale overflows the budget, fit ``overflow`` pages instead if the layout
    allows more (a one-page sheet set on both sides of its paper), or raise
    RenderError, naming what does not fit.
    """
    full = layout(1.0)
    if budget is None:
        return _tightened(layout, full, min_body, tighten, unit)
    try:
        return _fit(layout, full, budget, min_body)
    except RenderError:
        if overflow is None or overflow <= budget:
            raise
        return _fit(layout, full, overflow, min_body)  # the layout at scale 1 serves both budgets


def _tightened(
    layout: Callable[[float], tuple[Document, str]],
    full: tuple[Document, str],
    min_body: float,
    tighten: float | None,
    unit: int,
) -> Fitted:
    document, html = full
    fewer = (len(document.pages) - 1) // unit * unit
    low = max(tighten or 1.0, _smallest_scale(document, min_body))
    if fewer < 1 or low >= 1.0:
        return Fitted(document, html, 1.0, 1)
    fitted, _smallest = _bisect(layout, fewer, low, TIGHTEN_PRECISION)
    return fitted or Fitted(document, html, 1.0, 2)


def _fit(
    layout: Callable[[float], tuple[Document, str]], full: tuple[Document, str], budget: int, min_body: float
) -> Fitted:
    document, html = full
    if len(document.pages) <= budget:
        return Fitted(document, html, 1.0, 1)
    low = _smallest_scale(document, min_body)
    if low >= 1.0:  # the style allows no smaller type: this layout is the smallest
        raise RenderError(overflow_report(document, budget, min_body))
    fitted, smallest = _bisect(layout, budget, low)
    if fitted is None:
        raise RenderError(overflow_report(smallest, budget, min_body))
    return fitted


def _bisect(
    layout: Callable[[float], tuple[Document, str]], budget: int, low: float, precision: float = PRECISION
) -> tuple[Fitted | None, Document]:
    """Return the largest scale from ``low`` up that fits ``budget`` pages, and the layout at ``low``.

    The scale is None when even ``low`` does not fit. The layout at scale 1,
    known not to fit, counts as the first pass.
    """
    smallest, smallest_html = layout(low)
    passes = 2
    if len(smallest.pages) > budget:
        return None, smallest
    best, best_html, high = smallest, smallest_html, 1.0
    while high - low > precision and passes < MAX_PASSES:
        middle = (low + high) / 2
        document, html = layout(middle)
        passes += 1
        if len(document.pages) <= budget:
            best, best_html, low = document, html, middle
        else:
            high = middle
    return Fitted(best, best_html, low, passes), smallest


def _smallest_scale(document: Document, min_body: float) -> float:
    """Return the scale (at most 1) at which the body text of ``document``, laid out at 1, is ``min_body`` points."""
    return min(1.0, min_body / body_size_pt(document))


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
