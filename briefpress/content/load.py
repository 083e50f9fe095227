"""Load briefings: strict YAML, validated against the model, cross-checked.

Everything is read and checked before anything renders, and every problem is
reported at once as ``file:line: field.path: what is wrong``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefpress.content.digests import digests_path, read_digests, stale_fields
from briefpress.content.messages import located
from briefpress.content.model import (
    Briefing,
    BriefingSpec,
    ChartRef,
    Event,
    Figure,
    LanguageText,
    PartNode,
    QuoteRef,
)
from briefpress.content.yamlread import Document, Loc, read_yaml
from briefpress.errors import ContentError, Problem
from briefpress.project import SPEC_FILE
from briefpress.project import find_briefings as find_briefings  # re-exported

TEXT_FOLDER = "text"
Model = TypeVar("Model", bound=BaseModel)
Available = Mapping[str, Collection[str]]


# A briefing's name is its folder's: it names outputs, URLs and lines on a terminal.
BRIEFING_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _slug(name: str) -> str:
    """Return the nearest briefing name to a folder name: ``Trade Talks 2026`` -> ``trade-talks-2026``."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))[:64]


def load_briefings(folders: list[Path], available: Available | None = None) -> list[Briefing]:
    """Load and validate every briefing; raise one ContentError listing all problems.

    ``available`` maps ``layouts``, ``styles`` and ``papers`` to the names the
    project provides, against which each briefing's ``outputs`` are checked.
    """
    briefings: list[Briefing] = []
    problems: list[Problem] = []
    for folder in folders:
        briefing, found = read_briefing(folder, available or {})
        problems += found
        if briefing is not None:
            briefings.append(briefing)
    if problems:
        raise ContentError(problems)
    return briefings


def load_briefing(folder: Path, available: Available | None = None) -> Briefing:
    """Load and validate one briefing folder."""
    return load_briefings([folder], available)[0]


def read_briefing(folder: Path, available: Available) -> tuple[Briefing | None, list[Problem]]:
    """Read one briefing folder; return it (None when invalid) and its problems."""
    if not BRIEFING_NAME.fullmatch(folder.name):
        message = (
            f"the folder name {folder.name!r} is not a briefing name: use lowercase letters, digits and "
            f"hyphens, as in {_slug(folder.name) or 'trade-talks-2026'!r}"
        )
        return None, [Problem(folder / SPEC_FILE, 1, "", message)]
    spec_doc, problems = read_yaml(folder / SPEC_FILE)
    spec = _validate(spec_doc, BriefingSpec, problems)
    if spec is None:
        return None, problems
    problems += check_spec(spec, spec_doc, available)
    texts: dict[str, LanguageText] = {}
    fallbacks: dict[str, frozenset[Loc]] = {}
    stale: dict[str, frozenset[Loc]] = {}
    untracked: set[str] = set()
    documents = {spec_doc.path: spec_doc}
    base_data = None
    # The base language first: the others fall back to it field by field.
    base = spec.base_language if spec.base_language in spec.languages else spec.languages[0]
    for lang in sorted(spec.languages, key=lambda lang: lang != base):
        path = folder / TEXT_FOLDER / f"{lang}.yaml"
        if not path.exists():  # one that is not a regular file (a device, a FIFO) is the reader's to refuse
            line = spec_doc.line_of(("languages", spec.languages.index(lang)))
            message = f"no text file for {lang!r} (expected {path.name} in {TEXT_FOLDER}/)"
            problems.append(Problem(spec_doc.path, line, "languages", message))
            continue
        text_doc, found = read_yaml(path)
        problems += found
        if text_doc.data is None:
            continue
        is_base = lang == base
        if is_base:
            base_data, fell_back = text_doc.data, list[Loc]()
        elif isinstance(base_data, dict) and isinstance(text_doc.data, dict):
            text_doc.data, fell_back = merge_text(base_data, text_doc.data)
        else:
            continue
        elsewhere = None if is_base or not isinstance(base_data, dict) else _reported_in_base(spec, base_data)
        text = _validate(text_doc, LanguageText, problems, elsewhere)
        if text is None:
            base_data = None if is_base else base_data
            continue
        problems += check_text(spec, text, text_doc, require_all=is_base, inherited=fell_back)
        texts[lang], fallbacks[lang], documents[path] = text, frozenset(fell_back), text_doc
        if not is_base:
            digests, found = read_digests(digests_path(path))
            problems += found
            stale[lang] = stale_fields(base_data, text_doc.data, digests, fallbacks[lang])
            if not digests.exists:
                untracked.add(lang)
    problems += _unlisted_texts(folder, spec, spec_doc)
    if problems:
        return None, problems
    return Briefing(folder.name, folder, spec, texts, fallbacks, documents, stale, frozenset(untracked)), []


