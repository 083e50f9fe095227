"""Validation errors in our words: one line per mistake, saying what to write.

pydantic reports a value that fits neither branch of a union (``Id | PartNode``,
``Prose | PointText``) once per branch, with the branch's name in the location,
and words each error in its own terms. Here each error becomes one line at the
place in the file that holds the mistake, in the words of the reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from briefpress.content import model as schema
from briefpress.content.model import NAMED_PATTERNS, PRIORITY_DESCRIPTION, BriefingSpec, Show
from briefpress.content.yamlread import Loc

# The names pydantic gives the branches of a union in an error's location.
_BRANCH_NAMES = frozenset({"constrained-str", "str", "int", "decimal", "date", "bool", "float", "list", "dict", "none"})
_KEY = "[key]"  # pydantic's mark for an error in a mapping's key rather than its value

NUMBER_HINT = "write a plain number, e.g. 518400000000 (no words or units: the unit goes in unit:)"
DATE_HINT = "write YYYY-MM-DD, e.g. 2026-11-26"
PART_HINT = "a part is an id, or {id: ..., parts: [...]} for a part that holds parts"
POINT_HINT = "a point is one piece of text, or {text: ..., priority: 1|2|3}"
PRIORITY_HINT = f"write {PRIORITY_DESCRIPTION}"
SCALES = {"thousand": 3, "k": 3, "million": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9, "b": 9, "trillion": 12, "tn": 12}

# Fields of briefing.yaml that hold names rather than prose, by what a message calls them.
_SPEC_NOUNS = {
    "languages": "language tag",
    "base_language": "language tag",
    "language": "language tag",
    "said_in": "language tag",
    "layouts": "name",
    "styles": "name",
    "papers": "name",
    "url": "URL",
    "unit": "unit",
    "author": "piece of text",
    "issuer": "piece of text",
}
# The fields a message names for a mapping that has no required field.
_FIELDS_NAMED = {"Source": ["author", "issuer", "kind", "published"]}
# Lists whose items are mappings: how an item starts.
_LISTS_OF_FIELDS = {"figures": "- id: ...", "timeline": "- id: ...", "quotes": "- id: ...", "charts": "- id: ...",
                    "sources": "- id: ..."}


def located(errors: Sequence[ErrorDetails], data: Any, model: type[BaseModel]) -> list[tuple[Loc, str]]:
    """Return one (location, message) per mistake, in the order pydantic found them."""
    found: list[tuple[Loc, str]] = []
    for loc, message in _collapse(list(errors), data, model):
        if (loc, message) not in found:
            found.append((loc, message))
    # A value that fits no branch of a union is one mistake, however many ways it fails.
    return [item for i, item in enumerate(found) if item[0] not in {loc for loc, _ in found[:i]}]


def _collapse(errors: list[ErrorDetails], data: Any, model: type[BaseModel]) -> list[tuple[Loc, str]]:
    groups: dict[Loc, list[ErrorDetails]] = {}
    order: list[tuple[Loc, ErrorDetails | None]] = []
    for item in errors:
        branch = _first_branch(item["loc"], data)
        if branch is None:
            order.append((tuple(item["loc"]), item))
            continue
        prefix = tuple(item["loc"][:branch])
        if prefix not in groups:
            groups[prefix] = []
            order.append((prefix, None))
        groups[prefix].append(item)
    result: list[tuple[Loc, str]] = []
    for loc, one in order:
        if one is not None:
            clean = _clean(loc)
            result.append((clean, message(one, clean, model)))
        else:
            result += _union(loc, groups[loc], data, model)
    return result


def _union(prefix: Loc, errors: list[ErrorDetails], data: Any, model: type[BaseModel]) -> list[tuple[Loc, str]]:
    """Return the lines for a value that fits no branch of a union: the branch it was meant for, or one hint."""
    value, at = _value_at(data, prefix), len(prefix)
    as_model = [item for item in errors if str(item["loc"][at])[:1].isupper()]
    others = [item for item in errors if item not in as_model]
    if isinstance(value, dict) and as_model:
        shape = [item for item in as_model if len(item["loc"]) == at + 2 and item["type"] in _SHAPE]
        if not shape:  # the mapping has the right fields: its own mistakes are the ones to report
            return _collapse([_without(item, at) for item in as_model], data, model)
        return [(_clean(prefix), _union_hint(prefix, value, shape))]
    if isinstance(value, str) and others:
        return _collapse([_without(item, at) for item in others], data, model)
    return [(_clean(prefix), _union_hint(prefix, value, []))]


_SHAPE = ("missing", "extra_forbidden")


def _union_hint(loc: Loc, value: Any, shape: list[ErrorDetails]) -> str:
    hint = POINT_HINT if _field(loc) == "points" else PART_HINT
    if value is None:
        return f"this is empty: {hint}"
    missing = [str(item["loc"][-1]) + ":" for item in shape if item["type"] == "missing"]
    unknown = [str(item["loc"][-1]) + ":" for item in shape if item["type"] == "extra_forbidden"]
    if unknown:
        verb = "is not one of its fields" if len(unknown) == 1 else "are not among its fields"
        hint += f"; {_joined(unknown)} {verb}"
    if missing:
        hint += f"; this one has no {_joined(missing)}"
    return hint


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _without(item: ErrorDetails, at: int) -> ErrorDetails:
    return {**item, "loc": (*item["loc"][:at], *item["loc"][at + 1 :])}


def _is_branch(key: str | int) -> bool:
    return isinstance(key, str) and key != _KEY and (key[:1].isupper() or "[" in key or key in _BRANCH_NAMES)


def _first_branch(loc: Sequence[str | int], data: Any) -> int | None:
    """Return the index in ``loc`` of the first name of a union's branch, walking ``data`` to tell keys from names."""
    node = data
    for i, key in enumerate(loc):
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        elif _is_branch(key):
            return i
        else:
            node = None
    return None


