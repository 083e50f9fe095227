"""Sorting words as a language's dictionary does: the glossary's order."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from briefpress.render.conventions import Conventions

# Quotation marks and brackets around a term do not count for its place ("“一带一路”").
_IGNORED = "“”‘’«»「」『』《》〈〉\"'()（）"


@cache
def _collator() -> Any:
    # The Unicode Collation Algorithm with its default table: CLDR's root order, in which
    # accents and case only break ties (Área after ALC, before BAII). Loaded once, on first use.
    import pyuca

    return pyuca.Collator()


def _uca(text: str) -> tuple[int, ...]:
    return tuple(_collator().sort_key(text))


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _pinyin(text: str) -> tuple[Any, ...]:
    """Chinese dictionary order: by pinyin, then tone, then the characters; Latin letters after."""
    from pypinyin import Style, lazy_pinyin

    if not text or not _is_han(text[0]):
        return (1, _uca(text))
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    letters = tuple(syllable.rstrip("012345") for syllable in syllables)
    tones = tuple(syllable[-1:] for syllable in syllables)
    return (0, letters, tones, text)


def sort_key(conventions: Conventions) -> Callable[[str], tuple[Any, ...]]:
    """Return the key that sorts terms in the language's order."""
    key = _pinyin if conventions.collation == "pinyin" else _uca

    def term_key(term: str) -> tuple[Any, ...]:
        return key(term.strip(_IGNORED))

    return term_key
