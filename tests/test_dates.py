"""Dates read from text: a day written with its month's name reads as dateutil reads it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brief.core import dates
from brief.core.dates import parse_date

MONTHS = [*dates._MONTH_NUMBERS, "sepember", "janu", "mayo", "Mär"]
"""Month names and abbreviations, and words that look like them but are not ones."""


@st.composite
def named_days(draw: st.DrawFn) -> str:
    """A day written with its month's name, as pages write them, and some that are not days; with
    a time or not."""
    month = draw(st.sampled_from(MONTHS))
    month = draw(st.sampled_from([month, month.title(), month.upper()]))
    month += draw(st.sampled_from(["", "."]))
    day = draw(st.sampled_from(["0", "1", "02", "3", "13", "29", "30", "31", "32"]))
    day += draw(st.sampled_from(["", "st", "nd", "rd", "th"]))
    year = draw(st.sampled_from(["1599", "1600", "1900", "2000", "2019", "2024", "2199", "2200"]))
    comma = draw(st.sampled_from(["", ","]))
    space = draw(st.sampled_from([" ", "  ", "\u00a0"]))
    time = ""
    if draw(st.booleans()):
        # A time after the day, as bylines give it: "Nov 19, 2019, 10:31 pm", "... at 9:08".
        time = draw(st.sampled_from(["", ",", " at", ", at", "  ", "at"]))
        time += draw(st.sampled_from([" ", "  "]))
        time += draw(st.sampled_from(["0", "00", "1", "05", "9", "11", "12", "13", "23", "24"]))
        time += ":" + draw(st.sampled_from(["00", "04", "31", "59", "60", "5"]))
        time += draw(st.sampled_from(["", ":30"]))
        time += draw(st.sampled_from(["", " "]))
        time += draw(st.sampled_from(["", "am", "pm", "AM", "PM", "a.m.", "p.m.", "A.M", "pm."]))
    if draw(st.booleans()):
        return f"{month}{space}{day}{comma} {year}{time}"
    return f"{day} {month}{comma}{space}{year}{time}"


@given(named_days())
def test_a_named_day_reads_as_dateutil_reads_it(text: str) -> None:
    """The usual dates of bylines are read without dateutil, to the same day and time (or to
    none)."""
    quick = parse_date(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_named_day", lambda text: None)
        slow = parse_date(text)
    assert quick == slow
    assert type(quick) is type(slow)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("November 19, 2019", date(2019, 11, 19)),
        ("Nov. 20th, 2019", date(2019, 11, 20)),
        ("5 March 2024", date(2024, 3, 5)),
        ("Feb 29, 2020", date(2020, 2, 29)),
        ("Feb 29, 2019", None),
    ],
)
def test_named_days(text: str, day: date | None) -> None:
    assert parse_date(text) == day


def test_a_month_written_in_capitals_gives_a_day() -> None:
    assert parse_date("OCT 5, 2019") == date(2019, 10, 5)
    assert parse_date("5 OCTOBER 2019") == date(2019, 10, 5)
    assert parse_date("2019-10-05T00:00") == datetime(2019, 10, 5)
