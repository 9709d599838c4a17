"""Date phrases placed from the time of writing: "last week", "Friday", "in May", "the 3rd"."""

from __future__ import annotations

import re
from dataclasses import replace

from brief.core.timeline.expr import Expr, Relation
from brief.core.timeline.lexicon import (
    HOLIDAY_WEEKDAY,
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    WEEKDAYS,
    words,
)
from brief.core.timeline.nearby import (
    RELATIONS,
    SHIFTS,
    UNIT_WORDS,
    Span,
    after_name,
    after_the,
    clock_text,
    parse_fields,
    word_before,
)
from brief.core.timeline.values import Precision

_STRICT_MONTH_CUES = words("in since until till from through during before after")


def relative(m: re.Match[str], text: str) -> Span | None:
    """ "this year", "last week", "early this month", "the end of next year"."""
    rel = m.group("rel").lower()
    if rel in ("last", "next", "coming") and not m.group("lead") and after_the(text, m.start()):
        return None
    unit = m.group("unit").lower()
    precision = UNIT_WORDS[unit]
    expr = Expr(
        precision,
        shift=SHIFTS[rel],
        shift_unit=precision,
        weekend=unit == "weekend",
    )
    return Span(m.start(), m.end(), expr)


def ago(m: re.Match[str], text: str) -> Span | None:
    """ "two years ago", "a week ago"."""
    count = m.group("n").lower()
    number = int(count) if count.isdigit() else NUMBER_WORDS[count]
    precision = UNIT_WORDS[m.group("unit").lower()]
    return Span(m.start(), m.end(), Expr(precision, shift=-number, shift_unit=precision))


def deictic(m: re.Match[str], text: str) -> Span | None:
    """ "today", "yesterday", "tomorrow morning", "tonight"."""
    if m.group("rel"):
        if after_the(text, m.start()):
            return None
        night = m.group("pod2").lower() == "night"
        shift = -1 if m.group("rel").lower() == "last" and night else 0
        expr = Expr(
            Precision.TIME,
            shift=shift,
            shift_unit=Precision.DAY,
            clock=PARTS_OF_DAY[m.group("pod2").lower()],
        )
        return Span(m.start(), m.end(), expr)
    word = m.group("w").lower()
    if m.group("w")[0].isupper() and after_name(text, m.start()):
        return None
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    clock = "NI" if word == "tonight" else ""
    if m.group("pod"):
        clock = PARTS_OF_DAY[m.group("pod").lower()]
    precision = Precision.TIME if clock else Precision.DAY
    expr = Expr(precision, shift=shift, shift_unit=Precision.DAY, clock=clock)
    return Span(m.start(), m.end(), expr)


def weekday(m: re.Match[str], text: str) -> Span | None:
    """ "Friday", "This Wednesday", "15:00 GMT Saturday", "Friday afternoon"."""
    if word_before(text, m.start()) in HOLIDAY_WEEKDAY:
        return None
    relation = Relation.NEAREST
    if m.group("rel"):
        if after_the(text, m.start()):
            return None
        relation = RELATIONS[m.group("rel").lower()]
    clock = ""
    written = m.group("clock") or m.group("clock2")
    if written:
        parsed = parse_fields(written)
        if parsed is None:
            return None
        clock = clock_text(parsed)
    elif m.group("pod"):
        clock = PARTS_OF_DAY[m.group("pod").lower()]
    expr = Expr(
        Precision.TIME if clock else Precision.DAY,
        weekday=WEEKDAYS[m.group("wd").lower()],
        relation=relation,
        clock=clock,
    )
    return Span(m.start(), m.end(), expr)


def ordinal_day(m: re.Match[str], text: str) -> Span | None:
    """ "on the 3rd", "on the 5th of this month", "on the 1st of May"."""
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    if m.group("m"):
        expr = Expr(Precision.DAY, month=MONTHS[m.group("m").lower()], day=day)
    elif m.group("rel"):
        shift = SHIFTS[m.group("rel").lower()]
        expr = Expr(Precision.DAY, day=day, shift=shift, shift_unit=Precision.MONTH)
    else:
        expr = Expr(Precision.DAY, day=day)
    return Span(m.start("p"), m.end("p"), expr)


def bare_month(m: re.Match[str], text: str) -> Span | None:
    """ "in May", "early December", "late last July", "February this year", "May or June"."""
    month_name = m.group("m")
    cue = (m.group("cue") or "").lower()
    lead = m.group("p")[: m.start("m") - m.start("p")].strip()
    if not lead and not cue:
        return None
    if not lead and month_name == "May" and cue not in _STRICT_MONTH_CUES:
        return None
    month = MONTHS[month_name.lower()]
    year = int(m.group("y2")) if m.group("y2") else None
    shift = SHIFTS[m.group("yrel").lower()] if m.group("yrel") else None
    relation = RELATIONS[m.group("rel").lower()] if m.group("rel") else Relation.NEAREST
    unit = Precision.YEAR if shift is not None else None
    expr = Expr(
        Precision.MONTH, year=year, month=month, shift=shift, shift_unit=unit, relation=relation
    )
    if m.group("m2"):
        expr = replace(expr, end=replace(expr, month=MONTHS[m.group("m2").lower()]))
    return Span(m.start("p"), m.end("p"), expr)


def edge(m: re.Match[str], text: str) -> Span | None:
    """ "the end of the year", "the beginning of the month"."""
    edge = m.group("edge").lower().split()[1]
    edge = "start" if edge == "beginning" else edge
    expr = Expr(UNIT_WORDS[m.group("unit").lower()], edge=edge)
    return Span(m.start(), m.end(), expr)
