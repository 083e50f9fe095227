"""Fit a document to its page budget: shrink its type, leave out what matters least, within readable bounds.

A layout declares a budget (``:root { --page-budget: 1; }`` in its stylesheet)
and sizes its type in proportion to ``--fit-scale``. A style declares the body
size it reads comfortably at (``--fit-comfortable-body``) and the smallest it
may print (``--fit-min-body``). The solver prefers, in this order: the
document at scale 1; its type shrunk down to the comfortable size; then the
same with items of priority 3 left out; then type shrunk towards the smallest
readable size; and last, items of priority 2 (the default) left out too.

Scales lie on a grid of about 1 % steps from the smallest readable scale to 1
(the steps a bisection of that range would take). Rather than bisect, the
solver measures how full each layout is and estimates where it fits: the
height of wrapped text grows about with the square of its type size. A
document that fits takes at most three layout passes; one that cannot fit
takes two (at scale 1, then at the smallest type with everything droppable
left out), and the overflow report says how much is over and which items are
longest.

A layout without a budget may declare how far its type may tighten to end a
page sooner (``--fit-tighten: 0.95``): when the document's last page (a
booklet's last sheet of four) could go at a scale no smaller than that, the
solver keeps the largest scale that saves it, and otherwise the layout at 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import Box, InlineBox, LineBox, ReplacedBox

from briefpress.errors import RenderError, counted
from briefpress.render.joins import WORD_JOINER

PRECISION = 0.01  # the grid's step is at most 1 % of scale
TIGHTEN_PRECISION = 0.02  # to save a page, 2 % is close enough: each pass is a whole layout
MAX_HALVINGS = 6  # the grid has at most 2**6 steps
MAX_PASSES = 6
ENOUGH_PASSES = 3  # once something fits, stop looking for a larger scale after this many passes
# Text set at scale s takes about s ** 2 of its height at 1 (lines grow with the type, and wrapped
# text gets more of them), but what a page holds grows too as it shrinks: items kept whole leave
# room at the foot of a column that smaller type fills. On the sample's sheets the two together
# behave like s ** 2.4 to s ** 9; 3.5 lands within a grid step of where a sheet first fits.
EXPONENT = 3.5
# Once a guess made with EXPONENT was too bold, the next is made with the text's own s ** 2: it fits.
SAFE_EXPONENT = 2.0
HOPELESS = 0.97  # an estimate this far below the smallest candidate is not worth a pass in between
LEAVE_OUT = (1, 2)  # leave out priority 3, then priority 2 too (never priority 1)

Layout = Callable[[float, int], tuple[Document, str]]


@dataclass(frozen=True)
class Fitted:
    """The laid-out document, the scale it took, what it left out (a level) and how many layout passes."""

    document: Document
    html: str
    scale: float
    passes: int
    leave_out: int = 0


class DoesNotFitError(RenderError):
    """The document does not fit even at its smallest; the overflowing layout is kept for a look."""

    def __init__(self, message: str, document: Document, html: str, passes: int) -> None:
        super().__init__(message)
        self.document, self.html, self.passes = document, html, passes
        self.pdf = b""  # the overflowing layout as a PDF, when the renderer has written it


@dataclass(frozen=True)
class _Step:
    """One candidate layout: a type scale, a level of leaving out, and the pages it must fit in."""

    scale: float
    leave_out: int
    budget: int


@dataclass(frozen=True)
class _Pass:
    document: Document
    html: str
    fits: bool
    filled: float  # the text's height in full-width page heights (see page_fill)
    page: float  # the height a full page holds, in the same unit


def fit(
    layout: Layout,
    budget: int | None,
    min_body: float,
    overflow: int | None = None,
    tighten: float | None = None,
    unit: int = 1,
    comfortable_body: float | None = None,
    leave_out: tuple[int, ...] = LEAVE_OUT,
) -> Fitted:
    """Return the preferred layout that fits in ``budget`` pages (see the module's docstring).

    ``layout(scale, leave_out)`` returns the laid-out document and its HTML;
    ``leave_out`` lists the levels of leaving out that change the document
    (none, when it has nothing of priority 3 or 2). Without a budget, the
    document is returned as laid out at scale 1, or, with ``tighten``, at the
    largest scale no smaller than it that takes ``unit`` pages fewer (a
    booklet's sheet is 4). When nothing fits the budget, fit ``overflow``
    pages instead if the layout allows more (a one-page sheet set on both
    sides of its paper), or raise DoesNotFitError, saying what does not fit.
    """
    first = layout(1.0, 0)
    body = body_size_pt(first[0])
    if budget is None:
        return _tightened(layout, first, body, min_body, tighten, unit)
    smallest = min(1.0, min_body / body)
    comfortable = min(1.0, max(comfortable_body or min_body, min_body) / body)
    grid, levels = _grid(smallest, PRECISION), tuple(leave_out)
    if overflow is not None and overflow > budget:  # both sides of the sheet before priority 2 goes
        steps = _steps(grid, comfortable, tuple(level for level in levels if level < 2), budget)
        steps += _steps(grid, comfortable, levels, overflow)
    else:
        steps = _steps(grid, comfortable, levels, budget)
    search = _Search(layout, steps, first)
    found = search.run()
    if found is None:
        worst = search.worst()
        step = search.steps[worst]
        laid = search.tried[worst]
        message = overflow_report(laid.document, step.budget, min(min_body, body), step.leave_out)
        raise DoesNotFitError(message, laid.document, laid.html, len(search.tried))
    step, laid = search.steps[found], search.tried[found]
    return Fitted(laid.document, laid.html, step.scale, len(search.tried), step.leave_out)


def _grid(low: float, precision: float) -> list[float]:
    """Return the scales from ``low`` to 1 that a bisection to ``precision`` could end on, smallest first."""
    if low >= 1.0:
        return [1.0]
    halvings = 0
    while (1.0 - low) / 2**halvings > precision and halvings < MAX_HALVINGS:
        halvings += 1
    steps = 2**halvings
    return [low + (1.0 - low) * k / steps for k in range(steps)] + [1.0]


def _steps(grid: list[float], comfortable: float, levels: tuple[int, ...], budget: int) -> list[_Step]:
    """Return the candidates in order of preference.

    Comfortable type first; then the same with priority 3 left out; then
    smaller type, down to the smallest readable; only then priority 2 left
    out too, from scale 1 down again. Priority 2 is every item's default: a
    briefing that sets no priorities would lose all its points, figures and
    events to save the last few per cent of type size.
    """
    roomy = [scale for scale in reversed(grid) if scale >= comfortable - 1e-9]
    small = [scale for scale in reversed(grid) if scale < comfortable - 1e-9]
    third = 1 if 1 in levels else 0
    steps = [_Step(scale, 0, budget) for scale in roomy]
    if third:
        steps += [_Step(scale, third, budget) for scale in roomy]
    steps += [_Step(scale, third, budget) for scale in small]
    if 2 in levels:
        steps += [_Step(scale, 2, budget) for scale in reversed(grid)]
    return steps


class _Search:
    """Find the first candidate that fits in few passes: candidates go from not fitting to fitting.

    Each pass measures how full the document is; from the last candidate that
    did not fit, the solver estimates the scale at which the same content fits
    and tries the grid's scale at or below it.
    """

    def __init__(self, layout: Layout, steps: list[_Step], first: tuple[Document, str]) -> None:
        self.layout, self.steps = layout, steps
        self.tried: dict[int, _Pass] = {}
        self._record(0, first)

    def _record(self, index: int, laid: tuple[Document, str]) -> _Pass:
        document, html = laid
        step = self.steps[index]
        filled, page = page_fill(document, step.budget)
        self.tried[index] = _Pass(document, html, len(document.pages) <= step.budget, filled, page)
        return self.tried[index]

    def _probe(self, index: int) -> _Pass:
        step = self.steps[index]
        return self._record(index, self.layout(step.scale, step.leave_out))

    def run(self) -> int | None:
        """Return the index of the first candidate found to fit, or None when none does."""
        while True:
            over = max((i for i, laid in self.tried.items() if not laid.fits), default=-1)
            fitting = min((i for i, laid in self.tried.items() if laid.fits), default=None)
            if fitting is not None and (fitting == over + 1 or len(self.tried) >= ENOUGH_PASSES):
                return fitting
            if over == len(self.steps) - 1:
                return None
            if len(self.tried) >= MAX_PASSES:
                return fitting if fitting is not None else self._last_chance()
            self._probe(self._next(over, fitting if fitting is not None else len(self.steps)))

    def _last_chance(self) -> int | None:
        last = len(self.steps) - 1
        return last if self._probe(last).fits else None

    def _next(self, over: int, fitting: int) -> int:
        """Return the candidate to try next, after ``over`` (the last known not to fit) and before ``fitting``."""
        step = self.steps[over]
        needed = self.needed(over)
        if len(self.tried) == 1 and self.hopeless():
            return len(self.steps) - 1  # hopeless at a glance: one pass at the smallest says so
        for index in range(over + 1, fitting):
            candidate = self.steps[index]
            if candidate.leave_out != step.leave_out or candidate.budget != step.budget:
                if index - 1 > over and needed >= self.steps[index - 1].scale * HOPELESS:
                    return index - 1  # the smallest of this level may do yet
                return index  # another level of leaving out, or more pages: measure it at its top
            if candidate.scale <= needed + 1e-9:
                return index
        return fitting - 1

    def needed(self, over: int) -> float:
        """Return the scale at which the content of candidate ``over``, which does not fit, is estimated to fit."""
        step, laid = self.steps[over], self.tried[over]
        exponent = EXPONENT if over == 0 else SAFE_EXPONENT
        return step.scale * (laid.page * step.budget / max(laid.filled, 1e-9)) ** (1 / exponent)

    def hopeless(self) -> bool:
        """Return whether the first layout is so far over that even the last candidate is not estimated to fit."""
        return self.needed(0) < self.steps[-1].scale * HOPELESS

    def worst(self) -> int:
        """Return the most reduced candidate tried: the one the overflow report shows."""
        return max(self.tried)


def _tightened(
    layout: Layout,
    first: tuple[Document, str],
    body: float,
    min_body: float,
    tighten: float | None,
    unit: int,
) -> Fitted:
    document, html = first
    fewer = (len(document.pages) - 1) // unit * unit
    low = max(tighten or 1.0, min(1.0, min_body / body))
    if fewer < 1 or low >= 1.0:
        return Fitted(document, html, 1.0, 1)
    steps = [_Step(scale, 0, fewer) for scale in reversed(_grid(low, TIGHTEN_PRECISION))]
    search = _Search(layout, steps, first)
    if search.hopeless():  # not worth a pass: the last page stays
        return Fitted(document, html, 1.0, 1)
    found = search.run()
    if found is None:  # the last page stays: the layout at scale 1
        return Fitted(document, html, 1.0, len(search.tried))
    laid = search.tried[found]
    return Fitted(laid.document, laid.html, steps[found].scale, len(search.tried))


def body_size_pt(document: Document) -> float:
    """Return the root element's font size in points: the body text size."""
    root = document.pages[0]._page_box.children[0]
    return root.style["font_size"] * 0.75


def _leaves(box: Box) -> Iterator[Box]:
    """Yield the lines and replaced boxes (images, drawings) inside ``box``: what takes up a page's height."""
    if isinstance(box, LineBox | ReplacedBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _leaves(child)


def _page_heights(document: Document) -> list[float]:
    """Return, per page, the height its lines and drawings take, as if each were set the page's full width."""
    heights = []
    for page in document.pages:
        page_box = page._page_box
        width = page_box.width or 1.0
        heights.append(sum(leaf.height * min(leaf.width / width, 1.0) for leaf in _leaves(page_box)))
    return heights


def page_fill(document: Document, budget: int) -> tuple[float, float]:
    """Return the height all the text takes, and what a full page holds, in the same unit.

    A full page is one before the last; a document of one page is taken to
    fill the budget (it fits, and nothing is estimated from it).
    """
    heights = _page_heights(document)
    full = heights[:-1] or heights
    return sum(heights), max(sum(full) / len(full), 1e-9)


def overflow_report(document: Document, budget: int, min_body: float, leave_out: int = 0) -> str:
    """Say what does not fit: how much is over, and the longest items (the target is named by its caller)."""
    heights = _page_heights(document)
    page = max(sum(heights[:budget]) / budget, 1e-9)
    lines = sum(1 for p in document.pages[budget:] for leaf in _leaves(p._page_box) if isinstance(leaf, LineBox))
    share = sum(heights[budget:]) / page
    left = {0: "", 1: " and items of priority 3 left out", 2: " and items of priority 2 and 3 left out"}[leave_out]
    longest = "; ".join(f"{name!r} ({counted(count, 'line')})" for name, count in longest_items(document)[:3])
    return (
        f"does not fit {counted(budget, 'page')} even with body text at {min_body:g} pt{left} "
        f"(it takes {len(document.pages)}): {counted(lines, 'line')}, about {share:.0%} of a page, "
        f"beyond page {budget}; the longest items: {longest}. "
        "Shorten them, give points of less weight priority 3, or use another layout."
    )


ITEM_TAGS = frozenset({"li", "p", "blockquote", "dd", "figcaption"})
NAME_CHARS = 40


def longest_items(document: Document) -> list[tuple[str, int]]:
    """Return the list items and paragraphs of the document, longest first, each named by its first words."""
    lines: dict[Any, int] = {}
    for page in document.pages:
        for box in _items(page._page_box):
            count = sum(1 for leaf in _leaves(box) if isinstance(leaf, LineBox))
            lines[box.element] = lines.get(box.element, 0) + count  # an item split across pages or columns
    named = [(first_words(" ".join(element.itertext())), count) for element, count in lines.items()]
    return sorted((item for item in named if item[0]), key=lambda item: -item[1])


def _items(box: Box) -> Iterator[Box]:
    """Yield the blocks of list items and paragraphs inside ``box``, outermost only."""
    if getattr(box, "element_tag", None) in ITEM_TAGS and not isinstance(box, LineBox | InlineBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _items(child)


def first_words(text: str, limit: int = NAME_CHARS) -> str:
    """Return the first words of ``text``, cut at a word boundary within ``limit`` characters, with '…' if cut."""
    words = " ".join(text.replace(WORD_JOINER, "").split())
    if len(words) <= limit:
        return words
    cut = words[: limit + 1].rsplit(" ", 1)[0] if " " in words[:limit + 1] else words[:limit]
    return cut.rstrip(",;:") + "…"
