"""Translations that stay true: stale fields, and the round trip through a translator's PO file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po, write_po
from helpers import SAMPLE, edit, run

from briefpress.content.load import load_briefing
from briefpress.project import Project

TRANSLATIONS = ("es", "pt-BR", "zh-Hans")
EDITED = {("parts", "partnership", "summary"), ("parts", "partnership", "points", 0), ("glossary", "bri", "definition")}


def edit_english(briefing_dir: Path) -> None:
    """Change the English of a summary, a point and a glossary definition."""
    en = briefing_dir / "text" / "en.yaml"
    edit(en, "he repeated this at the third meeting", "he said it again at the third meeting")
    edit(en, '"Equal: steady ties', '"Equal partners: steady ties')
    edit(en, "definition: Belt and Road Initiative", "definition: The Belt and Road Initiative")


def stale(briefing_dir: Path) -> dict[str, set[tuple]]:
    briefing = load_briefing(briefing_dir)
    return {lang: set(briefing.stale.get(lang, ())) for lang in TRANSLATIONS}


def export(project_dir: Path, lang: str = "es") -> Path:
    path = project_dir / f"{lang}.po"
    result = run(project_dir, "translate", "export", "--lang", lang, "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def translate(po: Path, units: dict[str, str], reviewed: bool = True) -> dict[str, polib.POEntry]:
    """Give units of an exported PO file their translations, as a translator does; return those units.

    ``reviewed`` takes off each unit's fuzzy mark, which each must have: the translator checked it.
    """
    catalog = polib.pofile(str(po))
    found = {}
    for context, text in units.items():
        entry = catalog.find(context, by="msgctxt")
        assert entry is not None, context
        entry.msgstr = text
        if reviewed:
            entry.flags.remove("fuzzy")
        found[context] = entry
    catalog.save(str(po))
    return found


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# --- stale detection ---------------------------------------------------------------------------


def test_the_sample_records_every_translation_as_current():
    briefing = load_briefing(SAMPLE)
    assert briefing.untracked == frozenset()
    assert all(not briefing.stale[lang] for lang in TRANSLATIONS)


def test_an_edit_of_the_english_flags_exactly_the_fields_it_touched_in_every_language(briefing_dir):
    assert stale(briefing_dir) == {lang: set() for lang in TRANSLATIONS}
    edit_english(briefing_dir)
    assert stale(briefing_dir) == {lang: EDITED for lang in TRANSLATIONS}


def test_rewrapping_the_english_is_not_a_change(briefing_dir):
    en = briefing_dir / "text" / "en.yaml"
    edit(en, "      relationship. In September 2021 he told", "      relationship.\n      In September 2021   he told")
    assert stale(briefing_dir) == {lang: set() for lang in TRANSLATIONS}


def test_check_reports_stale_fields_and_strict_fails_on_them(project_dir, briefing_dir):
    edit_english(briefing_dir)
    result = run(project_dir, "check")
    assert result.exit_code == 0, result.output
    assert "china-lac-2021 es: content 100% (86/86 fields, 3 stale), labels 100% (81/81)" in result.output
    expected = "china-lac-2021 es: stale field parts.partnership.summary: the English changed since it was translated"
    assert f"warning: {expected}" in result.output
    assert "9 stale translations marked on the page until reviewed" in result.output

    strict = run(project_dir, "check", "--strict")
    assert strict.exit_code == 1
    errors = [line for line in strict.output.splitlines() if "stale field" in line]
    assert len(errors) == 9
    assert f"error: {expected}" in errors
    assert "error: china-lac-2021 zh-Hans: stale field glossary.bri.definition: the English changed" in strict.output


def test_a_translation_added_by_hand_without_a_record_is_stale(project_dir, briefing_dir):
    digests = briefing_dir / "text" / "es.digests"
    lines = digests.read_text(encoding="utf-8").splitlines(keepends=True)
    digests.write_text("".join(line for line in lines if not line.startswith("overview: ")), encoding="utf-8")
    assert stale(briefing_dir)["es"] == {("overview",)}
    result = run(project_dir, "check")
    assert "es: stale field overview: translated without a record of the English it follows" in result.output


def test_a_language_without_digests_is_untracked_and_says_how_to_start(project_dir, briefing_dir):
    (briefing_dir / "text" / "pt-BR.digests").unlink()
    edit_english(briefing_dir)
    assert stale(briefing_dir)["pt-BR"] == set()
    result = run(project_dir, "check")
    assert result.exit_code == 0, result.output
    assert (
        "note: china-lac-2021 pt-BR: what its translations were made from is not recorded, so a change to the "
        "English cannot show as stale; to start: briefpress translate mark china-lac-2021 --lang pt-BR"
    ) in result.output
    assert "pt-BR: stale field" not in result.output


def test_a_broken_digests_file_is_one_line_at_its_line(project_dir, briefing_dir):
    digests = briefing_dir / "text" / "es.digests"
    digests.write_text(digests.read_text(encoding="utf-8") + "overview: not-a-digest\n", encoding="utf-8")
    result = run(project_dir, "check")
    assert result.exit_code == 1
    line = len(digests.read_text(encoding="utf-8").splitlines())
    assert f"content/china-lac-2021/text/es.digests:{line}: not a line 'field: digest'" in result.output
    assert "Traceback" not in result.output


def test_the_page_marks_stale_text_and_says_what_the_mark_means(project_dir, briefing_dir):
    edit_english(briefing_dir)
    result = run(project_dir, "build", "--lang", "es", "--layout", "brief", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 0, result.output
    html = (project_dir / "dist" / "china-lac-2021" / "es" / "brief-formal-a4.html").read_text(encoding="utf-8")
    marked = html.count('<span class="stale">')
    # The part's summary and its first point, and the glossary's definition (the brief shows all three).
    assert marked == 3, marked
    assert '<span class="stale">Igualdad: relaciones con la ' in html
    note = "El texto con subrayado punteado se tradujo a partir de una versión anterior del texto en inglés"
    assert note in html
    clean = project_dir / "clean"
    shutil.copytree(SAMPLE, clean / "content" / SAMPLE.name)
    run(clean, "build", "--lang", "es", "--layout", "brief", "--style", "formal", "--paper", "a4")
    untouched = (clean / "dist" / "china-lac-2021" / "es" / "brief-formal-a4.html").read_text(encoding="utf-8")
    assert 'class="stale' not in untouched
    assert note not in untouched


def test_mark_makes_a_reviewed_field_current_and_only_it(project_dir, briefing_dir):
    edit_english(briefing_dir)
    result = run(project_dir, "translate", "mark", "--lang", "es", "--field", "parts.partnership.summary")
    assert result.exit_code == 0, result.output
    assert "china-lac-2021 es: 1 field marked current in" in result.output
    assert stale(briefing_dir)["es"] == EDITED - {("parts", "partnership", "summary")}
    assert stale(briefing_dir)["pt-BR"] == EDITED
    run(project_dir, "translate", "mark", "--lang", "es")
    assert stale(briefing_dir)["es"] == set()


def test_mark_refuses_what_is_not_a_field_or_not_a_translation(project_dir):
    unknown = run(project_dir, "translate", "mark", "--lang", "es", "--field", "parts.partnership.sumary")
    assert unknown.exit_code == 2
    assert "error: invalid value for --field: 'parts.partnership.sumary' is not a field of en.yaml" in unknown.output
    base = run(project_dir, "translate", "mark", "--lang", "en")
    assert base.exit_code == 2
    assert "'en' is the base language of china-lac-2021" in base.output


# --- the round trip ----------------------------------------------------------------------------


def test_export_then_import_changes_nothing_byte_for_byte(project_dir, briefing_dir):
    before = snapshot(briefing_dir)
    po = export(project_dir)
    first = po.read_bytes()
    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 0, result.output
    assert "china-lac-2021 es: nothing changed" in result.output
    assert snapshot(briefing_dir) == before
    assert export(project_dir).read_bytes() == first


def test_a_po_file_holds_each_field_with_its_context_state_and_figures(project_dir, briefing_dir):
    edit_english(briefing_dir)
    catalog = polib.pofile(str(export(project_dir)))
    assert catalog.metadata["Language"] == "es"
    assert catalog.metadata["X-Briefpress-Briefing"] == "china-lac-2021"
    units = {entry.msgctxt: entry for entry in catalog}
    assert len(units) == 86
    assert {context for context, entry in units.items() if entry.fuzzy} == {
        "parts.partnership.summary", "parts.partnership.points[0]", "glossary.bri.definition"
    }
    summary = units["parts.partnership.summary"]
    assert "he said it again at the third meeting" in summary.msgid
    assert summary.msgstr.startswith("En su visita de diciembre de 2018")
    assert "Needs review: the English text changed since this was translated." in summary.comment
    assert "Figures: December 2018, September 2021" in summary.comment
    assert summary.occurrences == [("text/en.yaml", str(_line(briefing_dir, "During his December 2018 visit")))]


def _line(briefing_dir: Path, needle: str) -> int:
    lines = (briefing_dir / "text" / "en.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line) - 1  # the key's line, above the block


def test_a_po_file_edited_with_a_standard_library_imports_cleanly(project_dir, briefing_dir):
    """Babel's own PO reader and writer stand in for Poedit: the translator revises one unit and clears its flag."""
    edit_english(briefing_dir)
    es = briefing_dir / "text" / "es.yaml"
    before = es.read_text(encoding="utf-8").splitlines()
    po = export(project_dir)
    with po.open("rb") as handle:
        catalog = read_po(handle)
    point = next(message for message in catalog if message.context == "parts.partnership.points[0]")
    point.string = point.string.replace("Igualdad:", "Igualdad entre socios:")
    point.flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=76)

    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 0, result.output
    assert "china-lac-2021 es: 84 units current, 2 still to review (marked on the page)" in result.output
    after = es.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [(
        '      - "Igualdad: relaciones con la República Dominicana y El Salvador desde su establecimiento en 2018;'
        ' reanudadas con Nicaragua."',
        '      - "Igualdad entre socios: relaciones con la República Dominicana y El Salvador desde su '
        'establecimiento en 2018; reanudadas con Nicaragua."',
    )]
    assert after[0].startswith("# yaml-language-server:")  # comments kept
    assert stale(briefing_dir) == {
        "es": EDITED - {("parts", "partnership", "points", 0)}, "pt-BR": EDITED, "zh-Hans": EDITED
    }


