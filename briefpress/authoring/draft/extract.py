"""What a source states that a briefing keeps as data: figures, dated events, acronyms and quotations.

Each is read with the fact check's own readers, so that what a draft takes from
a source is found there again by ``check --source``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from briefpress.authoring.draft.periods import Periods, in_a_name, periods
from briefpress.authoring.draft.sentences import split_sentences, word_count
from briefpress.authoring.draft.structure import Section
from briefpress.checks.factcheck.figures import read_figures
from briefpress.checks.factcheck.values import Key, Mention
from briefpress.sources.document import BlockKind

FIGURE_KINDS = ("money", "percent", "points", "measure")
_QUALIFIERS_BEFORE = [
    ("over", r"more than|over|in excess of|upwards of|más de|mais de|超过|逾"),
    ("above", r"above|exceeding|exceeded|surpassing|surpassed|por encima de|acima de"),
    ("nearly", r"nearly|almost|close to|just under|casi|quase|近|将近"),
    ("about", r"about|around|approximately|roughly|some|an estimated|estimated at|alrededor de|cerca de|unos|unas|"
              r"aproximadamente|cerca de|约|大约"),
]  # fmt: skip
_MONTH_AFTER = re.compile(
    r"^\s+(?:de\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|"
    r"março|maio|junho|julho|setembro|outubro|novembro|dezembro)\b",
    re.I,
)
_MONTH_NEXT = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+$"
)
_ARTICLE = r"(?:\s+(?:el|la|los|las|un|una|unos|unas|o|a|os|as|um|uma))?"  # "casi un 18 %", "hasta el 40 %"
_LESS = re.compile(
    r"\b(?:less than|fewer than|under|below|up to|at most|at least|or less|menos de|hasta|até|no más de)"
    rf"{_ARTICLE}\s*$|(?:不到|不足|最多)\s*$",
    re.I,
)
_QUALIFIER_AFTER = re.compile(r"^(?:-plus\b|\+|\s+or more\b|多)")
_EACH = re.compile(r"^\s+(?:each|apiece|cada uno|cada um)\b", re.I)
_PER_YEAR = re.compile(
    r"^(?:\s+(?!and\b|or\b|in\b)[\w’'-]+){0,4}?\s+(?:a|each|every|per|al|por|cada|ao)\s+(?:year|año|ano)\b"
    r"|^(?:\s+[\w’'-]+){0,4}?\s+(?:annually|per annum|anualmente)\b|^\s*/\s*(?:year|yr)\b",
    re.I,
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th|º|ª|\.º)$")
_IN_FORMULA = re.compile(r"[+×x/*=]\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the source, with the section it is in and the paragraph it is part of."""

    text: str
    section: Section
    paragraph: str = ""


@dataclass(frozen=True)
class FoundFigure:
    """A figure the source states: its value and unit, how exact, over what period, in which sentence."""

    key: Key
    written: str
    qualifier: str | None
    period: str | None
    per: str | None
    sentence: Sentence
    start: int  # where it is written in the sentence


@dataclass(frozen=True)
class FoundEvent:
    """A dated event: its date (``2021``, ``2021-12``, ``2021-12-03``), as written, in which sentence."""

    date: str
    written: str
    sentence: Sentence
    start: int
    order: int = 0  # where the source gives it: the first full date is often the event it responds to

@dataclass(frozen=True)
class FoundTerm:
    """An acronym, with its expansion when the source gives one, and the sentence that gives it."""

    term: str
    definition: str | None
    sentence: Sentence
    guessed: bool = False  # the source spells the name out and never abbreviates it: the term is its initials


@dataclass(frozen=True)
class FoundQuote:
    """A passage the source quotes, and who said it when the sentence names them."""

    text: str
    speaker: str | None
    sentence: Sentence


def sentences_of(sections: list[Section]) -> Iterator[Sentence]:
    """Yield each sentence of each section's own blocks (not its sub-sections'), in reading order."""
    for section in sections:
        for block in section.blocks:
            if block.kind is BlockKind.HEADING:
                continue
            for text in split_sentences(block.text):
                yield Sentence(text, section, block.text)


