"""The model's own types: partial dates and periods."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from briefpress.content.model import Figure, PartialDate, Period
from briefpress.content.units import Unit, UnitKind


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


# --- units ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored", "kind"),
    [
        ("USD", "USD", UnitKind.CURRENCY),
        ("EUR", "EUR", UnitKind.CURRENCY),
        ("CNY", "CNY", UnitKind.CURRENCY),
        ("count", "count", UnitKind.COUNT),
        ("percentage-points", "percentage-points", UnitKind.PERCENTAGE_POINTS),
        ("mass-tonne", "mass-tonne", UnitKind.MEASURE),
        ("tonne", "mass-tonne", UnitKind.MEASURE),
        ("kilometer", "length-kilometer", UnitKind.MEASURE),
    ],
)
def test_a_unit_is_stored_in_its_full_form(written, stored, kind):
    figure = Figure(id="x", value="66000000000", unit=written, part="p")
    assert (figure.unit, figure.unit.kind, figure.value) == (stored, kind, Decimal("66000000000"))


@pytest.mark.parametrize(
    ("written", "hint"),
    [("EURO", " (did you mean EUR?)"), ("eur", " (did you mean EUR?)"),
     ("kilometre", " (did you mean length-kilometer?)"), ("XXX", ""), ("furlongs-per-fortnight", "")],
)  # fmt: skip
def test_a_wrong_unit_says_what_to_write(written, hint):
    with pytest.raises(ValidationError) as raised:
        Figure(id="x", value="1", unit=written, part="p")
    (error,) = raised.value.errors()
    assert error["msg"].removeprefix("Value error, ") == (
        f"{written!r} is not a unit: write an ISO 4217 currency code (EUR, CNY), count, percent, "
        f"percentage-points or a CLDR unit such as mass-tonne{hint}"
    )


def test_a_short_unit_resolves_to_the_one_cldr_unit_of_that_name():
    assert (Unit("meter"), Unit("ton"), Unit("gram")) == ("length-meter", "mass-ton", "mass-gram")
