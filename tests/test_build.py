"""Building: the cache, parallel and distributed workers, resource limits, progress."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, SAMPLE, briefpress, child_env, edit, pdf_text, run, sigint_reaches_child

from briefpress.builds.cache import MANIFEST, catalog_path
from briefpress.builds.session import Outcome
from briefpress.cli.progress import TerminalProgress
from briefpress.render.catalogs import po_path
from briefpress.target import Target

pytestmark = pytest.mark.pdf
SHEETS = ["--layout", "sheet", "--style", "modern", "--paper", "a4"]
SUMMARY = re.compile(r"^(\d+) targets?: (\d+) built, (\d+) unchanged, (\d+) failed; in ", re.M)


def counts(output: str) -> tuple[int, int, int, int]:
    match = SUMMARY.search(output)
    assert match, output
    return tuple(int(n) for n in match.groups())


def digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


@pytest.fixture
def own_styles(project_dir: Path) -> Path:
    """The sample project with its own copies of the modern theme and the Spanish catalog."""
    (project_dir / "styles" / "themes").mkdir(parents=True)
    shutil.copy(REPO / "styles" / "themes" / "modern.css", project_dir / "styles" / "themes" / "modern.css")
    shutil.copytree(REPO / "locale" / "es", project_dir / "locale" / "es")
    return project_dir


def test_unchanged_targets_are_skipped_and_each_input_invalidates_its_own(own_styles):
    root = own_styles
    text = root / "content" / SAMPLE.name / "text"
    build = ("build", "--lang", "en,es,zh-Hans", *SHEETS)
    assert counts(run(root, *build).output) == (3, 3, 0, 0)
    assert counts(run(root, *build).output) == (3, 0, 3, 0)
    # A catalog: only its language.
    po = root / "locale" / "es" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert counts(run(root, *build).output) == (3, 1, 2, 0)
    # A language's text: that language only.
    (text / "es.yaml").write_text((text / "es.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert counts(run(root, *build).output) == (3, 1, 2, 0)
    # What a translation was made from: that language only (a field marked stale or current).
    (text / "zh-Hans.digests").write_text((text / "zh-Hans.digests").read_text(encoding="utf-8") + "\n")
    assert counts(run(root, *build).output) == (3, 1, 2, 0)
    # The base language's text: every language falls back to it.
    (text / "en.yaml").write_text((text / "en.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert counts(run(root, *build).output) == (3, 3, 0, 0)
    # A style: every target in it.
    theme = root / "styles" / "themes" / "modern.css"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n/* a comment */\n", encoding="utf-8")
    assert counts(run(root, *build).output) == (3, 3, 0, 0)
    # --force rebuilds what is unchanged.
    assert counts(run(root, *build, "--force").output) == (3, 3, 0, 0)


def test_a_deleted_output_or_a_damaged_manifest_means_a_rebuild(project_dir):
    build = ("build", "--lang", "en", *SHEETS)
    assert counts(run(project_dir, *build).output) == (1, 1, 0, 0)
    pdf = project_dir / "dist" / SAMPLE.name / "en" / "sheet-modern-a4.pdf"
    pdf.unlink()
    assert counts(run(project_dir, *build).output) == (1, 1, 0, 0)
    (project_dir / "dist" / MANIFEST).write_text("{not json", encoding="utf-8")
    assert counts(run(project_dir, *build).output) == (1, 1, 0, 0)
    assert counts(run(project_dir, *build).output) == (1, 0, 1, 0)


def test_a_failed_target_is_built_again_next_time(project_dir):
    build = ("build", "--lang", "en", *SHEETS)
    layout = project_dir / "templates" / "layouts"
    layout.mkdir(parents=True)
    (layout / "sheet.html.j2").write_text("{{ undefined_name }}", encoding="utf-8")
    assert counts(run(project_dir, *build).output) == (1, 0, 0, 1)
    (layout / "sheet.html.j2").unlink()
    assert counts(run(project_dir, *build).output) == (1, 1, 0, 0)


def test_a_no_op_build_loads_no_content_and_no_weasyprint(project_dir):
    build = ["build", "--lang", "en", *SHEETS]
    assert run(project_dir, *build).exit_code == 0
    script = (
        "import sys\n"
        "from briefpress.cli.commands import main\n"
        f"try:\n    main({build!r}, project={str(project_dir)!r})\n"
        "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        "print(sorted(m for m in ('weasyprint', 'pydantic', 'yaml', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    assert "1 target: 0 built, 1 unchanged, 0 failed" in result.stdout
    assert result.stdout.splitlines()[-1] == "[]"


def test_parallel_and_serial_builds_give_the_same_bytes(project_dir, tmp_path):
    build = ("build", "--lang", "en,zh-Hans", "--layout", "sheet,handout", "--style", "modern", "--paper", "a4")
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    first = run(project_dir, *build, "--jobs", "1", "--out", str(serial))
    second = run(project_dir, *build, "--jobs", "2", "--out", str(parallel))
    assert counts(first.output) == counts(second.output) == (4, 4, 0, 0)
    assert digests(serial) == digests(parallel)
    assert len(digests(serial)) == 10  # 4 PDFs, 4 HTML files, 2 booklets


def test_messages_come_in_plan_order_whatever_finishes_first(project_dir):
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "broken.html.j2").write_text("{{ nothing_here }}", encoding="utf-8")
    result = run(project_dir, "build", "--lang", "es,en", "--layout", "broken,sheet", "--style", "modern,formal",
                 "--paper", "a4", "--jobs", "2")
    failed = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert [line.split(":")[1].strip() for line in failed] == [
        f"{SAMPLE.name}/es/broken-modern-a4",
        f"{SAMPLE.name}/es/broken-formal-a4",
        f"{SAMPLE.name}/en/broken-modern-a4",
        f"{SAMPLE.name}/en/broken-formal-a4",
    ]
    assert counts(result.output) == (8, 4, 0, 4)


def test_a_target_over_the_time_limit_fails_alone(project_dir):
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    # Tens of thousands of table rows: far longer to lay out than the limit.
    (layouts / "slow.html.j2").write_text(
        '<html lang="en"><head><title>t</title></head><body><table>'
        "{% for i in range(60000) %}<tr><td>{{ i }}</td><td>row</td></tr>{% endfor %}"
        "</table></body></html>",
        encoding="utf-8",
    )
    result = run(project_dir, "build", "--lang", "en", "--layout", "slow,sheet", "--style", "modern", "--paper", "a4",
                 "--time-limit", "10")
    assert result.exit_code == 1
    assert f"error: {SAMPLE.name}/en/slow-modern-a4: exceeded the time limit of 10 s; stopped" in result.output
    assert counts(result.output) == (2, 1, 0, 1)
    out = project_dir / "dist" / SAMPLE.name / "en"
    assert sorted(path.name for path in out.iterdir()) == ["sheet-modern-a4.html", "sheet-modern-a4.pdf"]


def test_a_target_over_the_memory_limit_fails_alone(project_dir):
    layouts = project_dir / "templates" / "layouts"
    layouts.mkdir(parents=True)
    greedy = "{% set held = [] %}{% for i in range(3000) %}{% set _ = held.append('x' * 999999 ~ i) %}{% endfor %}"
    (layouts / "greedy.html.j2").write_text(greedy + "{{ held | length }}", encoding="utf-8")
    result = run(project_dir, "build", "--lang", "en", "--layout", "greedy,sheet", "--style", "modern",
                 "--paper", "a4", "--memory-limit", "1536")
    assert result.exit_code == 1
    assert f"error: {SAMPLE.name}/en/greedy-modern-a4: exceeded the memory limit of 1536 MiB" in result.output
    assert counts(result.output) == (2, 1, 0, 1)
    assert "Traceback" not in result.output


def test_dask_cluster_gives_the_same_bytes_as_a_local_build(project_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    build = ("build", "--lang", "en,zh-Hans", "--layout", "sheet", "--style", "modern", "--paper", "a4")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert counts(run(project_dir, *build, "--out", str(local)).output) == (2, 2, 0, 0)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run(project_dir, *build, "--out", str(remote), "--scheduler", cluster.scheduler_address)
    assert counts(result.output) == (2, 2, 0, 0), result.output
    assert digests(local) == digests(remote)


def test_an_unreachable_scheduler_is_one_clear_error(project_dir):
    pytest.importorskip("distributed")
    result = run(project_dir, "build", "--lang", "en", *SHEETS, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert len(result.output.strip().splitlines()) == 1


def test_catalog_paths_match_the_catalog_reader():
    for lang in ("es", "pt-BR", "zh-Hans", "en"):
        assert catalog_path(REPO / "locale", lang) == po_path(REPO / "locale", lang)


def test_terminal_progress_shows_done_of_total_and_what_is_in_flight():
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    first, second = Target("b", "en", "sheet", "modern", "a4"), Target("b", "es", "sheet", "modern", "a4")
    unchanged, fourth = Target("b", "pt-BR", "sheet", "modern", "a4"), Target("b", "zh-Hans", "sheet", "modern", "a4")
    progress.planned([first, second, unchanged, fourth], [unchanged])
    progress.started(first)
    progress.started(second)
    progress.finished(Outcome(first, "failed", "broken"))
    lines = stream.getvalue().split("\r\x1b[K")
    assert lines[-2].endswith("] 1/4  en/sheet-modern-a4, es/sheet-modern-a4")
    assert lines[-1] == "[############............] 2/4, 1 failed  es/sheet-modern-a4"
    progress.finished(Outcome(second, "built"))
    assert stream.getvalue().endswith("3/4, 1 failed  ")


def test_build_summary_counts_reach_the_user_as_a_process(project_dir):
    args = ["-C", str(project_dir), "build", "--lang", "en", *SHEETS]
    first = briefpress(*args)
    second = briefpress(*args)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr
    assert counts(first.stdout) == (1, 1, 0, 0)
    assert counts(second.stdout) == (1, 0, 1, 0)


def test_watch_rebuilds_the_edited_target_until_ctrl_c(project_dir):
    import signal
    import threading

    env = child_env()
    args = [sys.executable, "-m", "briefpress", "-C", str(project_dir), "watch", "--lang", "en,es", *SHEETS]
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, preexec_fn=sigint_reaches_child
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()

    def wait_for(text: str, times: int = 1, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while sum(text in line for line in lines) < times:
            assert process.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)

    try:
        wait_for("watching ")
        assert any("2 targets: 2 built, 0 unchanged, 0 failed" in line for line in lines)
        english = project_dir / "content" / SAMPLE.name / "text" / "en.yaml"
        edit(english, "overview: >-", "overview: >-\n  Reached by watch.")
        wait_for("changed: ")
        wait_for("2 targets: 2 built, 0 unchanged, 0 failed; in ", times=2)
        pdf = project_dir / "dist" / SAMPLE.name / "en" / "sheet-modern-a4.pdf"
        assert "Reached by watch. Writing after" in pdf_text(pdf)  # a sheet: one page
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(30)
        reader.join(5)
        process.stdout.close()
    assert code == 0, "".join(lines)
    assert lines[-1].strip() == "stopped"
    assert "Traceback" not in "".join(lines)
