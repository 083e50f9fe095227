"""The content model, declared once: validation, typing and the JSON Schema.

A briefing folder holds ``briefing.yaml`` (a :class:`BriefingSpec`: structure,
numbers and dates, no prose) and one ``text/<language>.yaml`` per language (a
:class:`LanguageText`: every piece of prose, keyed by the ids of the spec).
Adding a language means adding a text file and naming it in ``languages``.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from briefpress.content import markup
from briefpress.content.units import Unit
from briefpress.content.yamlread import Document
from briefpress.errors import BIDI_CONTROLS, invisible

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")]


def _printable(value: Any) -> Any:
    """Refuse characters that print as nothing or mislead: controls, lone surrogates, bidi controls, tags."""
    if not isinstance(value, str) or value.isprintable():
        return value
    for char in value:
        if char in HIDDEN_IN_TEXT:
            raise ValueError(f"the invisible character U+{ord(char):04X} is not allowed: it prints as nothing")
        if char in "\t\n" or not invisible(char):
            continue
        code = f"U+{ord(char):04X}"
        if unicodedata.category(char) == "Cc":
            raise ValueError(f"the control character {code} is not allowed in text")
        if unicodedata.category(char) == "Cs":
            raise ValueError(f"the lone surrogate {code} is not allowed in text")
        if char in BIDI_CONTROLS:
            kind = BIDI_KINDS.get(char, "mark")
            raise ValueError(f"the bidi {kind} {code} is not allowed: it makes text read other than it prints")
        if 0xE0000 <= ord(char) <= 0xE007F:
            raise ValueError(f"the tag character {code} is not allowed: it prints as nothing")
        raise ValueError(f"the line or paragraph separator {code} is not allowed: start a new item instead")
    return value


MAX_WHOLE_DIGITS = 18  # up to 999 quadrillion: any budget, debt or population
MAX_DECIMALS = 6


def _figure_size(value: Decimal) -> Decimal:
    """Refuse a number no briefing prints: more than 18 digits before the point or 6 after it."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # infinity and NaN: refused by the field itself
        return value
    whole = len(digits) + exponent
    if whole > MAX_WHOLE_DIGITS:
        raise ValueError(f"the number is too large: a figure has at most {MAX_WHOLE_DIGITS} digits before the point")
    if -exponent > MAX_DECIMALS and value != value.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise ValueError(f"the number has too many decimals: a figure has at most {MAX_DECIMALS}")
    return value


def _settable(value: str) -> str:
    """Refuse a word too long for any line: it would run off the page or take minutes to break."""
    word = _UNBREAKABLE.search(markup.to_plain(value))
    if word:
        raise ValueError(
            f"the word {word[0][:20] + '...'!r} is {len(word[0])} characters long; "
            f"no line holds a word of more than {MAX_WORD} characters"
        )
    return value


def _prose(value: str) -> str:
    """Refuse links other than http, https and mailto in rich text."""
    found = markup.problems(value)
    if found:
        raise ValueError("; ".join(found))
    return value


# Characters that print as nothing and have no typographic use in a briefing: invisible operators,
# deprecated format controls, a BOM inside text, the Mongolian vowel separator, fillers. (Zero-width
# space, joiners and the word joiner stay: they steer line breaks and shaping.)
HIDDEN_IN_TEXT = frozenset(
    "\u034f\u115f\u1160\u180e\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufeff\uffa0"
)
# What each bidi control does, for the message that refuses it (the rest are marks: U+061C, U+200E, U+200F).
BIDI_KINDS = {
    **dict.fromkeys("\u202a\u202b", "embedding"),
    "\u202c": "pop",
    **dict.fromkeys("\u202d\u202e", "override"),
    **dict.fromkeys("\u2066\u2067\u2068", "isolate"),
    "\u2069": "isolate",
}
MAX_WORD = 80
# A run of characters with no line-break opportunity: no space, hyphen or slash, and no
# script (Chinese, Japanese, Thai, ...) that breaks lines between letters.
_BREAKS_ANYWHERE = "\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_UNBREAKABLE = re.compile(rf"[^\s\-/\u200b{_BREAKS_ANYWHERE}]{{{MAX_WORD + 1},}}")
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    BeforeValidator(_printable),
    AfterValidator(_settable),
]
# Prose: text with inline rich text (*emphasis*, **strong**, `code`, [links](https://...)); see markup.py.
Prose = Annotated[Text, AfterValidator(_prose)]
# Printable ASCII but space, < > and ": a character that prints as nothing (U+200B) would lead elsewhere.
Url = Annotated[str, StringConstraints(pattern=r"^https?://[!#-;=?-~]+$"), BeforeValidator(_printable)]



