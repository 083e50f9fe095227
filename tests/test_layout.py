"""The package's layout: stages in order, each importing only the stages below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import REPO

PACKAGE = REPO / "briefpress"
# From the bottom up. The modules at the top of the package (errors, files, paths, project, target)
# are the ground every stage stands on; a stage may import those and any stage before it.
STAGES = ("sources", "content", "render", "pdf", "builds", "checks", "authoring", "cli")
GROUND = ("errors", "files", "paths", "project", "target")


def _imports(path: Path) -> set[str]:
    """Return the briefpress modules ``path`` imports, at its top or inside functions, as dotted names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("briefpress"):
            # ``from briefpress.builds import plan`` imports the module briefpress.builds.plan.
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                is_module = PACKAGE.joinpath(*dotted.split(".")[1:]).with_suffix(".py").is_file()
                names.add(dotted if is_module or node.module == "briefpress" else node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("briefpress"))
    return names


def _rank(module: str) -> int:
    """Return a module's stage: -1 for the ground, -2 for the package itself (its version)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__version__", "__init__"):
        return -2
    if parts[1] in GROUND:
        return -1
    return STAGES.index(parts[1])


def _module(path: Path) -> str:
    return ".".join(("briefpress", *path.relative_to(PACKAGE).with_suffix("").parts))


MODULES = sorted(path for path in PACKAGE.rglob("*.py") if path.name != "__main__.py")
NAMES = {_module(path) for path in MODULES}


def test_every_module_belongs_to_a_stage_or_the_ground():
    for path in MODULES:
        parts = path.relative_to(PACKAGE).parts
        if len(parts) == 1:
            assert path.stem in (*GROUND, "__init__"), f"{path.name} sits at the top of the package"
        else:
            assert parts[0] in STAGES, f"{parts[0]}/ is not a stage"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_a_module_imports_only_the_stages_below_its_own(path: Path):
    own = _rank(_module(path)) if path.parent != PACKAGE else -1
    if path == PACKAGE / "__init__.py":
        return  # the public API reaches the stages it offers, lazily
    for name in _imports(path):
        rank = _rank(name)
        if path.parent == PACKAGE:
            # The ground imports only the ground, and never from a module that imports it back.
            assert rank < 0, f"{_module(path)} imports {name}"
        elif rank >= 0:
            assert rank <= own, f"{_module(path)} ({STAGES[own]}) imports {name} ({STAGES[rank]})"


def test_no_module_imports_itself_back():
    """No cycles, counting imports inside functions: each module can be read before the ones importing it."""
    graph = {_module(path): {name for name in _imports(path) if name in NAMES} for path in MODULES}
    done: set[str] = set()

    def visit(node: str, trail: tuple[str, ...]) -> None:
        assert node not in trail, "import cycle: " + " -> ".join((*trail[trail.index(node):], node))
        if node in done:
            return
        for child in sorted(graph[node]):
            visit(child, (*trail, node))
        done.add(node)

    for node in sorted(graph):
        visit(node, ())
    assert len(done) == len(MODULES)
