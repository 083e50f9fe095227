"""One briefing in one language, ready for a template: text joined to facts, numbers formatted."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup, escape

from briefpress.content import markup
from briefpress.content.model import (
    Briefing,
    BriefingSpec,
    ChartRef,
    LanguageText,
    PartPlace,
    Period,
    PointText,
    Show,
    Source,
    SourceKind,
)
from briefpress.content.todo import hint as todo_hint
from briefpress.content.todo import is_todo
from briefpress.render.collation import sort_key
from briefpress.render.i18n import Formatter


@dataclass(frozen=True)
class FigureView:
    id: str
    part: str
    value: str
    label: str
    period: str | None
    source: str = "source"  # the id of the source it is taken from


@dataclass(frozen=True)
class BarView:
    id: str  # the figure's id
    key: str  # the short name beside the bar: the figure's period, else its label
    label: str
    value: str
    share: float  # the bar's length, as a share of the longest


@dataclass(frozen=True)
class ChartView:
    id: str
    part: str
    title: str
    alt: str
    bars: tuple[BarView, ...]
    unit: str | None  # the bars' unit (a Unit value), when they share one
    note: str | None  # what a reader must know to compare the bars: periods of unequal length
    sources: tuple[SourceView, ...] = ()  # the sources its figures are taken from
    unit_name: str | None = None  # "In euros", "In metric tons": the shared unit other than USD, count, percent


@dataclass(frozen=True)
class QuoteView:
    id: str
    text: str
    attribution: str  # whose text the words are quoted from
    speaker: str | None  # who first said them, when that is someone else
    translated: bool  # the words are the briefing's translation, not the source's own
    after: str = ""  # punctuation set after the closing quotation mark (es: the full stop)
    source: str = "source"  # the id of the source it is quoted from


@dataclass(frozen=True)
class PartView:
    id: str
    title: str
    summary: str | None
    points: tuple[str, ...]
    figures: tuple[FigureView, ...]
    quotes: tuple[QuoteView, ...]
    charts: tuple[ChartView, ...]
    number: str = ""  # "2.3": the third part of the second
    level: int = 1  # 1 for a top-level part
    parts: tuple[PartView, ...] = ()  # the parts it holds
    full: bool = True  # False: the layout shows its title only (deeper than the layout's depth)


@dataclass(frozen=True)
class EventView:
    id: str
    iso: str
    date: str
    short_date: str
    text: str
    source: str = "source"  # the id of the source it is taken from


@dataclass(frozen=True)
class TermView:
    id: str
    term: str
    definition: str


@dataclass(frozen=True)
class SourceView:
    title: str
    original_title: str | None  # the title in the source's language, when ``title`` translates it
    original_lang: str | None
    original_language: str | None  # that language's name, in the edition's language ("inglés")
    author: str  # who wrote or delivered it, else the body that issued it
    author_role: str | None
    occasion: str | None
    event_date: str | None
    url: str | None
    id: str = "source"
    kind: str = SourceKind.ARTICLE.value
    issuer: str | None = None  # the issuing body, when an author is named too
    date: str | None = None  # when it was published, else released or delivered
    dated: str = ""  # how it came out: "published", "released", "delivered" (a speech), "held"
    items: tuple[str, ...] = ()  # what the briefing takes from it, when it is not the summarised source


@dataclass(frozen=True)
class Edition:
    """Everything a template prints, in one language."""

    lang: str
    dir: str  # "ltr" or "rtl"
    title: str
    subtitle: str
    short_title: str
    author: str  # who issues the briefing: the text's issuer, else briefing.yaml's author
    issuer: str | None  # the issuer as the cover names it, when the text names one
    date: str
    date_iso: str
    overview: str
    takeaways: tuple[str, ...]
    source: SourceView
    parts: tuple[PartView, ...]
    figures: tuple[FigureView, ...]
    timeline: tuple[EventView, ...]
    glossary: tuple[TermView, ...]
    quotes: tuple[QuoteView, ...]
    base_lang: str
    base_lang_name: str
    fallbacks: int  # how many fields are shown in the base language
    also_in: str  # the briefing's languages not printed on the page, named in this language
    names: tuple[str, ...] = ()  # names a line never breaks inside: the text's names and glossary terms
    sources: tuple[SourceView, ...] = ()  # every source, the summarised one first (``source``)
    all_parts: tuple[PartView, ...] = ()  # every part at any depth, in reading order
    charts: tuple[ChartView, ...] = ()  # every chart, in reading order
    left_out: tuple[str, ...] = ()  # what was left out to fit, in plain words, for the build's message
    numbered: bool = False  # some part holds parts: headings, contents and bookmarks carry their numbers
    depth: int | None = None  # how many levels of parts the layout is asked to show in full (show.depth)
    stale: int = 0  # how many translated fields were made from an older base-language text (marked on the page)


class Phrase(str):
    """Content text; when it stands in for a missing translation, or one awaiting review, it says so in HTML."""

    fallback_lang: str | None = None
    stale: bool = False  # translated from an older base-language text
    todo: bool = False  # left for a person to write (``TODO: hint``): the hint, marked as a draft

    def __new__(cls, text: str, fallback_lang: str | None = None, stale: bool = False) -> Phrase:
        phrase = super().__new__(cls, todo_hint(text))
        phrase.fallback_lang, phrase.stale, phrase.todo = fallback_lang, stale, is_todo(text)
        return phrase

    def __html__(self) -> Markup:
        text = self._inner_html()
        if self.todo:
            return Markup('<span class="todo">{}</span>').format(text)
        if self.stale:
            return Markup('<span class="stale">{}</span>').format(text)
        if self.fallback_lang is None:
            return text
        return Markup('<span class="fallback" lang="{}">{}</span>').format(self.fallback_lang, text)

    def _inner_html(self) -> Markup:
        return escape(str(self))

    def plain(self) -> str:
        """Return the text as a bookmark, an attribute or a drawing shows it: no markup."""
        return str(self)


class ProsePhrase(Phrase):
    """Prose: its rich text (emphasis, code, links) becomes HTML; all else is escaped."""

    def _inner_html(self) -> Markup:
        return markup.to_html(str(self))

    def plain(self) -> str:
        return markup.to_plain(str(self))


def _chart(
    chart: ChartRef,
    spec: BriefingSpec,
    figures: tuple[FigureView, ...],
    measures: dict[str, str | None],
    t: _Text,
    fmt: Formatter,
) -> ChartView:
    facts = {figure.id: figure for figure in spec.figures}
    views = {figure.id: figure for figure in figures}
    longest = max(facts[figure].value for figure in chart.figures) or 1
    # A bar is named by its period when the periods tell the bars apart (a series of years),
    # else by its label (the sectors of one year).
    periods = [views[figure].period for figure in chart.figures]
    by_period = all(periods) and len(set(periods)) == len(periods)
    bars = tuple(
        BarView(
            id=figure,
            key=(views[figure].period if by_period else None) or views[figure].label,
            label=f"{views[figure].period}: {views[figure].label}" if views[figure].period else views[figure].label,
            # Without "a year" or "each": the chart's title says what a bar covers, and a bar's
            # value is one line of the drawing (large print would shrink it below 14 pt).
            value=fmt.figure(facts[figure].model_copy(update={"per": None}), measures[figure]),
            share=float(facts[figure].value / longest),
        )
        for figure in chart.figures
    )
    units = {facts[figure].unit for figure in chart.figures}
    shared = units.pop() if len(units) == 1 else None
    return ChartView(
        chart.id,
        chart.part,
        t("charts", chart.id, "title"),
        t("charts", chart.id, "alt"),
        bars,
        unit=shared,
        unit_name=fmt.unit_caption(shared) if shared else None,
        note=_periods_note([facts[figure].period for figure in chart.figures], fmt),
    )


def _months(period: Period | None) -> int | None:
    """Return how many calendar months a period covers, or None when it is open or known to the day."""
    if period is None or period.start is None or period.end is None:
        return None
    start, end = period.start, period.end
    if "day" in (start.precision, end.precision):
        return None
    return (end.year - start.year) * 12 + (end.month or 12) - (start.month or 1) + 1


def _periods_note(periods: list[Period | None], fmt: Formatter) -> str | None:
    """Return a note on the bars whose periods cover part of a year, when others cover whole years."""
    months = [_months(period) for period in periods]
    partial = [(period, count) for period, count in zip(periods, months, strict=True) if count and count % 12]
    if not partial or len(set(months)) < 2:
        return None
    sentences = [
        # TRANSLATORS: a chart's note on a bar whose period is not whole years, e.g. "Jan – Nov 2021 covers 11 months."
        fmt.ngettext("{period} covers {count} month.", "{period} covers {count} months.", count).format(
            period=fmt.period(period), count=count
        )
        for period, count in partial
        if period is not None
    ]
    whole = sum(1 for count in months if count and not count % 12)
    if whole:
        # TRANSLATORS: follows the note on the bars of shorter periods; the count is of the other bars.
        sentences.append(fmt.ngettext("The other bar covers whole years.", "The other bars cover whole years.", whole))
    # Sentences are joined by a space, but after a full-width full stop (Chinese, Japanese).
    return "".join(sentence + ("" if sentence.endswith("。") else " ") for sentence in sentences).strip()


class _Text:
    """Reads one language's text by path, marking what falls back to the base language."""

    def __init__(self, briefing: Briefing, lang: str) -> None:
        self.briefing, self.lang = briefing, lang
        self.base = briefing.spec.base_language

    def __call__(self, *path: str) -> Phrase:
        """Return a title, label or name: markup, if any, is taken out."""
        return self._read(path, lambda text, fallback, stale: Phrase(markup.to_plain(text), fallback, stale))

    def prose(self, *path: str) -> ProsePhrase:
        """Return prose, whose rich text renders."""
        return self._read(path, ProsePhrase)

    def prose_list(self, *path: str) -> tuple[ProsePhrase, ...]:
        """Return a list of prose, such as a part's points."""
        return self._read(path, ProsePhrase)

    def verbatim(self, *path: str) -> Phrase:
        """Return text exactly as written (a quotation)."""
        return self._read(path, Phrase)

    def _read(self, path: tuple[str, ...], phrase: Callable[[str, str | None, bool], Phrase]) -> Any:
        """Return the phrase at ``path``, or a tuple of them for a list."""
        value: Any = self.briefing.texts[self.lang]
        for key in path:
            value = value[key] if isinstance(value, dict) else getattr(value, key)
        lang, briefing = self.lang, self.briefing
        if isinstance(value, list):
            return tuple(
                phrase(item, self._fallback(*path, i), briefing.is_stale(lang, *path, i))
                for i, item in enumerate(value)
            )
        return phrase(value, self._fallback(*path), briefing.is_stale(lang, *path))

    def _fallback(self, *path: str | int) -> str | None:
        """Return the base language when the text at ``path`` is taken from it, else None."""
        return self.base if self.briefing.is_fallback(self.lang, *path) else None


