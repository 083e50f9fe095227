"""Where lines break in the default PDFs, and whether the styles' colours can be read, as a reader finds them."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import REPO

from briefpress.project import Project
from briefpress.render.styles import Styles
from briefpress.target import Target

LANGS = ("en", "es", "pt-BR", "zh-Hans")
NAMES = [
    f"{layout}-{style}-{paper}.pdf"
    for layout in ("sheet", "brief", "handout")
    for style in ("formal", "modern", "economy")
    for paper in ("a4", "letter")
]
HYPHENS = "-\u2010\u00ad"
HYPHENATED = "\u2010"  # the hyphen WeasyPrint adds where it hyphenates a word
XHTML = "{http://www.w3.org/1999/xhtml}"
# Chinese punctuation that closes (no line starts with it) and that opens (no line ends with it).
CLOSING = "，。、；：？！）」』】〕》"
OPENING = "（「『【〔《"
# The kicker of each language, as the masthead and the cover print it.
KICKERS = {"en": "BRIEFING", "es": "NOTA INFORMATIVA", "pt-BR": "NOTA INFORMATIVA", "zh-Hans": "简报"}


def blocks(pdf: Path) -> list[list[str]]:
    """Return the text of each block of lines pdftotext finds, a column's paragraph being one block."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    root = ElementTree.fromstring(out.stdout)
    return [
        [" ".join(word.text or "" for word in line.iter(f"{XHTML}word")) for line in block.iter(f"{XHTML}line")]
        for block in root.iter(f"{XHTML}block")
    ]


def refused(first: str, second: str) -> bool:
    """Return whether a hyphen the hyphenator added after ``first`` splits an address, an acronym or a number."""
    fragment = first.rstrip(HYPHENS)
    if re.search(r"https?:|www\.|@|/", first + second) or "." in fragment:
        return True  # cpi-/fa.org, ht-/tps://
    if fragment[-1:].isdigit() or second[:1].isdigit():
        return True
    return (fragment.isupper() and len(fragment) > 1) or second[:2].isupper()  # CE-/PAL, CO-/VID-19


@pytest.mark.pdf
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_no_hyphenation_splits_an_address_an_acronym_or_a_number(built, lang, name):
    """Only the hyphens the hyphenator adds (U+2010): a compound's own hyphen, China-/ALC, is another matter."""
    pdf = built.file(lang, name)
    bad = []
    for block in blocks(pdf):
        for line, following in itertools.pairwise(block):
            if not line.endswith(HYPHENATED) or not following.split():
                continue
            if refused(line.split()[-1], following.split()[0]):
                bad.append(f"{line.split()[-1]}/{following.split()[0]}")
    assert not bad, f"{lang}/{name}: lines split {bad}"


@pytest.mark.pdf
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_at_most_two_hyphenated_lines_in_a_row(built, lang, name):
    pdf = built.file(lang, name)
    for block in blocks(pdf):
        run = []
        for line in block[:-1]:
            run = [*run, line] if line[-1:] in HYPHENS else []
            assert len(run) <= 2, f"{lang}/{name}: {len(run)} hyphenated lines in a row: {run}"


@pytest.mark.pdf
@pytest.mark.parametrize("name", NAMES)
def test_no_chinese_line_starts_with_closing_or_ends_with_opening_punctuation(built, name):
    pdf = built.file("zh-Hans", name)
    bad = []
    for block in blocks(pdf):
        for line in block:
            if line[:1] in CLOSING:
                bad.append(f"starts: {line[:20]}")
            if line[-1:] in OPENING:
                bad.append(f"ends: {line[-20:]}")
    assert not bad, f"zh-Hans/{name}: {bad}"


