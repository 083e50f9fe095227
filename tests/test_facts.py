"""The sample briefing against its source article: figures and quotations as stated."""

from __future__ import annotations

import pytest
from babel.support import NullTranslations
from conftest import ARTICLE

from briefpress.i18n import Formatter

pytestmark = pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not beside the project")
# Numbers the article spells out in words.
SPELLED = {"28": "twenty-eight"}


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8").lower()


def test_every_figure_is_stated_in_the_article(briefing, article):
    fmt = Formatter("en", NullTranslations())
    for figure in briefing.spec.figures:
        printed = fmt.figure(figure).lower()
        assert printed in article or SPELLED.get(printed, "\0") in article, figure.id


def test_every_quotation_is_verbatim(briefing, article):
    for quote in briefing.texts["en"].quotes.values():
        assert quote.text.lower() in article, quote.text


def test_every_timeline_year_is_in_the_article(briefing, article):
    for event in briefing.spec.timeline:
        assert str(event.date.year) in article, event.id