def figures(sentences: list[Sentence], lang: str) -> list[FoundFigure]:
    """Return each figure of the source once (the first sentence that states it): money, shares, measures, counts."""
    found: dict[tuple[Key, str], FoundFigure] = {}
    for sentence in sentences:
        for mention in read_figures(sentence.text, lang):
            figure = _figure(mention, sentence, periods(lang))
            if figure is None:
                continue
            # A count is told apart by what it counts ("21 calls", "21 countries"), an amount by its sentence.
            after = sentence.text[mention.start + len(mention.text) :].split()
            what = after[0].casefold().strip(",.;:") if after and figure.key[0] == "number" else sentence.text
            found.setdefault((figure.key, what), figure)
    return list(found.values())


def _figure(mention: Mention, sentence: Sentence, found: Periods) -> FoundFigure | None:
    text = sentence.text
    before, after = text[: mention.start], text[mention.start + len(mention.text) :]
    kind = mention.key[0]
    if kind == "number":
        value = mention.key[1]
        # A count: digits before a word ("3,000 Chinese enterprises"), not an ordinal, a rank or part of a formula.
        if _ORDINAL.search(mention.text) or not re.match(r"^[\s-]*[^\W\d_]", after) or value < 2:
            return None
        if _IN_FORMULA.search(before) or re.match(r"^\s*[+×x/*]", after) or before.endswith(("(", "No. ")):
            return None
        if re.search(r"\b[A-Z]{2,}[\s-]$", before) or re.match(r"^-(?!plus\b)[^\W\d_]", after):
            return None  # a name ("SDG 6", "COP 28") or a compound ("a 20-year bond")
        if _MONTH_NEXT.search(before[-12:]) or _MONTH_AFTER.match(after):
            return None  # a day without its year ("by 16 May", "on May 20"): a date, not a count
    elif kind not in FIGURE_KINDS:
        return None
    if _LESS.search(before):
        return None  # "less than": no qualifier says so, and the bare number would overstate it
    qualifier = next(
        (name for name, words in _QUALIFIERS_BEFORE if re.search(rf"(?:{words}){_ARTICLE}\s*$", before, re.I)), None
    )
    if qualifier is None and _QUALIFIER_AFTER.match(after):
        qualifier = "over"
    per = "year" if _PER_YEAR.match(after) else "each" if _EACH.match(after) else None
    # "€780 million in 2023 and €1.15 billion in 2024": each the nearest of its own clause
    period = found.period(text, mention.start, mention.start + len(mention.text))
    return FoundFigure(mention.key, mention.text, qualifier, period, per, sentence, mention.start)


def events(sentences: list[Sentence], lang: str) -> list[FoundEvent]:
    """Return each dated event: a date at the precision the source gives it, once a sentence.

    A date of a range, a start ("since 2018") or a "before" is a period; a year alone dates an
    event after "in", "of" or "by" (a deadline), and not inside a name ("the UN 2026 Conference").
    """
    found: dict[tuple[str, str], FoundEvent] = {}
    for sentence in sentences:
        text = sentence.text
        ranges = periods(lang).ranges(text)
        for mention in read_figures(text, lang):
            kind = mention.key[0]
            if kind not in ("day", "month", "year"):
                continue
            if any(start <= mention.start < end for start, end in ranges):
                continue  # a date of a range (2022-2024, from January to November 2021): a period, not an event
            if kind == "year" and not re.fullmatch(r"\d{4}\s*年?", mention.text.strip()):
                continue  # a year the date reader took from a range of months
            if kind == "year" and not _an_event_year(text, mention.start, mention.start + len(mention.text)):
                continue
            date = "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(mention.key[1:]))
            if len(text.split()) < 5 and not re.search(r"[\u4e00-\u9fff]{6}", text):
                continue  # a table's cell or a heading ("Spent in 2024"), not a sentence that tells of an event
            # A day or a month once a sentence; a year alone once a part (every "in 2023" is not an event).
            where = sentence.section.id if kind == "year" else text
            found.setdefault((date, where), FoundEvent(date, mention.text, sentence, mention.start, len(found)))
    return sorted(found.values(), key=lambda event: event.date)