def _pattern(annotated: Any) -> str:
    return next(str(item.pattern) for item in annotated.__metadata__ if isinstance(item, StringConstraints))


# Named string types: the pattern each one stands for, in the words of the reference and of messages.
NAMED_PATTERNS = {
    _pattern(Id): ("id", "lowercase letters and digits in words joined by `-`: `trade-2021`"),
    _pattern(Name): ("name", "lowercase letters and digits in words joined by `-` or `_`: `large-print`"),
    _pattern(LanguageTag): ("language tag", "a BCP 47 tag: `en`, `pt-BR`, `zh-Hans`"),
    _pattern(Url): ("URL", "an `http://` or `https://` address in printable ASCII (percent-encode the rest)"),
}

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- dates -----------------------------------------------------------------


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Return the date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if isinstance(value, PartialDate):
            return value
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(value).strip())
        if not match:
            raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match[1])
        month, day = (int(part) if part else None for part in match.groups()[1:])
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real date ({error})") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """Return ``year``, ``month`` or ``day``."""
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> datetime.date:
        """Return the first calendar day the date covers."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}", self.month and f"{self.month:02d}", self.day and f"{self.day:02d}"]
        return "-".join(part for part in parts if part)


@dataclass(frozen=True)
class Period:
    """A date or an interval of dates; either end of an interval may be open."""

    start: PartialDate | None
    end: PartialDate | None

    @classmethod
    def parse(cls, value: Any) -> Period:
        """Return the period written ``DATE``, ``DATE/DATE``, ``DATE/..`` or ``../DATE``."""
        if isinstance(value, Period):
            return value
        text = str(value).strip()
        if "/" not in text:
            date = PartialDate.parse(text)
            return cls(date, date)
        first, _, last = text.partition("/")
        start = None if first == ".." else PartialDate.parse(first)
        end = None if last == ".." else PartialDate.parse(last)
        if start is None and end is None:
            raise ValueError("a period needs at least one date")
        if start and end and start.first_day() > end.first_day():
            raise ValueError(f"the period {text!r} ends before it starts")
        return cls(start, end)


_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PERIOD_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|\.\.)(/(\d{4}(-\d{2}(-\d{2})?)?|\.\.))?$"
PartialDateField = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": _DATE_PATTERN,
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
        }
    ),
]
PeriodField = Annotated[
    Period,
    BeforeValidator(Period.parse),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": _PERIOD_PATTERN,
            "description": "A date, or an ISO 8601 interval START/END with .. for an open end",
        }
    ),
]


# --- briefing.yaml ---------------------------------------------------------


class Qualifier(StrEnum):
    """How exact a figure is, as the source states it."""

    EXACT = "exact"
    OVER = "over"
    ABOVE = "above"
    NEARLY = "nearly"
    ABOUT = "about"


class Per(StrEnum):
    """What a figure's number is counted per, when it is not a total."""

    EACH = "each"  # of several items, each alike: two loans of US$1 billion each
    YEAR = "year"  # in each year of its period


class SourceKind(StrEnum):
    """What kind of document a source is: it words the citation and the source note."""

    ARTICLE = "article"
    POLICY_PAPER = "policy-paper"
    REPORT = "report"
    SPEECH = "speech"
    DECLARATION = "declaration"
    STATEMENT = "statement"
    PRESS_CONFERENCE = "press-conference"
    INTERVIEW = "interview"
    BOOK = "book"
    DOCUMENT = "document"


