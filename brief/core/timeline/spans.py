"""Finding date phrases: each pattern tried only near its trigger words, overlaps settled."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from brief.core.timeline import absolute, relative
from brief.core.timeline import patterns as p
from brief.core.timeline.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    SEASONS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
)
from brief.core.timeline.nearby import Builder, Span

__all__ = ["FINDERS", "Finder", "Span", "find_spans"]


class Finder(NamedTuple):
    """A form of date phrase: its pattern, its builder and how far a phrase reaches."""

    pattern: re.Pattern[str]
    """The regular expression of the form."""
    build: Builder
    """The function that checks a match against its context and says what it means."""
    reach: tuple[int, int]
    """How many characters before and after a trigger word the phrase may reach."""


FINDERS: list[Finder] = [
    Finder(p.FULL, absolute.full, (40, 60)),
    Finder(p.NUMERIC, absolute.numeric, (5, 40)),
    Finder(p.PART_OF_YEAR, absolute.part_of_year, (40, 50)),
    Finder(p.CENTURY, absolute.century, (40, 30)),
    Finder(p.DECADE, absolute.decade, (30, 10)),
    Finder(p.SEASON, absolute.season, (20, 30)),
    Finder(p.BARE_MONTH, relative.bare_month, (60, 60)),
    Finder(p.RELATIVE, relative.relative, (60, 20)),
    Finder(p.AGO, relative.ago, (30, 10)),
    Finder(p.DEICTIC, relative.deictic, (10, 30)),
    Finder(p.WEEKDAY, relative.weekday, (40, 60)),
    Finder(p.ORDINAL_DAY, relative.ordinal_day, (20, 40)),
    Finder(p.BARE_YEAR, absolute.bare_year, (40, 30)),
    Finder(p.EDGE, relative.edge, (35, 10)),
    Finder(p.HOLIDAY, absolute.holiday, (10, 40)),
]
"""Every form of phrase; where two find the same stretch of text, the earlier one wins."""

(FULL, NUMERIC, PART, CENTURY, DECADE, SEASON, MONTH, RELATIVE, AGO, DEICTIC, WEEKDAY, ORDINAL,
 YEAR, EDGE, HOLIDAY) = range(len(FINDERS))  # fmt: skip

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
        finder = FINDERS[order]
        for low, high in _windows(positions, len(text), finder.reach):
            for match in finder.pattern.finditer(text, low, high):
                span = finder.build(match, text)
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
