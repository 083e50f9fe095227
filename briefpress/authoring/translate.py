"""A translator's round trip: a briefing's text out as a PO file, and back into ``text/<lang>.yaml``.

Each translatable field is one PO unit: the field's path is its context
(``msgctxt``), the base-language text its ``msgid``, the translation its
``msgstr``. A stale unit (its base text changed since it was translated) is
flagged ``fuzzy``; an untranslated one has an empty ``msgstr``. Comments give
the field's line in the base file, the figures and the links it holds.

Import writes the translations back through a round-trip YAML library, so the
text file keeps its comments, key order and quoting, and records as current
each unit that is translated and not fuzzy, if its ``msgid`` is still the base
text. Placeholders (link addresses, code spans) and markup are checked first;
any error refuses the whole file, and nothing is written.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from briefpress.builds.write import write_atomically
from briefpress.content import markup
from briefpress.content.digests import (
    current_digests,
    digest,
    digests_path,
    read_digests,
    stale_fields,
    units,
    value_at,
)
from briefpress.content.load import read_briefing
from briefpress.content.model import Briefing
from briefpress.content.yamlread import Loc, dotted, read_yaml
from briefpress.errors import BuildError, ContentError, Problem, UsageError
from briefpress.project import SPEC_FILE, Project
from briefpress.render.i18n import english_name

BRIEFING_HEADER = "X-Briefpress-Briefing"
BASE_HEADER = "X-Briefpress-Base-Language"
# A BCP 47 tag as briefing.yaml takes one: it names a file, so nothing else may reach a path.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")
PO_WIDTH = 78  # as msgmerge and Poedit wrap
FOLD_WIDTH = 72  # a folded block's lines, as the sample's are written
STALE_NOTE = "Needs review: the {base} text changed since this was translated."
UNRECORDED_NOTE = "Needs review: translated without a record of the {base} text it follows."


@dataclass(frozen=True)
class Unit:
    """One translatable field: its path, its base text, its translation (None when missing), its state."""

    loc: Loc
    source: str
    line: int
    translation: str | None
    stale: bool

    @property
    def context(self) -> str:
        return dotted(self.loc)


def translation_units(briefing: Briefing, lang: str) -> list[Unit]:
    """Return every translatable field of ``briefing`` for ``lang``, in the base file's order."""
    base = briefing.spec.base_language
    base_file = briefing.text_file(base)
    base_data = briefing.documents[base_file].data
    own = _own_data(briefing, lang)
    found = []
    for loc, text in units(base_data):
        translation = None if lang == base else value_at(own, loc)
        stale = translation is not None and briefing.is_stale(lang, *loc)
        found.append(Unit(loc, text, briefing.line_of(base_file, *loc), translation, stale))
    return found


def _own_data(briefing: Briefing, lang: str) -> Any:
    """Return what ``text/<lang>.yaml`` itself says (no fallbacks), or None for a language it does not have."""
    path = briefing.text_file(lang)
    if lang not in briefing.texts:
        return None
    document, _ = read_yaml(path)
    return document.data


# --- export -------------------------------------------------------------------


def export_catalog(briefing: Briefing, lang: str) -> bytes:
    """Return the PO file of ``lang`` for ``briefing``: every field, stale ones fuzzy, missing ones empty."""
    base = briefing.spec.base_language
    if lang == base:
        raise UsageError(f"{lang!r} is the base language of {briefing.name}: export another language", param="--lang")
    catalog = polib.POFile(wrapwidth=PO_WIDTH)
    catalog.metadata = {
        "Project-Id-Version": briefing.name,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        BRIEFING_HEADER: briefing.name,
        BASE_HEADER: base,
    }
    catalog.header = (
        f"{briefing.name}: the text of {base}.yaml to translate into {lang}.\n"
        "Each unit is one field (its context is the field's path). Units marked fuzzy need review:\n"
        f"clear the mark once the translation matches the {base} text. Import with:\n"
        f"  briefpress translate import FILE"
    )
    digests = read_digests(digests_path(briefing.text_file(lang)))[0]
    base_name = english_name(base)
    for unit in translation_units(briefing, lang):
        notes = []
        if unit.stale:
            note = UNRECORDED_NOTE if unit.context not in digests.recorded else STALE_NOTE
            notes.append(note.format(base=base_name))
        figures = _figures(unit.source, base)
        if figures:
            notes.append("Figures: " + ", ".join(figures))
        held = markup.placeholders(unit.source)
        if held:
            notes.append("Keep unchanged: " + " ".join(held))
        catalog.append(
            polib.POEntry(
                msgctxt=unit.context,
                msgid=unit.source,
                msgstr=unit.translation or "",
                comment="\n".join(notes),
                occurrences=[(f"text/{base}.yaml", str(unit.line))],
                flags=["fuzzy"] if unit.stale else [],
            )
        )
    return str(catalog).encode("utf-8") + b"\n"