def test_a_new_translation_of_a_stale_summary_keeps_its_folded_block(project_dir, briefing_dir):
    edit_english(briefing_dir)
    po = export(project_dir)
    spanish = "Durante su visita de diciembre de 2018, Xi Jinping propuso " + "una relación renovada " * 6 + "."
    summary = translate(po, {"parts.partnership.summary": spanish})["parts.partnership.summary"]
    assert run(project_dir, "translate", "import", str(po)).exit_code == 0
    text = (briefing_dir / "text" / "es.yaml").read_text(encoding="utf-8")
    block = text[text.index("    summary: >-\n      Durante") :].split("    points:")[0]
    lines = block.splitlines()[1:]
    assert len(lines) >= 2, lines
    assert all(len(line) <= 6 + 72 for line in lines), lines
    assert load_briefing(briefing_dir).texts["es"].parts["partnership"].summary == summary.msgstr


def test_a_fuzzy_unit_is_written_and_stays_marked(project_dir, briefing_dir):
    edit_english(briefing_dir)
    po = export(project_dir)
    point = translate(po, {"parts.partnership.points[0]": "Igualdad: borrador pendiente."}, reviewed=False)
    assert point["parts.partnership.points[0]"].fuzzy
    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 0, result.output
    briefing = load_briefing(briefing_dir)
    assert briefing.texts["es"].parts["partnership"].points[0] == "Igualdad: borrador pendiente."
    assert ("parts", "partnership", "points", 0) in briefing.stale["es"]


