"""Fact-checking: a briefing's figures, dates and quotations against the text it summarises.

What is checked
    * ``briefing.yaml``: every figure's ``value`` with its ``unit`` (money, percent or
      count), the years at both ends of a figure's ``period``, every timeline date at its
      own precision, and the source's ``event_date``. Qualifiers (over, nearly) are not
      checked.
    * ``text/<lang>.yaml``: every number written in digits in every text field (titles,
      overview, summaries, points, labels, timeline entries, glossary, chart titles and
      text alternatives), read with that language's conventions; and every quotation.
      Fields a language leaves to the base language are checked once, in the base language.

What counts as a figure in a text field
    * A number in digits with what follows or precedes it: a word of scale (billion,
      mil millones, millones, bilhões, 万, 亿, 千), a currency (US$, USD, dollars,
      dólares, 美元; also euros, yuan and reais), a percent sign or word (%, per cent,
      por ciento, por cento, 百分之). Decimal and grouping marks are the language's own
      (CLDR, through Babel): ``411,250.5`` in English is ``411.250,5`` in Spanish.
    * A date: day, month and year (``3 December 2021``, ``December 3, 2021``,
      ``3 de diciembre de 2021``, ``2021年12月3日``) or month and year; a month range
      within one year (``January-November 2021``, ``2021年1—11月``) counts as its year.
      A bare four-digit number from 1000 to 2999 is a year (``2018-2020`` is two years).
    * Ordinals in digits (``19th``, ``6ª``, ``10º``) are plain numbers, like counts.
    * Not figures: numbers inside names (``COVID-19``, ``G20``, ``5G``), numbers in
      words in the briefing (``two``, ``mil``, ``第六届``), Roman numerals (``VI``), a
      day or month without a year (``11月``).

How a figure matches
    Figures are compared as values of a kind: money (with its currency), percent, a
    plain number, a year, a month, a day. A figure is found when the source holds the
    same value of the same kind: ``US$411.25 billion``, ``411.250 millones de dólares``
    and ``4112.5亿美元`` are all 411250000000 USD. A year also matches a plain number of
    that value; a day in the source also supports its month and year. In the source,
    numbers spelled in words in the source's language count too (English: ``Twenty-eight``,
    ``a hundred``, ``sixth``). Small numbers therefore match easily; large numbers,
    money, percentages and dates are what the check holds to account.

Quotations
    A quotation is looked up in the source's language (``source.language``, else the
    base language), after folding case, removing quotation marks and apostrophes, and
    making dashes and whitespace uniform; leading and trailing punctuation is ignored and
    ``...`` or ``…`` stand for an omission (the pieces must appear in order). A quotation
    in another language is checked through its original, the same quotation in the
    source's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from babel.numbers import get_decimal_symbol, get_group_symbol

from briefpress.content.model import Briefing, Figure, PartialDate, Unit
from briefpress.content.yamlread import Document, Loc, dotted, read_yaml
from briefpress.errors import BriefpressError, Problem
from briefpress.render.i18n import locale_for

Key = tuple[Any, ...]
SOURCE_SUFFIXES = (".txt", ".md")

# One character for one: offsets in the translated text are offsets in the original.
_PLAIN = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u3000": " ",
        "％": "%",
        "＄": "$",
    }
)
_LATIN_LETTER = r"A-Za-zÀ-ÖØ-öø-ɏ"
_ORDINAL_SUFFIX = re.compile(r"\.?[ºª°]|(?:st|nd|rd|th)(?![" + _LATIN_LETTER + "])")
_NAME_BEFORE = re.compile(r"[" + _LATIN_LETTER + r"][-‐‑]?$")

_PREFIX_CURRENCY = re.compile(r"(US\s?\$|U\.S\.\s?\$|USD|R\$|CN¥|RMB|EUR|€|\$|¥)\s?$")
_PREFIX_CODES = {"US$": "USD", "U.S.$": "USD", "USD": "USD", "$": "USD", "R$": "BRL", "CN¥": "CNY", "RMB": "CNY",
                 "¥": "CNY", "EUR": "EUR", "€": "EUR"}  # fmt: skip
# Words (or codes) after a number that name its currency.
_CURRENCY_WORDS = {
    "USD": ["US dollars", "U.S. dollars", "dollars", "dólares estadounidenses", "dólares", "USD", "US$", "美元"],
    "EUR": ["euros", "EUR", "€", "欧元"],
    "CNY": ["yuan", "renminbi", "RMB", "人民币", "元"],
    "BRL": ["reais", "real", "BRL"],
}
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|por\s+ciento\b|por\s+cento\b)", re.IGNORECASE)
# Words of scale, by language (the primary subtag); the longest are tried first.
_SCALES = {
    "en": {"thousand": 3, "million": 6, "billion": 9, "trillion": 12},
    "es": {"mil millones": 9, "millardos": 9, "millardo": 9, "mil": 3, "millones": 6, "millón": 6,
           "billones": 12, "billón": 12},
    "pt": {"mil": 3, "milhões": 6, "milhão": 6, "mi": 6, "bilhões": 9, "bilhão": 9, "bi": 9, "trilhões": 12,
           "trilhão": 12, "tri": 12},
}  # fmt: skip
_CJK_SCALE = {"千": 3, "万": 4, "亿": 8}
_CJK_LANGUAGES = {"zh", "ja"}

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORDINAL_UNITS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                     "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                     "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
# Number words of each source language: word -> (value, kind) with kind "unit", "scale" or "ordinal".
_NUMBER_WORDS: dict[str, dict[str, tuple[int, str]]] = {
    "en": {
        **{word: (value, "unit") for value, word in enumerate(_EN_UNITS)},
        **{word: (20 + 10 * i, "unit") for i, word in enumerate(_EN_TENS)},
        **{word: (value, "ordinal") for value, word in enumerate(_EN_ORDINAL_UNITS)},
        **{word[:-1] + "ieth": (20 + 10 * i, "ordinal") for i, word in enumerate(_EN_TENS)},
        "hundred": (100, "scale"),
        "hundredth": (100, "ordinal"),
        "thousand": (1000, "scale"),
        "thousandth": (1000, "ordinal"),
        "million": (10**6, "scale"),
        "billion": (10**9, "scale"),
    },
}


# --- numbers and dates in a text --------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A figure or date as written in a text, with its normalised value."""

    text: str
    key: Key
    start: int = 0

    def normalised(self) -> str:
        """Return the value as the report shows it: ``411250000000 USD``, ``42.3%``, ``2021-12-03``."""
        return describe(self.key)


