"""Preview: serve at once, build in the background, update open pages as each target finishes.

The server answers GET only, and only for files below the output folder
(``..``, absolute paths and symlinks leading out get 404), plus the index
page (``/``), the state it shows as JSON (``/_preview/state.json``),
first-page thumbnails (``/_preview/thumb/<pdf>``) and the change events
(``/events``, Server-Sent Events). The index lists every planned target as
waiting, building, built or failed and updates each card in place; a
target's HTML page reloads once its target is rebuilt.
"""

from __future__ import annotations

import dataclasses
import errno
import ipaddress
import json
import mimetypes
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote, urlsplit

import jinja2

from briefpress.builds.session import Outcome, Plan, Session
from briefpress.cli.watch import watch_sources
from briefpress.errors import BriefpressError, BuildError, counted
from briefpress.project import Project
from briefpress.target import Target

WEB = Path(__file__).resolve().parent.parent / "web"
THUMB_PREFIX = "/_preview/thumb/"
STATE_PATH = "/_preview/state.json"
HEARTBEAT_SECONDS = 15.0
PLAN_SECONDS = 30.0  # how long serving waits for the first plan before it answers anyway
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
Echo = Callable[[str], None]
Status = Literal["waiting", "building", "built", "failed"]
Phase = Literal["planning", "building", "done"]


@dataclass(frozen=True)
class TargetState:
    """One target as the index shows it: how far it is, which files it shows, why it failed."""

    target: Target
    pdf: str  # path below the output folder, with forward slashes
    status: Status = "waiting"
    error: str | None = None  # why it failed (the card names the target)
    output: int | None = None  # the change that wrote the files shown (0: found on disk); None: nothing to show
    changed: int = 0  # the change that last touched this state

    @property
    def html(self) -> str:
        return self.pdf.removesuffix(".pdf") + ".html"

    @property
    def rebuilding(self) -> bool:
        """Return whether the files shown are the previous build's, about to be replaced."""
        return self.status in ("waiting", "building") and self.output is not None


@dataclass(frozen=True)
class Snapshot:
    """What the pages show: the build in progress or the last one, each target as far as it got."""

    generation: int  # the build shown: 1 for the first, 0 before it
    version: int = 0  # counts every change, so pages know when to update
    phase: Phase = "done"
    targets: tuple[TargetState, ...] = ()
    errors: tuple[str, ...] = ()  # problems no single target owns: invalid content, a missing font
    after: tuple[str, ...] = ()  # the lines shown after them: how many, what to do
    seconds: float = 0.0

    def count(self, *statuses: Status) -> int:
        """Return how many targets have one of ``statuses``."""
        return sum(state.status in statuses for state in self.targets)