def test_a_broken_placeholder_is_refused_with_its_unit_named_and_nothing_written(project_dir, briefing_dir):
    en = briefing_dir / "text" / "en.yaml"
    edit(en, "the Global Development\n  Initiative.", "the [Global Development\n  Initiative](https://example.org/gdi).")
    before = snapshot(briefing_dir)
    po = export(project_dir)
    catalog = polib.pofile(str(po))
    overview = catalog.find("overview", by="msgctxt")
    assert overview is not None
    assert "Keep unchanged: (https://example.org/gdi)" in overview.comment
    wrong = "[Iniciativa](https://example.org/igd)"
    overview.msgstr = overview.msgstr.replace("Iniciativa para el Desarrollo Global", wrong)
    overview.flags.remove("fuzzy")
    catalog.save(str(po))
    po_lines = po.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(po_lines, 1) if text == 'msgctxt "overview"')

    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 1
    errors = [text for text in result.output.splitlines() if text.startswith("error: ")]
    assert errors[0].startswith(f"error: {po}:")
    assert ": overview: the translation lost (https://example.org/gdi)" in errors[0]
    reported = int(errors[0].removeprefix(f"error: {po}:").split(":")[0])
    assert line - 4 <= reported <= line + 1, (reported, line)
    assert "Traceback" not in result.output
    assert snapshot(briefing_dir) == before


