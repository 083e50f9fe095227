"""The installed program: an sdist, a wheel built from it, installed in a fresh venv, used in an empty folder."""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, SAMPLE, pdf_text

import briefpress

pytestmark = pytest.mark.pdf

# The folders the program reads at run time (project.BUILTIN_ROOT), and where the wheel puts them.
BUILTINS = {
    "templates": "briefpress/templates",
    "styles": "briefpress/styles",
    "schema": "briefpress/schema",
    "locale": "briefpress/locale",
    "briefpress/example": "briefpress/example",
    "briefpress/web": "briefpress/web",
}
TARGET = ["--layout", "sheet", "--style", "formal", "--paper", "a4"]
# The "Key figures" label of each language's catalog, as a reader of the PDF finds it.
KEY_FIGURES = {"en": "Key figures", "es": "Cifras clave", "pt-BR": "Números-chave", "zh-Hans": "关键数据"}
REPO_URL = "https://github.com/briefpress/briefpress/blob/main/"


def run(*args: str | Path, cwd: Path, clone: bool = False) -> subprocess.CompletedProcess:
    """Run a command and return its result; only a command of the clone sees this checkout's PYTHONPATH."""
    env = dict(os.environ)
    if not clone:
        env.pop("PYTHONPATH", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run([str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


def make_venv(folder: Path, *install: str | Path) -> Path:
    """Create a fresh virtual environment in ``folder``, install into it, and return its bin/ folder."""
    run(sys.executable, "-m", "venv", folder, cwd=folder.parent)
    run(folder / "bin" / "python", "-m", "pip", "install", "--quiet", *install, cwd=folder.parent)
    return folder / "bin"


def builtin_files() -> list[str]:
    """Return every built-in file of the checkout, relative to it."""
    return sorted(
        str(path.relative_to(REPO))
        for folder in BUILTINS
        for path in (REPO / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".mo", ".pyc"}
    )


def in_wheel(path: str) -> str:
    folder = next(folder for folder in BUILTINS if path.startswith(f"{folder}/"))
    return BUILTINS[folder] + path.removeprefix(folder)


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the sdist from the checkout and the wheel from that sdist, with the pinned build tools."""
    root = tmp_path_factory.mktemp("dists")
    tools = make_venv(root / "tools", "-c", REPO / "constraints.txt", "hatchling", "hatch-fancy-pypi-readme")
    run(tools / "python", "-m", "hatchling", "build", "--target", "sdist", "--directory", root, cwd=REPO)
    (sdist,) = root.glob("briefpress-*.tar.gz")
    run(tools / "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", root, sdist, cwd=root)
    (wheel,) = root.glob("briefpress-*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def wheel(dists: tuple[Path, Path]) -> Path:
    return dists[1]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the bin/ folder of a fresh venv holding the wheel and the pinned dependencies."""
    return make_venv(tmp_path_factory.mktemp("installed") / "venv", "-c", REPO / "constraints.txt", wheel)


@pytest.fixture(scope="module")
def lowest(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the bin/ folder of a fresh venv holding the wheel and each dependency at its lower bound."""
    return make_venv(tmp_path_factory.mktemp("lowest") / "venv", "-c", REPO / "constraints-lowest.txt", wheel)


@pytest.fixture
def own_folder(tmp_path: Path) -> Path:
    """Return an empty folder that has nothing to do with the clone."""
    folder = tmp_path / "my-briefings"
    folder.mkdir()
    return folder


def test_sdist_and_wheel_hold_every_builtin_file(dists):
    sdist, wheel = dists
    expected = builtin_files()
    assert {"locale/messages.pot", "locale/es/LC_MESSAGES/messages.po", "briefpress/web/reload.js"} <= set(expected)
    with tarfile.open(sdist) as archive:
        top = f"briefpress-{briefpress.__version__}/"
        in_sdist = {
            name.removeprefix(top): archive.extractfile(name).read()
            for name in archive.getnames()
            if archive.getmember(name).isfile()
        }
    with zipfile.ZipFile(wheel) as archive:
        wheel_files = {name: archive.read(name) for name in archive.namelist()}
    for path in expected:
        content = (REPO / path).read_bytes()
        assert in_sdist.get(path) == content, f"{path} is missing from the sdist or differs"
        assert wheel_files.get(in_wheel(path)) == content, f"{in_wheel(path)} is missing from the wheel or differs"
    assert not [name for name in wheel_files if name.endswith(".mo")]


def test_wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = email.message_from_bytes(archive.read(f"briefpress-{briefpress.__version__}.dist-info/METADATA"))
    assert metadata["Version"] == briefpress.__version__
    assert metadata["License-Expression"] == "MIT"
    assert f"briefpress-{briefpress.__version__}.dist-info/licenses/LICENSE" in names
    assert "Homepage, https://github.com/briefpress/briefpress" in metadata.get_all("Project-URL")
    assert any(requirement.startswith("weasyprint<71,>=70") for requirement in metadata.get_all("Requires-Dist"))


def test_readme_on_the_package_index_has_no_relative_link(wheel):
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.message_from_bytes(archive.read(f"briefpress-{briefpress.__version__}.dist-info/METADATA"))
    description = metadata.get_payload()
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert description.startswith("# briefpress")
    targets = re.findall(r"\]\(([^)\s]+)\)", description)
    targets += re.findall(r"^\s*\[[^\]]+\]:\s*(\S+)", description, flags=re.MULTILINE)
    targets += re.findall(r"""(?:href|src)=["']([^"']+)""", description)
    relative = [target for target in targets if not re.match(r"(https?|mailto):", target)]
    assert relative == []
    assert f"]({REPO_URL}docs/content-reference.md)" in description
    assert f"]({REPO_URL}SECURITY.md)" in description


def test_installed_command_in_an_empty_folder(installed, own_folder, tmp_path):
    site = run(
        installed / "python", "-c", "from briefpress.project import BUILTIN_ROOT; print(BUILTIN_ROOT)", cwd=own_folder
    )
    builtin_root = Path(site.stdout.strip())
    assert builtin_root.is_relative_to(installed.parent), "the venv imports briefpress from outside itself"
    assert (builtin_root / "locale" / "messages.pot").is_file()

    briefpress_command = installed / "briefpress"
    run(briefpress_command, "new", "trade-talks-2026", cwd=own_folder)
    assert "ok: 1 briefing, " in run(briefpress_command, "check", "--strict", cwd=own_folder).stdout

    shutil.copytree(SAMPLE, own_folder / "content" / SAMPLE.name)
    checked = run(briefpress_command, "check", "--strict", cwd=own_folder).stdout
    for lang in ("es", "pt-BR", "zh-Hans"):
        assert f"{SAMPLE.name} {lang}: content 100% (86/86 fields), labels 100% (81/81)" in checked

    langs = ",".join(KEY_FIGURES)
    run(briefpress_command, "build", SAMPLE.name, "--lang", langs, *TARGET, cwd=own_folder)
    clone_out = tmp_path / "from-clone"
    run(
        sys.executable,
        REPO / "build.py",
        "build",
        SAMPLE.name,
        "--lang",
        langs,
        *TARGET,
        "--out",
        clone_out,
        cwd=REPO,
        clone=True,
    )
    for lang, label in KEY_FIGURES.items():
        pdf = own_folder / "dist" / SAMPLE.name / lang / "sheet-formal-a4.pdf"
        text = pdf_text(pdf)
        assert label in text
        if lang != "en":
            assert "key figures" not in text.lower(), f"{lang}: an English label in the translated sheet"
        from_clone = clone_out / SAMPLE.name / lang / "sheet-formal-a4.pdf"
        assert pdf.read_bytes() == from_clone.read_bytes(), f"{lang}: the installed command made other bytes"


def test_lowest_dependencies_check_and_build(lowest, own_folder):
    pins = dict(re.findall(r"^([\w.-]+)==(\S+)$", (REPO / "constraints-lowest.txt").read_text(), flags=re.MULTILINE))
    script = f"from importlib.metadata import version; print([version(name) for name in {list(pins)}])"
    versions = run(lowest / "python", "-c", script, cwd=own_folder)
    assert versions.stdout.strip() == str(list(pins.values()))
    shutil.copytree(SAMPLE, own_folder / "content" / SAMPLE.name)
    assert "labels 100% (81/81)" in run(lowest / "briefpress", "check", "--strict", cwd=own_folder).stdout
    run(lowest / "briefpress", "build", SAMPLE.name, "--lang", "es", *TARGET, cwd=own_folder)
    assert KEY_FIGURES["es"] in pdf_text(own_folder / "dist" / SAMPLE.name / "es" / "sheet-formal-a4.pdf")
