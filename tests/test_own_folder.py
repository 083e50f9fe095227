"""A project folder anywhere: content/ of its own, optional templates/ and styles/, built-ins as fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import briefpress, pdf_text
from pypdf import PdfReader

from briefpress.project import BUILTIN_ROOT

ONE_SHEET = ["--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"]


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """Return a working folder that is neither the project nor briefpress's clone."""
    path = tmp_path / "elsewhere"
    path.mkdir()
    return path


@pytest.mark.pdf
def test_a_folder_with_only_content_builds_into_its_dist(tmp_path, elsewhere):
    root = tmp_path / "my-briefings"
    assert briefpress("-C", str(root), "new", "demo", cwd=elsewhere).returncode == 0
    assert sorted(path.name for path in root.iterdir()) == ["content", "schema"]
    result = briefpress("-C", str(root), "build", "demo", *ONE_SHEET, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    pdf = root / "dist" / "demo" / "en" / "sheet-modern-a4.pdf"
    assert "Title of the article being summarised" in pdf_text(pdf)
    assert not (elsewhere / "dist").exists()
    assert f"{root / 'dist'}/" in result.stdout  # the summary names the project's dist/


@pytest.mark.pdf
def test_a_folder_with_its_own_template_and_theme_uses_both(tmp_path, elsewhere):
    root = tmp_path / "house"
    assert briefpress("-C", str(root), "new", "demo", cwd=elsewhere).returncode == 0
    layouts = root / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.html.j2").write_text(
        '{% extends "!base/layouts/sheet.html.j2" %}\n'
        '{% block body %}<p class="house">Internal: not for distribution</p>{{ super() }}{% endblock %}\n'
    )
    themes = root / "styles" / "themes"
    themes.mkdir(parents=True)
    modern = (BUILTIN_ROOT / "styles" / "themes" / "modern.css").read_text()
    (themes / "house.css").write_text(modern.replace("--color-masthead: #0b4f4c;", "--color-masthead: #ff0000;"))

    listed = briefpress("-C", str(root), "list", cwd=elsewhere)
    assert "styles: economy, formal, house, large-print, modern" in listed.stdout.splitlines()
    house = ["--lang", "en", "--layout", "sheet", "--style", "house"]
    result = briefpress("-C", str(root), "build", "demo", *house, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    pdf = root / "dist" / "demo" / "en" / "sheet-house-a4.pdf"
    assert "Internal: not for distribution" in pdf_text(pdf)
    assert "Title of the article being summarised" in pdf_text(pdf)
    content = PdfReader(pdf).pages[0].get_contents().get_data().decode("latin-1")
    assert re.search(r"(?m)(^|\s)1 0 0 rg", content)  # the house masthead, filled red


@pytest.mark.pdf
def test_the_project_is_found_from_a_subfolder(project_dir):
    text = project_dir / "content" / "china-lac-2021" / "text"
    checked = briefpress("check", cwd=text)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[-1] == "ok: 1 briefing, 72 targets, no problems found"
    built = briefpress("build", *ONE_SHEET, cwd=text)
    assert built.returncode == 0, built.stderr
    assert (project_dir / "dist" / "china-lac-2021" / "en" / "sheet-modern-a4.pdf").is_file()
    assert not (text / "dist").exists()
    assert "1 target: 1 built, 0 unchanged, 0 failed; in ../../../dist/ (" in built.stdout


def test_problems_found_from_a_subfolder_are_shown_from_there(project_dir):
    text = project_dir / "content" / "china-lac-2021" / "text"
    spec = text.parent / "briefing.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("value: 42.3", "value: forty"), encoding="utf-8")
    result = briefpress("check", cwd=text)
    assert result.returncode == 1
    line = next(i for i, row in enumerate(spec.read_text().splitlines(), 1) if "value: forty" in row)
    first = result.stderr.splitlines()[0]
    assert first == (
        f"error: ../briefing.yaml:{line}: figures[2].value: 'forty' is not a number: write a plain number, "
        "e.g. 518400000000 (no words or units: the unit goes in unit:)"
    )


def test_without_content_above_the_working_folder_is_the_project(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = briefpress("new", "demo", cwd=empty)
    assert result.returncode == 0, result.stderr
    assert (empty / "content" / "demo" / "briefing.yaml").is_file()
    nested = empty / "content" / "demo" / "text"
    assert briefpress("new", "other", cwd=nested).returncode == 0
    assert (empty / "content" / "other" / "briefing.yaml").is_file()  # found from below, not made in text/
