"""The label template is current, and every built-in catalog translates all of it."""

from __future__ import annotations

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from conftest import REPO

from briefpress.catalogs import coverage


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
