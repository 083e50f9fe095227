"""The Python API: briefpress.build() and briefpress.check(), typed results, the two kinds of error."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO, edit

import briefpress
from briefpress.builds.session import Outcome
from briefpress.cli.commands import cli
from briefpress.errors import BuildError, ContentError, Problem, UsageError
from briefpress.target import Target

SHEET = briefpress.Selection(langs=("en",), layouts=("sheet",), styles=("modern",), papers=("a4",))
SHEET_AND_FORMAL = (("en",), ("sheet",), ("formal", "modern"), ("a4",))


def _readme_example() -> tuple[str, str]:
    """Return the README's Python API example and the output it says it prints."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Python API\n", 1)[1].split("\n## ", 1)[0]
    code, printed = re.findall(r"```(?:python)?\n(.*?)```", section, re.S)
    return code, printed


def test_the_readme_example_runs_and_prints_what_it_says(project_dir):
    code, printed = _readme_example()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=project_dir, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == printed
    assert (project_dir / "dist" / "china-lac-2021" / "en" / "sheet-modern-a4.pdf").is_file()


def test_import_is_light_and_every_public_name_resolves():
    probe = (
        "import sys, briefpress\n"
        "heavy = [name for name in ('weasyprint', 'pydantic', 'jinja2', 'click') if name in sys.modules]\n"
        "assert not heavy, heavy\n"
        "missing = [name for name in briefpress.__all__ if getattr(briefpress, name, None) is None]\n"
        "assert not missing, missing\n"
        "import briefpress.builds.workers\n"
        "assert callable(briefpress.build)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_build_returns_typed_outcomes_unchanged_the_second_time(project_dir):
    first = briefpress.build(project_dir, SHEET)
    target = Target("china-lac-2021", "en", "sheet", "modern", "a4")
    assert [(outcome.target, outcome.status) for outcome in first.outcomes] == [(target, "built")]
    assert first.outcomes[0].pdf == target.pdf_path((project_dir / "dist").resolve())
    again = briefpress.build(project_dir, SHEET)
    assert again.outcomes == (Outcome(target, "unchanged"),)
    assert again.ok
    assert not again.built
    assert not again.failed
    # Another selection is another plan: its unchanged target is told apart from the one it builds.
    both = briefpress.build(project_dir, briefpress.Selection(("china-lac-2021",), *SHEET_AND_FORMAL))
    assert [outcome.status for outcome in both.outcomes] == ["built", "unchanged"]


def test_a_failing_target_is_an_outcome_with_its_reason_and_the_others_build(project_dir):
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.html.j2").write_text("{% extends 'base.html.j2' %}{% block body %}{{ doc.nope }}{% endblock %}")
    selection = briefpress.Selection(langs=("en",), layouts=("sheet", "brief"), styles=("modern",), papers=("a4",))
    report = briefpress.build(project_dir, selection)
    statuses = {outcome.target.layout: outcome.status for outcome in report.outcomes}
    assert statuses == {"sheet": "failed", "brief": "built"}
    (failed,) = report.failed
    assert failed.message.startswith("template: ")  # the reason alone: the target is a field of its own
    assert str(failed) == f"china-lac-2021/en/sheet-modern-a4: {failed.message}"


def test_an_unknown_layout_is_a_usage_error(project_dir):
    with pytest.raises(UsageError) as error:
        briefpress.build(project_dir, briefpress.Selection(layouts=("poster",)))
    assert error.value.exit_code == 2
    assert [str(problem) for problem in error.value.problems] == [
        "unknown layout poster (available: brief, handout, sheet)"
    ]
    assert not (project_dir / "dist").exists()


def test_invalid_content_is_a_build_error_of_problems_with_file_line_and_field(project_dir, briefing_dir):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, "short_title:", "colour: red\nshort_title:")
    with pytest.raises(ContentError) as error:
        briefpress.check(project_dir)
    assert isinstance(error.value, BuildError)
    assert error.value.exit_code == 1
    (problem,) = error.value.problems
    assert (problem.file, problem.field, problem.message) == (text, "colour", "unknown field (a typo?)")
    assert problem.line == next(i for i, line in enumerate(text.read_text().splitlines(), 1) if "colour" in line)
    assert error.value.after == ("1 problem found; nothing was built.",)


def test_the_cli_shows_a_usage_error_as_one_error_line_after_its_usage_and_exits_2(project_dir):
    result = CliRunner().invoke(cli, ["-C", str(project_dir), "build", "--layout", "poster"], prog_name="briefpress")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == ["error: unknown layout poster (available: brief, handout, sheet)"]
    assert result.output.startswith("Usage: briefpress build ")


def test_the_cli_shows_each_problem_of_a_build_error_after_error_and_exits_1(project_dir, briefing_dir):
    text = briefing_dir / "text" / "en.yaml"
    edit(text, "short_title:", "colour: red\nshort_title:")
    spec = briefing_dir / "briefing.yaml"
    edit(spec, "languages: [en, es, pt-BR, zh-Hans]", "languages: [en, es, pt-BR, zh-Hans, fr]")
    result = CliRunner().invoke(cli, ["-C", str(project_dir), "check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(": ")[0] for line in lines] == ["error", "error", "2 problems found; nothing was built."]
    assert lines[1].endswith("colour: unknown field (a typo?)")


def test_problems_and_lines_travel_as_values():
    raised = BuildError([Problem(Path("a.yaml"), 3, "title", "too long"), "a sentence"], ["2 problems"])
    assert raised.problems[1] == Problem(None, 0, "", "a sentence")
    assert raised.lines() == ["a.yaml:3: title: too long", "a sentence", "2 problems"]


def test_a_loaded_briefing_keeps_the_line_of_every_value(briefing):
    spec = briefing.spec_file()
    lines = spec.read_text(encoding="utf-8").splitlines()
    line = briefing.line_of(spec, "languages")
    assert lines[line - 1].startswith("languages:")
    en = briefing.text_file("en")
    assert en.read_text(encoding="utf-8").splitlines()[briefing.line_of(en, "short_title") - 1].lstrip().startswith(
        "short_title:"
    )
