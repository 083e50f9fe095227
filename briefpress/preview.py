"""Preview: build, serve the outputs on a local web server, rebuild and reload pages on change.

The server answers GET only, and only for files below the output folder
(``..``, absolute paths and symlinks leading out get 404), plus the index
page (``/``), first-page thumbnails (``/_preview/thumb/<pdf>``) and the
reload events (``/events``, Server-Sent Events).
"""

from __future__ import annotations

import errno
import ipaddress
import mimetypes
import os
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import jinja2

from briefpress.errors import BriefpressError
from briefpress.load import load_briefings
from briefpress.pipeline import Executor, build
from briefpress.plan import Selection, Target, UnknownNameError, plan, select_briefings
from briefpress.project import Project
from briefpress.watch import watch_sources

WEB = Path(__file__).resolve().parent / "web"
THUMB_PREFIX = "/_preview/thumb/"
HEARTBEAT_SECONDS = 15.0
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
Echo = Callable[[str], None]


@dataclass(frozen=True)
class TargetState:
    """One target as the index shows it: where its files are and why it failed, if it did."""

    target: Target
    pdf: str  # path below the output folder, with forward slashes
    error: str | None = None

    @property
    def html(self) -> str:
        return self.pdf.removesuffix(".pdf") + ".html"


@dataclass(frozen=True)
class Snapshot:
    """The outcome of one build: what the pages show until the next."""

    generation: int
    targets: tuple[TargetState, ...] = ()
    errors: tuple[str, ...] = ()  # problems no single target owns: invalid content, a missing font
    seconds: float = 0.0


@dataclass
class Preview:
    """Builds the selected targets, again on every change, and tells waiting pages."""

    project: Project
    selection: Selection
    out_dir: Path
    echo: Echo = lambda message: None
    executor: Executor | None = None  # warm workers kept between rebuilds
    snapshot: Snapshot = field(default_factory=lambda: Snapshot(0))
    changed: threading.Condition = field(default_factory=threading.Condition)
    building: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False

    def rebuild(self) -> Snapshot:
        """Load, plan and build; publish the outcome as the next generation."""
        with self.building:
            return self._rebuild()

    def _rebuild(self) -> Snapshot:
        started = time.perf_counter()
        try:
            targets, failed = self._build()
            errors: tuple[str, ...] = tuple(message for message in failed if not _owner(message, targets))
            states = tuple(
                TargetState(target, _relative(target.pdf_path(self.out_dir), self.out_dir), _owned(failed, target))
                for target in targets
            )
        except (BriefpressError, UnknownNameError, jinja2.TemplateError) as error:
            states, errors = (), (_message(error),)
        with self.changed:
            snapshot = Snapshot(self.snapshot.generation + 1, states, errors, time.perf_counter() - started)
            self.snapshot = snapshot
            self.changed.notify_all()
        return snapshot

    def _build(self) -> tuple[list[Target], list[str]]:
        project = self.project
        briefings = load_briefings(select_briefings(project, self.selection.briefings), project.available())
        targets = plan(project, briefings, self.selection)
        report = build(project, briefings, targets, self.out_dir, executor=self.executor)
        return targets, list(report.failed)

    def on_change(self, paths: set[Path]) -> None:
        """Rebuild after sources changed, and say what came of it."""
        names = sorted(_relative(path, self.project.root) for path in paths)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        self.echo(f"changed: {shown}; rebuilding")
        self.echo(summary(self.rebuild()))

    def wait(self, generation: int, timeout: float) -> int:
        """Return the current generation once it differs from ``generation``, or after ``timeout``."""
        with self.changed:
            self.changed.wait_for(lambda: self.closed or self.snapshot.generation != generation, timeout)
            return self.snapshot.generation

    def close(self) -> None:
        """Release every page waiting for a change."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()


def summary(snapshot: Snapshot) -> str:
    """Return one line on a build: how many targets built, and every failure."""
    ok = sum(state.error is None for state in snapshot.targets)
    lines = [f"built {ok} of {len(snapshot.targets)} target(s) ({snapshot.seconds:.1f} s)"]
    lines += [f"failed: {state.error}" for state in snapshot.targets if state.error]
    lines += [f"error: {error}" for error in snapshot.errors]
    return "\n".join(lines)


def _message(error: Exception) -> str:
    if isinstance(error, BriefpressError):
        return error.format_message().removeprefix("error: ")
    return str(error)


def _owner(message: str, targets: list[Target]) -> bool:
    return any(message.startswith(f"{target}:") for target in targets)


def _owned(failed: list[str], target: Target) -> str | None:
    return next((message for message in failed if message.startswith(f"{target}:")), None)


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
        host = urlsplit(f"//{self.headers.get('Host', '')}").hostname or ""
        return host in LOOPBACK_NAMES

    def _index(self) -> None:
        snapshot = self.server.preview.snapshot
        reload = self._reload(snapshot)
        page = self.server.index.render(snapshot=snapshot, quote=quote, thumb=THUMB_PREFIX, reload=reload)
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    def _reload(self, snapshot: Snapshot) -> str:
        return f'<script data-generation="{snapshot.generation}">\n{self.server.reload_js}</script>\n'

    def _events(self) -> None:
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        generation = preview.snapshot.generation
        try:
            self._event(f"retry: 1000\nevent: build\ndata: {generation}\n\n")
            while not preview.closed:
                current = preview.wait(generation, HEARTBEAT_SECONDS)
                if current != generation:
                    generation = current
                    self._event(f"event: build\ndata: {generation}\n\n")
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
        data = path.read_bytes()
        if path.suffix == ".html":
            data = _inject(data, self._reload(self.server.preview.snapshot).encode("utf-8"))
            self._send(HTTPStatus.OK, data, "text/html; charset=utf-8")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, data, kind)

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep requests off the terminal: it shows what was rebuilt."""


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
            loader=jinja2.FileSystemLoader(WEB), autoescape=True, undefined=jinja2.StrictUndefined
        )
        self.index = env.get_template("index.html.j2")
        self.reload_js = (WEB / "reload.js").read_text(encoding="utf-8")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def open_server(preview: Preview, thumbnails: Thumbnails, host: str, port: int) -> PreviewServer:
    """Return the server bound to ``host:port``; raise BriefpressError when it cannot bind."""
    try:
        return PreviewServer((host, port), preview, thumbnails)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise BriefpressError(
                f"cannot serve on {host}:{port}: the port is in use; choose another with --port, "
                "or --port 0 for a free one"
            ) from None
        raise BriefpressError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None


def serve(preview: Preview, host: str, port: int, echo: Echo) -> None:
    """Bind, build, serve until Ctrl-C, rebuilding on every change to the sources."""
    with tempfile.TemporaryDirectory(prefix="briefpress-preview-") as scratch:
        server = open_server(preview, Thumbnails(Path(scratch)), host, port)
        stop = threading.Event()
        watcher = threading.Thread(
            target=watch_sources, args=(preview.project, preview.on_change, stop), name="watch", daemon=True
        )
        try:
            watcher.start()
            echo(summary(preview.rebuild()))
            echo(f"serving {server.url} (Ctrl-C to stop)")
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            echo("stopped")
        finally:
            stop.set()
            preview.close()
            server.server_close()
            watcher.join(timeout=5)
