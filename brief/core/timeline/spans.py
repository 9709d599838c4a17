"""Finding date phrases: candidates from each pattern, checked against the words around them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as dateparser

from brief.core.timeline import patterns as p
from brief.core.timeline.expr import Expr, Relation
from brief.core.timeline.lexicon import (
    DETERMINERS,
    HOLIDAY_WEEKDAY,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_A_YEAR_BEFORE,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    YEAR_CUES,
    words,
)
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

PLACEHOLDER = datetime(2000, 1, 1)
"""The `default=` for dateutil: a leap year, so fields a phrase lacks never come from today."""

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_WORDS_BEFORE = re.compile(r"([A-Za-z]+)\W{0,3}$|$")
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
_NAME_BEFORE = re.compile(r"\b[A-Z][\w&'’-]*[ \t]+$")
_ANY_WEEKDAY = {**WEEKDAYS, **WEEKDAY_ABBREVIATIONS}
_STRICT_MONTH_CUES = words("in since until till from through during before after")
_RELATIONS = {
    "last": Relation.LAST,
    "past": Relation.LAST,
    "previous": Relation.LAST,
    "next": Relation.NEXT,
    "coming": Relation.NEXT,
    "this": Relation.THIS,
    "current": Relation.THIS,
}
_SHIFTS = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}
_UNITS = {
    "day": Precision.DAY,
    "week": Precision.WEEK,
    "weekend": Precision.WEEK,
    "month": Precision.MONTH,
    "quarter": Precision.QUARTER,
    "year": Precision.YEAR,
    "decade": Precision.DECADE,
}


def words_before(text: str, start: int, count: int = 2) -> list[str]:
    """Up to `count` words right before `start`, nearest first, lower case (across punctuation)."""
    head = text[max(0, start - 60) : start]
    found = [w.lower() for w in _WORD.findall(head)]
    return found[::-1][:count]


def word_before(text: str, start: int) -> str:
    """The word right before `start` (only spaces between), lower case, or ""."""
    match = _WORDS_BEFORE.search(text[max(0, start - 30) : start])
    if not match or not match.group(1):
        return ""
    between = text[max(0, start - 30) : start][match.end(1) :]
    return match.group(1).lower() if between.strip() == "" else ""


def word_after(text: str, end: int) -> str:
    """The word right after `end` (spaces between), lower case, or ""."""
    match = _WORD.match(text, end + len(text[end : end + 10]) - len(text[end : end + 10].lstrip()))
    return match.group().lower() if match else ""


def _followed_by_amount(text: str, end: int) -> bool:
    """True when a number ending at `end` is an amount or count ("2000 people", "20 %")."""
    rest = text[end : end + 12].lstrip()
    return rest.startswith("%") or word_after(text, end) in UNITS


def _parse(phrase: str) -> datetime | None:
    """The fields of a found phrase as dateutil reads them, or None when they make no date."""
    phrase = re.sub(r"\b(?:the|at)\s+", " ", phrase, flags=re.IGNORECASE)
    try:
        return dateparser.parse(phrase, default=PLACEHOLDER, ignoretz=True)
    except (dateparser.ParserError, ValueError, OverflowError):
        return None


def _clock(moment: datetime) -> str:
    """A clock time "HH:MM" from a parsed datetime."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _full(m: re.Match[str], text: str) -> Span | None:
    """ "Feb. 23", "23 February 2021", "Tue, March 28, 2023 at 5 p.m.", "Dec. 2023"."""
    day = m.group("d1") or m.group("d2")
    year = m.group("y1") or m.group("y2") or m.group("y3")
    end = m.end()
    if not year and not m.group("clock") and _followed_by_amount(text, end):
        return None
    start = m.start()
    core_start = m.end("wd") if m.group("wd") else m.start()
    if m.group("clock0") and not m.group("wd"):
        core_start = m.end("clock0")
    core_end = m.end("clock") if m.group("clock") else (m.end("pod") if m.group("pod") else end)
    core = text[core_start:core_end].rstrip(",")
    if m.group("clock0"):
        core = f"{core} {m.group('clock0')}"
    parsed = _parse(core)
    if parsed is None:
        return None
    clock = _clock(parsed) if m.group("clock") or m.group("clock0") else ""
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
            weekday=_ANY_WEEKDAY.get(m.group("wd").lower().rstrip("."))
            if m.group("wd") and day
            else None,
            clock=clock,
        ),
    )


