"""Hostile and careless input: the rooted fetcher, template folders, size caps, strict warnings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import REPO, child_env, run

from briefpress.content.yamlread import MAX_BYTES as MAX_YAML_BYTES
from briefpress.content.yamlread import read_yaml
from briefpress.pdf.fetch import MAX_BYTES, RootedFetcher

SECRET = "TOP-SECRET-1234"


@pytest.fixture
def fetcher(tmp_path: Path) -> RootedFetcher:
    root = tmp_path / "project"
    root.mkdir()
    (root / "ok.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text(SECRET)
    return RootedFetcher([root])


def test_fetcher_serves_project_files_and_data_urls(fetcher):
    root = fetcher.roots[0]
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p { color: red }"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "outside the project"),
        ("file://{root}/../secret.txt", "outside the project"),
        ("file://{root}/%2e%2e/secret.txt", "outside the project"),
        ("file://{root}/%2E%2E%2Fsecret.txt", "outside the project"),
        ("http://127.0.0.1:9/x.png", "only project files"),
        ("https://example.invalid/x.css", "only project files"),
        ("ftp://127.0.0.1/x", "only project files"),
        ("file://otherhost{root}/ok.css", "only project files"),
        ("file:///dev/zero", "outside the project"),
        ("file://{root}", "not a regular file"),
    ],
)
def test_fetcher_refuses(fetcher, url, reason):
    with pytest.raises(ValueError, match=reason):
        fetcher.fetch(url.format(root=fetcher.roots[0]))


def test_fetcher_refuses_symlink_escapes_and_huge_files(fetcher, tmp_path):
    root = fetcher.roots[0]
    (root / "link.css").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(ValueError, match="outside the project"):
        fetcher.fetch((root / "link.css").as_uri())
    huge = root / "huge.png"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ValueError, match="larger than"):
        fetcher.fetch(huge.as_uri())


def test_template_cannot_attach_or_embed_files_outside_the_project(project_dir, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"  # project_dir is tmp_path: not inside it
    secret.write_text(SECRET)
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.html.j2").write_text(
        '{% extends "!base/layouts/sheet.html.j2" %}{% block body %}'
        f'<link rel="attachment" href="file://{secret}"><img alt="x" src="file://{secret}">'
        '<img alt="y" src="http://127.0.0.1:9/pixel.png">{{ super() }}{% endblock %}'
    )
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 1
    assert f"Failed to load attachment: ValueError: refused 'file://{secret}': outside the project" in result.output
    assert f"Failed to load image at 'file://{secret}': ValueError: refused 'file://{secret}': outside" in result.output
    assert "refused 'http://127.0.0.1:9/pixel.png': only project files and data: URLs are allowed" in result.output
    assert SECRET not in result.output
    assert not list(project_dir.rglob("*.pdf"))  # the failed target wrote nothing that could hold the secret


def test_template_symlinked_outside_the_template_folders_is_refused(project_dir, tmp_path):
    outside = tmp_path / "outside.html.j2"
    outside.write_text(SECRET)
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.html.j2").symlink_to(outside)
    result = run(project_dir, "build", "--lang", "en", "--layout", "sheet", "--style", "formal", "--paper", "a4")
    assert result.exit_code == 1
    assert f"template: {layouts / 'sheet.html.j2'} leads outside the template folders; refused" in result.output
    assert SECRET not in result.output
    assert not list(project_dir.rglob("*.pdf"))
    check = run(project_dir, "check")
    assert check.exit_code == 1
    assert "leads outside the template folders; refused" in check.output
    assert SECRET not in check.output


def test_oversized_content_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("title: " + "x" * MAX_YAML_BYTES + "\n")
    doc, problems = read_yaml(path)
    assert doc.data is None
    assert [problem.message for problem in problems] == ["the file is larger than 1024 KiB; not read"]


def test_warnings_are_shown_and_strict_makes_them_errors(project_dir):
    themes = project_dir / "styles" / "themes"
    themes.mkdir(parents=True)
    formal = REPO / "styles" / "themes" / "formal.css"
    (themes / "house.css").write_text(formal.read_text() + "\np { colour: red; }\n")
    args = ["build", "--lang", "en", "--layout", "sheet", "--style", "house", "--paper", "a4"]
    relaxed = run(project_dir, *args)
    assert relaxed.exit_code == 0, relaxed.output
    assert "warning: china-lac-2021/en/sheet-house-a4: Ignored `colour: red`" in relaxed.output
    pdf = project_dir / "dist" / "china-lac-2021" / "en" / "sheet-house-a4.pdf"
    before = pdf.read_bytes()
    strict = run(project_dir, *args, "--strict")
    assert strict.exit_code == 1
    assert "error: china-lac-2021/en/sheet-house-a4: Ignored `colour: red`" in strict.output
    assert pdf.read_bytes() == before  # the earlier good PDF is kept
    assert not [name for name in os.listdir(pdf.parent) if name.endswith(".tmp")]


@pytest.mark.parametrize(("signum", "code"), [(15, 143), (2, 130)])
def test_interrupted_build_leaves_no_partial_pdf(project_dir, signum, code):
    import subprocess
    import sys
    import time

    out = project_dir / "dist" / "china-lac-2021"
    command = [sys.executable, "-m", "briefpress", "--project", str(project_dir), "build", "--layout", "brief,handout"]
    process = subprocess.Popen(
        command, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while not list(out.rglob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # somewhere inside the next target
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr
    pdfs = list(out.rglob("*.pdf"))
    assert pdfs  # some were finished before the signal
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        assert data.rstrip().endswith(b"%%EOF")
    assert not [path for path in out.rglob("*") if path.name.endswith(".tmp")]