class Source(_Strict):
    """A document the briefing draws on (language-neutral facts)."""

    id: Id = Field("source", description="The source's id, which figures, events and quotations name (sources only)")
    kind: SourceKind = Field(SourceKind.ARTICLE, description="What kind of document it is")
    author: Text | None = Field(None, description="Who wrote or delivered it, as cited (a person)")
    issuer: Text | None = Field(None, description="The body that issued it (a ministry, an organisation)")
    published: PartialDateField | None = Field(None, description="When it was published")
    released: PartialDateField | None = Field(None, description="When it was released or delivered, if not published")
    event_date: datetime.date | None = Field(
        None, description="Date of the event it responds to or was given at (its occasion)"
    )
    url: Url | None = Field(None, description="Where the source can be read (also printed as a QR code)")
    language: LanguageTag | None = Field(
        None,
        description="The language the source is written in (default: base_language); its quotations are the originals",
    )

    @model_validator(mode="after")
    def _someone(self) -> Source:
        if self.author is None and self.issuer is None:
            raise ValueError("a source needs an author or an issuer: write author: or issuer:")
        return self


class Show(_Strict):
    """What one layout shows of the briefing, when it is to show less than all."""

    parts: list[Id] | None = Field(None, description="The parts it shows, with their sub-parts (default: all)")
    depth: int | None = Field(
        None, ge=1, le=4, description="How many levels of parts it shows in full; deeper ones show their titles only"
    )
    points: int | None = Field(None, ge=0, le=50, description="At most this many points of each part")
    figures: int | None = Field(None, ge=0, le=50, description="At most this many figures")
    events: int | None = Field(None, ge=0, le=100, description="At most this many events of the timeline")


class Outputs(_Strict):
    """What ``build`` makes of the briefing when no option narrows it."""

    layouts: list[Name] = Field(min_length=1, description="Layouts to build: templates/layouts/<name>.html.j2")
    styles: list[Name] = Field(min_length=1, description="Styles to build: styles/themes/<name>.css")
    papers: list[Name] = Field(min_length=1, description="Paper sizes to build: styles/papers/<name>.css")
    show: dict[Name, Show] = Field(
        {}, description="Per layout, what it shows when it is to show less (sheet: {depth: 1, points: 3})"
    )


# How much an item matters where room is short: 1 is always shown, 3 goes first.
Priority = Annotated[int, Field(ge=1, le=3)]
PRIORITY_DESCRIPTION = "1 (always shown), 2 (the default) or 3 (left out first where room is short)"


class Figure(_Strict):
    """A number from the source, stored once and formatted per language."""

    id: Id = Field(description="The figure's id; text/<lang>.yaml labels it under figures.<id>")
    value: Annotated[
        Decimal,
        AfterValidator(_figure_size),
        WithJsonSchema({"type": ["number", "string"], "pattern": r"^[0-9]+(\.[0-9]+)?([eE][0-9]+)?$"}),
    ] = Field(ge=0, allow_inf_nan=False, description="A plain number: 411250000000, 42.3")
    unit: Unit = Field(
        description="What the number counts: an ISO 4217 currency code (EUR, CNY, USD), count (of the thing "
        "the label names), percent, percentage-points, or a CLDR unit (mass-tonne, length-kilometer)"
    )
    qualifier: Qualifier = Qualifier.EXACT
    period: PeriodField | None = Field(None, description="The time the figure covers")
    per: Per | None = Field(None, description="Whether the number is for each item or each year, not a total")
    part: Id = Field(description="The part (one of parts) the figure belongs to")
    source: Id | None = Field(None, description="The source (one of sources) it is taken from (default: the first)")
    priority: Priority = Field(2, description=PRIORITY_DESCRIPTION)


