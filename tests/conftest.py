"""Fixtures that mirror the pipeline: project -> briefing -> env -> html -> pdf."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from briefpress.content.load import load_briefing
from briefpress.project import Project
from briefpress.render.html import make_environment

pytest.register_assert_rewrite("helpers")
from helpers import FORUM, SAMPLE, Sample, run  # noqa: E402


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


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """Return a project folder holding only content/demo, the shipped example."""
    assert run(tmp_path, "new", "demo").exit_code == 0
    return tmp_path


@pytest.fixture
def quiet_pypdf(caplog: pytest.LogCaptureFixture) -> None:
    """Keep pypdf's warnings about the PDFs it reads out of the report."""
    caplog.set_level(logging.ERROR, logger="pypdf")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The sample's default matrix, as ``python build.py`` with no arguments builds it, one target at a time.

    Each target is built when a test first asks for one of its files
    (``built.file(lang, name)``) and kept for the session; ``built.everything()``
    builds the rest, for tests that look at every output.
    """
    return Sample(tmp_path_factory.mktemp("built"))
