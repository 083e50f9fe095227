"""A target's stylesheets, parsed once: the files in cascade order and what they declare.

Every reader of CSS reads this model: the design tokens (custom properties,
``var()`` resolved) for inline SVG, the font families the style asks for, the
smallest body size the fit solver may reach, and the layout's page facts (its
page budget and whether it is imposed). Comments are comments for all of them;
the only comment that means something is a stylesheet's leading
``/* extends: NAME */``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import tinycss2
from tinycss2 import ast

from briefpress.errors import RenderError
from briefpress.files import RESOURCE_BYTES, STYLESHEET_BYTES, UnreadableFileError, read_capped, read_text_capped
from briefpress.project import Project
from briefpress.render.inks import press, press_profile_path
from briefpress.target import Target

GENERIC = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})
BUILTIN = "!base"  # ``/* extends: !base */``: the user's stylesheet comes after the built-in one it replaces
DEFAULT_MIN_BODY_PT = 8.0
IMPOSITIONS = ("booklet",)
PRESS_SHEET = Path("print-ready inks")  # the stylesheet a print-ready target's colours are restated in
# At-rules whose block holds rules (not declarations).
_RULE_LISTS = frozenset({"media", "supports", "layer", "container", "document"})


@dataclass(frozen=True)
class Declaration:
    """One declaration of a stylesheet, with the rule it sits in; comments are no part of its value."""

    path: Path
    line: int
    selector: str  # the rule's prelude: ":root", "@page", "@page @top-left"
    name: str  # lower case, but for custom properties, whose names keep their case
    value: tuple[ast.Node, ...]

    def __str__(self) -> str:
        return f"{self.name}: {self.text}"

    @property
    def text(self) -> str:
        return tinycss2.serialize(self.value).strip()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Stylesheet:
    """A stylesheet's path, its text and its declarations, parsed once."""

    path: Path
    text: str
    extends: str | None  # NAME of a leading ``/* extends: NAME */``
    declarations: tuple[Declaration, ...]

    @classmethod
    def read(cls, path: Path) -> Stylesheet:
        """Return the stylesheet at ``path``, parsed (once for the same text); raise RenderError if unreadable."""
        try:
            text = read_text_capped(path, STYLESHEET_BYTES)
        except UnreadableFileError as error:
            raise RenderError(f"{path}: the stylesheet is {error}") from None
        try:
            return parse(path, text)
        except RecursionError:
            raise RenderError(f"{path}: the stylesheet is nested too deeply to read") from None


@lru_cache(maxsize=256)
def parse(path: Path, text: str) -> Stylesheet:
    """Return the stylesheet ``text`` read from ``path``."""
    nodes = tinycss2.parse_stylesheet(text, skip_comments=False, skip_whitespace=True)
    extends = _directive(nodes[0]) if nodes else None
    return Stylesheet(path, text, extends, tuple(_declarations(path, nodes)))


def _directive(node: ast.Node) -> str | None:
    if not isinstance(node, ast.Comment):
        return None
    key, colon, name = node.value.partition(":")
    name = name.strip()
    if key.strip() != "extends" or not colon or not (name == BUILTIN or _is_name(name)):
        return None
    return name


def _is_name(text: str) -> bool:
    return bool(text) and all(char.isalnum() or char in "_-" for char in text)


def _declarations(path: Path, rules: Iterable[ast.Node]) -> Iterator[Declaration]:
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            yield from _block(path, _prelude(rule.prelude), rule.content)
        elif isinstance(rule, ast.AtRule) and rule.content is not None:
            if rule.lower_at_keyword in _RULE_LISTS:
                yield from _declarations(path, tinycss2.parse_rule_list(rule.content, True, True))
            else:
                yield from _block(path, f"@{rule.lower_at_keyword} {_prelude(rule.prelude)}".strip(), rule.content)


def _block(path: Path, selector: str, content: list[ast.Node]) -> Iterator[Declaration]:
    for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if isinstance(node, ast.Declaration):
            name = node.name if node.name.startswith("--") else node.lower_name
            yield Declaration(path, node.source_line, selector, name, tuple(_uncommented(node.value)))
        elif isinstance(node, ast.AtRule) and node.content is not None:  # a margin box inside @page
            yield from _block(path, f"{selector} @{node.lower_at_keyword}", node.content)
        elif isinstance(node, ast.QualifiedRule):  # a nested rule
            yield from _block(path, _prelude(node.prelude), node.content)


def _prelude(prelude: list[ast.Node]) -> str:
    return " ".join(tinycss2.serialize(_uncommented(prelude)).split())


def _uncommented(nodes: Iterable[ast.Node]) -> list[ast.Node]:
    """Return ``nodes`` without their comments, nested blocks and functions included (in place)."""
    kept = []
    for node in nodes:
        if isinstance(node, ast.Comment):
            continue
        if isinstance(node, ast.FunctionBlock):
            node.arguments = _uncommented(node.arguments)
        elif isinstance(node, ast.ParenthesesBlock | ast.SquareBracketsBlock | ast.CurlyBracketsBlock):
            node.content = _uncommented(node.content)
        kept.append(node)
    return kept


