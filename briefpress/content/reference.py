"""The content reference (docs/content-reference.md), generated from the JSON Schemas.

Every field of ``briefing.yaml`` and ``text/<lang>.yaml`` with its type, whether it is
required, its constraints, its description and an example from the sample briefing.
Regenerate the committed copy with ``.venv/bin/python -m briefpress.content.reference``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from briefpress.content.model import _DATE_PATTERN, _PERIOD_PATTERN, NAMED_PATTERNS
from briefpress.content.schema import generate
from briefpress.content.yamlread import read_yaml
from briefpress.project import BUILTIN_ROOT

SAMPLE = BUILTIN_ROOT / "content" / "china-lac-2021"
OUTPUT = BUILTIN_ROOT / "docs" / "content-reference.md"
FILES = {"briefing.yaml": "briefing.schema.json", "text/<lang>.yaml": "text.schema.json"}
SAMPLE_FILES = {"briefing.yaml": "briefing.yaml", "text/<lang>.yaml": "text/en.yaml"}
EXAMPLE_WIDTH = 60


def reference() -> str:
    """Return the text of the content reference."""
    schemas = {name: json.loads(text) for name, text in generate().items()}
    out = [
        "# Content reference",
        "",
        "<!-- Generated from briefpress/content/model.py by `.venv/bin/python -m briefpress.content.reference`;"
        " do not edit by hand. -->",
        "",
        "A briefing is a folder `content/<briefing>/` holding `briefing.yaml` (structure, numbers and",
        "dates) and one `text/<lang>.yaml` per language (every piece of prose, keyed by the ids of",
        "`briefing.yaml`). Values are read as strings and typed by the schema; every example comes from",
        f"the sample briefing, `content/{SAMPLE.name}` (text examples from `text/en.yaml`). Editors can",
        "check the files against `schema/briefing.schema.json` and `schema/text.schema.json`.",
        "",
    ]
    for file, schema_name in FILES.items():
        schema = schemas[schema_name]
        doc, _ = read_yaml(SAMPLE / SAMPLE_FILES[file])
        out += [f"## `{file}`", "", _markdown(schema.get("description", "")), ""]
        out += _sections(schema, schema, doc.data, "", file)
    out += ["## Value types", "", "| type | written as |", "|---|---|"]
    out += [f"| {name} | {meaning} |" for name, meaning in NAMED_PATTERNS.values()]
    out += [
        "| date | `YYYY-MM-DD` |",
        "| partial date | `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, printed at that precision |",
        "| period | a partial date, or `START/END` with `..` for an open end: `2021-01/2021-11`, `2018-01/..` |",
        "| number | a plain number without grouping: `411250000000`, `42.3` |",
        "| text | a non-empty string; surrounding whitespace is dropped |",
        "",
    ]
    return "\n".join(out)


def _sections(schema: dict, node: dict, data: Any, path: str, file: str) -> list[str]:
    """Return the table of one object's fields, then the sections of the objects inside it."""
    required = set(node.get("required", []))
    rows = ["| field | type | required | description | example |", "|---|---|---|---|---|"]
    nested: list[tuple[dict, Any, str]] = []
    for name, prop in node["properties"].items():
        field = f"{path}{name}"
        inner, suffix, examples = _inner(schema, prop, data, name)
        target = _resolve(schema, inner) if "$ref" in inner else None
        if target is not None and "properties" in target:
            nested.append((target, examples, f"{field}{suffix}."))
        rows.append(
            "| "
            + " | ".join(
                [
                    f"`{field}`",
                    _type(schema, prop),
                    _required(name in required, prop),
                    _escape(_markdown(describe(schema, prop))),
                    _example(data.get(name) if isinstance(data, dict) else None),
                ]
            )
            + " |"
        )
    out = [*rows, ""]
    for target, examples, prefix in nested:
        out += [f"### `{prefix.rstrip('.')}` in `{file}`", "", _markdown(target.get("description", "")), ""]
        out += _sections(schema, target, _merged(examples), prefix, file)
    return out


