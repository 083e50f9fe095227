"""What the tests share: the repository's paths, command runners, PDF readers and the lazily built sample."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from briefpress.cli.commands import cli, main
from briefpress.project import Project

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "content" / "china-lac-2021"
# An invented article and a briefing of it, for the fact-check (the real article is a CI step).
FORUM = REPO / "tests" / "fixtures" / "factcheck"
FORUM_ARTICLE = FORUM / "article.txt"


# --- files ---------------------------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) with ``new`` in a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based line number of the only line containing ``needle``."""
    lines = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} on lines {lines}"
    return lines[0]


# --- running briefpress --------------------------------------------------------------------------


def run(root: Path, *args: str) -> Result:
    """Run ``briefpress --project root ...`` through click's CliRunner."""
    return CliRunner().invoke(cli, ["--project", str(root), *args])


def child_env(**extra: str) -> dict[str, str]:
    """Return the environment of a child process that imports briefpress from this checkout."""
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def python(*args: str, cwd: Path = REPO, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python ...`` as a process that imports briefpress from this checkout; capture its output."""
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=child_env(), capture_output=True, text=True, timeout=timeout
    )


def briefpress(*args: str, cwd: Path = REPO, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m briefpress ...`` from ``cwd``, as a user does; capture its output."""
    return python("-m", "briefpress", *args, cwd=cwd, timeout=timeout)


def sigint_reaches_child() -> None:
    """Undo an ignored SIGINT inherited from a background shell, so Ctrl-C sent by a test arrives."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# --- reading PDFs --------------------------------------------------------------------------------


def pdf_text(pdf: Path | PdfReader) -> str:
    """Return the text of every page, runs of white space made one space."""
    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def squeeze(text: str) -> str:
    """Drop white space and hyphens, so that line breaks and hyphenation compare equal."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


# --- the sample, built as the tests ask for it ---------------------------------------------------

# The build option of each PDF variant, by what the variant adds to the file name.
VARIANT_OPTIONS = {"": [], "-pdfa": ["--pdf-variant=pdf/a-3b"], "-print": ["--print-ready"]}


class Sample:
    """The sample briefing in a project folder of its own, each target built when a test first asks for it.

    ``selection`` (build options) and ``variants`` (file name suffixes: ``""``,
    ``"-print"``, ``"-pdfa"``) name what ``everything()`` builds; left out, the
    briefing's own configuration decides, as ``python build.py`` does.
    """

    def __init__(self, root: Path, selection: tuple[str, ...] = (), variants: tuple[str, ...] = ("",)) -> None:
        shutil.copytree(SAMPLE, root / "content" / SAMPLE.name)
        self.root = root
        self.dist = root / "dist" / SAMPLE.name
        self.selection = selection
        self.variants = variants
        self._built: set[tuple[str, ...]] = set()
        self._everything = False
        project = Project.at(root)
        names = {kind: "|".join(sorted(getattr(project, kind)(), key=len, reverse=True))
                 for kind in ("layouts", "styles", "papers")}
        self._name = re.compile(
            rf"(?P<layout>{names['layouts']})-(?P<style>{names['styles']})-(?P<paper>{names['papers']})"
            rf"(?P<variant>{'|'.join(suffix for suffix in VARIANT_OPTIONS if suffix)})?(-booklet)?\.(pdf|html)"
        )

    def file(self, lang: str, name: str) -> Path:
        """Return ``<dist>/<lang>/<name>``, first building the target that writes it unless it was built already.

        Only this sample builds into its folder, so a file found there was built in this session.
        """
        match = self._name.fullmatch(name)
        assert match, f"{name} is not the name of a file a target writes"
        key = (lang, match["layout"], match["style"], match["paper"], match["variant"] or "")
        path = self.dist / lang / name
        if key not in self._built and not path.exists():
            args = ["--lang", lang, "--layout", key[1], "--style", key[2], "--paper", key[3]]
            self._build(*args, *VARIANT_OPTIONS[key[4]])
            self._built.add(key)
        return path

    def everything(self) -> Path:
        """Build every target of the selection in each variant (those built already are kept); return dist."""
        if not self._everything:
            for variant in self.variants:
                self._build(*self.selection, *VARIANT_OPTIONS[variant])
            self._everything = True
        return self.dist

    def _build(self, *args: str) -> None:
        with pytest.raises(SystemExit) as exit_info:
            main(["build", *args], project=self.root)
        assert exit_info.value.code == 0