def stylesheets(project: Project, target: Target) -> list[Path]:
    """Return the stylesheets of a target, in cascade order: base, layout, paper, style.

    A layout stylesheet whose first line is ``/* extends: NAME */`` comes after
    the stylesheet of layout NAME. A user's stylesheet whose first line is
    ``/* extends: !base */`` comes after the built-in one it replaces.
    """
    sheets = [project.base_stylesheet()]
    layouts = [("layout", name) for name in _layout_chain(project, target.layout)]
    layouts += [("layout", "bilingual")] * (len(target.langs) > 1)
    for kind, name in (*layouts, ("paper", target.paper), ("style", target.style)):
        sheet = project.stylesheet(kind, name)
        if sheet is None and kind != "layout":
            raise RenderError(f"{target}: no stylesheet for {kind} {name!r}")
        if sheet is not None:
            sheets.append(sheet)
    if target.print_ready:
        sheets.append(project.finishing_stylesheet("print-ready"))
    return [path for sheet in sheets for path in _with_builtin(project, sheet)]


def _with_builtin(project: Project, sheet: Path) -> list[Path]:
    """Return ``sheet``, preceded by the built-in stylesheet when it extends it (``/* extends: !base */``)."""
    builtin = project.builtin_counterpart(sheet)
    if builtin is not None and Stylesheet.read(sheet).extends == BUILTIN:
        return [builtin, sheet]
    return [sheet]


def _layout_chain(project: Project, layout: str) -> list[str]:
    chain = [layout]
    while (sheet := project.stylesheet("layout", chain[0])) and (
        (parent := Stylesheet.read(_with_builtin(project, sheet)[0]).extends) not in (None, BUILTIN)
    ):
        if parent in chain:
            raise RenderError(f"{sheet}: layout stylesheets extend each other in a loop: {', '.join(chain)}")
        chain.insert(0, parent)
    return chain


@dataclass(frozen=True)
class Pagination:
    """What a layout declares about its pages: how many it may take, and how they are imposed."""

    budget: int | None = None  # --page-budget: the type is scaled down until the document fits
    impose: str | None = None  # --impose: booklet
    overflow: int | None = None  # --page-budget-overflow: the pages it may take when the budget cannot hold it
    tighten: float | None = None  # --fit-tighten: the smallest type scale that may end a page (a sheet) sooner


