"""What a briefing claims: its figures, dates and quotations, each with its file, line, field and source.

A claim names the source it is taken from when the briefing says so: a figure, an event and a quotation
by their ``source`` (default: the first), a source's own dates and citation by that source. A number in
other prose (an overview, a part's points) names none: it may come from any source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefpress.checks.factcheck.figures import PLAIN, read_figures
from briefpress.checks.factcheck.values import Key, date_key, figure_key, plain
from briefpress.content.model import Briefing, PartialDate, Source
from briefpress.content.yamlread import Document, Loc, dotted, leaves


@dataclass(frozen=True)
class FigureClaim:
    """A figure or date the briefing states, as written, with its value."""

    path: Path
    line: int
    field: str
    written: str
    key: Key
    source: str | None = None  # the id of the source it is taken from; None: any source


@dataclass(frozen=True)
class QuotationClaim:
    """A quotation the briefing gives in one language."""

    path: Path
    line: int
    field: str
    lang: str
    quote_id: str
    text: str
    source: str  # the id of the source it is quoted from


Claim = FigureClaim | QuotationClaim


def claims(briefing: Briefing) -> Iterator[Claim]:
    """Yield what the briefing claims: ``briefing.yaml`` first, then each language's text in order."""
    yield from _spec_claims(briefing)
    for lang in briefing.spec.languages:
        yield from _text_claims(briefing, lang)


def _spec_claims(briefing: Briefing) -> Iterator[FigureClaim]:
    """Yield the figures (value, years of the period), timeline dates and sources' event dates of ``briefing.yaml``."""
    doc = briefing.documents[briefing.spec_file()]
    spec = briefing.spec

    def at(loc: Loc, written: str, key: Key, source: str) -> FigureClaim:
        return FigureClaim(doc.path, doc.line_of(loc), dotted(loc), written, key, source)

    for i, figure in enumerate(spec.figures):
        source = spec.source_of(figure).id
        yield at(("figures", i, "value"), f"{plain(figure.value)} {figure.unit}", figure_key(figure), source)
        if figure.period:
            for date in (figure.period.start, figure.period.end):
                if date:
                    yield at(("figures", i, "period"), str(date.year), ("year", date.year), source)
    for i, event in enumerate(spec.timeline):
        yield at(("timeline", i, "date"), str(event.date), date_key(event.date), spec.source_of(event).id)
    for loc, cited in _source_locs(briefing):
        if cited.event_date:
            day = PartialDate(cited.event_date.year, cited.event_date.month, cited.event_date.day)
            yield at((*loc, "event_date"), str(day), date_key(day), cited.id)


def _source_locs(briefing: Briefing) -> list[tuple[Loc, Source]]:
    """Return each source with where ``briefing.yaml`` gives it: ``source`` or ``sources[i]``."""
    if briefing.spec.source is not None:
        return [(("source",), briefing.spec.source)]
    return [(("sources", i), source) for i, source in enumerate(briefing.spec.sources)]


def _text_claims(briefing: Briefing, lang: str) -> Iterator[Claim]:
    """Yield the quotations and every figure in the text fields of ``text/<lang>.yaml``."""
    doc = briefing.documents[briefing.text_file(lang)]
    lines = doc.path.read_text(encoding="utf-8").splitlines()
    source_of = _source_of_text(briefing)
    for loc, value in leaves(doc.data):
        source = source_of(loc)
        if loc[0] == "quotes":
            if loc[-1] == "text" and source is not None:
                yield QuotationClaim(doc.path, doc.line_of(loc), dotted(loc), lang, str(loc[1]), value, source)
            continue
        counted: dict[str, int] = {}
        for mention in read_figures(value, lang):
            anchor = mention.text.split()[0]
            nth = counted.get(anchor, 0)
            counted[anchor] = nth + 1
            line = _line_of(lines, doc, loc, anchor, nth)
            yield FigureClaim(doc.path, line, dotted(loc), mention.text, mention.key, source)


def _source_of_text(briefing: Briefing) -> Callable[[Loc], str | None]:
    """Return what tells the source of a text field: that of its figure, event, quotation or citation, else None."""
    spec = briefing.spec
    first = spec.all_sources()[0].id
    items: dict[str, dict[str, str]] = {
        "figures": {figure.id: spec.source_of(figure).id for figure in spec.figures},
        "timeline": {event.id: spec.source_of(event).id for event in spec.timeline},
        "quotes": {quote.id: spec.source_of(quote).id for quote in spec.quotes},
        "sources": {source.id: source.id for source in spec.sources},
    }

    def source_of(loc: Loc) -> str | None:
        if loc[0] == "source":
            return first
        if loc[0] in items and len(loc) > 1:
            return items[str(loc[0])].get(str(loc[1]))
        return None

    return source_of


def _line_of(lines: list[str], doc: Document, loc: Loc, anchor: str, nth: int) -> int:
    """Return the line of the ``nth`` occurrence of ``anchor`` in the value at ``loc``."""
    start = doc.line_of(loc)
    seen = 0
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number == start and isinstance(loc[-1], str):
            line = line.split(":", 1)[-1]  # not the key itself
        seen += line.translate(PLAIN).count(anchor)
        if seen > nth:
            return number
    return start
