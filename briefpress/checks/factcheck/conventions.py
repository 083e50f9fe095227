"""How each language writes figures: one entry per language, holding every word the reader needs.

Decimal and grouping marks and month names come from CLDR through Babel; what CLDR does
not say (words of scale, currencies and percent after a number, ordinal suffixes, the
little words inside dates, numbers spelled out) is written here. Adding a language is
adding one ``Conventions`` entry to ``CONVENTIONS``, keyed by its primary subtag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LATIN_LETTER = r"A-Za-zÀ-ÖØ-öø-ɏ"


@dataclass(frozen=True, eq=False)
class Conventions:
    """What one language writes around its numbers and dates.

    ``eq=False`` keeps entries hashable (by identity), so the patterns built from one are cached.
    """

    scales: Mapping[str, int]
    """Word of scale after a number -> power of ten (``billion``: 9, ``万``: 4)."""
    scale_runs: bool
    """Whether words of scale follow one another and add up (``万亿``: 4 + 8)."""
    currencies: Mapping[str, str]
    """Word after a number -> the currency's code (``dólares``: USD)."""
    before_currency: tuple[str, ...]
    """Words that may stand between a number and its currency (``millones de dólares``)."""
    percent_after: tuple[str, ...]
    """Words after a number that make it a percentage (``per cent``); ``%`` counts in every language."""
    percent_before: tuple[str, ...]
    """Words before a number that make it a percentage (``百分之``)."""
    ordinals: tuple[str, ...]
    """Suffixes of an ordinal in digits (``19th``, ``6ª``): read as plain numbers."""
    dates: str
    """``words`` for CLDR month names (``3 December 2021``), ``cjk`` for ``2021年12月3日``."""
    day_marks: tuple[str, ...]
    """Marks after the day of a date in words (``1.º de enero``)."""
    day_of: tuple[str, ...]
    """Words between the day and the month of a date (``3 de diciembre``)."""
    of: tuple[str, ...]
    """Words between the month and the year of a date (``diciembre de 2021``, ``dezembro de 2021``)."""
    to: tuple[str, ...]
    """Words of a month range within a year (``enero a marzo de 2021``); dashes count in every language."""
    number_words: Mapping[str, tuple[int, str]]
    """Numbers in words, counted in a source only: word -> (value, ``unit``, ``scale`` or ``ordinal``)."""
    points_after: tuple[str, ...]
    """Words after a number that make it a difference of percentages (``percentage points``)."""
    measures: Mapping[str, str]
    """Names of measurement units CLDR does not give, or spells otherwise (``tonnes``) -> the CLDR unit."""


def _english_number_words() -> dict[str, tuple[int, str]]:
    units = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
             " sixteen seventeen eighteen nineteen").split()  # fmt: skip
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    ordinals = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
                " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()  # fmt: skip
    return {
        **{word: (value, "unit") for value, word in enumerate(units)},
        **{word: (20 + 10 * i, "unit") for i, word in enumerate(tens)},
        **{word: (value, "ordinal") for value, word in enumerate(ordinals)},
        **{word[:-1] + "ieth": (20 + 10 * i, "ordinal") for i, word in enumerate(tens)},
        "hundred": (100, "scale"),
        "hundredth": (100, "ordinal"),
        "thousand": (1000, "scale"),
        "thousandth": (1000, "ordinal"),
        "million": (10**6, "scale"),
        "billion": (10**9, "scale"),
    }


_IBERIAN_ORDINALS = ("º", "ª", "°", ".º", ".ª", ".°")

