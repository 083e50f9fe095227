"""Render a target to HTML: one Jinja environment, user templates before the built-ins."""

from __future__ import annotations

import math
import os
import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateRuntimeError,
    TemplateSyntaxError,
    nodes,
    pass_context,
)
from jinja2.exceptions import SecurityError
from jinja2.filters import do_format, do_indent
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefpress.content.model import Briefing
from briefpress.errors import Problem, RenderError, shortened
from briefpress.files import TEMPLATE_BYTES, UnreadableFileError, read_text_capped
from briefpress.project import TEMPLATE_SUFFIX, Project
from briefpress.render.acronyms import FirstUse
from briefpress.render.catalogs import Labels, translations
from briefpress.render.i18n import Formatter
from briefpress.render.joins import joined
from briefpress.render.qr import qr_svg
from briefpress.render.styles import Styles, Stylesheet
from briefpress.render.tokens import SvgStyle, svg_style
from briefpress.render.view import Edition, Phrase, edition
from briefpress.target import Target


class RootedLoader(FileSystemLoader):
    """A FileSystemLoader that serves only regular files really inside its folders, symlinks resolved."""

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not os.path.lexists(path) or path.is_dir():
                continue
            filename = str(path)
            real = Path(os.path.realpath(path))
            if not real.is_relative_to(os.path.realpath(folder)):
                raise SecurityError(f"{filename} leads outside the template folders; refused")
            try:
                source = read_text_capped(path, TEMPLATE_BYTES)
            except UnreadableFileError as error:
                raise SecurityError(f"{filename} is {error}") from None
            mtime = path.stat().st_mtime_ns
            return source, filename, lambda path=path, mtime=mtime: _mtime(path) == mtime
        raise TemplateNotFound(template)


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


# What one template expression may make: digits of a number, items of a repeated text or list, a field's width.
MAX_DIGITS = 4000
MAX_ITEMS = 1_000_000
MAX_WIDTH = 10_000
_PERCENT_WIDTHS = re.compile(r"%[-+ #0]*(\d*)(?:\.(\d+))?")
_DIGITS = re.compile(r"\d+")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with arithmetic that cannot exhaust the machine.

    ``**``, ``*`` and ``%`` are checked before they run, with their operands:
    a power with more than MAX_DIGITS digits, a text or list repeated past
    MAX_ITEMS, a format wider than MAX_WIDTH is refused. Intercepted, these
    operators are also never folded while a template compiles, so ``check``
    compiles ``{{ 9 ** (9 ** 9) }}`` at once.
    """

    intercepted_binops = frozenset({"**", "*", "%"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            _bounded_power(left, right)
        elif operator == "*":
            _bounded_repeat(left, right)
        elif operator == "%" and isinstance(left, str):
            for match in _PERCENT_WIDTHS.finditer(left):
                _bounded_width(max(int(group or 0) for group in match.groups()))
        try:
            return super().call_binop(context, operator, left, right)
        except (ArithmeticError, ValueError) as error:
            operands = f"{shortened(repr(left))[:60]} {operator} {shortened(repr(right))[:60]}"
            raise TemplateRuntimeError(f"{operands}: {error}") from None

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__

        def bounded(*args, **kwargs):
            for _, _, spec, _ in _format_fields(text):
                if "{" in (spec or ""):
                    raise TemplateRuntimeError(f"format string {text[:40]!r}: a field's format may not be a field")
                for digits in _DIGITS.findall(spec or ""):
                    _bounded_width(int(digits))
            return wrapped(*args, **kwargs)

        return bounded


def _format_fields(text: str) -> list:
    try:
        return list(string.Formatter().parse(text))
    except ValueError as error:
        raise TemplateRuntimeError(f"format string {text[:40]!r}: {error}") from None


def _bounded_power(left: object, right: object) -> None:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        digits = right * math.log10(abs(left))
        if digits > MAX_DIGITS:
            raise TemplateRuntimeError(f"{left} ** {right} has about {digits:,.0f} digits; at most {MAX_DIGITS:,}")


def _bounded_repeat(left: object, right: object) -> None:
    if isinstance(left, int) and isinstance(right, int) and left and right:
        digits = math.log10(abs(left)) + math.log10(abs(right))
        if digits > MAX_DIGITS:
            raise TemplateRuntimeError(f"a product of about {digits:,.0f} digits; at most {MAX_DIGITS:,}")
    for items, times in ((left, right), (right, left)):
        if isinstance(items, str | list | tuple) and isinstance(times, int) and len(items) * times > MAX_ITEMS:
            raise TemplateRuntimeError(
                f"repeating {shortened(repr(items))[:40]} {times:,} times makes {len(items) * times:,} items; "
                f"at most {MAX_ITEMS:,}"
            )


def _bounded_width(width: int) -> None:
    if width > MAX_WIDTH:
        raise TemplateRuntimeError(f"a field {width:,} characters wide; at most {MAX_WIDTH:,}")


def _bounded_center(value: str, width: int = 80) -> str:
    _bounded_width(int(width))
    return str(value).center(int(width))


def _bounded_format_filter(value: str, *args: object, **kwargs: object) -> str:
    for match in _PERCENT_WIDTHS.finditer(str(value)):
        _bounded_width(max(int(group or 0) for group in match.groups()))
    return do_format(value, *args, **kwargs)


def _bounded_indent(value: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _bounded_width(width if isinstance(width, int) else len(width))
    return do_indent(value, width, first, blank)


def make_environment(project: Project) -> SandboxedEnvironment:
    """Return the project's Jinja environment.

    A user's ``templates/x.html.j2`` replaces the built-in one and can still
    extend it as ``!base/x.html.j2``.
    """
    builtin = RootedLoader(project.builtin_template_dir)
    env = BoundedSandbox(
        loader=ChoiceLoader(
            [
                RootedLoader(project.template_dirs),
                PrefixLoader({"!base": builtin}),
            ]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]  # by the i18n extension
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext
    )
    env.filters["css_string"] = css_string
    env.filters["css_counters"] = css_counters
    env.filters["plain"] = plain
    env.filters["zip"] = _zip
    env.filters["qr"] = qr_svg
    env.filters["ems"] = ems
    env.filters["center"] = _bounded_center
    env.filters["indent"] = _bounded_indent
    env.filters["format"] = _bounded_format_filter
    return env


def plain(value: object) -> str:
    """Return content text without fallback or rich-text markup, for attributes, drawings and the title."""
    return value.plain() if isinstance(value, Phrase) else str(value)


def ems(text: object) -> float:
    """Return about how many ems wide ``text`` is set in bold: CJK and full-width letters one, others 0.62."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.62 for char in plain(text))


