"""The documentation gives commands that run on a fresh Debian 12."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

# Debian 12 has python3 and no python; .venv/bin/python is the set-up's own.
BARE_PYTHON = re.compile(r"(?<![\w./-])python(?= )")
DOCUMENTS = [REPO / "README.md", REPO / "SECURITY.md", REPO / "CHANGES.md", *sorted((REPO / "docs").rglob("*.md"))]


def bare_python_lines(text: str) -> list[int]:
    """Return the numbers of the lines that run a bare ``python``."""
    return [number for number, line in enumerate(text.splitlines(), 1) if BARE_PYTHON.search(line)]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(REPO)))
def test_no_command_runs_a_bare_python(path):
    assert bare_python_lines(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("python build.py check", True),
        ("$ python -m briefpress.content.schema", True),
        ("Run `python build.py` first", True),
        ("python3 build.py check", False),
        (".venv/bin/python -m pytest", False),
        ("`!!python` tags", False),
        ("the system Python: when", False),
    ],
)
def test_bare_python_is_told_from_python3_and_the_venv(line, bare):
    assert bool(bare_python_lines(line)) is bare