def _figures(text: str, lang: str) -> list[str]:
    """Return the figures and dates written in ``text``, as written, for the translator's note."""
    from briefpress.checks.factcheck.figures import read_figures

    return [mention.text for mention in read_figures(text, lang)]


# --- import -------------------------------------------------------------------


@dataclass
class Imported:
    """What an import wrote, and what it noticed without refusing."""

    briefing: str
    lang: str
    written: list[Path] = field(default_factory=list)
    translated: int = 0  # units recorded as current: translated, reviewed, of today's base text
    needs_review: int = 0  # the language's stale fields after the import: fuzzy, or of a changed base text
    warnings: list[Problem] = field(default_factory=list)


def import_catalog(project: Project, path: Path) -> Imported:
    """Write the translations of the PO file ``path`` into its briefing's text file; return what was done.

    Raise ContentError naming each unit at fault (nothing is written), or
    BuildError for a file that is not a briefpress PO file of this project.
    """
    catalog = _read_po(path)
    name = catalog.metadata.get(BRIEFING_HEADER) or catalog.metadata.get("Project-Id-Version", "")
    lang = catalog.metadata.get("Language", "").replace("_", "-")
    if not name:
        raise BuildError(f"{path}: not a file of briefpress translate export (it names no briefing in "
                         f"{BRIEFING_HEADER}); export one with: briefpress translate export --lang LANG")
    folders = {folder.name: folder for folder in project.briefing_folders()}
    if name not in folders:
        known = ", ".join(folders) or "none"
        raise BuildError(f"{path}: names the briefing {name!r} ({BRIEFING_HEADER}), which this project has not "
                         f"(briefings: {known}); nothing was written")
    if not LANGUAGE_TAG.fullmatch(lang):
        raise BuildError(f"{path}: the Language header {lang!r} is not a language tag such as es, pt-BR or "
                         "zh-Hans; nothing was written")
    briefing, problems = read_briefing(folders[name], project.available())
    if briefing is None:
        raise ContentError(problems)
    base = briefing.spec.base_language
    if lang == base:
        raise BuildError(f"{path}: the Language header is {lang!r}, not a language to translate {name} into; "
                         "nothing was written")
    plan = _plan_import(briefing, lang, catalog, path)
    if plan.problems:
        raise ContentError(plan.problems)
    text_file = briefing.text_file(lang)
    new_text = _apply(briefing, lang, plan.values)
    spec_text = None if lang in briefing.spec.languages else _with_language(briefing.spec_file(), lang)
    checked = _validated(briefing, lang, new_text, spec_text, plan, path)
    previous = read_digests(digests_path(text_file))[0]
    base_data = briefing.documents[briefing.text_file(base)].data
    digests = current_digests(base_data, checked, previous, frozenset(plan.current))
    outcome = Imported(name, lang, warnings=plan.warnings)
    outcome.translated = len(plan.current)
    outcome.needs_review = len(stale_fields(base_data, checked, digests, frozenset()))
    files = [(text_file, new_text), (digests.path, digests.render(lang, base))]
    if spec_text is not None:
        files.append((briefing.spec_file(), spec_text))
    for target, data in files:
        if not target.is_file() or target.read_bytes() != data:
            write_atomically(target, data)
            outcome.written.append(target)
    return outcome


def _read_po(path: Path) -> polib.POFile:
    try:
        return polib.pofile(str(path), wrapwidth=PO_WIDTH)
    except OSError as error:
        if not path.exists() or path.is_dir():
            raise BuildError(f"{path}: no such file; nothing was written") from None
        raise BuildError(f"{path}: not a PO file ({_po_reason(error)}); nothing was written") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BuildError(f"{path}: not a PO file ({_po_reason(error)}); nothing was written") from None


def _po_reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    text = str(error) or "unreadable"
    return text[0].lower() + text[1:]


