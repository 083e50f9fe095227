"""The source's structure: its title and byline, then its parts, nested as its headings nest them.

A heading is what the format marks as one (Markdown ``#``, HTML ``<h2>``, a DOCX
heading style, a PDF bookmark) or a short line numbered as one (``I. Title``,
``2. Title``, ``2.1 Title``). Without headings, paragraphs that open ``First, …
Second, …`` are the parts, if there are three or more of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefpress.authoring.draft.sentences import word_count
from briefpress.sources.document import Block, BlockKind, Document

_NUMBERED = re.compile(
    r"^(?:(?:(?P<roman>[IVXLC]+)|(?P<letter>[A-Z])|(?P<arabic>\d{1,2}(?:\.\d{1,2})*))[.)]?\s+"
    r"|(?P<cjk>[一二三四五六七八九十]+、)\s*|(?P<cjk2>[（(][一二三四五六七八九十]+[）)])\s*)(?P<title>\S.*)$"
)
# "By Cai Wei", "Keynote address by Dr Margaret Okafor, Director-General of …", "Por Ana Ruiz".
# A heading's own number, dropped where the page numbers nested parts itself.
NUMBER = re.compile(
    r"^(?:(?:[IVXLC]+|[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]?\s+|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)
_BYLINE = re.compile(
    r"^(?:[^.]{0,60}?\b(?:address|speech|remarks|statement|lecture|interview|keynote|article|report)\s+)?"
    r"(?:[Bb]y|Por|por|De|作者[:：]?)\s*(?P<name>[A-Z][\w’'.-]*(?:\s+(?:(?:de|da|del|dos|van|von|der|la|le|di|al)\s+)?"
    r"[A-Z][\w’'.-]*){0,4}|[\u4e00-\u9fff·]{2,8})\s*(?:,\s*(?P<role>[^.;]{3,160}))?\.?$"
)
_TITLE_AND_BYLINE = re.compile(
    r"^(?P<title>[^.!?]{3,200}?[^.!?,:;\s])\s+(?P<byline>(?:(?:By|Por)\s+[A-ZÀ-Þ]|作者[:：]).{2,80})$"
)
_TITLES = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|H\.E\.|Sr|Sra|Dra)\.?\s+")
# The words that open an enumeration's paragraphs, in order, in each language briefpress drafts in.
_ORDINALS = [
    ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"),
    ("Primero", "Segundo", "Tercero", "Cuarto", "Quinto", "Sexto", "Séptimo", "Octavo", "Noveno", "Décimo"),
    ("Primeiro", "Segundo", "Terceiro", "Quarto", "Quinto", "Sexto", "Sétimo", "Oitavo", "Nono", "Décimo"),
    ("第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十"),
    ("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是"),
]
_WORDS = sorted({word for row in _ORDINALS for word in row}, key=len, reverse=True)
_ENUMERATED = re.compile(rf"^(?P<word>{'|'.join(_WORDS)})(?:ly)?(?:,\s|，|、)")
_CLOSING = re.compile(
    r"^(?:In conclusion|To conclude|In closing|Finally|Let me (?:close|end|conclude)|Thank you|En conclusión|"
    r"Para terminar|Por último|Finalmente|Em conclusão|Por fim|总之|最后)\b"
)
MAX_HEADING_WORDS = 16


@dataclass
class Section:
    """A part of the source: its heading (None for the opening before the first), its blocks and its sub-parts."""

    title: str | None
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    enumerated: bool = False  # made from a "First, …" paragraph, not a heading
    id: str = ""

    def walk(self) -> list[Section]:
        """Return this section and every section it holds, in reading order."""
        return [self, *(section for child in self.children for section in child.walk())]


@dataclass(frozen=True)
class Outline:
    """What the source's structure gives: its title, its author if a byline names one, its top sections."""

    title: str | None
    author: str | None
    sections: tuple[Section, ...]
    author_role: str | None = None  # what the byline says the author is: "Director-General of …"
    occasion: str | None = None  # what the byline says it was given at: "the opening of World Water Week, Stockholm"
    byline: str | None = None  # the byline's own text, which may date the occasion

    def all_sections(self) -> list[Section]:
        return [section for top in self.sections for section in top.walk()]


def outline(document: Document) -> Outline:
    """Return the document's title, author and sections."""
    blocks = list(document.blocks)
    if blocks and (joined := _TITLE_AND_BYLINE.match(blocks[0].text)):  # a title and a byline on two lines
        first = blocks[0]
        blocks[:1] = [Block(first.kind, joined["title"], first.level, first.line),
                      Block(BlockKind.PARAGRAPH, joined["byline"], 0, first.line)]  # fmt: skip
    title = document.title
    if blocks and _is_title(blocks[0], title):
        title = title or blocks[0].text
        blocks = blocks[1:]
    author = role = occasion = line = None
    for i, block in enumerate(blocks[:2]):  # under the title, or under its subtitle
        byline = _BYLINE.match(block.text) if len(block.text.split()) <= 30 else None
        if byline:
            author, role = _TITLES.sub("", byline["name"].strip()), byline["role"]
            role, occasion = _role_and_occasion(role)
            line = block.text
            blocks = blocks[:i] + blocks[i + 1 :]
            break
    headings = _headings(blocks)
    if any(headings):
        sections = _nest(blocks, headings)
    else:
        sections = _enumeration(blocks)
    sections = sections or [Section(None, 1)]  # a title alone: one part to write
    return Outline(title, author, tuple(sections), role, occasion, line)


