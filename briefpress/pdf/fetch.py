"""A URL fetcher that reads only regular files inside the template and style folders.

Rendering may read the project's ``templates/`` and ``styles/`` and the
built-in ones: the fonts, images and colour profiles a look is made of. Not
the rest of the project (other briefings' content, the outputs, a clone's
``.git``), nothing outside it, and nothing from the network.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from briefpress.errors import shortened
from briefpress.files import RESOURCE_BYTES, UnreadableFileError, read_capped

MAX_BYTES = RESOURCE_BYTES
# What one document may fetch: the same URL (an @import loop), and bytes in all.
MAX_FETCHES_OF_ONE = 16
MAX_DOCUMENT_BYTES = 5 * RESOURCE_BYTES
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
# An SVG that declares entities (expansion bombs, external files) or holds a stylesheet (whose @import,
# however spelt, WeasyPrint would follow or crash on) is refused; so is an XML file under another name.
_SVG_REFUSED = re.compile(rb"<!DOCTYPE|<!ENTITY|<(?:\w+:)?style\b|@import", re.IGNORECASE)


class RootedFetcher(URLFetcher):
    """Serve ``file:`` URLs below the given roots and ``data:`` URLs; refuse the rest.

    ``project`` is the folder the roots belong to: a file in it but outside
    the roots is refused with words that say so.
    """

    def __init__(self, roots: list[Path], project: Path | None = None) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [Path(os.path.realpath(root)) for root in roots]
        self.project = Path(os.path.realpath(project)) if project is not None else None
        self._fetched: Counter[str] = Counter()
        self._bytes = 0

    def begin(self) -> None:
        """Start counting afresh: one document is laid out."""
        self._fetched.clear()
        self._bytes = 0

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        shown = shortened(url)
        self._fetched[url] += 1
        if self._fetched[url] > MAX_FETCHES_OF_ONE:
            raise ValueError(f"refused {shown!r}: read {MAX_FETCHES_OF_ONE} times for one document (an @import loop?)")
        parts = urlsplit(url)
        if parts.scheme == "data":
            if len(url) > MAX_BYTES:
                raise ValueError(f"refused {shown!r}: a data: URL larger than {MAX_BYTES // 2**20} MiB")
            response = super().fetch(url, headers)
            data = response.read()
            self._check(shown, data, response.headers.get_content_type())
            return URLFetcherResponse(url, data, response.headers)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"refused {shown!r}: only project files and data: URLs are allowed")
        path = Path(os.path.realpath(unquote(parts.path)))
        if not any(path.is_relative_to(root) for root in self.roots):
            if self.project is not None and path.is_relative_to(self.project):
                raise ValueError(f"refused {shown!r}: in the project, but outside its templates/ and styles/ folders")
            raise ValueError(f"refused {shown!r}: outside the project")
        if not path.exists():
            raise ValueError(f"{shown!r} does not exist")
        try:
            data = read_capped(path, MAX_BYTES)
        except UnreadableFileError as error:
            raise ValueError(f"refused {shown!r}: {error}") from None
        except OSError as error:
            raise ValueError(f"refused {shown!r}: {error.strerror}") from None
        mime = _TYPES.get(path.suffix.lower(), "application/octet-stream")
        self._check(shown, data, mime)
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": mime})

    def _check(self, shown: str, data: bytes, mime: str) -> None:
        self._bytes += len(data)
        if self._bytes > MAX_DOCUMENT_BYTES:
            raise ValueError(f"refused {shown!r}: one document may read at most {MAX_DOCUMENT_BYTES // 2**20} MiB")
        if (mime == "image/svg+xml" or data.lstrip()[:1] == b"<") and _SVG_REFUSED.search(data):
            raise ValueError(f"refused {shown!r}: an SVG image may not declare entities or hold a stylesheet")
