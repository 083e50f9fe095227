"""The build cache: a digest of everything a target depends on, and a manifest of what was built.

A target's digest covers:

- its content: ``briefing.yaml``, the text of each of its languages and of the
  base language (the fallback), the digests of its translations (what marks
  a field stale), and every other file in the briefing's folder (images);
- every template (user and built-in: includes make finer tracking fragile);
- its stylesheets, and the files beside them that CSS can reference (fonts,
  images, ``press.icc``);
- the label catalogs of its languages;
- the fonts fontconfig offers (family, file, version);
- its options (variant, ``--strict``) and the tool: briefpress's version and
  source, and the versions of the libraries that shape the bytes.

The manifest (``.briefpress-manifest.json`` in the output folder) maps each
target to its digest and its output files. A target whose digest and outputs
are unchanged is skipped. Nothing here imports WeasyPrint, so a build with
nothing to do stays fast.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from briefpress import __version__
from briefpress.builds.plan import Selection
from briefpress.builds.write import write_atomically
from briefpress.files import RESOURCE_BYTES, digest_capped
from briefpress.project import Project
from briefpress.render.styles import stylesheets
from briefpress.target import Target

MANIFEST = ".briefpress-manifest.json"
FORMAT = 1
# Libraries whose version changes the bytes of a PDF.
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "fonttools", "jinja2", "babel", "pypdf", "segno", "markdown-it-py")
_PACKAGE = Path(__file__).resolve().parent.parent


class Hasher:
    """File digests, each file read once per build."""

    def __init__(self) -> None:
        self._files: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        """Return the digest of a file's bytes ("missing" when it does not exist)."""
        if path not in self._files:
            self._files[path] = digest_capped(path, RESOURCE_BYTES)
        return self._files[path]

    def files(self, paths: Iterable[Path], root: Path | None = None) -> list[str]:
        """Return ``name=digest`` for each file, named relative to ``root`` when given."""
        return [f"{path.relative_to(root) if root else path}={self.file(path)}" for path in sorted(paths)]


