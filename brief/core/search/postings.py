"""Posting look-ups: the passages of some words, source by source, for one search.

The index lists each word's passages as one ascending array (see `SearchIndex`); a search
asks for them source by source, first by binary search, then (when many sources are to come)
grouped by source in one pass. Words sharing a look-up (a prefix's words, a typo's forms)
have their arrays merged when there are many.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import chain, groupby

from brief.core.search.index import SearchIndex, Slot

MERGE_ABOVE = 4
"""Words sharing a look-up (a prefix's words, a typo's forms) have their passages merged into
one list when there are more of them than this, rather than looked up one by one."""

GROUP_AFTER = 48
"""How many sources a search looks up one by one before grouping postings by source."""

GROUP_RATIO = 2
"""Postings are grouped by source when they are at most this many times as long as the
number of sources still to look up (else binary search per source stays cheaper)."""

Passage = int
"""A passage's number in the index (see `SearchIndex`)."""


def intersect(sets: Iterable[set[Slot]]) -> set[Slot]:
    """The intersection of sets, smallest first."""
    ordered = sorted(sets, key=len)
    if not ordered:
        return set()
    result = set(ordered[0])
    for other in ordered[1:]:
        result &= other
        if not result:
            break
    return result


def between(numbers: array[int], lo: int, hi: int) -> array[int]:
    """The numbers of an ascending array that are in [lo, hi)."""
    start = bisect_left(numbers, lo)
    return numbers[start : bisect_left(numbers, hi, start)]


class Postings:
    """The passages of several words together (a prefix's words, a typo's forms)."""

    __slots__ = ("arrays",)

    def __init__(self, arrays: Iterable[array[int] | None]) -> None:
        """The passages in `arrays` (each ascending); merged when there are many."""
        found = [numbers for numbers in arrays if numbers]
        if len(found) > MERGE_ABOVE:
            found = [array("I", sorted(set(chain.from_iterable(found))))]
        self.arrays: list[array[int]] = found
        """The ascending arrays of passage numbers (the index's own when not merged)."""


NO_POSTINGS = Postings(())
"""No passages at all (the look-up of a term with no prefix or typo forms)."""


class Lookup:
    """One search's look-ups of some postings, source by source.

    The first sources are looked up by binary search; when many more are to come and the
    postings are not much longer, they are grouped by source in one pass instead.
    """

    __slots__ = ("_arrays", "_asked", "_end", "_expected", "_extra", "_first", "_groups", "_owners")

    def __init__(self, postings: Postings, index: SearchIndex, expected: int) -> None:
        self._arrays = postings.arrays
        self._owners = index.passage_table().owner
        self._first, self._end, self._extra = index.passage_bounds()
        self._expected = expected
        self._asked = 0
        self._groups: dict[Slot, list[Passage]] | None = None

    def get(self, slot: Slot) -> Sequence[Passage]:
        """The source's passages (ascending when there is one array; duplicates possible)."""
        if self._groups is not None:
            return self._groups.get(slot, ())
        arrays = self._arrays
        if not arrays:
            return ()
        self._asked += 1
        if self._asked == GROUP_AFTER:
            total = sum(len(numbers) for numbers in arrays)
            if total <= GROUP_RATIO * (self._expected - GROUP_AFTER):
                self._groups = self._group()
                return self._groups.get(slot, ())
        lo, hi = self._first[slot], self._end[slot]
        extra = self._extra.get(slot) if self._extra else None
        if extra is not None:
            return [
                number
                for numbers in arrays
                for bounds in ((lo, hi), extra)
                for number in between(numbers, *bounds)
            ]
        if len(arrays) == 1:
            numbers = arrays[0]
            start = bisect_left(numbers, lo)
            return numbers[start : bisect_left(numbers, hi, start)]
        return [number for numbers in arrays for number in between(numbers, lo, hi)]

    @property
    def empty(self) -> bool:
        """True when no passage is looked up (`get` always gives nothing)."""
        return not self._arrays

    def _group(self) -> dict[Slot, list[Passage]]:
        groups: dict[Slot, list[Passage]] = {}
        for numbers in self._arrays:
            for slot, members in groupby(numbers, self._owners.__getitem__):
                found = groups.get(slot)
                if found is None:
                    groups[slot] = list(members)
                else:
                    found.extend(members)
        return groups