def test_markup_left_open_is_refused(project_dir, briefing_dir):
    edit_english(briefing_dir)
    po = export(project_dir)
    translate(po, {"parts.partnership.points[0]": "*Igualdad: relaciones estables."})
    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 1
    assert "parts.partnership.points[0]: a * prints as itself" in result.output


def test_a_unit_of_another_version_and_a_gap_in_a_list_are_refused(project_dir, briefing_dir):
    po = export(project_dir, "fr")
    catalog = polib.pofile(str(po))
    catalog.find("parts.partnership.points[2]", by="msgctxt").msgstr = "Innovation : vaccins, satellites, 5G."
    catalog.append(polib.POEntry(msgctxt="parts.gone.title", msgid="Gone", msgstr="Parti"))
    catalog.save(str(po))
    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 1
    assert "parts.gone.title: no field 'parts.gone.title' in en.yaml" in result.output
    assert (
        "parts.partnership.points[0]: untranslated while parts.partnership.points[2] is translated" in result.output
    )
    assert not (briefing_dir / "text" / "fr.yaml").exists()


def test_a_new_language_starts_with_export_and_falls_back_for_the_rest(project_dir, briefing_dir):
    po = export(project_dir, "fr")
    assert all(not entry.msgstr for entry in polib.pofile(str(po)))
    french = {
        "title": "Les relations Chine-ALC après la réunion ministérielle de 2021",
        "parts.partnership.points[0]": "Égalité : des liens stables depuis 2018.",
    }
    translate(po, french, reviewed=False)
    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 0, result.output
    assert "content/china-lac-2021/briefing.yaml\n" in result.output
    assert "languages: [en, es, pt-BR, zh-Hans, fr]" in (briefing_dir / "briefing.yaml").read_text(encoding="utf-8")
    briefing = load_briefing(briefing_dir, Project.at(project_dir).available())
    points = briefing.texts["fr"].parts["partnership"].points
    assert points[0] == "Égalité : des liens stables depuis 2018."
    assert points[1] == briefing.texts["en"].parts["partnership"].points[1]  # the rest in English, marked so
    assert briefing.is_fallback("fr", "parts", "partnership", "points", 1)
    assert not briefing.is_fallback("fr", "parts", "partnership", "points", 0)
    assert briefing.stale["fr"] == frozenset()
    check = run(project_dir, "check")
    assert "china-lac-2021 fr: content 2% (2/86 fields), labels 0% (0/81, no catalog found)" in check.output