def edition(
    briefing: Briefing,
    lang: str,
    fmt: Formatter,
    printed: tuple[str, ...] = (),
    show: Show | None = None,
    leave_out: int = 0,
) -> Edition:
    """Return the briefing's edition in ``lang``, formatted by ``fmt``.

    ``printed`` are the languages on the same page (a bilingual sheet's columns):
    the edition does not offer them as other languages. ``show`` narrows what a
    layout shows (some parts, a depth, at most so many points, figures, events);
    ``leave_out`` leaves out items of priority 3 (1) or of priority 2 and 3 (2),
    to fit, and the edition says what it left out.
    """
    spec, text, t = briefing.spec, briefing.texts[lang], _Text(briefing, lang)
    show = show or Show.model_validate({})
    keep = 3 - leave_out  # the lowest priority kept
    left_out: list[str] = []
    places = spec.part_places()
    shown_parts = _shown_parts(places, show)
    issuer = t("issuer") if text.issuer else None
    sources = _sources(briefing, lang, t, fmt)
    all_figures = tuple(
        FigureView(
            id=figure.id,
            part=figure.part,
            value=fmt.figure(figure, t("figures", figure.id, "measure") if _measure(text, figure.id) else None),
            label=t("figures", figure.id, "label"),
            period=fmt.period(figure.period) if figure.period else None,
            source=spec.source_of(figure).id,
        )
        for figure in spec.figures
    )
    measures: dict[str, str | None] = {
        figure.id: t("figures", figure.id, "measure") if _measure(text, figure.id) else None for figure in spec.figures
    }
    charts = tuple(
        replace(
            _chart(chart, spec, all_figures, measures, t, fmt),
            sources=_chart_sources(chart, spec, sources),
        )
        for chart in spec.charts
        if chart.part in shown_parts
    )
    charted = {bar.id for chart in charts for bar in chart.bars}
    # A figure a chart draws stays with its chart; the others may be left out to fit.
    shown = [pair for pair in zip(spec.figures, all_figures, strict=True) if pair[0].part in shown_parts]
    stays = {figure.id for figure, _ in shown if figure.id in charted or figure.priority <= keep}
    candidates = [(figure, view) for figure, view in shown if figure.id in stays]
    left_out += [f"the figure {markup.to_plain(str(view.label))!r}" for figure, view in shown if figure.id not in stays]
    if show.figures is not None:
        cards = [(figure, view) for figure, view in candidates if figure.id not in charted]
        kept_cards = {view.id for _, view in _first_by_priority(cards, show.figures, lambda pair: pair[0].priority)}
        candidates = [(figure, view) for figure, view in candidates if figure.id in charted or view.id in kept_cards]
    figures = tuple(view for _, view in candidates)
    # Words in another language than the source's are the briefing's translation; so is a
    # title, when the source's own is known.
    quotes = tuple(
        _stop_after_quote(
            QuoteView(
                quote.id,
                t.verbatim("quotes", quote.id, "text"),
                t("quotes", quote.id, "attribution"),
                t("quotes", quote.id, "speaker") if _quote_speaker(text, quote.id) else None,
                _translated(briefing, spec.source_of(quote), lang)
                and quote.said_in != lang
                and not briefing.is_fallback(lang, "quotes", quote.id, "text"),
                source=spec.source_of(quote).id,
            ),
            fmt.conventions.stop_after_quote and not briefing.is_fallback(lang, "quotes", quote.id, "text"),
        )
        for quote in spec.quotes
    )
    views: dict[str, PartView] = {}
    for place in reversed(places.values()):  # the deepest first: a part holds its parts' views
        if place.id not in shown_parts:
            continue
        points = _points(briefing, lang, place.id)
        if show.points is not None:
            points = _first_by_priority(points, show.points, lambda point: point[1])
        kept = tuple(point for point, priority in points if priority <= keep)
        if len(kept) < len(points):
            count = len(points) - len(kept)
            title = markup.to_plain(str(t("parts", place.id, "title")))
            left_out.append(f"{count} point{'s' if count > 1 else ''} of {title!r}")
        entry = text.parts[place.id]
        views[place.id] = PartView(
            id=place.id,
            title=t("parts", place.id, "title"),
            summary=t.prose("parts", place.id, "summary") if entry.summary is not None else None,
            points=kept,
            figures=tuple(figure for figure in figures if figure.part == place.id),
            quotes=tuple(quote for quote, ref in zip(quotes, spec.quotes, strict=True) if ref.part == place.id),
            charts=tuple(chart for chart in charts if chart.part == place.id),
            number=".".join(map(str, place.number)),
            level=place.level,
            parts=tuple(views[child] for child in place.children if child in views),
            full=show.depth is None or place.level <= show.depth,
        )
    ordered = tuple(views[key] for key in places if key in views)
    placed_quotes = {quote.id for part in ordered for quote in part.quotes}
    events = [(event, event.priority) for event in spec.timeline]
    if show.events is not None:
        events = _first_by_priority(events, show.events, lambda pair: pair[1])
    timeline = tuple(
        EventView(
            event.id,
            str(event.date),
            fmt.date(event.date),
            fmt.date(event.date, short=True),
            t.prose("timeline", event.id),
            source=spec.source_of(event).id,
        )
        for event, priority in events
        if priority <= keep
    )
    left_out += [
        f"the event of {event.date}" for event, priority in events if priority > keep
    ]
    sources = _with_items(sources, figures, timeline, tuple(q for q in quotes if q.id in placed_quotes), fmt)
    return Edition(
        lang=lang,
        dir="rtl" if fmt.locale.character_order == "right-to-left" else "ltr",
        title=t("title"),
        subtitle=t("subtitle"),
        short_title=t("short_title"),
        author=issuer or Phrase(spec.author),
        issuer=issuer,
        date=fmt.long_date(spec.date),
        date_iso=spec.date.isoformat(),
        overview=t.prose("overview"),
        takeaways=t.prose_list("takeaways"),
        source=sources[0],
        parts=tuple(part for part in ordered if part.id in _tops(places, shown_parts)),
        figures=figures,
        timeline=timeline,
        glossary=_glossary(spec, text, t, fmt),
        quotes=tuple(quote for quote in quotes if quote.id in placed_quotes),
        base_lang=spec.base_language,
        base_lang_name=fmt.language_name(spec.base_language),
        fallbacks=len(briefing.fallbacks.get(lang, ())),
        stale=len(briefing.stale.get(lang, ())),
        also_in=fmt.languages([other for other in spec.languages if other not in {lang, *printed}]),
        names=_names(briefing.texts.get(lang)),
        sources=sources,
        all_parts=ordered,
        charts=charts,
        left_out=tuple(left_out),
        numbered=any(place.children for place in places.values()),
        depth=show.depth,
    )


