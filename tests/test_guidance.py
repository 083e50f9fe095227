"""Stage 2, guidance: lengths a layout is drawn for are warnings of check, not errors of the schema."""

from __future__ import annotations

from helpers import edit, line_of, run

from briefpress.checks.guidance import guidance
from briefpress.content.load import load_briefing


def warnings_of(briefing_dir, available) -> list[str]:
    return [str(problem) for problem in guidance(load_briefing(briefing_dir, available))]


def test_the_sample_is_within_every_range(briefing_dir, available):
    assert warnings_of(briefing_dir, available) == []


def test_a_one_sentence_summary_is_a_warning_at_its_line(briefing_dir, available):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, "The Third Ministers’ Meeting of the CCF took place by video link. ", "")
    edit(text, "two outcome documents. The author calls", "two outcome documents; the author calls")
    edit(text, "Casaubón co-chaired. Participants", "Casaubón co-chaired; participants")
    line = line_of(text, "  introduction:") + 2
    assert warnings_of(briefing_dir, available) == [
        f"{text}:{line}: parts.introduction.summary: a summary reads best in 2 to 4 sentences; this one has 1"
    ]


def test_two_points_or_ten_are_warnings_not_errors(briefing_dir, available):
    text = briefing_dir / "text" / "en.yaml"
    edit(
        text,
        '      - "Outcome documents: a Declaration and a Joint Action Plan for Cooperation '
        'in Key Areas (2022–2024)."\n',
        "",
    )
    points = line_of(text, "Theme: overcoming") - 1
    assert warnings_of(briefing_dir, available) == [
        f"{text}:{points}: parts.introduction.points: a part reads best with 3 to 8 key points; this one has 2"
    ]
    many = "".join(f'      - "Extra point {n}."\n' for n in range(8))
    edit(text, '      - "Theme: overcoming', many + '      - "Theme: overcoming')
    # The translations' shorter lists now fall back item by item; the English file's warning is the one here.
    (warning,) = [line for line in warnings_of(briefing_dir, available) if line.startswith(str(text))]
    assert warning.endswith("this one has 10 (give the others priority: 3 to leave them out where room is short)")


def test_a_translation_warns_only_for_what_it_writes_itself(briefing_dir, available):
    es = briefing_dir / "text" / "es.yaml"
    edit(es, "      La Tercera Reunión Ministerial del FCC se celebró por videoconferencia.\n", "")
    edit(es, "Casaubón. Los participantes se", "Casaubón; los participantes se")
    edit(es, "dos documentos finales. El autor la", "dos documentos finales; el autor la")
    found = warnings_of(briefing_dir, available)
    assert [line.split(": ", 2)[1] for line in found] == ["parts.introduction.summary"]
    assert found[0].startswith(f"{es}:")


def test_check_prints_guidance_as_warnings_and_still_passes(project_dir, briefing_dir):
    text = briefing_dir / "text" / "en.yaml"
    many = "".join(f'      - "Extra point {n}."\n' for n in range(8))
    edit(text, '      - "Theme: overcoming', many + '      - "Theme: overcoming')
    result = run(project_dir, "check")  # not --strict: the inserted points leave the translations stale
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ") and "en.yaml" in line]
    assert len(warnings) == 1
    assert "parts.introduction.points: a part reads best with 3 to 8 key points; this one has 11" in warnings[0]
    assert "ok: 1 briefing, 72 targets, no problems found" in result.output.splitlines()
