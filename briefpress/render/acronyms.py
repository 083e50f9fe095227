"""Acronyms spelled out where a page without a glossary first uses them.

A one-page sheet has no glossary, so a reader meets "del FCC" with nothing to
say what it is. The sheet's templates pass their running text, in reading
order, through one :class:`FirstUse` per language: the first use of each of
the glossary's acronyms becomes "Foro China-CELAC (FCC)", and later uses stay
short. An acronym inside a compound ("China-CELAC") is a name, not a use.
Only acronyms written in capital letters are spelled out: a Chinese
abbreviation such as 拉美 is the word a Chinese reader knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from markupsafe import Markup, escape

from briefpress.content.todo import is_todo

_TAG = re.compile(r"(<[^>]*>)")
# A trailing gloss of the definition, left out where the acronym is spelled out:
# "Iniciativa do Cinturão e Rota (sigla em inglês)" -> "Iniciativa do Cinturão e Rota (BRI)".
_GLOSS = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
# Elements whose text is not running text.
_SKIPPED = ("a", "code", "cite")


class Term(Protocol):
    @property
    def term(self) -> object: ...

    @property
    def definition(self) -> object: ...


def _plain(value: object) -> str:
    plain = getattr(value, "plain", None)
    return plain() if callable(plain) else str(value)


def _todo(value: object) -> bool:
    """Return whether a glossary entry's value is a to-do (``TODO: ...``, or a phrase made of one)."""
    return bool(getattr(value, "todo", False)) or is_todo(str(value))


def is_acronym(term: str) -> bool:
    """Return whether ``term`` is an acronym in Latin capitals (FCC, PCCh, CELAC)."""
    letters = [char for char in term if char.isalpha()]
    return len(letters) >= 2 and all(char.isascii() for char in letters) and sum(c.isupper() for c in letters) >= 2


def _spell(use: re.Match[str], spelled: str) -> str:
    """The acronym spelled out, unless the text itself does so already: "Foro (FCC)"."""
    text, start, end = use.string, use.start(), use.end()
    if text[start - 1 : start] in "(（" and start > 0 and text[end : end + 1] in ")）" and end < len(text):
        return use.group()
    return str(escape(spelled))


class FirstUse:
    """Spells out each acronym at its first use in the text passed through it, in order."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._pending: dict[str, tuple[re.Pattern[str], str]] = {}
        for entry in terms:
            term = _plain(entry.term)
            if not is_acronym(term) or _todo(entry.term) or _todo(entry.definition):
                continue  # an acronym, or a definition, still to write is not spelled out in running text
            definition = _GLOSS.sub("", _plain(entry.definition)).strip()
            if not definition or definition == term:
                continue
            pattern = re.compile(rf"(?<![\w\-‐‑]){re.escape(term)}(?![\w\-‐‑])")
            self._pending[term] = (pattern, f"{definition} ({term})")

    def __call__(self, text: object) -> Markup:
        """Return ``text`` as HTML, with the acronyms it is the first to use spelled out."""
        html = Markup(text.__html__()) if hasattr(text, "__html__") else escape(text)
        if not self._pending:
            return html
        pieces = _TAG.split(str(html))
        skipped = 0
        for index, piece in enumerate(pieces):
            if index % 2:
                name = re.match(r"<(/?)\s*([a-zA-Z0-9]+)", piece)
                if name and name.group(2).lower() in _SKIPPED:
                    skipped += -1 if name.group(1) else 1
                continue
            if skipped or not piece:
                continue
            for term, (pattern, spelled) in list(self._pending.items()):
                piece, count = pattern.subn(lambda use, spelled=spelled: _spell(use, spelled), piece, count=1)
                if count:
                    del self._pending[term]
            pieces[index] = piece
        return Markup("".join(pieces))
