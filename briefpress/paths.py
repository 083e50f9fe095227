"""Paths as the user sees them, and the project folder a path belongs to."""

from __future__ import annotations

import os
from pathlib import Path


def find_root(start: Path) -> Path | None:
    """Return the first folder from ``start`` up to the filesystem root that holds ``content/``, if any."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / "content").is_dir()), None)


def shown(path: Path) -> str:
    """Return ``path`` as the user should see it: relative to the working folder where that reads well.

    A path below the working folder is shown from there (``content/x.yaml``);
    one elsewhere in the working folder's project, with ``..`` steps
    (``../../briefing.yaml``), as git does; any other path in full.
    """
    path = Path(os.path.abspath(path))
    here = Path.cwd().resolve()
    if path.is_relative_to(here):
        return str(path.relative_to(here))
    root = find_root(here)
    if root is not None and path.is_relative_to(root):
        return os.path.relpath(path, here)
    return str(path)
