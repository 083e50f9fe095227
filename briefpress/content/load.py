"""Load briefings: strict YAML, validated against the model, cross-checked.

Everything is read and checked before anything renders, and every problem is
reported at once as ``file:line: field.path: what is wrong``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefpress.content.model import NAMED_PATTERNS, Briefing, BriefingSpec, ChartRef, Figure, LanguageText, QuoteRef
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
        text = _validate(text_doc, LanguageText, problems)
        if text is None:
            base_data = None if is_base else base_data
            continue
        problems += check_text(spec, text, text_doc, require_all=is_base, inherited=fell_back)
        texts[lang], fallbacks[lang], documents[path] = text, frozenset(fell_back), text_doc
    problems += _unlisted_texts(folder, spec, spec_doc)
    if problems:
        return None, problems
    return Briefing(folder.name, folder, spec, texts, fallbacks, documents), []


def _validate(doc: Document, model: type[Model], problems: list[Problem]) -> Model | None:
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "the file must hold a mapping of fields"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            problems.append(doc.problem(tuple(item["loc"]), _message(item)))
        return None


def _message(item: ErrorDetails) -> str:
    message = item["msg"].removeprefix("Value error, ")
    if item["type"] == "missing":
        return "this field is required"
    if item["type"] == "extra_forbidden":
        return "unknown field (a typo?)"
    if item["type"] == "string_pattern_mismatch":
        named = NAMED_PATTERNS.get(item["ctx"]["pattern"])
        if named is not None:
            kind, words = named
            return f"{item['input']!r} is not a valid {kind}: write {words.replace('`', '')}"
        return f"{item['input']!r} is not allowed here (expected {item['ctx']['pattern']})"
    if item["type"] == "enum":
        return f"{item['input']!r} is not one of: {item['ctx']['expected']}"
    if item["type"] == "string_too_short":
        return "this text is empty"
    if item["type"] in ("too_short", "too_long") and isinstance(item["input"], list):
        context = item["ctx"]
        short = item["type"] == "too_short"
        bound = f"at least {context['min_length']}" if short else f"at most {context['max_length']}"
        return f"give {bound} items here; this list has {context['actual_length']}"
    return message[0].lower() + message[1:] if message else message


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
    problems += _duplicates(doc, ("parts",), spec.parts)
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
    for field, items in placed:
        for i, placed_item in enumerate(items):
            if placed_item.part not in spec.parts:
                message = f"{placed_item.part!r} is not one of the parts"
                problems.append(doc.problem((field, i, "part"), message))
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
    if not (isinstance(base, dict) and isinstance(other, dict)):
        return other, []
    merged, fell_back = dict(other), []
    for key, value in base.items():
        merged[key], taken = merge_text(value, other.get(key), (*loc, key))
        fell_back += taken
    return merged, fell_back


def check_text(
    spec: BriefingSpec, text: LanguageText, doc: Document, require_all: bool, inherited: Collection[Loc] = ()
) -> list[Problem]:
    """Return the problems between a text file and the ids its spec declares.

    Only the base language must give every id; the others fall back to it.
    Ids ``inherited`` from the base language are the base file's to report.
    """
    expected = {
        "parts": spec.parts,
        "figures": [figure.id for figure in spec.figures],
        "timeline": [event.id for event in spec.timeline],
        "glossary": spec.glossary,
        "quotes": [quote.id for quote in spec.quotes],
        "charts": [chart.id for chart in spec.charts],
    }
    problems = []
    for field, ids in expected.items():
        given = getattr(text, field)
        for key in given:
            if key not in ids and (field, key) not in inherited:
                problems.append(doc.problem((field, key), f"{key!r} is not declared in {SPEC_FILE}"))
        missing = [key for key in ids if key not in given]
        if missing and require_all:
            problems.append(doc.problem((field,), "missing: " + ", ".join(missing)))
    return problems


def _unlisted_texts(folder: Path, spec: BriefingSpec, doc: Document) -> list[Problem]:
    return [
        doc.problem(("languages",), f"{path.relative_to(folder)} exists but {path.stem!r} is not listed")
        for path in sorted((folder / TEXT_FOLDER).glob("*.yaml"))
        if path.stem not in spec.languages
    ]