@dataclass
class _Plan:
    values: dict[Loc, str] = field(default_factory=dict)  # the translations to write
    current: set[Loc] = field(default_factory=set)  # reviewed against today's base text
    entries: dict[str, polib.POEntry] = field(default_factory=dict)  # by context, for locating problems
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    own: Any = None  # what the text file says today


def _plan_import(briefing: Briefing, lang: str, catalog: polib.POFile, path: Path) -> _Plan:
    """Return what to write, and the problems of each unit."""
    base = briefing.spec.base_language
    known = {dotted(loc): (loc, text) for loc, text in units(briefing.documents[briefing.text_file(base)].data)}
    plan = _Plan()
    base_name = english_name(base)
    own = plan.own = _own_data(briefing, lang)
    for entry in catalog:
        if entry.obsolete:
            continue
        context = entry.msgctxt or ""
        plan.entries[context] = entry

        def problem(message: str, entry: polib.POEntry = entry, context: str = context) -> Problem:
            return Problem(path, entry.linenum or 1, context or "msgctxt", message)

        if context not in known:
            plan.problems.append(problem(f"no field {context!r} in {base}.yaml: this file was exported from "
                                         "another version of the briefing; export it again"))
            continue
        loc, source = known[context]
        text = entry.msgstr
        if not text.strip() or (entry.fuzzy and text == value_at(own, loc)):
            continue  # untranslated, or left as it was to review later: nothing to write or check
        missing = _placeholder_problem(text, entry.msgid)
        if missing:
            plan.problems.append(problem(missing))
            continue
        for message in markup.problems(text):
            plan.problems.append(problem(message))
        stray = markup.stray_markup(text, entry.msgid)
        if stray:
            plan.problems.append(problem(f"a {stray} prints as itself: close the markup it opens, or write \\{stray}"))
        figures = None if text == value_at(own, loc) else _figure_difference(entry.msgid, base, text, lang)
        if figures:
            plan.warnings.append(problem(figures))
        plan.values[loc] = text
        if entry.fuzzy:
            continue  # written, and still stale: the translator asks for a review
        if _same(entry.msgid, source):
            plan.current.add(loc)
        else:
            plan.warnings.append(problem(f"the {base_name} text changed since this file was exported, so the "
                                         "translation stays marked for review: export again to see the new text"))
    plan.problems += _holes(plan, known, path)
    return plan


def _holes(plan: _Plan, known: dict[str, tuple[Loc, str]], path: Path) -> list[Problem]:
    """Return a problem for each untranslated list item that comes before a translated one.

    A list translated in part shows its untranslated end in the base language; a gap inside it cannot show.
    """
    translated = set(plan.values)
    problems = []
    for context, (loc, _) in known.items():
        if not isinstance(loc[-1], int) or loc in translated:
            continue
        later = next((other for other in translated if other[:-1] == loc[:-1] and _after(other, loc)), None)
        entry = plan.entries.get(context)
        if later is not None and entry is not None and not _own_value(plan, loc):
            message = f"untranslated while {dotted(later)} is translated: translate a list's items in order"
            problems.append(Problem(path, entry.linenum or 1, context, message))
    return problems


def _after(one: Loc, other: Loc) -> bool:
    """Return whether list item ``one`` comes after list item ``other``."""
    return isinstance(one[-1], int) and isinstance(other[-1], int) and one[-1] > other[-1]


def _own_value(plan: _Plan, loc: Loc) -> bool:
    return plan.own is not None and value_at(plan.own, loc) is not None


def _placeholder_problem(text: str, original: str) -> str | None:
    """Return what a translation does to the link addresses and code spans of its original, or None."""
    wanted, given = markup.placeholders(original), markup.placeholders(text)
    lost = [item for item in dict.fromkeys(wanted) if given.count(item) < wanted.count(item)]
    added = [item for item in dict.fromkeys(given) if given.count(item) > wanted.count(item)]
    if lost:
        return "the translation lost " + ", ".join(lost) + (" and has " + ", ".join(added) if added else "") + (
            ": keep each link's address and each `code` span exactly as the original has them"
        )
    if added:
        return "the translation has " + ", ".join(added) + ", which the original has not"
    return None


def _figure_difference(original: str, base: str, text: str, lang: str) -> str | None:
    """Return a warning when the figures of a translation differ from its original's (never an error).

    A translation may rightly write a year once, a range in words or a Roman numeral, so this is for a
    person to look at, as a mistyped figure would be.
    """
    from briefpress.checks.factcheck.figures import read_figures

    wanted = {mention.key: mention.text for mention in read_figures(original, base)}
    given = {mention.key for mention in read_figures(text, lang)}
    lost = [written for key, written in wanted.items() if key not in given]
    if not lost:
        return None
    return "check the figures: the translation does not give " + ", ".join(lost)


