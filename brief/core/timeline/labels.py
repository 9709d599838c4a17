"""Timeline rows for people: dates at their own precision, date ranges typed by users, filters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from brief.core.dates import date_period
from brief.core.timeline.events import Event, Kind
from brief.core.timeline.values import Precision

_SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "WI": "Winter"}
_RANGE_SPLIT = re.compile(r"\s*(?:\.\.|–|—|\bto\b|\buntil\b|\s-\s)\s*", re.IGNORECASE)


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def _one(timex: str, first: date, last: date, precision: Precision) -> str:
    """The label of a single (not interval) value."""
    if precision is Precision.CENTURY:
        century = first.year // 100 + 1
        suffix = (
            "th"
            if 10 <= century % 100 <= 20
            else {1: "st", 2: "nd", 3: "rd"}.get(century % 10, "th")
        )
        return f"{century}{suffix} century"
    if precision is Precision.DECADE:
        return f"{first.year // 10 * 10}s"
    if precision is Precision.YEAR:
        return str(first.year)
    if precision is Precision.HALF:
        return f"H{1 if first.month <= 6 else 2} {first.year}"
    if precision is Precision.QUARTER:
        return f"Q{(first.month - 1) // 3 + 1} {first.year}"
    if precision is Precision.SEASON:
        code = timex.rsplit("-", 1)[-1][:2]
        return f"{_SEASONS.get(code, 'Season')} {first.year}"
    if precision is Precision.MONTH:
        return first.strftime("%b %Y")
    if precision is Precision.WEEK:
        return f"week of {_day(first)}"
    if precision is Precision.TIME:
        clock = re.search(r"T(\d{2}:\d{2})", timex)
        return f"{_day(first)} {clock.group(1)}" if clock else _day(first)
    return _day(first) if first == last else f"{_day(first)} – {_day(last)}"


def date_label(event: Event) -> str:
    """The date of a row at its own precision: "2042", "Dec 2023", "23 Feb 2021", "H2 2021"."""
    if not event.resolved or event.first is None or event.last is None or event.value is None:
        return "unresolved"
    if "/" in event.value and event.precision is not Precision.TIME:
        start, end = event.value.split("/", 1)
        if event.precision is Precision.MONTH and event.first.year == event.last.year:
            return f"{event.first.strftime('%b')}–{event.last.strftime('%b %Y')}"
        left = _one(start, event.first, event.first, event.precision)
        right = _one(end, event.last, event.last, event.precision)
        return f"{left} – {right}"
    return _one(event.value, event.first, event.last, event.precision)


def group_label(event: Event) -> tuple[str, str]:
    """The year and month headings a row sits under ("" month for coarser dates)."""
    if event.first is None or not event.resolved:
        return ("Unresolved", "")
    year = str(event.first.year)
    fine = event.precision in (Precision.MONTH, Precision.WEEK, Precision.DAY, Precision.TIME)
    return (year, event.first.strftime("%B %Y") if fine else "")


class RangeError(ValueError):
    """A date range the user typed could not be read."""


def _parse_edge(text: str, late: bool) -> date:
    """The first (or last) day of the period a date names, typed in any form dateutil reads."""
    if not re.search(r"\d{4}", text):
        raise RangeError(f"a date needs a year: {text!r}")
    period = date_period(text)
    if period is None:
        raise RangeError(f"not a date: {text!r}")
    start, end = period
    if not late:
        return start.date()
    return (end - timedelta(days=1)).date() if end > start else end.date()


def parse_range(text: str) -> tuple[date | None, date | None]:
    """A date range typed by a user: "2021", "March 2024", "2019 to 2021", "after 2020"."""
    text = text.strip()
    if not text:
        return (None, None)
    lowered = text.lower()
    for word in ("after", "since", "from", "before", "until"):
        if lowered.startswith((word + " ", word + ":")):
            rest = text[len(word) + 1 :].strip()
            if word == "after":  # strictly after everything the date covers
                return (_parse_edge(rest, True) + timedelta(days=1), None)
            if word == "before":  # strictly before it
                return (None, _parse_edge(rest, False) - timedelta(days=1))
            if word == "until":
                return (None, _parse_edge(rest, True))
            return (_parse_edge(rest, False), None)
    parts = _RANGE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return (_parse_edge(parts[0], False), _parse_edge(parts[1], True))
    return (_parse_edge(text, False), _parse_edge(text, True))


@dataclass
class TimelineFilter:
    """Which rows of a timeline to show."""

    sources: set[str] = field(default_factory=set)
    """Source ids to keep; empty keeps every source."""
    kinds: set[Kind] = field(default_factory=set)
    """Kinds to keep; empty keeps every kind."""
    after: date | None = None
    """Keep rows that reach this day or later."""
    before: date | None = None
    """Keep rows that start on this day or earlier."""

    def keeps(self, event: Event) -> bool:
        """True when the row passes every filter (unresolved rows fail any date range)."""
        if self.sources and event.source not in self.sources:
            return False
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.after is not None or self.before is not None:
            if event.first is None or event.last is None:
                return False
            if self.after is not None and event.last < self.after:
                return False
            if self.before is not None and event.first > self.before:
                return False
        return True

    def apply(self, events: Iterable[Event]) -> list[Event]:
        """The rows that pass."""
        return [event for event in events if self.keeps(event)]