def _shown_parts(places: dict[str, PartPlace], show: Show) -> set[str]:
    """Return the ids of the parts a layout shows: those ``show`` names and all they hold (all, by default)."""
    if show.parts is None:
        return set(places)
    shown: set[str] = set()

    def add(key: str) -> None:
        shown.add(key)
        for child in places[key].children:
            add(child)

    for key in show.parts:
        add(key)
    return shown


def _tops(places: dict[str, PartPlace], shown: set[str]) -> set[str]:
    """Return the shown parts whose parent is not shown: the top of what the page prints."""
    parents = {child: place.id for place in places.values() for child in place.children}
    return {key for key in shown if parents.get(key) not in shown}


def _first_by_priority(items: list[Any], count: int, priority: Callable[[Any], int]) -> list[Any]:
    """Return at most ``count`` of ``items``, the highest priority first and then the earliest, in their order."""
    ranked = sorted(range(len(items)), key=lambda i: (priority(items[i]), i))[:count]
    return [items[i] for i in sorted(ranked)]


def _points(briefing: Briefing, lang: str, part: str) -> list[tuple[ProsePhrase, int]]:
    """Return a part's points with their priorities."""
    entry = briefing.texts[lang].parts[part]
    base = briefing.spec.base_language
    points = []
    for i, point in enumerate(entry.points):
        where = ("parts", part, "points", i)
        fallback, stale = base if briefing.is_fallback(lang, *where) else None, briefing.is_stale(lang, *where)
        text, priority = (point.text, point.priority) if isinstance(point, PointText) else (point, 2)
        points.append((ProsePhrase(text, fallback, stale), priority))
    return points


