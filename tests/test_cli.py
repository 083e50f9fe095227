"""The command line, through click's CliRunner and as a user runs it."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from helpers import briefpress, child_env, edit, line_of, python, run

from briefpress.cli.commands import cli


def test_list(project_dir):
    result = run(project_dir, "list")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "briefing china-lac-2021: languages en, es, pt-BR, zh-Hans",
        "layouts: brief, handout, sheet",
        "styles: economy, formal, large-print, modern",
        "papers: a4, letter",
    ]


def test_check_clean(project_dir):
    result = run(project_dir, "check")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "china-lac-2021 en: content 100% (86/86 fields)",
        "china-lac-2021 es: content 100% (86/86 fields), labels 100% (81/81)",
        "china-lac-2021 pt-BR: content 100% (86/86 fields), labels 100% (81/81)",
        "china-lac-2021 zh-Hans: content 100% (86/86 fields), labels 100% (81/81)",
        "ok: 1 briefing, 72 targets, no problems found",
    ]


def test_check_reports_every_problem_and_exits_1(monkeypatch, project_dir, briefing_dir):
    monkeypatch.chdir(project_dir)  # paths are shown relative to the working folder
    text = briefing_dir / "text" / "en.yaml"
    edit(text, "short_title:", "short_titel:")
    edit(text, "  lac:\n", "  lac:\n    term: LAC\n    definition: the region\n  lac:\n")
    result = run(project_dir, "check")
    assert result.exit_code == 1
    rel = text.relative_to(project_dir)
    first, second = [i for i, line in enumerate(text.read_text().splitlines(), 1) if line == "  lac:"]
    assert result.output.splitlines() == [
        f"error: {rel}:2: short_title: this field is required",
        f"error: {rel}:{line_of(text, 'short_titel')}: short_titel: unknown field (a typo?)",
        f"error: {rel}:{second}: glossary.lac: duplicate key (first defined on line {first})",
        "3 problems found; nothing was built.",
    ]


def test_build_writes_target_paths(project_dir):
    result = run(project_dir, "build", "--lang", "es", "--layout", "sheet", "--style", "modern", "--paper", "letter")
    assert result.exit_code == 0, result.output
    pdf = project_dir / "dist" / "china-lac-2021" / "es" / "sheet-modern-letter.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.with_suffix(".html").is_file()
    assert "1 target: 1 built, 0 unchanged, 0 failed; in " in result.output
    assert sorted(p.name for p in pdf.parent.iterdir()) == [
        "sheet-modern-letter.html",
        "sheet-modern-letter.pdf",
    ]


def test_options_repeat_or_take_commas(project_dir, tmp_path):
    out = tmp_path / "out"
    result = run(
        project_dir,
        "build",
        "china-lac-2021",
        "--layout",
        "sheet",
        "--style",
        "formal,modern",
        "--paper",
        "a4",
        "--paper",
        "letter",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("china-lac-2021/en/sheet-*.pdf"))) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--style", "fancy"], "unknown style fancy (available: economy, formal, large-print, modern)"),
        (["build", "--layout", "poster,sheet"], "unknown layout poster (available: brief, handout, sheet)"),
        (["build", "--paper", "a3"], "unknown paper a3 (available: a4, letter)"),
        (["build", "--lang", "fr"], "unknown language fr (available: en, es, pt-BR, zh-Hans)"),
        (["build", "nope"], "unknown briefing nope (available: china-lac-2021)"),
        (["check", "nope"], "unknown briefing nope (available: china-lac-2021)"),
        (["frobnicate"], "no such command 'frobnicate'"),
    ],
)
def test_unknown_names_are_usage_errors(project_dir, args, message):
    result = run(project_dir, *args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith(f"error: {message}")
    assert not (project_dir / "dist").exists()


def test_bad_content_builds_nothing(project_dir, briefing_dir):
    edit(briefing_dir / "briefing.yaml", "value: 42.3", "value: forty")
    result = run(project_dir, "build", "--layout", "sheet")
    assert result.exit_code == 1
    assert "figures[2].value: 'forty' is not a number: write a plain number" in result.output
    assert not (project_dir / "dist").exists()


def test_no_briefings(tmp_path):
    result = run(tmp_path, "check")
    assert result.exit_code == 1
    assert result.output == f"error: no briefings found: {tmp_path.resolve()}/content/*/briefing.yaml\n"


def test_missing_font_is_named_before_rendering(project_dir):
    themes = project_dir / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "house.css").write_text(':root { --font-body: "Frutiger Nonexistent", sans-serif; }\n')
    result = run(project_dir, "build", "--style", "house", "--layout", "sheet", "--paper", "a4")
    assert result.exit_code == 1
    assert f"error: {themes / 'house.css'}: font 'Frutiger Nonexistent' is not installed" in result.output
    assert "apt-get install fonts-noto-core" in result.output
    assert not (project_dir / "dist").exists()


def test_a_commented_out_font_is_not_asked_for(project_dir):
    """An override made by ``eject --extend`` keeps the built-in properties in a comment, to uncomment."""
    themes = project_dir / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "formal.css").write_text(
        '/* extends: !base */\n:root {\n  /* --font-body: "Frutiger LT", sans-serif; */\n}\n'
        '/* :root { --font-heading: "Frutiger LT Condensed"; } */\n'
    )
    result = run(project_dir, "check")
    assert result.exit_code == 0, result.output
    assert "not installed" not in result.output


def test_missing_harfbuzz_subset_is_explained(monkeypatch, project_dir):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    result = run(project_dir, "build", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 1
    assert "apt-get install libharfbuzz-subset0" in result.output
    assert "Traceback" not in result.output


def test_failed_target_keeps_previous_pdf_and_others_build(monkeypatch, project_dir):
    assert run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--paper", "a4").exit_code == 0
    out = project_dir / "dist" / "china-lac-2021" / "en"
    good = (out / "sheet-formal-a4.pdf").read_bytes()
    modern = out / "sheet-modern-a4.pdf"
    modern.unlink()

    from briefpress.builds import produce
    from briefpress.errors import RenderError

    real = produce.Producer._produce

    def broken(self, briefing, target, strict):
        if target.style == "formal":
            raise RenderError("simulated failure")
        return real(self, briefing, target, strict)

    monkeypatch.setattr(produce.Producer, "_produce", broken)
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--paper", "a4", "--force")
    assert result.exit_code == 1
    assert "error: china-lac-2021/en/sheet-formal-a4: simulated failure" in result.output
    assert "3 targets: 2 built, 0 unchanged, 1 failed" in result.output
    assert (out / "sheet-formal-a4.pdf").read_bytes() == good
    assert modern.read_bytes().startswith(b"%PDF-")
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_template_error_fails_that_target_with_its_line(project_dir):
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.html.j2").write_text(
        "{% extends 'base.html.j2' %}\n{% block body %}{{ doc.nope }}{% endblock %}\n"
    )
    result = run(project_dir, "build", "--layout", "sheet,brief", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 1
    assert "error: china-lac-2021/en/sheet-formal-a4: template: " in result.output
    assert "'nope'" in result.output
    assert (project_dir / "dist" / "china-lac-2021" / "en" / "brief-formal-a4.pdf").is_file()


def test_check_reports_template_syntax_with_line(project_dir):
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.html.j2").write_text("<p>\n{% if %}\n")
    result = run(project_dir, "check")
    assert result.exit_code == 1
    assert f"error: {layouts / 'sheet.html.j2'}:2: template syntax: " in result.output


def test_build_py_from_a_clone_checks_without_importing_weasyprint():
    probe = (
        "import sys, runpy; sys.argv = ['build.py', 'check'];\n"
        "try:\n    runpy.run_path('build.py', run_name='__main__')\n"
        "except SystemExit as e:\n    code = e.code\n"
        "assert 'weasyprint' not in sys.modules, 'check imported weasyprint'\n"
        "sys.exit(code)\n"
    )
    result = python("-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "ok: 1 briefing, 72 targets, no problems found"


def test_errors_show_no_traceback(project_dir, briefing_dir):
    spec = briefing_dir / "briefing.yaml"
    edit(spec, "languages: [en, es, pt-BR, zh-Hans]", "languages: [en, es, pt-BR, zh-Hans")
    result = briefpress("--project", str(project_dir), "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    opened = line_of(spec, "languages: [en")
    assert result.stderr.splitlines() == [
        f"error: {spec}:{opened + 1}: YAML syntax: expected ',' or ']', but got ':' "
        f"(while parsing a flow sequence that starts on line {opened})",
        "1 problem found; nothing was built.",
    ]


def test_line_progress_prints_one_line_per_finished_target():
    from briefpress.builds.session import Outcome
    from briefpress.cli.progress import LineProgress
    from briefpress.target import Target

    stream = io.StringIO()
    progress = LineProgress(stream)
    first, second = Target("b", "en", "sheet", "modern", "a4"), Target("b", "es", "sheet", "modern", "a4")
    unchanged = Target("b", "pt-BR", "sheet", "modern", "a4")
    progress.planned([first, second, unchanged], [unchanged])  # one of the three is unchanged: two to build
    progress.started(first)
    progress.started(second)
    assert stream.getvalue() == ""
    progress.finished(Outcome(second, "failed", "broken"))
    progress.finished(Outcome(first, "built"))
    lines = stream.getvalue().splitlines()
    assert [re.sub(r"\(\d+\.\d s\)$", "(t)", line) for line in lines] == [
        "[1/2] failed b/es/sheet-modern-a4 (t)",
        "[2/2] built b/en/sheet-modern-a4 (t)",
    ]


SHEET = ["--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"]


def test_outside_a_terminal_each_target_has_a_line_and_quiet_and_verbose_change_that(project_dir):
    built = run(project_dir, "build", *SHEET)
    assert built.exit_code == 0, built.output
    assert re.search(r"(?m)^\[1/1\] built china-lac-2021/en/sheet-modern-a4 \(\d+\.\d s\)$", built.output)
    quiet = run(project_dir, "-q", "build", *SHEET, "--force")
    assert quiet.exit_code == 0, quiet.output
    assert [line.split(";")[0] for line in quiet.output.splitlines()] == ["1 target: 1 built, 0 unchanged, 0 failed"]
    after = run(project_dir, "build", *SHEET, "--force", "-q")
    assert after.exit_code == 0, after.output
    assert [line.split(";")[0] for line in after.output.splitlines()] == ["1 target: 1 built, 0 unchanged, 0 failed"]
    for verbose_args in (["--verbose", "build", *SHEET], ["build", "-v", *SHEET]):
        verbose = run(project_dir, *verbose_args)
        assert verbose.exit_code == 0, verbose.output
        assert verbose.output.splitlines()[0] == "unchanged china-lac-2021/en/sheet-modern-a4"
    for both_args in (["-q", "-v", "build"], ["-q", "build", "--verbose"], ["-q", "-v", "check"]):
        both = run(project_dir, *both_args)
        assert both.exit_code == 2
        assert both.output.splitlines()[-1] == "error: --quiet and --verbose contradict each other; give one"


def complete(project_dir, args: list[str], incomplete: str) -> list[str]:
    from click.shell_completion import ShellComplete

    shell = ShellComplete(cli, {}, "briefpress", "_BRIEFPRESS_COMPLETE")
    return [item.value for item in shell.get_completions(["-C", str(project_dir), *args], incomplete)]


def test_completion_offers_the_names_the_project_has(project_dir):
    themes = project_dir / "styles" / "themes"
    themes.mkdir(parents=True)
    (themes / "house.css").write_text(":root {}\n")
    (project_dir / "content" / "trade-talks").mkdir()
    (project_dir / "content" / "trade-talks" / "briefing.yaml").write_text("languages: [en, fr]\n")
    assert complete(project_dir, ["build"], "") == ["china-lac-2021", "trade-talks"]
    assert complete(project_dir, ["check", "china-lac-2021"], "") == ["trade-talks"]
    assert complete(project_dir, ["build", "--style"], "") == ["economy", "formal", "house", "large-print", "modern"]
    assert complete(project_dir, ["build", "--style"], "formal,mo") == ["formal,modern"]
    assert complete(project_dir, ["watch", "--layout"], "sheet,") == ["sheet,brief", "sheet,handout"]
    assert complete(project_dir, ["preview", "--paper"], "l") == ["letter"]
    assert complete(project_dir, ["build", "--lang"], "") == ["en", "es", "pt-BR", "zh-Hans", "fr"]
    assert complete(project_dir, ["build", "--lang"], "en+") == ["en+es", "en+pt-BR", "en+zh-Hans", "en+fr"]
    assert complete(project_dir, ["eject"], "themes/mo") == ["themes/modern.css"]


def test_completion_reaches_the_shell_from_a_subfolder(project_dir):
    env = child_env(
        _BRIEFPRESS_COMPLETE="bash_complete",
        COMP_WORDS="briefpress build --style formal,ec",
        COMP_CWORD="3",
    )
    cwd = project_dir / "content" / "china-lac-2021" / "text"
    result = subprocess.run(
        [sys.executable, "-m", "briefpress"], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["plain,formal,economy"]
