"""The content reference in docs/ is generated from the model and up to date."""

from __future__ import annotations

import json

import pytest
from helpers import REPO

from briefpress.content.reference import describe, reference
from briefpress.content.schema import generate


def test_committed_reference_is_current():
    committed = (REPO / "docs" / "content-reference.md").read_text(encoding="utf-8")
    assert committed == reference(), "stale docs/content-reference.md: run python -m briefpress.content.reference"


@pytest.mark.parametrize("name", ["briefing.schema.json", "text.schema.json"])
def test_every_field_has_a_description(name):
    schema = json.loads(generate()[name])
    models = {"root": schema, **schema["$defs"]}
    undescribed = [
        f"{model}.{field}"
        for model, node in models.items()
        for field, prop in node.get("properties", {}).items()
        if not describe(schema, prop)
    ]
    assert undescribed == []


def test_reference_rows_carry_type_requirement_and_sample_value():
    lines = reference().splitlines()
    assert "| `figures[].value` | number | yes | A plain number: 411250000000, 42.3 | `300000000000` |" in lines
    assert (
        "| `figures[].qualifier` | one of `exact`, `over`, `above`, `nearly`, `about` | no (default `exact`)"
        " | How exact a figure is, as the source states it. | `above` |"
    ) in lines
    points = "| `parts.<id>.points` | list of text or object (PointText) | no | Key points, one short sentence each"
    assert any(line.startswith(points) for line in lines)
    assert "### `figures[]` in `briefing.yaml`" in lines
    assert "### `quotes.<id>` in `text/<lang>.yaml`" in lines
