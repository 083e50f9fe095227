"""Sentences of a paragraph, and a short phrase of one, for the comments and hints of a draft."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9¿¡À-ÖØ-Þ\u4e00-\u9fff])|[。！？]+[”』」]*")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no nos art fig vs e.g i.e u.s u.k u.n inc ltd co corp jan feb mar apr jun jul aug sep sept "
    "oct nov dec gen gov sen rep approx etc cf al sr jr".split()
)


def split_sentences(text: str) -> list[str]:
    """Return the sentences of a paragraph, in order (a full stop after an abbreviation or initial ends none)."""
    sentences, start = [], 0
    for match in _END.finditer(text):
        before = text[start : match.start()].split()
        word = before[-1].casefold().rstrip(".") if before else ""
        if text[match.start()] == "." and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    return [*filter(None, sentences), *([rest] if rest else [])]


def word_count(text: str) -> int:
    """Return how many words a text has, two Chinese characters a word."""
    return len(text.split()) + len(re.findall(r"[\u4e00-\u9fff]", text)) // 2


def shortened(text: str, words: int) -> str:
    """Return at most ``words`` words of ``text``, with an ellipsis when cut, its first letter a capital."""
    kept = text.split()
    if len(kept) == 1 and re.search(r"[\u4e00-\u9fff]", text):  # Chinese: two characters a word
        phrase = text[: 2 * words].strip("，、；：")
        return phrase + ("…" if len(text) > 2 * words else "")
    phrase = " ".join(kept[:words]).strip(" ,;:–—-")
    if len(kept) > words:
        phrase += "…"
    return phrase[:1].upper() + phrase[1:]
