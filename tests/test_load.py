"""Stage 2, validation: the whole briefing checked at once, each problem at its line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpers import edit, line_of

from briefpress.content.load import find_briefings, load_briefing, load_briefings
from briefpress.content.model import PartialDate, Qualifier, Unit
from briefpress.errors import ContentError


def problems_of(briefing_dir, available) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_briefing(briefing_dir, available)
    return [str(problem) for problem in error.value.problems]


def test_sample_loads_typed(briefing):
    spec = briefing.spec
    assert spec.languages == ["en", "es", "pt-BR", "zh-Hans"]
    trade = spec.figures[1]
    assert (trade.value, trade.unit, trade.qualifier) == (Decimal("411250000000"), Unit.USD, Qualifier.EXACT)
    assert spec.timeline[-1].date == PartialDate(2024)
    assert briefing.texts["en"].parts["partnership"].title.startswith("I. ")
    assert [len(briefing.texts["en"].parts[p].points) for p in spec.parts] == [3, 5, 5, 6]


def test_find_briefings(project):
    assert [path.name for path in find_briefings(project.content_dir)] == ["china-lac-2021"]
    assert find_briefings(project.root / "nowhere") == []


def test_missing_field_names_line_and_path(briefing_dir, available):
    spec = briefing_dir / "briefing.yaml"
    line = line_of(spec, "  author: Cai Wei")
    edit(spec, "  author: Cai Wei\n", "")
    assert problems_of(briefing_dir, available) == [
        f"{spec}:{line - 1}: source: a source needs an author or an issuer: write author: or issuer:"
    ]


def test_unknown_field_is_a_typo(briefing_dir, available):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, "short_title:", "short_titel:")
    line = line_of(text, "short_titel:")
    assert problems_of(briefing_dir, available) == [
        f"{text}:2: short_title: this field is required",
        f"{text}:{line}: short_titel: unknown field (a typo?)",
    ]


def test_every_problem_of_every_file_at_once(briefing_dir, available):
    spec, text = briefing_dir / "briefing.yaml", briefing_dir / "text" / "en.yaml"
    edit(spec, "    unit: percent", "    unit: percentage")
    edit(spec, "    date: 2015-01", "    date: 2015-13")
    edit(text, '      - "Theme: overcoming', '      - ""\n      - "Theme: overcoming')
    found = problems_of(briefing_dir, available)
    assert found == [
        f"{spec}:{line_of(spec, 'unit: percentage')}: figures[2].unit: "
        "'percentage' is not a unit: write an ISO 4217 currency code (EUR, CNY), count, percent, "
        "percentage-points or a CLDR unit such as mass-tonne (did you mean percent?)",
        f"{spec}:{line_of(spec, 'date: 2015-13')}: timeline[1].date: "
        "'2015-13' is not a real date (month must be in 1..12)",
    ]
    # The text file is only checked against a valid spec; fix the spec, see the text's problem.
    edit(spec, "    unit: percentage", "    unit: percent")
    edit(spec, "    date: 2015-13", "    date: 2015-01")
    assert problems_of(briefing_dir, available) == [
        f"{text}:{line_of(text, '- ' + chr(34) * 2)}: parts.introduction.points[0]: this text is empty"
    ]


@pytest.fixture
def english_only(briefing_dir):
    """Reduce the sample to its English text, so that each problem is reported once."""
    edit(briefing_dir / "briefing.yaml", "languages: [en, es, pt-BR, zh-Hans]", "languages: [en]")
    for path in (briefing_dir / "text").glob("*.yaml"):
        if path.name != "en.yaml":
            path.unlink()


@pytest.mark.usefixtures("english_only")
def test_ids_cross_checked(briefing_dir, available):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, "  sub-forums:\n", "  subforums:\n")
    assert problems_of(briefing_dir, available) == [
        f"{text}:{line_of(text, 'figures:')}: figures: missing: sub-forums",
        f"{text}:{line_of(text, '  subforums:')}: figures.subforums: 'subforums' is not declared in briefing.yaml",
    ]


@pytest.mark.usefixtures("english_only")
def test_spec_cross_checks(briefing_dir, available):
    spec, text = briefing_dir / "briefing.yaml", briefing_dir / "text" / "en.yaml"
    edit(spec, "base_language: en ", "base_language: es ")
    edit(spec, "    part: mechanisms\n  - id: sub-forums", "    part: mechanism\n  - id: sub-forums")
    edit(spec, "  - id: third-meeting", "  - id: nicaragua")
    edit(spec, "  styles: [formal, modern, economy]", "  styles: [formal, fancy, economy]")
    lines = spec.read_text().splitlines()
    wrong_part = lines.index("    part: mechanism") + 1
    second_nicaragua = [i for i, line in enumerate(lines, 1) if line == "  - id: nicaragua"][1]
    assert problems_of(briefing_dir, available) == [
        f"{spec}:{line_of(spec, 'base_language')}: base_language: 'es' is not in languages",
        f"{spec}:{line_of(spec, 'styles: [formal, fancy')}: outputs.styles[1]: "
        "no style 'fancy' (available: economy, formal, large-print, modern)",
        f"{spec}:{wrong_part}: figures[6].part: 'mechanism' is not one of the parts",
        f"{spec}:{second_nicaragua}: timeline[6].id: 'nicaragua' is listed twice",
        f"{text}:{line_of(text, '  third-meeting:')}: timeline.third-meeting: "
        "'third-meeting' is not declared in briefing.yaml",
    ]


def test_language_without_text_file(briefing_dir, available):
    spec = briefing_dir / "briefing.yaml"
    edit(spec, "languages: [en, es, pt-BR, zh-Hans]", "languages: [en, es, pt-BR, zh-Hans, fr]")
    assert problems_of(briefing_dir, available) == [
        f"{spec}:{line_of(spec, 'languages: [en')}: languages: no text file for 'fr' (expected fr.yaml in text/)"
    ]


def test_text_file_not_listed(briefing_dir, available):
    (briefing_dir / "text" / "fr.yaml").write_text("title: x\n")
    spec = briefing_dir / "briefing.yaml"
    assert problems_of(briefing_dir, available) == [
        f"{spec}:{line_of(spec, 'languages:')}: languages: text/fr.yaml exists but 'fr' is not listed"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "value: 411250000000",
            "value: lots",
            "figures[1].value: 'lots' is not a number: write a plain number, e.g. 518400000000 "
            "(no words or units: the unit goes in unit:)",
        ),
        (
            "value: 411250000000",
            "value: -5",
            "figures[1].value: '-5' is negative: a figure is a plain number of 0 or more",
        ),
        (
            "value: 411250000000",
            "value: inf",
            "figures[1].value: 'inf' is not a number: write a plain number, e.g. 518400000000",
        ),
        (
            "date: 2026-11-26 ",
            "date: 26/11/2026 ",
            "date: '26/11/2026' is not a date: write YYYY-MM-DD, e.g. 2026-11-26",
        ),
        (
            "languages: [en, es,",
            "languages: [english, es,",
            "languages[0]: 'english' is not a valid language tag: write a BCP 47 tag: en, pt-BR, zh-Hans",
        ),
        (
            "languages: [en, es, pt-BR, zh-Hans]",
            "languages: en",
            "languages: write languages as a list, one item a line starting with '- ' (or [a, b]), even for one",
        ),
        (
            "- id: trade-2021",
            "- id: Trade 2021",
            "figures[1].id: 'Trade 2021' is not a valid id: write lowercase letters and digits in words",
        ),
        (
            "qualifier: over\n    unit: count",
            "qualifier: beyond\n    unit: count",
            "figures[3].qualifier: 'beyond' is not one of",
        ),
        (
            "period: 2021-01/2021-11\n    part: partnership\n  - id: trade-growth-2021",
            "period: 2021-11/2021-01\n    part: partnership\n  - id: trade-growth-2021",
            "figures[1].period: the period '2021-11/2021-01' ends before it starts",
        ),
    ],
)
def test_schema_errors(briefing_dir, available, old, new, message):
    spec = briefing_dir / "briefing.yaml"
    edit(spec, old, new)
    found = problems_of(briefing_dir, available)
    assert len(found) == 1, found
    assert found[0].startswith(f"{spec}:{line_of(spec, new.splitlines()[0])}: {message}")


def test_yaml_problems_stop_before_validation(briefing_dir, available):
    spec = briefing_dir / "briefing.yaml"
    edit(spec, "author: briefpress editors", "author: briefpress editors\nauthor: someone else")
    assert problems_of(briefing_dir, available) == [
        f"{spec}:{line_of(spec, 'author: someone')}: author: duplicate key (first defined on line "
        f"{line_of(spec, 'author: briefpress')})"
    ]


def test_several_briefings_report_together(project_dir, briefing_dir, available):
    other = project_dir / "content" / "other"
    other.mkdir()
    (other / "briefing.yaml").write_text("languages: [en]\n")
    edit(briefing_dir / "text" / "en.yaml", "overview: >-", "overvieww: >-")
    with pytest.raises(ContentError) as error:
        load_briefings(find_briefings(project_dir / "content"), available)
    files = {problem.file.parent.name for problem in error.value.problems}
    assert files == {"text", "other"}
    assert "nothing was built" in error.value.after[-1]
