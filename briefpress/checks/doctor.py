"""Check that this machine has what a build and the test suite need, and say how to install what it lacks.

Each check gives one line: ``ok: ...`` or ``missing: ... -> apt-get install PKG``.
The shared-library guard runs ``ldd`` on every program the suite starts and
names the Debian 12 package of each library the dynamic loader cannot find.
``python -m briefpress.checks.doctor`` prints only the problems (setup.sh runs it).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefpress.errors import SetupError, counted
from briefpress.pdf.fonts import installed_families
from briefpress.project import Project
from briefpress.render.styles import Stylesheet, families

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_BINARY = Path("/usr/lib/chromium/chromium")  # what the /usr/bin/chromium script starts
PDF_TOOLS = ("pdftoppm", "pdftotext", "pdffonts", "qpdf", "mutool", "gs")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)

# Debian 12 packages of the libraries the suite's programs load: Playwright's
# bundled node (the only one no Debian package brings its libraries with),
# headless Chromium, and the PDF readers.
LIBRARY_PACKAGES = {
    "libatomic.so.1": "libatomic1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libnspr4.so": "libnspr4",
    "libplc4.so": "libnspr4",
    "libplds4.so": "libnspr4",
    "libatk-1.0.so.0": "libatk1.0-0",
    "libatk-bridge-2.0.so.0": "libatk-bridge2.0-0",
    "libatspi.so.0": "libatspi2.0-0",
    "libcups.so.2": "libcups2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libdrm.so.2": "libdrm2",
    "libgbm.so.1": "libgbm1",
    "libasound.so.2": "libasound2",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11.so.6": "libx11-6",
    "libxcb.so.1": "libxcb1",
    "libXcomposite.so.1": "libxcomposite1",
    "libXdamage.so.1": "libxdamage1",
    "libXext.so.6": "libxext6",
    "libXfixes.so.3": "libxfixes3",
    "libXrandr.so.2": "libxrandr2",
    "libexpat.so.1": "libexpat1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libcairo.so.2": "libcairo2",
    "libpango-1.0.so.0": "libpango-1.0-0",
    "libpangoft2-1.0.so.0": "libpangoft2-1.0-0",
    "libharfbuzz.so.0": "libharfbuzz0b",
    "libharfbuzz-subset.so.0": "libharfbuzz-subset0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libpoppler.so.126": "libpoppler126",
    "libqpdf.so.29": "libqpdf29",
    "libgs.so.10": "libgs10",
    "libmujs.so.2": "libmujs2",
    "libjpeg.so.62": "libjpeg62-turbo",
    "libopenjp2.so.7": "libopenjp2-7",
    "liblcms2.so.2": "liblcms2-2",
}


@dataclass(frozen=True)
class Check:
    """The outcome of one check: what was looked for, whether it is there, how to get it."""

    what: str
    ok: bool
    fix: str = ""  # a command ("apt-get install PKG") or a sentence
    optional: bool = False  # missing is a warning, not a failure

    @property
    def failed(self) -> bool:
        """Return True when something a build needs is missing."""
        return not self.ok and not self.optional

    def __str__(self) -> str:
        if self.ok:
            return f"ok: {self.what}"
        label = "missing (optional)" if self.optional else "missing"
        return f"{label}: {self.what} -> {self.fix}"


@dataclass(frozen=True)
class MissingLibrary:
    """A shared library the dynamic loader cannot find for a program."""

    program: Path
    soname: str

    @property
    def package(self) -> str | None:
        """Return the Debian 12 package that provides the library, when known."""
        return LIBRARY_PACKAGES.get(self.soname)

    @property
    def fix(self) -> str:
        """Return how to install the library."""
        if self.package:
            return f"apt-get install {self.package}"
        return f"find its package with apt-file search {self.soname}"

    def check(self) -> Check:
        """Return this problem as a doctor line."""
        return Check(f"{self.soname} (needed by {self.program}, which the tests start)", False, self.fix, optional=True)


def not_found(ldd_output: str) -> list[str]:
    """Return the sonames an ``ldd`` listing marks "not found", in order."""
    return _NOT_FOUND.findall(ldd_output)


def suite_programs() -> list[Path]:
    """Return the programs the build and the test suite start that exist on this machine.

    A script (/usr/bin/chromium) stands for its interpreter; the binary it
    starts is in the list too.
    """
    candidates = [_playwright_node(), CHROMIUM, CHROMIUM_BINARY]
    candidates += [Path(found) if (found := shutil.which(tool)) else None for tool in PDF_TOOLS]
    programs: list[Path] = []
    for path in candidates:
        if path is not None and path.is_file():
            program = _interpreter(path) or path
            if program not in programs:
                programs.append(program)
    return programs


def _playwright_node() -> Path | None:
    """Return the node binary bundled in the playwright package, if it is installed."""
    spec = importlib.util.find_spec("playwright")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "driver" / "node"


def _interpreter(path: Path) -> Path | None:
    """Return the interpreter named on a script's ``#!`` line, or None for a binary."""
    with path.open("rb") as file:
        first = file.readline(256)
    if not first.startswith(b"#!"):
        return None
    words = first[2:].decode(errors="replace").split()
    return Path(words[0]) if words else None


