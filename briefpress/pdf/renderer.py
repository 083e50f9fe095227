"""Render HTML to PDF bytes with WeasyPrint, treating its errors as failures."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weasyprint import HTML
from weasyprint.css import ColorProfile
from weasyprint.document import Document
from weasyprint.text import ffi
from weasyprint.text.fonts import FontConfiguration

from briefpress.errors import RenderError, SetupError, invisible, shortened
from briefpress.files import RESOURCE_BYTES, read_capped
from briefpress.pdf import hyphenation
from briefpress.pdf.fetch import RootedFetcher
from briefpress.pdf.fit import LEAVE_OUT, DoesNotFitError, Fitted, fit
from briefpress.pdf.preflight import Limits, preflight
from briefpress.pdf.verify import allowed_link
from briefpress.render.inks import Press, press, press_profile_path
from briefpress.render.joins import NO_BREAK_SPACE, WORD_JOINER

if TYPE_CHECKING:
    from briefpress.render.html import Page

HARFBUZZ_HINT = "apt-get install libharfbuzz-subset0"
NOTDEF = ".notdef glyph rendered"
# What each PDF variant asks of WeasyPrint. Tagged structure everywhere but in
# print-ready files, whose PDF/X-4 is for the press, not for reading.
VARIANTS: dict[str, dict[str, Any]] = {
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1"},
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
    "pdf/x-4": {"pdf_variant": "pdf/x-4"},
}


def press_profile(style_dirs: list[Path]) -> ColorProfile:
    """Return the CMYK output intent for print-ready PDFs: the press profile their colours are converted for."""
    path = press_profile_path(style_dirs)
    return PressProfile(read_capped(path, RESOURCE_BYTES), path.name)


class PressProfile(ColorProfile):
    """A CMYK output intent embedded as the profile file's own bytes.

    WeasyPrint embeds Pillow's serialisation of the profile, which changes once
    the profile's name has been read (for the first PDF's output intent): every
    later PDF of the process would embed different bytes.
    """

    def __init__(self, data: bytes, src: str) -> None:
        super().__init__(BytesIO(data), src, "relative-colorimetric", (["c"], ["m"], ["y"], ["k"]))
        self.data = data

    @property
    def content(self) -> bytes:
        """Return the profile as it was read."""
        return self.data


def check_setup() -> None:
    """Raise SetupError when WeasyPrint would subset fonts slowly and non-reproducibly."""
    if getattr(ffi, "harfbuzz_subset", None) is None:
        raise SetupError(
            f"the HarfBuzz subsetting library is missing, so PDFs would be slow and not reproducible: {HARFBUZZ_HINT}"
        )


@dataclass(frozen=True)
class Rendered:
    """A target's PDF, the HTML it was laid out from, and what WeasyPrint warned about."""

    pdf: bytes
    html: str
    scale: float
    passes: int
    warnings: list[str]
    left_out: tuple[str, ...] = ()  # what was left out to fit, in plain words


