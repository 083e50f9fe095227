"""`new`: a briefing started from the shipped example, which checks and builds as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import page_count, pdf_text, run

from briefpress.authoring.scaffold import EXAMPLE, example_files
from briefpress.content.load import load_briefing
from briefpress.project import BUILTIN_ROOT, Project

ONE_SHEET = ["--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"]


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
    assert page_count(pdf) == 1
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


SCHEMA_OF = {"briefing.yaml": "briefing.schema.json", "text/en.yaml": "text.schema.json"}


def schema_reference(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    return first.removeprefix(prefix)


def schema_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.endswith(".schema.json")]


def test_new_files_point_editors_to_a_copy_of_the_schema_in_the_project(tmp_path):
    assert not tmp_path.resolve().is_relative_to(BUILTIN_ROOT)  # a folder of one's own, not the clone
    run(tmp_path, "new", "demo")
    folder = tmp_path / "content" / "demo"
    for relative, name in SCHEMA_OF.items():
        path = folder / relative
        reference = schema_reference(path)
        assert ":" not in reference, reference  # no URI
        assert not reference.startswith("/"), reference  # relative
        assert reference == schema_reference(EXAMPLE / relative)  # the same path as in the clone
        schema = (path.parent / reference).resolve()
        assert schema == (tmp_path / "schema" / name).resolve()
        assert schema.is_file()
        assert schema.read_bytes() == (BUILTIN_ROOT / "schema" / name).read_bytes()
        # The rest of the file is the example, byte for byte.
        shipped = (EXAMPLE / relative).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8").partition("\n")[2] == shipped.partition("\n")[2]


def test_new_reports_the_schemas_it_copies_and_refreshes_only_those_that_differ(tmp_path):
    first = run(tmp_path, "new", "first")
    assert first.exit_code == 0, first.output
    schemas = [tmp_path.resolve() / "schema" / name for name in sorted(SCHEMA_OF.values())]
    assert schema_lines(first.output) == [f"wrote {path}" for path in schemas]

    stale = schemas[0]
    stale.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema"}\n', encoding="utf-8")
    second = run(tmp_path, "new", "second")
    assert second.exit_code == 0, second.output
    assert schema_lines(second.output) == [f"wrote {stale}"]
    assert stale.read_bytes() == (BUILTIN_ROOT / "schema" / stale.name).read_bytes()

    third = run(tmp_path, "new", "third")
    assert schema_lines(third.output) == []


def test_new_in_the_clone_points_to_its_committed_schemas(tmp_path):
    clone = tmp_path / "clone"
    (clone / "schema").mkdir(parents=True)
    for name in SCHEMA_OF.values():
        (clone / "schema" / name).write_bytes((BUILTIN_ROOT / "schema" / name).read_bytes())
    result = run(clone, "new", "demo")
    assert result.exit_code == 0, result.output
    assert schema_lines(result.output) == []  # already there and equal: nothing rewritten
    assert schema_reference(clone / "content" / "demo" / "briefing.yaml") == "../../schema/briefing.schema.json"


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


def test_new_writes_nothing_when_the_schemas_cannot_be_copied(tmp_path):
    (tmp_path / "schema").write_text("a file where the folder should be")
    result = run(tmp_path, "new", "demo")
    assert result.exit_code == 1
    assert result.output == (
        f"error: {tmp_path / 'schema'} is not a folder, so the JSON Schemas cannot go there; nothing was written\n"
    )
    assert not (tmp_path / "content").exists()


def test_example_is_written_in_every_language_briefpress_translates():
    assert example_files(["es", "pt-BR"]) == [Path("briefing.yaml"), Path("text/es.yaml"), Path("text/pt-BR.yaml")]
    shipped = sorted(path.name for path in (EXAMPLE / "text").glob("*.yaml"))
    assert shipped == ["en.yaml", "es.yaml", "pt-BR.yaml", "zh-Hans.yaml"]


@pytest.mark.pdf
@pytest.mark.parametrize(("langs", "base", "title"), [
    ("es,pt-BR", "es", "Título de la nota: lo que sostiene el artículo, en pocas palabras"),
    ("pt-BR,en,zh-Hans", "pt-BR", "Título do resumo: o que o artigo defende, em poucas palavras"),
])
def test_new_with_languages_writes_a_text_each_and_builds(tmp_path, langs, base, title):
    result = run(tmp_path, "new", "demo", "--lang", langs)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "content" / "demo"
    wanted = langs.split(",")
    assert result.output.splitlines()[: 1 + len(wanted)] == [
        f"wrote {folder / 'briefing.yaml'}", *(f"wrote {folder / 'text' / f'{lang}.yaml'}" for lang in wanted)
    ]
    briefing = load_briefing(folder, Project.at(tmp_path).available())
    assert (briefing.spec.languages, briefing.spec.base_language) == (wanted, base)
    assert briefing.fallbacks == {lang: frozenset() for lang in wanted}  # every language complete, none borrowed
    check = run(tmp_path, "check", "--strict", "demo")
    assert check.exit_code == 0, check.output
    build = run(tmp_path, "build", "demo", "--lang", base, "--layout", "sheet", "--style", "modern", "--paper", "a4")
    assert build.exit_code == 0, build.output
    assert title in pdf_text(tmp_path / "dist" / "demo" / base / "sheet-modern-a4.pdf")


@pytest.mark.parametrize(("langs", "message"), [
    ("fr", "there is no example text in 'fr': choose from en, es, pt-BR, zh-Hans"),
    ("es,es", "'es' is given twice"),
])
def test_new_refuses_a_language_it_has_no_example_for(tmp_path, langs, message):
    result = run(tmp_path, "new", "demo", "--lang", langs)
    assert result.exit_code == 2
    assert f"error: invalid value for --lang: {message}" in result.output
    assert not (tmp_path / "content").exists()