def _cited(who: str | None) -> str:
    """Return a source's author or issuer as cited: plain text, but a to-do stays a phrase (marked on the page)."""
    return who if isinstance(who, Phrase) and who.todo else str(who)


def _phrase(text: str | None) -> Phrase | None:
    """Return a name of ``briefing.yaml`` as a phrase (a to-do prints its hint, boxed), or None."""
    return None if text is None else Phrase(text)


def _translated(briefing: Briefing, source: Source, lang: str) -> bool:
    """Return whether words of ``source`` printed in ``lang`` are the briefing's translation."""
    return source.language is not None and source.language in briefing.texts and source.language != lang


def _sources(briefing: Briefing, lang: str, t: _Text, fmt: Formatter) -> tuple[SourceView, ...]:
    """Return how each source is cited in ``lang``, the summarised one first."""
    spec, text = briefing.spec, briefing.texts[lang]
    views = []
    for source in spec.all_sources():
        path: tuple[str, ...] = ("source",) if spec.source is not None else ("sources", source.id)
        entry = text.source if spec.source is not None else text.sources.get(source.id)
        assert entry is not None, "check_text makes sure the base language cites every source"
        original_text = briefing.texts.get(source.language or "")
        translated = original_text is not None and source.language != lang
        original_entry = None
        if original_text is not None:
            original_entry = original_text.source if spec.source is not None else original_text.sources.get(source.id)
        dated, when = ("published", source.published) if source.published else (_RELEASED[source.kind], source.released)
        person = t(*path, "author") if entry.author else _phrase(source.author)
        body = t(*path, "issuer") if entry.issuer else _phrase(source.issuer)
        views.append(
            SourceView(
                title=t(*path, "title"),
                original_title=(
                    markup.to_plain(original_entry.title)
                    if original_entry and translated and not briefing.is_fallback(lang, *path, "title")
                    else None
                ),
                original_lang=source.language if translated else None,
                original_language=fmt.language_name(source.language) if source.language and translated else None,
                author=_cited(person or body),
                author_role=t(*path, "author_role") if entry.author_role else None,
                occasion=t(*path, "occasion") if entry.occasion else None,
                # A speech delivered on the day of its occasion gives the day once.
                event_date=(
                    fmt.long_date(source.event_date)
                    if source.event_date and (when is None or when.first_day() != source.event_date)
                    else None
                ),
                url=source.url,
                id=source.id,
                kind=source.kind.value,
                issuer=body if person and body else None,
                date=fmt.date(when) if when else None,
                dated=dated if when else "",
            )
        )
    return tuple(views)


