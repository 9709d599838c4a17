"""Running a query: candidate sources from the index, then ranked hits streamed best first."""

from __future__ import annotations

import heapq
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar, cast

from brief.core.model import Source
from brief.core.search.hits import MAX_PASSAGE, Hit, Rank, source_hits
from brief.core.search.index import SearchIndex, Slot, slot_of_key
from brief.core.search.matcher import (
    MIN_PREFIX,
    Kind,
    Matcher,
    Occurrence,
    Span,
    allows_prefix,
    max_edits,
)
from brief.core.search.normalize import fold
from brief.core.search.query import Query, Term, parse_query, value_matches

MAX_TYPO_FORMS = 12
"""At most this many vocabulary words stand in for one misspelt word: the closest, then the
most common (a typed typo most likely means a common word, not a rarer typo)."""

_CHECK_EVERY = 32
"""How many sources are verified between two looks at `should_stop`."""

_T = TypeVar("_T")


def _intersect(sets: Iterable[set[Slot]]) -> set[Slot]:
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
    """One search: a snapshot of the index, the query, and what was verified so far."""

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
        self.per_source = per_source
        self.should_stop = should_stop or (lambda: False)
        self.words = [" ".join(term.words) for term in query.terms]
        self.fields = [(spec.name, spec.metadata) for spec in index.fields]
        self.shown: dict[Slot, int] = {}
        self.verified: dict[Slot, list[Hit]] = {}

    # Look-ups

    def exact(self, word: str) -> set[Slot]:
        index = self.index
        return self.searcher.cached(
            index.version, "exact", word, lambda: set(index.postings(word) or ())
        )

    def prefixed(self, word: str) -> set[Slot]:
        index = self.index

        def compute() -> set[Slot]:
            found: set[Slot] = set()
            for other in index.with_prefix(word):
                found.update(index.postings(other) or ())
            return found

        return self.searcher.cached(index.version, "prefix", word, compute)

    def term_sets(self, term: Term) -> tuple[set[Slot], set[Slot]]:
        """Sources with the term exactly, and with it exactly or by prefix."""
        if term.quoted or len(term.words) > 1:
            *head, last = term.words
            exact = _intersect([self.exact(word) for word in term.words])
            if term.open_end and len(last) >= MIN_PREFIX:
                return exact, _intersect([*(self.exact(w) for w in head), self.prefixed(last)])
            return exact, exact
        word = term.words[0]
        exact = self.exact(word)
        return exact, (self.prefixed(word) if allows_prefix(term) else exact)

    def typo_forms(self, term: Term) -> list[str]:
        """Vocabulary words a misspelt word may stand for (not those it equals or starts)."""
        if term.quoted or len(term.words) > 1:
            return []
        word = term.words[0]
        edits = max_edits(word)
        if edits == 0:
            return []
        index = self.index

        def compute() -> list[str]:
            found = sorted(
                (distance, -len(index.postings(other) or ()), other)
                for other, distance in index.similar(word, edits)
                if not other.startswith(word)
            )
            return [other for _, _, other in found[:MAX_TYPO_FORMS]]

        return self.searcher.cached(index.version, "typo", word, compute)

    # Checking sources

    def passes(self, slot: Slot, source: Source) -> bool:
        """True when the slot's (live) source passes the query's filters."""
        query, index = self.query, self.index
        if query.outlets and not any(value_matches(v, index.outlet(slot)) for v in query.outlets):
            return False
        if query.authors and not any(value_matches(v, index.author(slot)) for v in query.authors):
            return False
        if query.after is not None or query.before is not None:
            when = source.sort_date
            if when is None:
                return False
            if query.after is not None and when < query.after:
                return False
            if query.before is not None and when >= query.before:
                return False
        return True

    def ordered(self, slots: Iterable[Slot]) -> Iterator[Slot]:
        """Slots newest first (undated last), then in the order they were added."""
        key = self.index.key
        keys = [key(slot) for slot in slots]
        heapq.heapify(keys)
        while keys:
            yield slot_of_key(heapq.heappop(keys))

    def verify(self, slot: Slot, matcher: Matcher) -> list[Hit]:
        """The hits of one candidate source, or none when it fails a filter or a phrase."""
        source = self.index.source(slot)
        if source is None or not self.passes(slot, source):
            return []
        texts = self.index.texts(slot)
        terms = len(self.query.terms)
        found: list[tuple[str, list[Occurrence], list[Span]]] = []
        covered: set[int] = set()
        for text in texts:
            if not text:
                found.append(("", [], []))
                continue
            folded = fold(text)
            occurrences = matcher.occurrences(folded)
            exact = {term for _, _, term, kind in occurrences if kind == Kind.EXACT}
            covered.update(occurrence[2] for occurrence in occurrences)
            phrases = matcher.phrases(folded) if len(exact) == terms else []
            found.append((folded, occurrences, phrases))
        if len(covered) < terms:
            return []
        return source_hits(source, self.fields, texts, found, self.words)

    def admit(self, slot: Slot) -> bool:
        """True while the source has shown fewer hits than `per_source`."""
        if self.per_source is None:
            return True
        count = self.shown.get(slot, 0)
        self.shown[slot] = count + 1
        return count < self.per_source

    # Running

    def hits(self) -> Iterator[Hit]:
        """The hits, best rank first, then newest first."""
        query = self.query
        if not query.terms:
            if query.has_filters:
                yield from self.titles()
            return
        with self.searcher.index.lock:
            sets = [self.term_sets(term) for term in query.terms]
        candidates = _intersect(prefixed for _, prefixed in sets)
        best = _intersect([candidates, *(exact for exact, _ in sets)])
        plain = Matcher(query)
        yield from self.phrases(best, plain)
        yield from self.tier(candidates, Rank.ALL_WORDS, plain)
        if self.should_stop():
            return
        with self.searcher.index.lock:
            typos = {i: self.typo_forms(term) for i, term in enumerate(query.terms)}
            typos = {i: forms for i, forms in typos.items() if forms}
            loose = []
            for i, (_, prefixed) in enumerate(sets):
                widened = set(prefixed)
                for form in typos.get(i, ()):
                    widened.update(self.index.postings(form) or ())
                loose.append(widened)
        if typos:
            fuzzy = _intersect(loose) - candidates
            yield from self.tier(fuzzy, Rank.FUZZY, Matcher(query, typos))
        if self.should_stop():
            return
        partial = sorted(
            (self.index.key(slot), order, hit)
            for slot, hits in self.verified.items()
            for order, hit in enumerate(hits)
            if hit.rank == Rank.PARTIAL
        )
        for key, _, hit in partial:
            if self.admit(slot_of_key(key)):
                yield hit

    def phrases(self, slots: set[Slot], matcher: Matcher) -> Iterator[Hit]:
        """Exact phrase hits; only sources whose word ids hold the phrase are verified now."""
        words = self.query.words
        phrase = self.index.phrase_key(words) if len(words) > 1 else None
        for count, slot in enumerate(self.ordered(slots)):
            if count % _CHECK_EVERY == 0 and self.should_stop():
                return
            if phrase is not None and not self.index.has_sequence(slot, phrase):
                continue
            hits = self.verified[slot] = self.verify(slot, matcher)
            for hit in hits:
                if hit.rank == Rank.PHRASE and self.admit(slot):
                    yield hit

    def tier(self, slots: Iterable[Slot], rank: Rank, matcher: Matcher) -> Iterator[Hit]:
        """The hits of one rank, verifying the sources not verified yet."""
        for count, slot in enumerate(self.ordered(slots)):
            if count % _CHECK_EVERY == 0 and self.should_stop():
                return
            hits = self.verified.get(slot)
            if hits is None:
                hits = self.verified[slot] = self.verify(slot, matcher)
            for hit in hits:
                if hit.rank == rank and self.admit(slot):
                    yield hit

    def titles(self) -> Iterator[Hit]:
        """For a query of filters only: one hit per source passing them, its title."""
        with self.searcher.index.lock:
            slots = list(self.index.slots())
        for count, slot in enumerate(self.ordered(slots)):
            if count % _CHECK_EVERY == 0 and self.should_stop():
                return
            source = self.index.source(slot)
            if source is None or not self.passes(slot, source):
                continue
            yield Hit(
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
