"""The drafted briefing's two files, as YAML text with the source's sentences beside each entry as comments.

Nothing of the source's prose goes into a printed field except as a to-do's
hint (``TODO: …``), which the page boxes as a draft and ``check`` lists.
"""

from __future__ import annotations

import datetime
import json
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from briefpress.authoring.draft.extract import FoundEvent, FoundFigure, FoundQuote, FoundTerm
from briefpress.authoring.draft.hints import ask
from briefpress.authoring.draft.sentences import shortened, split_sentences, word_count
from briefpress.authoring.draft.structure import Outline, Section, enumerated
from briefpress.checks.factcheck.values import Key
from briefpress.content.todo import todo
from briefpress.sources.document import BlockKind

COMMENT_WIDTH = 100
OPENING_SENTENCES = 3
HINT_WORDS = 8
_STOP = frozenset(
    "a an the of and or in on at to for by with from as is are was were be been has have had its it this that these "
    "those which who whom whose than then their there into over under more most about nearly above some "
    "el la los las un una unos unas de del al y e en con por para que se su sus mas o os as um uma do da dos das "
    "no na nos nas em ao aos com we i you our us".split()
)
_TRAILING_VERBS = re.compile(
    r"\s+(?:reached|reaching|was|were|is|are|has|have|had|remained|remains|totalled|totaled|totalling|stood at|"
    r"hit|exceeded|rose to|rose by|"
    r"fell to|fell by|grew by|grew|increased by|increased to|amounted to|of|at|to|by|with|than|more than|over|"
    r"nearly|about|around|above|some|almost|approximately|"
    r"un|una|el|la|los|las|de|del|en|a|al|um|uma|o|os|as|do|da|dos|das|em|no|na|ao|es|fue|son|"
    r"alcanzó|alcanzaba|ascendió a|creció|estima|estimó|prestó|invirtió|atingiu|chegou a|cresceu|somou)$"
    r"|(?<=[\u4e00-\u9fff])(?:达到|达|为|约|超过|近|逾)$",
    re.I,
)


@dataclass(frozen=True)
class Draft:
    """What a draft holds, with the sentence each entry comes from."""

    outline: Outline
    figures: list[FoundFigure]
    events: list[FoundEvent]
    terms: list[FoundTerm]
    quotes: list[FoundQuote]
    kind: str = "article"  # what kind of document the source is, as its opening words name it
    text: str = ""  # the source's whole text, as check --source reads it


def quoted(text: str) -> str:
    """Return a YAML double-quoted scalar (JSON's string syntax, which YAML reads)."""
    return json.dumps(text, ensure_ascii=False)


def comment(text: str, indent: str, lead: str = "") -> list[str]:
    """Return ``text`` as comment lines at ``indent``, wrapped."""
    width = max(COMMENT_WIDTH - len(indent) - 2, 40)
    lines = textwrap.wrap(lead + text, width, initial_indent="", subsequent_indent="  ") or [""]
    return [f"{indent}# {line}".rstrip() for line in lines]