@dataclass
class Renderer:
    """Renders HTML to PDF with one font configuration, reused across documents."""

    fetcher: RootedFetcher
    base_url: str
    font_config: FontConfiguration = field(default_factory=FontConfiguration)
    # Named colour profiles, such as the press profile print-ready PDFs need.
    color_profiles: dict[str, ColorProfile] = field(default_factory=dict)

    def layout(self, html: str, variant: str) -> Document:
        """Lay ``html`` out into pages for a PDF variant, without writing the PDF.

        Raise RenderError for what a briefing must not hold: form elements,
        and links other than http, https, mailto and within the document
        (made by HTML or by CSS's ``link`` property), and characters that
        print as nothing or steer the text, in the HTML or laid out by CSS.
        """
        hyphenation.install()
        self.fetcher.begin()
        document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        refuse_active(document.etree_element)
        refuse_hidden_text(document.etree_element)
        profiles = dict(self.color_profiles) if variant == "pdf/x-4" else None
        laid_out = document.render(font_config=self.font_config, color_profiles=profiles, **VARIANTS[variant])
        refuse_hidden_layout_text(laid_out)
        refuse_links(laid_out)
        return laid_out

    def inks(self, variant: str) -> Press | None:
        """Return the press a variant's colours are printed on: print-ready files' only."""
        profile = self.color_profiles.get("device-cmyk") if variant == "pdf/x-4" else None
        return press(profile.content) if isinstance(profile, PressProfile) else None

    def pdf(
        self,
        html_for: Callable[[float, int], Page],
        fonts: Collection[str],
        variant: str,
        budget: int | None,
        min_body: float,
        strict: bool = False,
        limits: Limits | None = None,
        overflow: int | None = None,
        tighten: float | None = None,
        unit: int = 1,
        comfortable_body: float | None = None,
    ) -> Rendered:
        """Fit, lay out and write one target; ``html_for(scale, leave_out)`` gives its page at a type scale.

        With a ``budget``, the type is scaled down to ``comfortable_body``
        points, then items of priority 3 are left out, then the type goes
        down to ``min_body`` until the document fits that many pages, or else
        ``overflow`` pages (pdf.fit); when nothing fits, DoesNotFitError
        carries the overflowing layout's PDF (``pdf``) for a look. Without one,
        down to ``tighten`` if that ends it ``unit`` pages sooner. Raise RenderError
        on WeasyPrint's errors (including PDF/UA ones), on a missing glyph
        (tofu), and on any font outside ``fonts``, the families the style
        declares; with ``limits``, on the preflight's errors, after layout
        and before the PDF is written; with ``strict``, on every warning too
        (WeasyPrint's and the preflight's). The errors come one a line;
        neither they nor the warnings name the target: whoever shows them does.
        """
        left_out: dict[str, tuple[str, ...]] = {}

        def laid_out(scale: float, leave_out: int) -> tuple[Document, str]:
            page = html_for(scale, leave_out)
            left_out[page.html] = page.left_out
            return self.layout(page.html, variant), page.html

        with _captured("weasyprint") as records:
            try:
                fitted: Fitted = fit(
                    laid_out, budget, min_body, overflow, tighten, unit, comfortable_body,
                    _changing(html_for) if budget is not None else (),
                )
            except DoesNotFitError as error:
                error.pdf = error.document.write_pdf(**VARIANTS[variant])
                raise
            _plain_bookmarks(fitted.document)
            findings = preflight(fitted.document, limits, self.inks(variant)) if limits is not None else []
            if any(finding.error for finding in findings) or (strict and findings):
                data = b""
            else:
                data = fitted.document.write_pdf(**VARIANTS[variant])
        errors = list(dict.fromkeys(_said(r) for r in records if r.levelno >= logging.ERROR))
        errors += [_tofu(r, fitted.html) for r in records if r.msg.startswith(NOTDEF)]
        errors += _stray_fonts(fitted.document, fitted.html, fonts)
        errors += [shortened(str(finding)) for finding in findings if finding.error]
        if strict:
            minor = [r for r in records if r.levelno < logging.ERROR and not r.msg.startswith(NOTDEF)]
            errors += [_said(r) for r in minor]
            errors += [shortened(str(finding)) for finding in findings if not finding.error]
        if errors:
            raise RenderError("\n".join(dict.fromkeys(errors)))
        warnings = list(dict.fromkeys(_said(r) for r in records))
        warnings += [shortened(str(finding)) for finding in findings]
        return Rendered(data, fitted.html, fitted.scale, fitted.passes, warnings, left_out[fitted.html])


def _changing(html_for: Callable[[float, int], Page]) -> tuple[int, ...]:
    """Return the levels of leaving out that leave out more than the level before (none without priorities).

    A build leaves out priority 3 only: priority 2 is every item's default, and a sheet that fitted
    by leaving out all of them would say next to nothing.
    """
    levels = tuple(level for level in LEAVE_OUT if level < 2)
    said = [html_for(1.0, level).left_out for level in (0, *levels)]
    return tuple(level for level, before, now in zip(levels, said[:-1], said[1:], strict=True) if now != before)


# Elements that make a PDF form; a briefing is read, not filled in.
FORM_ELEMENTS = frozenset({"form", "input", "button", "select", "textarea", "option", "optgroup", "datalist"})
# Elements that run or embed something in the HTML beside the PDF (which the preview serves).
ACTIVE_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"})


def refuse_active(root: Any) -> None:
    """Raise RenderError at the first form element, script, frame or embed, event handler or refresh."""
    for element in root.iter():
        tag = element.tag.rpartition("}")[2].lower() if isinstance(element.tag, str) else ""
        if tag in FORM_ELEMENTS:
            raise RenderError(f"the page holds a <{tag}> element: a briefing has no forms")
        if tag in ACTIVE_ELEMENTS:
            raise RenderError(f"the page holds a <{tag}> element: a briefing runs and embeds nothing")
        if tag == "meta" and element.get("http-equiv"):
            raise RenderError(f"the page holds <meta http-equiv={element.get('http-equiv')!r}>: not in a briefing")
        handler = next((name for name in element.attrib if str(name).lower().startswith("on")), None)
        if handler:
            raise RenderError(f"the page holds an event handler ({handler}= on <{tag}>): a briefing runs nothing")