class Event(_Strict):
    """A dated event on the timeline."""

    id: Id = Field(description="The event's id; text/<lang>.yaml describes it under timeline.<id>")
    date: PartialDateField = Field(description="When it happened, at the precision the source gives")
    source: Id | None = Field(None, description="The source (one of sources) it is taken from (default: the first)")
    priority: Priority = Field(2, description=PRIORITY_DESCRIPTION)


class ChartRef(_Strict):
    """A bar chart of some of the figures, placed in one part."""

    id: Id = Field(description="The chart's id; text/<lang>.yaml titles it under charts.<id>")
    figures: list[Id] = Field(min_length=2, max_length=8, description="Ids of the figures drawn as bars, in order")
    part: Id = Field(description="The part (one of parts) the chart is placed in")


class QuoteRef(_Strict):
    """A quotation, placed in one part of the briefing."""

    id: Id = Field(description="The quotation's id; text/<lang>.yaml gives its words under quotes.<id>")
    part: Id = Field(description="The part (one of parts) the quotation is placed in")
    said_in: LanguageTag | None = Field(
        None,
        description="The language its speaker said the words in, when not the source's: that language's text "
        "gives the speaker's own words, which the page does not call a translation",
    )
    source: Id | None = Field(None, description="The source (one of sources) it is quoted from (default: the first)")


MAX_PART_DEPTH = 4


class PartNode(_Strict):
    """A part that holds parts: a chapter and its sections, a Part and its programmes."""

    id: Id = Field(description="The part's id; text/<lang>.yaml gives its title under parts.<id>")
    parts: list[Id | PartNode] = Field(min_length=1, description="Its own parts, in reading order")


def _part_tree(value: Any) -> Any:
    """Refuse parts nested deeper than anyone reads."""

    def depth(items: Any) -> int:
        if not isinstance(items, list):
            return 0
        return 1 + max((depth(item.get("parts")) for item in items if isinstance(item, dict)), default=0)

    if depth(value) > MAX_PART_DEPTH:
        raise ValueError(f"parts are nested more than {MAX_PART_DEPTH} levels deep")
    return value


@dataclass(frozen=True)
class PartPlace:
    """Where a part stands in the tree of parts."""

    id: str
    number: tuple[int, ...]  # 2.3: the third part of the second
    children: tuple[str, ...]

    @property
    def level(self) -> int:
        return len(self.number)


class BriefingSpec(_Strict):
    """``briefing.yaml``: the structure, numbers and dates of one briefing."""

    model_config = ConfigDict(title="briefpress briefing.yaml")

    languages: list[LanguageTag] = Field(min_length=1, description="BCP 47 tags, one text/<tag>.yaml each")
    base_language: LanguageTag = Field(description="The language that other languages fall back to, field by field")
    author: Text = Field(description="Who prepared the briefing (PDF author metadata)")
    date: datetime.date = Field(description="The briefing's own date, printed on it")
    source: Source | None = Field(None, description="The one document the briefing summarises")
    sources: list[Source] = Field(
        [], description="The documents the briefing draws on, each with an id: the first is the one it summarises"
    )
    outputs: Outputs
    parts: Annotated[list[Id | PartNode], BeforeValidator(_part_tree)] = Field(
        min_length=1,
        description="The document's parts in reading order: an id, or {id: ..., parts: [...]} for a part "
        "that holds parts",
    )
    figures: list[Figure] = Field([], description="Numbers from the source, each stored once")
    timeline: list[Event] = Field([], description="Dated events, in order")
    glossary: list[Id] = Field([], description="Ids of the acronyms the glossary explains, in the order listed")
    quotes: list[QuoteRef] = Field([], description="Short quotations from the source")
    charts: list[ChartRef] = Field([], description="Bar charts of figures")

    @model_validator(mode="after")
    def _one_way_of_sources(self) -> BriefingSpec:
        if self.source is None and not self.sources:
            raise ValueError("give the document summarised as source:, or several as sources:")
        if self.source is not None and self.sources:
            raise ValueError("give either source: (one document) or sources: (several), not both")
        return self

    def all_sources(self) -> list[Source]:
        """Return the sources, the summarised one first."""
        return [self.source] if self.source is not None else list(self.sources)

    def source_of(self, item: Figure | Event | QuoteRef) -> Source:
        """Return the source an item is taken from."""
        sources = self.all_sources()
        return next((source for source in sources if source.id == item.source), sources[0])

    def part_places(self) -> dict[str, PartPlace]:
        """Return every part, at any depth, by id in reading order, with its number and its own parts."""
        places: dict[str, PartPlace] = {}

        def walk(items: list[str | PartNode], number: tuple[int, ...]) -> None:
            for index, item in enumerate(items, 1):
                key = item if isinstance(item, str) else item.id
                children = [] if isinstance(item, str) else item.parts
                places.setdefault(
                    key,
                    PartPlace(key, (*number, index), tuple(c if isinstance(c, str) else c.id for c in children)),
                )
                walk(children, (*number, index))

        walk(self.parts, ())
        return places

    def part_ids(self) -> list[str]:
        """Return the ids of every part, at any depth, in reading order (a duplicate listed as often)."""

        def walk(items: list[str | PartNode]) -> list[str]:
            return [
                key
                for item in items
                for key in ([item] if isinstance(item, str) else [item.id, *walk(item.parts)])
            ]

        return walk(self.parts)


