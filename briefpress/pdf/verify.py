"""Read a finished PDF back, strictly, before it may replace the previous one.

A target's PDF is parsed with pypdf in strict mode and every object it holds
is loaded: a file a reader would call damaged (a broken cross-reference, an
object that cannot be loaded, a stream that does not decode) fails its target
and never reaches the output folder. The same walk refuses what a briefing
never needs and a reader's viewer would act on: forms, scripts, launch and
submit actions, actions run on opening, and links other than http, https and
mailto.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from briefpress.content.markup import MAILTO_FIELDS
from briefpress.errors import RenderError, shortened

LINK_SCHEMES = ("http:", "https:", "mailto:")


def allowed_link(uri: str) -> bool:
    """Return whether a link is one a briefing may hold: http, https, or mailto with plain fields."""
    uri = uri.strip()
    if not uri.lower().startswith(LINK_SCHEMES):
        return False
    if uri.lower().startswith("mailto:"):
        query = urlsplit(uri).query
        return all(key.lower() in MAILTO_FIELDS for key, _ in parse_qsl(query, keep_blank_values=True))
    return True
# Keys whose presence alone makes a PDF act rather than show.
_ACTIVE_KEYS = {
    "/AcroForm": "a form",
    "/OpenAction": "an action run on opening",
    "/AA": "an action run on an event",
    "/JavaScript": "a script",
    "/JS": "a script",
    "/EmbeddedFiles": "an attached file",
}
_ACTIONS = {"/GoTo", "/URI", "/Named"}  # the actions a briefing's links and bookmarks need
_ANNOTATIONS = {"/Link"}


def verify_pdf(data: bytes) -> None:
    """Raise RenderError unless ``data`` is a PDF that reads back whole and holds nothing active."""
    try:
        reader = PdfReader(BytesIO(data), strict=True)
        seen: set[tuple[int, int]] = set()
        _walk(reader.trailer, seen)
        for page in reader.pages:
            page.get_contents()  # the content streams decode
    except RenderError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as error:
        raise RenderError(f"the PDF does not read back ({type(error).__name__}: {shortened(str(error))}); "
                          "it was not written") from None


def _walk(value: Any, seen: set[tuple[int, int]]) -> None:
    """Load every object reachable from ``value`` once; refuse active keys and actions on the way."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            resolved = item.get_object()
            if resolved is None:
                raise RenderError(f"the PDF refers to object {item.idnum} {item.generation}, which it lacks; "
                                  "it was not written")
            stack.append(resolved)
        elif isinstance(item, DictionaryObject):
            _check_dictionary(item)
            if isinstance(item, StreamObject):
                item.get_data()
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _check_dictionary(item: DictionaryObject) -> None:
    for key, what in _ACTIVE_KEYS.items():
        if key in item:
            raise RenderError(f"the PDF would hold {what} ({key}); a briefing has none, so it was not written")
    if item.get("/Type") == "/Annot" and item.get("/Subtype") not in _ANNOTATIONS:
        raise RenderError(f"the PDF would hold a {item.get('/Subtype')} annotation; only links are allowed, "
                          "so it was not written")
    if item.get("/Type") == "/Action":
        _check_action(item)
    # An annotation's or a bookmark's action (a structure element's /A holds attributes instead).
    if item.get("/Type") == "/Annot" or ("/Subtype" in item and "/Rect" in item) or "/Title" in item:
        action = item.get("/A")
        action = action.get_object() if isinstance(action, IndirectObject) else action
        if isinstance(action, DictionaryObject):
            _check_action(action)


def _check_action(action: DictionaryObject) -> None:
    kind = action.get("/S")
    if kind not in _ACTIONS:
        raise RenderError(f"the PDF would hold a {kind} action; only links and bookmarks are allowed, "
                          "so it was not written")
    if kind == "/URI":
        uri = str(action.get("/URI", ""))
        if not allowed_link(uri):
            raise RenderError(f"the PDF would link to {shortened(uri)!r}; only http, https and mailto links "
                              "are allowed, so it was not written")
