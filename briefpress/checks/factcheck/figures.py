"""Read every figure and date written in a text, in one language's conventions."""

from __future__ import annotations

from briefpress.checks.factcheck.conventions import conventions_for
from briefpress.checks.factcheck.dates import read_dates
from briefpress.checks.factcheck.numbers import read_number_words, read_numbers
from briefpress.checks.factcheck.values import Mention, Spans

# One character for one: offsets in the translated text are offsets in the original.
PLAIN = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u3000": " ",
        "％": "%",
        "＄": "$",
    }
)


def read_figures(text: str, lang: str, words: bool = False) -> list[Mention]:
    """Return the figures and dates written in ``text`` in language ``lang``, in order.

    With ``words``, numbers spelled out in the language's words count too (for a source).
    """
    plain = text.translate(PLAIN)
    conventions = conventions_for(lang)
    spans = Spans()
    mentions = list(read_dates(plain, lang, conventions, spans))
    mentions += read_numbers(plain, lang, conventions, spans)
    if words:
        mentions += read_number_words(plain, lang, conventions, spans)
    return sorted(mentions, key=lambda mention: mention.start)
