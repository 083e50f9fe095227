"""The sample briefing against its source article: figures, dates and quotations as stated."""

from __future__ import annotations

import pytest
from conftest import ARTICLE

from briefpress.checks.factcheck import FactCheck, fact_check, read_source, source_language

pytestmark = pytest.mark.skipif(not ARTICLE.is_file(), reason=f"the source article is not at {ARTICLE}")


@pytest.fixture
def report(briefing) -> FactCheck:
    return fact_check(briefing, read_source([ARTICLE], source_language(briefing)))


def test_the_article_is_the_source_language(briefing):
    assert source_language(briefing) == "en"


def test_every_figure_is_stated_in_the_article(report):
    assert [str(problem) for problem in report.missing if problem.field.startswith("figures")] == []


def test_every_quotation_is_verbatim(report):
    assert report.quotations == 12
    assert [str(problem) for problem in report.missing if problem.field.startswith("quotes")] == []


def test_every_date_is_in_the_article(report):
    assert [str(problem) for problem in report.missing if problem.field.startswith(("timeline", "source"))] == []


def test_every_number_in_the_prose_is_in_the_article(report):
    assert report.missing == ()