# How a source that was not published came out: a speech is delivered, a press conference held.
_RELEASED = {
    **dict.fromkeys(SourceKind, "released"),
    SourceKind.SPEECH: "delivered",
    SourceKind.PRESS_CONFERENCE: "held",
    SourceKind.INTERVIEW: "held",
}


def _chart_sources(chart: ChartRef, spec: BriefingSpec, sources: tuple[SourceView, ...]) -> tuple[SourceView, ...]:
    facts = {figure.id: figure for figure in spec.figures}
    ids = dict.fromkeys(spec.source_of(facts[figure]).id for figure in chart.figures)
    return tuple(source for source in sources if source.id in ids)


def _with_items(
    sources: tuple[SourceView, ...],
    figures: tuple[FigureView, ...],
    timeline: tuple[EventView, ...],
    quotes: tuple[QuoteView, ...],
    fmt: Formatter,
) -> tuple[SourceView, ...]:
    """Return the sources, each but the summarised one saying what the briefing takes from it."""
    if len(sources) < 2:
        return sources
    first, *others = sources
    named = []
    for source in others:
        # TRANSLATORS: a figure the briefing takes from one of its other sources: its value and
        # label, as a card prints them ("€250 million for the Blue Berth Fund"; zh: "{label}：{value}").
        figure_item = fmt.pgettext("taken from a source", "{value} {label}")
        # TRANSLATORS: an event the briefing takes from one of its other sources, and its first words.
        event_item = fmt.pgettext("taken from a source", "{date}: {text}")
        items = [
            *(
                figure_item.format(label=figure.label, value=figure.value)
                for figure in figures
                if figure.source == source.id
            ),
            *(
                event_item.format(date=event.date, text=_short(markup.to_plain(str(event.text))))
                for event in timeline
                if event.source == source.id
            ),
            *(fmt.gettext("“{text}”").format(text=_short(quote.text)) for quote in quotes if quote.source == source.id),
        ]
        named.append(replace(source, items=tuple(items)))
    return (first, *named)


