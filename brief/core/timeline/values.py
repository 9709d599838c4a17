"""TIMEX3 values: a resolved date at its own precision, with the days it covers."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Precision(StrEnum):
    """How fine a date is: the unit its TIMEX3 value names."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    TIME = "time"


SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}
"""Meteorological months of each TIMEX3 season (winter runs into the next year)."""


@dataclass(frozen=True, slots=True)
class Value:
    """A resolved date: its TIMEX3 value and the first and last day it covers."""

    timex: str
    """The value in TimeML TIMEX3 notation ("2042", "2023-12", "2021-W07", "2021-05/2021-06")."""
    first: date
    """The first day the value covers."""
    last: date
    """The last day the value covers."""
    precision: Precision
    """The unit of the value (for an interval, the unit of its ends)."""


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def year_value(year: int) -> Value:
    """A whole year."""
    return Value(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def decade_value(decade: int) -> Value:
    """A decade given by its first three digits (199 for the 1990s)."""
    first = decade * 10
    return Value(f"{decade:03d}", date(first, 1, 1), date(first + 9, 12, 31), Precision.DECADE)


def century_value(century: int) -> Value:
    """A century given by its first two digits (19 for the 20th century)."""
    first = max(century * 100, 1)
    return Value(
        f"{century:02d}", date(first, 1, 1), date(century * 100 + 99, 12, 31), Precision.CENTURY
    )


def half_value(year: int, half: int) -> Value:
    """The first or second half of a year."""
    first = date(year, 1 if half == 1 else 7, 1)
    last = month_end(year, 6 if half == 1 else 12)
    return Value(f"{year:04d}-H{half}", first, last, Precision.HALF)


def quarter_value(year: int, quarter: int) -> Value:
    """A quarter of a year."""
    first_month = 3 * (quarter - 1) + 1
    first = date(year, first_month, 1)
    return Value(
        f"{year:04d}-Q{quarter}", first, month_end(year, first_month + 2), Precision.QUARTER
    )


def season_value(year: int, season: str) -> Value:
    """A season of a year (winter is the one that starts in December of that year)."""
    start, end = SEASON_MONTHS[season]
    last_year = year + 1 if end < start else year
    return Value(
        f"{year:04d}-{season}",
        date(year, start, 1),
        month_end(last_year, end),
        Precision.SEASON,
    )


def month_value(year: int, month: int) -> Value:
    """A month."""
    return Value(
        f"{year:04d}-{month:02d}", date(year, month, 1), month_end(year, month), Precision.MONTH
    )


def week_value(day: date, weekend: bool = False) -> Value:
    """The ISO week that contains a day (or only its weekend)."""
    iso_year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    if weekend:
        return Value(
            f"{iso_year:04d}-W{week:02d}-WE",
            monday + timedelta(days=5),
            monday + timedelta(days=6),
            Precision.WEEK,
        )
    return Value(f"{iso_year:04d}-W{week:02d}", monday, monday + timedelta(days=6), Precision.WEEK)


def day_value(day: date) -> Value:
    """A single day."""
    return Value(day.isoformat(), day, day, Precision.DAY)


def time_value(day: date, clock: str) -> Value:
    """A time of a day: a clock time "15:00" or a part of the day ("AF")."""
    return Value(f"{day.isoformat()}T{clock}", day, day, Precision.TIME)


def interval(start: Value, end: Value) -> Value | None:
    """The span from one value to another, or None when the end comes before the start."""
    if end.last < start.first:
        return None
    if end.timex == start.timex:
        return start
    return Value(f"{start.timex}/{end.timex}", start.first, end.last, start.precision)
