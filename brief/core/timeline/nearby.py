"""The words around a candidate date phrase, and the record of a phrase found."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as dateparser

from brief.core.timeline.expr import Expr, Relation
from brief.core.timeline.lexicon import UNITS, WEEKDAY_ABBREVIATIONS, WEEKDAYS
from brief.core.timeline.values import Precision


@dataclass(frozen=True, slots=True)
class Span:
    """A date phrase found in a text: where it is and what it says."""

    start: int
    """Offset of the phrase's first character."""
    end: int
    """Offset just past the phrase's last character."""
    expr: Expr
    """What the phrase says."""


Builder = Callable[[re.Match[str], str], Span | None]
"""A function that checks a pattern's match against its context and says what it means."""

PLACEHOLDER = datetime(2000, 1, 1)
"""The `default=` for dateutil: a leap year, so fields a phrase lacks never come from today."""

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_FILLERS = re.compile(r"\b(?:the|at)\s+", re.IGNORECASE)
_WORDS_BEFORE = re.compile(r"([A-Za-z]+)\W{0,3}$|$")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w&'’-]*[ \t]+$")

ANY_WEEKDAY = {**WEEKDAYS, **WEEKDAY_ABBREVIATIONS}
"""Weekday names and abbreviations to their numbers."""
RELATIONS = {
    "last": Relation.LAST,
    "past": Relation.LAST,
    "previous": Relation.LAST,
    "next": Relation.NEXT,
    "coming": Relation.NEXT,
    "this": Relation.THIS,
    "current": Relation.THIS,
}
"""Words that say which one of a named month, season or weekday is meant."""
SHIFTS = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}
"""Words that count units from the time of writing."""
UNIT_WORDS = {
    "day": Precision.DAY,
    "week": Precision.WEEK,
    "weekend": Precision.WEEK,
    "month": Precision.MONTH,
    "quarter": Precision.QUARTER,
    "year": Precision.YEAR,
    "decade": Precision.DECADE,
}
"""Unit words to the precision they name."""


def words_before(text: str, start: int, count: int = 2) -> list[str]:
    """Up to `count` words right before `start`, nearest first, lower case (across punctuation)."""
    head = text[max(0, start - 60) : start]
    found = [w.lower() for w in _WORD.findall(head)]
    return found[::-1][:count]


def after_the(text: str, start: int) -> bool:
    """True when the word before `start` is "the" ("the last week of", "the next Friday")."""
    return words_before(text, start, 1) == ["the"]


def word_before(text: str, start: int) -> str:
    """The word right before `start` (only spaces between), lower case, or ""."""
    head = text[max(0, start - 30) : start]
    match = _WORDS_BEFORE.search(head)
    if not match or not match.group(1):
        return ""
    return match.group(1).lower() if head[match.end(1) :].strip() == "" else ""


def word_after(text: str, end: int) -> str:
    """The word right after `end` (spaces between), lower case, or ""."""
    ahead = text[end : end + 10]
    match = _WORD.match(text, end + len(ahead) - len(ahead.lstrip()))
    return match.group().lower() if match else ""


def followed_by_amount(text: str, end: int) -> bool:
    """True when a number ending at `end` is an amount or count ("2000 people", "20 %")."""
    rest = text[end : end + 12].lstrip()
    return rest.startswith("%") or word_after(text, end) in UNITS


def parse_fields(phrase: str) -> datetime | None:
    """The fields of a found phrase as dateutil reads them, or None when they make no date."""
    phrase = _FILLERS.sub(" ", phrase)
    try:
        return dateparser.parse(phrase, default=PLACEHOLDER, ignoretz=True)
    except (dateparser.ParserError, ValueError, OverflowError):
        return None


def clock_text(moment: datetime) -> str:
    """A clock time "HH:MM" from a parsed datetime."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def after_name(text: str, start: int) -> bool:
    """True when a capitalised word stands right before ("USA Today", "Super Tuesday")."""
    return bool(_NAME_BEFORE.search(text[max(0, start - 30) : start]))