_EVENT_YEAR_BEFORE = re.compile(
    r"(?:^|\b(?:in|en|em|no|na|year|año|ano|of|de|do|during|durante|by|until|hasta|até))\s*$", re.I
)


def _an_event_year(text: str, start: int, end: int) -> bool:
    """Return whether a year alone dates an event: "in 2024", "by 2030", not "the UN 2026 Conference"."""
    return bool(_EVENT_YEAR_BEFORE.search(text[:start])) and not in_a_name(text, start, end)


# Capitals with digits, "&" or "-" (CELAC, G20, COVID-19, R&D), or with one small letter among them (KfW, PCCh).
_ACRONYM = r"[A-ZÀ-ÖØ-Þ](?:[A-ZÀ-ÖØ-Þ0-9&-]*[A-ZÀ-ÖØ-Þ0-9]|[A-Z]*[a-z][A-Z]+|[A-Z]+[a-z])"  # ÖBB too
_ROMAN = re.compile(r"^[IVXLC]+$")
_LONG_SHORT = re.compile(rf"(?P<long>[^()]+?)\s*\((?P<short>{_ACRONYM})\)")
_SHORT_LONG = re.compile(rf"\b(?P<short>{_ACRONYM})\s*\((?P<long>[^()]{{4,120}})\)")
_TOKEN = re.compile(rf"(?<![A-Za-zÀ-ÿ0-9])({_ACRONYM})(?![A-Za-zÀ-ÿ0-9])")  # "IMF认为": Chinese around it
_SMALL_WORDS = frozenset("and of the for in on to a an de del la las los y e da do das dos".split())


def terms(sentences: list[Sentence], lang: str = "en") -> list[FoundTerm]:
    """Return the acronyms the source uses, each with its expansion where it gives one.

    The expansion is given as "Long Form (LF)" or "LF (Long Form)"; a name of an institution spelled out and
    never abbreviated is proposed with its initials, marked as guessed.
    """
    defined: dict[str, FoundTerm] = {}
    used: dict[str, Sentence] = {}
    for sentence in sentences:
        text = sentence.text
        for match in _LONG_SHORT.finditer(text):
            long = _long_form(match["short"], match["long"])
            if long and match["short"] not in defined:
                defined[match["short"]] = FoundTerm(match["short"], long, sentence)
        for match in _SHORT_LONG.finditer(text):
            long = match["long"].strip()
            if _initials_match(match["short"], long) and match["short"] not in defined:
                defined[match["short"]] = FoundTerm(match["short"], long, sentence)
        money = {str(m.key[1]) for m in read_figures(text, lang) if m.key[0] == "money" and m.text[:3].isupper()}
        for match in _TOKEN.finditer(text):
            term = match[1]
            capitals = len(re.sub(r"[^A-ZÀ-ÖØ-Þ]", "", term))
            if (capitals < 2 and not re.search(r"\d", term)) or _ROMAN.match(term) or term in used:
                continue
            if re.match(r"\s?\$", text[match.end() :]) or term in money:
                continue  # a currency's code or sign beside its amount: US$4, SEK 1.5 billion
            used[term] = sentence
    found = dict(defined)
    for term, sentence in used.items():
        found.setdefault(term, FoundTerm(term, None, sentence))
    expanded = {term.definition for term in defined.values()}
    for sentence in sentences:
        for match in _INSTITUTION.finditer(sentence.text):
            if re.match(r"\s+(?:for|of|on|and)\s+[A-Z]", sentence.text[match.end() :]):
                continue  # the name goes on ("Commission for Latin America"): not all of it
            name = re.sub(r"^(?:The|First|Second|Third|Fourth|Fifth|Sixth|New)\s+(?=\S+\s+\S+\s+\S)", "", match[0])
            if any(name in known for known in expanded if known):
                continue
            initials = "".join(piece[0] for word in name.split() for piece in word.split("-") if piece[:1].isupper())
            if name not in expanded and len(initials) >= 3 and initials not in found:
                found[initials] = FoundTerm(initials, name, sentence, guessed=True)
    return sorted(found.values(), key=lambda found_term: found_term.term)