def _inner(schema: dict, prop: dict, data: Any, name: str) -> tuple[dict, str, list[Any]]:
    """Return the schema of what a field holds (its items, its map values), a path suffix, and sample values."""
    value = data.get(name) if isinstance(data, dict) else None
    if prop.get("type") == "array":
        return prop["items"], "[]", value if isinstance(value, list) else []
    if prop.get("type") == "object" and "patternProperties" in prop:
        (inner,) = prop["patternProperties"].values()
        return inner, ".<id>", list(value.values()) if isinstance(value, dict) else []
    return prop, "", [value]


def _merged(examples: list[Any]) -> dict:
    """Return, for each field, its first value among the sample's items."""
    merged: dict = {}
    for item in examples:
        if isinstance(item, dict):
            for key, value in item.items():
                merged.setdefault(key, value)
    return merged


def _resolve(schema: dict, node: dict) -> dict:
    return schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]


def describe(schema: dict, prop: dict) -> str:
    """Return a field's description, or that of the type it refers to."""
    if prop.get("description"):
        return prop["description"]
    options = prop.get("anyOf", [prop])
    for option in options:
        if "$ref" in option:
            return _resolve(schema, option).get("description", "")
    return ""


def _type(schema: dict, prop: dict) -> str:
    options = [option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"]
    return " or ".join(_one_type(schema, option) for option in options)


def _one_type(schema: dict, node: dict) -> str:
    if "anyOf" in node:  # a list item of several kinds: a part's id or a part holding parts
        return " or ".join(_one_type(schema, option) for option in node["anyOf"])
    if "$ref" in node:
        target = _resolve(schema, node)
        if "enum" in target:
            return "one of " + ", ".join(f"`{value}`" for value in target["enum"])
        return f"object ({target.get('title', '')})"
    kind = node.get("type")
    if kind == "array":
        return f"list of {_one_type(schema, node['items'])}{_count(node)}"
    if kind == "object":
        (inner,) = node.get("patternProperties", {"": {}}).values()
        return f"map of id to {_one_type(schema, inner)}"
    if node.get("pattern") in NAMED_PATTERNS:
        return NAMED_PATTERNS[node["pattern"]][0]
    if node.get("format") == "date":
        return "date"
    if node.get("pattern") in (_DATE_PATTERN, _PERIOD_PATTERN):
        return "period" if node["pattern"] == _PERIOD_PATTERN else "partial date"
    if "number" in (kind if isinstance(kind, list) else [kind]):
        bounds = f" ≥ {node['minimum']}" if "minimum" in node else ""
        return "number" + bounds
    if kind == "string":
        return "text" if node.get("minLength") == 1 else "string"
    return str(kind)


def _count(node: dict) -> str:
    low, high = node.get("minItems"), node.get("maxItems")
    if low and high:
        return f", {low} to {high}"
    if low:
        return f", at least {low}"
    return ""


def _required(required: bool, prop: dict) -> str:
    if required:
        return "yes"
    default = prop.get("default")
    return f"no (default `{default}`)" if default not in (None, [], {}) else "no"


def _example(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        first = next(iter(value.items()), None)
        if first is None or isinstance(first[1], dict | list):
            return "see below" if first else ""
        return _example(f"{first[0]}: {first[1]}")
    if isinstance(value, list):
        if any(isinstance(item, dict | list) for item in value):
            return f"{len(value)} item{'s' if len(value) > 1 else ''}, see below"
        text = "[" + ", ".join(value) + "]"
    else:
        text = " ".join(str(value).split())
    if len(text) > EXAMPLE_WIDTH:
        text = text[: EXAMPLE_WIDTH - 1].rstrip() + "…"
    return f"`{_escape(text)}`"


def _markdown(text: str) -> str:
    """Return a docstring's reStructuredText literals as Markdown ones."""
    return text.replace("``", "`")


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(reference(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUTPUT}\n")
