"""Date phrases named by calendar fields: "Feb. 23, 2021", "in 2019", "H2 2021", "Christmas"."""

from __future__ import annotations

import re

from brief.core.timeline import patterns as p
from brief.core.timeline.expr import Expr, Relation
from brief.core.timeline.lexicon import (
    DETERMINERS,
    NOT_A_YEAR_BEFORE,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    YEAR_CUES,
    words,
)
from brief.core.timeline.nearby import (
    ANY_WEEKDAY,
    RELATIONS,
    SHIFTS,
    Span,
    clock_text,
    followed_by_amount,
    parse_fields,
    word_before,
    words_before,
)
from brief.core.timeline.values import Precision

_PRIOR_YEAR = re.compile(
    rf"{p.YEAR}\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|until|till)\s+|\s*[-–]\s*)$"
)
_CHANGE_VERBS = words(
    "rose fell increased decreased grew dropped cut reduced climbed declined jumped slid up down"
    " rise fall increase decrease grow drop"
)
_COUNT_NOUNS = words(
    "total sum number out amount capacity population score tally count crowd estimate"
)
_BUSINESS = re.compile(
    r"\b(?:earnings|profits?|revenues?|sales|results|growth|GDP|economy|economic|fiscal|quarterly"
    r"|percent|per cent|shares|income|losses|margins?|output|exports|imports)\b|%",
    re.IGNORECASE,
)

_SPACES = re.compile(r"\s+")
_HOLIDAY_KEYS = {
    "christmas": "christmas",
    "christmas day": "christmas",
    "christmas eve": "christmas eve",
    "new year's eve": "new year's eve",
    "new year's day": "new year's day",
    "easter": "easter",
    "easter sunday": "easter",
    "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving",
    "halloween": "halloween",
    "valentine's day": "valentine's day",
}


def full(m: re.Match[str], text: str) -> Span | None:
    """ "Feb. 23", "23 February 2021", "Tue, March 28, 2023 at 5 p.m.", "Dec. 2023"."""
    day = m.group("d1") or m.group("d2")
    year = m.group("y1") or m.group("y2") or m.group("y3")
    end = m.end()
    if not year and not m.group("clock") and followed_by_amount(text, end):
        return None
    start = m.start()
    core_start = m.end("wd") if m.group("wd") else m.start()
    if m.group("clock0") and not m.group("wd"):
        core_start = m.end("clock0")
    core_end = m.end("clock") if m.group("clock") else (m.end("pod") if m.group("pod") else end)
    core = text[core_start:core_end].rstrip(",")
    if m.group("clock0"):
        core = f"{core} {m.group('clock0')}"
    parsed = parse_fields(core)
    if parsed is None:
        return None
    clock = clock_text(parsed) if m.group("clock") or m.group("clock0") else ""
    if m.group("pod"):
        clock = PARTS_OF_DAY[m.group("pod").lower()]
    precision = Precision.DAY if day else Precision.MONTH
    if clock:
        if not day:
            return None
        precision = Precision.TIME
    return Span(
        start,
        end,
        Expr(
            precision,
            year=parsed.year if year else None,
            month=parsed.month,
            day=parsed.day if day else None,
            weekday=ANY_WEEKDAY.get(m.group("wd").lower().rstrip("."))
            if m.group("wd") and day
            else None,
            clock=clock,
        ),
    )


def numeric(m: re.Match[str], text: str) -> Span | None:
    """ "2021-02-27", "2020.02.05", "2021-02-27 09:32"."""
    parsed = parse_fields(m.group())
    if parsed is None:
        return None
    clock = clock_text(parsed) if m.group("clock") else ""
    precision = Precision.TIME if clock else Precision.DAY
    expr = Expr(precision, year=parsed.year, month=parsed.month, day=parsed.day, clock=clock)
    return Span(m.start(), m.end(), expr)


def _next_initial(text: str, end: int) -> str:
    """The first character of the word one space after `end` ("" when no single space follows)."""
    following = text[end : end + 2]
    return following[1:2] if following[:1] == " " else ""


def _is_year_in_context(m: re.Match[str], text: str, year: int) -> bool:
    """True when the words around a bare number say it is a year."""
    start = m.start("y")
    before = words_before(text, start, 2)
    prev = word_before(text, start)
    prev2 = before[1] if len(before) > 1 else ""
    if prev == "year" and text[start - 5 : start - 1] != "year":
        return False
    if prev in YEAR_CUES:
        if prev2 in NOT_A_YEAR_BEFORE or (prev == "of" and prev2 in _COUNT_NOUNS):
            return False
        if prev == "by" and prev2 in _CHANGE_VERBS:
            return False
        weak = prev in ("of", "to", "for", "around", "between", "from")
        if weak and _next_initial(text, m.end()).isupper():
            # An address or a title: "of 1909 Jolinda Drive".
            return False
        return not weak or 1900 <= year <= 2100
    plausible = 1800 <= year <= 2100
    if prev in DETERMINERS and plausible:
        return _next_initial(text, m.end()).islower()
    if m.group("poss") and plausible:
        return True
    return bool(_PRIOR_YEAR.search(text[max(0, start - 30) : start]))


