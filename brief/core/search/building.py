"""Building hits: a ranked passage's text cut around its matches, with highlights.

The run ranks a query's hits as `Group`s (a source's passages of one rank, not built yet);
a `Builder` turns them into `Hit`s as they are handed out, or into `Entry`s for `Results`,
keeping to the run's `per_source` cap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import cast

from brief.core.model import Source
from brief.core.search.hits import Hit, Rank, closeness, passage_hit
from brief.core.search.index import FOLDS, SearchIndex, Slot
from brief.core.search.matcher import Matcher
from brief.core.search.normalize import fold, passage_bounds
from brief.core.search.postings import Passage
from brief.core.search.query import Query
from brief.core.search.results import Entry, title_hit

Pending = tuple[Rank, Passage, float | None]
"""A hit not built yet: its rank, its passage, and its closeness when known without the text."""

WORDS, PENDING, TITLE = 0, 1, 2
"""Kinds of `Group`: exact passages of a one-word query (plain passage numbers), ranked
passages (`Pending`s), the title of a source passing a query of filters only."""

Group = tuple[int, Slot, Source | None, Sequence[Passage] | Sequence[Pending], Matcher | None]
"""Hits of one source in a row of the results: kind, slot, the source (None: look it up),
the passages or pendings, and the matcher that builds them."""


class Builder:
    """Builds one search's hits from the passages it ranked, at most `per_source` a source."""

    def __init__(self, index: SearchIndex, query: Query, per_source: int | None) -> None:
        """Builds hits of `query` from passages of `index` (a snapshot)."""
        self.index = index
        self.per_source = per_source
        self.words = [" ".join(term.words) for term in query.terms]
        self.fields = [spec.name for spec in index.fields]
        self.table = index.passage_table()
        self.shown: dict[Slot, int] = {}
        """How many hits each source has handed out (counted only under `per_source`)."""

    def build(
        self,
        source: Source,
        texts: tuple[str, ...],
        pending: Pending,
        matcher: Matcher,
        keep: bool = False,
    ) -> Hit | None:
        """The hit for a ranked passage of a source (whose field texts are `texts`): its text
        cut around the matches, with highlights. None when the text shows no match, unless
        `keep`: then the passage without highlights."""
        rank, number, close = pending
        table = self.table
        field = table.field[number]
        text = texts[field & ~FOLDS]
        start, end = passage_bounds(text, table.start[number])
        piece = text[start:end]
        folded = fold(piece) if field & FOLDS else piece.lower()
        occurrences = matcher.occurrences(folded)
        if not occurrences:
            if not keep:
                return None
            return passage_hit(
                source, self.fields[field & ~FOLDS], piece, start, table.block[number], (0, 0),
                [], rank, 0.0 if close is None else close,
            )  # fmt: skip
        matched = [(begin, finish) for begin, finish, _, _ in occurrences]
        first = matched[0]
        if rank == Rank.PHRASE:
            phrases = matcher.phrases(folded, occurrences)
            if phrases:
                first = phrases[0]
                if not matcher.exact_is_phrase:
                    matched = sorted(matched + phrases)
        if close is None:
            close = closeness(self.words, occurrences, folded)
        return passage_hit(
            source, self.fields[field & ~FOLDS], piece, start, table.block[number], first,
            matched, rank, close,
        )  # fmt: skip

    def word_hits(
        self, slot: Slot, source: Source, numbers: Sequence[Passage], matcher: Matcher
    ) -> Iterator[Hit]:
        """The exact hits of a one-word query in some passages of one (live) source: as
        `build`, but inline, for these are the commonest hits and the most numerous."""
        texts = self.index.texts(slot)
        if not texts:
            return
        field_of, start_of, block_of = self.table.field, self.table.start, self.table.block
        fields, per_source, word_matches = self.fields, self.per_source, matcher.word_matches
        places = self.index.has_places()
        for number in numbers:
            if per_source is not None and not self.admit(slot):
                continue
            field = field_of[number]
            text = texts[field & ~FOLDS]
            start, end = passage_bounds(text, start_of[number])
            piece = text[start:end]
            matched, exact = word_matches(fold(piece) if field & FOLDS else piece.lower())
            if exact is not None:
                hit = passage_hit(
                    source, fields[field & ~FOLDS], piece, start, block_of[number], exact,
                    matched, Rank.PHRASE, 1.0,
                )  # fmt: skip
                if places:
                    hit.anchor = self.index.place(slot, field, hit.block)
                yield hit

    def built(self, slot: Slot, ranked: Iterable[Pending], matcher: Matcher) -> Iterator[Hit]:
        """The hits for some ranked passages of one source (as many as `per_source` allows)."""
        source = self.index.source(slot)
        texts = self.index.texts(slot)
        if source is None or not texts:
            return
        places = self.index.has_places()
        for pending in ranked:
            if self.per_source is None or self.admit(slot):
                hit = self.build(source, texts, pending, matcher)
                if hit is not None:
                    if places:
                        hit.anchor = self.index.place(slot, self.table.field[pending[1]], hit.block)
                    yield hit

    def admit(self, slot: Slot) -> bool:
        """True while the source has shown fewer hits than `per_source`."""
        if self.per_source is None:
            return True
        count = self.shown.get(slot, 0)
        self.shown[slot] = count + 1
        return count < self.per_source

    def hits(self, groups: Iterable[Group]) -> Iterator[Hit]:
        """The hits of some groups, in order, built as they come."""
        for kind, slot, source, items, matcher in groups:
            if kind == WORDS:
                assert source is not None and matcher is not None
                yield from self.word_hits(slot, source, cast(Sequence[Passage], items), matcher)
            elif kind == PENDING:
                assert matcher is not None
                yield from self.built(slot, cast(Sequence[Pending], items), matcher)
            elif source is not None and (self.per_source is None or self.admit(slot)):
                yield title_hit(source)

    def entries(self, groups: Iterable[Group]) -> Iterator[list[Entry]]:
        """Every hit of some groups, in order, none built, a group at a time."""
        per_source = self.per_source
        shown = self.shown
        index = self.index
        for kind, slot, source, items, matcher in groups:
            source = source or index.source(slot)
            texts = index.texts(slot)
            if source is None or not texts:
                continue
            if per_source is not None:
                room = per_source - shown.get(slot, 0)
                if room <= 0:
                    continue
                items = items[:room]
                shown[slot] = shown.get(slot, 0) + max(1, len(items))
            if kind == WORDS:
                yield list(
                    zip(repeat(source), repeat(texts), repeat(slot), repeat(Rank.PHRASE),
                        cast(Sequence[Passage], items), repeat(1.0), repeat(matcher))
                )  # fmt: skip
            elif kind == PENDING:
                yield [
                    (source, texts, slot, rank, number, close, matcher)
                    for rank, number, close in cast(Sequence[Pending], items)
                ]
            else:
                yield [(source, texts, slot, Rank.ALL_WORDS, -1, None, None)]

    def materialise(self, entry: Entry) -> Hit:
        """The hit for an entry of `entries`, as the source was when the search ran.

        A passage the index holds but whose text shows no match (which should not happen) is
        kept, unhighlighted: a hit counted is a hit shown.
        """
        source, texts, slot, rank, number, close, matcher = entry
        if number < 0 or matcher is None:
            return title_hit(source)
        hit = self.build(source, texts, (rank, number, close), matcher, keep=True)
        assert hit is not None
        if self.index.has_places():
            hit.anchor = self.index.place(slot, self.table.field[number], hit.block)
        return hit