def test_import_names_a_file_that_is_not_a_po_file_in_one_line(project_dir):
    bad = project_dir / "bad.po"
    bad.write_text("a translator's notes\n", encoding="utf-8")
    result = run(project_dir, "translate", "import", str(bad))
    assert result.exit_code == 1
    reason = f"syntax error in po file {bad} (line 1)"
    assert result.output == f"error: {bad}: not a PO file ({reason}); nothing was written\n"
    other = project_dir / "other.po"
    other.write_text('msgid "Hello"\nmsgstr "Hola"\n', encoding="utf-8")
    result = run(project_dir, "translate", "import", str(other))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {other}: not a file of briefpress translate export (it names no briefing")
    missing = run(project_dir, "translate", "import", str(project_dir / "none.po"))
    assert missing.exit_code == 1
    assert "none.po: no such file; nothing was written" in missing.output


# --- status ------------------------------------------------------------------------------------


def test_status_counts_translated_stale_and_missing_in_a_table_and_as_json(project_dir, briefing_dir):
    edit_english(briefing_dir)
    table = run(project_dir, "translate", "status")
    assert table.exit_code == 0, table.output
    rows = [line.split() for line in table.output.splitlines()]
    assert rows[0] == ["briefing", "language", "translated", "stale", "missing", "labels", "fuzzy", "labels"]
    assert ["china-lac-2021", "es", "86/86", "3", "0", "81/81", "0"] in rows
    assert ["china-lac-2021", "en", "(base)", "86/86", "-", "-", "-", "-"] in rows

    data = json.loads(run(project_dir, "translate", "status", "--json").output)
    es = next(row for row in data if row["language"] == "es")
    assert es["content"]["fields"] == 86
    assert es["content"]["translated"] == 86
    assert sorted(es["content"]["stale"]) == sorted(
        ["parts.partnership.summary", "parts.partnership.points[0]", "glossary.bri.definition"]
    )
    assert (es["labels"]["total"], es["labels"]["translated"], es["tracked"]) == (81, 81, True)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_briefing_started_with_new_records_its_translations(tmp_path, lang):
    other = "pt-BR" if lang == "en" else "en"
    result = run(tmp_path, "new", "talks", "--lang", f"{lang},{other}")
    assert result.exit_code == 0, result.output
    assert f"content/talks/text/{other}.digests\n" in result.output
    briefing = load_briefing(tmp_path / "content" / "talks")
    assert briefing.untracked == frozenset()
    assert briefing.stale[other] == frozenset()


def test_a_unit_whose_english_changed_after_the_export_stays_marked(project_dir, briefing_dir):
    po = export(project_dir)
    edit_english(briefing_dir)  # the English moves on while the translator works
    catalog = polib.pofile(str(po))
    point = catalog.find("parts.partnership.points[0]", by="msgctxt")
    assert point is not None
    assert not point.fuzzy
    point.msgstr = point.msgstr.replace("Igualdad:", "Igualdad entre socios:")
    catalog.save(str(po))
    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 0, result.output
    assert (
        "parts.partnership.points[0]: the English text changed since this file was exported, so the translation "
        "stays marked for review" in result.output
    )
    assert ("parts", "partnership", "points", 0) in load_briefing(briefing_dir).stale["es"]


@pytest.mark.parametrize(
    ("header", "value", "says"),
    [
        ("Language", "../../../escaped", "the Language header '../../../escaped' is not a language tag"),
        ("X-Briefpress-Briefing", "../outside", "names the briefing '../outside' (X-Briefpress-Briefing), which this"),
    ],
)
def test_a_header_never_reaches_a_path_outside_the_briefing(project_dir, briefing_dir, header, value, says):
    po = export(project_dir)
    catalog = polib.pofile(str(po))
    catalog.metadata[header] = value
    catalog.save(str(po))
    before = snapshot(project_dir)
    result = run(project_dir, "translate", "import", str(po))
    assert result.exit_code == 1
    assert says in result.output
    assert snapshot(project_dir) == before