def missing_libraries(programs: Iterable[Path]) -> list[MissingLibrary]:
    """Return every library ``ldd`` cannot resolve for the programs; SetupError when ldd is missing."""
    ldd = shutil.which("ldd")
    if ldd is None:
        raise SetupError("ldd is missing: apt-get install libc-bin")
    missing = []
    for program in programs:
        listing = subprocess.run([ldd, str(program)], capture_output=True, text=True, check=False).stdout
        missing += [MissingLibrary(program, soname) for soname in not_found(listing)]
    return missing


def check_libraries() -> list[Check]:
    """Return one line per unresolved library of the suite's programs, or one ok line."""
    programs = suite_programs()
    try:
        missing = missing_libraries(programs)
    except SetupError:
        return [Check("ldd, to check the programs' shared libraries", False, "apt-get install libc-bin", optional=True)]
    if missing:
        return [problem.check() for problem in missing]
    names = ", ".join(program.name for program in programs)
    return [Check(f"shared libraries of {counted(len(programs), 'program')} ({names})", True)]


def check_pango() -> Check:
    """Return whether WeasyPrint imports, which needs Pango."""
    try:
        import weasyprint  # noqa: F401
    except (OSError, ImportError) as error:
        return Check(f"Pango, which WeasyPrint needs ({_first_line(error)})", False, PANGO_FIX)
    return Check("Pango (WeasyPrint imports)", True)


PANGO_FIX = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"
HARFBUZZ_FIX = "apt-get install libharfbuzz-subset0"


def check_harfbuzz() -> Check:
    """Return whether WeasyPrint found HarfBuzz's subsetter (fast, reproducible font subsets)."""
    what = "HarfBuzz's subsetter (libharfbuzz-subset), for fast and reproducible PDFs"
    try:
        from weasyprint.text import ffi
    except (OSError, ImportError):
        return Check(what, False, HARFBUZZ_FIX)
    return Check(what, getattr(ffi, "harfbuzz_subset", None) is not None, HARFBUZZ_FIX)


def check_fonts(project: Project) -> list[Check]:
    """Return one line per font family the built-in and the project's stylesheets name."""
    sheets = [Stylesheet.read(path) for folder in project.style_dirs for path in sorted(folder.rglob("*.css"))]
    try:
        installed = installed_families()
    except SetupError:
        return [Check("fontconfig's fc-list, to find the fonts", False, "apt-get install fontconfig")]
    checks = []
    for family, path in sorted(families(sheets).items()):
        checks.append(
            Check(f"font {family!r} (named in {_shown(path, project)})", family in installed, font_fix(family))
        )
    return checks


def font_fix(family: str) -> str:
    """Return how to install a font family on Debian 12."""
    if family.startswith("Noto") and "CJK" in family:
        return "apt-get install fonts-noto-cjk"
    if family.startswith("Noto"):
        return "apt-get install fonts-noto-core"
    if family.startswith("DejaVu"):
        return "apt-get install fonts-dejavu-core"
    return "install the font (fc-list shows what fontconfig finds) or change the style"


def check_tools() -> list[Check]:
    """Return whether the optional programs are there: pdftoppm (thumbnails) and Chromium (browser tests)."""
    return [
        Check("pdftoppm, for the preview's thumbnails", shutil.which("pdftoppm") is not None,
              "apt-get install poppler-utils", optional=True),
        Check(f"{CHROMIUM}, for the browser tests", CHROMIUM.is_file(), "apt-get install chromium", optional=True),
    ]  # fmt: skip


def check_platform() -> Check:
    """Return whether this system can fork the bounded workers that render PDFs."""
    from briefpress.builds.workers import unsupported_platform

    problem = unsupported_platform()
    if problem:
        return Check("fork() and the resource module, for the workers", False, problem)
    return Check("fork() and the resource module, for the workers", True)


def diagnose(project: Project) -> list[Check]:
    """Run every check, in the order a build meets them."""
    return [
        check_platform(),
        check_pango(),
        check_harfbuzz(),
        *check_fonts(project),
        *check_tools(),
        *check_libraries(),
    ]


def _shown(path: Path, project: Project) -> str:
    """Return a stylesheet's path relative to the project or to the built-ins."""
    for root in (project.root, project.builtin_style_dir.parent):
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def main() -> int:
    """Print only the problems of every check; return 1 when anything is missing.

    This is the set-up's check (setup.sh), which installs the test suite's
    programs too: for it, nothing is optional.
    """
    checks = diagnose(Project.at(Path.cwd()))
    for check in checks:
        if not check.ok:
            print(check, file=sys.stderr)  # noqa: T201
    return int(any(not check.ok for check in checks))


if __name__ == "__main__":
    sys.exit(main())