def _role_and_occasion(role: str | None) -> tuple[str | None, str | None]:
    """Split "Director-General of X, at the opening of Y, Stockholm, 26 August 2024" into the role and the
    occasion without its date: the date is the timeline's, and the source's ``event_date``."""
    match = re.search(r",\s+(?:at|on|during|before|to)\s+", role or "")
    if role is None or not match:
        return role, None
    occasion = _DATE_AT_END.sub("", role[match.end() :])
    return role[: match.start()], occasion or None


_DATE_AT_END = re.compile(r",?\s*(?:on\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2},)\s+\d{4}$")


def _is_title(block: Block, title: str | None) -> bool:
    """Return whether the first block is the document's title: the title given, or a short unpunctuated line."""
    if title is not None:
        return _same(block.text, title)
    words = block.text.split()
    return block.kind is BlockKind.HEADING or (len(words) <= 30 and not block.text.endswith((".", ":", ";")))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _headings(blocks: list[Block]) -> list[tuple[int, str] | None]:
    """Return, for each block, its level and title if it is a heading, else None."""
    marked = [block.kind is BlockKind.HEADING for block in blocks]
    styles: list[str] = []  # numbering styles in order of first appearance: the first is the top level
    found: list[tuple[int, str] | None] = []
    for block, heading in zip(blocks, marked, strict=True):
        if heading:
            found.append((block.level or 1, block.text))
            continue
        match = _NUMBERED.match(block.text)
        if not match or not _heading_like(match["title"]) or (match["letter"] and len(match["title"].split()) < 2):
            found.append(None)
            continue
        style = next(name for name in ("roman", "letter", "cjk", "cjk2") if match[name]) if not match["arabic"] else (
            f"arabic{match['arabic'].count('.')}"
        )
        if style not in styles:
            styles.append(style)
        found.append((styles.index(style) + 1, block.text))
    if any(marked):  # headings the format marks: numbered lines below them
        top = max((level for level, _ in filter(None, found)), default=1)
        found = [
            entry if entry is None or heading else (top + entry[0], entry[1])
            for entry, heading in zip(found, marked, strict=True)
        ]
    return found


def _heading_like(text: str) -> bool:
    """Return whether a line reads as a heading: short, and not a sentence ending in a full stop."""
    return word_count(text) <= MAX_HEADING_WORDS and not text.rstrip().endswith((".", ";", ",", "。", "；", "，"))


def _nest(blocks: list[Block], headings: list[tuple[int, str] | None]) -> list[Section]:
    """Return the sections the headings make, each holding the blocks up to the next heading."""
    top: list[Section] = []
    opening = Section(None, 1)
    stack: list[Section] = []
    for block, heading in zip(blocks, headings, strict=True):
        if heading is None:
            (stack[-1] if stack else opening).blocks.append(block)
            continue
        level, title = heading
        section = Section(title, level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else top).append(section)
        stack.append(section)
    return ([opening] if opening.blocks else []) + top


def _enumeration(blocks: list[Block]) -> list[Section]:
    """Return the parts a "First, … Second, …" enumeration makes, or one part of the whole text."""
    starts = [i for i, block in enumerate(blocks) if _ENUMERATED.match(block.text)]
    words = [_ENUMERATED.match(blocks[i].text)["word"] for i in starts]  # type: ignore[index]
    if len(starts) < 3 or not any(words[:3] == list(row[:3]) for row in _ORDINALS):
        return [Section(None, 1, blocks)] if blocks else []
    sections = [Section(None, 1, blocks[: starts[0]])] if starts[0] else []
    for start, end in zip(starts, [*starts[1:], len(blocks)], strict=True):
        sections.append(Section(None, 1, blocks[start:end], enumerated=True))
    last = sections[-1]
    closing = next((i for i, block in enumerate(last.blocks) if i and _CLOSING.match(block.text)), None)
    if closing is not None:  # "In conclusion, …": the enumeration ends before it
        sections.append(Section(None, 1, last.blocks[closing:]))
        del last.blocks[closing:]
    return sections


def enumerated(section: Section) -> list[Block]:
    """Return the paragraphs of a section that open an enumeration (``First, …``), when there are two or more."""
    found = [block for block in section.blocks if _ENUMERATED.match(block.text)]
    return found if len(found) >= 2 else []
