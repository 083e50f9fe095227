"""JSON Schemas of the content files, generated from the model for editors.

Regenerate the committed copies with ``.venv/bin/python -m briefpress.content.schema``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from briefpress.content.model import BriefingSpec, LanguageText
from briefpress.project import BUILTIN_ROOT

SCHEMAS: dict[str, type[BaseModel]] = {
    "briefing.schema.json": BriefingSpec,
    "text.schema.json": LanguageText,
}


def generate() -> dict[str, str]:
    """Return each schema file's name and text."""
    texts = {}
    for name, model in SCHEMAS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **model.model_json_schema(mode="validation"),
        }
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return texts


def write(folder: Path) -> list[Path]:
    """Write the schemas into ``folder`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1 else BUILTIN_ROOT / "schema"):
        sys.stdout.write(f"wrote {written}\n")