def _numeric(m: re.Match[str], text: str) -> Span | None:
    """ "2021-02-27", "2020.02.05", "2021-02-27 09:32"."""
    parsed = _parse(m.group())
    if parsed is None:
        return None
    clock = _clock(parsed) if m.group("clock") else ""
    precision = Precision.TIME if clock else Precision.DAY
    expr = Expr(precision, year=parsed.year, month=parsed.month, day=parsed.day, clock=clock)
    return Span(m.start(), m.end(), expr)


def _next_is_name(text: str, end: int) -> bool:
    """True when a capitalised word follows (an address or a title: "of 1909 Jolinda Drive")."""
    following = text[end : end + 2]
    return following[:1] == " " and following[1:2].isupper()


def _is_year_in_context(m: re.Match[str], text: str, year: int) -> bool:
    """True when the words around a bare number say it is a year."""
    start = m.start("y")
    before = words_before(text, start, 2)
    prev = word_before(text, start)
    prev2 = before[1] if len(before) > 1 else ""
    if prev == "year" and text[m.start("y") - 5 : m.start("y") - 1] != "year":
        return False
    if prev in YEAR_CUES:
        if prev2 in NOT_A_YEAR_BEFORE or (prev == "of" and prev2 in _COUNT_NOUNS):
            return False
        if prev == "by" and prev2 in _CHANGE_VERBS:
            return False
        weak = prev in ("of", "to", "for", "around", "between", "from")
        if weak and _next_is_name(text, m.end()):
            return False
        return not weak or 1900 <= year <= 2100
    plausible = 1800 <= year <= 2100
    if prev in DETERMINERS and plausible:
        following = text[m.end() : m.end() + 2]
        return following[:1] == " " and following[1:2].islower()
    if m.group("poss") and plausible:
        return True
    return bool(_PRIOR_YEAR.search(text[max(0, start - 30) : start]))


def _bare_year(m: re.Match[str], text: str) -> Span | None:
    """ "in 2019", "by 2042", "mid-2021", "the 2019 export curbs", "2009-2010", "1957-58"."""
    year = int(m.group("y"))
    end = m.end("y2") if m.group("y2") else m.end("y")
    if _followed_by_amount(text, end):
        return None
    other: int | None = None
    if m.group("y2"):
        tail = m.group("y2")
        other = int(tail) if len(tail) == 4 else year // 100 * 100 + int(tail)
        if not year < other <= year + 50:
            return None
    elif not m.group("lead") and not _is_year_in_context(m, text, year):
        return None
    expr = Expr(Precision.YEAR, year=year)
    if other is not None:
        expr = Expr(Precision.YEAR, year=year, end=Expr(Precision.YEAR, year=other))
    return Span(m.start(), end, expr)


def _decade(m: re.Match[str], text: str) -> Span | None:
    """ "the 1990s", "the early 2000s", "the '90s"."""
    if m.group("short"):
        digit = int(m.group("short"))
        part = f"19{digit}" if digit >= 2 else f"20{digit}"
    else:
        part = m.group("c") + m.group("d")
    return Span(m.start(), m.end(), Expr(Precision.DECADE, part=part))


def _century(m: re.Match[str], text: str) -> Span | None:
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


def _part_of_year(m: re.Match[str], text: str) -> Span | None:
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
            shift = _SHIFTS[m.group("rel").lower()]
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