def _clean(loc: Sequence[str | int]) -> Loc:
    return tuple(key for key in loc if key != _KEY)


def _value_at(data: Any, loc: Loc) -> Any:
    for key in loc:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def _field(loc: Loc) -> str:
    return next((key for key in reversed(loc) if isinstance(key, str)), "")


def _given(value: Any) -> str:
    """Return how a message names a value: its text, or what kind of thing it is."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return "nothing"


def _not_one(value: Any) -> str:
    return "not a list" if isinstance(value, list) else "not a mapping of fields" if isinstance(value, dict) else ""


def message(item: ErrorDetails, loc: Loc, model: type[BaseModel]) -> str:
    """Return what is wrong with one value and what to write instead, in our words."""
    kind, value, field, context = item["type"], item.get("input"), _field(loc), item.get("ctx") or {}
    if kind == "missing":
        return "this field is required"
    if kind == "extra_forbidden":
        return "unknown field (a typo?)"
    if kind in ("value_error", "assertion_error"):
        text = str(context.get("error", item["msg"]))
        return text[:1].lower() + text[1:]
    if kind == "string_pattern_mismatch":
        named = NAMED_PATTERNS.get(context["pattern"])
        if named is not None:
            name, words = named
            return f"{value!r} is not a valid {name}: write {words.replace('`', '')}"
        return f"{value!r} is not allowed here (expected {context['pattern']})"
    if kind == "string_too_short":
        return "this text is empty"
    if kind == "string_type":
        noun = _SPEC_NOUNS.get(field, "id") if model is BriefingSpec else "piece of text"
        if value is None:
            return f"this is empty: write one {noun} here"
        return f"write one {noun} here, {_not_one(value) or 'not ' + _given(value)}"
    if kind in ("enum", "literal_error"):
        if isinstance(value, str):
            return f"{value!r} is not one of: {context['expected']}"
        return f"write one of: {context['expected']}" + (f", {_not_one(value)}" if _not_one(value) else "")
    if kind in ("too_short", "too_long"):
        short = kind == "too_short"
        bound = context["min_length"] if short else context["max_length"]
        items = "item" if bound == 1 else "items"
        has = context["actual_length"]
        if not short and loc == ("takeaways",):
            return f"a cover holds at most {bound} takeaways; this list has {has}: keep the ones that matter most"
        return f"give {'at least' if short else 'at most'} {bound} {items} here; this list has {has}"
    if kind == "list_type":
        return _list_hint(loc, value, model)
    if kind == "dict_type":
        return _mapping_hint(field, model)
    if kind in ("model_type", "model_attributes_type"):
        return _fields_hint(context.get("class_name", ""), value)
    if kind.startswith("decimal") or kind in ("finite_number", "float_parsing", "float_type"):
        return _number_hint(value)
    if field == "priority" and (kind.startswith("int") or kind in ("greater_than_equal", "less_than_equal")):
        return f"{_given(value)} is not a priority: {PRIORITY_HINT}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _bound_hint(kind, value, field, context)
    if kind.startswith("int"):
        if isinstance(value, str):
            return f"{value!r} is not a whole number: write one, e.g. 3{_range(field)}"
        return f"write one whole number here, e.g. 3{_range(field)}, {_not_one(value) or 'not nothing'}"
    if kind.startswith("date"):
        return _date_hint(kind, value)
    if kind.startswith("bool"):
        return f"{_given(value)} is not true or false: write true or false"
    return "this value does not fit here: see this field in the content reference"


def _list_hint(loc: Loc, value: Any, model: type[BaseModel]) -> str:
    field = _field(loc)
    if model is BriefingSpec and loc == ("parts",):
        return "parts is a list of ids, one a line starting with '- '; nest parts with {id: ..., parts: [...]}"
    if model is BriefingSpec and field in _LISTS_OF_FIELDS and len(loc) == 1:
        return f"write {field} as a list, each item starting with '{_LISTS_OF_FIELDS[field]}' on its own line"
    given = "" if value is None else f", not {_given(value)}" if isinstance(value, str) else f", {_not_one(value)}"
    return f"write {field or 'this'} as a list, one item a line starting with '- ' (or [a, b]), even for one{given}"


def _mapping_hint(field: str, model: type[BaseModel]) -> str:
    if field == "show":
        return "write show as entries by layout name (sheet: {depth: 1, points: 3}), not a list"
    if field == "parts" and model is not BriefingSpec:
        return "write parts as entries by part id, nested parts too (introduction: then title: under it), not a list"
    return f"write {field or 'this'} as entries by id (an-id: on its own line, its text under it), not a list"


def _fields_hint(class_name: str, value: Any) -> str:
    cls = getattr(schema, class_name, None)
    names: list[str] = []
    if class_name in _FIELDS_NAMED:
        names = _FIELDS_NAMED[class_name]
    elif isinstance(cls, type) and issubclass(cls, BaseModel):
        fields = cls.model_fields
        names = [name for name, info in fields.items() if info.is_required()] or [
            name for name in fields if name != "id"
        ][:3]
    listed = f" ({', '.join(name + ':' for name in names)} ...)" if names else ""
    given = "a piece of text" if isinstance(value, str) else _not_one(value)[4:] or "nothing"
    return f"write fields here{listed}, one a line under this one, not {given}"


def _number_hint(value: Any) -> str:
    if not isinstance(value, str):
        return f"write one plain number here, e.g. 518400000000, {_not_one(value) or 'not nothing'}"
    plain = plain_number(value)
    if plain is not None and plain != value.strip():
        return f"{value!r} is not a plain number: write {plain} (no words or units: the unit goes in unit:)"
    return f"{value!r} is not a number: {NUMBER_HINT}"


def plain_number(text: str) -> str | None:
    """Return the plain number a person meant by ``518.4 billion``, ``US$1,250,000`` or ``42.3 %`` (None if unclear)."""
    words = text.strip().lower().replace("\u00a0", " ")
    words = re.sub(r"^(?:[a-z]{2,3}\s?)?[$€£¥]|\b(?:usd|eur|cny|rmb|brl|gbp|jpy)\b|%", " ", words)
    match = re.fullmatch(r"\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([a-z]+)?\s*", words)
    if not match or (match[3] and match[3] not in SCALES):
        return None
    try:
        number = Decimal(match[1].replace(",", "") + (match[2] or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None
    number = number.scaleb(SCALES[match[3]]) if match[3] else number
    return f"{number:f}".rstrip("0").rstrip(".") if "." in f"{number:f}" else f"{number:f}"


def _bound_hint(kind: str, value: Any, field: str, context: dict[str, Any]) -> str:
    if field == "value":
        return f"{_given(value)} is negative: a figure is a plain number of 0 or more (say it is a fall in its label)"
    bound = next(iter(context.values()), "")
    side = "small" if kind.startswith("greater") else "large"
    limit = f" of at {'least' if side == 'small' else 'most'} {bound}"
    return f"{_given(value)} is too {side}: write a whole number{_range(field) or limit}"


def _range(field: str) -> str:
    info = Show.model_fields.get(field)
    if info is None:
        return ""
    low = next((item.ge for item in info.metadata if hasattr(item, "ge")), None)
    high = next((item.le for item in info.metadata if hasattr(item, "le")), None)
    return f" from {low} to {high}" if low is not None and high is not None else ""


def _date_hint(kind: str, value: Any) -> str:
    if not isinstance(value, str):
        return f"write one date here, YYYY-MM-DD, {_not_one(value) or 'not nothing'}"
    if kind == "date_from_datetime_inexact" and re.search(r"[T ]\d|:", value):
        return f"{value!r} has a time of day: write the day only, YYYY-MM-DD"
    if kind == "date_from_datetime_inexact":
        return f"{value!r} is not a full date: write its day too, YYYY-MM-DD, e.g. 2026-11-26"
    return f"{value!r} is not a date: {DATE_HINT}"
