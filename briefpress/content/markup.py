"""Rich text in prose: a small inline subset of Markdown, parsed as data, never as HTML.

Prose fields may hold ``*emphasis*``, ``**strong**``, ```code``` and
``[links](https://...)``, and ``\\*`` for a literal asterisk. Nothing else is
Markdown: raw HTML, entities, images, headings and lists stay plain text. The
parser is markdown-it-py (CommonMark) from its ``zero`` preset with only those
rules turned on; the HTML is written here, token by token, escaping all text.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import parse_qsl, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

LINK_SCHEMES = ("http", "https", "mailto")
MAILTO_FIELDS = frozenset({"subject", "body", "cc", "bcc", "to"})  # not "attach", which sends a file
_TAGS = {
    "em_open": "<em>",
    "em_close": "</em>",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
    "link_close": "</a>",
}


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["emphasis", "link", "backticks", "escape"])
    # Every link becomes a token, so that link_problem can name the refused ones.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _tokens(text: str) -> list[Token]:
    blocks = _parser().parseInline(text)
    return (blocks[0].children or []) if blocks else []


def link_problem(href: str) -> str | None:
    """Return why a link's address is refused, or None when it is an http, https or mailto address."""
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if not scheme:
        return f"the link {href!r} has no scheme: write a full http://, https:// or mailto: address"
    if scheme not in LINK_SCHEMES:
        return f"the link {href!r} uses {scheme}:, only http, https and mailto links are allowed"
    if scheme != "mailto" and not parts.netloc:
        return f"the link {href!r} names no host"
    if any(not char.isprintable() or char.isspace() for char in href):
        return f"the link {href!r} holds a space or an invisible character"
    fields = {key.lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)} if scheme == "mailto" else set()
    if fields - MAILTO_FIELDS:
        return f"the mailto: link {href!r} may fill in only {', '.join(sorted(MAILTO_FIELDS))}"
    return None


def problems(text: str) -> list[str]:
    """Return what is wrong with the markup of ``text``: refused link addresses, links without text."""
    found = []
    tokens = _tokens(text)
    for i, token in enumerate(tokens):
        if token.type == "link_open":
            problem = link_problem(str(token.attrs.get("href", "")))
            if problem:
                found.append(problem)
            elif tokens[i + 1].type == "link_close":
                found.append(f"the link to {token.attrs['href']!r} has no text")
    return found


def to_html(text: str) -> Markup:
    """Return ``text`` as HTML: the subset's tags, everything else escaped."""
    out: list[str] = []
    closing: list[str] = []  # for each open link, what closes it ("" when it was refused)
    for token in _tokens(text):
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            refused = link_problem(href) is not None
            out.append("" if refused else f'<a href="{escape(href)}">')
            closing.append("" if refused else "</a>")
        elif token.type == "link_close":
            out.append(closing.pop() if closing else "")
        elif token.type in _TAGS:
            out.append(_TAGS[token.type])
        elif token.type == "code_inline":
            out.append(f"<code>{escape(token.content)}</code>")
        else:
            out.append(str(escape(token.content)))
    return Markup("".join(out))


def to_plain(text: str) -> str:
    """Return ``text`` with the markup taken out: what a bookmark, an attribute or a drawing shows."""
    return "".join(token.content for token in _tokens(text) if token.type not in _TAGS and token.type != "link_open")


def placeholders(text: str) -> list[str]:
    """Return what a translation must carry over unchanged, in order: each link's address and each code span."""
    found = []
    for token in _tokens(text):
        if token.type == "link_open":
            found.append(f"({token.attrs.get('href', '')})")
        elif token.type == "code_inline":
            found.append(f"`{token.content}`")
    return found


def stray_markup(text: str, original: str) -> str | None:
    """Return a markup character that ``text`` prints as itself where ``original`` does not, or None.

    An asterisk or a backtick left open by a translator prints literally on the page.
    """
    shown, meant = to_plain(text), to_plain(original)
    return next((char for char in "*`" if shown.count(char) > meant.count(char)), None)