# A name spelled out whose initials a briefing may abbreviate it to: three capitalised words or more, the
# last naming an institution ("Asian Infrastructure Investment Bank", "New Development Bank").
_CAPITAL = r"[A-Z][\w’'-]*"
_INSTITUTION = re.compile(
    rf"\b{_CAPITAL}(?:\s+(?:(?:and|of|for|the|on)\s+)?{_CAPITAL}){{2,}}?\s+"
    r"(?:Bank|Fund|Forum|Initiative|Organi[sz]ation|Agreement|Partnership|Commission|Council|Union|Association|"
    r"Agency|Programme|Program|Institute|Alliance|Community|Conference|Treaty|Convention)\b"
)


def _long_form(short: str, before: str) -> str | None:
    """Return the words before ``(SHORT)`` that it abbreviates (Schwartz and Hearst's algorithm), or None."""
    letters = [c.lower() for c in short if c.isalnum()]
    words = before.split()[-min(len(letters) + 5, len(letters) * 2) :]
    long = " ".join(words)
    li = len(long) - 1
    for si in range(len(letters) - 1, -1, -1):
        char = letters[si]
        while li >= 0 and (
            long[li].lower() != char or (si == 0 and li > 0 and long[li - 1].isalnum())
        ):
            li -= 1
        if li < 0:
            return None
        li -= 1
    start = long.rfind(" ", 0, li + 1) + 1
    found = long[start:].strip(" ,;:")
    if len(found.split()) > len(letters) + 5 or found.lower().split()[0] in _SMALL_WORDS:
        return None
    # The shortest match may start one word late: "Energy Efficiency Directive (EED)" is not "Efficiency Directive".
    earlier = long[:start].split()
    if earlier and len(found.split()) < len(letters) and earlier[-1][:1].lower() == letters[0]:
        found = f"{earlier[-1]} {found}"
    return found


def _initials_match(short: str, long: str) -> bool:
    """Return whether a parenthesis after an acronym expands it: its words' initials give the letters in order."""
    initials = "".join(word[0] for piece in long.split() for word in piece.split("-") if word and word[0].isupper())
    letters = re.sub(r"[^A-Z]", "", short)
    it = iter(initials)
    return len(letters) >= 2 and all(letter in it for letter in letters) and initials[:1] == letters[:1]


_QUOTED = re.compile(r"[“\"«]([^”\"»]{3,600})[”\"»]|「([^」]{3,300})」")
_SPEECH = (
    r"said|says|stated|states|noted|notes|added|adds|stressed|told|tells|declared|remarked|observed|wrote|warned|"
    r"argued|put it|asked|explained|insisted|recalled|concluded|announced|replied|answered|"
    r"dijo|dice|afirmó|afirma|declaró|señaló|explicó|aseguró|reconoce|reconoció|añadió|advirtió|"
    r"disse|diz|afirmou|declarou|explicou|garantiu|reconhece|acrescentou"
)
_CAPITAL = "A-ZÀ-ÖØ-Þ"
_NAME = rf"(?:[{_CAPITAL}][\w’'.-]+\s+(?:(?:de|da|del|dos|van|von|la)\s+)?){{0,3}}[{_CAPITAL}][\w’'-]+"
_SPEAKER = [
    re.compile(rf"(?P<name>{_NAME})\s*,?\s+(?:{_SPEECH})\b"),
    re.compile(
        rf"\b(?:{_SPEECH})\s+(?:(?:me|nos|le|les|a|al|à|ao)\s+)?(?:(?:el|la|o|a)\s+)?"
        rf"(?:[a-záéíóúñç]+\s+){{0,2}}?(?P<name>{_NAME})"
    ),
    re.compile(rf"\b(?:[Aa]ccording to|[Ss]egún|[Ss]egundo)\s+(?P<name>{_NAME})"),
]
_PRONOUN = re.compile(
    rf"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:{_SPEECH})\b|\b(?:{_SPEECH})\s+(?:he|she|they)\b|\b(?:{_SPEECH})\s*[.,]?\s*$"
)
_CJK_SPEAKER = re.compile(
    r"(?:^|[。！？；，、\s”])(?P<name>[\u4e00-\u9fff·]{2,8}?)(?:表示|说|指出|强调|称|坦言|介绍)[:：，,]?\s*$"
)
_TURN = re.compile(rf"(?:^|[.!?”\"]\s+)(?P<name>{_NAME})\s*:\s*$")
_NOT_NAMES = frozenset("The He She It They We This That These Those A An As In On At But And".split())
MIN_QUOTE_WORDS = 6
MAX_QUOTE_WORDS = 60