@dataclass
class Preview:
    """Builds the session's targets, again on every change, and tells waiting pages of each step."""

    session: Session  # with warm workers kept between rebuilds, as its executor
    echo: Echo = lambda message: None
    first: Plan | None = None  # the plan the first build uses, when the caller made it already
    snapshot: Snapshot = field(default_factory=lambda: Snapshot(0))
    changed: threading.Condition = field(default_factory=threading.Condition)
    building: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False

    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def out_dir(self) -> Path:
        return self.session.out_dir

    def rebuild(self) -> Snapshot:
        """Load, plan and build, publishing each step; return the outcome."""
        with self.building:
            return self._rebuild()

    def _rebuild(self) -> Snapshot:
        started = time.perf_counter()
        self._publish(generation=self.snapshot.generation + 1, phase="planning")
        prepared, self.first = self.first, None
        errors: tuple[str, ...] = ()
        after: tuple[str, ...] = ()
        try:
            self.session.build(_Publisher(self), prepared=prepared, stop=lambda: self.closed)
        except BriefpressError as error:
            self._publish(targets=())
            errors, after = tuple(map(str, error.problems)), error.after
        return self._publish(phase="done", errors=errors, after=after, seconds=time.perf_counter() - started)

    def _planned(self, targets: Sequence[Target], unchanged: Sequence[Target]) -> None:
        """Publish every target waiting (showing its previous files, if any), then the unchanged as built."""
        self._publish(phase="building", targets=tuple(self._waiting(target) for target in targets), errors=(), after=())
        for target in unchanged:
            self._update(target, "built")

    def _waiting(self, target: Target) -> TargetState:
        """Return ``target`` waiting, showing its previous files if any."""
        pdf = _relative(target.pdf_path(self.out_dir), self.out_dir)
        previous = next((state for state in self.snapshot.targets if state.target == target), None)
        if previous is not None:
            output = previous.output
        else:
            output = 0 if target.pdf_path(self.out_dir).is_file() else None
        return TargetState(target, pdf, "waiting", output=output, changed=self.snapshot.version + 1)

    def _publish(self, **changes: Any) -> Snapshot:
        """Replace the snapshot with one that has ``changes``, and wake the pages waiting for one."""
        with self.changed:
            snapshot = dataclasses.replace(self.snapshot, version=self.snapshot.version + 1, **changes)
            self.snapshot = snapshot
            self.changed.notify_all()
            return snapshot

    def _update(self, target: Target, status: Status, error: str | None = None, written: bool = False) -> None:
        """Publish ``target``'s new status; ``written`` when its files were just written."""
        with self.changed:
            version = self.snapshot.version + 1
            states = tuple(
                _moved(state, status, error, version if written else None, version) if state.target == target else state
                for state in self.snapshot.targets
            )
            self._publish(targets=states)

    def on_change(self, paths: set[Path]) -> None:
        """Rebuild after sources changed, and say what came of it."""
        names = sorted(_relative(path, self.project.root) for path in paths)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        self.echo(f"changed: {shown}; rebuilding")
        self.rebuild_and_say()

    def rebuild_and_say(self) -> None:
        """Rebuild and echo the summary, unless the preview was closed meanwhile."""
        snapshot = self.rebuild()
        if not self.closed:
            self.echo(summary(snapshot))

    def wait(self, version: int, timeout: float) -> int:
        """Return the current version once it differs from ``version``, or after ``timeout``."""
        with self.changed:
            self.changed.wait_for(lambda: self.closed or self.snapshot.version != version, timeout)
            return self.snapshot.version

    def wait_planned(self, timeout: float) -> None:
        """Wait until the first build has planned its targets (or failed to), at most ``timeout``."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.closed or (self.snapshot.generation > 0 and self.snapshot.phase != "planning"), timeout
            )

    def close(self) -> None:
        """Release every page waiting for a change, and end a build in progress at its next target."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()


class _Publisher:
    """The Progress of a preview's build: publishes each target's step."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview

    def planned(self, targets: Sequence[Target], unchanged: Sequence[Target]) -> None:
        self.preview._planned(targets, unchanged)

    def started(self, target: Target) -> None:
        self.preview._update(target, "building")

    def finished(self, outcome: Outcome) -> None:
        if outcome.status == "built":
            self.preview._update(outcome.target, "built", written=True)
        else:
            self.preview._update(outcome.target, "failed", outcome.message)


def _moved(state: TargetState, status: Status, error: str | None, written: int | None, version: int) -> TargetState:
    """Return ``state`` at ``status``: a failure shows no files, files ``written`` replace those shown."""
    if status == "failed":
        output = None
    elif written is not None:
        output = written
    elif status == "built":
        output = state.output or 0  # up to date: the files on disk are this build's
    else:
        output = state.output
    return dataclasses.replace(state, status=status, error=error, output=output, changed=version)


def summary(snapshot: Snapshot) -> str:
    """Return one line on a build: how many targets built, and every failure."""
    total = counted(len(snapshot.targets), "target")
    lines = [f"built {snapshot.count('built')} of {total} ({snapshot.seconds:.1f} s)"]
    lines += [f"error: {state.target}: {state.error}" for state in snapshot.targets if state.error]
    lines += [f"error: {error}" for error in snapshot.errors]
    return "\n".join([*lines, *snapshot.after])


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class Thumbnails:
    """PNG pictures of PDFs' first pages, made by pdftoppm, kept while the PDF is unchanged."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache: dict[Path, tuple[int, bytes]] = {}
        self.lock = threading.Lock()

    def png(self, pdf: Path) -> bytes | None:
        """Return the thumbnail of ``pdf``'s first page, or None when pdftoppm cannot make it."""
        mtime = pdf.stat().st_mtime_ns
        with self.lock:
            cached = self.cache.get(pdf)
            if cached and cached[0] == mtime:
                return cached[1]
            with tempfile.TemporaryDirectory(dir=self.folder) as work:
                stem = Path(work) / "page"
                command = ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)]
                try:
                    subprocess.run(command, check=True, capture_output=True, timeout=60)
                except (OSError, subprocess.SubprocessError):
                    return None
                data = stem.with_suffix(".png").read_bytes()
            self.cache[pdf] = (mtime, data)
            return data