@pytest.mark.pdf
@pytest.mark.parametrize("name", [name for name in NAMES if "-a4" in name])
def test_chinese_is_never_slanted(built, name):
    fonts = subprocess.run(["pdffonts", str(built.file("zh-Hans", name))], capture_output=True, text=True, check=True)
    slanted = [line.split()[0] for line in fonts.stdout.splitlines()[2:] if re.search("Italic|Oblique", line)]
    assert not slanted, f"zh-Hans/{name} embeds {slanted}"


# The brief's letter-spaced labels: cover, overview and each part's "Key points".
LABELS = {
    "en": ["KEY TAKEAWAYS", "SUMMARY OF", "OVERVIEW", "KEY POINTS"],
    "es": ["LO ESENCIAL", "DOCUMENTO RESUMIDO", "PANORAMA", "PUNTOS CLAVE"],
    "pt-BR": ["DESTAQUES", "DOCUMENTO RESUMIDO", "VISÃO GERAL", "PONTOS-CHAVE"],
    "zh-Hans": ["内容提要", "原文", "概述", "要点"],
}


@pytest.mark.pdf
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("layout", ["sheet", "brief"])
def test_kicker_labels_extract_as_words(built, lang, layout):
    pdf = built.file(lang, f"{layout}-modern-a4.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    labels = [KICKERS[lang]] + (LABELS[lang] if layout == "brief" else [])
    missing = [label for label in labels if label not in text]
    assert not missing, f"{lang}/{layout}: {missing} in {[line for line in text.splitlines() if line.strip()][:2]}"


# --- contrast ------------------------------------------------------------------------------------

# Text colours, the backgrounds they stand on, and the contrast WCAG AA asks of them: 4.5:1 for
# text of body size, 3:1 for large text (headings). A token left out falls back as the CSS does.
PAGE = "#ffffff"
PAIRS = [
    # (text token, its fallback, background token, its fallback, least contrast)
    ("--color-text", None, None, PAGE, 4.5),
    ("--color-muted", None, None, PAGE, 4.5),
    ("--color-accent", None, None, PAGE, 4.5),
    ("--color-accent-strong", None, None, PAGE, 4.5),
    ("--color-panel-text", "--color-text", "--color-panel", PAGE, 4.5),
    ("--color-accent", None, "--color-panel", PAGE, 4.5),
    ("--color-muted", None, "--color-panel", PAGE, 4.5),
    ("--color-text", None, "--color-fallback", PAGE, 4.5),
    ("--color-masthead-text", "--color-text", "--color-masthead", PAGE, 4.5),
    ("--color-masthead-kicker", "--color-accent-strong", "--color-masthead", PAGE, 4.5),
    ("--color-masthead-muted", "--color-muted", "--color-masthead", PAGE, 4.5),
    ("--color-masthead-heading", "--color-accent", "--color-masthead", PAGE, 3.0),
]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colour(styles: Styles, name: str | None, fallback: str | None) -> str:
    """Return a colour token as #rrggbb, a missing or transparent one being its fallback."""
    value = styles.token(name).lower() if name else ""
    if value in ("", "transparent"):
        return colour(styles, fallback, PAGE) if fallback and fallback.startswith("--") else PAGE
    assert re.fullmatch("#[0-9a-f]{6}", value), f"{name}: {value!r} is not a #rrggbb colour"
    return value


def test_contrast_computes_the_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#e4572e", "#ffffff") == pytest.approx(3.68, abs=0.01)


@pytest.mark.parametrize("style", sorted(Project.at(REPO).styles()))
def test_every_text_colour_of_a_style_can_be_read_on_its_backgrounds(style):
    project = Project.at(REPO)
    styles = Styles.of(project, Target("china-lac-2021", "en", "sheet", style, "a4"))
    failing = []
    for text, text_fallback, background, background_fallback, least in PAIRS:
        ink, paper = colour(styles, text, text_fallback), colour(styles, background, background_fallback)
        if contrast(ink, paper) < least:
            failing.append(f"{text} {ink} on {background or 'the page'} {paper}: {contrast(ink, paper):.2f} < {least}")
    assert not failing, f"{style}: {failing}"
