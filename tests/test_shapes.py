"""Briefings of other shapes than the sample's, built in every layout, as a reader gets them.

tests/fixtures/shapes holds two invented briefings: ``speech`` (English only, two parts, two
quotations, no figures, chart, timeline or glossary, a source with no address, a long title)
and ``report`` (eight parts, eighteen figures, two charts, twelve events, ten glossary entries,
English, Spanish and Chinese). Each builds once per layout; the styles and papers rotate across
them so that each is built at least once.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import REPO, pdf_text, squeeze
from pypdf import PdfReader

import briefpress
from briefpress.content.load import load_briefing
from briefpress.project import Project

pytestmark = [pytest.mark.pdf, pytest.mark.usefixtures("quiet_pypdf")]
SHAPES = REPO / "tests" / "fixtures" / "shapes" / "content"

# (briefing, language, layout, style, paper, fewest pages, most pages)
TARGETS = [
    ("speech", "en", "sheet", "formal", "a4", 1, 1),
    ("speech", "en", "brief", "modern", "letter", 2, 4),
    ("speech", "en", "handout", "economy", "a4", 3, 6),
    ("speech", "en", "sheet", "large-print", "letter", 1, 1),
    ("report", "zh-Hans", "sheet", "modern", "a4", 1, 1),
    ("report", "es", "brief", "economy", "letter", 5, 10),
    ("report", "en", "handout", "formal", "letter", 10, 20),
    ("report", "en", "brief", "large-print", "a4", 8, 16),
]
# The English headings of the sections a briefing may lack, by layout, with what each prints.
SECTIONS = {
    "sheet": {"Key figures": "figures", "Timeline": "timeline"},
    "brief": {"Timeline": "timeline", "Glossary": "glossary"},
    "handout": {"Timeline": "timeline", "Glossary": "glossary"},
}


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a project folder holding a copy of both briefings."""
    root = tmp_path_factory.mktemp("shapes")
    shutil.copytree(SHAPES, root / "content")
    return root


def build(root: Path, briefing: str, lang: str, layout: str, style: str, paper: str) -> briefpress.Outcome:
    selection = briefpress.Selection((briefing,), (lang,), (layout,), (style,), (paper,))
    report = briefpress.build(root, selection, options=briefpress.Options(strict=True))
    (outcome,) = report.outcomes
    return outcome


@pytest.mark.parametrize(("name", "lang", "layout", "style", "paper", "fewest", "most"), TARGETS)
def test_each_shape_builds_in_each_layout(shapes, name, lang, layout, style, paper, fewest, most):
    outcome = build(shapes, name, lang, layout, style, paper)
    assert outcome.ok, outcome.message
    assert outcome.warnings == ()
    reader = PdfReader(outcome.pdf)
    assert fewest <= len(reader.pages) <= most
    project = Project.at(shapes)
    briefing = load_briefing(shapes / "content" / name, project.available())
    text = briefing.texts[lang]
    flat = squeeze(pdf_text(reader))
    assert squeeze(text.title) in flat
    for part in text.parts.values():
        assert squeeze(part.title) in flat
    # A section the briefing has nothing for prints no heading.
    html = outcome.pdf.with_suffix(".html").read_text(encoding="utf-8")
    headings = {" ".join(re.sub(r"<[^>]+>", "", h).split()) for h in re.findall(r"<h2\b[^>]*>(.*?)</h2>", html, re.S)}
    for heading, field in SECTIONS[layout].items() if lang == "en" else ():
        has = bool(getattr(briefing.spec, field))
        assert (heading in headings) == has, f"{heading!r} heading with {field} {'present' if has else 'absent'}"


def test_each_figure_prints_once_on_the_sheet(shapes):
    """A figure that a chart draws is a bar, not a card too; a chart of one year's sectors names its bars."""
    outcome = build(shapes, "report", "zh-Hans", "sheet", "economy", "a4")
    assert outcome.ok, outcome.message
    html = outcome.pdf.with_suffix(".html").read_text(encoding="utf-8")
    briefing = load_briefing(shapes / "content" / "report", Project.at(shapes).available())
    charted = {figure for chart in briefing.spec.charts for figure in chart.figures}
    cards = set(re.findall(r'<li class="figure" id="figure-([a-z0-9-]+)"', html))
    assert cards == {figure.id for figure in briefing.spec.figures} - charted
    sectors = html[html.index('id="chart-sectors"') :]
    assert briefing.texts["zh-Hans"].figures["energy-approvals"].label in sectors.split("</figure>")[0]


def test_a_sheet_too_long_for_one_page_takes_both_sides_of_the_sheet(shapes):
    """Eight parts, twelve events and the figures do not fit one Spanish page at 8 pt: both sides hold them."""
    outcome = build(shapes, "report", "es", "sheet", "formal", "letter")
    assert outcome.ok, outcome.message
    reader = PdfReader(outcome.pdf)
    assert len(reader.pages) == 2
    briefing = load_briefing(shapes / "content" / "report", Project.at(shapes).available())
    text = briefing.texts["es"]
    flat = squeeze(pdf_text(reader))
    for event in text.timeline.values():
        assert squeeze(event) in flat, event
    # A sheet cites the source's title in the source's own language.
    original = briefing.texts[briefing.spec.source.language or briefing.spec.base_language]
    assert squeeze(original.source.title) in flat


def test_a_sheet_that_cannot_fit_both_sides_says_what_spills(shapes):
    """In large print (14 pt at least) the report fits neither one page nor two: the build says so."""
    outcome = build(shapes, "report", "en", "sheet", "large-print", "a4")
    assert not outcome.ok
    assert "does not fit 2 pages even with body text at 14 pt" in outcome.message
    assert "Shorten them, give points of less weight priority 3, or use another layout." in outcome.message
    assert "about 84% of a page, beyond page 2" in outcome.message
