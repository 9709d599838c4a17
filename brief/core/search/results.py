"""Complete results of a query: every hit ranked as far as read, each built when first read.

`Searcher.results` hands out a `Results`: its hits are `Entry`s (ranked, not built) until
read; `len()` ranks them all and builds none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from brief.core.model import Source
from brief.core.search.hits import MAX_PASSAGE, Hit, Rank
from brief.core.search.index import Slot
from brief.core.search.matcher import Matcher
from brief.core.search.postings import Passage

Entry = tuple[Source, tuple[str, ...], Slot, Rank, Passage, float | None, Matcher | None]
"""A hit of a complete result list, not built yet: its source, the source's field texts and
slot, the rank, the passage (-1 for the source's title), the closeness when known, and the
matcher that builds it."""


def title_hit(source: Source) -> Hit:
    """The hit for a source passing a query of filters only: its title."""
    return Hit(
        source_id=source.id,
        title=source.title,
        outlet=source.outlet,
        published=source.published,
        field="title",
        block=0,
        rank=Rank.ALL_WORDS,
        score=float(Rank.ALL_WORDS),
        passage=source.title[:MAX_PASSAGE],
        passage_start=0,
        start=0,
        end=0,
        spans=(),
    )


class Results(Sequence[Hit]):
    """A query's complete, ranked results: ranked as far as they are read, built hit by hit.

    Hits are built from the sources' texts as they were when ranked. Not for several threads
    at once (a worker may rank and count, then hand the results to another thread).
    """

    def __init__(self, entries: Iterator[list[Entry]], materialise: Callable[[Entry], Hit]) -> None:
        """The results `entries` yields (a source's rank at a time), built by `materialise`."""
        self._materialise = materialise
        self._chunks: Iterator[list[Entry]] | None = entries
        self._entries: list[Entry] = []
        self._built: dict[int, Hit] = {}

    def _fill(self, size: int | None = None) -> int:
        """Rank until there are `size` hits (all of them when None); how many there are."""
        entries, chunks = self._entries, self._chunks
        while chunks is not None and (size is None or len(entries) < size):
            chunk = next(chunks, None)
            if chunk is None:
                self._chunks = chunks = None
            else:
                entries.extend(chunk)
        return len(entries)

    @property
    def complete(self) -> bool:
        """True once every hit is ranked (and `len` costs nothing)."""
        return self._chunks is None

    def __len__(self) -> int:
        """How many hits the query has (ranking them all, building none)."""
        return self._fill()

    def __iter__(self) -> Iterator[Hit]:
        """The hits in order, ranked and built as they are read."""
        position = 0
        while position < self._fill(position + 1):
            yield self._hit(position)
            position += 1

    @overload
    def __getitem__(self, position: int) -> Hit: ...

    @overload
    def __getitem__(self, position: slice) -> list[Hit]: ...

    def __getitem__(self, position: int | slice) -> Hit | list[Hit]:
        """The hit at a position (built on first use), or a list of them for a slice."""
        if isinstance(position, slice):
            start, stop, step = position.start, position.stop, position.step
            ahead = all(x is None or x >= 0 for x in (start, stop)) and (step or 1) > 0
            size = self._fill(stop if ahead and stop is not None else None)
            return [self._hit(at) for at in range(*position.indices(size))]
        size = self._fill(position + 1 if position >= 0 else None)
        if position < 0:
            position += size
        if not 0 <= position < size:
            raise IndexError(position)
        return self._hit(position)

    def _hit(self, position: int) -> Hit:
        hit = self._built.get(position)
        if hit is None:
            hit = self._built[position] = self._materialise(self._entries[position])
        return hit

    def ranks(self) -> Counter[Rank]:
        """How many hits there are of each rank (ranking them all, building none)."""
        self._fill()
        return Counter(entry[3] for entry in self._entries)
