"""The machine: every program the suite starts finds its shared libraries; an unsupported platform gets a sentence."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefpress.checks.doctor import MissingLibrary, missing_libraries, not_found, suite_programs

# ldd's listing for Playwright's node on a minimal Debian 12 without libatomic1.
LDD_WITHOUT_LIBATOMIC = """\
\tlinux-vdso.so.1 (0x00007ffd5a1f2000)
\tlibatomic.so.1 => not found
\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f0e6c9d1000)
\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f0e6c600000)
\tlibgcc_s.so.1 => /lib/x86_64-linux-gnu/libgcc_s.so.1 (0x00007f0e6c9b1000)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e6c41f000)
\tlibnotinthetable.so.3 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f0e6ca08000)
"""


def test_every_program_the_suite_starts_finds_its_shared_libraries():
    programs = suite_programs()
    assert programs, "found none of the programs the suite starts (node, chromium, pdftoppm, qpdf, mutool, gs)"
    missing = missing_libraries(programs)
    lines = [f"{problem.program}: {problem.soname} not found -> {problem.fix}" for problem in missing]
    assert not lines, "\n".join(lines)


def test_ldd_not_found_lines_name_each_library_and_its_debian_package():
    assert not_found(LDD_WITHOUT_LIBATOMIC) == ["libatomic.so.1", "libnotinthetable.so.3"]
    known, unknown = (MissingLibrary(Path("node"), soname) for soname in not_found(LDD_WITHOUT_LIBATOMIC))
    assert known.fix == "apt-get install libatomic1"
    assert unknown.package is None
    assert unknown.fix == "find its package with apt-file search libnotinthetable.so.3"


def test_the_guard_reads_what_ldd_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    captured = tmp_path / "ldd-output.txt"
    captured.write_text(LDD_WITHOUT_LIBATOMIC)
    ldd = tmp_path / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat {captured}\n")
    ldd.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    program = Path("/usr/lib/chromium/chromium")
    assert missing_libraries([program]) == [
        MissingLibrary(program, "libatomic.so.1"),
        MissingLibrary(program, "libnotinthetable.so.3"),
    ]


def test_a_script_is_checked_through_its_interpreter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shell = tmp_path / "own-sh"  # an interpreter only this script names
    shutil.copy("/bin/sh", shell)
    script = tmp_path / "chromium"
    script.write_text(f'#!{shell}\nexec /usr/lib/chromium/chromium "$@"\n')
    monkeypatch.setattr("briefpress.checks.doctor.CHROMIUM", script)
    programs = suite_programs()
    assert shell in programs
    assert script not in programs


def test_a_system_without_the_resource_module_gets_one_sentence(project_dir: Path):
    run = "import sys; sys.modules['resource'] = None; from briefpress.cli.commands import main; main(sys.argv[1:])"
    result = subprocess.run(
        [sys.executable, "-c", run, "-C", str(project_dir), "build", "--lang", "en", "--layout", "sheet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        "error: briefpress needs a POSIX system with fork() and the resource module (Linux or macOS); "
        f"this one ({sys.platform}) lacks the resource module"
    ]
    assert not (project_dir / "dist").exists() or not any((project_dir / "dist").rglob("*.pdf"))