def _zip(first: Sequence, second: Sequence) -> list[tuple]:
    """Pair the items of two languages' lists, which always have the same length."""
    return list(zip(first, second, strict=True))


@pass_context
def _gettext(context: Context, message: str) -> Markup:
    return _label(context["labels"].gettext(message), message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> Markup:
    return _label(context["labels"].ngettext(singular, plural, n), singular + plural)


@pass_context
def _pgettext(context: Context, message_context: str, message: str) -> Markup:
    return _label(context["labels"].pgettext(message_context, message), message)


_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]?")


def _label(text: str, msgid: str) -> Markup:
    """Return a translated label as escaped text, safe for the ``%`` Jinja's gettext applies to it.

    A catalog is text, never markup: its ``<`` prints as ``<``. And Jinja fills
    a label's ``%(name)s`` with ``%``: only the placeholders the label's msgid
    has stay live; any other ``%`` (``%s``, ``%(evil)s``, a lone ``%``) prints as written.
    """
    names = set(re.findall(r"%\((\w+)\)s", msgid))

    def literal(match: re.Match) -> str:
        keep = match[0] == "%%" or (match[1] in names and match[0] == f"%({match[1]})s")
        return match[0] if keep else "%" + match[0]

    return Markup.escape(_PERCENT.sub(literal, text))


def css_string(value: str) -> Markup:
    """Return ``value`` as a quoted CSS string, safe inside ``<style>``."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>&' or ord(char) < 0x20 else char for char in value)
    return Markup(f'"{escaped}"')


def css_counters(label: str) -> Markup:
    """Return CSS ``content`` for a label with ``{page}`` and ``{pages}`` placeholders."""
    pieces = re.split(r"\{(page|pages)\}", label)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(f"counter({piece})")
        elif piece:
            out.append(css_string(piece))
    return Markup(" ".join(out) or '""')


def inline_css(sheets: Sequence[Stylesheet]) -> Markup:
    """Return the stylesheets' text, ready to sit inside ``<style>``."""
    chunks = []
    for sheet in sheets:
        if re.search(r"</style", sheet.text, re.IGNORECASE):
            raise RenderError(f"{sheet.path}: a stylesheet must not contain '</style'")
        chunks.append(f"/* {sheet.path.parent.name}/{sheet.path.name} */\n{sheet.text}")
    return Markup("\n".join(chunks))


@dataclass(frozen=True)
class Column:
    """One language of a page: its edition and its labels."""

    doc: Edition
    labels: Labels
    svg: SvgStyle
    # Spells out an acronym where the page's running text first uses it: for layouts without a glossary.
    first_use: FirstUse


@dataclass(frozen=True)
class Page:
    """A target's HTML, and what its editions left out to fit (plain words, for the build's message)."""

    html: str
    left_out: tuple[str, ...] = ()