def _same(one: str, other: str) -> bool:
    return digest(one) == digest(other)


# --- writing the YAML ---------------------------------------------------------


def _yaml(indent: tuple[int, int] = (4, 2)) -> YAML:
    yaml = YAML()
    yaml.width = 4096  # never re-wrap a line
    yaml.preserve_quotes = True
    sequence, offset = indent
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    return yaml


def _load(path: Path) -> tuple[Any, YAML]:
    """Load ``path`` for a round trip, with the indentation it is written in."""
    text = path.read_text(encoding="utf-8")
    _, indent, offset = load_yaml_guess_indent(text)
    yaml = _yaml((indent or 4, offset if offset is not None else 2))
    return yaml.load(text), yaml


def _dump(data: Any, yaml: YAML) -> bytes:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")


def _apply(briefing: Briefing, lang: str, values: dict[Loc, str]) -> bytes:
    """Return ``text/<lang>.yaml`` with ``values`` written in, in the base file's order and styles."""
    base_data, _ = _load(briefing.text_file(briefing.spec.base_language))
    path = briefing.text_file(lang)
    if path.is_file():
        data, yaml = _load(path)
    else:
        data, yaml = CommentedMap(), _yaml()
        first = briefing.text_file(briefing.spec.base_language).read_text(encoding="utf-8").partition("\n")[0]
        if first.startswith("# yaml-language-server:"):
            data.yaml_set_start_comment(first[2:])
    for loc, text in values.items():
        _set(data, base_data, loc, text)
    return _dump(data, yaml)


def _set(data: Any, base: Any, loc: Loc, text: str) -> None:
    """Set the text at ``loc``, making the mappings and lists on the way as the base has them."""
    *way, last = loc
    for depth, key in enumerate(way):
        following = loc[depth + 1]
        if isinstance(key, int):
            while len(data) <= key:
                data.append(CommentedMap() if isinstance(following, str) else CommentedSeq())
        elif key not in data or data[key] is None:
            _insert(data, list(base), key, CommentedSeq() if isinstance(following, int) else CommentedMap())
        data, base = data[key], base[key]
    original = base[last] if not isinstance(last, int) or last < len(base) else None
    if isinstance(last, int):
        while len(data) <= last:
            data.append(None)
        _put(data, last, text, data[last], original)
    else:
        if last in data:
            _put(data, last, text, data[last], original)
        else:
            _insert(data, list(base), last, _styled(text, original))


def _put(container: Any, key: str | int, text: str, old: Any, original: Any) -> None:
    """Replace a value, keeping its style (and a point's priority)."""
    if isinstance(old, dict) and "text" in old:
        old["text"] = _styled(text, old["text"])
        return
    if isinstance(original, dict) and "text" in original and old is None:
        point = CommentedMap()
        point["text"] = _styled(text, original["text"])
        if "priority" in original:
            point["priority"] = original["priority"]
        container[key] = point
        return
    if _plain(old) == text:
        return  # unchanged: not even its style is touched
    container[key] = _styled(text, old if old is not None else original)


def _plain(value: Any) -> str | None:
    return None if value is None else str(value)


def _insert(data: CommentedMap, order: Sequence[str], key: str, value: Any) -> None:
    """Add ``key`` where the base file has it: after the keys that come before it there."""
    before = set(order[: order.index(key)]) if key in order else set(order)
    data.insert(sum(1 for existing in data if existing in before), key, value)


def _styled(text: str, like: Any) -> Any:
    """Return ``text`` in the scalar style of ``like``: folded, quoted or plain."""
    if isinstance(like, FoldedScalarString):
        folded = FoldedScalarString(text)
        folded.fold_pos = _fold_positions(text)
        return folded
    if isinstance(like, ScalarString):
        return type(like)(text)
    if like is None:
        return DoubleQuotedScalarString(text)
    return text


