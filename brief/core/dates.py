"""Reading dates: publication dates from metadata values (ISO 8601 first, then dateutil), and
the periods dates typed by users name (search filters, timeline ranges).

dateutil is imported on first use (it costs a tenth of a second; most values never need it).
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from brief.core.model import PubDate
from brief.core.timeline.lexicon import MONTH_ABBREVIATIONS, MONTHS

_SENTINEL = datetime(1, 1, 1)
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_HAS_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|2[01]\d\d)(?!\d)")
_UTC_NAMES = ("UTC", "GMT", "Z", "UT")
"""Zone abbreviations read as dateutil's UTC."""
_OFFSETS: dict[str, int] = {
    "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
    "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    "BST": 3600, "CET": 3600, "CEST": 2 * 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
    "IST": 5 * 3600 + 1800, "KST": 9 * 3600, "JST": 9 * 3600, "HKT": 8 * 3600,
    "SGT": 8 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600, "MSK": 3 * 3600,
}  # fmt: skip
"""Zone abbreviations read with a fixed offset, so results never depend on the machine's zone."""
_EPOCH_MIN, _EPOCH_MAX = 631152000, 4102444800  # 1990 .. 2100


@cache
def _dateutil() -> tuple[Any, dict[str, Any]]:
    """dateutil's parser module and the zone names it is given, imported on first use."""
    from dateutil import parser, tz

    return parser, {**dict.fromkeys(_UTC_NAMES, tz.UTC), **_OFFSETS}  # fmt: skip


"""Zone abbreviations read with a fixed offset, so results never depend on the machine's zone."""
_EPOCH_MIN, _EPOCH_MAX = 631152000, 4102444800  # 1990 .. 2100

_MONTH_NUMBERS = {**MONTHS, **MONTH_ABBREVIATIONS}
"""English month names and their abbreviations, the ones dateutil reads."""
_NAMED_DAY = re.compile(
    r"(?:(?P<month>[a-z]{3,9})\.? +(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,?"
    r"|(?P<day2>[0-9]{1,2})(?:st|nd|rd|th)? +(?P<month2>[a-z]{3,9})\.?,?) +(?P<year>[0-9]{4})"
    r"(?:,? +(?:at +)?(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}) *(?P<half>[ap]\.?m\.?)?)?",
    re.IGNORECASE,
)
"""A day given with its month's name, and maybe a time: "March 5, 2024", "Nov. 5th 2024", "5
March 2024", "Nov 19, 2019 at 9:24 pm", "19 Nov 2019, 19:09" (the dates pages show next to a
headline)."""


_ISO_TIME = re.compile(r"\dT\d")
"""The "T" between an ISO 8601 date and its time ("2024-03-05T09"): a datetime, even at
midnight (not the "T" of a month's name such as "OCT")."""


def _named_day(text: str) -> PubDate | None:
    """The day a text such as "March 5, 2024" names (with its time, in "March 5, 2024, 9:24
    pm"), as dateutil reads it; None when the text is not such a day (then dateutil reads it,
    or finds it names none)."""
    match = _NAMED_DAY.fullmatch(text)
    if match is None:
        return None
    month = _MONTH_NUMBERS.get((match["month"] or match["month2"]).lower())
    year = int(match["year"])
    if month is None or not 1600 <= year <= 2199:
        return None
    try:
        day = date(year, month, int(match["day"] or match["day2"]))
    except ValueError:
        return None
    if match["hour"] is None:
        return day
    hour, minute = int(match["hour"]), int(match["minute"])
    half = match["half"]
    if half is not None:
        # "12:04 am" is just after midnight, "12:01 pm" just after noon.
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half[0] in "pP" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime(year, month, day.day, hour, minute)


def parse_date(value: object) -> PubDate | None:
    """A date or datetime from a metadata value (ISO text, free text, or epoch), else None.

    A value without a year is refused: missing fields never come from today.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = float(value)
        if seconds > _EPOCH_MAX * 100:
            seconds /= 1000
        if _EPOCH_MIN <= seconds <= _EPOCH_MAX:
            return datetime.fromtimestamp(seconds, UTC)
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80:
        return None
    if text.isdigit():
        return parse_date(int(text)) if len(text) >= 9 else None
    if not _HAS_YEAR.search(text):
        return None
    day = _named_day(text)
    if day is not None:
        # The usual date (and time) of a page's byline, read without dateutil.
        return day
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            dateutil_parser, zones = _dateutil()
            with warnings.catch_warnings():
                # An unknown zone name is dropped (the wall time is kept): not worth a warning.
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                parsed = dateutil_parser.parse(text, default=_SENTINEL, tzinfos=zones)
        except (ValueError, OverflowError):
            return None
    if parsed.year < 1600:
        return None
    if not _HAS_TIME.search(text) and not _ISO_TIME.search(text):
        return parsed.date()
    return parsed


_TYPED_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 2, 2, 1, 1, 1))
_PARTS = ("year", "month", "day", "hour", "minute", "second")


@lru_cache(maxsize=256)
def date_parts(text: str) -> tuple[datetime, frozenset[str]] | None:
    """What dateutil reads in a date a user typed, with the parts the text gives.

    The parts not given are a fixed default's (the text is read with two defaults to tell
    them apart). Remembered: a filter is read again on every keystroke.
    """
    try:
        first, second = (
            _dateutil()[0].parse(text, default=default, ignoretz=True)
            for default in _TYPED_DEFAULTS
        )
    except (ValueError, OverflowError):
        return None
    return first, frozenset(
        part for part in _PARTS if getattr(first, part) == getattr(second, part)
    )


def date_period(text: str, today: date | None = None) -> tuple[datetime, datetime] | None:
    """The period a date a user typed names, as naive [start, end): a year, month, day or
    instant (then start and end are that instant).

    Anything dateutil reads works ("2023", "March 2024", "2024-03-05", "5 Mar 2024 10:00");
    a missing year is this year's. None when the text is not a date or names only a day.
    Search filters (`after:2023`) and timeline ranges ("2019 to 2021") both read dates so.
    """
    read = date_parts(text)
    if read is None:
        return None
    first, given = read
    if "month" not in given and ("year" not in given or "day" in given):
        return None
    year = first.year if "year" in given else (today or date.today()).year
    try:
        if "hour" in given:
            instant = first.replace(year=year)
            return instant, instant
        if "day" in given:
            start = datetime(year, first.month, first.day)
            return start, start + timedelta(days=1)
        if "month" in given:
            start = datetime(year, first.month, 1)
            return start, _add_months(start, 1)
        start = datetime(year, 1, 1)
        return start, _add_months(start, 12)
    except (ValueError, OverflowError):
        return None


def _add_months(day: datetime, months: int) -> datetime:
    """The same day-of-month `months` later (periods start on the 1st, so it always exists)."""
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)
