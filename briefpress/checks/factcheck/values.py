"""Values of a kind, as figures are compared: money with its currency, percent, number, year, month, day."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from briefpress.content.model import Figure, PartialDate
from briefpress.content.units import UnitKind

Key = tuple[Any, ...]
"""A value of a kind: ``("money", "USD", Decimal(...))``, ``("percent", v)``, ``("points", v)``
(percentage points), ``("measure", "mass-tonne", v)``, ``("number", v)``, ``("year", y)``, ``("month", y, m)``,
``("day", y, m, d)``."""


@dataclass(frozen=True)
class Mention:
    """A figure or date as written in a text, with its normalised value."""

    text: str
    key: Key
    start: int = 0

    def normalised(self) -> str:
        """Return the value as the report shows it: ``411250000000 USD``, ``42.3%``, ``2021-12-03``."""
        return describe(self.key)


def describe(key: Key) -> str:
    """Return a normalised value in words a reader can compare."""
    kind, *value = key
    if kind == "money":
        return f"{plain(value[1])} {value[0]}"
    if kind == "percent":
        return f"{plain(value[0])}%"
    if kind == "points":
        return f"{plain(value[0])} percentage points"
    if kind == "measure":
        return f"{plain(value[1])} {value[0]}"
    if kind == "number":
        return plain(value[0])
    return "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(value))


def plain(value: Decimal) -> str:
    """Return a decimal in digits, without exponent or trailing zeros."""
    return format(value.normalize(), "f")


def date_key(date: PartialDate) -> Key:
    """Return the key of a date at its precision: ``("day", 2021, 12, 3)``."""
    if date.precision == "day":
        return ("day", date.year, date.month, date.day)
    if date.precision == "month":
        return ("month", date.year, date.month)
    return ("year", date.year)


def figure_key(figure: Figure) -> Key:
    """Return the key of a figure of ``briefing.yaml``, by its unit."""
    if figure.unit.kind is UnitKind.CURRENCY:
        return ("money", str(figure.unit), figure.value)
    if figure.unit.kind is UnitKind.PERCENT:
        return ("percent", figure.value)
    if figure.unit.kind is UnitKind.PERCENTAGE_POINTS:
        return ("points", figure.value)
    if figure.unit.kind is UnitKind.MEASURE:
        return ("measure", str(figure.unit), figure.value)
    return ("number", figure.value)


def implied(key: Key) -> list[Key]:
    """Return what else a value in the source supports: a day its month and year, a year its number."""
    if key[0] == "day":
        return [("month", key[1], key[2]), ("year", key[1])]
    if key[0] == "month":
        return [("year", key[1])]
    if key[0] == "year":
        return [("number", Decimal(key[1]))]
    if key[0] == "points":
        return [("number", key[1])]
    if key[0] == "measure":
        # English sources often write metric tonnes as "tons".
        tonnes = [("measure", "mass-tonne", key[2])] if key[1] == "mass-ton" else []
        return [*tonnes, ("number", key[2])]
    return []


class Spans:
    """The stretches of a text already read as a figure, so that no character counts twice."""

    def __init__(self) -> None:
        self._taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        """Return whether no figure read so far overlaps ``start:end``."""
        return not any(start < taken_end and taken_start < end for taken_start, taken_end in self._taken)

    def take(self, start: int, end: int) -> None:
        """Mark ``start:end`` as read."""
        self._taken.append((start, end))
