"""Validation messages in our words: one bad value per kind of error, each one line saying what to write."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLE, edit, line_of
from pydantic import ValidationError

from briefpress.content.load import load_briefing
from briefpress.content.messages import located, plain_number
from briefpress.content.model import BriefingSpec, LanguageText
from briefpress.content.yamlread import read_yaml
from briefpress.errors import ContentError

# Words of the validation library that must never reach a user.
PYDANTIC_WORDS = (
    "input should", "should be", "validation", "value error", "union", "model_type", "dict_type", "list_type",
    "constrained-str", "function-after", "function-before", "instance of", "[key]", "field required",
    "extra inputs", "datetime", "dictionary", "partnode", "pointtext", "parttext",
)
NUMBER = "(no words or units: the unit goes in unit:)"
PART = "a part is an id, or {id: ..., parts: [...]} for a part that holds parts"
POINT = "a point is one piece of text, or {text: ..., priority: 1|2|3}"
PRIORITY = "write 1 (always shown), 2 (the default) or 3 (left out first where room is short)"
SOURCE_BLOCK = (
    "source:\n  author: Cai Wei\n  event_date: 2021-12-03   # the Third Ministers' Meeting of the China-CELAC Forum\n"
    "  url: https://cpifa.org/en/cms/book/350\n"
    "  language: en             # the article is in English: the quotations in en.yaml are the originals\n"
)
INTRO_POINTS = (
    '      - "Theme: overcoming current difficulties together and creating opportunities for a China-LAC community."\n'
)

# (file, old, new, text on the reported line, field, message)
SPEC_CASES = [
    ("value: 411250000000", "value: 518.4 billion", "figures[1].value",
     f"'518.4 billion' is not a plain number: write 518400000000 {NUMBER}"),
    ("value: 411250000000", "value: US$411,250,000,000", "figures[1].value",
     f"'US$411,250,000,000' is not a plain number: write 411250000000 {NUMBER}"),
    ("value: 42.3", "value: 42.3 %", "figures[2].value", f"'42.3 %' is not a plain number: write 42.3 {NUMBER}"),
    ("value: 411250000000", "value: forty", "figures[1].value",
     f"'forty' is not a number: write a plain number, e.g. 518400000000 {NUMBER}"),
    ("value: 411250000000", "value: [411, 250]", "figures[1].value",
     "write one plain number here, e.g. 518400000000, not a list"),
    ("value: 411250000000", "value: {billions: 411}", "figures[1].value",
     "write one plain number here, e.g. 518400000000, not a mapping of fields"),
    ("value: 411250000000", "value: -5", "figures[1].value",
     "'-5' is negative: a figure is a plain number of 0 or more (say it is a fall in its label)"),
    ("value: 411250000000", "value: inf", "figures[1].value",
     f"'inf' is not a number: write a plain number, e.g. 518400000000 {NUMBER}"),
    ("value: 411250000000", "value: 1e30", "figures[1].value",
     "the number is too large: a figure has at most 18 digits before the point"),
    ("  - id: trade-2021\n", "  - id: trade-2021\n    priority: high\n", "figures[1].priority",
     f"'high' is not a priority: {PRIORITY}"),
    ("  - id: trade-2021\n", "  - id: trade-2021\n    priority: 5\n", "figures[1].priority",
     f"'5' is not a priority: {PRIORITY}"),
    ("  - id: trade-2021\n", "  - id: trade-2021\n    priority: 0\n", "figures[1].priority",
     f"'0' is not a priority: {PRIORITY}"),
    ("  - id: trade-2021\n", "  - id: trade-2021\n    priority: [1]\n", "figures[1].priority",
     f"a list is not a priority: {PRIORITY}"),
    ("date: 2026-11-26 ", "date: 26/11/2026 ", "date", "'26/11/2026' is not a date: write YYYY-MM-DD, e.g. 2026-11-26"),
    ("date: 2026-11-26 ", "date: 2026-11-26T10:00 ", "date",
     "'2026-11-26T10:00' has a time of day: write the day only, YYYY-MM-DD"),
    ("date: 2026-11-26 ", "date: 2026 ", "date",
     "'2026' is not a full date: write its day too, YYYY-MM-DD, e.g. 2026-11-26"),
    ("date: 2026-11-26 ", "date: [2026, 11] ", "date", "write one date here, YYYY-MM-DD, not a list"),
    ("event_date: 2021-12-03", "event_date: 3 December", "source.event_date",
     "'3 December' is not a date: write YYYY-MM-DD, e.g. 2026-11-26"),
    ("parts: [introduction, partnership,", "parts: [introduction, {id: partnership},", "parts[1]",
     f"{PART}; this one has no parts:"),
    ("parts: [introduction, partnership,", "parts: [introduction, {title: Partnership},", "parts[1]",
     f"{PART}; title: is not one of its fields; this one has no id: and parts:"),
    ("parts: [introduction, partnership,", "parts: [introduction, [partnership],", "parts[1]", PART),
    ("parts: [introduction, partnership,", "parts: [introduction, {id: partnership, parts: []},", "parts[1].parts",
     "give at least 1 item here; this list has 0"),
    ("parts: [introduction, partnership,", "parts: [introduction, {id: partnership, parts: [Trade Part]},",
     "parts[1].parts[0]",
     "'Trade Part' is not a valid id: write lowercase letters and digits in words joined by -: trade-2021"),
    ("parts: [introduction, partnership, mechanisms, development]", "parts: introduction", "parts",
     "parts is a list of ids, one a line starting with '- '; nest parts with {id: ..., parts: [...]}"),
    ("parts: [introduction, partnership, mechanisms, development]", "parts: []", "parts",
     "give at least 1 item here; this list has 0"),
    ("author: briefpress editors", "author: [briefpress, editors]", "author",
     "write one piece of text here, not a list"),
    ("author: briefpress editors", "author: {name: editors}", "author",
     "write one piece of text here, not a mapping of fields"),
    ("author: briefpress editors", 'author: ""', "author", "this text is empty"),
    (SOURCE_BLOCK, "source: Cai Wei, 2021\n", "source",
     "write fields here (author:, issuer:, kind:, published: ...), one a line under this one, not a piece of text"),
    ("  papers: [a4, letter]\n", "  papers: [a4, letter]\n  show: [sheet]\n", "outputs.show",
     "write show as entries by layout name (sheet: {depth: 1, points: 3}), not a list"),
    ("  papers: [a4, letter]\n", "  papers: [a4, letter]\n  show: {sheet: short}\n", "outputs.show.sheet",
     "write fields here (parts:, depth:, points: ...), one a line under this one, not a piece of text"),
    ("  papers: [a4, letter]\n", "  papers: [a4, letter]\n  show: {sheet: {depth: 9}}\n", "outputs.show.sheet.depth",
     "'9' is too large: write a whole number from 1 to 4"),
    ("  papers: [a4, letter]\n", "  papers: [a4, letter]\n  show: {sheet: {points: -1}}\n",
     "outputs.show.sheet.points", "'-1' is too small: write a whole number from 0 to 50"),
    ("  papers: [a4, letter]\n", "  papers: [a4, letter]\n  show: {sheet: {depth: deep}}\n",
     "outputs.show.sheet.depth", "'deep' is not a whole number: write one, e.g. 3 from 1 to 4"),
    ("  papers: [a4, letter]\n", "  papers: [a4, letter]\n  show: {sheet: {events: [3]}}\n",
     "outputs.show.sheet.events", "write one whole number here, e.g. 3 from 0 to 100, not a list"),
    ("qualifier: over\n    unit: count", "qualifier: beyond\n    unit: count", "figures[3].qualifier",
     "'beyond' is not one of: 'exact', 'over', 'above', 'nearly' or 'about'"),
    ("qualifier: over\n    unit: count", "qualifier: [over]\n    unit: count", "figures[3].qualifier",
     "write one of: 'exact', 'over', 'above', 'nearly' or 'about', not a list"),
    ("glossary: [aiib,", "glossary: [[aiib],", "glossary[0]", "write one id here, not a list"),
    ("languages: [en, es, pt-BR, zh-Hans]", "languages: en", "languages",
     "write languages as a list, one item a line starting with '- ' (or [a, b]), even for one, not 'en'"),
    ("  - id: leader-calls\n    value: 21\n    unit: count\n    part: partnership\n", "  - leader-calls\n",
     "figures[9]", "write fields here (id:, value:, unit:, part: ...), one a line under this one, not a piece of text"),
    ("said_in: zh-Hans", "said_in: Chinese", "quotes[2].said_in",
     "'Chinese' is not a valid language tag: write a BCP 47 tag: en, pt-BR, zh-Hans"),
]

TEXT_CASES = [
    ('title: "China-LAC Relations After', 'title: [China, LAC]\nx_title: "China-LAC Relations After', "title",
     "write one piece of text here, not a list"),
    ('subtitle: "Summary', 'subtitle: {text: x}\nx_subtitle: "Summary', "subtitle",
     "write one piece of text here, not a mapping of fields"),
    ('short_title: "China-LAC Relations in the New Era"', 'short_title: ""', "short_title", "this text is empty"),
    (INTRO_POINTS, INTRO_POINTS + "      - {txt: A point.}\n", "parts.introduction.points[1]",
     f"{POINT}; txt: is not one of its fields; this one has no text:"),
    (INTRO_POINTS, INTRO_POINTS + "      - [A point, another]\n", "parts.introduction.points[1]", POINT),
    (INTRO_POINTS, INTRO_POINTS + "      - {text: A point., priority: 9}\n", "parts.introduction.points[1].priority",
     f"'9' is not a priority: {PRIORITY}"),
    (INTRO_POINTS, INTRO_POINTS + "      - {text: A point., priority: low}\n",
     "parts.introduction.points[1].priority", f"'low' is not a priority: {PRIORITY}"),
    ("takeaways:\n", "takeaways:\n" + '  - "One more."\n' * 5, "takeaways",
     "a cover holds at most 8 takeaways; this list has 9: keep the ones that matter most"),
    ('  nicaragua: "China resumes diplomatic relations with Nicaragua"', "  nicaragua: {text: Resumed}",
     "timeline.nicaragua",
     "write one piece of text here, not a mapping of fields"),
    ("overview: >-", "sources:\n  Cai Wei:\n    title: x\noverview: >-", "sources.Cai Wei",
     "'Cai Wei' is not a valid id: write lowercase letters and digits in words joined by -: trade-2021"),
    ('names:\n  - "Xi Jinping"\n', 'names: "Xi Jinping"\nx_names:\n', "names",
     "write names as a list, one item a line starting with '- ' (or [a, b]), even for one, not 'Xi Jinping'"),
    ("\n  introduction:\n", "\n  introduction: Introduction\n  x_introduction:\n", "parts.introduction",
     "write fields here (title: ...), one a line under this one, not a piece of text"),
]


def problems_of(briefing_dir: Path, available) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_briefing(briefing_dir, available)
    return [str(problem) for problem in error.value.problems]


def _leaks(line: str) -> list[str]:
    return [word for word in PYDANTIC_WORDS if word in line.lower()]


@pytest.mark.parametrize(("old", "new", "field", "message"), SPEC_CASES, ids=[case[2] + ":" + case[1][:30]
                                                                              for case in SPEC_CASES])
def test_spec_error_in_our_words(briefing_dir, available, old, new, field, message):
    spec = briefing_dir / "briefing.yaml"
    edit(spec, old, new)
    found = problems_of(briefing_dir, available)
    line = line_of(spec, new.strip().splitlines()[-1 if field.endswith(("priority", "show.sheet")) else 0].strip())
    if field.startswith("outputs.show"):
        line = line_of(spec, "show:")
    assert found == [f"{spec}:{line}: {field}: {message}"]
    assert not _leaks(found[0])


@pytest.mark.parametrize(("old", "new", "field", "message"), TEXT_CASES, ids=[case[2] for case in TEXT_CASES])
def test_text_error_in_our_words(briefing_dir, available, old, new, field, message):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, old, new)
    found = [line for line in problems_of(briefing_dir, available) if ": x_" not in line and ".x_" not in line]
    first = new.splitlines()[0] if not new.startswith("\n") else new.splitlines()[1]
    if field.startswith("parts.introduction.points"):
        first = new.splitlines()[-1]
    elif field.startswith("takeaways"):
        first = "takeaways:"
    line = line_of(text, first.strip()) if field != "sources.Cai Wei" else line_of(text, "  Cai Wei:")
    assert found == [f"{text}:{line}: {field}: {message}"]
    assert not _leaks(found[0])


@pytest.mark.parametrize(
    ("written", "plain"),
    [("518.4 billion", "518400000000"), ("US$ 1,250,000", "1250000"), ("42.3%", "42.3"), ("EUR 3 bn", "3000000000"),
     ("1.5 million", "1500000"), ("forty", None), ("1.234,5", None), ("3 apples", None)],
)
def test_plain_number(written, plain):
    assert plain_number(written) == plain


BAD_VALUES: list[Any] = [None, "", "Not An Id!", "-7", "99", "2026-13-45", [], ["x"], [["x"]], [{"x": "y"}], {"x": "y"},
                         {"id": "x"}, {"text": "x", "priority": "9"}]


def _paths(data: Any, loc: tuple = ()) -> list[tuple]:
    found = [loc] if loc else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*loc, i))
    return found


def _replaced(data: Any, loc: tuple, value: Any) -> Any:
    data = copy.deepcopy(data)
    node = data
    for key in loc[:-1]:
        node = node[key]
    node[loc[-1]] = value
    return data


@pytest.mark.parametrize(("file", "model"), [("briefing.yaml", BriefingSpec), ("text/en.yaml", LanguageText)])
def test_no_bad_value_anywhere_gets_the_librarys_words(file, model):
    """Put each bad value at every place of the sample: one line per place, never pydantic's words."""
    data = read_yaml(SAMPLE / file)[0].data
    for loc in _paths(data):
        for value in BAD_VALUES:
            bad = _replaced(data, loc, value)
            try:
                model.model_validate(bad)
            except ValidationError as error:
                lines = located(error.errors(include_url=False), bad, model)
                places = [where for where, _ in lines]
                assert len(places) == len(set(places)), (loc, value, lines)
                for where, message in lines:
                    assert message, (loc, value)
                    assert not _leaks(message), (loc, value, message)
                    assert all(not str(key)[:1].isupper() or key in str(bad) for key in where), (loc, where)


