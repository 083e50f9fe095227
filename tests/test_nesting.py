"""Stage 2-3, documents of any shape: parts that hold parts, several sources, what a layout shows."""

from __future__ import annotations

import dataclasses
import gettext

import pytest
from helpers import edit

from briefpress.content.load import load_briefing
from briefpress.content.model import Show
from briefpress.errors import ContentError
from briefpress.render.html import render_html
from briefpress.render.i18n import Formatter
from briefpress.render.view import edition
from briefpress.target import Target

BRIEF = Target("china-lac-2021", "en", "brief", "modern", "a4")
SHEET = Target("china-lac-2021", "en", "sheet", "modern", "a4")
NESTED = """parts:
  - introduction
  - id: partnership
    parts:
      - mechanisms
      - id: development
        parts: [outlook]"""
SOURCE = """source:
  author: Cai Wei
  event_date: 2021-12-03   # the Third Ministers' Meeting of the China-CELAC Forum
  url: https://cpifa.org/en/cms/book/350
  language: en             # the article is in English: the quotations in en.yaml are the originals
"""
SOURCES = """sources:
  - id: article
    author: Cai Wei
    event_date: 2021-12-03
    url: https://cpifa.org/en/cms/book/350
    language: en
  - id: launch
    kind: press-conference
    issuer: Ministry of Foreign Affairs of China
    released: 2021-12-04
"""


def nest(briefing_dir) -> None:
    """Make the sample's parts a tree: partnership holds mechanisms and development, which holds outlook."""
    spec = briefing_dir / "briefing.yaml"
    edit(spec, "parts: [introduction, partnership, mechanisms, development]", NESTED)
    text = briefing_dir / "text" / "en.yaml"
    outlook = '\n  outlook:\n    title: "Outlook"\n    points: ["A summit is planned for 2024."]'
    edit(text, "\nfigures:", outlook + "\nfigures:")


def cite_twice(briefing_dir) -> None:
    """Give the sample a second source, a press conference, from which one figure comes."""
    spec = briefing_dir / "briefing.yaml"
    edit(spec, SOURCE, SOURCES)
    edit(spec, "  - id: leader-calls\n", "  - id: leader-calls\n    source: launch\n")
    for path in (briefing_dir / "text").glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").split("\n")
        start = lines.index("source:")
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
        block = ["sources:", "  article:", *("  " + line for line in lines[start + 1 : end])]
        if path.stem == "en":
            block += ["  launch:", "    title: Press conference on the meeting’s outcomes"]
        path.write_text("\n".join(lines[:start] + block + lines[end:]), encoding="utf-8")


def english(briefing, **options):
    return edition(briefing, "en", Formatter("en", gettext.NullTranslations()), **options)


def test_parts_nest_and_are_numbered_in_reading_order(briefing_dir, available):
    nest(briefing_dir)
    briefing = load_briefing(briefing_dir, available)
    doc = english(briefing)
    assert [(part.number, part.id) for part in doc.all_parts] == [
        ("1", "introduction"),
        ("2", "partnership"),
        ("2.1", "mechanisms"),
        ("2.2", "development"),
        ("2.2.1", "outlook"),
    ]
    assert [part.id for part in doc.parts] == ["introduction", "partnership"]
    assert [child.id for child in doc.parts[1].parts] == ["mechanisms", "development"]
    assert doc.numbered
    assert [figure.id for figure in doc.parts[1].parts[0].figures] == ["forum-loans", "sub-forums"]


def test_the_brief_numbers_headings_and_nests_its_contents(env, project, briefing_dir, available):
    nest(briefing_dir)
    html = render_html(env, project, load_briefing(briefing_dir, available), BRIEF)
    assert '<h3 class="part-title"><span class="part-number">2.1</span> II. Steadily improving' in html
    assert '<h4 class="part-title"><span class="part-number">2.2.1</span> Outlook</h4>' in html
    assert '<ol class="subparts">' in html
    assert 'data-running="2 I. Further substantiating' in html
    assert "string(chapter" in html


def test_the_sheet_lists_sub_parts_by_title_unless_asked_for_more(env, project, briefing_dir, available):
    nest(briefing_dir)
    briefing = load_briefing(briefing_dir, available)
    html = render_html(env, project, briefing, SHEET)
    assert '<ul class="subparts">' in html
    assert "A summit is planned for 2024." not in html
    spec = briefing_dir / "briefing.yaml"
    edit(spec, "  papers: [a4, letter]\n", "  papers: [a4, letter]\n  show:\n    sheet: {depth: 3}\n")
    html = render_html(env, project, load_briefing(briefing_dir, available), SHEET)
    assert "A summit is planned for 2024." in html


def test_a_flat_briefing_is_not_numbered(briefing):
    doc = english(briefing)
    assert not doc.numbered
    assert [part.number for part in doc.parts] == ["1", "2", "3", "4"]


