"""`preview`: the local server, its index as the build goes, its refusals, and pages that update in Chromium."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import REPO, edit, run

from briefpress.builds.plan import Selection
from briefpress.builds.session import Options, Session, make_executor
from briefpress.cli.preview import STATE_PATH, Preview, PreviewServer, Snapshot, Thumbnails, resolve_below
from briefpress.project import Project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ONE_SHEET = ["--lang", "en", "--layout", "sheet", "--style", "modern", "--paper", "a4"]
OVERVIEW = "Replace this paragraph with an overview of the article"
MODERN, FORMAL, ECONOMY = "demo/en/sheet-modern-a4", "demo/en/sheet-formal-a4", "demo/en/sheet-economy-a4"


class Running:
    """``briefpress preview`` in a subprocess, as a user starts it."""

    def __init__(self, root: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefpress", "-C", str(root), "preview", *args],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            # A shell starts background jobs with Ctrl-C ignored; a person's terminal does not.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.errors: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=lambda: self.errors.extend(self.process.stderr), daemon=True),
        ]
        for reader in self.readers:
            reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 120) -> re.Match:
        """Return the match of the first output line matching ``pattern``."""
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                _, err = self.stop()
                pytest.fail(f"no line matching {pattern!r}; stderr: {err}")
            if match := re.search(pattern, line):
                return match

    def serving(self) -> tuple[str, int]:
        match = self.wait_for(r"^serving http://([\d.]+):(\d+)/ \(Ctrl-C to stop\)$")
        return match[1], int(match[2])

    def stop(self) -> tuple[int, str]:
        """Press Ctrl-C; return the exit code and what went to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self.readers:
            reader.join(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()
        return self.process.returncode, "".join(self.errors)


def get(port: int, path: str, method: str = "GET", host: str = "127.0.0.1") -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", f"{host}:{port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_resolve_below_refuses_everything_outside(tmp_path):
    root = tmp_path / "dist"
    (root / "demo").mkdir(parents=True)
    (root / "demo" / "a.pdf").write_bytes(b"%PDF-")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "demo" / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert resolve_below(root, "/demo/a.pdf") == (root / "demo" / "a.pdf").resolve()
    assert resolve_below(root, "/demo/%61.pdf") == (root / "demo" / "a.pdf").resolve()
    for path in (
        "/../secret.txt",
        "/demo/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/demo%2f..%2f..%2fsecret.txt",
        "//" + str(tmp_path / "secret.txt").lstrip("/"),
        "/demo/link.txt",
        "/demo\\..\\..\\secret.txt",
        "/demo/a.pdf%00",
        "/demo",
        "relative/a.pdf",
    ):
        assert resolve_below(root, path) is None, path


@pytest.mark.pdf
def test_server_is_local_refuses_paths_out_and_stops_on_ctrl_c(demo, tmp_path):
    (tmp_path / "secret.txt").write_text("secret")
    running = Running(demo, "--port", "0", *ONE_SHEET)
    host, port = running.serving()
    try:
        running.wait_for(r"^built 1 of 1 target \(\d+\.\d s\)$", timeout=60)  # after "serving", not before
        assert host == "127.0.0.1"
        with pytest.raises(ConnectionRefusedError):  # bound to 127.0.0.1 only, not to all of 127/8
            socket.create_connection(("127.0.0.2", port), timeout=5).close()
        (demo / "dist" / "demo" / "link.txt").symlink_to(tmp_path / "secret.txt")
        outside = ("/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "//etc/passwd", "/demo/link.txt")
        for path in outside:
            status, _, body = get(port, path)
            assert (status, body) == (404, b"not found\n"), path
        assert get(port, "/", method="POST")[0] == 405
        assert get(port, "/", host="attacker.example")[0] == 403  # DNS rebinding
        assert get(port, "/", host="[::1")[0] == 403  # a name no URL can hold
        for _ in range(3):  # clients that reset their connection mid-request: nothing to report
            reset = socket.create_connection(("127.0.0.1", port), timeout=5)
            reset.sendall(b"GET /demo/en/sheet-mod")
            time.sleep(0.1)
            reset.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            reset.close()
        status, headers, body = get(port, "/demo/en/sheet-modern-a4.html")
        policy = headers["Content-Security-Policy"]  # an output page runs only the preview's own script
        nonce = re.search(r"script-src 'nonce-([\w-]+)'", policy)[1]
        assert f'<script nonce="{nonce}"'.encode() in body
        assert "default-src 'none'" in policy
        status, headers, body = get(port, "/demo/en/sheet-modern-a4.pdf")
        assert (status, headers["Content-Type"]) == (200, "application/pdf")
        assert body.startswith(b"%PDF-")
    finally:
        code, err = running.stop()
    assert code == 0
    assert "Traceback" not in err
    assert "Exception occurred during processing" not in err
    assert running.wait_for("^stopped$", timeout=5)


@pytest.mark.pdf
def test_serves_before_the_first_build_ends_and_ctrl_c_stops_it(demo):
    twelve = ["--layout", "sheet,brief", "--style", "formal,modern,economy", "--paper", "a4,letter"]
    running = Running(demo, "--port", "0", *twelve)
    _, port = running.serving()
    try:
        status, _, page = get(port, "/")
        html = page.decode("utf-8")
        assert status == 200
        assert html.count('<li class="target ') == 12  # every planned target, from the start
        assert "Build 1: " in html
        assert "12 targets built" not in html
    finally:
        code, err = running.stop()
    assert code == 0, err
    assert "Traceback" not in err
    assert running.wait_for("^stopped$", timeout=5)
    assert running.lines.empty()  # no summary of a build that was stopped
    assert len(list((demo / "dist").rglob("*.pdf"))) < 12  # it stopped at its next target, not at the end


def test_a_port_in_use_is_a_clear_error(demo):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(demo, "preview", "--port", str(port), *ONE_SHEET)
    assert result.exit_code == 1
    assert result.output == (
        f"error: cannot serve on 127.0.0.1:{port}: the port is in use; "
        "choose another with --port, or --port 0 for a free one\n"
    )


def test_index_shows_a_failed_target_with_its_error_and_content_errors(demo):
    """A broken template fails its target; invalid content fails the whole build: both are shown."""
    layouts = demo / "templates" / "layouts"
    layouts.mkdir(parents=True)
    (layouts / "sheet.html.j2").write_text(
        '{% extends "!base/layouts/sheet.html.j2" %}{% block body %}{{ doc.nope }}{% endblock %}'
    )
    selection = Selection(("demo",), ("en",), ("sheet",), ("modern",), ("a4",))
    preview = Preview(Session(Project.at(demo), selection, demo / "dist"))
    preview.rebuild()
    server = PreviewServer(("127.0.0.1", 0), preview, Thumbnails(demo))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        _, _, page = get(port, "/")
        html = page.decode("utf-8")
        assert '<li class="target failed" id="demo/en/sheet-modern-a4"' in html
        assert "demo/en/sheet-modern-a4: template: " in html
        assert "has no attribute &#39;nope&#39;" in html
        assert 'class="pdf"' not in html

        edit(demo / "content" / "demo" / "text" / "en.yaml", "short_title:", "short_titel:")
        preview.rebuild()
        html = get(port, "/")[2].decode("utf-8")
        assert "text/en.yaml:" in html
        assert "short_titel: unknown field (a typo?)" in html
        assert '<pre class="errors" id="errors">' in html
        assert "Build 2: 0 of 0 targets" in html
    finally:
        server.shutdown()
        server.server_close()


class Held:
    """A preview on a free port whose builds hold each rendered target back until the test lets it through.

    It is the preview's executor: real workers render, and each result waits
    at a gate, so the test sees the build as slow as it likes.
    """

    def __init__(self, root: Path, selection: Selection) -> None:
        project = Project.at(root)
        self.pool = make_executor(project, Options(jobs=1)).start()  # forked before any thread starts
        self.peak_rss_mib = self.pool.peak_rss_mib
        self.gate = threading.Semaphore(0)
        self.preview = Preview(Session(project, selection, root / "dist", executor=self))
        self.server = PreviewServer(("127.0.0.1", 0), self.preview, Thumbnails(root))
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.threads = [threading.Thread(target=self.server.serve_forever, daemon=True)]
        self.threads[0].start()

    def run(self, payloads, started=None) -> Iterator:
        for done in self.pool.run(payloads, started):
            assert self.gate.acquire(timeout=120), "the test never let the target through"
            yield done

    def rebuild(self) -> None:
        """Start a build in the background, as serve() does, and wait until its targets are planned."""
        generation = self.preview.snapshot.generation
        self.threads.append(threading.Thread(target=self.preview.rebuild, daemon=True))
        self.threads[-1].start()
        self.until(lambda snapshot: snapshot.generation > generation and snapshot.phase != "planning")

    def let_through(self, count: int = 1) -> None:
        for _ in range(count):
            self.gate.release()

    def until(self, check: Callable[[Snapshot], bool], timeout: float = 120) -> Snapshot:
        """Return the first snapshot for which ``check`` holds."""
        deadline = time.monotonic() + timeout
        while not check(snapshot := self.preview.snapshot):
            assert time.monotonic() < deadline, snapshot
            self.preview.wait(snapshot.version, 1)
        return snapshot

    def statuses(self) -> dict[str, str]:
        return {str(state.target): state.status for state in self.preview.snapshot.targets}

    def index(self) -> str:
        status, _, page = get(self.port, "/")
        assert status == 200
        return page.decode("utf-8")

    def state(self) -> dict:
        status, headers, body = get(self.port, STATE_PATH)
        assert (status, headers["Content-Type"]) == (200, "application/json")
        return json.loads(body)

    def close(self) -> None:
        self.preview.close()
        self.let_through(100)
        for thread in self.threads[1:]:
            thread.join(timeout=60)
        self.server.shutdown()
        self.server.server_close()
        self.pool.close()


@pytest.fixture
def held(demo: Path) -> Iterator[Callable[..., Held]]:
    """Return a maker of held previews of ``demo``; every one is closed at the end."""
    made: list[Held] = []

    def make(*styles: str) -> Held:
        made.append(Held(demo, Selection(("demo",), ("en",), ("sheet",), styles, ("a4",))))
        return made[-1]

    yield make
    for each in made:
        each.close()


def card(html: str, name: str) -> str:
    """Return the index's card of the target ``name``."""
    match = re.search(rf'<li class="[^"]*" id="{re.escape(name)}".*?</li>', html, re.DOTALL)
    assert match, f"no card for {name}"
    return match[0]


@pytest.mark.pdf
def test_index_answers_during_the_first_build_and_fills_in_as_targets_finish(held):
    preview = held("modern", "formal")
    preview.rebuild()
    html = preview.index()  # nothing is built yet: every planned target is listed, waiting
    assert "Build 1: 0 of 2 targets done" in html
    assert "<img" not in html
    assert '<p class="status">waiting</p>' in card(html, FORMAL)

    preview.until(lambda snapshot: snapshot.targets[0].status == "building")
    html = preview.index()
    assert card(html, MODERN).startswith('<li class="target building"')
    assert '<p class="status">building</p>' in card(html, MODERN)
    assert card(html, FORMAL).startswith('<li class="target waiting"')
    state = preview.state()
    assert [(each["id"], each["status"]) for each in state["targets"]] == [(MODERN, "building"), (FORMAL, "waiting")]
    assert state["phase"] == "building"

    preview.let_through()
    preview.until(lambda snapshot: snapshot.targets[1].status == "building")  # the worker took the next one
    html = preview.index()
    assert preview.statuses() == {MODERN: "built", FORMAL: "building"}
    assert 'class="pdf" href="/demo/en/sheet-modern-a4.pdf"' in card(html, MODERN)
    assert '<p class="status">' not in card(html, MODERN)
    assert "<img" not in card(html, FORMAL)
    status, headers, png = get(preview.port, f"/_preview/thumb/{MODERN}.pdf")
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert png.startswith(b"\x89PNG")
    assert [each["status"] for each in preview.state()["targets"]] == ["built", "building"]

    preview.let_through()
    preview.until(lambda snapshot: snapshot.phase == "done")
    html = preview.index()
    assert "Build 1: 2 of 2 targets built in" in html
    assert html.count('<img src="/_preview/thumb/') == 2


@pytest.mark.pdf
def test_up_to_date_targets_show_built_at_once_and_a_rebuild_shows_the_old_outputs(held, demo):
    first = held("modern", "formal")
    first.rebuild()
    first.let_through(2)
    first.until(lambda snapshot: snapshot.phase == "done")
    first.close()

    # A new preview of the same folder: two targets are up to date, one is new.
    preview = held("modern", "formal", "economy")
    preview.rebuild()
    snapshot = preview.until(lambda snapshot: snapshot.targets[2].status == "building")
    assert preview.statuses() == {MODERN: "built", FORMAL: "built", ECONOMY: "building"}
    html = preview.index()
    assert '<img src="/_preview/thumb/demo/en/sheet-modern-a4.pdf?v=0"' in card(html, MODERN)
    assert "<img" not in card(html, ECONOMY)
    preview.let_through()
    preview.until(lambda snapshot: snapshot.phase == "done")

    # A change rebuilds all three: each keeps showing its old files, marked, until its new ones are written.
    edit(demo / "content" / "demo" / "text" / "en.yaml", OVERVIEW, "The edited overview sentence")
    before = card(preview.index(), ECONOMY)
    preview.rebuild()
    preview.until(lambda snapshot: snapshot.targets[0].status == "building")
    html = preview.index()
    for name in (MODERN, FORMAL, ECONOMY):
        assert 'class="pdf"' in card(html, name)
        assert "rebuilding" in card(html, name)
    assert card(html, MODERN).startswith('<li class="target building rebuilding"')
    assert '<p class="status">rebuilding: waiting</p>' in card(html, FORMAL)
    assert re.search(r'<img src="[^"]*"', before)[0] in card(html, ECONOMY)  # the same picture as before

    preview.let_through()
    preview.until(lambda snapshot: snapshot.targets[0].status == "built")
    html = preview.index()
    assert "rebuilding" not in card(html, MODERN)
    assert "rebuilding" in card(html, FORMAL)
    new = int(re.search(r"sheet-modern-a4\.pdf\?v=(\d+)", card(html, MODERN))[1])
    assert new > snapshot.version  # a new picture: the file changed
    assert "The edited overview sentence" in (demo / "dist" / f"{MODERN}.html").read_text(encoding="utf-8")
    preview.let_through(2)
    preview.until(lambda snapshot: snapshot.phase == "done")
    html = preview.index()
    assert not any("rebuilding" in card(html, name) for name in (MODERN, FORMAL, ECONOMY))


def _chromium():
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (setup.sh does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is missing: pip install playwright (the test extra has it)")
    return sync_playwright


@pytest.mark.pdf
def test_pages_reload_in_chromium_when_content_changes(demo):
    sync_playwright = _chromium()
    from playwright.sync_api import expect

    running = Running(demo, "--port", "0", *ONE_SHEET)
    _, port = running.serving()
    index = f"http://127.0.0.1:{port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(index)
                thumbnail = page.locator("li.target img")
                expect(thumbnail).to_have_count(1, timeout=60_000)  # the first build runs while the page is open
                page.wait_for_function("document.querySelector('li.target img').complete", timeout=30_000)
                assert thumbnail.evaluate("img => img.naturalWidth") > 0

                pdf = page.request.get(index + page.locator("a.pdf").get_attribute("href").lstrip("/"))
                assert pdf.status == 200
                assert pdf.headers["content-type"] == "application/pdf"
                assert pdf.body().startswith(b"%PDF-")

                other = browser.new_page()
                other.goto(index)
                expect(other.locator("p.build")).to_contain_text("Build 1:")

                page.locator("a.html").click()
                expect(page.locator("section.overview")).to_contain_text(OVERVIEW)
                page.evaluate("window.notReloaded = true")

                edit(demo / "content" / "demo" / "text" / "en.yaml", OVERVIEW, "The edited overview sentence")
                expect(page.locator("section.overview")).to_contain_text("The edited overview sentence", timeout=60_000)
                assert page.evaluate("window.notReloaded === undefined")  # a new document: the page reloaded
                expect(other.locator("p.build")).to_contain_text("Build 2:", timeout=30_000)
            finally:
                browser.close()
    finally:
        code, err = running.stop()
    assert code == 0, err
    assert running.wait_for(r"^changed: content/demo/text/en\.yaml; rebuilding$", timeout=5)


@pytest.mark.pdf
def test_a_page_opened_during_the_first_build_shows_each_target_as_it_finishes(held):
    sync_playwright = _chromium()
    from playwright.sync_api import expect

    preview = held("modern", "formal")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            preview.rebuild()
            page = browser.new_page()
            page.goto(preview.url)
            expect(page.locator("li.target")).to_have_count(2)
            expect(page.locator("li.target img")).to_have_count(0)
            page.evaluate("window.notReloaded = true")
            expect(page.locator(f'li[id="{MODERN}"]')).to_have_class("target building", timeout=60_000)
            expect(page.locator(f'li[id="{FORMAL}"] p.status')).to_have_text("waiting")

            preview.let_through()
            modern = page.locator(f'li[id="{MODERN}"]')
            expect(modern).to_have_class("target built", timeout=60_000)
            page.wait_for_function(
                f"document.querySelector('li[id=\"{MODERN}\"] img')?.complete", timeout=30_000
            )
            assert modern.locator("img").evaluate("img => img.naturalWidth") > 0
            expect(page.locator(f'li[id="{FORMAL}"]')).to_have_class("target building")
            expect(page.locator("p.build")).to_contain_text("1 of 2 targets done")

            preview.let_through()
            expect(page.locator("li.target img")).to_have_count(2, timeout=60_000)
            expect(page.locator("p.build")).to_contain_text("Build 1: 2 of 2 targets built")
            assert page.evaluate("window.notReloaded === true")  # updated in place, never reloaded
        finally:
            browser.close()
