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
    field_validator,
)

from briefpress import markup

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")]


def _printable(value: Any) -> Any:
    """Refuse characters that print as nothing or mislead: controls, lone surrogates, bidi overrides."""
    for char in value if isinstance(value, str) else "":
        if char in "\t\n":
            continue
        if unicodedata.category(char) == "Cc":
            raise ValueError(f"the control character U+{ord(char):04X} is not allowed in text")
        if unicodedata.category(char) == "Cs":
            raise ValueError(f"the lone surrogate U+{ord(char):04X} is not allowed in text")
        if char in BIDI_OVERRIDES:
            raise ValueError(
                f"the bidi override U+{ord(char):04X} is not allowed: it makes text read other than it prints"
            )
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


BIDI_OVERRIDES = frozenset("\u202d\u202e")  # LEFT-TO-RIGHT and RIGHT-TO-LEFT OVERRIDE
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
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")]

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
        year, month, day = (int(part) if part else None for part in match.groups())
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


class Unit(StrEnum):
    """What a figure's number counts."""

    USD = "USD"
    COUNT = "count"
    PERCENT = "percent"


class Qualifier(StrEnum):
    """How exact a figure is, as the source states it."""

    EXACT = "exact"
    OVER = "over"
    ABOVE = "above"
    NEARLY = "nearly"
    ABOUT = "about"


class Source(_Strict):
    """The article the briefing summarises (language-neutral facts)."""

    author: Text
    event_date: datetime.date = Field(description="Date of the event the article responds to")
    published: PartialDateField | None = None
    url: Url | None = None


class Outputs(_Strict):
    """What ``build`` makes of the briefing when no option narrows it."""

    layouts: list[Name] = Field(min_length=1)
    styles: list[Name] = Field(min_length=1)
    papers: list[Name] = Field(min_length=1)


class Figure(_Strict):
    """A number from the source, stored once and formatted per language."""

    id: Id
    value: Annotated[
        Decimal,
        WithJsonSchema({"type": ["number", "string"], "pattern": r"^[0-9]+(\.[0-9]+)?([eE][0-9]+)?$"}),
    ] = Field(ge=0, allow_inf_nan=False, description="A plain number: 411250000000, 42.3")
    unit: Unit
    qualifier: Qualifier = Qualifier.EXACT
    period: PeriodField | None = None
    part: Id


class Event(_Strict):
    """A dated event on the timeline."""

    id: Id
    date: PartialDateField


class ChartRef(_Strict):
    """A bar chart of some of the figures, placed in one part."""

    id: Id
    figures: list[Id] = Field(min_length=2, max_length=8)
    part: Id


class QuoteRef(_Strict):
    """A quotation, placed in one part of the briefing."""

    id: Id
    part: Id


class BriefingSpec(_Strict):
    """``briefing.yaml``: the structure, numbers and dates of one briefing."""

    model_config = ConfigDict(title="briefpress briefing.yaml")

    languages: list[LanguageTag] = Field(min_length=1)
    base_language: LanguageTag
    author: Text = Field(description="Who prepared the briefing (PDF author metadata)")
    date: datetime.date = Field(description="The briefing's own date, printed on it")
    source: Source
    outputs: Outputs
    parts: list[Id] = Field(min_length=1)
    figures: list[Figure] = []
    timeline: list[Event] = []
    glossary: list[Id] = []
    quotes: list[QuoteRef] = []
    charts: list[ChartRef] = []


# --- text/<language>.yaml --------------------------------------------------


class SourceText(_Strict):
    """How the source is cited in one language."""

    author: Text | None = Field(None, description="The author's name in this language, if it differs")
    title: Text
    author_role: Text
    occasion: Text = Field(description="What the article responds to, without its date")


class PartText(_Strict):
    """One part of the article, summarised."""

    title: Text
    summary: Prose = Field(description="Two to four sentences")
    points: list[Prose] = Field(min_length=3, max_length=8)

    @field_validator("summary")
    @classmethod
    def _two_to_four_sentences(cls, value: str) -> str:
        count = len(_SENTENCE_END.findall(markup.to_plain(value)))
        if not 2 <= count <= 4:
            raise ValueError(f"a summary has 2 to 4 sentences, this one has {count}")
        return value


class FigureText(_Strict):
    """What a figure means, in one language."""

    label: Text


class GlossaryText(_Strict):
    """An acronym and what it stands for."""

    term: Text
    definition: Prose


class ChartText(_Strict):
    """A chart's title and its text alternative, for readers who cannot see it."""

    title: Text
    alt: Text = Field(description="What the chart shows, in words (its text alternative)")


class QuoteText(_Strict):
    """A short quotation and who said it."""

    text: Text
    attribution: Text


class LanguageText(_Strict):
    """``text/<language>.yaml``: every piece of prose in one language."""

    model_config = ConfigDict(title="briefpress text/<language>.yaml")

    title: Text
    subtitle: Text
    short_title: Text = Field(description="For the running header")
    source: SourceText
    overview: Prose
    parts: dict[Id, PartText]
    figures: dict[Id, FigureText] = {}
    timeline: dict[Id, Prose] = {}
    glossary: dict[Id, GlossaryText] = {}
    quotes: dict[Id, QuoteText] = {}
    charts: dict[Id, ChartText] = {}


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

    def is_fallback(self, lang: str, *path: str | int) -> bool:
        """Return whether the text at ``path`` in ``lang`` comes from the base language."""
        gaps = self.fallbacks.get(lang, frozenset())
        return any(path[:end] in gaps for end in range(1, len(path) + 1))

    def files(self) -> list[Path]:
        """Return the content files the briefing was read from."""
        return [self.folder / "briefing.yaml"] + [self.folder / "text" / f"{lang}.yaml" for lang in self.spec.languages]