def _validate(
    doc: Document, model: type[Model], problems: list[Problem], elsewhere: Callable[[ErrorDetails], bool] | None = None
) -> Model | None:
    """Return ``doc`` validated, or None after adding a problem per mistake (but those ``elsewhere`` reports)."""
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "the file must hold a mapping of fields"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        errors = [item for item in error.errors(include_url=False) if not (elsewhere and elsewhere(item))]
        for loc, message in located(errors, doc.data, model):
            problems.append(doc.problem(loc, message))
        return None


def _reported_in_base(spec: BriefingSpec, base: dict[str, Any]) -> Callable[[ErrorDetails], bool]:
    """Return whether a text's error is the base language's mistake, which the base file reports.

    A field missing from an entry the base file lacks (``parts.introduction.title`` when en.yaml
    misspells ``introdution``) has nothing to fall back to; en.yaml says ``missing: introduction``.
    """
    declared = declared_ids(spec)

    def reported(item: ErrorDetails) -> bool:
        loc = item["loc"]
        if item["type"] != "missing" or len(loc) < 2:
            return False
        if loc[0] == "source":
            return spec.source is not None and "source" not in base
        entries = base.get(str(loc[0]))
        return len(loc) >= 3 and loc[1] in declared.get(str(loc[0]), ()) and not (
            isinstance(entries, dict) and loc[1] in entries
        )

    return reported


def check_spec(spec: BriefingSpec, doc: Document, available: Available) -> list[Problem]:
    """Return the problems between fields of one briefing.yaml, and with the project."""
    problems: list[Problem] = []
    for field, known in available.items():
        for i, name in enumerate(getattr(spec.outputs, field)):
            if name not in known:
                choices = ", ".join(sorted(known)) or "none"
                problems.append(doc.problem(("outputs", field, i), f"no {field[:-1]} {name!r} (available: {choices})"))
    if spec.base_language not in spec.languages:
        problems.append(doc.problem(("base_language",), f"{spec.base_language!r} is not in languages"))
    problems += _duplicates(doc, ("languages",), spec.languages)
    problems += _part_duplicates(doc, spec)
    problems += _duplicates(doc, ("sources",), [source.id for source in spec.sources], "id")
    problems += _duplicates(doc, ("glossary",), spec.glossary)
    for field in ("figures", "timeline", "quotes", "charts"):
        problems += _duplicates(doc, (field,), [item.id for item in getattr(spec, field)], "id")
    figures = {figure.id for figure in spec.figures}
    for i, chart in enumerate(spec.charts):
        for j, figure in enumerate(chart.figures):
            if figure not in figures:
                problems.append(doc.problem(("charts", i, "figures", j), f"{figure!r} is not one of the figures"))
    placed: tuple[tuple[str, Sequence[Figure | QuoteRef | ChartRef]], ...] = (
        ("figures", spec.figures),
        ("quotes", spec.quotes),
        ("charts", spec.charts),
    )
    parts = set(spec.part_ids())
    for field, items in placed:
        for i, placed_item in enumerate(items):
            if placed_item.part not in parts:
                message = f"{placed_item.part!r} is not one of the parts"
                problems.append(doc.problem((field, i, "part"), message))
    sources = [source.id for source in spec.all_sources()]
    cited: tuple[tuple[str, Sequence[Figure | Event | QuoteRef]], ...] = (
        ("figures", spec.figures),
        ("timeline", spec.timeline),
        ("quotes", spec.quotes),
    )
    for field, sourced in cited:
        for i, cited_item in enumerate(sourced):
            if cited_item.source is not None and cited_item.source not in sources:
                where = "one of sources" if spec.sources else "the id of a source: list several as sources:"
                message = f"{cited_item.source!r} is not {where} (known: {', '.join(sources)})"
                problems.append(doc.problem((field, i, "source"), message))
    for name, show in spec.outputs.show.items():
        for i, part in enumerate(show.parts or ()):
            if part not in parts:
                problems.append(doc.problem(("outputs", "show", name, "parts", i), f"{part!r} is not one of the parts"))
    return problems


