"""Stage 3, HTML: one environment, user templates first, escaped content, golden output."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from helpers import REPO, edit

from briefpress.errors import RenderError
from briefpress.project import BUILTIN_ROOT
from briefpress.render.html import css_counters, css_string, inline_css, make_environment, render_html
from briefpress.render.styles import Stylesheet, stylesheets
from briefpress.target import Target

GOLDEN = Path(__file__).parent / "golden"
SHEET = Target("china-lac-2021", "en", "sheet", "formal", "a4")
BRIEF = Target("china-lac-2021", "en", "brief", "modern", "letter")


def test_builtin_templates_resolve_from_the_package(env):
    assert env.get_template("layouts/sheet.html.j2").filename == str(
        BUILTIN_ROOT / "templates" / "layouts" / "sheet.html.j2"
    )


def test_user_template_overrides_and_extends_builtin(project, briefing):
    user = project.root / "templates" / "layouts"
    user.mkdir(parents=True)
    (user / "sheet.html.j2").write_text(
        '{% extends "!base/layouts/sheet.html.j2" %}'
        '{% block body %}<p class="house">House banner</p>{{ super() }}{% endblock %}'
    )
    env = make_environment(project)
    assert env.get_template("layouts/sheet.html.j2").filename == str(user / "sheet.html.j2")
    html = render_html(env, project, briefing, SHEET)
    assert '<p class="house">House banner</p>' in html
    assert "US$411.25 billion" in html


def test_user_style_overrides_builtin(project):
    themes = project.root / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "formal.css").write_text(":root { --color-accent: #000; }\n")
    (themes / "house.css").write_text(":root { --color-accent: #123; }\n")
    assert project.styles() == ["economy", "formal", "house", "large-print", "modern"]
    assert stylesheets(project, SHEET)[-1] == themes / "formal.css"


def test_content_is_escaped(project, briefing_dir, available):
    from briefpress.content.load import load_briefing

    edit(
        briefing_dir / "text" / "en.yaml",
        '\ntitle: "China-LAC',
        '\ntitle: "<script>alert(1)</script> {{ 7*7 }} China-LAC',
    )
    briefing = load_briefing(briefing_dir, available)
    html = render_html(make_environment(project), project, briefing, SHEET)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} China-LAC" in html


def test_undefined_names_fail_loudly(project, briefing):
    user = project.root / "templates" / "layouts"
    user.mkdir(parents=True)
    (user / "sheet.html.j2").write_text("{{ doc.titel }}")
    with pytest.raises(jinja2.UndefinedError, match="titel"):
        render_html(make_environment(project), project, briefing, SHEET)


def test_templates_run_sandboxed(project, briefing):
    user = project.root / "templates" / "layouts"
    user.mkdir(parents=True)
    (user / "sheet.html.j2").write_text("{{ doc.__class__.__init__.__globals__ }}")
    with pytest.raises(jinja2.exceptions.SecurityError):
        render_html(make_environment(project), project, briefing, SHEET)


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def structure(html: str) -> list[tuple[str, dict]]:
    parser = _Structure()
    parser.feed(html)
    return parser.tags


def test_sheet_html(env, project, briefing):
    html = render_html(env, project, briefing, SHEET)
    tags = structure(html)
    assert tags[0] == (
        "html",
        {
            "lang": "en",
            "dir": "ltr",
            "class": "layout-sheet style-formal paper-a4",
            "style": "--fit-scale: 1.0000",
            "data-page-budget": "1",
        },
    )
    metas = {attrs["name"]: attrs["content"] for tag, attrs in tags if tag == "meta" and "name" in attrs}
    assert metas["author"] == "briefpress editors"
    assert metas["dcterms.created"] == "2026-11-26"
    assert [attrs["id"] for tag, attrs in tags if tag == "section" and attrs.get("class") == "part"] == [
        "part-introduction",
        "part-partnership",
        "part-mechanisms",
        "part-development",
    ]
    assert html.count('class="figure"') == 8  # 10 figures, 2 of them drawn as the chart's bars instead
    assert "/* papers/a4.css */" in html
    assert "/* themes/formal.css */" in html


def test_brief_html(env, project, briefing):
    html = render_html(env, project, briefing, BRIEF)
    assert 'content: "Page " counter(page) " of " counter(pages);' in html
    assert html.count("<blockquote>") == 3
    assert '<a href="#part-mechanisms">II. Steadily improving' in html


def test_brief_shows_each_figure_once_as_a_card_or_a_bar(env, project, briefing):
    html = render_html(env, project, briefing, BRIEF)
    charted = {figure for chart in briefing.spec.charts for figure in chart.figures}
    assert 'id="key-figures"' not in html
    assert "<table" not in html
    for figure in briefing.spec.figures:
        assert html.count(f'id="figure-{figure.id}"') == (figure.id not in charted), figure.id


def test_brief_leaves_out_sections_a_briefing_does_not_have(env, project, briefing):
    spec = briefing.spec.model_copy(update={"glossary": [], "timeline": []})
    bare = dataclasses.replace(briefing, spec=spec)
    html = render_html(env, project, bare, BRIEF)
    assert 'id="glossary"' not in html
    assert 'href="#glossary"' not in html
    assert 'id="timeline"' not in html
    assert 'id="source-note"' in html
    assert 'id="glossary"' in render_html(env, project, briefing, BRIEF)


def test_the_html_shows_the_page_facts_the_layout_stylesheet_declares(project, briefing):
    (project.root / "styles" / "layouts").mkdir(parents=True)
    (project.root / "styles" / "layouts" / "brief.css").write_text(
        "/* extends: !base */\n:root { --page-budget: 9; --impose: booklet; }\n"
    )
    html = render_html(make_environment(project), project, briefing, BRIEF)
    assert structure(html)[0][1]["data-page-budget"] == "9"
    assert structure(html)[0][1]["data-impose"] == "booklet"


def test_a_template_declaring_page_facts_the_old_way_is_told_where_they_go(project, briefing):
    user = project.root / "templates" / "layouts"
    user.mkdir(parents=True)
    (user / "sheet.html.j2").write_text(
        '{% extends "!base/layouts/sheet.html.j2" %}\n{% block html_attributes %} data-page-budget="2"{% endblock %}\n'
    )
    with pytest.raises(RenderError) as error:
        render_html(make_environment(project), project, briefing, SHEET)
    assert str(error.value) == (
        f"{user / 'sheet.html.j2'}:2: data-page-budget is no longer read from a template; declare it in the "
        "layout's stylesheet, styles/layouts/<layout>.css: ':root { --page-budget: ...; }' (see docs/templates.md)"
    )


def test_css_string_cannot_break_out():
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'
    assert css_counters("Page {page} of {pages}") == '"Page " counter(page) " of " counter(pages)'
    assert css_counters("{page}/{pages}") == 'counter(page) "/" counter(pages)'


def test_stylesheet_cannot_close_the_style_element(tmp_path):
    bad = tmp_path / "bad.css"
    bad.write_text("p{}</STYLE><script>x</script>")
    with pytest.raises(RenderError, match="must not contain"):
        inline_css([Stylesheet.read(bad)])


@pytest.mark.parametrize("target", [SHEET, BRIEF], ids=str)
def test_golden_html(request, env, project, briefing, target):
    """The sample's HTML but its inlined stylesheets; regenerate with ``pytest --update-golden``."""
    html = re.sub(
        r"(?s)<style>.*?</style>", "<style>(stylesheets)</style>", render_html(env, project, briefing, target)
    )
    golden = GOLDEN / f"{target.layout}-{target.style}-{target.paper}.html"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert golden.is_file(), "no golden file: run pytest --update-golden"
    assert html == golden.read_text(encoding="utf-8"), (
        f"{golden.relative_to(REPO)} differs: check the change, then pytest --update-golden"
    )