def bare_year(m: re.Match[str], text: str) -> Span | None:
    """ "in 2019", "by 2042", "mid-2021", "the 2019 export curbs", "2009-2010", "1957-58"."""
    year = int(m.group("y"))
    end = m.end("y2") if m.group("y2") else m.end("y")
    if followed_by_amount(text, end):
        return None
    other: int | None = None
    if m.group("y2"):
        tail = m.group("y2")
        other = int(tail) if len(tail) == 4 else year // 100 * 100 + int(tail)
        if not year < other <= year + 50:
            return None
    elif not m.group("lead") and not _is_year_in_context(m, text, year):
        return None
    last = None if other is None else Expr(Precision.YEAR, year=other)
    return Span(m.start(), end, Expr(Precision.YEAR, year=year, end=last))


def decade(m: re.Match[str], text: str) -> Span | None:
    """ "the 1990s", "the early 2000s", "the '90s"."""
    if m.group("short"):
        digit = int(m.group("short"))
        part = f"19{digit}" if digit >= 2 else f"20{digit}"
    else:
        part = m.group("c") + m.group("d")
    return Span(m.start(), m.end(), Expr(Precision.DECADE, part=part))


def century(m: re.Match[str], text: str) -> Span | None:
    """ "the 20th century", "the twenty-first century"."""
    number = int(m.group("n")) if m.group("n") else ORDINALS[m.group("w").lower()]
    if not 1 <= number <= 22:
        return None
    return Span(m.start(), m.end(), Expr(Precision.CENTURY, part=f"{number - 1:02d}"))


def _ordinal(word: str) -> int:
    """1-4 from "first", "2nd", ...; -1 for "last"."""
    word = word.lower()
    if word[0].isdigit():
        return int(word[0])
    return ORDINALS[word]


def part_of_year(m: re.Match[str], text: str) -> Span | None:
    """ "the second half of this year", "H2 2021", "Q3 2020", "the third quarter"."""
    if m.group("what"):
        what = m.group("what").lower()
        count = 2 if what == "half" else 4
        number = _ordinal(m.group("ord"))
        number = count if number == -1 else number
        if not 1 <= number <= count:
            return None
        precision = Precision.HALF if what == "half" else Precision.QUARTER
        part = f"{'H' if what == 'half' else 'Q'}{number}"
        year_text = m.group("y") or m.group("y3")
        if year_text:
            return Span(m.start(), m.end(), Expr(precision, year=int(year_text), part=part))
        if m.group("rel"):
            shift = SHIFTS[m.group("rel").lower()]
            expr = Expr(precision, part=part, shift=shift, shift_unit=Precision.YEAR)
            return Span(m.start(), m.end(), expr)
        if precision is Precision.HALF or not _BUSINESS.search(
            text, max(0, m.start() - 120), m.end() + 120
        ):
            return None
        return Span(m.start(), m.end(), Expr(precision, part=part))
    letter = m.group("qh") or m.group("qh4")
    number = int(m.group("n") or m.group("n4"))
    year_text = m.group("y2") or m.group("y4")
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    if letter == "H" and number > 2:
        return None
    precision = Precision.HALF if letter == "H" else Precision.QUARTER
    return Span(m.start(), m.end(), Expr(precision, year=year, part=f"{letter}{number}"))


def season(m: re.Match[str], text: str) -> Span | None:
    """ "last summer", "the summer of 2019", "this fall"."""
    code = SEASONS[m.group("s").lower()]
    if m.group("y"):
        return Span(m.start(), m.end(), Expr(Precision.SEASON, year=int(m.group("y")), part=code))
    if not m.group("rel"):
        return None
    relation = RELATIONS[m.group("rel").lower()]
    return Span(m.start(), m.end(), Expr(Precision.SEASON, part=code, relation=relation))


def holiday(m: re.Match[str], text: str) -> Span | None:
    """ "Christmas", "Easter Sunday", "New Year's Eve 2012", "last Thanksgiving"."""
    key = _HOLIDAY_KEYS[_SPACES.sub(" ", m.group("h").lower().replace("’", "'"))]
    year = int(m.group("y")) if m.group("y") else None
    relation = RELATIONS[m.group("rel").lower()] if m.group("rel") else Relation.NEAREST
    return Span(m.start(), m.end(), Expr(Precision.DAY, year=year, holiday=key, relation=relation))