def quotes(sentences: list[Sentence]) -> list[FoundQuote]:
    """Return the passages the source quotes of six to sixty words, each with its speaker if the text names one.

    A quotation may run over several sentences of its paragraph; one that names no speaker, or "she said",
    takes the last speaker named in its paragraph.
    """
    found: list[FoundQuote] = []
    seen: set[str] = set()
    known: set[str] = set()  # the speakers named so far
    for paragraph, group in _paragraphs(sentences):
        last: str | None = None
        for match in _QUOTED.finditer(paragraph):
            quoted = (match[1] or match[2]).strip().rstrip(",;:")
            around = [s for s, (start, end) in group if start < match.end() and match.start() < end]
            if not around:
                continue
            context = " ".join(s.text for s in around)
            rest = context.replace(match[0], " ")
            before = paragraph[: match.start()]
            turn = _TURN.search(before) or _CJK_SPEAKER.search(before)  # "Amara Okafor: “…”", "王部长表示：“…”"
            speaker = turn["name"] if turn else next((m["name"] for p in _SPEAKER if (m := p.search(rest))), None)
            if speaker and speaker.split()[0] in _NOT_NAMES:
                speaker = " ".join(speaker.split()[1:]) if len(speaker.split()) > 2 else None
            if speaker is None and (_PRONOUN.search(rest) or not re.search(r"\w", rest)):
                # "she said", or a quotation that is all its sentences: the speaker last named before it
                named = [(before.rfind(name.split()[-1]), name) for name in known if name.split()[-1] in before]
                speaker = max(named)[1] if named else last
            last = speaker or last
            if speaker:
                known.add(speaker)
            if MIN_QUOTE_WORDS <= word_count(quoted) <= MAX_QUOTE_WORDS and quoted not in seen:
                seen.add(quoted)
                found.append(FoundQuote(quoted, speaker, Sentence(context, around[0].section, paragraph)))
    return found


def _paragraphs(sentences: list[Sentence]) -> Iterator[tuple[str, list[tuple[Sentence, tuple[int, int]]]]]:
    """Yield each paragraph's text with its sentences and where each sits in it."""
    group: list[tuple[Sentence, tuple[int, int]]] = []
    current, position = None, 0
    for sentence in sentences:
        if sentence.paragraph is not current:
            if group:
                yield current or "", group
            group, current, position = [], sentence.paragraph, 0
        start = sentence.paragraph.find(sentence.text, position)
        start = position if start < 0 else start
        group.append((sentence, (start, start + len(sentence.text))))
        position = start + len(sentence.text)
    if group:
        yield current or "", group


def value_of(key: Key) -> Decimal:
    """Return the number of a figure's key."""
    return key[-1]


_KINDS = [
    ("press-conference", r"press conference|press briefing|conferencia de prensa|coletiva de imprensa|记者会"),
    ("interview", r"\binterview\b|entrevista|专访|采访"),
    ("speech", r"\bspeech\b|\baddress\b|\bremarks\b|discurso|讲话|致辞|演讲"),
    ("declaration", r"\bdeclaration\b|declaración|declaração|宣言"),
    ("statement", r"\bstatement\b|comunicado|声明"),
    ("policy-paper", r"policy paper|white paper|policy brief|\bstrategy\b|白皮书|政策文件"),
    ("report", r"\breport\b|informe|relatório|报告"),
]


def kind_of(words: str) -> str:
    """Return the kind of document its title and opening lines name ("Opening address" is a speech), else article."""
    return next((kind for kind, pattern in _KINDS if re.search(pattern, words, re.I)), "article")