def _part_duplicates(doc: Document, spec: BriefingSpec) -> list[Problem]:
    """Return a problem for each part listed a second time, at any depth."""
    seen: set[str] = set()
    problems = []

    def walk(items: Sequence[str | PartNode], loc: Loc) -> None:
        for i, item in enumerate(items):
            key = item if isinstance(item, str) else item.id
            where = (*loc, i) if isinstance(item, str) else (*loc, i, "id")
            if key in seen:
                problems.append(doc.problem(where, f"{key!r} is listed twice"))
            seen.add(key)
            if not isinstance(item, str):
                walk(item.parts, (*loc, i, "parts"))

    walk(spec.parts, ("parts",))
    return problems


def _duplicates(doc: Document, loc: Loc, values: list[str], key: str | None = None) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for i, value in enumerate(values):
        if value in seen:
            where = (*loc, i, key) if key else (*loc, i)
            problems.append(doc.problem(where, f"{value!r} is listed twice"))
        seen.add(value)
    return problems


def merge_text(base: Any, other: Any, loc: Loc = ()) -> tuple[Any, list[Loc]]:
    """Return ``other`` completed from ``base``, and the paths taken from ``base``."""
    if other is None:
        return base, [loc]
    if isinstance(base, list) and isinstance(other, list) and len(other) < len(base):
        # A list translated in part (the first points of a part) shows the rest in the base language.
        return other + base[len(other) :], [(*loc, i) for i in range(len(other), len(base))]
    if not (isinstance(base, dict) and isinstance(other, dict)):
        return other, []
    merged, fell_back = dict(other), []
    for key, value in base.items():
        merged[key], taken = merge_text(value, other.get(key), (*loc, key))
        fell_back += taken
    return merged, fell_back


def declared_ids(spec: BriefingSpec) -> dict[str, list[str]]:
    """Return, per field of a text file keyed by id, the ids that briefing.yaml declares."""
    return {
        "parts": spec.part_ids(),
        "sources": [source.id for source in spec.sources],
        "figures": [figure.id for figure in spec.figures],
        "timeline": [event.id for event in spec.timeline],
        "glossary": spec.glossary,
        "quotes": [quote.id for quote in spec.quotes],
        "charts": [chart.id for chart in spec.charts],
    }


def check_text(
    spec: BriefingSpec, text: LanguageText, doc: Document, require_all: bool, inherited: Collection[Loc] = ()
) -> list[Problem]:
    """Return the problems between a text file and the ids its spec declares.

    Only the base language must give every id; the others fall back to it.
    Ids ``inherited`` from the base language are the base file's to report.
    """
    problems = []
    for field, ids in declared_ids(spec).items():
        given = getattr(text, field)
        for key in given:
            if key not in ids and (field, key) not in inherited:
                problems.append(doc.problem((field, key), f"{key!r} is not declared in {SPEC_FILE}"))
        missing = [key for key in ids if key not in given]
        if missing and require_all:
            problems.append(doc.problem((field,), "missing: " + ", ".join(missing)))
    if spec.sources and text.source is not None and ("source",) not in inherited:
        message = f"{SPEC_FILE} lists sources: cite each under sources: by its id, not under source:"
        problems.append(doc.problem(("source",), message))
    if spec.source is not None and text.source is None and require_all:
        problems.append(doc.problem((), f"source: is missing: how the source of {SPEC_FILE} is cited"))
    if spec.source is not None and text.sources and ("sources",) not in inherited:
        message = f"{SPEC_FILE} gives one source: cite it under source:, or list several as sources: there"
        problems.append(doc.problem(("sources",), message))
    return problems


def _unlisted_texts(folder: Path, spec: BriefingSpec, doc: Document) -> list[Problem]:
    return [
        doc.problem(("languages",), f"{path.relative_to(folder)} exists but {path.stem!r} is not listed")
        for path in sorted((folder / TEXT_FOLDER).glob("*.yaml"))
        if path.stem not in spec.languages
    ]
