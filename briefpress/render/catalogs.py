"""Label catalogs: gettext ``.po`` files, compiled in memory, with their completeness.

The catalogs live in ``locale/<locale>/LC_MESSAGES/messages.po`` (``es``,
``pt_BR``, ``zh_Hans``), made from ``locale/messages.pot`` with pybabel. They are
compiled when a build reads them, so no ``.mo`` file is ever stale or committed.
Fuzzy entries are left out, exactly as ``pybabel compile`` leaves them out.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from briefpress.errors import ContentError, Problem, invisible
from briefpress.files import CATALOG_BYTES, UnreadableFileError, read_capped
from briefpress.render.i18n import locale_for

DOMAIN = "messages"
TEMPLATE = f"{DOMAIN}.pot"


def po_path(folder: Path, lang: str) -> Path:
    """Return where the catalog of ``lang`` lives below a ``locale/`` folder."""
    return folder / str(locale_for(lang)) / "LC_MESSAGES" / f"{DOMAIN}.po"


class Labels:
    """A language's labels as templates see them: the four gettext lookups and nothing else.

    A template holds this, not the catalog object, whose other methods (such
    as ``load``) would open any catalog file on the machine.
    """

    __slots__ = ("_catalog",)

    def __init__(self, catalog: NullTranslations) -> None:
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return str(self._catalog.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(self._catalog.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return str(self._catalog.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return str(self._catalog.npgettext(context, singular, plural, n))

    @property
    def translated(self) -> bool:
        """Return whether any catalog was found (a language without one prints the templates' words)."""
        return isinstance(self._catalog, Translations)


def translations(locale_dirs: list[Path], lang: str) -> Labels:
    """Return the labels of ``lang``; the first folder's entries win.

    A language without a catalog (English, the templates' own) gets the
    identity. Raise ContentError when a catalog cannot be used: unreadable,
    or an entry whose placeholders the code cannot fill.
    """
    merged: NullTranslations = NullTranslations()
    for folder in reversed(locale_dirs):
        path = po_path(folder, lang)
        if path.is_file():
            # A fresh object each time: Translations.merge() changes the one it is called on.
            catalog = Translations(BytesIO(_compiled(path, path.stat().st_mtime_ns)), domain=DOMAIN)
            merged = catalog if not isinstance(merged, Translations) else merged.merge(catalog)
    return Labels(merged)


@cache
def _compiled(path: Path, _mtime: int) -> bytes:
    catalog = _read(path)
    problems = placeholder_problems(path, catalog)
    if problems:
        raise ContentError(problems)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


_NPLURALS = re.compile(rb"nplurals\s*=\s*(\d+)")
_CHARSET = re.compile(rb"charset\s*=\s*([-\w.:]+)", re.IGNORECASE)
# A printf-style conversion (%s, %(name)s, %5d): filled only where the msgid has the same one.
_PERCENT_FORMAT = re.compile(r"%(?:\(\w*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
MAX_PLURALS = 6  # CLDR's most: zero, one, two, few, many, other


def _read(path: Path) -> Catalog:
    """Read a catalog, refusing before Babel parses it what would make Babel fail or run away."""
    try:
        data = read_capped(path, CATALOG_BYTES)
    except (UnreadableFileError, OSError) as error:
        raise ContentError([Problem(path, 1, "", f"the catalog is {error}")]) from None
    for match in _NPLURALS.finditer(data):
        if not 1 <= int(match[1]) <= MAX_PLURALS:
            line = data.count(b"\n", 0, match.start()) + 1
            raise ContentError([Problem(path, line, "Plural-Forms", f"nplurals={int(match[1])}: a language has "
                                        f"1 to {MAX_PLURALS} plural forms")])
    for match in _CHARSET.finditer(data):
        if match[1].lower() not in (b"utf-8", b"utf8"):
            line = data.count(b"\n", 0, match.start()) + 1
            charset = match[1].decode("ascii", "replace")
            raise ContentError([Problem(path, line, "Content-Type", f"charset {charset}: a catalog must be UTF-8")])
    try:
        return read_po(BytesIO(data), abort_invalid=True, charset="utf-8")
    except (LookupError, UnicodeDecodeError) as error:
        raise ContentError([Problem(path, 1, "", f"the catalog is not UTF-8 text ({error})")]) from None
    except PoFileError as error:
        line = getattr(error, "lineno", 1) or 1
        raise ContentError([Problem(path, line, "", f"not a valid catalog: {error}")]) from None


def _fields(text: str) -> list[str]:
    """Return the ``{name}`` placeholders of a label; raise ValueError for one that is not a plain name."""
    fields = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"the placeholder {{{name}{'!' + conversion if conversion else ''}"
                             f"{':' + spec if spec else ''}}} is not a plain {{name}}")
        fields.append(name)
    return fields


def placeholder_problems(path: Path, catalog: Catalog) -> list[Problem]:
    """Return a problem for each translation whose placeholders differ from its label's, or that hides text.

    A translation may use each of its label's ``{name}`` placeholders (not
    necessarily all), and nothing else: not another name, and not an
    attribute or an index (``{value.__class__}``), which would print Python's
    insides. Nor may it hold characters that print as nothing or steer the
    text (controls, bidi controls, tag characters).
    """
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        allowed = {name for text in ids for name in _fields(text)}
        for text in strings:
            hidden = next((char for char in text if invisible(char)), None)
            if hidden is not None:
                problems.append(Problem(path, message.lineno or 1, _key(message),
                                        f"the character U+{ord(hidden):04X} is not allowed in a label"))
                continue
            try:
                unknown = [name for name in _fields(text) if name not in allowed]
            except ValueError as error:
                message_text = str(error)
                if "placeholder" not in message_text:
                    message_text = f"the braces do not pair up ({message_text}); write a brace as {{{{ or }}}}"
                problems.append(Problem(path, message.lineno or 1, _key(message), message_text))
                continue
            for name in unknown:
                known = ", ".join(f"{{{known}}}" for known in sorted(allowed)) or "none"
                problems.append(Problem(path, message.lineno or 1, _key(message),
                                        f"the placeholder {{{name}}} is not the label's (it has {known})"))
            percents = {match[0] for text in ids for match in _PERCENT_FORMAT.finditer(text)}
            # A python-format entry's %-placeholders are Babel's to check (catalog.check()).
            for match in _PERCENT_FORMAT.finditer(text) if "python-format" not in message.flags else ():
                if match[0] not in percents:
                    problems.append(Problem(path, message.lineno or 1, _key(message),
                                            f"{match[0]!r} is a Python format the label does not have; "
                                            "it would print as written"))
    return problems


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
        problems += placeholder_problems(path, catalog)
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
