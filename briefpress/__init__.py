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

# Each public name and the module it comes from.
_PUBLIC = {
    "build": "briefpress.build",  # the stage's package, which builds when called
    "check": "briefpress.checks.check",
    "BuildReport": "briefpress.build.session",
    "CheckReport": "briefpress.checks.check",
    "Options": "briefpress.build.session",
    "Outcome": "briefpress.build.session",
    "Session": "briefpress.build.session",
    "Limits": "briefpress.build.workers",
    "Selection": "briefpress.build.plan",
    "Project": "briefpress.project",
    "Target": "briefpress.target",
    "Problem": "briefpress.errors",
    "BriefpressError": "briefpress.errors",
    "UsageError": "briefpress.errors",
    "BuildError": "briefpress.errors",
    "ContentError": "briefpress.errors",
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
    from briefpress.build.plan import Selection
    from briefpress.build.session import BuildReport, Options, Outcome, Session
    from briefpress.build.session import build_project as build
    from briefpress.build.workers import Limits
    from briefpress.checks.check import CheckReport, check
    from briefpress.errors import BriefpressError, BuildError, ContentError, Problem, UsageError
    from briefpress.project import Project
    from briefpress.target import Target


def __getattr__(name: str) -> object:
    """Import a public name when it is first used, so ``import briefpress`` imports almost nothing."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'briefpress' has no attribute {name!r}")
    module = import_module(_PUBLIC[name])
    value = module if name == "build" else getattr(module, name)
    globals()[name] = value
    return value