def test_a_part_listed_twice_at_any_depth_is_one_problem(briefing_dir, available):
    nest(briefing_dir)
    edit(briefing_dir / "briefing.yaml", "parts: [outlook]", "parts: [outlook, mechanisms]")
    with pytest.raises(ContentError) as error:
        load_briefing(briefing_dir, available)
    assert [problem.message for problem in error.value.problems] == ["'mechanisms' is listed twice"]


def test_parts_nested_five_deep_are_refused(briefing_dir, available):
    deep = "parts:\n  - id: introduction\n    parts:\n      - id: partnership\n        parts:\n"
    deep += "          - id: mechanisms\n            parts:\n              - id: development\n"
    deep += "                parts:\n                  - id: outlook\n                    parts: [more]"
    edit(briefing_dir / "briefing.yaml", "parts: [introduction, partnership, mechanisms, development]", deep)
    with pytest.raises(ContentError) as error:
        load_briefing(briefing_dir, available)
    assert [problem.message for problem in error.value.problems] == ["parts are nested more than 4 levels deep"]


def test_each_item_names_its_source_and_the_note_says_what_comes_from_where(env, project, briefing_dir, available):
    cite_twice(briefing_dir)
    briefing = load_briefing(briefing_dir, available)
    doc = english(briefing)
    assert [source.id for source in doc.sources] == ["article", "launch"]
    assert doc.source.author == "Cai Wei"
    (launch,) = doc.sources[1:]
    assert (launch.author, launch.kind, launch.date) == (
        "Ministry of Foreign Affairs of China",
        "press-conference",
        "December 4, 2021",
    )
    assert launch.items == ("21 Xi’s phone calls with leaders of 17 LAC countries since COVID-19",)
    html = render_html(env, project, briefing, BRIEF)
    assert "Press conference on the meeting’s outcomes</cite> (press conference)." in html
    assert "Held on December\u00a04, 2021." in html  # a press conference is held; the day stays with its month
    assert "Taken from it: 21 Xi’s phone calls" in html
    assert "Figures, dates and names are the article’s" not in html


def test_a_source_id_that_is_not_a_source_is_reported_at_its_line(briefing_dir, available):
    cite_twice(briefing_dir)
    edit(briefing_dir / "briefing.yaml", "    source: launch\n", "    source: lunch\n")
    with pytest.raises(ContentError) as error:
        load_briefing(briefing_dir, available)
    (problem,) = error.value.problems
    assert (problem.field, problem.message) == (
        "figures[9].source",
        "'lunch' is not one of sources (known: article, launch)",
    )


def test_show_keeps_the_highest_priorities_in_reading_order(briefing_dir, available):
    briefing = load_briefing(briefing_dir, available)
    doc = english(briefing, show=Show(parts=["partnership", "development"], points=2, figures=2, events=3))
    assert [part.id for part in doc.parts] == ["partnership", "development"]
    assert all(len(part.points) == 2 for part in doc.parts)
    charted = {bar.id for chart in doc.charts for bar in chart.bars}
    assert len([figure for figure in doc.figures if figure.id not in charted]) == 2
    assert len(doc.timeline) == 3


def test_leaving_out_drops_priority_three_first_and_never_priority_one(briefing_dir, available):
    spec = briefing_dir / "briefing.yaml"
    edit(spec, "  - id: bri-countries\n", "  - id: bri-countries\n    priority: 3\n")
    edit(spec, "  - id: enterprises\n", "  - id: enterprises\n    priority: 1\n")
    text = briefing_dir / "text" / "en.yaml"
    minor = '      - text: "A minor point."\n        priority: 3\n'
    edit(text, '      - "Theme: overcoming', minor + '      - "Theme: overcoming')
    briefing = load_briefing(briefing_dir, available)
    assert english(briefing).left_out == ()
    once = english(briefing, leave_out=1)
    assert "bri-countries" not in [figure.id for figure in once.figures]
    assert "A minor point." not in once.parts[0].points
    assert once.left_out == (
        f"the figure {str(english(briefing).figures[4].label)!r}",
        "1 point of 'Introduction: the Third Ministers’ Meeting'",
    )
    twice = english(briefing, leave_out=2)
    kept = [figure.id for figure in twice.figures]
    assert "enterprises" in kept
    assert "vaccine-countries" not in kept
    assert "trade-2021" in kept  # drawn in a chart: it stays with its chart


def test_below_a_part_with_no_points_of_its_own_the_sheet_shows_its_parts_in_full(
    env, project, briefing_dir, available
):
    nest(briefing_dir)
    briefing = load_briefing(briefing_dir, available)
    text = briefing.texts["en"]
    parts = {**text.parts, "partnership": text.parts["partnership"].model_copy(update={"points": []})}
    bare = dataclasses.replace(briefing, texts={**briefing.texts, "en": text.model_copy(update={"parts": parts})})
    html = render_html(env, project, bare, SHEET)
    assert "The Cyber Secretariat began operating" in html  # a point of 2.1, shown in full
    assert "A summit is planned for 2024." not in html  # 2.2.1, below 2.2 which has points: its title only
    assert "The Cyber Secretariat began operating" not in render_html(env, project, briefing, SHEET)
