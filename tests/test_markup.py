"""Rich text in prose: emphasis, code and http/https/mailto links render; nothing else does."""

from __future__ import annotations

import pytest
from helpers import edit, line_of, pdf_text, run
from pypdf import PdfReader

from briefpress.content.load import load_briefing
from briefpress.content.markup import problems, to_html, to_plain
from briefpress.errors import ContentError
from briefpress.render.html import make_environment, render_html
from briefpress.target import Target

SHEET = Target("china-lac-2021", "en", "sheet", "formal", "a4")
POINT = '      - "Theme: overcoming'  # the first point of the introduction, in text/en.yaml


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("a *b* and **c**", "a <em>b</em> and <strong>c</strong>"),
        ("_b_ and __c__", "<em>b</em> and <strong>c</strong>"),
        ("see `x < y`", "see <code>x &lt; y</code>"),
        ("[the text](https://example.org/a?b=1&c=2)", '<a href="https://example.org/a?b=1&amp;c=2">the text</a>'),
        ("[**bold** link](mailto:ed@example.org)", '<a href="mailto:ed@example.org"><strong>bold</strong> link</a>'),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<a href="https://x.org">raw</a>', "&lt;a href=&#34;https://x.org&#34;&gt;raw&lt;/a&gt;"),
        ("&lt;b&gt; &amp; &#42;", "&amp;lt;b&amp;gt; &amp;amp; &amp;#42;"),
        ("{{ 7*7 }} {% if x %}", "{{ 7*7 }} {% if x %}"),
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
        ("![image](https://example.org/x.png)", '!<a href="https://example.org/x.png">image</a>'),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("it's \"quoted\"", "it&#39;s &#34;quoted&#34;"),
        ("[never a link](javascript:alert(1))", "never a link"),
    ],
)
def test_the_subset_renders_and_everything_else_is_text(text, html):
    assert to_html(text) == html


def test_plain_text_has_the_markup_taken_out():
    assert to_plain("**I.** *Steady* `growth` [here](https://example.org) <b>") == "I. Steady growth here <b>"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[x](javascript:alert(1))", "the link 'javascript:alert(1)' uses javascript:, only http, https and mailto"),
        ("[x](JavaScript:alert(1))", "the link 'JavaScript:alert(1)' uses javascript:"),
        ("[x](&#106;avascript:alert(1))", "the link 'javascript:alert(1)' uses javascript:"),
        ("[x](<javascript:alert(1)>)", "the link 'javascript:alert(1)' uses javascript:"),
        ("[x](file:///etc/passwd)", "the link 'file:///etc/passwd' uses file:"),
        ("[x](data:text/html,hi)", "the link 'data:text/html,hi' uses data:"),
        ("[x](../secret.txt)", "the link '../secret.txt' has no scheme"),
        ("[x](https:nohost)", "the link 'https:nohost' names no host"),
        ("[](https://example.org)", "the link to 'https://example.org' has no text"),
    ],
)
def test_refused_links(text, problem):
    assert len(problems(text)) == 1
    assert problems(text)[0].startswith(problem)


def test_javascript_link_is_a_content_error_at_its_line(briefing_dir, available):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, POINT, '      - "See [this](javascript:alert(1))."\n' + POINT)
    with pytest.raises(ContentError) as error:
        load_briefing(briefing_dir, available)
    assert [str(problem) for problem in error.value.problems] == [
        f"{text}:{line_of(text, 'javascript:')}: parts.introduction.points[0]: "
        "the link 'javascript:alert(1)' uses javascript:, only http, https and mailto links are allowed"
    ]


def test_prose_renders_rich_text_inside_escaped_html(project, briefing_dir, available):
    text = briefing_dir / "text" / "en.yaml"
    point = '      - "A *new* stage, <b>really</b>: [the forum](https://www.chinacelacforum.org/)."\n'
    edit(text, POINT, point + POINT)
    briefing = load_briefing(briefing_dir, available)
    html = render_html(make_environment(project), project, briefing, SHEET)
    assert (
        '<li>A <em>new</em> stage, &lt;b&gt;really&lt;/b&gt;: '
        '<a href="https://www.chinacelacforum.org/">the forum</a>.</li>'
    ) in html
    assert "<b>" not in html


def test_fallback_prose_keeps_its_markup_inside_the_fallback_span(project, briefing_dir, available):
    base, spanish = briefing_dir / "text" / "en.yaml", briefing_dir / "text" / "es.yaml"
    edit(base, "\noverview: >-\n  Writing", "\noverview: >-\n  **Fallback** <i>x</i>. Writing")
    lines = spanish.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("overview:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    spanish.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    briefing = load_briefing(briefing_dir, available)
    target = Target("china-lac-2021", "es", "sheet", "formal", "a4")
    html = render_html(make_environment(project), project, briefing, target)
    assert '<p><span class="fallback" lang="en"><strong>Fallback</strong> &lt;i&gt;x&lt;/i&gt;. ' in html


def test_titles_attributes_and_drawings_get_plain_text_and_quotations_stay_verbatim(
    project, briefing_dir, available
):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, '\ntitle: "China-LAC', '\ntitle: "*Emphatic* China-LAC')
    edit(text, 'title: "China-LAC two-way trade', 'title: "**China-LAC** `two-way` trade')
    edit(text, 'alt: "Bar chart comparing', 'alt: "[Bar chart](https://example.org) comparing')
    edit(text, 'text: "Equality means making', 'text: "Equality means *making*')
    briefing = load_briefing(briefing_dir, available)
    target = Target("china-lac-2021", "en", "brief", "formal", "a4")
    # The word joiners that keep "China-LAC" whole (render/joins.py) aside.
    html = render_html(make_environment(project), project, briefing, target).replace("\u2060", "")
    assert "<title>Emphatic China-LAC Relations After" in html
    assert '<h1 data-short-title="China-LAC Relations in the New Era">Emphatic China-LAC Relations After' in html
    assert '<span class="chart-title">China-LAC two-way trade: each year' in html
    assert "<title>Bar chart comparing two-way trade" in html  # the chart's SVG text alternative
    assert "Equality means *making* decisions" in html
    for markup in ("*Emphatic*", "<em>Emphatic", "**China-LAC**", "<strong>", "<code>", '<a href="https://example.org'):
        assert markup not in html


@pytest.mark.pdf
def test_pdf_has_the_link_and_plain_bookmarks(project_dir, briefing_dir):
    """One brief: a link in a point is a link annotation; a part title's markup is not in its bookmark."""
    text = briefing_dir / "text" / "en.yaml"
    edit(text, POINT, '      - "Read [the declaration](https://www.chinacelacforum.org/eng/) *first*."\n' + POINT)
    edit(text, 'title: "I. Further', 'title: "**I.** *Further*')
    args = ["build", "--lang", "en", "--layout", "brief", "--style", "modern", "--paper", "a4"]
    result = run(project_dir, *args)
    assert result.exit_code == 0, result.output
    pdf = PdfReader(project_dir / "dist" / "china-lac-2021" / "en" / "brief-modern-a4.pdf")
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/A", {}).get("/URI")
    ]
    assert "https://www.chinacelacforum.org/eng/" in uris
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert "I. Further substantiating China-LAC relations in the new era" in titles, titles
    assert "Read the declaration first." in pdf_text(pdf)