def _season(m: re.Match[str], text: str) -> Span | None:
    """ "last summer", "the summer of 2019", "this fall"."""
    code = SEASONS[m.group("s").lower()]
    if m.group("y"):
        return Span(m.start(), m.end(), Expr(Precision.SEASON, year=int(m.group("y")), part=code))
    if not m.group("rel"):
        return None
    relation = _RELATIONS[m.group("rel").lower()]
    return Span(m.start(), m.end(), Expr(Precision.SEASON, part=code, relation=relation))


def _relative(m: re.Match[str], text: str) -> Span | None:
    """ "this year", "last week", "early this month", "the end of next year"."""
    rel = m.group("rel").lower()
    after_the = words_before(text, m.start(), 1) == ["the"]
    if rel in ("last", "next", "coming") and not m.group("lead") and after_the:
        return None
    unit = m.group("unit").lower()
    precision = _UNITS[unit]
    expr = Expr(
        precision,
        shift=_SHIFTS[rel],
        shift_unit=precision,
        weekend=unit == "weekend",
    )
    return Span(m.start(), m.end(), expr)


def _ago(m: re.Match[str], text: str) -> Span | None:
    """ "two years ago", "a week ago"."""
    count = m.group("n").lower()
    number = int(count) if count.isdigit() else NUMBER_WORDS[count]
    precision = _UNITS[m.group("unit").lower()]
    return Span(m.start(), m.end(), Expr(precision, shift=-number, shift_unit=precision))


def _after_name(text: str, start: int) -> bool:
    """True when a capitalised word stands right before ("USA Today", "Super Tuesday")."""
    return bool(_NAME_BEFORE.search(text[max(0, start - 30) : start]))


def _deictic(m: re.Match[str], text: str) -> Span | None:
    """ "today", "yesterday", "tomorrow morning", "tonight"."""
    if m.group("rel"):
        if words_before(text, m.start(), 1) == ["the"]:
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
    if m.group("w")[0].isupper() and _after_name(text, m.start()):
        return None
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    clock = "NI" if word == "tonight" else ""
    if m.group("pod"):
        clock = PARTS_OF_DAY[m.group("pod").lower()]
    precision = Precision.TIME if clock else Precision.DAY
    expr = Expr(precision, shift=shift, shift_unit=Precision.DAY, clock=clock)
    return Span(m.start(), m.end(), expr)


def _weekday(m: re.Match[str], text: str) -> Span | None:
    """ "Friday", "This Wednesday", "15:00 GMT Saturday", "Friday afternoon"."""
    if word_before(text, m.start()) in HOLIDAY_WEEKDAY:
        return None
    relation = Relation.NEAREST
    if m.group("rel"):
        if words_before(text, m.start(), 1) == ["the"]:
            return None
        relation = _RELATIONS[m.group("rel").lower()]
    clock = ""
    clock_text = m.group("clock") or m.group("clock2")
    if clock_text:
        parsed = _parse(clock_text)
        if parsed is None:
            return None
        clock = _clock(parsed)
    elif m.group("pod"):
        clock = PARTS_OF_DAY[m.group("pod").lower()]
    expr = Expr(
        Precision.TIME if clock else Precision.DAY,
        weekday=WEEKDAYS[m.group("wd").lower()],
        relation=relation,
        clock=clock,
    )
    return Span(m.start(), m.end(), expr)


def _ordinal_day(m: re.Match[str], text: str) -> Span | None:
    """ "on the 3rd", "on the 5th of this month", "on the 1st of May"."""
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    if m.group("m"):
        expr = Expr(Precision.DAY, month=MONTHS[m.group("m").lower()], day=day)
    elif m.group("rel"):
        shift = _SHIFTS[m.group("rel").lower()]
        expr = Expr(Precision.DAY, day=day, shift=shift, shift_unit=Precision.MONTH)
    else:
        expr = Expr(Precision.DAY, day=day)
    return Span(m.start("p"), m.end("p"), expr)


