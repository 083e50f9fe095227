"""The units a figure counts in: a currency, a count, percent, percentage points or a CLDR measurement unit.

A unit is written once in ``briefing.yaml`` and checked against CLDR (through Babel): any
ISO 4217 currency code (``EUR``, ``CNY``), ``count``, ``percent``, ``percentage-points``, or
a CLDR measurement unit by its id (``mass-tonne``, ``length-kilometer``) or, when only one
unit has it, by the id without its category (``tonne``, ``kilometer``).
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar

from babel import Locale
from babel.numbers import list_currencies
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

# ISO 4217 codes that name no money: "no currency" and the code kept for testing.
_NOT_MONEY = frozenset({"XXX", "XTS"})
PATTERN = r"^([A-Z]{3}|[a-z]+(-[a-z0-9]+)*)$"


class UnitKind(StrEnum):
    """What kind of quantity a unit measures."""

    CURRENCY = "currency"
    COUNT = "count"
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage-points"
    MEASURE = "measure"


class Unit(str):
    """What a figure's number counts: ``EUR``, ``count``, ``percent``, ``percentage-points``, ``mass-tonne``.

    A string (so ``unit == "USD"`` holds), always in its full form: ``tonne`` is read as ``mass-tonne``.
    """

    USD: ClassVar[Unit]
    COUNT: ClassVar[Unit]
    PERCENT: ClassVar[Unit]
    PERCENTAGE_POINTS: ClassVar[Unit]

    __slots__ = ()

    def __new__(cls, written: str) -> Unit:
        return super().__new__(cls, resolve(written))

    @property
    def kind(self) -> UnitKind:
        """Return what kind of quantity the unit measures."""
        if self in _KINDS:
            return _KINDS[self]
        return UnitKind.CURRENCY if self.isupper() else UnitKind.MEASURE

    @property
    def value(self) -> str:
        """Return the unit as written in ``briefing.yaml`` (as an enum member's ``value`` would)."""
        return str(self)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(), serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": PATTERN,
            "description": "What a figure's number counts: an ISO 4217 currency code (EUR, CNY, USD), count, "
            "percent, percentage-points, or a CLDR measurement unit (mass-tonne, length-kilometer)",
            "examples": ["USD", "EUR", "count", "percent", "percentage-points", "mass-tonne"],
        }


_KINDS = {
    "count": UnitKind.COUNT,
    "percent": UnitKind.PERCENT,
    "percentage-points": UnitKind.PERCENTAGE_POINTS,
}


def resolve(written: str) -> str:
    """Return a unit's full form (``tonne`` -> ``mass-tonne``), or raise ValueError saying what to write."""
    if written in _KINDS or written in currencies() or written in measures():
        return written
    full = short_measures().get(written)
    if full:
        return full
    hint = _closest(written)
    raise ValueError(
        f"{written!r} is not a unit: write an ISO 4217 currency code (EUR, CNY), count, percent, "
        f"percentage-points or a CLDR unit such as mass-tonne" + (f" (did you mean {hint}?)" if hint else "")
    )


@cache
def currencies() -> frozenset[str]:
    """Return the ISO 4217 currency codes CLDR knows (current and historic)."""
    return frozenset(list_currencies()) - _NOT_MONEY


@cache
def measures() -> frozenset[str]:
    """Return the ids of CLDR's measurement units (``mass-tonne``)."""
    return frozenset(Locale("en").unit_display_names)


@cache
def short_measures() -> dict[str, str]:
    """Return each id without its category (``tonne``) that names one unit only, with that unit's id."""
    found: dict[str, list[str]] = {}
    for full in measures():
        found.setdefault(full.split("-", 1)[1], []).append(full)
    return {short: fulls[0] for short, fulls in found.items() if len(fulls) == 1 and short not in _KINDS}


def _closest(written: str) -> str | None:
    """Return the unit most like a misspelt one (``eur`` -> ``EUR``, ``kilometre`` -> ``length-kilometer``)."""
    for code in (written.upper(), written.upper()[:3]):  # eur, EURO
        if code in currencies():
            return code
    known = [*_KINDS, *short_measures(), *measures()]
    close = difflib.get_close_matches(written.lower(), known, n=1, cutoff=0.75)
    if not close:
        return None
    return short_measures().get(close[0], close[0]) if close[0] not in _KINDS else close[0]


Unit.USD = Unit("USD")
Unit.COUNT = Unit("count")
Unit.PERCENT = Unit("percent")
Unit.PERCENTAGE_POINTS = Unit("percentage-points")
