"""One briefing in one language, ready for a template: text joined to facts, numbers formatted."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup, escape

from briefpress.content import markup
from briefpress.content.model import Briefing, BriefingSpec, ChartRef, LanguageText, Period
from briefpress.render.collation import sort_key
from briefpress.render.i18n import Formatter


@dataclass(frozen=True)
class FigureView:
    id: str
    part: str
    value: str
    label: str
    period: str | None


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


@dataclass(frozen=True)
class QuoteView:
    id: str
    text: str
    attribution: str  # whose text the words are quoted from
    speaker: str | None  # who first said them, when that is someone else
    translated: bool  # the words are the briefing's translation, not the source's own
    after: str = ""  # punctuation set after the closing quotation mark (es: the full stop)


@dataclass(frozen=True)
class PartView:
    id: str
    title: str
    summary: str
    points: tuple[str, ...]
    figures: tuple[FigureView, ...]
    quotes: tuple[QuoteView, ...]
    charts: tuple[ChartView, ...]


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
    original_title: str | None  # the title in the source's language, when ``title`` translates it
    original_lang: str | None
    original_language: str | None  # that language's name, in the edition's language ("inglés")
    author: str
    author_role: str
    occasion: str
    event_date: str
    url: str | None


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


class Phrase(str):
    """Content text; when it stands in for a missing translation it says so in HTML."""

    fallback_lang: str | None = None

    def __new__(cls, text: str, fallback_lang: str | None = None) -> Phrase:
        phrase = super().__new__(cls, text)
        phrase.fallback_lang = fallback_lang
        return phrase

    def __html__(self) -> Markup:
        text = self._inner_html()
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
    return ChartView(
        chart.id,
        chart.part,
        t("charts", chart.id, "title"),
        t("charts", chart.id, "alt"),
        bars,
        unit=units.pop().value if len(units) == 1 else None,
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
        return self._read(path, lambda text, fallback: Phrase(markup.to_plain(text), fallback))

    def prose(self, *path: str) -> ProsePhrase:
        """Return prose, whose rich text renders."""
        return self._read(path, ProsePhrase)

    def prose_list(self, *path: str) -> tuple[ProsePhrase, ...]:
        """Return a list of prose, such as a part's points."""
        return self._read(path, ProsePhrase)

    def verbatim(self, *path: str) -> Phrase:
        """Return text exactly as written (a quotation)."""
        return self._read(path, Phrase)

    def _read(self, path: tuple[str, ...], phrase: Callable[[str, str | None], Phrase]) -> Any:
        """Return the phrase at ``path``, or a tuple of them for a list."""
        value: Any = self.briefing.texts[self.lang]
        for key in path:
            value = value[key] if isinstance(value, dict) else getattr(value, key)
        fallback = self.base if self.briefing.is_fallback(self.lang, *path) else None
        if isinstance(value, list):
            return tuple(phrase(item, fallback) for item in value)
        return phrase(value, fallback)


def edition(briefing: Briefing, lang: str, fmt: Formatter, printed: tuple[str, ...] = ()) -> Edition:
    """Return the briefing's edition in ``lang``, formatted by ``fmt``.

    ``printed`` are the languages on the same page (a bilingual sheet's columns):
    the edition does not offer them as other languages.
    """
    spec, text, t = briefing.spec, briefing.texts[lang], _Text(briefing, lang)
    issuer = t("issuer") if text.issuer else None
    figures = tuple(
        FigureView(
            id=figure.id,
            part=figure.part,
            value=fmt.figure(figure, t("figures", figure.id, "measure") if _measure(text, figure.id) else None),
            label=t("figures", figure.id, "label"),
            period=fmt.period(figure.period) if figure.period else None,
        )
        for figure in spec.figures
    )
    # Words in another language than the source's are the briefing's translation; so is a
    # title, when the source's own is known.
    original = briefing.texts.get(spec.source.language or "")
    translated = original is not None and spec.source.language != lang
    quotes = tuple(
        _stop_after_quote(
            QuoteView(
                quote.id,
                t.verbatim("quotes", quote.id, "text"),
                t("quotes", quote.id, "attribution"),
                t("quotes", quote.id, "speaker") if _quote_speaker(text, quote.id) else None,
                translated and quote.said_in != lang and not briefing.is_fallback(lang, "quotes", quote.id, "text"),
            ),
            fmt.conventions.stop_after_quote and not briefing.is_fallback(lang, "quotes", quote.id, "text"),
        )
        for quote in spec.quotes
    )
    measures: dict[str, str | None] = {
        figure.id: t("figures", figure.id, "measure") if _measure(text, figure.id) else None for figure in spec.figures
    }
    charts = tuple(_chart(chart, spec, figures, measures, t, fmt) for chart in spec.charts)
    parts = tuple(
        PartView(
            id=part,
            title=t("parts", part, "title"),
            summary=t.prose("parts", part, "summary"),
            points=t.prose_list("parts", part, "points"),
            figures=tuple(figure for figure in figures if figure.part == part),
            quotes=tuple(quote for quote, ref in zip(quotes, spec.quotes, strict=True) if ref.part == part),
            charts=tuple(chart for chart in charts if chart.part == part),
        )
        for part in spec.parts
    )
    source = SourceView(
        title=t("source", "title"),
        original_title=(
            markup.to_plain(original.source.title)
            if original and translated and not briefing.is_fallback(lang, "source", "title")
            else None
        ),
        original_lang=spec.source.language if translated else None,
        original_language=fmt.language_name(spec.source.language) if spec.source.language and translated else None,
        author=t("source", "author") if text.source.author else spec.source.author,
        author_role=t("source", "author_role"),
        occasion=t("source", "occasion"),
        event_date=fmt.long_date(spec.source.event_date),
        url=spec.source.url,
    )
    return Edition(
        lang=lang,
        dir="rtl" if fmt.locale.character_order == "right-to-left" else "ltr",
        title=t("title"),
        subtitle=t("subtitle"),
        short_title=t("short_title"),
        author=issuer or spec.author,
        issuer=issuer,
        date=fmt.long_date(spec.date),
        date_iso=spec.date.isoformat(),
        overview=t.prose("overview"),
        takeaways=t.prose_list("takeaways"),
        source=source,
        parts=parts,
        figures=figures,
        timeline=tuple(
            EventView(
                event.id,
                str(event.date),
                fmt.date(event.date),
                fmt.date(event.date, short=True),
                t.prose("timeline", event.id),
            )
            for event in spec.timeline
        ),
        glossary=_glossary(spec, text, t, fmt),
        quotes=quotes,
        base_lang=spec.base_language,
        base_lang_name=fmt.language_name(spec.base_language),
        fallbacks=len(briefing.fallbacks.get(lang, ())),
        also_in=fmt.languages([other for other in spec.languages if other not in {lang, *printed}]),
        names=_names(briefing.texts.get(lang)),
    )


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