def _bare_month(m: re.Match[str], text: str) -> Span | None:
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
    shift = _SHIFTS[m.group("yrel").lower()] if m.group("yrel") else None
    relation = _RELATIONS[m.group("rel").lower()] if m.group("rel") else Relation.NEAREST
    unit = Precision.YEAR if shift is not None else None
    end = None
    if m.group("m2"):
        end = Expr(
            Precision.MONTH,
            year=year,
            month=MONTHS[m.group("m2").lower()],
            shift=shift,
            shift_unit=unit,
            relation=relation,
        )
    expr = Expr(
        Precision.MONTH,
        year=year,
        month=month,
        shift=shift,
        shift_unit=unit,
        relation=relation,
        end=end,
    )
    return Span(m.start("p"), m.end("p"), expr)


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


def _edge(m: re.Match[str], text: str) -> Span | None:
    """ "the end of the year", "the beginning of the month"."""
    edge = m.group("edge").lower().split()[1]
    edge = "start" if edge == "beginning" else edge
    expr = Expr(_UNITS[m.group("unit").lower()], edge=edge)
    return Span(m.start(), m.end(), expr)


def _holiday(m: re.Match[str], text: str) -> Span | None:
    """ "Christmas", "Easter Sunday", "New Year's Eve 2012", "last Thanksgiving"."""
    key = _HOLIDAY_KEYS[re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'"))]
    year = int(m.group("y")) if m.group("y") else None
    relation = _RELATIONS[m.group("rel").lower()] if m.group("rel") else Relation.NEAREST
    return Span(m.start(), m.end(), Expr(Precision.DAY, year=year, holiday=key, relation=relation))


BUILDERS: list[tuple[re.Pattern[str], Builder]] = [
    (p.FULL, _full),
    (p.NUMERIC, _numeric),
    (p.PART_OF_YEAR, _part_of_year),
    (p.CENTURY, _century),
    (p.DECADE, _decade),
    (p.SEASON, _season),
    (p.BARE_MONTH, _bare_month),
    (p.RELATIVE, _relative),
    (p.AGO, _ago),
    (p.DEICTIC, _deictic),
    (p.WEEKDAY, _weekday),
    (p.ORDINAL_DAY, _ordinal_day),
    (p.BARE_YEAR, _bare_year),
    (p.EDGE, _edge),
    (p.HOLIDAY, _holiday),
]
"""Each pattern with the function that checks a match and says what it means."""

(FULL, NUMERIC, PART, CENTURY, DECADE, SEASON, MONTH, RELATIVE, AGO, DEICTIC, WEEKDAY, ORDINAL,
 YEAR, EDGE, HOLIDAY) = range(len(BUILDERS))  # fmt: skip

_NAMES = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|Christmas|New|Easter|Thanksgiving|Halloween|Valentine)[a-z]*"
)
_DIGITS = re.compile(r"\d+")
_QUARTER_NAME = re.compile(r"[QH][1-4]")
_NAME_TRIGGERS: dict[str, tuple[int, ...]] = {
    **{name: (HOLIDAY,) for name in ("christmas", "new", "easter", "thanksgiving", "halloween")},
    "valentine": (HOLIDAY,),
    **{name: (FULL, MONTH) for name in MONTHS},
    **{name: (FULL,) for name in MONTH_ABBREVIATIONS},
    **{name: (WEEKDAY, FULL) for name in WEEKDAYS},
    **{name: (FULL,) for name in WEEKDAY_ABBREVIATIONS},
}
"""Capitalised names whose presence lets a pattern be tried around them."""
_WORD_TRIGGERS: dict[str, tuple[int, ...]] = {
    **{name: (SEASON,) for name in SEASONS},
    **{name: (RELATIVE, EDGE) for name in ("week", "month", "year")},
    "decade": (RELATIVE,),
    "quarter": (PART, RELATIVE),
    "half": (PART,),
    "century": (CENTURY,),
    "ago": (AGO,),
    **{name: (DEICTIC,) for name in ("today", "tonight", "yesterday", "tomorrow")},
    **{name: (DEICTIC,) for name in ("morning", "afternoon", "evening", "night")},
}
"""Words (any case, also as the start of a longer word) that let a pattern be tried."""

