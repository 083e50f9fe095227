"""Label catalogs: gettext ``.po`` files, compiled in memory, with their completeness.

The catalogs live in ``locale/<locale>/LC_MESSAGES/messages.po`` (``es``,
``pt_BR``, ``zh_Hans``), made from ``locale/messages.pot`` with pybabel. They are
compiled when a build reads them, so no ``.mo`` file is ever stale or committed.
Fuzzy entries are left out, exactly as ``pybabel compile`` leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from briefpress.errors import Problem
from briefpress.render.i18n import locale_for

DOMAIN = "messages"
TEMPLATE = f"{DOMAIN}.pot"


def po_path(folder: Path, lang: str) -> Path:
    """Return where the catalog of ``lang`` lives below a ``locale/`` folder."""
    return folder / str(locale_for(lang)) / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(locale_dirs: list[Path], lang: str) -> NullTranslations:
    """Return the label catalog of ``lang``; the first folder's entries win.

    A language without a catalog (English, the templates' own) gets the identity.
    """
    merged: NullTranslations = NullTranslations()
    for folder in reversed(locale_dirs):
        path = po_path(folder, lang)
        if path.is_file():
            # A fresh object each time: Translations.merge() changes the one it is called on.
            catalog = Translations(BytesIO(_compiled(path, path.stat().st_mtime_ns)), domain=DOMAIN)
            merged = catalog if not isinstance(merged, Translations) else merged.merge(catalog)
    return merged


@cache
def _compiled(path: Path, _mtime: int) -> bytes:
    buffer = BytesIO()
    write_mo(buffer, _read(path), use_fuzzy=False)
    return buffer.getvalue()


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


@dataclass(frozen=True)
class Coverage:
    """How much of the label template a language's catalogs translate."""

    lang: str
    # The label template (messages.pot) the catalogs are measured against; None when none was found.
    template: Path | None
    # The catalogs of the language that were found, the first folder's first.
    catalogs: tuple[Path, ...]
    total: int
    missing: tuple[str, ...]
    fuzzy: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def translated(self) -> int:
        return self.total - len(self.missing) - len(self.fuzzy)


def label_template(locale_dirs: list[Path]) -> Path | None:
    """Return the first folder's ``messages.pot``, or None when no folder holds one."""
    return next((folder / TEMPLATE for folder in locale_dirs if (folder / TEMPLATE).is_file()), None)


def coverage(locale_dirs: list[Path], lang: str, source_lang: str) -> Coverage | None:
    """Return the catalog coverage of ``lang``, or None for the templates' own language."""
    if locale_for(lang).language == locale_for(source_lang).language:
        return None
    template = label_template(locale_dirs)
    wanted = [_key(message) for message in _read(template) if message.id] if template else []
    catalogs = tuple(path for folder in locale_dirs if (path := po_path(folder, lang)).is_file())
    translated: set[str] = set()
    fuzzy_found: set[str] = set()
    problems: list[Problem] = []
    for path in catalogs:
        catalog = _read(path)
        for message in catalog:
            if message.id and message.string and _text(message.string):
                (fuzzy_found if message.fuzzy else translated).add(_key(message))
        for message, errors in catalog.check():
            problems += [Problem(path, message.lineno or 1, _key(message), str(error)) for error in errors]
    # What the build shows: a label any catalog translates (not fuzzy) is translated.
    missing = tuple(key for key in wanted if key not in translated and key not in fuzzy_found)
    fuzzy = tuple(key for key in wanted if key not in translated and key in fuzzy_found)
    return Coverage(lang, template, catalogs, len(wanted), missing, fuzzy, tuple(problems))


def _key(message: Message) -> str:
    """Return ``msgid``, or ``context|msgid`` for an entry with a context."""
    text = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}|{text}" if message.context else text


def _text(string: str | tuple[str, ...] | list[str]) -> str:
    return string if isinstance(string, str) else "".join(string)
