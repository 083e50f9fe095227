"""The label template is current, every built-in catalog translates all of it, and gaps are reported."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from helpers import REPO, edit, run

from briefpress import project
from briefpress.checks.coverage import Completeness
from briefpress.render.catalogs import Coverage, coverage


def ids(path) -> set[tuple[str | None, str]]:
    with path.open("rb") as handle:
        return {(message.context, message.id) for message in read_po(handle) if message.id}


def test_template_matches_the_labels_in_the_code(tmp_path, monkeypatch):
    fresh = tmp_path / "messages.pot"
    monkeypatch.chdir(REPO)
    pybabel = CommandLineInterface()
    pybabel.run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", str(fresh), "--no-location", "."])
    assert ids(REPO / "locale" / "messages.pot") == ids(fresh), "stale locale/messages.pot: see README"


@pytest.mark.parametrize("lang", ["es", "pt-BR", "zh-Hans"])
def test_builtin_catalogs_are_complete(lang):
    labels = coverage([REPO / "locale"], lang, source_lang="en")
    assert (labels.missing, labels.fuzzy, labels.problems) == ((), (), ())
    assert labels.translated == labels.total == len(ids(REPO / "locale" / "messages.pot"))


def check(project_dir, *args: str):
    return run(project_dir, "check", *args)


def test_language_without_catalog_is_reported_and_fails_strict(project_dir, briefing_dir):
    edit(briefing_dir / "briefing.yaml", "languages: [en, es, pt-BR, zh-Hans]", "languages: [en, es, fr]")
    for lang in ("pt-BR", "zh-Hans"):
        (briefing_dir / "text" / f"{lang}.yaml").unlink()
    shutil.copy(briefing_dir / "text" / "es.yaml", briefing_dir / "text" / "fr.yaml")
    result = check(project_dir)
    assert result.exit_code == 0, result.output
    assert "china-lac-2021 fr: content 100% (86/86 fields), labels 0% (0/81, no catalog found)" in result.output
    assert "1 translation gap shown in the base language" in result.output
    assert "china-lac-2021 en: content 100% (86/86 fields)\n" in result.output

    strict = check(project_dir, "--strict")
    assert strict.exit_code == 1
    assert "china-lac-2021 fr: no label catalog translates the templates" in strict.output


@pytest.fixture
def no_builtin_catalogs(tmp_path, monkeypatch):
    """Make the built-ins those of an installation that lost its ``locale/`` folder."""
    root = tmp_path / "installed"
    root.mkdir()
    for name in ("templates", "styles", "schema"):
        (root / name).symlink_to(REPO / name)
    monkeypatch.setattr(project, "BUILTIN_ROOT", root)
    return root


def test_missing_label_template_is_an_incomplete_installation(project_dir, no_builtin_catalogs):
    result = check(project_dir)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        f"error: the label template {project.BUILTIN_ROOT / 'locale' / 'messages.pot'} is missing, so this"
        " briefpress installation is incomplete and translated briefings would print English labels: reinstall it"
    ]
    assert "100%" not in result.output


def test_english_needs_no_catalog(project_dir, briefing_dir, no_builtin_catalogs):
    edit(briefing_dir / "briefing.yaml", "languages: [en, es, pt-BR, zh-Hans]", "languages: [en]")
    for lang in ("es", "pt-BR", "zh-Hans"):
        (briefing_dir / "text" / f"{lang}.yaml").unlink()
    result = check(project_dir, "--strict")
    assert result.exit_code == 0, result.output
    assert "china-lac-2021 en: content 100% (86/86 fields)\n" in result.output


def test_nothing_measured_is_never_complete():
    labels = Coverage("es", None, (), 0, (), (), ())
    report = Completeness("b", "es", 1, (), labels)
    assert report.summary() == "b es: content 100% (1/1 fields), labels not measured (no label template)"
    assert report.gaps() == ["b es: no label template (messages.pot) to measure the labels against"]
    assert Completeness("b", "es", 0, (), None).summary() == "b es: content 0% (0/0 fields)"