CONVENTIONS: dict[str, Conventions] = {
    "en": Conventions(
        scales={"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9},
        scale_runs=False,
        currencies={
            "US dollars": "USD",
            "U.S. dollars": "USD",
            "dollars": "USD",
            "euros": "EUR",
            "yuan": "CNY",
            "renminbi": "CNY",
            "reais": "BRL",
        },
        before_currency=(),
        percent_after=("per cent", "percent"),
        percent_before=(),
        ordinals=("st", "nd", "rd", "th"),
        dates="words",
        day_marks=(".",),
        day_of=(),
        of=("of",),
        to=("to", "through", "until"),
        number_words=_english_number_words(),
        points_after=("percentage points", "percentage point", "percentage-points", "percentage-point", "pp", "p.p."),
        # MW names megawatts and milliwatts alike when case is folded: in a source it is megawatts.
        measures={"tonne": "mass-tonne", "tonnes": "mass-tonne", "metric tonnes": "mass-tonne", "MW": "power-megawatt"},
    ),
    "es": Conventions(
        scales={
            "mil millones": 9,
            "millardos": 9,
            "millardo": 9,
            "mil": 3,
            "millones": 6,
            "millón": 6,
            "billones": 12,
            "billón": 12,
        },
        scale_runs=False,
        currencies={
            "dólares estadounidenses": "USD",
            "dólares": "USD",
            "euros": "EUR",
            "yuanes renminbi": "CNY",
            "yuanes": "CNY",
            "yuan": "CNY",
            "renminbi": "CNY",
            "reales brasileños": "BRL",
            "reales": "BRL",
            "reais": "BRL",
        },
        before_currency=("de",),
        percent_after=("por ciento",),
        percent_before=(),
        ordinals=_IBERIAN_ORDINALS,
        dates="words",
        day_marks=(".", "º", ".º"),
        day_of=("de",),
        of=("de", "del"),
        to=("a", "al", "hasta"),
        number_words={},
        points_after=("puntos porcentuales", "punto porcentual", "p. p.", "p.p.", "pp"),
        measures={"MW": "power-megawatt"},
    ),
    "pt": Conventions(
        scales={
            "mil": 3,
            "milhões": 6,
            "milhão": 6,
            "mi": 6,
            "bilhões": 9,
            "bilhão": 9,
            "bi": 9,
            "trilhões": 12,
            "trilhão": 12,
            "tri": 12,
        },
        scale_runs=False,
        currencies={
            "dólares": "USD",
            "euros": "EUR",
            "yuans": "CNY",
            "yuan": "CNY",
            "renminbi": "CNY",
            "reais": "BRL",
            "real": "BRL",
        },
        before_currency=("de",),
        percent_after=("por cento",),
        percent_before=(),
        ordinals=_IBERIAN_ORDINALS,
        dates="words",
        day_marks=(".", "º", ".º"),
        day_of=("de",),
        of=("de",),
        to=("a", "até"),
        number_words={},
        points_after=("pontos percentuais", "ponto percentual", "p.p.", "pp"),
        measures={"MW": "power-megawatt"},
    ),
    "zh": Conventions(
        scales={"千": 3, "万": 4, "亿": 8},
        scale_runs=True,
        currencies={"美元": "USD", "欧元": "EUR", "人民币": "CNY", "元": "CNY"},
        before_currency=(),
        percent_after=(),
        percent_before=("百分之",),
        ordinals=(),
        dates="cjk",
        day_marks=(),
        day_of=(),
        of=(),
        to=(),
        number_words={},
        points_after=("个百分点", "百分点"),
        measures={"吨": "mass-tonne", "千米": "length-kilometer", "MW": "power-megawatt"},
    ),
}

# A language without an entry: its digits, CLDR marks and month names, and the signs every language uses.
UNLISTED = Conventions(
    scales={}, scale_runs=False, currencies={}, before_currency=(), percent_after=(), percent_before=(), ordinals=(),
    dates="words", day_marks=(), day_of=(), of=(), to=(), number_words={}, points_after=(), measures={},
)  # fmt: skip


def conventions_for(lang: str) -> Conventions:
    """Return the conventions of a BCP 47 language tag, by its primary subtag (``pt-BR`` -> ``pt``)."""
    return CONVENTIONS.get(lang.split("-")[0].lower(), UNLISTED)


def words_pattern(words: Iterable[str]) -> str:
    """Return a pattern for any of ``words``, the longest first; a space in a word is any whitespace.

    A word that ends in a Latin letter must end there (``mil`` is not the start of ``millones``).
    """
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        boundary = rf"(?![{LATIN_LETTER}])" if word[-1].isalpha() and ord(word[-1]) < 0x2E80 else ""
        alternatives.append(r"\s+".join(map(re.escape, word.split(" "))) + boundary)
    return "|".join(alternatives) or "(?!)"
