"""Word joiners where a line must not break, set into the text of a rendered page.

Line breaking follows Unicode's rules, which allow breaks a reader stumbles on:
after the hyphen of a compound name ("China-|CELAC", "COVID-|19"), between a
number and the Chinese unit that belongs to it ("3|日"), on either side of a
dash joining names or a range ("中国|—拉共体", "2022|—2024"), after an
address's scheme ("https://|cpifa.org") or before its short last piece
("…/book/|350"), and before the last character of a
Chinese text, which would then stand alone on its line. A WORD JOINER
(U+2060) forbids each of those breaks. It has no width and no glyph, and the
PDF's text does not carry it, so what a reader copies is the text as written.
Names a briefing lists in Chinese or Japanese (``names:`` and its glossary's
terms) are joined letter by letter.

In Latin script the spaces a line must not break at become NO-BREAK SPACEs
(U+00A0), which a reader copies as spaces: those inside a short name the
briefing lists ("El Salvador", "Wang Yi"), between a number and the word of
its scale ("20 bilhões", "300.000 millones", from CLDR for the page's
languages), between a day and its month ("3 de diciembre", "December 3"),
and between an amount and its currency sign or a per cent sign ("US$ 20",
"42,3 %"), an ordinal and what it counts ("VI Cumbre"), and a heading's
short last word and the word before it. Spanish and Portuguese repeat a compound's hyphen when a line
breaks at it ("pós-/-desastre"), which CSS cannot do: their compounds never
break at the hyphen. Hyphenation inside names is the hyphenator's business
(``briefpress.pdf.hyphenation``), not this module's.

Only the text of ``<body>`` is touched: no tag, attribute, style sheet,
drawing or code sample.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
# The units a Chinese or Japanese number is read with: dates, counts, money, per cent.
UNITS = "年月日号時时分秒个個次场場家项項名位人亿億万萬千百倍％%元"
# Elements whose text is left as written.
_VERBATIM = ("style", "script", "svg", "code", "pre", "title", "head")
_TAG = re.compile(r"(<[^>]*>)")
_IDEOGRAPHS = re.compile(f"[{IDEOGRAPH}]")
_COMPOUND = re.compile(r"\w+(?:-\w+)+")
_UNIT = re.compile(rf"(?<=\d)(?=[{UNITS}])")
_DASH = re.compile(rf"(?<=[{IDEOGRAPH}\d])([—–～])(?=[{IDEOGRAPH}\d])")
# An address's scheme stays with its host: "https://|cpifa.org" reads as two things.
_SCHEME = re.compile(r"(?<=[a-z]://)(?=\w)")
# A paragraph's last ideographs with what follows them (closing punctuation, quotes).
_LAST = re.compile(rf"([{IDEOGRAPH}])([{IDEOGRAPH}])([^{IDEOGRAPH}\s]*)$")
# An amount and its currency or per cent sign: "US$ 20", "20 €", "42,3 %".
_SIGN = re.compile(r"(?<=[$€£¥₹]) (?=\d)|(?<=\d) (?=[$€£¥₹%])")
# An ordinal and what it counts: "VI Cumbre", "XIX Comité", "19º Comitê", "19th Central".
_ORDINAL = re.compile(r"\b(?:[IVXLC]{2,}|V|X|\d+(?:[ºª°]|st|nd|rd|th|\.ª|\.º)) (?=[^\W\d_])")
# An address's last piece when it is short: "…/book/|350" leaves "350" alone on a line.
_URL_TAIL = re.compile(r"(?<=\w/)(?=[^\s/]{1,5}(?:[\s.,;)]|$))")
# A heading's or title's last word, when short, stays with the word before it: no line of one short word.
_LAST_WORD = re.compile(r"(?<=\S) (\S{1,9})(\s*)$")
# The elements whose text is a heading or a title.
_TITLES = ("h1", "h2", "h3", "h4")
_TITLE_CLASS = re.compile(r'\bclass="[^"]*\b(?:chart-title|subtitle)\b')
# The languages whose compounds repeat their hyphen on the next line when broken there.
_REPEATED_HYPHEN = ("es", "pt", "ca", "gl")
# Latin script, in which the scale words and months of the no-break rules are written.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?: [A-Za-z\u00c0-\u024f]+)*")
# Right-to-left scripts, whose words a no-break space would reorder as one when the PDF's text is read.
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# A Latin-script name kept whole is short: a line can always hold it.
NAME_WORDS, NAME_LENGTH = 3, 24


@dataclass(frozen=True)
class _Latin:
    """The no-break rules of a page's Latin-script languages."""

    scale: re.Pattern[str] | None  # a number, then the word of its scale
    date: re.Pattern[str] | None  # a day, then its month, or a month, then its day
    compounds: bool  # compounds never break at their hyphen