def _tree(folder: Path, exclude_suffix: str | None = None) -> list[Path]:
    """Return the files below ``folder``, except those ending in ``exclude_suffix``."""
    if not folder.is_dir():
        return []
    files = [path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    return [path for path in files if not (exclude_suffix and path.name.endswith(exclude_suffix))]


@cache
def fonts_identity() -> str:
    """Return a digest of the fonts fontconfig offers: family, file and version of each."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return "no fontconfig"
    listing = subprocess.run(
        [fc_list, "--format", "%{family}|%{file}|%{fontversion}\n"], capture_output=True, check=False
    ).stdout
    return hashlib.sha256(b"\n".join(sorted(listing.splitlines()))).hexdigest()


@cache
def tool_identity() -> str:
    """Return a digest of briefpress's version and source, and of the libraries' versions."""
    parts = [__version__]
    for library in LIBRARIES:
        try:
            parts.append(f"{library}={version(library)}")
        except PackageNotFoundError:
            parts.append(f"{library}=none")
    hasher = Hasher()
    parts += hasher.files((path for path in _PACKAGE.rglob("*.py")), _PACKAGE)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass
class Digests:
    """Computes target digests for one project, sharing file digests between targets."""

    project: Project
    strict: bool = False
    hasher: Hasher = field(default_factory=Hasher)

    def __post_init__(self) -> None:
        project = self.project
        templates = [path for folder in project.template_dirs for path in _tree(folder)]
        assets = [path for folder in project.style_dirs for path in _tree(folder, ".css")]
        common = [f"tool={tool_identity()}", f"fonts={fonts_identity()}", f"strict={self.strict}"]
        common += self.hasher.files(templates)
        common += self.hasher.files(assets)
        self._common = hashlib.sha256("\n".join(common).encode()).hexdigest()
        self._locale_dirs = project.locale_dirs
        # What targets share: a briefing's other files, the stylesheets of a look.
        self._assets: dict[Path, list[str]] = {}
        self._sheets: dict[tuple, list[str]] = {}

    def of(self, folder: Path, base_language: str, target: Target) -> str:
        """Return the digest of everything ``target`` of the briefing in ``folder`` depends on."""
        langs = sorted({*target.langs, base_language})
        if folder not in self._assets:
            self._assets[folder] = self.hasher.files(p for p in _tree(folder) if p.parent != folder / "text")
        look = (target.layout, target.style, target.paper, target.variant, len(target.langs))
        if look not in self._sheets:
            self._sheets[look] = self.hasher.files(stylesheets(self.project, target))
        parts = [self._common, repr(target), *self._assets[folder], *self._sheets[look]]
        parts += self.hasher.files(folder / "text" / f"{lang}.yaml" for lang in langs)
        # What each translation was made from: a field marked stale or current again changes the page.
        parts += self.hasher.files(folder / "text" / f"{lang}.digests" for lang in target.langs)
        parts += self.hasher.files(catalog_path(locale, lang) for locale in self._locale_dirs for lang in target.langs)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def catalog_path(folder: Path, lang: str) -> Path:
    """Return where the label catalog of ``lang`` lives below a ``locale/`` folder (``pt-BR``: ``pt_BR``)."""
    return folder / lang.replace("-", "_") / "LC_MESSAGES" / "messages.po"


def plan_key(project: Project, folders: Sequence[Path], selection: Selection) -> str:
    """Return a digest of what decides a build's targets: the content, the names on offer, the selection."""
    hasher = Hasher()
    names = [project.layouts(), project.bilingual_layouts(), project.styles(), project.papers()]
    parts = [tool_identity(), repr(selection), repr(names), *map(str, folders)]
    for folder in folders:
        parts += hasher.files(_tree(folder))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass
class Manifest:
    """What the output folder holds: per target, its digest and its output files with their sizes."""

    path: Path
    entries: dict[str, dict] = field(default_factory=dict)
    # Per plan key, the targets it gave and each briefing's folder and base language.
    plans: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        """Return the manifest of ``out_dir``; an unreadable or old one counts as empty."""
        path = out_dir / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("targets"), dict):
            return cls(path)
        plans = data.get("plans")
        return cls(path, data["targets"], plans if isinstance(plans, dict) else {})

    def remember(self, key: str, targets: Sequence[Target], bases: dict[str, tuple[Path, str]]) -> None:
        """Keep the targets a plan key gave, with each briefing's folder and base language."""
        self.plans = {
            key: {
                "targets": [list(astuple(target)) for target in targets],
                "briefings": {name: [str(folder), base] for name, (folder, base) in bases.items()},
            }
        }

    def recall(self, key: str) -> tuple[list[Target], dict[str, tuple[Path, str]]] | None:
        """Return the targets and briefings a plan key gave last time, or None."""
        plan = self.plans.get(key)
        if plan is None:
            return None
        try:
            targets = [Target(*fields) for fields in plan["targets"]]
            bases = {name: (Path(folder), base) for name, (folder, base) in plan["briefings"].items()}
        except (TypeError, KeyError, ValueError):
            return None
        return targets, bases

    def fresh(self, target: Target, digest: str) -> bool:
        """Return whether ``target`` was built from exactly these inputs and its outputs are in place."""
        entry = self.entries.get(str(target))
        if not entry or entry.get("digest") != digest:
            return False
        root = self.path.parent
        try:
            return all((root / name).stat().st_size == size for name, size in entry["outputs"].items())
        except (OSError, AttributeError, TypeError):
            return False

    def record(self, target: Target, digest: str, outputs: Sequence[Path]) -> None:
        """Note that ``target`` was built from ``digest`` into ``outputs``."""
        root = self.path.parent
        files = {str(path.relative_to(root)): path.stat().st_size for path in outputs}
        self.entries[str(target)] = {"digest": digest, "outputs": files}

    def forget(self, target: Target) -> None:
        """Drop ``target``, which failed: its next build must render it."""
        self.entries.pop(str(target), None)

    def write(self) -> None:
        """Write the manifest atomically, targets in a stable order."""
        targets = dict(sorted(self.entries.items()))
        data = {"format": FORMAT, "tool": __version__, "targets": targets, "plans": self.plans}
        write_atomically(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
