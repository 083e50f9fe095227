"""`eject`: a built-in template or stylesheet copied or extended into a project, and used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import edit, pdf_text, run
from pypdf import PdfReader

from briefpress.authoring.eject import Builtin, template_blocks
from briefpress.project import BUILTIN_ROOT, Project
from briefpress.render.styles import stylesheets
from briefpress.target import Target

ONE_SHEET = ["--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"]
MASTHEAD = "--color-masthead: #0b4f4c;"  # modern's built-in masthead colour


def build_sheet(root: Path) -> Path:
    result = run(root, "build", "demo", *ONE_SHEET)
    assert result.exit_code == 0, result.output
    return root / "dist" / "demo" / "en" / "sheet-modern-a4.pdf"


def fill_colours(path: Path) -> set[str]:
    """Return the fill colours (``r g b rg`` operators) drawn on the first page."""
    data = PdfReader(path).pages[0].get_contents().get_data().decode("latin-1")
    return set(re.findall(r"(?m)(?:^|\s)([\d.]+ [\d.]+ [\d.]+) rg", data))


def test_list_names_templates_and_stylesheets(demo):
    result = run(demo, "eject", "--list")
    assert result.exit_code == 0
    listed = result.output.splitlines()
    for name in ("templates/layouts/sheet.html.j2", "templates/partials/figures.html.j2", "styles/base.css"):
        assert name in listed
    assert "styles/themes/modern.css" in listed
    assert "styles/papers/a4.css" in listed
    assert len(listed) == len(list((BUILTIN_ROOT / "templates").rglob("*.j2"))) + len(
        list((BUILTIN_ROOT / "styles").rglob("*.css"))
    )


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("layouts/sheet.html.j2", "templates/layouts/sheet.html.j2"),
        ("partials/figures.html.j2", "templates/partials/figures.html.j2"),
        ("themes/modern.css", "styles/themes/modern.css"),
        ("papers/a4.css", "styles/papers/a4.css"),
        ("base.css", "styles/base.css"),
        ("modern", "styles/themes/modern.css"),
        ("figures", "templates/partials/figures.html.j2"),
        ("templates/base.html.j2", "templates/base.html.j2"),
    ],
)
def test_eject_copies_the_builtin(demo, name, written):
    result = run(demo, "eject", name)
    assert result.exit_code == 0, result.output
    assert (demo / written).read_bytes() == (BUILTIN_ROOT / written).read_bytes()
    assert result.output == f"wrote {demo / written}: it is a copy of the built-in {written} and is used in its place\n"


def test_an_ambiguous_name_lists_the_candidates(demo):
    result = run(demo, "eject", "sheet")
    assert result.exit_code == 2
    assert (
        "error: 'sheet' could be any of: styles/layouts/sheet.css, templates/bilingual/sheet.html.j2, "
        "templates/layouts/sheet.html.j2; name one of them"
    ) in result.output
    assert not (demo / "templates").exists()
    assert not (demo / "styles").exists()


def test_an_unknown_name_is_a_usage_error(demo):
    result = run(demo, "eject", "themes/nope.css")
    assert result.exit_code == 2
    assert (
        "error: no built-in template or stylesheet is named 'themes/nope.css'; eject --list shows them"
    ) in result.output


def test_eject_never_overwrites_without_force(demo):
    mine = demo / "styles" / "themes" / "modern.css"
    mine.parent.mkdir(parents=True)
    mine.write_text(":root { --color-accent: #000; }\n")
    result = run(demo, "eject", "themes/modern.css")
    assert result.exit_code == 1
    assert result.output == f"error: {mine} already exists; --force replaces it\n"
    assert mine.read_text() == ":root { --color-accent: #000; }\n"
    assert run(demo, "eject", "--force", "themes/modern.css").exit_code == 0
    assert mine.read_bytes() == (BUILTIN_ROOT / "styles" / "themes" / "modern.css").read_bytes()


def test_eject_refuses_the_builtin_folder_itself():
    """In a clone the project is briefpress's own folder: its templates are the built-ins."""
    result = run(BUILTIN_ROOT, "eject", "--force", "themes/modern.css")
    assert result.exit_code == 1
    assert "is the built-in file itself" in result.output


