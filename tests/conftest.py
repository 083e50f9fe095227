"""Fixtures that mirror the pipeline: project -> briefing -> env -> html -> pdf."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from briefpress.cli.commands import main
from briefpress.content.load import load_briefing
from briefpress.project import Project
from briefpress.render.html import make_environment

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "content" / "china-lac-2021"
# An invented article and a briefing of it, for the fact-check (the real article is a CI step).
FORUM = REPO / "tests" / "fixtures" / "factcheck"
FORUM_ARTICLE = FORUM / "article.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/ files.")


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """Return a project folder holding a copy of the sample briefing."""
    shutil.copytree(SAMPLE, tmp_path / "content" / SAMPLE.name)
    return tmp_path


@pytest.fixture
def briefing_dir(project_dir: Path) -> Path:
    return project_dir / "content" / SAMPLE.name


@pytest.fixture
def project(project_dir: Path) -> Project:
    return Project.at(project_dir)


@pytest.fixture
def available(project: Project) -> dict[str, list[str]]:
    return project.available()


@pytest.fixture
def briefing(briefing_dir: Path, available):
    return load_briefing(briefing_dir, available)


@pytest.fixture
def forum_dir(tmp_path: Path) -> Path:
    """Return a project folder holding a copy of the invented briefing of ``FORUM_ARTICLE``."""
    shutil.copytree(FORUM / "content", tmp_path / "content")
    return tmp_path


@pytest.fixture
def forum_briefing_dir(forum_dir: Path) -> Path:
    return forum_dir / "content" / "lakes-forum-2023"


@pytest.fixture
def forum_briefing(forum_briefing_dir: Path):
    return load_briefing(forum_briefing_dir, Project.at(forum_briefing_dir.parent.parent).available())


@pytest.fixture
def env(project: Project):
    return make_environment(project)


def sigint_reaches_child() -> None:
    """Undo an ignored SIGINT inherited from a background shell, so Ctrl-C sent by a test arrives."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) with ``new`` in a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based line number of the only line containing ``needle``."""
    lines = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} on lines {lines}"
    return lines[0]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sample's default matrix once, as ``python build.py`` with no arguments does."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(SAMPLE, root / "content" / SAMPLE.name)
    with pytest.raises(SystemExit) as exit_info:
        main([], project=root)
    assert exit_info.value.code == 0
    return root / "dist" / SAMPLE.name
