"""briefpress: printable briefings from YAML summaries.

The Python API, what the command line itself calls::

    import briefpress

    report = briefpress.build("my-project", briefpress.Selection(langs=("en",)))
    for outcome in report.failed:
        print(outcome.target, outcome.message)
    coverage = briefpress.check(briefpress.Project.at(Path("my-project")))

Importing the package is light: each name is imported when first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

# The one place the version is written: pyproject.toml reads it from here ([tool.hatch.version]).
__version__ = "0.1.0"

# Each public name: the module it comes from, and its name there.
_PUBLIC = {
    "build": ("briefpress.builds.session", "build_project"),
    "check": ("briefpress.checks.check", "check"),
    "BuildReport": ("briefpress.builds.session", "BuildReport"),
    "CheckReport": ("briefpress.checks.check", "CheckReport"),
    "Options": ("briefpress.builds.session", "Options"),
    "Outcome": ("briefpress.builds.session", "Outcome"),
    "Session": ("briefpress.builds.session", "Session"),
    "Limits": ("briefpress.builds.workers", "Limits"),
    "Selection": ("briefpress.builds.plan", "Selection"),
    "Project": ("briefpress.project", "Project"),
    "Target": ("briefpress.target", "Target"),
    "Problem": ("briefpress.errors", "Problem"),
    "BriefpressError": ("briefpress.errors", "BriefpressError"),
    "UsageError": ("briefpress.errors", "UsageError"),
    "BuildError": ("briefpress.errors", "BuildError"),
    "ContentError": ("briefpress.errors", "ContentError"),
}

__all__ = [  # noqa: RUF022 (in the order of _PUBLIC)
    "__version__",
    "build",
    "check",
    "BuildReport",
    "CheckReport",
    "Options",
    "Outcome",
    "Session",
    "Limits",
    "Selection",
    "Project",
    "Target",
    "Problem",
    "BriefpressError",
    "UsageError",
    "BuildError",
    "ContentError",
]

if TYPE_CHECKING:
    from briefpress.builds.plan import Selection
    from briefpress.builds.session import BuildReport, Options, Outcome, Session
    from briefpress.builds.session import build_project as build
    from briefpress.builds.workers import Limits
    from briefpress.checks.check import CheckReport, check
    from briefpress.errors import BriefpressError, BuildError, ContentError, Problem, UsageError
    from briefpress.project import Project
    from briefpress.target import Target


def __getattr__(name: str) -> object:
    """Import a public name when it is first used, so ``import briefpress`` imports almost nothing."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'briefpress' has no attribute {name!r}")
    module, attribute = _PUBLIC[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value
