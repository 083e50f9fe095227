"""What a briefing claims: its figures, dates and quotations, each with its file, line and field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefpress.checks.factcheck.figures import PLAIN, read_figures
from briefpress.checks.factcheck.values import Key, date_key, figure_key, plain
from briefpress.content.model import Briefing, PartialDate
from briefpress.content.yamlread import Document, Loc, dotted


@dataclass(frozen=True)
class FigureClaim:
    """A figure or date the briefing states, as written, with its value."""

    path: Path
    line: int
    field: str
    written: str
    key: Key


@dataclass(frozen=True)
class QuotationClaim:
    """A quotation the briefing gives in one language."""

    path: Path
    line: int
    field: str
    lang: str
    quote_id: str
    text: str


Claim = FigureClaim | QuotationClaim


def claims(briefing: Briefing) -> Iterator[Claim]:
    """Yield what the briefing claims: ``briefing.yaml`` first, then each language's text in order."""
    yield from _spec_claims(briefing)
    for lang in briefing.spec.languages:
        yield from _text_claims(briefing, lang)


def _spec_claims(briefing: Briefing) -> Iterator[FigureClaim]:
    """Yield the figures (value, years of the period), timeline dates and event date of ``briefing.yaml``."""
    doc = briefing.documents[briefing.spec_file()]
    spec = briefing.spec

    def at(loc: Loc, written: str, key: Key) -> FigureClaim:
        return FigureClaim(doc.path, doc.line_of(loc), dotted(loc), written, key)

    for i, figure in enumerate(spec.figures):
        yield at(("figures", i, "value"), f"{plain(figure.value)} {figure.unit}", figure_key(figure))
        if figure.period:
            for date in (figure.period.start, figure.period.end):
                if date:
                    yield at(("figures", i, "period"), str(date.year), ("year", date.year))
    for i, event in enumerate(spec.timeline):
        yield at(("timeline", i, "date"), str(event.date), date_key(event.date))
    day = spec.source.event_date
    event_date = PartialDate(day.year, day.month, day.day)
    yield at(("source", "event_date"), str(event_date), date_key(event_date))


def _text_claims(briefing: Briefing, lang: str) -> Iterator[Claim]:
    """Yield the quotations and every figure in the text fields of ``text/<lang>.yaml``."""
    doc = briefing.documents[briefing.text_file(lang)]
    lines = doc.path.read_text(encoding="utf-8").splitlines()
    for loc, value in _leaves(doc.data):
        if loc[0] == "quotes":
            if loc[-1] == "text":
                yield QuotationClaim(doc.path, doc.line_of(loc), dotted(loc), lang, str(loc[1]), value)
            continue
        counted: dict[str, int] = {}
        for mention in read_figures(value, lang):
            anchor = mention.text.split()[0]
            nth = counted.get(anchor, 0)
            counted[anchor] = nth + 1
            line = _line_of(lines, doc, loc, anchor, nth)
            yield FigureClaim(doc.path, line, dotted(loc), mention.text, mention.key)


def _leaves(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


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
