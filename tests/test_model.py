"""The model's own types: partial dates and periods."""

from __future__ import annotations

import pytest

from briefpress.content.model import PartialDate, Period


@pytest.mark.parametrize(("text", "precision"), [("2024", "year"), ("2014-07", "month"), ("2021-12-03", "day")])
def test_partial_date_precision(text, precision):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert str(date) == text


@pytest.mark.parametrize("text", ["2021-13", "2021-02-30", "21", "2021/12", "December 2021", ""])
def test_partial_date_rejects(text):
    with pytest.raises(ValueError, match="not a"):
        PartialDate.parse(text)


def test_periods():
    assert Period.parse("2021-01/2021-11") == Period(PartialDate(2021, 1), PartialDate(2021, 11))
    assert Period.parse("2018-01/..") == Period(PartialDate(2018, 1), None)
    assert Period.parse("../2024") == Period(None, PartialDate(2024))
    assert Period.parse("2021-12-03") == Period(PartialDate(2021, 12, 3), PartialDate(2021, 12, 3))


@pytest.mark.parametrize(("text", "message"), [("../..", "at least one date"), ("2021/2020", "ends before")])
def test_period_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        Period.parse(text)
