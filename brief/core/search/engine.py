"""Running a query: its sources ranked from the index, source by source, hits streamed best first.

The ranks come from the index alone: which passages hold which words, exactly, as the start of
a longer word or as a typo form (and, for phrases, the words in order). The text is read only
to confirm a phrase and to build a hit's passage and highlights as the hit is handed out.

A `Searcher` (one per index, caching word look-ups) starts a run per query: the run's `Finder`
(finder.py) finds the candidate sources and their passages, the run ranks and groups them,
and its `Builder` (building.py) builds the hits as they are read, streamed or as `Results`.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import TypeVar, cast

from brief.core.model import Source
from brief.core.search.building import PENDING, TITLE, WORDS, Builder, Group, Pending
from brief.core.search.finder import Finder
from brief.core.search.hits import Hit, Rank
from brief.core.search.index import FOLDS, SearchIndex, Slot, slot_of_key
from brief.core.search.matcher import Matcher
from brief.core.search.postings import GROUP_AFTER, GROUP_RATIO, Passage, intersect
from brief.core.search.query import Query, parse_query, value_matches
from brief.core.search.results import Entry, Results

_CHECK_EVERY = 32
"""How many sources are ranked between two looks at `should_stop`."""

_T = TypeVar("_T")


_passage_of = itemgetter(1)
"""A pending hit's passage."""


