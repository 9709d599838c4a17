"""Placing a date phrase against a publication date: an `Expr` to a TIMEX3 `Value`."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta
from enum import StrEnum

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from brief.core.timeline.expr import Expr, Relation
from brief.core.timeline.values import (
    Precision,
    Value,
    century_value,
    day_value,
    decade_value,
    half_value,
    interval,
    month_value,
    quarter_value,
    season_value,
    time_value,
    week_value,
    year_value,
)


class Direction(StrEnum):
    """Where to look for a name without a year ("May", "Friday") from the publication date."""

    BACK = "back"
    """The latest one on or before the publication date (things told in the past tense)."""
    FORWARD = "forward"
    """The first one on or after the publication date (things told in the future tense)."""
    NEAREST = "nearest"
    """Whichever is closer (present tense)."""


def _day_or_time(day: date, clock: str) -> Value:
    """A day, or a time of it when the phrase gives a clock time or a part of the day."""
    return time_value(day, clock) if clock else day_value(day)


def _valid_day(year: int, month: int, day: int) -> date | None:
    """The day, or None when the month has no such day."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _in_year(expr: Expr, year: int) -> Value | None:
    """The value an expression names within a given year."""
    if not 1 <= year <= 9999:
        return None
    precision = expr.precision
    if precision is Precision.YEAR:
        return year_value(year)
    if precision is Precision.HALF:
        return half_value(year, int(expr.part[1]))
    if precision is Precision.QUARTER:
        return quarter_value(year, int(expr.part[1]))
    if precision is Precision.SEASON:
        return season_value(year, expr.part)
    if expr.holiday:
        day = holiday_date(expr.holiday, year)
        return day_value(day) if day else None
    if expr.month is None:
        return None
    if precision is Precision.MONTH:
        return month_value(year, expr.month)
    if expr.day is None:
        return None
    day = _valid_day(year, expr.month, expr.day)
    return None if day is None else _day_or_time(day, expr.clock)


_FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas eve": (12, 24),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
}


def holiday_date(key: str, year: int) -> date | None:
    """The day of a holiday in a year (Easter by dateutil, Thanksgiving as the US keeps it)."""
    if key in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[key]
        return date(year, month, day)
    if key == "easter":
        return easter(year)
    if key == "thanksgiving":
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None


_EDGE_THIRDS = {"start": 0, "middle": 1, "end": 2}
"""Which third of a unit each edge word names."""


def _unit_around(precision: Precision, anchor: date, shift: int) -> Value:
    """The year, month or week holding the publication date, or `shift` of them away."""
    if precision is Precision.YEAR:
        return year_value(anchor.year + shift)
    if precision is Precision.MONTH:
        moved = anchor + relativedelta(months=shift)
        return month_value(moved.year, moved.month)
    return week_value(anchor + relativedelta(weeks=shift))


