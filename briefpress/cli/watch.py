"""Watch a project's sources and report the files that change."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from briefpress.project import Project

SOURCES = ("content", "templates", "styles", "locale")


def source_dirs(project: Project) -> list[Path]:
    """Return the project's source folders that exist: content/, templates/, styles/, locale/."""
    return [project.root / name for name in SOURCES if (project.root / name).is_dir()]


def watch_sources(
    project: Project,
    on_change: Callable[[set[Path]], None],
    stop: threading.Event,
) -> None:
    """Call ``on_change`` with the changed paths after each burst of changes, until ``stop`` is set.

    Editors' swap and backup files, ``.git`` and ``__pycache__`` are ignored, and
    so are files made and removed within one burst (an editor's or sed's
    temporary file). Blocks: run it in a thread of its own.
    """
    folders = source_dirs(project)
    if not folders:
        stop.wait()
        return
    for changes in watch(*folders, watch_filter=DefaultFilter(), stop_event=stop, raise_interrupt=False):
        paths = _lasting(changes)
        if paths:
            on_change(paths)


def _lasting(changes: set[tuple[Change, str]]) -> set[Path]:
    """Return the changed paths, less those added and deleted again."""
    added = {path for change, path in changes if change == Change.added}
    deleted = {path for change, path in changes if change == Change.deleted}
    transient = {path for path in added & deleted if not Path(path).exists()}
    return {Path(path) for _, path in changes if path not in transient}
