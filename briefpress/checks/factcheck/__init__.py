"""Fact-checking: a briefing's figures, dates and quotations against the text it summarises.

The modules, in the order the check runs: ``claims`` (what the briefing states, with file,
line and field), ``figures`` (reading a text: ``dates``, ``numbers``, by the language's
``conventions``, into ``values``), ``quotations``, ``source`` (the text checked against),
``check`` (matching) and ``report``.

What is checked
    * ``briefing.yaml``: every figure's ``value`` with its ``unit`` (money, percent or
      count), the years at both ends of a figure's ``period``, every timeline date at its
      own precision, and each source's ``event_date``. Qualifiers (over, nearly) are not
      checked.
    * ``text/<lang>.yaml``: every number written in digits in every text field (titles,
      overview, summaries, points, labels, timeline entries, glossary, chart titles and
      text alternatives), read with that language's conventions; and every quotation.
      Fields a language leaves to the base language are checked once, in the base language.

What counts as a figure in a text field
    * A number in digits with what follows or precedes it: a word of scale (billion,
      mil millones, millones, bilhões, 万, 亿, 千), a currency (US$, USD, dollars,
      dólares, 美元; also euros, yuan and reais), a percent sign or word (%, per cent,
      por ciento, por cento, 百分之). Decimal and grouping marks are the language's own
      (CLDR, through Babel's ``parse_decimal``): ``411,250.5`` in English is ``411.250,5`` in Spanish.
    * A date: day, month and year (``3 December 2021``, ``December 3, 2021``,
      ``3 de diciembre de 2021``, ``2021年12月3日``) or month and year; a month range
      within one year (``January-November 2021``, ``2021年1—11月``) counts as its year.
      A bare four-digit number from 1000 to 2999 is a year (``2018-2020`` is two years).
    * The words are the language's own, one entry per language in
      ``conventions.CONVENTIONS`` (en, es, pt, zh); a language without an entry is read
      by its digits, marks and CLDR month names, currency signs and codes, and ``%``.
    * Ordinals in digits (``19th``, ``6ª``, ``10º``) are plain numbers, like counts.
    * Not figures: numbers inside names (``COVID-19``, ``G20``, ``5G``), numbers in
      words in the briefing (``two``, ``mil``, ``第六届``), Roman numerals (``VI``), a
      day or month without a year (``11月``).

How a figure matches
    Figures are compared as values of a kind: money (with its currency), percent, a
    plain number, a year, a month, a day. A figure is found when the source holds the
    same value of the same kind: ``US$411.25 billion``, ``411.250 millones de dólares``
    and ``4112.5亿美元`` are all 411250000000 USD. A year also matches a plain number of
    that value; a day in the source also supports its month and year. In the source,
    numbers spelled in words in the source's language count too (English: ``Twenty-eight``,
    ``a hundred``, ``sixth``). Small numbers therefore match easily; large numbers,
    money, percentages and dates are what the check holds to account.

Quotations
    A quotation is looked up in its source's language (that source's ``language``, else the
    base language), after folding case, removing quotation marks and apostrophes, and
    making dashes and whitespace uniform; leading and trailing punctuation is ignored and
    ``...`` or ``…`` stand for an omission (the pieces must appear in order). A quotation
    in another language is checked through its original, the same quotation in the
    source's language.

Sources
    Plain text (``.txt``) is read as it is; Markdown (``.md``) as the text a reader sees
    (markdown-it-py: no marks, links as their text, images as their alt text). A briefing of
    several sources is checked source by source: each figure, event and quotation against the
    files given for its own source (``source: <id>``, default the first), read in that source's
    language; a number in other prose against every file given. A source without files is not
    checked, and neither is a number in prose that the files given do not hold while some
    source has none.
"""

from __future__ import annotations

from briefpress.checks.factcheck.check import SourceFiles, check_sources, fact_check, source_language
from briefpress.checks.factcheck.figures import read_figures
from briefpress.checks.factcheck.quotations import normalise_quotation
from briefpress.checks.factcheck.report import FactCheck, SourceCheck
from briefpress.checks.factcheck.source import SourceText, read_source

__all__ = [
    "FactCheck",
    "SourceCheck",
    "SourceFiles",
    "SourceText",
    "check_sources",
    "fact_check",
    "normalise_quotation",
    "read_figures",
    "read_source",
    "source_language",
]
