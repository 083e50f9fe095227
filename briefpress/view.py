"""One briefing in one language, ready for a template: text joined to facts, numbers formatted."""

from __future__ import annotations

from dataclasses import dataclass

from briefpress.i18n import Formatter
from briefpress.model import Briefing


@dataclass(frozen=True)
class FigureView:
    id: str
    part: str
    value: str
    label: str
    period: str | None


@dataclass(frozen=True)
class QuoteView:
    id: str
    text: str
    attribution: str


@dataclass(frozen=True)
class PartView:
    id: str
    title: str
    summary: str
    points: tuple[str, ...]
    figures: tuple[FigureView, ...]
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class EventView:
    id: str
    iso: str
    date: str
    short_date: str
    text: str


@dataclass(frozen=True)
class TermView:
    id: str
    term: str
    definition: str


@dataclass(frozen=True)
class SourceView:
    title: str
    author: str
    author_role: str
    occasion: str
    event_date: str
    url: str | None


@dataclass(frozen=True)
class Edition:
    """Everything a template prints, in one language."""

    lang: str
    title: str
    subtitle: str
    short_title: str
    author: str
    date: str
    date_iso: str
    overview: str
    source: SourceView
    parts: tuple[PartView, ...]
    figures: tuple[FigureView, ...]
    timeline: tuple[EventView, ...]
    glossary: tuple[TermView, ...]
    quotes: tuple[QuoteView, ...]


def edition(briefing: Briefing, lang: str, fmt: Formatter) -> Edition:
    """Return the briefing's edition in ``lang``, formatted by ``fmt``."""
    spec, text = briefing.spec, briefing.texts[lang]
    figures = tuple(
        FigureView(
            id=figure.id,
            part=figure.part,
            value=fmt.figure(figure),
            label=text.figures[figure.id].label,
            period=fmt.period(figure.period) if figure.period else None,
        )
        for figure in spec.figures
    )
    quotes = tuple(
        QuoteView(quote.id, text.quotes[quote.id].text, text.quotes[quote.id].attribution)
        for quote in spec.quotes
    )
    parts = tuple(
        PartView(
            id=part,
            title=text.parts[part].title,
            summary=text.parts[part].summary,
            points=tuple(text.parts[part].points),
            figures=tuple(figure for figure in figures if figure.part == part),
            quotes=tuple(quote for quote, ref in zip(quotes, spec.quotes, strict=True) if ref.part == part),
        )
        for part in spec.parts
    )
    source = SourceView(
        title=text.source.title,
        author=spec.source.author,
        author_role=text.source.author_role,
        occasion=text.source.occasion,
        event_date=fmt.long_date(spec.source.event_date),
        url=spec.source.url,
    )
    return Edition(
        lang=lang,
        title=text.title,
        subtitle=text.subtitle,
        short_title=text.short_title,
        author=spec.author,
        date=fmt.long_date(spec.date),
        date_iso=spec.date.isoformat(),
        overview=text.overview,
        source=source,
        parts=parts,
        figures=figures,
        timeline=tuple(
            EventView(
                event.id,
                str(event.date),
                fmt.date(event.date),
                fmt.date(event.date, short=True),
                text.timeline[event.id],
            )
            for event in spec.timeline
        ),
        glossary=tuple(
            TermView(key, text.glossary[key].term, text.glossary[key].definition) for key in spec.glossary
        ),
        quotes=quotes,
    )
