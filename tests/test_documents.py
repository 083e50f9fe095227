"""Two briefings of documents shaped unlike the sample, built as a reader gets them and checked against their sources.

tests/fixtures/documents holds a project of its own: ``coastal-report`` (an invented report in
three chapters, two of them with sections, figures in euros, yuan, per cent, percentage points
and tonnes, and a second source, the press conference at its launch) and ``harbour-speech``
(an invented speech by one speaker, three parts, the middle one with three sub-parts, no
figures). Their source texts are in tests/fixtures/documents/sources/<briefing>/<source id>.txt.
Each briefing's own matrix (every layout, both languages) is built once, with --strict.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO, edit, pdf_text, run, squeeze

import briefpress
from briefpress.content.load import load_briefing
from briefpress.project import Project

pytestmark = [pytest.mark.pdf, pytest.mark.usefixtures("quiet_pypdf")]
DOCUMENTS = REPO / "tests" / "fixtures" / "documents"
SOURCES = DOCUMENTS / "sources"
LAYOUTS = ("sheet", "brief", "handout")
REPORT_LANGS = ("en", "es")
SPEECH_LANGS = ("en", "pt-BR")

# What a reader of the report sees of its money, as CLDR formats it in each language.
AMOUNTS = {
    "en": ("€4.8 billion", "CN¥35 billion", "€250 million"),
    "es": ("4800 millones de euros", "35.000 millones de yuanes", "250 millones de euros"),
}
# Words of the software's own that a translated page must not leave in English.
ENGLISH_ONLY = ("(report)", "(press conference)", "(speech)", "Delivered on", "Occasion:", "percentage points")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a project folder holding a copy of both briefings."""
    root = tmp_path_factory.mktemp("documents")
    shutil.copytree(DOCUMENTS / "content", root / "content")
    return root


@pytest.fixture(scope="module")
def outcomes(documents: Path) -> dict[tuple[str, str, str, str, str], briefpress.Outcome]:
    """Build both briefings as configured (their own outputs, every language), strictly; return each outcome."""
    selection = briefpress.Selection(("coastal-report", "harbour-speech"))
    report = briefpress.build(documents, selection, options=briefpress.Options(strict=True))
    return {
        (o.target.briefing, o.target.lang, o.target.layout, o.target.style, o.target.paper): o
        for o in report.outcomes
    }


def texts(outcomes, briefing: str, lang: str, layout: str) -> list[str]:
    """Return the text of each PDF built of one briefing in one language and layout (each style and paper)."""
    found = [o for key, o in outcomes.items() if key[:3] == (briefing, lang, layout)]
    assert found, f"nothing built of {briefing}/{lang}/{layout}"
    for outcome in found:
        assert outcome.ok, str(outcome)
    return [pdf_text(outcome.pdf) for outcome in found]


def loaded(root: Path, name: str):
    return load_briefing(root / "content" / name, Project.at(root).available())


# --- loading ---------------------------------------------------------------------------------


def test_the_report_loads_with_its_chapters_sections_units_and_two_sources(documents):
    briefing = loaded(documents, "coastal-report")
    spec = briefing.spec
    numbers = {key: ".".join(map(str, place.number)) for key, place in spec.part_places().items()}
    assert numbers == {
        "standing": "1", "berth-emissions": "1.1", "shore-power": "1.2", "fuels": "1.3",
        "paying": "2", "europe": "2.1", "china": "2.2", "outlook": "3",
    }  # fmt: skip
    assert [(source.id, source.kind) for source in spec.all_sources()] == [
        ("report", "report"),
        ("launch", "press-conference"),
    ]
    units = {figure.id: figure.unit for figure in spec.figures}
    assert units["europe-investment"] == "EUR"
    assert units["china-investment"] == "CNY"
    assert units["co2-avoided"] == "mass-tonne"
    assert units["shore-power-share"] == "percentage-points"
    from_launch = {figure.id for figure in spec.figures if spec.source_of(figure).id == "launch"}
    assert from_launch == {"methanol-budget", "blue-berth-fund"}
    assert set(briefing.texts) == set(REPORT_LANGS)


def test_the_speech_loads_with_one_speaker_sub_parts_and_no_figures(documents):
    briefing = loaded(documents, "harbour-speech")
    spec = briefing.spec
    (source,) = spec.all_sources()
    assert (source.kind, source.author) == ("speech", "Rafaela Duarte Lemos")
    assert spec.part_places()["pledges"].children == ("clean-quays", "working-waterfront", "open-edge")
    assert spec.figures == []
    assert spec.charts == []
    assert set(briefing.texts) == set(SPEECH_LANGS)


# --- building --------------------------------------------------------------------------------


