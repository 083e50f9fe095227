"""`new`: a briefing started from the shipped example, which checks and builds as it is."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefpress.cli import cli
from briefpress.load import load_briefing
from briefpress.project import Project
from briefpress.scaffold import EXAMPLE, example_files

ONE_SHEET = ["--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"]


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(root), *args])


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_example_ships_both_files():
    assert example_files() == [Path("briefing.yaml"), Path("text/en.yaml")]


@pytest.mark.pdf
def test_new_briefing_checks_and_builds_as_it_is(tmp_path):
    result = run(tmp_path, "new", "demo")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "content" / "demo"
    assert result.output.splitlines()[:2] == [
        f"wrote {folder / 'briefing.yaml'}",
        f"wrote {folder / 'text' / 'en.yaml'}",
    ]
    check = run(tmp_path, "check", "demo")
    assert check.exit_code == 0, check.output
    assert check.output.splitlines()[-1] == "ok: 1 briefing, 2 targets, no problems found"

    build = run(tmp_path, "build", "demo", *ONE_SHEET)
    assert build.exit_code == 0, build.output
    pdf = tmp_path / "dist" / "demo" / "en" / "sheet-modern-a4.pdf"
    text = pdf_text(pdf)
    assert len(PdfReader(pdf).pages) == 1
    assert "Title of the briefing: what the article argues, in a few words" in text
    assert "Title of the article being summarised" in text
    assert "A short quotation from the article, word for word." not in text  # the sheet has no quotations
    assert "about 1.25 million" in text


def test_example_has_one_of_each_piece(tmp_path):
    run(tmp_path, "new", "demo")
    project = Project.at(tmp_path)
    available = project.available()
    briefing = load_briefing(tmp_path / "content" / "demo", available)
    spec = briefing.spec
    assert (len(spec.parts), len(spec.figures), len(spec.quotes), len(spec.timeline)) == (1, 1, 1, 1)
    assert briefing.texts["en"].source.title == "Title of the article being summarised"


def test_new_files_point_editors_to_the_schema(tmp_path):
    run(tmp_path, "new", "demo")
    for relative, schema in (("briefing.yaml", "briefing"), ("text/en.yaml", "text")):
        first = (tmp_path / "content" / "demo" / relative).read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema=file://"
        assert first.startswith(prefix)
        path = Path(unquote(first.removeprefix(prefix)))
        assert path.name == f"{schema}.schema.json"
        assert path.is_file()
        # The rest of the file is the example, byte for byte.
        written = (tmp_path / "content" / "demo" / relative).read_text(encoding="utf-8")
        shipped = (EXAMPLE / relative).read_text(encoding="utf-8")
        assert written.partition("\n")[2] == shipped.partition("\n")[2]


@pytest.mark.parametrize("name", ["Demo", "my_brief", "_demo", "demo-", "a--b", "../demo", "démo", "a b"])
def test_new_refuses_a_name_that_is_not_a_slug(tmp_path, name):
    result = run(tmp_path, "new", name)
    assert result.exit_code == 2
    assert f"error: invalid value for BRIEFING: {name!r} is not a lowercase slug" in result.output
    assert not (tmp_path / "content").exists()


def test_new_never_overwrites(tmp_path):
    folder = tmp_path / "content" / "demo"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine")
    result = run(tmp_path, "new", "demo")
    assert result.exit_code == 1
    assert result.output == f"error: {folder} already exists; nothing was written\n"
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]