@dataclass(frozen=True)
class Styles:
    """A target's stylesheets in cascade order, and what they declare."""

    sheets: tuple[Stylesheet, ...]

    @classmethod
    def of(cls, project: Project, target: Target) -> Styles:
        """Return the styles of ``target``, each file read and parsed once.

        A print-ready target's last stylesheet restates its colours in the press's inks.
        """
        sheets = tuple(Stylesheet.read(path) for path in stylesheets(project, target))
        if target.print_ready:
            inks = press(read_capped(press_profile_path(project.style_dirs), RESOURCE_BYTES))
            restated = inks.restated(declaration for sheet in sheets for declaration in sheet.declarations)
            sheets += (parse(PRESS_SHEET, restated),)
        return cls(sheets)

    @cached_property
    def tokens(self) -> dict[str, Declaration]:
        """Return every custom property the stylesheets declare; a later declaration wins."""
        return {
            declaration.name: declaration
            for sheet in self.sheets
            for declaration in sheet.declarations
            if declaration.name.startswith("--")
        }

    def token(self, name: str) -> str:
        """Return a custom property's value with its ``var()`` references replaced, or ``""``."""
        return tinycss2.serialize(self.resolved(name)).strip()

    def resolved(self, name: str) -> list[ast.Node]:
        """Return a custom property's value as component values, ``var()`` replaced, whitespace trimmed."""
        return _stripped(self._resolved(name, 0))

    def _resolved(self, name: str, depth: int) -> list[ast.Node]:
        declaration = self.tokens.get(name)
        if declaration is None:
            return []
        if depth > 10:
            return list(declaration.value)
        return self._substituted(declaration.value, depth)

    def _substituted(self, nodes: Sequence[ast.Node], depth: int) -> list[ast.Node]:
        out: list[ast.Node] = []
        for node in nodes:
            if isinstance(node, ast.FunctionBlock) and node.lower_name == "var":
                out += self._var(node.arguments, depth)
            else:
                out.append(node)
        return out

    def _var(self, arguments: list[ast.Node], depth: int) -> list[ast.Node]:
        significant = [node for node in arguments if not isinstance(node, ast.WhitespaceToken)]
        if not significant or not isinstance(significant[0], ast.IdentToken):
            return []
        value = self._resolved(significant[0].value, depth + 1)
        if tinycss2.serialize(value).strip():
            return value
        commas = [i for i, node in enumerate(arguments) if isinstance(node, ast.LiteralToken) and node == ","]
        return self._substituted(_stripped(arguments[commas[0] + 1 :]), depth + 1) if commas else []

    def families(self) -> dict[str, Path]:
        """Return each quoted font family the stylesheets name, with the first file naming it."""
        return families(self.sheets)

    @property
    def min_body_pt(self) -> float:
        """Return the smallest body size the style allows the fit solver (``--fit-min-body``), 8 pt by default."""
        declaration = self.tokens.get("--fit-min-body")
        if declaration is None:
            return DEFAULT_MIN_BODY_PT
        value = _stripped(declaration.value)
        if len(value) != 1 or not isinstance(value[0], ast.DimensionToken) or value[0].lower_unit != "pt":
            raise RenderError(f"{declaration.where}: --fit-min-body: {declaration.text!r} is not a size in pt")
        return float(value[0].value)

    @property
    def comfortable_body_pt(self) -> float:
        """Return the body size the style reads comfortably at (``--fit-comfortable-body``), the minimum by default.

        The fit solver shrinks type no further than this before it leaves out
        items of priority 3, then 2; only then does it go on to the minimum.
        """
        declaration = self.tokens.get("--fit-comfortable-body")
        if declaration is None:
            return self.min_body_pt
        value = _stripped(declaration.value)
        if len(value) != 1 or not isinstance(value[0], ast.DimensionToken) or value[0].lower_unit != "pt":
            raise RenderError(f"{declaration.where}: --fit-comfortable-body: {declaration.text!r} is not a size in pt")
        return max(float(value[0].value), self.min_body_pt)

    def numbers(self, name: str) -> list[float]:
        """Return the numbers a token declares (``--measure: 60 80``; a unit, as in ``6pt``, is dropped), or ``[]``."""
        declaration = self.tokens.get(name)
        if declaration is None:
            return []
        values = [node for node in self.resolved(name) if not isinstance(node, ast.WhitespaceToken)]
        if not values or not all(isinstance(node, ast.NumberToken | ast.DimensionToken) for node in values):
            raise RenderError(f"{declaration.where}: {name}: {declaration.text!r} is not a list of numbers")
        return [float(node.value) for node in values]

    def pagination(self, bilingual: bool = False) -> Pagination:
        """Return the layout's page facts; a bilingual target's are the ``-bilingual`` tokens."""
        suffix = "-bilingual" if bilingual else ""
        return Pagination(
            self._budget(f"--page-budget{suffix}"),
            self._impose(f"--impose{suffix}"),
            self._budget(f"--page-budget-overflow{suffix}"),
            self._tighten(),
        )

    def _tighten(self) -> float | None:
        declaration = self.tokens.get("--fit-tighten")
        if declaration is None or declaration.text == "none":
            return None
        value = _stripped(declaration.value)
        if len(value) != 1 or not isinstance(value[0], ast.NumberToken) or not 0.5 <= value[0].value <= 1:
            raise RenderError(f"{declaration.where}: --fit-tighten: {declaration.text!r} is not a scale from 0.5 to 1")
        return float(value[0].value)

    def _budget(self, name: str) -> int | None:
        declaration = self.tokens.get(name)
        if declaration is None or declaration.text == "none":
            return None
        value = _stripped(declaration.value)
        whole = len(value) == 1 and isinstance(value[0], ast.NumberToken) and value[0].is_integer
        if not whole or value[0].value < 1:
            raise RenderError(f"{declaration.where}: {name}: {declaration.text!r} is not a whole number of pages")
        return value[0].int_value

    def _impose(self, name: str) -> str | None:
        declaration = self.tokens.get(name)
        if declaration is None or declaration.text == "none":
            return None
        if declaration.text not in IMPOSITIONS:
            raise RenderError(f"{declaration.where}: {name}: {declaration.text!r} is not booklet or none")
        return declaration.text


def families(sheets: Iterable[Stylesheet]) -> dict[str, Path]:
    """Return each quoted font family ``font-family`` or a ``--font*`` token names, with the first file naming it."""
    found: dict[str, Path] = {}
    for sheet in sheets:
        for declaration in sheet.declarations:
            if declaration.name == "font-family" or declaration.name.startswith("--font"):
                for family in _strings(declaration.value):
                    if family.lower() not in GENERIC:
                        found.setdefault(family, sheet.path)
    return found


def _strings(nodes: Iterable[ast.Node]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, ast.StringToken):
            yield node.value
        elif isinstance(node, ast.FunctionBlock):
            yield from _strings(node.arguments)


def _stripped(nodes: Sequence[ast.Node]) -> list[ast.Node]:
    """Return ``nodes`` without leading and trailing whitespace."""
    nodes = list(nodes)
    while nodes and isinstance(nodes[0], ast.WhitespaceToken):
        nodes.pop(0)
    while nodes and isinstance(nodes[-1], ast.WhitespaceToken):
        nodes.pop()
    return nodes