# --- text/<language>.yaml --------------------------------------------------


class SourceText(_Strict):
    """How the source is cited in one language."""

    author: Text | None = Field(None, description="The author's name in this language, if it differs")
    title: Text = Field(
        description="The source's title in this language: in another language than the source's, "
        "the page cites it as a translation, with the original title"
    )
    author_role: Text | None = Field(None, description="The author's position, for the citation")
    issuer: Text | None = Field(None, description="The issuing body's name in this language, if it differs")
    occasion: Text | None = Field(
        None, description="What the source responds to or was given at, without its date (the launch of ...)"
    )


MAX_POINTS = 50  # a part of more points than this is not a summary, and no layout holds it


class PointText(_Strict):
    """A key point with a priority: where room is short, points of priority 3 go first."""

    text: Prose = Field(description="The point, one short sentence")
    priority: Priority = Field(2, description=PRIORITY_DESCRIPTION)


class PartText(_Strict):
    """One part of the document, summarised."""

    title: Text = Field(description="The part's heading")
    summary: Prose | None = Field(
        None, description="Two to four sentences (check warns outside that); may be left out of a part that holds parts"
    )
    points: list[Prose | PointText] = Field(
        [],
        max_length=MAX_POINTS,
        description="Key points, one short sentence each (check warns outside 3 to 8; more than 50 no page "
        "holds); a point may be {text: ..., priority: 3} to be left out first where room is short",
    )


def sentences(text: str) -> int:
    """Return how many sentences a piece of prose has."""
    return len(_SENTENCE_END.findall(markup.to_plain(text)))


class FigureText(_Strict):
    """What a figure means, in one language."""

    label: Text = Field(description="What the number counts, printed beside it")
    measure: Text | None = Field(
        None,
        description="A word printed with the number as one phrase, such as a Chinese measure word (家, 个, 次)",
    )


class GlossaryText(_Strict):
    """An acronym and what it stands for."""

    term: Text = Field(description="The acronym as written in this language")
    definition: Prose = Field(description="What it stands for")


class ChartText(_Strict):
    """A chart's title and its text alternative, for readers who cannot see it."""

    title: Text = Field(description="The chart's caption")
    alt: Text = Field(description="What the chart shows, in words (its text alternative)")


class QuoteText(_Strict):
    """A short quotation and who said it."""

    text: Text = Field(
        description="The words quoted: in the source's language exactly as the source has them, "
        "else the briefing's translation of them (the page says so)"
    )
    attribution: Text = Field(description="Whose text they are quoted from: the source's author")
    speaker: Text | None = Field(
        None, description="Who first said them, when the source's author repeats someone else's words"
    )