def _hidden(text: object) -> int | None:
    """Return where ``text`` holds a character that prints as nothing or steers the text, if it does."""
    if not isinstance(text, str) or text.isprintable():
        return None
    return next((at for at, char in enumerate(text) if char not in "\n\t\r" and invisible(char)), None)


def _hidden_error(char: str, where: str, source: str) -> RenderError:
    return RenderError(
        f"the page holds U+{ord(char):04X}, which prints as nothing or reorders the text around it "
        f"({where}); {source} put it there"
    )


def refuse_hidden_text(root: Any) -> None:
    """Raise RenderError when the page holds a character that prints as nothing or steers the text.

    Content is checked where it is read, with its file and line; this catches
    the same characters from a template (written as themselves or as
    entities) or from a label catalog.
    """
    for element in root.iter():
        for text in (element.text, element.tail, *element.attrib.values()):
            if (at := _hidden(text)) is not None:
                before = " ".join(text[:at].split()[-4:])
                raise _hidden_error(text[at], f"after {shortened(before)!r}", "a template or a label catalog")


def refuse_hidden_layout_text(document: Document) -> None:
    """Raise RenderError at laid-out text a stylesheet put on the page (``content: "\\202E"``) that hides or steers."""
    for page in document.pages:
        for box in page._page_box.descendants():
            text = str(getattr(box, "text", ""))
            if (at := _hidden(text)) is not None:
                raise _hidden_error(text[at], f"in {shortened(text.strip()[:40])!r}", "a stylesheet")


def refuse_links(document: Document) -> None:
    """Raise RenderError at the first link that is not http, https, mailto or within the document."""
    for page in document.pages:
        for link_type, target, *_ in page.links:
            if link_type == "external" and not allowed_link(str(target)):
                raise RenderError(
                    f"the link {shortened(str(target))!r} is not allowed: "
                    "only http, https, mailto and links within the document are"
                )
        if any(page.forms.values()):
            raise RenderError("the page holds a form field: a briefing has no forms")


def _said(record: logging.LogRecord) -> str:
    """Return what WeasyPrint logged, shortened, with the reason it leaves out for an unreadable image."""
    message = record.getMessage()
    args = record.args if isinstance(record.args, tuple) else ()
    if str(record.msg).startswith("Failed to load image") and len(args) == 2 and not str(args[1]):
        message += "the file is not an image that can be read (PNG, JPEG, GIF, WebP or SVG)"
    return shortened(message)


def _plain_bookmarks(document: Document) -> None:
    """Take the joins (briefpress.render.joins) out of the bookmarks: an outline does not wrap."""
    for page in document.pages:
        page.bookmarks = [
            (level, label.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " "), *rest)
            for level, label, *rest in page.bookmarks
        ]


def _stray_fonts(document: Document, html: str, fonts: Collection[str]) -> list[str]:
    errors = []
    for font in document.fonts.values():
        if font.family not in fonts:
            drawn = {char for text in font.to_unicode.values() for char in text}
            chars = "".join(sorted(char for char in drawn if not char.isspace())) or " "
            errors.append(
                f"font {font.family!r}, which the style does not declare, drew {chars!r} "
                f"(in {_excerpt(html, chars)!r}); declared: {', '.join(sorted(fonts))}"
            )
    return errors


def _tofu(record: logging.LogRecord, html: str) -> str:
    text = str(record.args[0]) if isinstance(record.args, tuple) and record.args else record.getMessage()
    return f"no font has a glyph for {text!r} (in {_excerpt(html, text)!r})"


def _excerpt(html: str, chars: str) -> str:
    """Return the words around the first of ``chars`` in the document's text."""
    text = " ".join(unescape(re.sub(r"(?s)<style>.*?</style>|<[^>]+>", " ", html)).replace(WORD_JOINER, "").split())
    at = min((i for i in (text.find(c) for c in chars) if i >= 0), default=-1)
    return text[max(at - 30, 0) : at + 30] if at >= 0 else chars


class _Collector(logging.Handler):
    """A handler that keeps the records of warnings and errors."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _captured(logger_name: str):
    logger = logging.getLogger(logger_name)
    records: list[logging.LogRecord] = []
    handler = _Collector(records)
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
