"""The model of a target's stylesheets: parsed once, comments are comments, tokens resolved in cascade order."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpress.errors import RenderError
from briefpress.project import BUILTIN_ROOT, Project
from briefpress.render.styles import Pagination, Styles, Stylesheet, families, parse, stylesheets
from briefpress.target import Target

SHEET = Target("china-lac-2021", "en", "sheet", "formal", "a4")
LAYOUTS = [("sheet", "en"), ("sheet", "en+es"), ("brief", "en"), ("handout", "en")]


def styles(*texts: str) -> Styles:
    return Styles(tuple(parse(Path(f"/styles/{i}.css"), text) for i, text in enumerate(texts)))


def test_commented_declarations_declare_nothing():
    model = styles(
        ':root { --font-body: "Noto Sans"; /* --font-body: "Frutiger LT"; */ --color-text: #111 /* ink */; }\n'
        "/* :root { --fit-min-body: 12pt; --page-budget: 3; } */\n"
        '/* p { font-family: "Helvetica Neue"; } */\n'
    )
    assert model.token("--font-body") == '"Noto Sans"'
    assert model.token("--color-text") == "#111"
    assert list(model.families()) == ["Noto Sans"]
    assert model.min_body_pt == 8.0
    assert model.pagination() == Pagination()


def test_font_families_are_the_quoted_ones_outside_generic_names_first_file_first():
    first = parse(Path("/a.css"), ':root { --font-heading: "Noto Serif", serif; }')
    second = parse(
        Path("/b.css"),
        'p { font-family: "Noto Serif", "Noto Sans", sans-serif; } '
        '@page { @top-left { font-family: \'Noto Naskh Arabic\'; } } .x { --label: "Not A Font"; content: "no" }',
    )
    assert families([first, second]) == {
        "Noto Serif": Path("/a.css"),
        "Noto Sans": Path("/b.css"),
        "Noto Naskh Arabic": Path("/b.css"),
    }


def test_var_references_resolve_with_fallbacks_and_nesting():
    model = styles(
        ':root { --ink: #222; --font: "Noto Serif", serif; --heading: var(--font); }',
        ":root { --accent: var(--missing, var(--ink)); --muted: var(--missing, 40%); --empty: var(--missing); }",
        ":root { --loop: var(--loop); --ink: #000; }",
    )
    assert model.token("--heading") == '"Noto Serif", serif'
    assert model.token("--accent") == "#000"  # the later --ink wins, wherever it is declared
    assert model.token("--muted") == "40%"
    assert model.token("--empty") == ""
    assert model.token("--undeclared") == ""
    assert model.token("--loop") == "var(--loop)"  # a loop stops after ten steps


def test_a_later_stylesheet_wins_and_the_builtin_comes_first(project: Project):
    themes = project.root / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "formal.css").write_text("/* extends: !base */\n:root { --color-accent: #123456; }\n")
    model = Styles.of(project, SHEET)
    paths = [sheet.path for sheet in model.sheets]
    builtin = BUILTIN_ROOT / "styles"
    assert paths == [
        builtin / "base.css",
        builtin / "layouts" / "sheet.css",
        builtin / "papers" / "a4.css",
        builtin / "themes" / "formal.css",
        themes.resolve() / "formal.css",
    ]
    assert model.token("--color-accent") == "#123456"
    assert model.token("--color-text") == Styles.of(Project.at(BUILTIN_ROOT), SHEET).token("--color-text")


def test_only_a_leading_comment_extends(project: Project):
    layouts = project.root / "styles" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "memo.css").write_text(":root { --x: 1; }\n/* extends: brief */\n")
    (layouts / "note.css").write_text("\n/* extends: memo */\n/* extends: brief */\n")
    assert parse(Path("/a.css"), "/* extends: !base */").extends == "!base"
    assert parse(Path("/a.css"), "/* extends: two words */").extends is None
    names = [path.name for path in stylesheets(project, Target("b", "en", "memo", "formal", "a4"))]
    assert names == ["base.css", "memo.css", "a4.css", "formal.css"]
    names = [path.name for path in stylesheets(project, Target("b", "en", "note", "formal", "a4"))]
    assert names == ["base.css", "memo.css", "note.css", "a4.css", "formal.css"]


def test_a_stylesheet_is_parsed_once_for_the_same_text(tmp_path: Path):
    path = tmp_path / "a.css"
    path.write_text(":root { --a: 1; }")
    assert Stylesheet.read(path) is Stylesheet.read(path)
    path.write_text(":root { --a: 2; }")
    assert Styles((Stylesheet.read(path),)).token("--a") == "2"


def test_fit_min_body_is_read_in_points():
    assert styles(":root { --fit-min-body: 9pt; }", ".x { --fit-min-body: 14pt; }").min_body_pt == 14.0
    with pytest.raises(RenderError, match=r"^/styles/0.css:2: --fit-min-body: '12px' is not a size in pt$"):
        _ = styles(":root {\n  --fit-min-body: 12px; }").min_body_pt


def test_the_builtin_layouts_declare_their_pages():
    project = Project.at(BUILTIN_ROOT)
    targets = [Target("b", lang, layout, "formal", "a4") for layout, lang in LAYOUTS]
    of = {(t.layout, t.lang): Styles.of(project, t).pagination(len(t.langs) > 1) for t in targets}
    assert of == {
        ("sheet", "en"): Pagination(budget=1, overflow=2),
        ("sheet", "en+es"): Pagination(budget=2),
        ("brief", "en"): Pagination(tighten=0.92),
        ("handout", "en"): Pagination(impose="booklet", tighten=0.88),
    }


@pytest.mark.parametrize(
    ("css", "message"),
    [
        ("--page-budget: 1.5", "--page-budget: '1.5' is not a whole number of pages"),
        ("--page-budget: 0", "--page-budget: '0' is not a whole number of pages"),
        ("--impose: folded", "--impose: 'folded' is not booklet or none"),
        ("--fit-tighten: 90%", "--fit-tighten: '90%' is not a scale from 0.5 to 1"),
        ("--fit-tighten: 0.2", "--fit-tighten: '0.2' is not a scale from 0.5 to 1"),
    ],
)
def test_a_bad_page_declaration_is_named(css: str, message: str):
    with pytest.raises(RenderError, match=f"^/styles/0.css:1: {message}$"):
        styles(f":root {{ {css}; }}").pagination()


def test_none_declares_no_budget_over_an_inherited_one():
    assert (
        styles(
            ":root { --page-budget: 1; --impose: booklet; }", ":root { --page-budget: none; --impose: none; }"
        ).pagination()
        == Pagination()
    )
