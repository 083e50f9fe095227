"""Where a line may not break: names, acronyms, compounds, numbers, addresses and Chinese dashes.

``hyphens: auto`` hyphenates every word the dictionary knows, names and
acronyms too ("Bei-jing", "CO-VID-19"), and a line may break at any hyphen
("China-/ALC"). The text of content is marked here, in spans the stylesheets
style (``.name``, ``.nobreak``, ``.address``), so it keeps its characters: a
reader copying text from the PDF gets what the content says.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

SHORTEST_SPLIT = 6  # hyphenate-limit-chars leaves at least 3 letters on each side of a hyphen
_LETTER = r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD = rf"[{_LETTER}0-9]+(?:[-\u2010][{_LETTER}0-9]+)*"
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_KEPT = re.compile(
    # An address: a web address or an e-mail address, without the punctuation that ends a sentence.
    rf"(?P<address>(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]）]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    # A range of years or numbers in Chinese, brackets included: （2022—2024）.
    rf"|(?P<range>[（(]?\d+\s?[—–\-]\s?\d+[）)]?)"
    # A dash joining two Chinese words, with the character on each side: 中国—拉共体.
    rf"|(?P<dash>[{_CJK}][—–\-]+[{_CJK}])"
    rf"|(?P<word>{_WORD})"
)


def keep_together(text: str) -> Markup:
    """Return ``text`` as HTML, escaped, with the words a line must not split marked."""
    out: list[str] = []
    last = 0
    for match in _KEPT.finditer(text):
        css_class = _class(match)
        if css_class is None:
            continue
        out.append(escape(text[last : match.start()]))
        out.append(Markup('<span class="{}">{}</span>').format(css_class, match.group()))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _class(match: re.Match[str]) -> str | None:
    if match["address"]:
        return "address"
    if match["range"] or match["dash"]:
        return "nobreak"
    word = match["word"]
    parts = re.split("[-\u2010]", word)
    if len(parts) > 1:  # a compound: China-CELAC, COVID-19, 2022-2024, but not e-commerce
        return "nobreak" if any(part[:1].isupper() or part[:1].isdigit() for part in parts) else None
    # A name, an acronym or a word a sentence begins with; a shorter word has no hyphenation point.
    return "name" if word[:1].isupper() and len(word) >= SHORTEST_SPLIT else None
