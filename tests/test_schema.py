"""The JSON Schemas kept for editors are generated from the model and up to date."""

from __future__ import annotations

import json

import pytest
import regress
from helpers import REPO, SAMPLE
from jsonschema import Draft202012Validator

from briefpress.authoring.scaffold import EXAMPLE
from briefpress.content.schema import generate
from briefpress.content.yamlread import read_yaml


@pytest.mark.parametrize("name", ["briefing.schema.json", "text.schema.json"])
def test_committed_schema_is_current(name):
    committed = (REPO / "schema" / name).read_text(encoding="utf-8")
    assert committed == generate()[name], "stale schema: run .venv/bin/python -m briefpress.content.schema"


def test_schema_describes_the_fields():
    briefing = json.loads(generate()["briefing.schema.json"])
    assert briefing["additionalProperties"] is False
    assert set(briefing["required"]) == {
        "languages",
        "base_language",
        "author",
        "date",
        "outputs",
        "parts",
    }
    assert {"source", "sources"} <= set(briefing["properties"])
    figure = briefing["$defs"]["Figure"]
    unit = figure["properties"]["unit"]
    assert unit["type"] == "string"
    assert {"USD", "EUR", "percentage-points", "mass-tonne"} <= set(unit["examples"])
    text = json.loads(generate()["text.schema.json"])
    # How many points a part has is guidance (check warns); only more than a page holds is refused.
    points = text["$defs"]["PartText"]["properties"]["points"]
    assert "minItems" not in points
    assert points["maxItems"] == 50
    part = briefing["properties"]["parts"]["items"]
    assert {"$ref": "#/$defs/PartNode"} in part["anyOf"]


def test_content_files_point_at_the_schemas():
    sample = SAMPLE
    assert (
        (sample / "briefing.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../../schema/briefing.schema.json")
    )
    assert (
        (sample / "text" / "en.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../../../schema/text.schema.json")
    )


SCHEMA_FILES = sorted((REPO / "schema").glob("*.schema.json"))


def schema_patterns(node: object, path: str = "#") -> list[tuple[str, str]]:
    """Return every regular expression in a schema (``pattern`` values and ``patternProperties`` keys)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                found.append((f"{path}/pattern", value))
            elif key == "patternProperties" and isinstance(value, dict):
                found += [(f"{path}/patternProperties", pattern) for pattern in value]
            found += schema_patterns(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += schema_patterns(value, f"{path}/{index}")
    return found


def test_schema_folder_holds_both_schemas():
    assert [path.name for path in SCHEMA_FILES] == ["briefing.schema.json", "text.schema.json"]


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda path: path.name)
def test_schema_is_a_valid_draft_2020_12_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda path: path.name)
def test_every_pattern_is_an_ecma_262_unicode_regex(path):
    # Editors validate with JavaScript engines, where a pattern is a unicode-mode RegExp: stricter than
    # Python's re (no identity escapes such as \" or \-, outside a class), so check with an ECMA-262 engine.
    patterns = schema_patterns(json.loads(path.read_text(encoding="utf-8")))
    assert patterns
    invalid = []
    for where, pattern in patterns:
        try:
            regress.Regex(pattern, "u")
        except regress.RegressError as error:
            invalid.append(f"{where}: {pattern!r}: {error}")
    assert invalid == []


@pytest.mark.parametrize("pattern", [r"^https?://[^\s<>\"]+$", r"^a\-b$", r"^\d{4}("])
def test_ecma_check_refuses_what_a_javascript_engine_refuses(pattern):
    with pytest.raises(regress.RegressError):
        regress.Regex(pattern, "u")


def content_files() -> list:
    """Return the sample's and the example's YAML files, each with the schema that describes it."""
    files = []
    for folder in (SAMPLE, EXAMPLE):
        files.append((folder / "briefing.yaml", "briefing.schema.json"))
        files += [(path, "text.schema.json") for path in sorted((folder / "text").glob("*.yaml"))]
    return [pytest.param(path, name, id=str(path.relative_to(REPO))) for path, name in files]


@pytest.mark.parametrize(("path", "name"), content_files())
def test_content_files_validate_against_the_schemas(path, name):
    schema = json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    document, _ = read_yaml(path)  # every scalar a string, as briefpress reads it
    errors = [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document.data)]
    assert errors == []


def test_the_schemas_reject_what_the_model_rejects():
    schema = json.loads((REPO / "schema" / "briefing.schema.json").read_text(encoding="utf-8"))
    document, _ = read_yaml(SAMPLE / "briefing.yaml")
    data = {**document.data, "source": {**document.data["source"], "url": 'https://example.org/"quoted"'}}
    data["figures"] = [{**data["figures"][0], "unit": "EURO"}, *data["figures"][1:]]
    errors = sorted(error.json_path for error in Draft202012Validator(schema).iter_errors(data))
    assert errors == ["$.figures[0].unit", "$.source"]  # source: is one Source or none: the URL's error is the source's