class LanguageText(_Strict):
    """``text/<language>.yaml``: every piece of prose in one language."""

    model_config = ConfigDict(title="briefpress text/<language>.yaml")

    title: Text = Field(description="The briefing's title")
    subtitle: Text = Field(description="One line under the title")
    short_title: Text = Field(description="For the running header")
    issuer: Text | None = Field(
        None,
        description="The body that issues the briefing, named on its cover and as the PDF's author "
        "(default: briefing.yaml's author)",
    )
    source: SourceText | None = Field(None, description="How the source is cited (briefing.yaml's source)")
    sources: dict[Id, SourceText] = Field({}, description="How each source is cited, by id (briefing.yaml's sources)")
    overview: Prose = Field(description="A paragraph on the whole article")
    takeaways: list[Prose] = Field(
        [],
        max_length=8,
        description="Three to five things a reader must take away, one short sentence each, on the cover "
        "(check warns outside that; more than 8 do not fit a cover)",
    )
    parts: dict[Id, PartText] = Field(description="Each part of parts, by id")
    figures: dict[Id, FigureText] = Field({}, description="Each figure's label, by id")
    timeline: dict[Id, Prose] = Field({}, description="Each event's description, by id")
    glossary: dict[Id, GlossaryText] = Field({}, description="Each acronym of glossary, by id")
    quotes: dict[Id, QuoteText] = Field({}, description="Each quotation's words, by id")
    charts: dict[Id, ChartText] = Field({}, description="Each chart's title and text alternative, by id")
    names: list[Text] = Field(
        [],
        description="Names that a line never breaks inside (people, places, institutions): in Chinese or "
        "Japanese, and in Latin script of up to three words and 24 characters (El Salvador, Wang Yi); "
        "the glossary's terms are kept whole too",
    )


# --- the loaded briefing ---------------------------------------------------


@dataclass(frozen=True)
class Briefing:
    """A validated briefing: its spec and its text in every language."""

    name: str
    folder: Path
    spec: BriefingSpec
    texts: dict[str, LanguageText]
    # Per language, the paths of the fields shown in the base language instead.
    fallbacks: dict[str, frozenset[tuple[str | int, ...]]] = field(default_factory=dict)
    # Each file read (briefing.yaml, text/<lang>.yaml) as it was read: its data, and the line of each value.
    documents: dict[Path, Document] = field(default_factory=dict, compare=False, repr=False)
    # Per language, the translated fields whose base-language text changed since (``text/<lang>.digests``).
    stale: dict[str, frozenset[tuple[str | int, ...]]] = field(default_factory=dict)
    # The languages with no digests file: what their translations were made from is not recorded.
    untracked: frozenset[str] = frozenset()

    def spec_file(self) -> Path:
        """Return the path of the briefing's ``briefing.yaml``."""
        return self.folder / "briefing.yaml"

    def text_file(self, lang: str) -> Path:
        """Return the path of the text of ``lang``."""
        return self.folder / "text" / f"{lang}.yaml"

    def line_of(self, file: Path, *path: str | int) -> int:
        """Return the line in ``file`` of the deepest value read on the way to ``path`` (1 when none is).

        The lines are those of the files as they were loaded: nothing is read again.
        """
        document = self.documents.get(file)
        return document.line_of(path) if document else 1

    def is_fallback(self, lang: str, *path: str | int) -> bool:
        """Return whether the text at ``path`` in ``lang`` comes from the base language."""
        gaps = self.fallbacks.get(lang, frozenset())
        return any(path[:end] in gaps for end in range(1, len(path) + 1))

    def is_stale(self, lang: str, *path: str | int) -> bool:
        """Return whether the translation at ``path`` in ``lang`` was made from an older base-language text."""
        return path in self.stale.get(lang, frozenset())

    def files(self) -> list[Path]:
        """Return the content files the briefing was read from."""
        return [self.spec_file()] + [self.text_file(lang) for lang in self.spec.languages]
