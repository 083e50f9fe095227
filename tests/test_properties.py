"""Properties over random content: the loader, the HTML and a few PDFs never fail other than as designed."""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import SAMPLE
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pypdf import PdfReader

from briefpress.cli.commands import main
from briefpress.content.load import load_briefing
from briefpress.content.markup import to_plain
from briefpress.errors import ContentError
from briefpress.project import Project
from briefpress.render.html import make_environment, render_html
from briefpress.render.joins import NO_BREAK_SPACE, WORD_JOINER
from briefpress.target import Target

SHEET = Target("china-lac-2021", "en", "sheet", "modern", "a4")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text fields of text/en.yaml, as paths into its data.
TEXT_FIELDS = [
    ("title",),
    ("overview",),
    ("source", "author_role"),
    ("parts", "introduction", "title"),
    ("parts", "introduction", "summary"),
    ("parts", "introduction", "points", 0),
    ("glossary", "lac", "definition"),
    ("quotes", "equality", "text"),
    ("charts", "trade", "alt"),
]
YAML_SPECIAL = [*":-?[]{},#&*!|>'\"%@`\\\n\t ", "- ", ": ", " #", "---", "...", "~", "null", "no", "<<"]
# Any character but surrogates, which no UTF-8 file can hold.
ANY_CHAR = st.characters(exclude_categories=["Cs"])
RANDOM_TEXT = st.lists(st.one_of(ANY_CHAR, st.sampled_from(YAML_SPECIAL)), max_size=40).map("".join)
KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=8)
NESTED = st.recursive(
    st.none() | RANDOM_TEXT | st.integers() | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)
# Text a valid briefing can hold: no controls, surrogates or bidi overrides; words that fit a line.
PRINTABLE = st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="\u202d\u202e")
FRAGMENTS = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% include '/etc/passwd' %}",
    "&amp;",
    "<b>",
    "*a*",
    "`c`",
    "[l](https://example.org/x?a=1&b=2)",
    "**",
    "\\*",
    "_u_",
    '"',
    "'",
]
VALID_TEXT = st.lists(st.one_of(PRINTABLE, st.sampled_from(FRAGMENTS), st.just(" ")), min_size=1, max_size=30).map(
    "".join
)


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("properties")
    shutil.copytree(SAMPLE, root / "content" / SAMPLE.name)
    return root


def _en(root: Path) -> Path:
    return root / "content" / SAMPLE.name / "text" / "en.yaml"


