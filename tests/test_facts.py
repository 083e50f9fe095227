"""A briefing against its source article: figures, dates and quotations as stated.

The briefing and the article are invented (tests/fixtures/factcheck); the sample briefing is checked
against the real article in CI (.ci/run), where that article sits beside the repository.
"""

from __future__ import annotations

import pytest
from helpers import FORUM_ARTICLE

from briefpress.checks.factcheck import FactCheck, fact_check, read_source, source_language


@pytest.fixture
def report(forum_briefing) -> FactCheck:
    return fact_check(forum_briefing, read_source([FORUM_ARTICLE], source_language(forum_briefing)))


def test_the_article_is_the_source_language(forum_briefing):
    assert source_language(forum_briefing) == "en"


def test_every_language_is_checked(report):
    assert (report.languages, report.figures) == (3, 53)


def test_every_figure_is_stated_in_the_article(report):
    assert [str(problem) for problem in report.missing if problem.field.startswith("figures")] == []


def test_every_quotation_is_verbatim(report):
    assert report.quotations == 6
    assert [str(problem) for problem in report.missing if problem.field.startswith("quotes")] == []


def test_every_date_is_in_the_article(report):
    assert [str(problem) for problem in report.missing if problem.field.startswith(("timeline", "source"))] == []


def test_every_number_in_the_prose_is_in_the_article(report):
    assert report.missing == ()