# --- errors in the file that holds the mistake ---------------------------------------------------


@pytest.mark.parametrize(
    ("field", "right", "typo", "other", "other_old", "other_new"),
    [
        ("parts", "  introduction:\n", "  introdution:\n", "es",
         '  introduction:\n    title: "Introducción: la Tercera Reunión Ministerial"\n', "  introduction:\n"),
        ("figures", "  sub-forums:\n", "  subforums:\n", "zh-Hans",
         '  sub-forums:\n    label: "中拉论坛分论坛成功举办，涵盖15个领域"\n', "  sub-forums:\n"),
        ("glossary", "  ccf:\n", "  cff:\n", "es", "    term: FCC\n    definition: Foro China-CELAC\n",
         "    term: FCC\n"),
        ("charts", "  trade:\n", "  trades:\n", "es", None, None),
    ],
)
def test_base_typo_reported_in_the_base_file_only(briefing_dir, available, field, right, typo, other, other_old,
                                                   other_new):
    """A misspelt id in en.yaml is en.yaml's problem, not a missing field in a language that falls back to it."""
    base, translated = briefing_dir / "text" / "en.yaml", briefing_dir / "text" / f"{other}.yaml"
    block = base.read_text(encoding="utf-8").split(f"\n{field}:\n", 1)[1]
    assert right in block
    edit(base, f"\n{field}:\n" + block, f"\n{field}:\n" + block.replace(right, typo, 1))
    if other_old is None:  # the translation gives the chart's title only, its alt text from the base
        entry = translated.read_text(encoding="utf-8").split("\ncharts:\n  trade:\n", 1)[1].split("\n")
        alt = next(line for line in entry if line.startswith("    alt:"))
        edit(translated, alt + "\n", "")
    else:
        edit(translated, other_old, other_new)
    found = problems_of(briefing_dir, available)
    key, wrong = right.strip(" :\n"), typo.strip(" :\n")
    assert found == [
        f"{base}:{line_of(base, field + ':')}: {field}: missing: {key}",
        f"{base}:{line_of(base, typo.rstrip())}: {field}.{wrong}: {wrong!r} is not declared in briefing.yaml",
    ]


def test_a_translations_own_mistake_stays_its_own(briefing_dir, available):
    """An entry for an id the spec does not declare, and a field missing from it, are the translation's."""
    translated = briefing_dir / "text" / "es.yaml"
    edit(translated, "\nparts:\n", "\nparts:\n  epilogo:\n    points: [Uno.]\n")
    assert problems_of(briefing_dir, available) == [
        f"{translated}:{line_of(translated, '  epilogo:')}: parts.epilogo.title: this field is required"
    ]
