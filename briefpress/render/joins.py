"""Word joiners where a line must not break, set into the text of a rendered page.

Line breaking follows Unicode's rules, which allow breaks a reader stumbles on:
after the hyphen of a compound name ("China-|CELAC", "COVID-|19"), between a
number and the Chinese unit that belongs to it ("3|日"), on either side of a
dash joining names or a range ("中国|—拉共体", "2022|—2024"), after an
address's scheme ("https://|cpifa.org"), and before the last character of a
Chinese text, which would then stand alone on its line. A WORD JOINER
(U+2060) forbids each of those breaks. It has no width and no glyph, and the
PDF's text does not carry it, so what a reader copies is the text as written.
Names a briefing lists in Chinese or Japanese (``names:`` and its glossary's
terms) are joined letter by letter. Hyphenation inside names is the
hyphenator's business (``briefpress.pdf.hyphenation``), not this module's.

Only the text of ``<body>`` is touched: no tag, attribute, style sheet,
drawing or code sample.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

WORD_JOINER = "\u2060"
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


def joined(html: str, names: Iterable[str] = ()) -> str:
    """Return ``html`` with word joiners where its lines must not break.

    ``names`` written in ideographs (习近平, 一带一路) never break inside.
    """
    kept = sorted({name for name in names if _IDEOGRAPHS.search(name) and len(name) > 1}, key=len, reverse=True)
    whole = re.compile("|".join(map(re.escape, kept))) if kept else None
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
        if whole is not None:
            text = whole.sub(lambda match: WORD_JOINER.join(match.group(0)), text)
        pieces[index] = join_text(text)
    return "".join(pieces)


def join_text(text: str) -> str:
    """Return ``text`` with its joins.

    The last two ideographs of every run of text stay together: where the
    run ends a paragraph, a card's figure or a title, no character is left
    alone on the last line; elsewhere the join costs one break opportunity.
    """
    text = _COMPOUND.sub(_compound, text)
    text = _UNIT.sub(WORD_JOINER, text)
    text = _DASH.sub(rf"{WORD_JOINER}\1{WORD_JOINER}", text)
    text = _SCHEME.sub(WORD_JOINER, text)
    body = text.rstrip()
    return _LAST.sub(rf"\1{WORD_JOINER}\2\3", body) + text[len(body) :]


def is_name(before: str, after: str) -> bool:
    """Return whether the compound whose hyphen stands between ``before`` and ``after`` is a name.

    A name goes on with a capital or a digit (China-CELAC, Sino-Brazilian, COVID-19), or
    starts with an acronym (CELAC-wide). A compound that is capitalised only because it
    opens a heading (Pontos-chave) is a common word, which may break at its hyphen.
    """
    return after[:1].isupper() or after[:1].isdigit() or (len(before) > 1 and before.isupper())


def _compound(match: re.Match[str]) -> str:
    """A compound name (China-CELAC, COVID-19) never breaks at its hyphens."""
    parts = match.group(0).split("-")
    if any(is_name(before, after) for before, after in itertools.pairwise(parts)):
        return f"-{WORD_JOINER}".join(parts)
    return match.group(0)
