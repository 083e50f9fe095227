"""Numbers in a text: in digits with their scale, currency or percent, and (in a source) in words."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal
from babel.units import format_unit

from briefpress.checks.factcheck.conventions import LATIN_LETTER, Conventions, words_pattern
from briefpress.checks.factcheck.values import Key, Mention, Spans
from briefpress.content.units import measures
from briefpress.render.i18n import locale_for

_NAME_BEFORE = re.compile(rf"[{LATIN_LETTER}][-‐‑]?$")
# Signs and codes of a currency: the same in every language.
_PREFIX_CURRENCY = re.compile(r"(US\s?\$|U\.S\.\s?\$|USD|R\$|BRL|CN¥|CNY|RMB|EUR|€|£|GBP|\$|¥)\s?$")
_PREFIX_CODES = {"US$": "USD", "U.S.$": "USD", "USD": "USD", "$": "USD", "R$": "BRL", "BRL": "BRL", "CN¥": "CNY",
                 "£": "GBP", "GBP": "GBP",
                 "CNY": "CNY", "RMB": "CNY", "¥": "CNY", "EUR": "EUR", "€": "EUR"}  # fmt: skip
_SUFFIX_CODES = {"USD": "USD", "US$": "USD", "EUR": "EUR", "€": "EUR", "RMB": "CNY", "CNY": "CNY", "BRL": "BRL"}


_ISO_PREFIX = re.compile(r"\b([A-Z]{3})\s?$")


@cache
def iso_codes() -> frozenset[str]:
    """Return the ISO 4217 codes of the currencies in use (CLDR)."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _folded(written: str) -> str:
    return " ".join(written.split()).casefold()


class _Reader:
    """The patterns one language's numbers are read with, built once per language."""

    def __init__(self, lang: str, conventions: Conventions) -> None:
        self.locale = locale_for(lang)
        decimal, group = get_decimal_symbol(self.locale), get_group_symbol(self.locale)
        marks = re.escape(decimal + group)
        grouped = "[ \u00a0\u202f]" if group.isspace() else re.escape(group)
        decimal = re.escape(decimal)
        self.number = re.compile(
            rf"(?<![\d{marks}])(?:\d{{1,3}}(?:{grouped}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?)(?!\d)"
        )
        scales = words_pattern(conventions.scales)
        self.scale = re.compile(rf"\s*((?:{scales})+)" if conventions.scale_runs else rf"\s?({scales})", re.IGNORECASE)
        self.scale_piece = re.compile(scales, re.IGNORECASE)
        self.scales = {_folded(word): exponent for word, exponent in conventions.scales.items()}
        self.percent = re.compile(rf"\s?(?:%|{words_pattern(conventions.percent_after)})", re.IGNORECASE)
        self.currencies = {_folded(word): code for word, code in {**_SUFFIX_CODES, **conventions.currencies}.items()}
        joiner = rf"(?:(?:{words_pattern(conventions.before_currency)})\s+)?" if conventions.before_currency else ""
        currencies = words_pattern([*_SUFFIX_CODES, *conventions.currencies])
        self.currency = re.compile(rf"\s?{joiner}({currencies})", re.IGNORECASE)
        self.points = re.compile(rf"[\s-]?(?:{words_pattern(conventions.points_after)})", re.IGNORECASE)
        self.units = {_folded(word): unit for word, unit in measure_words(lang, conventions).items()}
        self.measure = re.compile(rf"\s?{joiner}({words_pattern(measure_words(lang, conventions))})", re.IGNORECASE)
        self.ordinal = re.compile(words_pattern(conventions.ordinals)) if conventions.ordinals else None
        self.not_a_figure = re.compile(rf"[{LATIN_LETTER}]" + (r"|\s*[月日]" if conventions.dates == "cjk" else ""))

    def suffix(self, value: Decimal, rest: str, currency: str | None) -> tuple[Key | None, int]:
        """Read the scale, currency or percent after a number; return its key (None: a bare number)."""
        length, scaled = 0, False
        scale = self.scale.match(rest)
        if scale:
            exponent = sum(self.scales[_folded(piece)] for piece in self.scale_piece.findall(scale.group(1)))
            value, length, scaled = value * Decimal(10) ** exponent, scale.end(), True
        percent = self.percent.match(rest, length)
        if percent and currency is None:
            return ("percent", value), percent.end()
        points = self.points.match(rest, length)
        if points and currency is None:
            return ("points", value), points.end()
        after = self.currency.match(rest, length)
        if after:
            currency, length = self.currencies[_folded(after.group(1))], after.end()
        if currency:
            return ("money", currency, value), length
        unit = self.measure.match(rest, length)
        if unit:
            return ("measure", self.units[_folded(unit.group(1))], value), unit.end()
        return (("number", value), length) if scaled else (None, length)


