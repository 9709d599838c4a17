"""The text around a date phrase: its block, sentence and clause, and which way the clause looks."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from enum import StrEnum

from brief.core.text import ABBREVIATIONS
from brief.core.timeline.lexicon import FUTURE, NOT_PAST, PAST, PRESENT


class Tense(StrEnum):
    """Which way a clause looks from the time of writing."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_CLAUSE = re.compile(
    r"[;:—–]\s|\s-\s|[\"“”]"
    r"|,\s+(?=(?:and|but|while|when|which|who|where|whereas|although|though|because|so|yet"
    r"|as|after|before|since|until)\b)"
)


def block_finder(text: str) -> Callable[[int, int], tuple[int, int]]:
    """A function giving the bounds of the block (paragraph) holding a span `start:end` of text.

    The blank lines are found once, so finding the block of each phrase of a long text stays
    cheap. A span that crosses a blank line gets the blocks on both sides.
    """
    breaks: list[int] = []
    at = text.find("\n\n")
    while at >= 0:
        breaks.append(at)
        at = text.find("\n\n", at + 1)

    def bounds(start: int, end: int) -> tuple[int, int]:
        before = bisect.bisect_right(breaks, start - 2)
        after = bisect.bisect_left(breaks, end)
        first = breaks[before - 1] + 2 if before else 0
        return first, breaks[after] if after < len(breaks) else len(text)

    return bounds


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    head = text[max(0, dot - 12) : dot]
    match = _WORD_BEFORE.search(head)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True
    if "." in word:
        return True
    return word.lower() in ABBREVIATIONS


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of `text[start:end]` as (start, end) offsets into `text`."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _BOUNDARY.finditer(text, start, end):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        stop = match.start() + len(match.group().rstrip())
        spans.append((begin, stop))
        begin = match.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause of a sentence that holds the span `start:end`."""
    low, high = sentence
    for match in _CLAUSE.finditer(text, sentence[0], sentence[1]):
        if match.end() <= start:
            low = match.end()
        elif match.start() >= end:
            high = match.start()
            break
    return low, high


REACH = 160
"""How far from a phrase, in characters, the words of its clause are read for tense."""


def _markers(text: str) -> list[tuple[int, int, Tense]]:
    """The tense markers of a text as (start, end, tense)."""
    text = text.lower()
    found = [(m.start(), m.end(), Tense.FUTURE) for m in FUTURE.finditer(text)]
    found += [
        (m.start(), m.end(), Tense.PAST) for m in PAST.finditer(text) if m.group() not in NOT_PAST
    ]
    found += [(m.start(), m.end(), Tense.PRESENT) for m in PRESENT.finditer(text)]
    return found


def tense(text: str, start: int, end: int, sentence: tuple[int, int]) -> Tense | None:
    """Which way the clause of the phrase `start:end` looks, the phrase itself left out.

    A future marker ahead of the phrase governs it ("will announce ... in May"); otherwise
    the nearest marker decides ("On Feb. 28, the bank released"). None when there is none.
    """
    low, high = clause(text, start, end, sentence)
    before = text[max(low, start - REACH) : start]
    after = text[end : min(high, end + REACH)]
    marks_before = _markers(before)
    if any(mark[2] is Tense.FUTURE for mark in marks_before):
        return Tense.FUTURE
    nearest: tuple[int, Tense] | None = None
    for _, stop, which in marks_before:
        distance = len(before) - stop
        if nearest is None or distance < nearest[0]:
            nearest = (distance, which)
    for distance, _, which in _markers(after):
        if nearest is None or distance < nearest[0]:
            nearest = (distance, which)
    return None if nearest is None else nearest[1]


_LABEL = re.compile(r"^[^.!?]{0,40}:\s*$")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def is_chrome(block: str, spans: list[tuple[int, int]]) -> bool:
    """True when a block is only dates with labels or clocks: a page clock or a metadata line.

    `spans` are the date phrases' offsets inside the block.
    """
    rest: list[str] = []
    last = 0
    for start, end in sorted(spans):
        rest.append(block[last:start])
        last = end
    rest.append(block[last:])
    if _LABEL.match(rest[0]) and not _LETTERS.search("".join(rest[1:])):
        return True
    return len(_LETTERS.findall("".join(rest))) < 2