def _load_with(root: Path, text: str):
    """Load the briefing with ``text`` as its English file; the original is put back afterwards."""
    path = _en(root)
    original = (SAMPLE / "text" / "en.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    try:
        project = Project.at(root)
        return load_briefing(path.parent.parent, project.available())
    finally:
        path.write_text(original, encoding="utf-8")


def _with_value(field: tuple, value: object) -> str:
    data = yaml.safe_load((SAMPLE / "text" / "en.yaml").read_text(encoding="utf-8"))
    *parents, last = field
    holder = data
    for key in parents:
        holder = holder[key]
    holder[last] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _assert_only_content_errors(root: Path, text: str) -> None:
    """Loading succeeds, or fails with a ContentError of one-line ``file:line: [field: ]message`` problems."""
    shown = re.escape(str(_en(root).parent.parent))
    line_format = re.compile(rf"{shown}/(briefing|text/[\w-]+)\.yaml:\d+: ([\w.\[\]-]+: )?\S.*")
    try:
        _load_with(root, text)
    except ContentError as error:
        problems = error.problems
    else:
        return
    assert problems
    for problem in problems:
        assert "\n" not in str(problem), str(problem)
        assert line_format.fullmatch(str(problem)), str(problem)
        assert problem.line >= 1


@FAST
@given(field=st.sampled_from(TEXT_FIELDS), value=RANDOM_TEXT)
def test_loader_on_random_text_in_text_fields(project_root, field, value):
    _assert_only_content_errors(project_root, _with_value(field, value))


@FAST
@given(field=st.sampled_from(TEXT_FIELDS), value=NESTED)
def test_loader_on_random_types_and_nesting(project_root, field, value):
    _assert_only_content_errors(project_root, _with_value(field, value))


@FAST
@given(line=st.integers(min_value=0, max_value=140), raw=RANDOM_TEXT)
def test_loader_on_random_text_spliced_into_the_file(project_root, line, raw):
    lines = (SAMPLE / "text" / "en.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    at = min(line, len(lines))
    _assert_only_content_errors(project_root, "".join([*lines[:at], raw, *lines[at:]]))


class _Tags(HTMLParser):
    """The tags and the text of an HTML fragment, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def _unjoined(text: str) -> str:
    """The text as written: the joins (word joiners, no-break spaces where a line must not break) taken out."""
    return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")


def _first_point_html(html: str) -> str:
    section = html[html.index('id="part-introduction"') :]
    return re.search(r"(?s)<li>(.*?)</li>", section)[1]


@FAST
@given(point=VALID_TEXT, title=VALID_TEXT)
def test_renderer_on_random_valid_text(project_root, point, title):
    fields = yaml.safe_load(_with_value(("parts", "introduction", "points", 0), point))
    fields["parts"]["introduction"]["title"] = title
    try:
        briefing = _load_with(project_root, yaml.safe_dump(fields, allow_unicode=True, sort_keys=False))
    except ContentError:
        assume(False)  # e.g. only spaces, or a link with no text: not valid content
    project = Project.at(project_root)
    html = render_html(make_environment(project), project, briefing, SHEET)
    stored = briefing.texts["en"].parts["introduction"]
    assert "<script" not in html.lower()
    # The point: only the rich-text subset's tags, and the text without its markup.
    parsed = _Tags()
    parsed.feed(_first_point_html(html))
    assert set(parsed.tags) <= {"em", "strong", "code", "a"}
    assert _unjoined(parsed.text) == _unjoined(to_plain(stored.points[0]))
    # The title: plain text, escaped, in the heading.
    assert f"<h3>{_unjoined(escape(to_plain(stored.title)))}</h3>" in _unjoined(html)


@FAST
@given(text=st.lists(st.sampled_from([*"abc<>&\"' {}%#", "{{", "}}", "{%", "%}", "<script>"]), min_size=1, max_size=25))
def test_text_without_rich_text_comes_out_literally_escaped(project_root, text):
    point = "".join(text).strip()
    assume(point)
    briefing = _load_with(project_root, _with_value(("parts", "introduction", "points", 0), point))
    project = Project.at(project_root)
    html = render_html(make_environment(project), project, briefing, SHEET)
    assert _first_point_html(html) == escape(point)


# Latin, Latin-1, Greek and Cyrillic letters, which the styles' fonts cover.
LETTER_RANGES = [(0x41, 0x5B), (0x61, 0x7B), (0xC0, 0xFF), (0x391, 0x3A2), (0x430, 0x450)]
LETTERS = st.sampled_from([chr(c) for first, end in LETTER_RANGES for c in range(first, end)])
ODD = st.sampled_from(["\u0378", "\ue000", "\U000f0000", "\u4e2d", "\U0001d54f"])  # unassigned, private, CJK, math
WORDS = st.lists(
    st.lists(st.one_of(LETTERS, LETTERS, LETTERS, ODD), min_size=2, max_size=8).map("".join), min_size=1, max_size=4
)
FAILED = re.compile(
    r"error: china-lac-2021/en/sheet-modern-a4: "
    r"(no font has a glyph for .+|font '[^']+', which the style does not declare, drew .+"
    r"|page \d+: .+)"  # or what the preflight found on the page
)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=WORDS)
@pytest.mark.pdf
def test_pdf_of_random_words_has_them_or_says_which_glyph_is_missing(project_root, words):
    path = _en(project_root)
    original = path.read_text(encoding="utf-8")
    path.write_text(_with_value(("parts", "introduction", "points", 0), " ".join(words)), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as exit_info:
            main(
                ["build", "--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"],
                project=project_root,
            )
    finally:
        path.write_text(original, encoding="utf-8")
    out, err = out.getvalue(), err.getvalue()
    assert "Traceback" not in out + err
    assert "unexpected" not in out + err
    if exit_info.value.code == 0:
        pdf = project_root / "dist" / "china-lac-2021" / "en" / "sheet-modern-a4.pdf"
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        flat = " ".join(text.replace("-\n", "").split())
        for word in words:
            assert word in flat, (word, flat[:300])
    else:
        assert exit_info.value.code == 1
        progress, *rest = err.strip().splitlines()  # outside a terminal, the target's line comes first
        assert re.fullmatch(r"\[1/1\] failed china-lac-2021/en/sheet-modern-a4 \(\d+\.\d s\)", progress), err
        assert rest, err
        assert all(FAILED.fullmatch(line) for line in rest), err  # one line per problem
        assert "&#" not in err  # the excerpt is text, not HTML
