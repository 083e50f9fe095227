"""A project folder: its content, and templates and styles that override the built-ins."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefpress.errors import BuildError, RenderError
from briefpress.paths import find_root, shown

_HERE = Path(__file__).resolve().parent
# Installed, the built-ins sit inside the package; in a clone, beside it.
BUILTIN_ROOT = _HERE if (_HERE / "templates").is_dir() else _HERE.parent

TEMPLATE_SUFFIX = ".html.j2"
SPEC_FILE = "briefing.yaml"
STYLE_KINDS = {"layout": "layouts", "style": "themes", "paper": "papers"}


@dataclass(frozen=True)
class Project:
    """A folder holding ``content/`` and optionally ``templates/``, ``styles/``, ``locale/``."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Project:
        """Return the project rooted at ``root``."""
        return cls(root.resolve())

    @classmethod
    def discover(cls, start: Path) -> Project:
        """Return the project of the first folder from ``start`` up that holds ``content/``, else ``start``'s."""
        return cls.at(find_root(start) or start)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def briefing_folders(self) -> list[Path]:
        """Return the briefing folders in ``content/``, sorted by name."""
        return find_briefings(self.content_dir)

    def _dirs(self, name: str) -> list[Path]:
        """Return the user's folder ``name`` (when present) before the built-in one.

        Raise BuildError when the user's folder leads outside the project (a
        symlink): what it holds would be read as the project's own.
        """
        folders: list[Path] = []
        user = self.root / name
        if user.is_dir() and not Path(os.path.realpath(user)).is_relative_to(os.path.realpath(self.root)):
            raise BuildError(f"{shown(user)}/ leads outside the project (to {os.path.realpath(user)}); refused")
        # Both roots are resolved already, so a clone, where they are one folder, lists it once.
        for path in (user, BUILTIN_ROOT / name):
            if path.is_dir() and path not in folders:
                folders.append(path)
        return folders

    @property
    def template_dirs(self) -> list[Path]:
        return self._dirs("templates")

    @property
    def style_dirs(self) -> list[Path]:
        return self._dirs("styles")

    @property
    def locale_dirs(self) -> list[Path]:
        return self._dirs("locale")

    @property
    def builtin_template_dir(self) -> Path:
        return BUILTIN_ROOT / "templates"

    @property
    def builtin_style_dir(self) -> Path:
        return BUILTIN_ROOT / "styles"

    def builtin_counterpart(self, sheet: Path) -> Path | None:
        """Return the built-in stylesheet a user's stylesheet stands in for, if there is one."""
        user = self.root / "styles"
        builtin = self.builtin_style_dir.resolve()
        # By the sheet's own name: one that is a symlink within styles/ stands in for the built-in of its name.
        if user.resolve() == builtin or not sheet.is_relative_to(user):
            return None
        path = builtin / sheet.relative_to(user)
        return path if path.is_file() else None

    def roots(self) -> list[Path]:
        """Return the folders rendering may read files from: the user's and the built-in templates and styles.

        The user's are listed even before they exist (a missing image is then
        "does not exist", not "outside"); one that leads outside raises BuildError.
        """
        self._dirs("templates"), self._dirs("styles")
        user = [self.root / "templates", self.root / "styles"]
        return [*user, self.builtin_template_dir, self.builtin_style_dir]

    def layouts(self) -> list[str]:
        """Return the layouts: templates in ``templates/layouts/``."""
        return _names(self.template_dirs, "layouts", TEMPLATE_SUFFIX)

    def available(self) -> dict[str, list[str]]:
        """Return the layouts, styles and papers a briefing's outputs may name."""
        return {"layouts": self.layouts(), "styles": self.styles(), "papers": self.papers()}

    def bilingual_layouts(self) -> list[str]:
        """Return the layouts with a side-by-side version: ``templates/bilingual/``."""
        return _names(self.template_dirs, "bilingual", TEMPLATE_SUFFIX)

    def styles(self) -> list[str]:
        """Return the styles: stylesheets in ``styles/themes/``."""
        return _names(self.style_dirs, "themes", ".css")

    def papers(self) -> list[str]:
        """Return the paper sizes: stylesheets in ``styles/papers/``."""
        return _names(self.style_dirs, "papers", ".css")

    def stylesheet(self, kind: str, name: str) -> Path | None:
        """Return the stylesheet of a layout, style or paper, the user's first."""
        return self._first_style(f"{STYLE_KINDS[kind]}/{name}.css")

    def finishing_stylesheet(self, name: str) -> Path:
        """Return a stylesheet that finishes a target for a purpose (``print-ready``)."""
        return self._required_style(f"{name}.css")

    def base_stylesheet(self) -> Path:
        """Return the stylesheet every target starts from."""
        return self._required_style("base.css")

    def _required_style(self, name: str) -> Path:
        """Return ``styles/<name>``, which the built-ins always have."""
        path = self._first_style(name)
        if path is None:
            raise RenderError(f"styles/{name} is missing from the built-in styles; reinstall briefpress")
        return path

    def _first_style(self, name: str) -> Path | None:
        """Return the first ``styles/<name>``, refusing one that leads outside its folder (a symlink)."""
        for folder in self.style_dirs:
            path = folder / name
            if path.is_file():
                if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
                    raise RenderError(f"{path} leads outside the style folders; refused")
                return path
        return None


def _names(folders: list[Path], sub: str, suffix: str) -> list[str]:
    return sorted(
        {
            path.name.removesuffix(suffix)
            for folder in folders
            for path in (folder / sub).glob(f"*{suffix}")
            if not path.name.startswith(("_", "."))
        }
    )


def find_briefings(content_dir: Path) -> list[Path]:
    """Return the briefing folders below ``content_dir``, sorted by name."""
    if not content_dir.is_dir():
        return []
    return sorted(path.parent for path in content_dir.glob(f"*/{SPEC_FILE}"))