def slug(text: str, words: int = 3, fallback: str = "item") -> str:
    """Return an id of the first significant words of ``text``: ``two-way-trade``, ``cooperacion-comercial``.

    Accents are dropped, and Chinese is written in pinyin (``贸易合作`` is ``mao-yi-he``).
    """
    if re.search(r"[\u4e00-\u9fff]", text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    pieces = [w for w in re.findall(r"[a-z0-9]+", plain.casefold()) if w not in _STOP]
    worded = [w for w in pieces if not w.isdigit()]  # "000-inhabitants" from "50,000 inhabitants": words first
    return "-".join((worded or pieces)[:words]) or fallback


class Ids:
    """Ids made unique in one list: the second ``trade`` is ``trade-2``."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, wanted: str) -> str:
        found, n = wanted, 1
        while found in self.taken:
            n += 1
            found = f"{wanted}-{n}"
        self.taken.add(found)
        return found


def number(value: Decimal) -> str:
    """Return a number as YAML writes it, never rounded: 411250000000, 42.3."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def unit_of(key: Key) -> str:
    """Return the unit of ``briefing.yaml`` a figure's key has."""
    kind = key[0]
    if kind in ("money", "measure"):
        return str(key[1])
    return {"percent": "percent", "points": "percentage-points"}.get(kind, "count")


_OPENS = (",", ";", ":", "(", "—", "，", "；", "：", "（")  # where a figure's clause begins
_CLOSES = (",", ";", ":", ")", "—", ". ", "，", "；", "：", "。", "）")  # and where it ends


def figure_hint(figure: FoundFigure) -> str | None:
    """Return a few words on what a figure counts, from its clause: after a count, before an amount."""
    text, start = figure.sentence.text, figure.start
    end = start + len(figure.written)
    clause_start = max(text.rfind(mark, 0, start) for mark in _OPENS) + 1
    ends = [i for mark in _CLOSES if (i := text.find(mark, end)) >= 0]
    after = text[end : min(ends) if ends else len(text)].strip(" .-")
    before = text[clause_start:start].strip()
    if ")" in before and "(" not in before:  # "(BEI) prestó": the clause starts after the parenthesis
        before = before[before.rindex(")") + 1 :].strip()
    if figure.key[0] == "number":
        words = re.sub(r"^(?:plus|more|or more)\s+|^多?[家个名项次所座艘位件份批]", "", after)  # 3,000 家 enterprises
        return shortened(words, HINT_WORDS) if re.search(r"[^\W\d_]", words) else None
    before = re.sub(r"^(?:and|but|while|which|with)\s+", "", before, flags=re.I)
    for _ in range(3):
        before = _TRAILING_VERBS.sub("", before).strip()
    of = re.match(r"^(?:in|of|worth)\s+(?P<rest>[a-z].+)", after)  # "US$20 billion in loans", not "in 2023"
    words = of["rest"] if of else before if word_count(before) >= 2 else after
    return shortened(words, HINT_WORDS) if re.search(r"[^\W\d_]", words) else None


def event_hint(event: FoundEvent) -> str | None:
    """Return the clause of an event's sentence without its date: what happened, in the source's words."""
    text = event.sentence.text
    before = re.sub(
        r"(?:\b(?:on|in|since|by|from|until|during|as of|early|late|the year|of|el|en|desde|hasta|durante|"
        r"a partir de|em|no|na|o|a|de|do|da|até)\s*)+$",
        "",
        text[: event.start],
        flags=re.I,
    )
    cut = before.rstrip() + " " + text[event.start + len(event.written) :].lstrip(" ,")
    clauses = [piece.strip(" ,.") for piece in re.split(r"[;]", cut)]
    where = next((piece for piece in clauses if piece), "")
    where = where.lstrip(" ,")
    long_enough = len(where.split()) >= 3 or len(re.findall(r"[\u4e00-\u9fff]", where)) >= 4
    return shortened(where.strip("，。；"), HINT_WORDS + 2) if long_enough else None


def _titled(title: str | None, lang: str) -> str | None:
    """Return a source's title as the language cites it: in Chinese between book-title marks (《…》)."""
    if title and lang.startswith("zh") and not title.startswith("《"):
        return f"《{title}》"
    return title


def _day_of(text: str | None, lang: str) -> str | None:
    """Return the first full date ``text`` gives (``2024-08-26``), or None."""
    from briefpress.checks.factcheck.figures import read_figures

    days = [mention.key for mention in read_figures(text or "", lang) if mention.key[0] == "day"]
    return f"{days[0][1]}-{days[0][2]:02d}-{days[0][3]:02d}" if days else None


def _yaml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def spec_text(
    draft: Draft, lang: str, source_name: str, today: datetime.date, ids: dict[str, list[str]], schema_line: str
) -> str:
    """Return ``briefing.yaml``."""
    out = [
        schema_line,
        "#",
        f"# Drafted by briefpress draft from {source_name}: the source's structure, figures, dates,",
        "# acronyms and quotations. Delete what the briefing does not need, here and in text/.",
        "",
        f"languages: [{lang}]",
        f"base_language: {lang}",
        f"author: {quoted(ask('preparer', lang))}",
        f"date: {today.isoformat()}           # the briefing's own date, printed on it",
        "",
        "source:",
        f"  kind: {draft.kind:<23}# article, policy-paper, report, speech, declaration, statement, ...",
        f"  author: {quoted(draft.outline.author or ask('source_author', lang))}",
    ]
    given = _day_of(draft.outline.byline, lang)
    day = min((event for event in draft.events if len(event.date) == 10), key=lambda e: e.order, default=None)
    if given:
        out += [f"  event_date: {given}        # the date its byline gives"]
    elif day:
        out += [f"  # event_date: {day.date}   # the first full date the source gives: the event it responds to?"]
    out += [
        f"  language: {lang}",
        "",
        "outputs:",
        "  layouts: [sheet, brief, handout]",
        "  styles: [modern]",
        "  papers: [a4]",
        "",
        "# The source's parts, nested as its headings nest them.",
        "parts:",
        *_parts_yaml(draft.outline.sections, ids["parts"]),
    ]
    if draft.figures:
        out += ["", "# Each figure as the source states it: its sentence is above it.", "figures:"]
        for figure, key in zip(draft.figures, ids["figures"], strict=True):
            out += ["", *comment(figure.sentence.text + "”", "  ", "“"), f"  - id: {key}"]
            out.append(f"    value: {number(figure.key[-1])}")
            if figure.qualifier:
                out.append(f"    qualifier: {figure.qualifier}")
            out.append(f"    unit: {unit_of(figure.key)}")
            if figure.period:
                out.append(f"    period: {figure.period}")
            if figure.per:
                out.append(f"    per: {figure.per}")
            out.append(f"    part: {figure.sentence.section.id}")
    if draft.events:
        out += ["", "# Dated events, at the precision the source gives: year, month or day.", "timeline:"]
        for event, key in zip(draft.events, ids["timeline"], strict=True):
            out += ["", *comment(event.sentence.text + "”", "  ", "“"), f"  - id: {key}", f"    date: {event.date}"]
    if draft.terms:
        out += ["", f"glossary: {_yaml_list(ids['glossary'])}"]
    if draft.quotes:
        out += ["", "# Passages the source quotes.", "quotes:"]
        for quote, key in zip(draft.quotes, ids["quotes"], strict=True):
            out += [f"  - id: {key}", f"    part: {quote.sentence.section.id}"]
    return "\n".join(out) + "\n"


def _parts_yaml(sections: Iterable[Section], ids: list[str], indent: str = "  ") -> list[str]:
    lines = []
    for section in sections:
        if section.children:
            lines += [f"{indent}- id: {section.id}", f"{indent}  parts:"]
            lines += _parts_yaml(section.children, ids, indent + "    ")
        else:
            lines.append(f"{indent}- {section.id}")
    return lines


def text_text(
    draft: Draft,
    ids: dict[str, list[str]],
    schema_line: str,
    safe: Callable[[str | None], str | None],
    lang: str = "en",
) -> str:
    """Return ``text/<lang>.yaml``: to-dos with the source's sentences beside them, and what the source states."""
    outline = draft.outline
    opening = [s for section in outline.sections[:1] for s in _sentences(section)][:OPENING_SENTENCES]
    out = [
        schema_line,
        "#",
        "# Every TODO is yours to write: briefpress check lists them, and the page prints each hint",
        "# underlined with dashes. The comments are the source's own sentences, to write from; a label",
        "# or a description drafted from them is kept by deleting its TODO, or rewritten.",
        f"title: {quoted(ask('title', lang))}",
    ]
    if outline.title:
        out += comment(outline.title, "", "The source's title: ")
    out += [
        f"subtitle: {quoted(ask('subtitle', lang))}",
        f"short_title: {quoted(ask('short_title', lang))}",
        "source:",
        f"  title: {quoted(_titled(safe(outline.title), lang) or ask('source_title', lang))}",
        *([f"  author_role: {quoted(role)}"] if (role := safe(outline.author_role)) else []),
        *([f"  occasion: {quoted(occasion)}"] if (occasion := safe(outline.occasion)) else []),
        *(comment(" ".join(opening), "", "The source opens: ") if outline.sections[:1] and
          outline.sections[0].title is not None else []),  # an opening part has them beside its summary
        f"overview: {quoted(ask('overview', lang))}",
        "parts:",
    ]
    for section, key in zip(outline.all_sections(), ids["parts"], strict=True):
        out += _part_yaml(section, key, safe, lang)
    if draft.figures:
        out.append("figures:")
        for figure, key in zip(draft.figures, ids["figures"], strict=True):
            label = todo(hint) if (hint := safe(figure_hint(figure))) else ask("figure", lang)
            out += [f"  {key}:", f"    label: {quoted(label)}"]
    if draft.events:
        out.append("timeline:")
        for event, key in zip(draft.events, ids["timeline"], strict=True):
            described = todo(hint) if (hint := safe(event_hint(event))) else ask("event", lang)
            out.append(f"  {key}: {quoted(described)}")
    if draft.terms:
        out.append("glossary:")
        for term, key in sorted(zip(draft.terms, ids["glossary"], strict=True), key=lambda pair: pair[1]):
            definition = safe(term.definition)
            if term.guessed:
                out += [f"  {key}:", *comment("the source spells the name out and never abbreviates it: the term "
                                              "is its initials, to check or delete", "    ")]  # fmt: skip
                out.append(f"    term: {quoted(todo(term.term))}")
            else:
                out += [f"  {key}:", f"    term: {quoted(term.term)}"]
            if term.definition is None:
                out += comment(term.sentence.text + "”", "    ", "Used in: “")
            out.append(f"    definition: {quoted(definition or ask('stands_for', lang, term=term.term))}")
    if draft.quotes:
        out.append("quotes:")
        for quote, key in zip(draft.quotes, ids["quotes"], strict=True):
            out += [f"  {key}:", *comment(quote.sentence.text + "”", "    ", "“")]
            out.append(f"    text: {quoted(quote.text)}")
            author = outline.author or ask("source_author", lang)
            out.append(f"    attribution: {quoted(author)}  # the source's author, who quotes it")
            if quote.speaker is None or quote.speaker != outline.author:
                out.append(f"    speaker: {quoted(quote.speaker or ask('speaker', lang))}")
    return "\n".join(out) + "\n"


def _sentences(section: Section) -> list[str]:
    return [s for block in section.blocks if block.kind is not BlockKind.HEADING for s in split_sentences(block.text)]


def _part_yaml(section: Section, key: str, safe: Callable[[str | None], str | None], lang: str) -> list[str]:
    out = [f"  {key}:"]
    if section.title is not None:
        out.append(f"    title: {quoted(safe(section.title) or ask('part_title', lang))}")
    elif section.enumerated:
        first = _sentences(section)[:1]
        words = safe(shortened(first[0], 8)) if first else None
        out.append(f"    title: {quoted(todo(words) if words else ask('part_title', lang))}")
    else:
        name = {"introduction": "introduction", "closing": "conclusion"}.get(key, "part_title")
        out.append(f"    title: {quoted(ask(name, lang))}")
    opening = _sentences(section)[:OPENING_SENTENCES]
    if opening:
        out += comment(" ".join(opening), "    ", "The part opens: ")
    out.append(f"    summary: {quoted(ask('summary', lang))}")
    listed = enumerated(section)
    if listed:
        for block in listed:
            out += comment(split_sentences(block.text)[0], "    ", "It lists: ")
    else:
        for block in [b for b in section.blocks if b.kind is not BlockKind.HEADING][1:9]:
            out += comment(split_sentences(block.text)[0], "    ", "A paragraph opens: ")
    out += ["    points:", f"      - {quoted(ask('points', lang))}"]
    return out