REACH: dict[int, tuple[int, int]] = {
    FULL: (40, 60),
    NUMERIC: (5, 40),
    PART: (40, 50),
    CENTURY: (40, 30),
    DECADE: (30, 10),
    SEASON: (20, 30),
    MONTH: (60, 60),
    RELATIVE: (60, 20),
    AGO: (30, 10),
    DEICTIC: (10, 30),
    WEEKDAY: (40, 60),
    ORDINAL: (20, 40),
    YEAR: (40, 30),
    EDGE: (35, 10),
    HOLIDAY: (10, 40),
}
"""For each pattern, how many characters before and after a trigger its phrase may reach."""


def _triggers(text: str) -> dict[int, list[int]]:
    """For each pattern, the offsets of the words that may belong to one of its phrases.

    Patterns run only near these words: found with plain string search and literal-led
    regular expressions, which is what keeps extraction fast on long texts.
    """
    found: dict[int, list[int]] = {}
    for match in _NAMES.finditer(text):
        for index in _NAME_TRIGGERS.get(match.group().lower(), ()):
            found.setdefault(index, []).append(match.start())
    for match in _DIGITS.finditer(text):
        word, at, end = match.group(), match.start(), match.end()
        after = text[end : end + 2]
        if len(word) == 4 and 1000 <= int(word) <= 2199:
            found.setdefault(YEAR, []).append(at)
            if after[:1] in ("-", "/", "."):
                found.setdefault(NUMERIC, []).append(at)
        if word.endswith("0") and (after[:1] == "s" or after in ("'s", "’s")):
            found.setdefault(DECADE, []).append(at)
        if after in ("st", "nd", "rd", "th"):
            found.setdefault(ORDINAL, []).append(at)
            found.setdefault(CENTURY, []).append(at)
    for match in _QUARTER_NAME.finditer(text):
        found.setdefault(PART, []).append(match.start())
    lowered = text.lower()
    for word, indexes in _WORD_TRIGGERS.items():
        at = lowered.find(word)
        while at >= 0:
            if at == 0 or not lowered[at - 1].isalpha():
                for index in indexes:
                    found.setdefault(index, []).append(at)
            at = lowered.find(word, at + len(word))
    for positions in found.values():
        positions.sort()
    return found


def _windows(positions: list[int], size: int, reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Merged stretches of text around trigger offsets."""
    windows: list[tuple[int, int]] = []
    before, after = reach
    for at in positions:
        low, high = max(0, at - before), min(size, at + after)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    return windows


def find_spans(text: str) -> list[Span]:
    """Every date phrase in a text, longest first where candidates overlap, in text order."""
    found: dict[tuple[int, int], tuple[int, Span]] = {}
    for order, positions in _triggers(text).items():
        pattern, build = BUILDERS[order]
        for low, high in _windows(positions, len(text), REACH[order]):
            for match in pattern.finditer(text, low, high):
                span = build(match, text)
                if span is not None and span.end > span.start:
                    key = (span.start, span.end)
                    if key not in found or found[key][0] > order:
                        found[key] = (order, span)
    ranked = sorted(found.values(), key=lambda item: (item[1].start - item[1].end, item[0]))
    starts: list[int] = []
    taken: list[Span] = []
    for _, span in ranked:
        index = bisect.bisect_left(starts, span.start)
        if index > 0 and taken[index - 1].end > span.start:
            continue
        if index < len(taken) and taken[index].start < span.end:
            continue
        starts.insert(index, span.start)
        taken.insert(index, span)
    return taken