@cache
def _latin(langs: tuple[str, ...]) -> _Latin:
    scales: set[str] = set()
    months: set[str] = set()
    for lang in langs:
        try:
            locale = Locale.parse(lang, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
        for forms in locale.compact_decimal_formats.get("long", {}).values():
            for pattern in forms.values():
                word = re.sub(r"[0#.,¤]+", "", getattr(pattern, "pattern", str(pattern))).strip()
                if _LATIN_WORD.fullmatch(word):
                    scales.add(word)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                months.update(str(name).rstrip(".") for name in locale.months[context][width].values())
    months = {month for month in months if len(month) > 2 and _LATIN_WORD.fullmatch(month)}
    by_length = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    scale = re.compile(rf"(?<=\d) ((?:{by_length(scales)})\b)") if scales else None
    date = None
    if months:
        month = f"(?i:{by_length(months)})"
        date = re.compile(rf"(?<=\b\d) ((?:de )?{month}\b)|(?<=\b\d\d) ((?:de )?{month}\b)|\b({month}) (?=\d\d?\b)")
    return _Latin(scale, date, any(lang.lower().split("-")[0] in _REPEATED_HYPHEN for lang in langs))


def joined(html: str, names: Iterable[str] = (), langs: Sequence[str] = ()) -> str:
    """Return ``html`` with word joiners and no-break spaces where its lines must not break.

    ``names`` written in ideographs (习近平, 一带一路) never break inside, nor
    do short Latin-script ones ("El Salvador"). ``langs``, the page's
    languages, say which scale words and months keep with their numbers.
    """
    names = set(names)
    kept = sorted({name for name in names if _IDEOGRAPHS.search(name) and len(name) > 1}, key=len, reverse=True)
    whole = re.compile("|".join(map(re.escape, kept))) if kept else None
    spaced = sorted(
        (n for n in names if " " in n and len(n.split()) <= NAME_WORDS and len(n) <= NAME_LENGTH), key=len, reverse=True
    )
    latin_names = re.compile(r"\b(?:" + "|".join(map(re.escape, spaced)) + r")\b") if spaced else None
    latin = _latin(tuple(langs))
    pieces = _TAG.split(html)
    verbatim: list[str] = []
    in_body = False
    for index in range(0, len(pieces), 2):
        if index:
            tag = pieces[index - 1]
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", tag)
            if name:
                element = name.group(1).lower()
                if element == "body":
                    in_body = not tag.startswith("</")
                if element in _VERBATIM and not tag.endswith("/>"):
                    if tag.startswith("</"):
                        if verbatim and verbatim[-1] == element:
                            verbatim.pop()
                    else:
                        verbatim.append(element)
        if not in_body or verbatim or not pieces[index]:
            continue
        text = pieces[index]
        closing = re.match(r"</\s*([a-zA-Z0-9]+)", pieces[index + 1]) if index + 1 < len(pieces) else None
        title = closing and (closing.group(1).lower() in _TITLES or _TITLE_CLASS.search(pieces[index - 1]))
        if title and not _IDEOGRAPHS.search(text) and not _RTL.search(text):
            text = _LAST_WORD.sub(rf"{NO_BREAK_SPACE}\1\2", text)
        if whole is not None:
            text = whole.sub(lambda match: WORD_JOINER.join(match.group(0)), text)
        if latin_names is not None:
            text = latin_names.sub(lambda match: match.group(0).replace(" ", NO_BREAK_SPACE), text)
        pieces[index] = join_text(text, latin)
    return "".join(pieces)


def join_text(text: str, latin: _Latin | None = None) -> str:
    """Return ``text`` with its joins; ``latin``, the rules of the page's Latin-script languages.

    The last two ideographs of every run of text stay together: where the
    run ends a paragraph, a card's figure or a title, no character is left
    alone on the last line; elsewhere the join costs one break opportunity.
    """
    latin = latin or _latin(())
    # A label of one or two words ("Pontos-chave") stands whole on its line, and a joiner in it
    # would take its letter-spacing: only longer text keeps its common compounds whole.
    whole = latin.compounds and len(text.split()) > 2
    text = _COMPOUND.sub(_whole_compound if whole else _compound, text)
    text = _SIGN.sub(NO_BREAK_SPACE, text)
    text = _ORDINAL.sub(lambda match: match.group(0)[:-1] + NO_BREAK_SPACE, text)
    if latin.scale is not None:
        text = latin.scale.sub(lambda match: NO_BREAK_SPACE + match.group(1).replace(" ", NO_BREAK_SPACE), text)
    if latin.date is not None:
        text = latin.date.sub(_date, text)
    text = _UNIT.sub(WORD_JOINER, text)
    text = _DASH.sub(rf"{WORD_JOINER}\1{WORD_JOINER}", text)
    text = _SCHEME.sub(WORD_JOINER, text)
    text = re.sub(r"[a-z][a-z0-9+.-]*://\S+", lambda match: _URL_TAIL.sub(WORD_JOINER, match.group(0)), text)
    body = text.rstrip()
    return _LAST.sub(rf"\1{WORD_JOINER}\2\3", body) + text[len(body) :]


def is_name(before: str, after: str) -> bool:
    """Return whether the compound whose hyphen stands between ``before`` and ``after`` is a name.

    A name goes on with a capital or a digit (China-CELAC, Sino-Brazilian, COVID-19), or
    starts with an acronym (CELAC-wide). A compound that is capitalised only because it
    opens a heading (Pontos-chave) is a common word, which may break at its hyphen.
    """
    return after[:1].isupper() or after[:1].isdigit() or (len(before) > 1 and before.isupper())


def _date(match: re.Match[str]) -> str:
    if match.group(3):  # a month, then its day
        return match.group(3) + NO_BREAK_SPACE
    return NO_BREAK_SPACE + (match.group(1) or match.group(2)).replace(" ", NO_BREAK_SPACE)


def _whole_compound(match: re.Match[str]) -> str:
    """A compound whose hyphen a line break would repeat (pós-desastre) never breaks there."""
    return f"-{WORD_JOINER}".join(match.group(0).split("-"))


def _compound(match: re.Match[str]) -> str:
    """A compound name (China-CELAC, COVID-19) never breaks at its hyphens."""
    parts = match.group(0).split("-")
    if any(is_name(before, after) for before, after in itertools.pairwise(parts)):
        return f"-{WORD_JOINER}".join(parts)
    return match.group(0)