def _edge(expr: Expr, anchor: date, direction: Direction) -> Value:
    """ "the end of the year": the current unit, or the one before when told in the past tense
    and that edge is still ahead of the writer."""
    current = _unit_around(expr.precision, anchor, 0)
    if direction is not Direction.BACK:
        return current
    days = (current.last - current.first).days
    edge_first = current.first + timedelta(days=days * _EDGE_THIRDS[expr.edge] // 3)
    return current if edge_first <= anchor else _unit_around(expr.precision, anchor, -1)


def _pick(
    candidates: list[Value], anchor: date, relation: Relation, direction: Direction
) -> Value | None:
    """The candidate a name means, seen from the publication date."""
    if not candidates:
        return None
    if relation is Relation.LAST:
        before = [c for c in candidates if c.last < anchor]
        return max(before, key=lambda c: c.first) if before else None
    if relation is Relation.NEXT:
        after = [c for c in candidates if c.first > anchor]
        return min(after, key=lambda c: c.first) if after else None
    if relation is Relation.THIS:
        holding = [c for c in candidates if c.first <= anchor <= c.last]
        if holding:
            return holding[0]
        same = [c for c in candidates if c.first.year == anchor.year]
        return same[0] if same else None
    if direction is Direction.BACK:
        before = [c for c in candidates if c.first <= anchor]
        return max(before, key=lambda c: c.first) if before else None
    if direction is Direction.FORWARD:
        after = [c for c in candidates if c.last >= anchor]
        return min(after, key=lambda c: c.first) if after else None

    def distance(value: Value) -> int:
        if value.first <= anchor <= value.last:
            return 0
        return min(abs((value.first - anchor).days), abs((value.last - anchor).days))

    return min(candidates, key=lambda c: (distance(c), -c.first.toordinal()))


def _shifted(expr: Expr, anchor: date) -> Value | None:
    """A value counted from the publication date ("last week", "two years ago", "this year")."""
    shift = expr.shift or 0
    unit = expr.shift_unit
    if unit is Precision.YEAR:
        return _in_year(expr, anchor.year + shift)
    if unit is Precision.DECADE:
        return decade_value(anchor.year // 10 + shift)
    if unit is Precision.QUARTER:
        index = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        return quarter_value(index // 4, index % 4 + 1)
    if unit is Precision.MONTH:
        moved = anchor + relativedelta(months=shift)
        if expr.day is not None:
            day = _valid_day(moved.year, moved.month, expr.day)
            return day_value(day) if day else None
        return month_value(moved.year, moved.month)
    if unit is Precision.WEEK:
        return week_value(anchor + relativedelta(weeks=shift), expr.weekend)
    if unit is Precision.DAY:
        return _day_or_time(anchor + relativedelta(days=shift), expr.clock)
    return None


def _named(expr: Expr, anchor: date, direction: Direction) -> Value | None:
    """A name without a year ("May", "Friday", "the 3rd", "last summer") placed by tense."""
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if expr.weekday is not None and expr.month is not None and expr.day is not None:
        in_years = [value for year in years if (value := _in_year(expr, year))]
        matching = [value for value in in_years if value.first.weekday() == expr.weekday]
        if len(matching) == 1:
            return matching[0]
        candidates = matching or in_years
    elif expr.weekday is not None:
        if expr.relation is Relation.THIS:
            monday = anchor - timedelta(days=anchor.weekday())
            return _day_or_time(monday + timedelta(days=expr.weekday), expr.clock)
        days = (anchor + timedelta(days=offset) for offset in range(-7, 8))
        same = [day for day in days if day.weekday() == expr.weekday]
        candidates = [_day_or_time(day, expr.clock) for day in same]
    elif expr.precision is Precision.DAY and expr.month is None and expr.day is not None:
        months = (anchor + relativedelta(months=shift) for shift in (-1, 0, 1))
        candidates = [
            value
            for moved in months
            if (value := _in_year(replace(expr, month=moved.month), moved.year))
        ]
    else:
        candidates = [value for year in years if (value := _in_year(expr, year))]
    return _pick(candidates, anchor, expr.relation, direction)


def resolve(expr: Expr, anchor: date | None, direction: Direction = Direction.BACK) -> Value | None:
    """The value an expression names, against the publication date `anchor`.

    Absolute phrases resolve without an anchor; relative ones give None when it is missing
    (never a guess).
    """
    if expr.end is not None:
        start = resolve(replace(expr, end=None), anchor, direction)
        end = resolve(expr.end, anchor, direction)
        if start is None or end is None:
            return None
        return interval(start, end)
    if expr.precision is Precision.CENTURY:
        return century_value(int(expr.part))
    if expr.precision is Precision.DECADE and expr.shift is None:
        return decade_value(int(expr.part))
    if expr.year is not None:
        return _in_year(expr, expr.year)
    if anchor is None:
        return None
    if expr.shift is not None:
        return _shifted(expr, anchor)
    if expr.edge:
        return _edge(expr, anchor, direction)
    return _named(expr, anchor, direction)
