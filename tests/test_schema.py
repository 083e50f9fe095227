"""The JSON Schemas kept for editors are generated from the model and up to date."""

from __future__ import annotations

import json

import pytest
from conftest import REPO

from briefpress.schema import generate


@pytest.mark.parametrize("name", ["briefing.schema.json", "text.schema.json"])
def test_committed_schema_is_current(name):
    committed = (REPO / "schema" / name).read_text(encoding="utf-8")
    assert committed == generate()[name], "stale schema: run python -m briefpress.schema"


def test_schema_describes_the_fields():
    briefing = json.loads(generate()["briefing.schema.json"])
    assert briefing["additionalProperties"] is False
    assert set(briefing["required"]) == {
        "languages",
        "base_language",
        "author",
        "date",
        "source",
        "outputs",
        "parts",
    }
    figure = briefing["$defs"]["Figure"]
    assert figure["properties"]["unit"] == {"$ref": "#/$defs/Unit"}
    assert briefing["$defs"]["Unit"]["enum"] == ["USD", "count", "percent"]
    text = json.loads(generate()["text.schema.json"])
    points = text["$defs"]["PartText"]["properties"]["points"]
    assert (points["minItems"], points["maxItems"]) == (3, 8)


def test_content_files_point_at_the_schemas():
    sample = REPO / "content" / "china-lac-2021"
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