@pytest.mark.parametrize(("briefing", "langs"), [("coastal-report", REPORT_LANGS), ("harbour-speech", SPEECH_LANGS)])
def test_every_layout_builds_in_both_languages_with_no_warning(outcomes, briefing, langs):
    built = {key: o for key, o in outcomes.items() if key[0] == briefing}
    assert {(key[1], key[2]) for key in built} == {(lang, layout) for lang in langs for layout in LAYOUTS}
    failed = [str(o) for o in built.values() if not o.ok]
    assert failed == []
    assert [(str(o.target), o.warnings) for o in built.values() if o.warnings] == []


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_the_report_reads_with_nested_numbers_its_amounts_and_both_sources_cited(documents, outcomes, lang, layout):
    text = loaded(documents, "coastal-report").texts[lang]
    for flat in texts(outcomes, "coastal-report", lang, layout):
        # Sections numbered within their chapter, on every layout (the sheet keeps their titles at least).
        assert squeeze(f"2.1 {text.parts['europe'].title}") in squeeze(flat)
        assert squeeze(f"1.3 {text.parts['fuels'].title}") in squeeze(flat)
        for amount in AMOUNTS[lang]:
            assert amount in flat, amount
        # Both sources are cited, each by its title in the source's own language.
        original = loaded(documents, "coastal-report").texts["en"]
        for source in ("report", "launch"):
            assert squeeze(original.sources[source].title) in squeeze(flat), source
        for words in ENGLISH_ONLY if lang != "en" else ():
            assert words not in flat, f"{words!r} left in English on the {lang} {layout}"


@pytest.mark.parametrize("layout", ["brief", "handout"])
@pytest.mark.parametrize(("lang", "date"), [("en", "March 18, 2025"), ("es", "18 de marzo de 2025")])
def test_the_report_says_what_comes_from_the_launch(documents, outcomes, lang, layout, date):
    """The source note cites the press conference with its date and lists what the briefing takes from it."""
    briefing = loaded(documents, "coastal-report")
    launch_title = squeeze(briefing.texts["en"].sources["launch"].title)
    label = squeeze(briefing.texts[lang].figures["blue-berth-fund"].label)
    for flat in texts(outcomes, "coastal-report", lang, layout):
        note = squeeze(flat)[squeeze(flat).rindex(launch_title) :]
        assert squeeze(date) in note
        assert label in note
        assert "Ingrid Halvorsen" in flat  # the quotation's speaker


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", SPEECH_LANGS)
def test_the_speech_reads_with_its_speaker_and_numbered_pledges(documents, outcomes, lang, layout):
    text = loaded(documents, "harbour-speech").texts[lang]
    for flat in texts(outcomes, "harbour-speech", lang, layout):
        assert "Rafaela Duarte Lemos" in flat
        assert squeeze(text.source.author_role or "") in squeeze(flat)
        for number, part in (("2.1", "clean-quays"), ("2.2", "working-waterfront"), ("2.3", "open-edge")):
            assert squeeze(f"{number} {text.parts[part].title}") in squeeze(flat)
        for words in ENGLISH_ONLY if lang != "en" else ():
            assert words not in flat, f"{words!r} left in English on the {lang} {layout}"


# --- check --source --------------------------------------------------------------------------


def test_check_finds_every_figure_and_quotation_of_the_report_in_its_own_source(documents):
    report, launch = SOURCES / "coastal-report" / "report.txt", SOURCES / "coastal-report" / "launch.txt"
    result = run(documents, "check", "coastal-report", "--source", f"report={report}", "--source", f"launch={launch}")
    assert result.exit_code == 0, result.output
    assert "source report (en): checked" in result.output
    assert f"against {report}: all found" in result.output
    assert f"against {launch}: all found" in result.output


def test_check_finds_every_date_and_quotation_of_the_speech_in_its_source(documents):
    speech = SOURCES / "harbour-speech" / "speech.txt"
    result = run(documents, "check", "harbour-speech", "--source", str(speech))
    assert result.exit_code == 0, result.output
    assert f"quotations in 2 languages against {speech}: all found" in result.output


def test_what_the_launch_announced_is_looked_for_in_the_launch_only(tmp_path):
    """Given the report for both sources, the amounts announced at the launch are not found, and the line says where."""
    shutil.copytree(DOCUMENTS / "content", tmp_path / "content")
    report = SOURCES / "coastal-report" / "report.txt"
    result = run(tmp_path, "check", "coastal-report", "--source", f"report={report}", "--source", f"launch={report}")
    assert result.exit_code == 1, result.output
    missing = [line for line in result.output.splitlines() if "not found in" in line]
    assert any("250000000 EUR" in line and str(report) in line for line in missing), result.output
    assert any("1200000000 CNY" in line for line in missing), result.output
    # A quotation changed in the briefing is no longer the source's.
    edit(tmp_path / "content" / "coastal-report" / "text" / "en.yaml", "buys more clean air", "buys cleaner air")
    launch = SOURCES / "coastal-report" / "launch.txt"
    result = run(tmp_path, "check", "coastal-report", "--source", f"report={report}", "--source", f"launch={launch}")
    assert result.exit_code == 1, result.output
    assert "every-euro" in result.output
