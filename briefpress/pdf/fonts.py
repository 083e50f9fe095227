"""Fonts: what the stylesheets ask for, and whether this machine has it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from briefpress.errors import SetupError
from briefpress.render.styles import Stylesheet, families

INSTALL_HINT = "apt-get install fonts-noto-core fonts-noto-cjk"


@cache
def installed_families() -> frozenset[str]:
    """Return the font families fontconfig knows on this machine."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise SetupError("fontconfig's fc-list is missing: apt-get install fontconfig")
    listing = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=True).stdout
    return frozenset(name.strip() for line in listing.splitlines() for name in line.split(","))


def check_fonts(paths: Sequence[Path]) -> None:
    """Raise SetupError naming each font the stylesheets need and the machine lacks."""
    declared = families(Stylesheet.read(path) for path in paths)
    missing = {family: path for family, path in declared.items() if family not in installed_families()}
    if missing:
        lines = [f"{path}: font {family!r} is not installed" for family, path in missing.items()]
        raise SetupError(lines, [f"install the fonts ({INSTALL_HINT}) or change the style"])
