"""A URL fetcher that reads only regular files inside the project's folders."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_BYTES = 20 * 1024 * 1024
_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


class RootedFetcher(URLFetcher):
    """Serve ``file:`` URLs below the given roots and ``data:`` URLs; refuse the rest."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [Path(os.path.realpath(root)) for root in roots]

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"refused {url!r}: only project files and data: URLs are allowed")
        path = Path(os.path.realpath(unquote(parts.path)))
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"refused {url!r}: outside the project")
        if not path.exists():
            raise ValueError(f"{url!r} does not exist")
        if not path.is_file():
            raise ValueError(f"refused {url!r}: not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f"refused {url!r}: larger than {MAX_BYTES // 2**20} MiB")
        mime = _TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