# Units whose names are common words in a text about anything else ("3 points", "5 items", "2 parts").
_NOT_MEASURES = ("concentr-", "graphics-", "length-point")
# Short names kept although they are lowercase letters only: the rest ("in", "ha", "mi") are words too.
_SHORT_NAMES = frozenset({"km", "kg", "cm", "mm", "mg", "ml", "kt", "mt", "°c", "°f", "mw", "gw", "kw"})


@cache
def measure_words(lang: str, conventions: Conventions) -> dict[str, str]:
    """Return the names of CLDR's measurement units in a language, singular and plural: word -> unit id.

    Long names (``kilometers``, ``toneladas``, ``公里``) and short ones with a capital, digit or sign
    (``kWh``, ``km²``); a name two units share (``MB``, ``Mb``) names neither.
    """
    locale = locale_for(lang)
    found: dict[str, set[str]] = {}
    for unit in sorted(measures()):
        if unit.startswith(_NOT_MEASURES):
            continue
        for length in ("long", "short"):
            for count in (1, 2, Decimal("1.5")):
                written = format_unit(count, unit, length=length, locale=locale)
                word = written.replace(format_decimal(count, locale=locale), "", 1).strip()
                short_word = length == "short" and (word.isascii() and word.isalpha() and word.islower())
                # A symbol of one or two letters ("A", "V", "Mb") is a word or a letter in running text
                # ("de 2019 a 2024"), matched without regard to case.
                tiny = length == "short" and len(word) <= 2 and word.lower() not in _SHORT_NAMES
                if not word or tiny or (short_word and word not in _SHORT_NAMES):
                    continue
                found.setdefault(_folded(word), set()).add(unit)
                if locale.language == "en":  # British spellings: kilometres, litres
                    british = word.replace("meter", "metre").replace("liter", "litre")
                    found.setdefault(_folded(british), set()).add(unit)
    words = {word: units.pop() for word, units in found.items() if len(units) == 1}
    return {**words, **{_folded(word): unit for word, unit in conventions.measures.items()}}


@cache
def _reader(lang: str, conventions: Conventions) -> _Reader:
    return _Reader(lang, conventions)


def read_numbers(text: str, lang: str, conventions: Conventions, spans: Spans) -> Iterator[Mention]:
    """Yield the numbers in digits in ``text``, with what makes them money, a percentage or a year."""
    reader = _reader(lang, conventions)
    for match in reader.number.finditer(text):
        start, end = match.span()
        if not spans.free(start, end) or _NAME_BEFORE.search(text[:start]):
            continue
        rest = text[end:]
        value = parse_decimal(match.group(), reader.locale)
        ordinal = reader.ordinal.match(rest) if reader.ordinal else None
        if ordinal:
            spans.take(start, end + ordinal.end())
            yield Mention(text[start : end + ordinal.end()], ("number", value), start)
            continue
        if reader.not_a_figure.match(rest) and not reader.scale.match(rest):
            continue  # part of a name (5G), or a day or month without its year; not "3.5bn"
        prefix = _PREFIX_CURRENCY.search(text[:start])
        currency = _PREFIX_CODES[re.sub(r"\s", "", prefix.group(1))] if prefix else None
        if prefix is None and (code := _ISO_PREFIX.search(text[:start])) and code[1] in iso_codes():
            # Another ISO 4217 code before an amount ("SEK 1.5 billion", "CHF 250,000"), not a name ("SDG 6").
            if reader.scale.match(rest) or not match.group().isdigit():
                prefix, currency = code, code[1]
        key, length = reader.suffix(value, rest, currency)
        if key is None:
            if re.fullmatch(r"\d{4}", match.group()) and 1000 <= value <= 2999:
                key = ("year", int(value))
            else:
                key = ("number", value)
        for word in conventions.percent_before:
            if text[:start].endswith(word):
                key, start = ("percent", value), start - len(word)
        begin = prefix.start() if prefix else start
        spans.take(begin, end + length)
        yield Mention(text[begin : end + length], key, begin)


def read_number_words(text: str, lang: str, conventions: Conventions, spans: Spans) -> Iterator[Mention]:
    """Yield the numbers spelled out in the language's words (``Twenty-eight``, ``a hundred``, ``sixth``)."""
    table = conventions.number_words
    if not table:
        return
    reader = _reader(lang, conventions)
    tokens = list(re.finditer(rf"[{LATIN_LETTER}]+", text))
    i = 0
    while i < len(tokens):
        run = _word_run(tokens, i, table, text)
        if not run:
            i += 1
            continue
        value, last = run
        start, end = tokens[i].start(), tokens[last].end()
        i = last + 1
        if not spans.free(start, end):
            continue
        key, length = reader.suffix(Decimal(value), text[end:], None)
        spans.take(start, end + length)
        yield Mention(text[start : end + length], key or ("number", Decimal(value)), start)


def _word_run(
    tokens: list[re.Match[str]], first: int, table: Mapping[str, tuple[int, str]], text: str
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