def describe(key: Key) -> str:
    """Return a normalised value in words a reader can compare."""
    kind, *value = key
    if kind == "money":
        return f"{_plain(value[1])} {value[0]}"
    if kind == "percent":
        return f"{_plain(value[0])}%"
    if kind == "number":
        return _plain(value[0])
    return "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(value))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def read_figures(text: str, lang: str, words: bool = False) -> list[Mention]:
    """Return the figures and dates written in ``text`` in language ``lang``, in order.

    With ``words``, numbers spelled out in the language's words count too (for a source).
    """
    plain = text.translate(_PLAIN)
    taken: list[tuple[int, int]] = []
    mentions = list(_dates(plain, lang, taken))
    mentions += _numbers(plain, lang, taken)
    if words:
        mentions += _number_words(plain, lang, taken)
    return sorted(mentions, key=lambda mention: mention.start)


def _primary(lang: str) -> str:
    return lang.split("-")[0].lower()


@cache
def _month_pattern(lang: str) -> tuple[str, dict[str, int]]:
    locale = locale_for(lang)
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                names.setdefault(name.casefold().rstrip("."), number)
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return f"(?:{alternatives})", names


@cache
def _date_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    if _primary(lang) in _CJK_LANGUAGES:
        return [
            ("day", re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")),
            ("year", re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月?\s*[—–\-~～至到]\s*\d{1,2}\s*月")),
            ("month", re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月")),
            ("year", re.compile(r"(?P<y>\d{4})\s*年")),
        ]
    month, _ = _month_pattern(lang)
    of = r"(?:,?\s+(?:de|del|of)\s+|,?\s+)"
    to = r"(?:\s*[-–—]\s*|\s+(?:to|through|until|a|al|hasta|até)\s+)"
    flags = re.IGNORECASE
    return [
        ("day", re.compile(rf"\b(?P<d>\d{{1,2}})\.?º?\s+(?:de\s+)?(?P<m>{month})\.?{of}(?P<y>\d{{4}})\b", flags)),
        ("day", re.compile(rf"\b(?P<m>{month})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", flags)),
        ("year", re.compile(rf"\b{month}\.?{to}{month}\.?{of}(?P<y>\d{{4}})\b", flags)),
        ("month", re.compile(rf"\b(?P<m>{month})\.?{of}(?P<y>\d{{4}})\b", flags)),
    ]


def _dates(text: str, lang: str, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    _, months = _month_pattern(lang)
    for precision, pattern in _date_patterns(lang):
        for match in pattern.finditer(text):
            if _overlaps(match.span(), taken):
                continue
            parts = match.groupdict()
            month = parts.get("m")
            month_number = int(month) if month and month.isdigit() else months.get((month or "").casefold())
            try:
                date = PartialDate.parse(
                    "-".join(
                        [parts["y"]]
                        + ([f"{month_number:02d}"] if precision in ("month", "day") else [])
                        + ([f"{int(parts['d']):02d}"] if precision == "day" else [])
                    )
                )
            except (ValueError, TypeError):
                continue
            taken.append(match.span())
            yield Mention(match.group(), date_key(date), match.start())


def date_key(date: PartialDate) -> Key:
    """Return the key of a date at its precision: ``("day", 2021, 12, 3)``."""
    if date.precision == "day":
        return ("day", date.year, date.month, date.day)
    if date.precision == "month":
        return ("month", date.year, date.month)
    return ("year", date.year)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


@cache
def _number_pattern(lang: str) -> re.Pattern[str]:
    locale = locale_for(lang)
    decimal, group = re.escape(get_decimal_symbol(locale)), get_group_symbol(locale)
    group = "[ \u00a0\u202f]" if group.isspace() else re.escape(group)
    marks = re.escape(get_decimal_symbol(locale) + get_group_symbol(locale))
    return re.compile(rf"(?<![\d{marks}])(?:\d{{1,3}}(?:{group}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?)(?!\d)")


def parse_number(written: str, lang: str) -> Decimal:
    """Return the value of a number in digits written with the language's marks (``411.250`` in es)."""
    locale = locale_for(lang)
    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    digits = written.replace(group, "").replace("\u00a0", "").replace("\u202f", "").replace(decimal, ".")
    return Decimal(digits)


def _numbers(text: str, lang: str, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    for match in _number_pattern(lang).finditer(text):
        start, end = match.span()
        if _overlaps((start, end), taken) or _NAME_BEFORE.search(text[:start]):
            continue
        rest = text[end:]
        ordinal = _ORDINAL_SUFFIX.match(rest)
        if ordinal:
            taken.append((start, end + ordinal.end()))
            yield Mention(text[start : end + ordinal.end()], ("number", parse_number(match.group(), lang)), start)
            continue
        if re.match(f"[{_LATIN_LETTER}]", rest) or re.match(r"\s*[月日]", rest):
            continue  # part of a name (5G), or a day or month without its year
        value = parse_number(match.group(), lang)
        prefix = _PREFIX_CURRENCY.search(text[:start])
        currency = _PREFIX_CODES[re.sub(r"\s", "", prefix.group(1))] if prefix else None
        key, length = _with_suffix(value, rest, lang, currency)
        if key is None:
            if re.fullmatch(r"\d{4}", match.group()) and 1000 <= value <= 2999:
                key = ("year", int(value))
            else:
                key = ("number", value)
        if text[:start].endswith("百分之"):
            key = ("percent", value)
            start -= 3
        begin = prefix.start() if prefix else start
        taken.append((begin, end + length))
        yield Mention(text[begin : end + length], key, begin)


def _with_suffix(value: Decimal, rest: str, lang: str, currency: str | None) -> tuple[Key | None, int]:
    """Read the scale, currency or percent after a number; return its key (None: a bare number)."""
    length, scaled = 0, False
    scale = _scale(rest, lang)
    if scale:
        exponent, length = scale
        value, scaled = value * Decimal(10) ** exponent, True
    percent = _PERCENT.match(rest[length:])
    if percent and currency is None:
        return ("percent", value), length + percent.end()
    after = _currency_after(rest[length:])
    if after:
        currency, extra = after
        length += extra
    if currency:
        return ("money", currency, value), length
    return (("number", value), length) if scaled else (None, length)


def _scale(rest: str, lang: str) -> tuple[int, int] | None:
    if _primary(lang) in _CJK_LANGUAGES:
        match = re.match(r"\s*([千万亿]+)", rest)
        return (sum(_CJK_SCALE[c] for c in match.group(1)), match.end()) if match else None
    words = _SCALES.get(_primary(lang), {})
    for word in sorted(words, key=len, reverse=True):
        match = re.match(rf"\s?{re.escape(word)}(?![{_LATIN_LETTER}])", rest, re.IGNORECASE)
        if match:
            return words[word], match.end()
    return None


def _currency_after(rest: str) -> tuple[str, int] | None:
    for code, words in _CURRENCY_WORDS.items():
        for word in sorted(words, key=len, reverse=True):
            boundary = "" if not word[-1].isalpha() or ord(word[-1]) > 0x2E80 else f"(?![{_LATIN_LETTER}])"
            match = re.match(rf"\s?(?:de\s+)?{re.escape(word)}{boundary}", rest, re.IGNORECASE)
            if match:
                return code, match.end()
    return None


def _number_words(text: str, lang: str, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    table = _NUMBER_WORDS.get(_primary(lang))
    if not table:
        return
    tokens = list(re.finditer(rf"[{_LATIN_LETTER}]+", text))
    i = 0
    while i < len(tokens):
        run = _word_run(tokens, i, table, text)
        if not run:
            i += 1
            continue
        value, last = run
        start, end = tokens[i].start(), tokens[last].end()
        i = last + 1
        if _overlaps((start, end), taken):
            continue
        key, length = _with_suffix(Decimal(value), text[end:], lang, None)
        taken.append((start, end + length))
        yield Mention(text[start : end + length], key or ("number", Decimal(value)), start)


def _word_run(
    tokens: list[re.Match[str]], first: int, table: dict[str, tuple[int, str]], text: str
) -> tuple[int, int] | None:
    """Return the value of the number words starting at ``tokens[first]`` and the last token's index."""
    total = current = 0
    last = previous = None  # the last number word, the last word taken (with "a" and "and")
    i = first
    while i < len(tokens):
        word = tokens[i].group().lower()
        if previous is not None and text[tokens[previous].end() : tokens[i].start()] not in (" ", "-", "‑"):
            break
        following = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
        if word == "a" and last is None and table.get(following, (0, ""))[1] == "scale":
            current, previous, i = 1, i, i + 1
            continue
        if word == "and" and last is not None and tokens[last].group().lower() in ("hundred", "thousand"):
            if following in table and table[following][1] != "scale":
                previous, i = i, i + 1
                continue
            break
        if word not in table:
            break
        value, kind = table[word]
        if kind == "scale":
            if last is None and current == 0:
                break  # "hundred" alone is not a number
            if value == 100:
                current = max(current, 1) * value
            else:
                total, current = total + max(current, 1) * value, 0
        else:
            current += value
        last = previous = i
        i += 1
        if kind == "ordinal":
            break
    if last is None:
        return None
    return total + current, last


# --- quotations -------------------------------------------------------------

_QUOTE_MARKS = dict.fromkeys(map(ord, "'\"‘’‚‛′`´“”„‟″«»‹›「」『』"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|\(\s*(?:\.\.\.|…)\s*\))\s*")


def normalise_quotation(text: str) -> str:
    """Return text folded for comparison: case, quotation marks, dashes and whitespace made uniform."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).translate(_DASHES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def quotation_pieces(quotation: str) -> list[str]:
    """Return the normalised pieces of a quotation, split where ``...`` marks an omission."""
    pieces = [piece.strip(" .,;:!?。，；：！？") for piece in _ELLIPSIS.split(quotation)]
    return [normalise_quotation(piece).strip(" .,;:!?") for piece in pieces if piece.strip(" .,;:!?")]


# --- the source -------------------------------------------------------------


@dataclass(frozen=True)
class SourceText:
    """The text a briefing summarises, ready to look figures and quotations up in."""

    name: str
    lang: str
    text: str
    keys: frozenset[Key]

    def has_figure(self, key: Key) -> bool:
        """Return whether the source states this value (a year may also be a plain number)."""
        if key[0] == "year":
            return key in self.keys or ("number", Decimal(key[1])) in self.keys
        return key in self.keys

    def has_quotation(self, quotation: str) -> bool:
        """Return whether the quotation's pieces occur in the source, in order."""
        position = 0
        pieces = quotation_pieces(quotation)
        for piece in pieces:
            found = self.text.find(piece, position)
            if found < 0:
                return False
            position = found + len(piece)
        return bool(pieces)


def source_files(paths: Sequence[Path]) -> list[Path]:
    """Return the source files: the files given, and the .txt and .md files of the folders given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SOURCE_SUFFIXES and p.is_file())
            if not found:
                raise BriefpressError(f"{path}: no .txt or .md files in this folder")
            files += found
        else:
            files.append(path)
    return files


def read_source(paths: Sequence[Path], lang: str) -> SourceText:
    """Read the source files (folders give their .txt and .md files) as one text in ``lang``."""
    texts = []
    for path in source_files(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise BriefpressError(f"{path}: the source is not UTF-8 text") from None
        except OSError as error:
            raise BriefpressError(f"{path}: cannot read the source: {error.strerror}") from None
        texts.append(_strip_markdown(text) if path.suffix == ".md" else text)
    whole = "\n\n".join(texts)
    keys: set[Key] = set()
    for mention in read_figures(whole, lang, words=True):
        keys.add(mention.key)
        keys.update(_implied(mention.key))
    name = ", ".join(str(path) for path in paths)
    return SourceText(name, lang, normalise_quotation(whole), frozenset(keys))


def _implied(key: Key) -> list[Key]:
    """Return what else a value in the source supports: a day its month and year, a year its number."""
    if key[0] == "day":
        return [("month", key[1], key[2]), ("year", key[1])]
    if key[0] == "month":
        return [("year", key[1])]
    if key[0] == "year":
        return [("number", Decimal(key[1]))]
    return []


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|>)\s*", "", text, flags=re.MULTILINE)
    return re.sub(r"(\*\*|__|\*|`)", "", text)


# --- the check --------------------------------------------------------------


@dataclass(frozen=True)
class FactCheck:
    """The outcome of checking one briefing against its source."""

    briefing: str
    source: str
    figures: int
    quotations: int
    languages: int
    missing: tuple[Problem, ...]

    def summary(self) -> str:
        """Return the one-line summary."""
        outcome = "all found" if not self.missing else f"{len(self.missing)} not found"
        return (
            f"{self.briefing}: checked {self.figures} figures and {self.quotations} quotations"
            f" in {self.languages} languages against {self.source}: {outcome}"
        )


def source_language(briefing: Briefing) -> str:
    """Return the language the source is written in (``source.language``, else the base language)."""
    return briefing.spec.source.language or briefing.spec.base_language


def fact_check(briefing: Briefing, source: SourceText) -> FactCheck:
    """Check every figure, date and quotation of ``briefing`` against ``source``."""
    checker = _Checker(source)
    checker.spec(briefing)
    for lang in briefing.spec.languages:
        checker.text(briefing, lang)
    languages = len(briefing.spec.languages)
    return FactCheck(briefing.name, source.name, checker.figures, checker.quotations, languages, tuple(checker.missing))


class _Checker:
    """Counts what it checks and collects what it cannot find."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.figures = self.quotations = 0
        self.missing: list[Problem] = []

    def figure(self, doc: Document, loc: Loc, line: int, written: str, key: Key) -> None:
        self.figures += 1
        if not self.source.has_figure(key):
            message = f'figure "{written}" (= {describe(key)}) not found in {self.source.name}'
            self.missing.append(Problem(doc.path, line, dotted(loc), message))

    def spec(self, briefing: Briefing) -> None:
        doc, _ = read_yaml(briefing.folder / "briefing.yaml")
        spec = briefing.spec
        for i, figure in enumerate(spec.figures):
            loc = ("figures", i, "value")
            self.figure(doc, loc, doc.line_of(loc), f"{_plain(figure.value)} {figure.unit}", _figure_key(figure))
            if figure.period:
                for date in (figure.period.start, figure.period.end):
                    if date:
                        where = ("figures", i, "period")
                        self.figure(doc, where, doc.line_of(where), str(date.year), ("year", date.year))
        for i, event in enumerate(spec.timeline):
            loc = ("timeline", i, "date")
            self.figure(doc, loc, doc.line_of(loc), str(event.date), date_key(event.date))
        event_date = PartialDate(spec.source.event_date.year, spec.source.event_date.month, spec.source.event_date.day)
        loc = ("source", "event_date")
        self.figure(doc, loc, doc.line_of(loc), str(event_date), date_key(event_date))

    def text(self, briefing: Briefing, lang: str) -> None:
        doc, _ = read_yaml(briefing.folder / "text" / f"{lang}.yaml")
        lines = doc.path.read_text(encoding="utf-8").splitlines()
        for loc, value in _leaves(doc.data):
            if loc[0] == "quotes":
                if loc[-1] == "text":
                    self.quotation(briefing, doc, loc, lang, value)
                continue
            counted: dict[str, int] = {}
            for mention in read_figures(value, lang):
                anchor = mention.text.split()[0]
                nth = counted.get(anchor, 0)
                counted[anchor] = nth + 1
                self.figure(doc, loc, _line_of(lines, doc.line_of(loc), loc, anchor, nth), mention.text, mention.key)

    def quotation(self, briefing: Briefing, doc: Document, loc: Loc, lang: str, text: str) -> None:
        self.quotations += 1
        original_lang = self.source.lang
        where = f"not found in {self.source.name}"
        if lang == original_lang:
            found = self.source.has_quotation(text)
        elif original_lang in briefing.texts:
            original = briefing.texts[original_lang].quotes.get(loc[1])
            found = original is not None and self.source.has_quotation(original.text)
            where += f" (checked through its {original_lang} original, which is not there)"
        else:
            found = False
            where = f"cannot be checked: the briefing has no text in {original_lang}, the source's language"
        if not found:
            self.missing.append(Problem(doc.path, doc.line_of(loc), dotted(loc), f'quotation "{text}" {where}'))


def _figure_key(figure: Figure) -> Key:
    if figure.unit is Unit.USD:
        return ("money", "USD", figure.value)
    if figure.unit is Unit.PERCENT:
        return ("percent", figure.value)
    return ("number", figure.value)


def _leaves(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def _line_of(lines: list[str], start: int, loc: Loc, anchor: str, nth: int) -> int:
    """Return the line of the ``nth`` occurrence of ``anchor`` in the value that starts on ``start``."""
    seen = 0
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number == start and isinstance(loc[-1], str):
            line = line.split(":", 1)[-1]  # not the key itself
        seen += line.translate(_PLAIN).count(anchor)
        if seen > nth:
            return number
    return start
