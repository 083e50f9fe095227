"""Hyphenation as a careful editor sets it: never inside a name, an acronym or a number.

WeasyPrint hyphenates with Pyphen's dictionaries, word by word. The
dictionary here declines every word that starts with a capital (a name, a
proper adjective, an acronym, a sentence's first word) and every word with a
digit, as "hyphenate capitalised words: off" does in a page-layout program;
other words hyphenate as the language's dictionary and the style's
``hyphenate-limit-chars`` allow.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pyphen
from weasyprint.text import line_break


class Hyphenator(pyphen.Pyphen):
    """A Pyphen dictionary that never splits a capitalised word or a word with digits."""

    def iterate(self, word: str) -> Iterator[tuple[str, str]]:
        if not word or word[0].isupper() or any(char.isdigit() for char in word):
            return iter(())
        return super().iterate(word)


def install() -> None:
    """Make WeasyPrint's line breaker hyphenate with ``Hyphenator``.

    WeasyPrint 70 makes its dictionaries with ``pyphen.Pyphen`` in its line
    breaker; that module alone sees Pyphen with this dictionary in its place.
    """
    if getattr(line_break.pyphen, "Pyphen", None) is not Hyphenator:
        line_break.pyphen = SimpleNamespace(**{**vars(pyphen), "Pyphen": Hyphenator})
