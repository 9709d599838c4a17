"""Moving through a source's text: its words, sentences and paragraphs, a cursor and a selection."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from brief.core.model import Source
from brief.core.text import ABBREVIATIONS

_WORD = re.compile(r"\S+")
_WORD_BEFORE = re.compile(r"(\w[\w.]*)$")


@functools.cache
def _boundary() -> re.Pattern[str]:
    """Where a sentence may end (the look-ahead only lets the scan skip to a stop quickly).
    Compiled on first use: start-up does without its millisecond."""
    return re.compile(r"(?=[.!?…。！？])(?:[.!?…]+[\"'”’»)\]]*\s+|[。！？]+[\"'”’」』)\]]*\s*)")


class Unit(StrEnum):
    """How far a selection grows or shrinks in one step."""

    WORD = "word"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"


def _closes_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` ends an abbreviation or an initial ("Mr.", "J."), not a
    sentence."""
    match = _WORD_BEFORE.search(text[max(0, dot - 12) : dot])
    if not match:
        return False
    word = match.group(1)
    return (len(word) == 1 and word.isupper()) or "." in word or word.lower() in ABBREVIATIONS


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of `text[start:end]` as (start, end) offsets, without surrounding spaces.

    A sentence ends at ., !, ? or … followed by a space and a character that is not a
    lower-case letter, or at a CJK full stop; abbreviations and initials don't end one.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _boundary().finditer(text, start, stop):
        after = match.end()
        if after < stop and text[after].islower():
            continue
        if text[match.start()] == "." and _closes_abbreviation(text, match.start()):
            continue
        close = match.start() + len(match.group().rstrip())
        if close > begin:
            spans.append((begin, close))
        begin = after
    if begin < stop:
        spans.append((begin, stop))
    return [_trimmed(text, a, b) for a, b in spans if text[a:b].strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` without the white space at either side."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class Selection:
    """A selection being made: a fixed first word and a moving head."""

    anchor_start: int
    """Where the word the selection started on begins."""
    anchor_end: int
    """Where that word ends."""
    head: int
    """The moving end, a body offset."""

    @property
    def span(self) -> tuple[int, int]:
        """The selected range: from the anchor word to the head, whichever way it went."""
        if self.head >= self.anchor_end:
            return self.anchor_start, self.head
        if self.head <= self.anchor_start:
            return self.head, self.anchor_end
        return self.anchor_start, self.anchor_end


class TextMap:
    """The words, sentences and paragraphs of a source's body, found once, looked up by offset."""

    def __init__(self, source: Source) -> None:
        """Split the body of `source` (each block is a paragraph)."""
        self.text = source.body
        """The body the offsets refer to."""
        self.paragraphs: list[tuple[int, int]] = [
            (start, start + len(block.text))
            for start, block in zip(source.block_starts, source.blocks, strict=True)
            if block.text.strip()
        ]
        """Each paragraph (block) as (start, end)."""
        self.sentences: list[tuple[int, int]] = []
        """Each sentence as (start, end), in order; none crosses a paragraph."""
        for start, end in self.paragraphs:
            self.sentences += sentence_spans(self.text, start, end)
        self._sentence_starts = [start for start, _ in self.sentences]
        self._bounds: dict[Unit, tuple[list[int], list[int]]] = {}

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Each word (a run of non-space characters) as (start, end); found when first used."""
        return [match.span() for match in _WORD.finditer(self.text)]

    def _starts_ends(self, unit: Unit) -> tuple[list[int], list[int]]:
        """The start offsets and end offsets of a unit's spans (found once)."""
        if unit not in self._bounds:
            if unit is Unit.WORD:
                spans = self.words
            else:
                spans = self.sentences if unit is Unit.SENTENCE else self.paragraphs
            self._bounds[unit] = ([a for a, _ in spans], [b for _, b in spans])
        return self._bounds[unit]

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding `offset` (or the last one starting before it)."""
        if not self.sentences:
            return -1
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence_after(self, offset: int) -> int:
        """The index of the first sentence starting at or after `offset` (the last if none)."""
        index = bisect.bisect_left(self._sentence_starts, offset)
        return min(index, len(self.sentences) - 1)

    def paragraph_step(self, sentence: int, forward: bool) -> int:
        """The first sentence of the next (or previous) paragraph from sentence `sentence`."""
        if not self.sentences:
            return -1
        start = self.sentences[sentence][0]
        starts = self._starts_ends(Unit.PARAGRAPH)[0]
        here = max(0, bisect.bisect_right(starts, start) - 1)
        target = here + 1 if forward else here - 1
        if not forward and self.paragraphs and start > self.paragraphs[here][0]:
            target = here  # back to the start of this paragraph first
        target = max(0, min(len(self.paragraphs) - 1, target))
        return self.sentence_after(self.paragraphs[target][0])

    def start_selection(self, sentence: int) -> Selection | None:
        """A selection of the first word of a sentence."""
        if not 0 <= sentence < len(self.sentences):
            return None
        start = self.sentences[sentence][0]
        index = bisect.bisect_right(self.words, (start, len(self.text) + 1)) - 1
        word_start, word_end = self.words[max(0, index)]
        return Selection(word_start, word_end, word_end)

    def extend(self, selection: Selection, unit: Unit, forward: bool) -> Selection:
        """Move the head of a selection by one unit, towards the end or the start of the text.

        On the right of the first word the head stops at unit ends, on its left at unit
        starts, so the selection grows and shrinks by whole words, sentences or paragraphs.
        """
        starts, ends = self._starts_ends(unit)
        low, high = selection.anchor_start, selection.anchor_end
        head = selection.head
        if low <= head <= high:
            head = high if forward else low
        stops = starts if head <= low else ends
        if forward:
            index = bisect.bisect_right(stops, head)
            found = stops[index] if index < len(stops) else None
            if head < low and (found is None or found > low):
                found = low  # from the left side back onto the first word
        else:
            index = bisect.bisect_left(stops, head) - 1
            found = stops[index] if index >= 0 else None
            if head > high and (found is None or found < high):
                found = high  # from the right side back onto the first word
        new = head if found is None else found
        return Selection(low, high, new)

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """A range without white space at its ends."""
        return _trimmed(self.text, start, end)