def _short(text: str, words: int = 8) -> str:
    """Return the first words of a text, marked as cut (not after a short word such as an article)."""
    split = text.split()
    if len(split) <= words:
        return text
    kept = split[:words]
    while len(kept) > 1 and len(kept[-1].strip(",;:")) <= 3:
        kept.pop()
    return " ".join(kept).rstrip(",;:") + "…"


def _measure(text: LanguageText, figure: str) -> bool:
    entry = text.figures.get(figure)
    return entry is not None and entry.measure is not None


def _stop_after_quote(quote: QuoteView, outside: bool) -> QuoteView:
    """Move a quotation's closing full stop after its closing mark, where the language puts it there."""
    if outside and quote.text.endswith(".") and not quote.text.endswith("..."):
        return replace(quote, text=quote.text[:-1], after=".")
    return quote


def _quote_speaker(text: LanguageText, quote: str) -> bool:
    entry = text.quotes.get(quote)
    return entry is not None and entry.speaker is not None


def _glossary(spec: BriefingSpec, text: LanguageText, t: _Text, fmt: Formatter) -> tuple[TermView, ...]:
    """Return the terms this language's text uses, in its dictionary order."""
    entries = [
        TermView(key, t("glossary", key, "term"), t.prose("glossary", key, "definition")) for key in spec.glossary
    ]
    words = "\n".join(_strings(text.model_dump(exclude={"glossary", "names"})))
    key = sort_key(fmt.conventions)
    return tuple(sorted((entry for entry in entries if _uses(words, str(entry.term))), key=lambda e: key(str(e.term))))


def _strings(value: Any) -> list[str]:
    """Return every string in a loaded text, in order."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [string for item in items for string in _strings(item)]


def _uses(words: str, term: str) -> bool:
    """Return whether ``words`` use ``term``: as a whole word, or anywhere for a Chinese term."""
    term = term.strip("“”「」\"'")
    if term and not term.isascii() and unicodedata.name(term[0], "").startswith("CJK"):
        return term in words
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", words) is not None


def _names(text: LanguageText | None) -> tuple[str, ...]:
    """Return the names a text lists and its glossary's terms, without their quotation marks."""
    if text is None:
        return ()
    terms = [str(entry.term).strip("“”「」\"'") for entry in text.glossary.values()]
    return tuple(dict.fromkeys([*map(str, text.names), *terms]))