def test_extend_lists_the_blocks_of_the_template_and_its_parents():
    assert template_blocks(Builtin("templates", "layouts/sheet.html.j2")) == ["body", "html_attributes", "page_css"]
    # The handout defines no block of its own: it lists the brief's, then the shell's.
    assert template_blocks(Builtin("templates", "layouts/handout.html.j2")) == ["page_css", "body", "html_attributes"]


def test_extend_a_template_without_blocks_is_refused(demo):
    result = run(demo, "eject", "--extend", "partials/figures.html.j2")
    assert result.exit_code == 2
    assert "templates/partials/figures.html.j2 has no blocks to override; eject it without --extend" in result.output
    assert not (demo / "templates").exists()


@pytest.mark.pdf
def test_an_ejected_template_is_used(demo):
    assert run(demo, "eject", "layouts/sheet.html.j2").exit_code == 0
    edit(
        demo / "templates" / "layouts" / "sheet.html.j2",
        '<section class="overview"',
        '<p class="house">Ejected template marker sentence.</p>\n<section class="overview"',
    )
    text = pdf_text(build_sheet(demo))
    assert "Ejected template marker sentence." in text
    assert "Title of the article being summarised" in text


@pytest.mark.pdf
def test_an_extending_template_overrides_one_block(demo):
    result = run(demo, "eject", "--extend", "layouts/sheet.html.j2")
    assert result.exit_code == 0, result.output
    path = demo / "templates" / "layouts" / "sheet.html.j2"
    assert '{% extends "!base/layouts/sheet.html.j2" %}' in path.read_text()
    edit(
        path,
        "{# {% block body %}{{ super() }}{% endblock %} #}",
        '{% block body %}<p class="house">Extended block marker sentence.</p>{{ super() }}{% endblock %}',
    )
    text = pdf_text(build_sheet(demo))
    assert "Extended block marker sentence." in text
    assert "Title of the article being summarised" in text  # super(): the built-in body is still there


@pytest.mark.pdf
def test_an_ejected_theme_is_used(demo):
    assert run(demo, "eject", "themes/modern.css").exit_code == 0
    theme = demo / "styles" / "themes" / "modern.css"
    edit(theme, MASTHEAD, "--color-masthead: #ff0000;")
    pdf = build_sheet(demo)
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert "--color-masthead: #ff0000;" in html
    assert MASTHEAD not in html
    assert "1 0 0" in fill_colours(pdf)  # the masthead, filled red


@pytest.mark.pdf
def test_an_extending_theme_keeps_the_builtin_and_wins(demo):
    assert run(demo, "eject", "--extend", "themes/modern.css").exit_code == 0
    theme = demo / "styles" / "themes" / "modern.css"
    assert theme.read_text().startswith("/* extends: !base */\n")
    edit(theme, f"  {MASTHEAD}\n", "")
    theme.write_text(theme.read_text() + ":root { --color-masthead: #0000ff; }\n")
    sheets = stylesheets(Project.at(demo), Target("demo", "en", "sheet", "modern", "a4"))
    assert sheets[-2:] == [BUILTIN_ROOT / "styles" / "themes" / "modern.css", theme.resolve()]
    pdf = build_sheet(demo)
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert html.index(MASTHEAD) < html.index("--color-masthead: #0000ff;")  # built-in first, then the user's
    assert "0 0 1" in fill_colours(pdf)


def test_an_extending_layout_stylesheet_keeps_the_layout_chain(demo):
    """handout.css extends brief.css; an override that extends the built-in handout.css keeps both."""
    assert run(demo, "eject", "--extend", "layouts/handout.css").exit_code == 0
    sheets = stylesheets(Project.at(demo), Target("demo", "en", "handout", "modern", "a4"))
    builtin = BUILTIN_ROOT / "styles" / "layouts"
    layouts = [sheet for sheet in sheets if sheet.parent.name == "layouts"]
    assert layouts == [builtin / "brief.css", builtin / "handout.css", (demo / "styles/layouts/handout.css").resolve()]
