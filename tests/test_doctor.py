"""briefpress doctor: one line per check, exit 1 when something a build needs is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import run

from briefpress.pdf.fonts import installed_families


def _doctor(project_dir: Path) -> tuple[int, list[str]]:
    result = run(project_dir, "doctor")
    return result.exit_code, result.output.splitlines()


def test_doctor_checks_the_libraries_and_every_font_the_styles_name(project_dir: Path):
    code, lines = _doctor(project_dir)
    assert code == 0, "\n".join(lines)
    assert "ok: Pango (WeasyPrint imports)" in lines
    assert "ok: HarfBuzz's subsetter (libharfbuzz-subset), for fast and reproducible PDFs" in lines
    assert "ok: font 'Noto Sans CJK SC' (named in styles/base.css)" in lines
    assert "ok: font 'Noto Naskh Arabic' (named in styles/themes/formal.css)" in lines
    assert any(line.startswith("ok: shared libraries of ") for line in lines)
    assert all(line.startswith(("ok: ", "missing (optional): ")) for line in lines), lines


def test_a_missing_font_is_named_with_its_package(project_dir: Path, monkeypatch: pytest.MonkeyPatch):
    without_cjk = installed_families() - {"Noto Sans CJK SC"}
    monkeypatch.setattr("briefpress.checks.doctor.installed_families", lambda: without_cjk)
    code, lines = _doctor(project_dir)
    assert code == 1
    assert "missing: font 'Noto Sans CJK SC' (named in styles/base.css) -> apt-get install fonts-noto-cjk" in lines
    assert lines[-1] == "error: 1 problem found: install what is missing as shown above"


def test_a_font_only_the_project_names_is_checked(project_dir: Path):
    theme = project_dir / "styles" / "themes" / "house.css"
    theme.parent.mkdir(parents=True)
    theme.write_text(':root { --font-heading: "Briefpress House Grotesk", sans-serif; }\n')
    code, lines = _doctor(project_dir)
    assert code == 1
    assert (
        "missing: font 'Briefpress House Grotesk' (named in styles/themes/house.css) -> "
        "install the font (fc-list shows what fontconfig finds) or change the style"
    ) in lines


def test_a_missing_library_is_named_with_its_package(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ldd = tmp_path / "bin" / "ldd"
    ldd.parent.mkdir()
    ldd.write_text('#!/bin/sh\nprintf "\\tlibatomic.so.1 => not found\\n\\tlibc.so.6 => /lib/libc.so.6 (0x1)\\n"\n')
    ldd.chmod(0o755)
    monkeypatch.setenv("PATH", f"{ldd.parent}{os.pathsep}{os.environ['PATH']}")
    code, lines = _doctor(project_dir)
    assert code == 0, "a library only the tests' programs need does not stop a build"
    problems = [line for line in lines if line.startswith("missing (optional): libatomic.so.1")]
    assert problems
    assert all(line.endswith(", which the tests start) -> apt-get install libatomic1") for line in problems)
    from briefpress.checks.doctor import main

    monkeypatch.chdir(project_dir)
    assert main() == 1, "the set-up wants everything the tests start"


def test_a_missing_optional_tool_is_a_warning(project_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("briefpress.checks.doctor.CHROMIUM", project_dir / "no-chromium")
    code, lines = _doctor(project_dir)
    assert code == 0
    assert (
        f"missing (optional): {project_dir / 'no-chromium'}, for the browser tests -> apt-get install chromium" in lines
    )


def test_an_unsupported_platform_is_reported(project_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("briefpress.builds.workers.resource", None)
    code, lines = _doctor(project_dir)
    assert code == 1
    assert lines[0].startswith("missing: fork() and the resource module, for the workers -> briefpress needs a POSIX")