def render_html(
    env: SandboxedEnvironment,
    project: Project,
    briefing: Briefing,
    target: Target,
    scale: float = 1.0,
    styles: Styles | None = None,
    leave_out: int = 0,
) -> str:
    """Return the HTML of one target: a function of the briefing, the target, the files and the type scale.

    A bilingual target renders ``templates/bilingual/<layout>``, with one
    column per language; ``doc`` and ``labels`` are those of the first.
    ``leave_out`` leaves out items of priority 3 (1), or of 2 and 3 (2), to fit.
    """
    return render_page(env, project, briefing, target, scale, styles, leave_out).html


def render_page(
    env: SandboxedEnvironment,
    project: Project,
    briefing: Briefing,
    target: Target,
    scale: float = 1.0,
    styles: Styles | None = None,
    leave_out: int = 0,
) -> Page:
    """Return the HTML of one target (see ``render_html``) with what it left out to fit."""
    columns = []
    styles = Styles.of(project, target) if styles is None else styles
    show = briefing.spec.outputs.show.get(target.layout)
    for lang in target.langs:
        labels = translations(project.locale_dirs, lang)
        doc = edition(briefing, lang, Formatter(lang, labels), printed=target.langs, show=show, leave_out=leave_out)
        columns.append(Column(doc, labels, svg_style(styles, lang), FirstUse(doc.glossary)))
    bilingual = len(columns) > 1
    name = f"{'bilingual' if bilingual else 'layouts'}/{target.layout}{TEMPLATE_SUFFIX}"
    template = env.get_template(name)
    refuse_html_attributes(env, name)
    names = [name for column in columns for name in column.doc.names]
    html = joined(
        template.render(
            doc=columns[0].doc,
            labels=columns[0].labels,
            svg=columns[0].svg,
            first_use=columns[0].first_use,
            columns=columns,
            target=target,
            pagination=styles.pagination(bilingual),
            css=inline_css(styles.sheets),
            fit_scale=f"{scale:.4f}",
        ),
        names,
        target.langs,
    )
    # A bilingual page leaves out the same items in each language: say so once, in the first's words.
    return Page(html, columns[0].doc.left_out)


# What a layout template once declared on <html>, and what now declares it in the layout's stylesheet.
_MOVED_ATTRIBUTES = {"data-page-budget": "--page-budget", "data-impose": "--impose"}


def refuse_html_attributes(env: SandboxedEnvironment, name: str) -> None:
    """Raise RenderError when a layout or a template it extends declares page facts on ``<html>``.

    A layout's page budget and imposition are declared in its stylesheet; the
    shell renders the ``<html>`` attributes from there.
    """
    seen: set[str] = set()
    while name not in seen:
        seen.add(name)
        assert env.loader is not None
        source, filename, _ = env.loader.get_source(env, name)
        found = _html_attributes(env, source)
        if found is not None:
            attribute, line = found
            moved = _MOVED_ATTRIBUTES[attribute]
            raise RenderError(
                f"{filename}:{line}: {attribute} is no longer read from a template; declare it in the layout's "
                f"stylesheet, styles/layouts/<layout>.css: ':root {{ {moved}: ...; }}' (see docs/templates.md)"
            )
        parent = _parent(env, source)
        if parent is None:
            return
        name = parent


@lru_cache(maxsize=128)
def _parsed(env: SandboxedEnvironment, source: str) -> nodes.Template:
    return env.parse(source)


def _html_attributes(env: SandboxedEnvironment, source: str) -> tuple[str, int] | None:
    """Return the first moved attribute an ``html_attributes`` block of ``source`` writes, with its line."""
    for block in _parsed(env, source).find_all(nodes.Block):
        if block.name == "html_attributes":
            for data in block.find_all(nodes.TemplateData):
                for attribute in _MOVED_ATTRIBUTES:
                    if attribute in data.data:
                        return attribute, data.lineno
    return None


def _parent(env: SandboxedEnvironment, source: str) -> str | None:
    extends = _parsed(env, source).find(nodes.Extends)
    return extends.template.value if extends and isinstance(extends.template, nodes.Const) else None


def template_names(env: SandboxedEnvironment) -> list[str]:
    """Return every template the environment's loaders offer, the user's and the built-ins."""
    return env.list_templates(extensions=["j2"])


def template_problems(env: SandboxedEnvironment, name: str) -> list[Problem]:
    """Compile one template; return its syntax error or its refusal, if any."""
    try:
        env.get_template(name)
    except TemplateSyntaxError as error:
        return [Problem(Path(error.filename or name), error.lineno, "", f"template syntax: {error.message}")]
    except SecurityError as error:
        return [Problem(Path(name), 1, "", str(error))]
    except RecursionError:
        return [Problem(Path(name), 1, "", "template: nested too deeply to compile")]
    return []
