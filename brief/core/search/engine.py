"""Running a query: candidate sources from the index, then ranked hits streamed best first."""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

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

MAX_TYPO_FORMS = 50
"""At most this many vocabulary words stand in for one misspelt word (the closest ones)."""

_CHECK_EVERY = 32
"""How many sources are verified between two looks at `should_stop`."""


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
    """Runs queries on an index, remembering word look-ups between keystrokes.

    One searcher per index (and per worker thread): the UI keeps one and calls `search` on
    every keystroke, abandoning the previous generator (or passing `should_stop`).
    """

    def __init__(self, index: SearchIndex, cache_size: int = 256) -> None:
        """A searcher over `index`, caching up to `cache_size` words' source sets."""
        self.index = index
        """The index searched."""
        self._cache: OrderedDict[tuple[str, str], set[Slot]] = OrderedDict()
        self._cache_size = cache_size
        self._cache_version = -1

    def clear_cache(self) -> None:
        """Forget remembered look-ups (they are also dropped whenever the index changes)."""
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
        hits = self._run(parsed, per_source, should_stop or (lambda: False))
        return hits if limit is None else islice(hits, limit)

    # Look-ups

    def _cached(self, kind: str, word: str, compute: Callable[[], set[Slot]]) -> set[Slot]:
        if self._cache_version != self.index.version:
            self._cache.clear()
            self._cache_version = self.index.version
        key = (kind, word)
        found = self._cache.get(key)
        if found is None:
            found = compute()
            self._cache[key] = found
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return found

    def _exact(self, word: str) -> set[Slot]:
        return self._cached("exact", word, lambda: set(self.index.postings(word) or ()))

    def _prefixed(self, word: str) -> set[Slot]:
        def compute() -> set[Slot]:
            found: set[Slot] = set()
            for other in self.index.with_prefix(word):
                found.update(self.index.postings(other) or ())
            return found

        return self._cached("prefix", word, compute)

    def _term_sets(self, term: Term) -> tuple[set[Slot], set[Slot]]:
        """Sources with the term exactly, and with it exactly or by prefix."""
        if term.quoted or len(term.words) > 1:
            *head, last = term.words
            exact = _intersect([self._exact(word) for word in term.words])
            if term.open_end and len(last) >= MIN_PREFIX:
                return exact, _intersect([*(self._exact(w) for w in head), self._prefixed(last)])
            return exact, exact
        word = term.words[0]
        exact = self._exact(word)
        return exact, (self._prefixed(word) if allows_prefix(term) else exact)

    def _typo_forms(self, term: Term) -> list[str]:
        """Vocabulary words a misspelt word may stand for (not those it equals or starts)."""
        if term.quoted or len(term.words) > 1:
            return []
        word = term.words[0]
        edits = max_edits(word)
        if edits == 0:
            return []
        found = sorted(
            (distance, other)
            for other, distance in self.index.similar(word, edits)
            if not other.startswith(word)
        )
        return [other for _, other in found[:MAX_TYPO_FORMS]]

    # Running

    def _passes(self, query: Query, slot: Slot) -> bool:
        """True when the slot's source is alive and passes the query's filters."""
        source = self.index.source(slot)
        if source is None:
            return False
        if query.outlets and not any(
            value_matches(v, self.index.outlet(slot)) for v in query.outlets
        ):
            return False
        if query.authors and not any(
            value_matches(v, self.index.author(slot)) for v in query.authors
        ):
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

    def _ordered(self, slots: Iterable[Slot]) -> Iterator[Slot]:
        """Slots newest first (undated last), then in the order they were added."""
        keys = [self.index.key(slot) for slot in slots]
        heapq.heapify(keys)
        while keys:
            yield slot_of_key(heapq.heappop(keys))

    def _fold(self, slot: Slot) -> tuple[str, ...]:
        """The slot's field texts, folded."""
        return tuple(fold(text) if text else "" for text in self.index.texts(slot))

    def _verify(
        self,
        query: Query,
        slot: Slot,
        matcher: Matcher,
        words: list[str],
        folded: tuple[str, ...] | None = None,
    ) -> list[Hit]:
        """The hits of one candidate source, or none when it fails a filter or a phrase."""
        source = self.index.source(slot)
        if source is None or not self._passes(query, slot):
            return []
        texts = self.index.texts(slot)
        if folded is None:
            folded = self._fold(slot)
        found: list[tuple[str, list[Occurrence], list[Span]]] = []
        covered: set[int] = set()
        for text in folded:
            if not text:
                found.append(("", [], []))
                continue
            occurrences = matcher.occurrences(text)
            exact = {term for _, _, term, kind in occurrences if kind == Kind.EXACT}
            covered.update(occurrence[2] for occurrence in occurrences)
            phrases = matcher.phrases(text) if len(exact) == len(query.terms) else []
            found.append((text, occurrences, phrases))
        if len(covered) < len(query.terms):
            return []
        fields = [(spec.name, spec.metadata) for spec in self.index.fields]
        return source_hits(source, fields, texts, found, words)

    def _filter_only(self, query: Query, should_stop: Callable[[], bool]) -> Iterator[Hit]:
        """One hit per source passing the filters: its title."""
        with self.index.lock:
            slots = list(self.index.slots())
        for count, slot in enumerate(self._ordered(slots)):
            if count % _CHECK_EVERY == 0 and should_stop():
                return
            source = self.index.source(slot)
            if source is None or not self._passes(query, slot):
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

    def _run(
        self, query: Query, per_source: int | None, should_stop: Callable[[], bool]
    ) -> Iterator[Hit]:
        if not query.terms:
            if query.has_filters:
                yield from self._filter_only(query, should_stop)
            return
        words = [" ".join(term.words) for term in query.terms]
        with self.index.lock:
            sets = [self._term_sets(term) for term in query.terms]
        candidates = _intersect(prefixed for _, prefixed in sets)
        best = _intersect([candidates, *(exact for exact, _ in sets)])
        shown: dict[Slot, int] = {}
        verified: dict[Slot, list[Hit]] = {}
        plain = Matcher(query)

        def admit(hit: Hit, slot: Slot) -> bool:
            if per_source is None:
                return True
            count = shown.get(slot, 0)
            shown[slot] = count + 1
            return count < per_source

        def tier(slots: Iterable[Slot], rank: Rank, matcher: Matcher) -> Iterator[Hit]:
            for count, slot in enumerate(self._ordered(slots)):
                if count % _CHECK_EVERY == 0 and should_stop():
                    return
                hits = verified.get(slot)
                if hits is None:
                    hits = verified[slot] = self._verify(query, slot, matcher, words)
                for hit in hits:
                    if hit.rank == rank and admit(hit, slot):
                        yield hit

        # Exact phrases first: only sources where the phrase occurs are verified now.
        phrase = self.index.phrase_key(query.words) if len(query.words) > 1 else None
        for count, slot in enumerate(self._ordered(best)):
            if count % _CHECK_EVERY == 0 and should_stop():
                return
            if phrase is not None and not self.index.has_sequence(slot, phrase):
                continue
            hits = verified[slot] = self._verify(query, slot, plain, words)
            for hit in hits:
                if hit.rank == Rank.PHRASE and admit(hit, slot):
                    yield hit
        if should_stop():
            return
        yield from tier(candidates, Rank.ALL_WORDS, plain)
        if should_stop():
            return
        with self.index.lock:
            typos = {i: self._typo_forms(term) for i, term in enumerate(query.terms)}
            typos = {i: forms for i, forms in typos.items() if forms}
            if typos:
                loose = []
                for i, (_, prefixed) in enumerate(sets):
                    widened = set(prefixed)
                    for form in typos.get(i, ()):
                        widened.update(self.index.postings(form) or ())
                    loose.append(widened)
        if typos:
            fuzzy = _intersect(loose) - candidates
            yield from tier(fuzzy, Rank.FUZZY, Matcher(query, typos))
        if should_stop():
            return
        partial = sorted(
            (self.index.key(slot), order, hit)
            for slot, hits in verified.items()
            for order, hit in enumerate(hits)
            if hit.rank == Rank.PARTIAL
        )
        for key, _, hit in partial:
            if admit(hit, slot_of_key(key)):
                yield hit


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