class Searcher:
    """Runs queries on an index, remembering look-ups (sources, typo forms) between keystrokes.

    One searcher per index: the UI keeps one and calls `search` on every keystroke from a
    worker thread, abandoning the previous generator (or passing `should_stop`). A cancelled
    search may still be finishing in another thread, so the look-up cache is locked.
    """

    def __init__(self, index: SearchIndex, cache_size: int = 256) -> None:
        """A searcher over `index`, caching up to `cache_size` word look-ups."""
        self.index = index
        """The index searched."""
        self._cache: OrderedDict[tuple[str, str], object] = OrderedDict()
        self._cache_size = cache_size
        self._cache_version = -1
        self._lock = threading.Lock()

    def clear_cache(self) -> None:
        """Forget remembered look-ups (they are also dropped whenever the index changes)."""
        with self._lock:
            self._cache.clear()

    def search(
        self,
        query: str | Query,
        *,
        limit: int | None = None,
        per_source: int | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Iterator[Hit]:
        """Hits for a query, best first: exact phrase, all words, typo matches, partial matches.

        Within a rank, newer sources come first (undated last), then the order sources were
        added, then field and passage order. A generator: hits stream as they are found and
        work stops when the caller stops iterating or `should_stop()` turns true. `per_source`
        caps the hits of one source; `limit` caps them all.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        run = _Run(self, self.index.snapshot(), parsed, per_source, should_stop)
        hits = run.hits()
        return hits if limit is None else islice(hits, limit)

    def results(
        self,
        query: str | Query,
        *,
        per_source: int | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Results:
        """Every hit of a query, ranked as `search` gives them, built only when read: iterate
        to stream them (as `search`), `len()` to count them all (ranking every hit, building
        none), `results[i:j]` to page through thousands.

        Ranking proceeds only as far as what is read needs; if `should_stop()` turns true, the
        results are those found until then.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        run = _Run(self, self.index.snapshot(), parsed, per_source, should_stop)
        return Results(run.entries(), run.builder.materialise)

    def cached(self, version: int, kind: str, word: str, compute: Callable[[], _T]) -> _T:
        """A remembered look-up of `kind` for `word`, computed on first use for this version.

        Each `kind` always computes the same type; callers must not change what they get.
        """
        key = (kind, word)
        with self._lock:
            if self._cache_version != version:
                self._cache.clear()
                self._cache_version = version
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return cast(_T, found)
        computed = compute()
        with self._lock:
            if self._cache_version == version:
                self._cache[key] = computed
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return computed


class _Run:
    """One search: a snapshot of the index, the query, and the sources ranked so far."""

    def __init__(
        self,
        searcher: Searcher,
        index: SearchIndex,
        query: Query,
        per_source: int | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.searcher = searcher
        self.index = index
        self.query = query
        self.should_stop = should_stop or (lambda: False)
        self.table = index.passage_table()
        self.metadata = {i for i, spec in enumerate(index.fields) if spec.metadata}
        self.leading_metadata = (
            len(self.metadata) if self.metadata == set(range(len(self.metadata))) else 0
        )
        """How many fields are metadata when they are the first ones (0 otherwise)."""
        self.builder = Builder(index, query, per_source)
        """Builds the hits of the passages ranked."""
        self.ranked: dict[Slot, tuple[list[Pending], Matcher]] = {}
        self.phrase_found: dict[Slot, Sequence[Passage]] = {}
        self.query_words = query.words
        self.filtered = query.has_filters
        self.best: set[Slot] = set()
        self.finder = Finder(index, query, searcher.cached)
        """The look-ups of the sources and passages holding the query's terms."""
        """A query of one typed word (the commonest): ranked without sets."""

    # Ranking sources

    def live(self, slot: Slot) -> Source | None:
        """The slot's source when it is still indexed and passes the query's filters."""
        source = self.index.source(slot)
        if source is None or not self.index.texts(slot):
            return None
        if not self.filtered:
            return source
        query, index = self.query, self.index
        if query.outlets and not any(value_matches(v, index.outlet(slot)) for v in query.outlets):
            return None
        if query.authors and not any(value_matches(v, index.author(slot)) for v in query.authors):
            return None
        if query.after is not None or query.before is not None:
            when = source.sort_date
            if when is None:
                return None
            if query.after is not None and when < query.after:
                return None
            if query.before is not None and when >= query.before:
                return None
        return source

    def ordered(self, slots: Iterable[Slot]) -> Iterator[Slot]:
        """Slots newest first (undated last), then in the order they were added."""
        key = self.index.key
        keys = [key(slot) for slot in slots]
        heapq.heapify(keys)
        while keys:
            yield slot_of_key(heapq.heappop(keys))

    def rank(self, slot: Slot, matcher: Matcher, fuzzy: bool) -> list[Pending]:
        """The hits of one source, in field and passage order, not built yet.

        Passages holding the whole phrase rank PHRASE; holding every term, ALL_WORDS (FUZZY in
        a source that has a term only as a typo form: `fuzzy`); holding the rest of the terms
        when the metadata (title, outlet, author) holds some, PARTIAL; when there are none of
        these, the source's first passage holding the most terms is its one PARTIAL hit. A
        source missing a term altogether has none.
        """
        if self.live(slot) is None:
            return []
        find = self.finder
        if self.finder.one_word:
            if fuzzy:
                return [
                    (Rank.FUZZY, number, None) for number in sorted(set(find.typos[0].get(slot)))
                ]
            exact = find.exacts[self.query_words[0]].get(slot)
            prefixed = find.prefixes[0].get(slot)
            if not prefixed:
                return [(Rank.PHRASE, number, 1.0) for number in exact]
            exactly = set(exact)
            return [
                (Rank.PHRASE, number, 1.0) if number in exactly else (Rank.ALL_WORDS, number, None)
                for number in sorted(exactly.union(prefixed))
            ]
        found = [find.term_passages(i, slot, fuzzy) for i in range(len(self.query.terms))]
        if not all(found):
            return []
        phrases: set[Passage] = set()
        if not fuzzy and slot in self.best:
            known = self.phrase_found.get(slot)
            phrases = set(find.phrase_passages(slot, matcher) if known is None else known)
        every = Rank.FUZZY if fuzzy else Rank.ALL_WORDS
        terms = len(found)
        if terms == 1:
            return [
                (Rank.PHRASE, number, 1.0) if number in phrases else (every, number, None)
                for number in sorted(found[0])
            ]
        by_size = sorted(found, key=len)
        full = by_size[0].intersection(*by_size[1:])
        ranked: list[Pending] = [
            (Rank.PHRASE, number, 1.0) if number in phrases else (every, number, None)
            for number in full
        ]
        context = self.context(slot, found)
        if any(context):
            rest = [numbers for numbers, known in zip(found, context, strict=True) if not known]
            partial = rest[0].intersection(*rest[1:]) if rest else set().union(*found)
            ranked.extend(
                (Rank.PARTIAL, number, sum(number in numbers for numbers in found) / terms)
                for number in partial.difference(full)
            )
        if ranked:
            ranked.sort(key=_passage_of)
            return ranked
        counts = Counter(chain.from_iterable(found))
        most = max(counts.values())
        first = min(number for number, count in counts.items() if count == most)
        return [(Rank.PARTIAL, first, most / terms)]

    def context(self, slot: Slot, found: list[set[Passage]]) -> list[bool]:
        """For each term, whether the source's metadata (title, outlet, author) holds it."""
        field = self.table.field
        leading = self.leading_metadata
        if leading:
            lo, hi = self.index.passage_range(slot)
            end = lo
            while end < hi and field[end] & ~FOLDS < leading:
                end += 1
            return [min(numbers) < end for numbers in found]
        metadata = self.metadata
        return [any(field[n] & ~FOLDS in metadata for n in numbers) for numbers in found]

    def hits(self) -> Iterator[Hit]:
        """The hits, best rank first, then newest first, built as they come."""
        return self.builder.hits(self.groups())

    def entries(self) -> Iterator[list[Entry]]:
        """Every hit, ranked as `hits` gives them, none built, a source's rank at a time."""
        return self.builder.entries(self.groups())

    def groups(self) -> Iterator[Group]:
        """The hits in order, source by source and rank by rank, as groups not built yet."""
        query = self.query
        if not query.terms:
            if query.has_filters:
                yield from self.titles()
            return
        index, find = self.index, self.finder
        with self.searcher.index.lock:
            sets = [find.term_sets(term) for term in query.terms]
            candidates = intersect(prefixed for _, prefixed in sets)
            best = self.best = intersect([candidates, *(exact for exact, _ in sets)])
            widened = find.look_up(candidates)
        plain = Matcher(query)
        yield from self.phrases(best, plain)
        if self.finder.one_word:
            yield from self.tier(widened, Rank.ALL_WORDS, plain, fuzzy=False)
        elif not find.phrase_is_term:
            yield from self.tier(candidates, Rank.ALL_WORDS, plain, fuzzy=False)
        if self.should_stop():
            return
        with self.searcher.index.lock:
            typos, fuzzy = find.look_up_typos(sets, candidates)
        if typos:
            yield from self.tier(fuzzy, Rank.FUZZY, Matcher(query, typos), fuzzy=True)
        if self.should_stop():
            return
        partial = sorted(
            (index.key(slot), pending[1], slot, pending, matcher)
            for slot, (ranked, matcher) in self.ranked.items()
            for pending in ranked
            if pending[0] == Rank.PARTIAL
        )
        for _, _, slot, pending, matcher in partial:
            yield (PENDING, slot, None, (pending,), matcher)

    def phrases(self, slots: set[Slot], matcher: Matcher) -> Iterator[Group]:
        """Exact phrase hits, from the passages holding every word of the query in order.

        The first sources are looked at one by one (the first hits come at once); then, for a
        query of several words, the passages of its rarest word are looked at all together
        and only the sources with a phrase are visited.
        """
        find = self.finder
        key = self.index.key
        keys = [key(slot) for slot in slots]
        heapq.heapify(keys)
        count = 0
        while keys:
            slot = slot_of_key(heapq.heappop(keys))
            if count % _CHECK_EVERY == 0 and self.should_stop():
                return
            count += 1
            if count == GROUP_AFTER and len(self.query_words) > 1 and find.phrase_key:
                rarest = self.index.passages(find.rarest(self.query_words)) or ()
                if len(rarest) <= GROUP_RATIO * len(keys):
                    groups = find.phrase_groups = find.all_phrases(slots, matcher)
                    keys = [k for k in keys if slot_of_key(k) in groups]
                    heapq.heapify(keys)
            source = self.live(slot)
            if source is None:
                self.ranked[slot] = ([], matcher)
                continue
            found = self.phrase_found[slot] = find.phrase_passages(slot, matcher)
            if not found:
                continue
            if self.finder.one_word:
                yield (WORDS, slot, source, found, matcher)
            else:
                yield (PENDING, slot, source, [(Rank.PHRASE, n, 1.0) for n in found], matcher)

    def tier(
        self, slots: Iterable[Slot], rank: Rank, matcher: Matcher, fuzzy: bool
    ) -> Iterator[Group]:
        """The hits of one rank, ranking the sources not ranked yet."""
        for count, slot in enumerate(self.ordered(slots)):
            if count % _CHECK_EVERY == 0 and self.should_stop():
                return
            found = self.ranked.get(slot)
            if found is None:
                found = self.ranked[slot] = (self.rank(slot, matcher, fuzzy), matcher)
            ranked, used = found
            mine = [pending for pending in ranked if pending[0] == rank]
            if mine:
                yield (PENDING, slot, None, mine, used)

    def titles(self) -> Iterator[Group]:
        """For a query of filters only: one hit per source passing them, its title."""
        with self.searcher.index.lock:
            slots = list(self.index.slots())
        for count, slot in enumerate(self.ordered(slots)):
            if count % _CHECK_EVERY == 0 and self.should_stop():
                return
            source = self.live(slot)
            if source is not None:
                yield (TITLE, slot, source, (), None)


def search(
    index: SearchIndex,
    query: str | Query,
    *,
    limit: int | None = None,
    per_source: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[Hit]:
    """Hits for a query on an index (see `Searcher.search`; keep a Searcher to cache look-ups)."""
    return Searcher(index).search(
        query, limit=limit, per_source=per_source, should_stop=should_stop
    )
