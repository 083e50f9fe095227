"""Watching a project's sources: the callback gets the files that changed, and stops on request."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from briefpress.cli.watch import source_dirs, watch_sources
from briefpress.project import Project


def test_source_dirs_are_those_that_exist(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "styles").mkdir()
    (tmp_path / "dist").mkdir()
    assert source_dirs(Project.at(tmp_path)) == [tmp_path.resolve() / "content", tmp_path.resolve() / "styles"]


def names(seen: list[set[Path]]) -> set[str]:
    """Return the names of the files reported so far."""
    return {path.name for paths in list(seen) for path in paths}


def test_watch_reports_changed_files_and_stops(tmp_path):
    content = tmp_path / "content" / "demo"
    content.mkdir(parents=True)
    target = content / "briefing.yaml"
    target.write_text("languages: [en]\n")
    seen: list[set[Path]] = []
    got = threading.Event()
    stop = threading.Event()

    def on_change(paths: set[Path]) -> None:
        seen.append(paths)
        got.set()

    thread = threading.Thread(target=watch_sources, args=(Project.at(tmp_path), on_change, stop), daemon=True)
    thread.start()
    # The watcher starts in its thread: write until it reports, for at most 20 s.
    deadline = time.monotonic() + 20
    while not got.wait(0.5) and time.monotonic() < deadline:
        target.write_text(f"languages: [en]  # {time.monotonic()}\n")
    assert got.is_set()
    # Editor noise, then a real change: once that change is reported, the noise would have been too.
    (content / ".briefing.yaml.swp").write_text("editor noise")
    (content / "briefing.yaml~").write_text("editor backup")
    (content / "text.yaml").write_text("title: x\n")
    deadline = time.monotonic() + 20
    while "text.yaml" not in names(seen) and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert names(seen) == {"briefing.yaml", "text.yaml"}


def test_a_file_made_and_removed_at_once_is_not_reported(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    seen: list[set[Path]] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_sources, args=(Project.at(tmp_path), seen.append, stop), daemon=True
    )
    thread.start()
    time.sleep(1.0)
    for _ in range(3):
        temporary = content / "sedAb12Cd"
        temporary.write_text("x")
        temporary.replace(content / "kept.yaml")
        time.sleep(0.5)
    time.sleep(1.0)
    stop.set()
    thread.join(timeout=10)
    assert "kept.yaml" in names(seen)
    assert "sedAb12Cd" not in names(seen)