def _fold_positions(text: str, width: int = FOLD_WIDTH) -> list[int]:
    """Return where a folded block breaks ``text``: at single spaces, lines of up to ``width``."""
    positions, start, last_space = [], 0, None
    for i, char in enumerate(text):
        if char == " " and text[i - 1 : i] != " " and text[i + 1 : i + 2] not in (" ", ""):
            if i - start > width and last_space is not None:
                positions.append(last_space)
                start = last_space + 1
            last_space = i
    if len(text) - start > width and last_space is not None and last_space > start:
        positions.append(last_space)
    return positions


def _with_language(spec_file: Path, lang: str) -> bytes:
    """Return ``briefing.yaml`` with ``lang`` added to its languages."""
    data, yaml = _load(spec_file)
    data["languages"].append(lang)
    return _dump(data, yaml)


def _validated(
    briefing: Briefing, lang: str, text: bytes, spec_text: bytes | None, plan: _Plan, po: Path
) -> Any:
    """Return the new text's data after loading the briefing with it, as a build would; raise ContentError.

    A problem is named at the PO unit of its field, where there is one.
    """
    with tempfile.TemporaryDirectory(prefix="briefpress-import-") as tmp:
        copy = Path(tmp) / briefing.folder.name
        shutil.copytree(briefing.folder, copy, ignore=shutil.ignore_patterns(".*"))
        (copy / "text" / f"{lang}.yaml").write_bytes(text)
        if spec_text is not None:
            (copy / SPEC_FILE).write_bytes(spec_text)
        loaded, problems = read_briefing(copy, {})
        if problems:
            raise ContentError(_at_units(problems, plan, po, copy, briefing.folder))
        assert loaded is not None
        return _own_data(loaded, lang)


def _at_units(problems: Iterable[Problem], plan: _Plan, po: Path, copy: Path, folder: Path) -> list[Problem]:
    """Return the problems of a loaded copy at the PO units of their fields, else at the real files."""
    located = []
    for problem in problems:
        entry = _entry_of(problem.field, plan.entries)
        if entry is not None:
            located.append(Problem(po, entry.linenum or 1, entry.msgctxt or "", problem.message))
            continue
        file = problem.file
        if file is not None and file.is_relative_to(copy):
            file = folder / file.relative_to(copy)
        located.append(Problem(file, problem.line, problem.field, problem.message))
    return located


def _entry_of(field: str, entries: dict[str, polib.POEntry]) -> polib.POEntry | None:
    """Return the unit of a field, or of the deepest field holding it, or the first one it holds."""
    if not field:
        return None
    for context in sorted(entries, key=len, reverse=True):
        if field == context or field.startswith((context + ".", context + "[")):
            return entries[context]
    return next((entries[context] for context in entries if context.startswith((field + ".", field + "["))), None)


# --- marking as current ---------------------------------------------------------


def mark_current(briefing: Briefing, lang: str, fields: Sequence[str] = ()) -> tuple[Path, int]:
    """Record the translation of ``fields`` (all its translated fields when none) as current; return the
    digests file and how many fields were marked.

    Raise UsageError for the base language or a field that is not one of the briefing's.
    """
    base = briefing.spec.base_language
    if lang == base:
        raise UsageError(f"{lang!r} is the base language of {briefing.name}: it translates nothing", param="--lang")
    if lang not in briefing.spec.languages:
        raise UsageError(f"{briefing.name} is not written in {lang!r} (languages: "
                         f"{', '.join(briefing.spec.languages)})", param="--lang")
    base_data = briefing.documents[briefing.text_file(base)].data
    own = _own_data(briefing, lang)
    by_name = {dotted(loc): loc for loc, _ in units(base_data)}
    unknown = [name for name in fields if name not in by_name]
    if unknown:
        raise UsageError([f"{name!r} is not a field of {base}.yaml" for name in unknown], param="--field")
    translated = {loc for loc, _ in units(base_data) if value_at(own, loc) is not None}
    chosen = frozenset(by_name[name] for name in fields) if fields else frozenset(translated)
    untranslated = sorted(dotted(loc) for loc in chosen - translated)
    if untranslated:
        raise UsageError([f"{name!r} has no {lang} translation to mark" for name in untranslated], param="--field")
    previous = read_digests(digests_path(briefing.text_file(lang)))[0]
    if not previous.exists and fields:
        # Starting to track: every other translated field is taken as current too, as an untracked one was.
        chosen = frozenset(translated)
    digests = current_digests(base_data, own, previous, chosen)
    data = digests.render(lang, base)
    if not digests.path.is_file() or digests.path.read_bytes() != data:
        write_atomically(digests.path, data)
    return digests.path, len(chosen)