def resolve_below(root: Path, url_path: str) -> Path | None:
    """Return the regular file ``url_path`` names below ``root``, or None.

    None for ``..`` or ``.`` segments, absolute paths (``//etc/passwd``),
    backslashes, NUL, and anything whose real path (symlinks resolved) is
    outside ``root``.
    """
    path = unquote(url_path)
    if not path.startswith("/") or path.startswith("//") or "\\" in path or "\x00" in path:
        return None
    parts = path[1:].split("/")
    if any(part in ("..", ".") for part in parts):
        return None
    real = Path(os.path.realpath(root / path[1:]))
    if not real.is_relative_to(os.path.realpath(root)) or not real.is_file():
        return None
    return real


class Handler(BaseHTTPRequestHandler):
    """Answer the browser: the index, thumbnails, events and the output folder's files."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, b"unknown host\n", "text/plain; charset=utf-8")
            return
        path = self.path.partition("?")[0].partition("#")[0]
        if path in ("/", "/index.html"):
            self._index()
        elif path == STATE_PATH:
            self._state()
        elif path == "/events":
            self._events()
        elif path.startswith(THUMB_PREFIX):
            self._thumbnail("/" + path.removeprefix(THUMB_PREFIX))
        else:
            self._file(path)

    def _refuse(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse  # noqa: N815

    def _host_allowed(self) -> bool:
        """Refuse another site's name pointing at a loopback server (DNS rebinding)."""
        if not self.server.loopback:
            return True
        try:
            host = urlsplit(f"//{self.headers.get('Host', '')}").hostname or ""
        except ValueError:  # "[::1" and other names no URL can hold
            return False
        return host in LOOPBACK_NAMES

    def _index(self) -> None:
        page = self.server.index.render(snapshot=self.server.preview.snapshot, script=self.server.reload_js)
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    def _state(self) -> None:
        """Send what the index shows, each target's card rendered as on the index."""
        snapshot = self.server.preview.snapshot
        parts = self.server.parts
        state = {
            "version": snapshot.version,
            "generation": snapshot.generation,
            "phase": snapshot.phase,
            "build": str(parts.build_line(snapshot)),
            "errors": [*snapshot.errors, *snapshot.after],
            "targets": [
                {
                    "id": str(target.target),
                    "pdf": target.pdf,
                    "status": target.status,
                    "output": target.output,
                    "changed": target.changed,
                    "card": str(parts.card(target)),
                }
                for target in snapshot.targets
            ],
        }
        self._send(HTTPStatus.OK, json.dumps(state).encode("utf-8"), "application/json")

    def _events(self) -> None:
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        version = preview.snapshot.version
        try:
            self._event(f"retry: 1000\nevent: state\ndata: {version}\n\n")
            while not preview.closed:
                current = preview.wait(version, HEARTBEAT_SECONDS)
                if current != version:
                    version = current
                    self._event(f"event: state\ndata: {version}\n\n")
                else:
                    self._event(": still here\n\n")  # finds pages that went away
        except OSError:
            return

    def _event(self, text: str) -> None:
        self.wfile.write(text.encode("utf-8"))
        self.wfile.flush()

    def _thumbnail(self, pdf_path: str) -> None:
        pdf = resolve_below(self.server.preview.out_dir, pdf_path)
        data = self.server.thumbnails.png(pdf) if pdf and pdf.suffix == ".pdf" else None
        if data is None:
            self._not_found()
        else:
            self._send(HTTPStatus.OK, data, "image/png")

    def _file(self, url_path: str) -> None:
        path = resolve_below(self.server.preview.out_dir, url_path)
        if path is None:
            self._not_found()
            return
        snapshot = self.server.preview.snapshot  # before reading: a newer file only costs one more reload
        data = path.read_bytes()
        if path.suffix == ".html":
            name = _relative(path, self.server.preview.out_dir)
            shown = next((state for state in snapshot.targets if state.html == name), None)
            page = "target" if shown else "file"
            script = self.server.parts.script(snapshot, self.server.reload_js, page, shown)
            nonce = secrets.token_urlsafe(16)
            tagged = str(script).replace("<script", f'<script nonce="{nonce}"')
            data = _inject(data, tagged.encode("utf-8"))
            self._send(HTTPStatus.OK, data, "text/html; charset=utf-8", OUTPUT_POLICY.format(nonce=nonce))
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, data, kind)

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str, policy: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep requests off the terminal: it shows what was rebuilt."""


# An output page runs only the preview's own reload script, and reaches nothing but the server's files.
OUTPUT_POLICY = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'"
)


def _inject(html: bytes, script: bytes) -> bytes:
    """Return ``html`` with ``script`` before ``</body>`` (at the end when there is none)."""
    at = html.lower().rfind(b"</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server holding the preview, its thumbnails and its pages."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview, thumbnails: Thumbnails) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.preview = preview
        self.thumbnails = thumbnails
        self.loopback = _is_loopback(address[0])
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(WEB),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.globals.update(quote=quote, thumb=THUMB_PREFIX, counted=counted)
        self.index = env.get_template("index.html.j2")
        # The template's macros, called as functions (build_line, card, script).
        self.parts: Any = env.get_template("parts.html.j2").module
        self.reload_js = (WEB / "reload.js").read_text(encoding="utf-8")

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say in one line why a request failed; say nothing of a client that went away (a reset, a closed tab)."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        sys.stderr.write(f"error: a request from {client_address[0]} failed: {type(error).__name__}: {error}\n")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def open_server(preview: Preview, thumbnails: Thumbnails, host: str, port: int) -> PreviewServer:
    """Return the server bound to ``host:port``; raise BuildError when it cannot bind."""
    try:
        return PreviewServer((host, port), preview, thumbnails)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise BuildError(
                f"cannot serve on {host}:{port}: the port is in use; choose another with --port, "
                "or --port 0 for a free one"
            ) from None
        raise BuildError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None


def serve(preview: Preview, host: str, port: int, echo: Echo) -> None:
    """Bind, serve at once while the first build runs, until Ctrl-C; rebuild on every change to the sources."""
    with tempfile.TemporaryDirectory(prefix="briefpress-preview-") as scratch:
        server = open_server(preview, Thumbnails(Path(scratch)), host, port)
        stop = threading.Event()
        first = threading.Thread(target=preview.rebuild_and_say, name="first build", daemon=True)
        watcher = threading.Thread(
            target=watch_sources, args=(preview.project, preview.on_change, stop), name="watch", daemon=True
        )
        try:
            first.start()
            watcher.start()
            preview.wait_planned(PLAN_SECONDS)
            echo(f"serving {server.url} (Ctrl-C to stop)")
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            echo("stopped")
        finally:
            stop.set()
            preview.close()
            server.server_close()
            first.join(timeout=30)  # ends at its next target; the workers must outlive it
            watcher.join(timeout=5)
