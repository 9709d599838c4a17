"""Finding a query's candidates: the sources that may hold its terms, and their passages.

Everything here comes from the index's postings and word ids; the text is read only to
confirm a phrase or quoted term where its words are in a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from typing import Protocol, TypeVar

from brief.core.search.index import SearchIndex, Slot
from brief.core.search.matcher import (
    MIN_PREFIX,
    Matcher,
    Pattern,
    allows_prefix,
    find_all,
    max_edits,
    term_pattern,
)
from brief.core.search.normalize import fold
from brief.core.search.postings import NO_POSTINGS, Lookup, Passage, Postings, intersect
from brief.core.search.query import Query, Term

MAX_TYPO_FORMS = 12
"""At most this many vocabulary words stand in for one misspelt word: the closest, then the
most common (a typed typo most likely means a common word, not a rarer typo)."""

_T = TypeVar("_T")


class Cache(Protocol):
    """Remembered look-ups of words (`Searcher.cached`), kept between searches."""

    def __call__(self, version: int, kind: str, word: str, compute: Callable[[], _T]) -> _T:
        """The look-up of `kind` for `word`, computed on first use for this index version."""
        ...


class Finder:
    """One search's look-ups in a snapshot of the index: the sources holding its terms
    (exactly, by prefix, as typo forms), then, source by source, the passages holding them."""

    def __init__(self, index: SearchIndex, query: Query, cached: Cache) -> None:
        """Look-ups for `query` in `index`, remembering word look-ups in `cached`."""
        self.index = index
        self.query = query
        self.cached = cached
        self.table = index.passage_table()
        self.query_words = query.words
        self.quoted_found: dict[tuple[Slot, int], set[Passage]] = {}
        self.rarest_words: dict[tuple[str, ...], str] = {}
        self.exacts: dict[str, Lookup] = {}
        """The passages of each word of the query, exactly (set by `look_up`)."""
        self.prefixes: list[Lookup] = []
        """For each term, the passages of the longer words it starts (set by `look_up`)."""
        self.typos: list[Lookup] = []
        """For each term, the passages of its typo forms (set by `look_up_typos`)."""
        self.term_patterns: list[Pattern | None] = [
            term_pattern(term) if len(term.words) > 1 else None for term in query.terms
        ]
        self.term_keys: list[bytes | None] = []
        self.phrase_key: bytes | None = None
        self.phrase_groups: dict[Slot, list[Passage]] | None = None
        """Every phrase passage by source, once the phrases of all sources are looked for."""
        self.one_word = len(self.query_words) == 1 and not query.terms[0].quoted
        """A query of one typed word (the commonest): ranked without sets."""
        only = query.terms[0] if len(query.terms) == 1 else None
        self.phrase_is_term = (
            only is not None
            and len(only.words) > 1
            and not (only.open_end and len(only.words[-1]) >= MIN_PREFIX)
        )
        """A query of one closed quoted phrase: its passages are its phrase hits, all of them."""

    # Look-ups of sources

    def exact(self, word: str) -> set[Slot]:
        index = self.index
        return self.cached(index.version, "exact", word, lambda: set(index.postings(word) or ()))

    def prefixed(self, word: str) -> set[Slot]:
        index = self.index

        def compute() -> set[Slot]:
            found: set[Slot] = set()
            for other in index.with_prefix(word):
                found.update(index.postings(other) or ())
            return found

        return self.cached(index.version, "prefix", word, compute)

    def term_sets(self, term: Term) -> tuple[set[Slot], set[Slot]]:
        """Sources with the term exactly, and with it exactly or by prefix."""
        if term.quoted or len(term.words) > 1:
            *head, last = term.words
            exact = intersect([self.exact(word) for word in term.words])
            if term.open_end and len(last) >= MIN_PREFIX:
                return exact, intersect([*(self.exact(w) for w in head), self.prefixed(last)])
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

        return self.cached(index.version, "typo", word, compute)

    # Look-ups of passages

    def prefix_postings(self, word: str) -> Postings:
        """The passages of the longer words `word` starts (not of `word` itself)."""
        index = self.index

        def compute() -> Postings:
            others = index.with_prefix(word)
            return Postings(index.passages(other) for other in others if other != word)

        return self.cached(index.version, "prefix passages", word, compute)

    def rarest(self, words: Sequence[str]) -> str:
        """The word in the fewest passages."""
        key = tuple(words)
        found = self.rarest_words.get(key)
        if found is None:
            found = self.rarest_words[key] = min(
                words, key=lambda word: len(self.index.passages(word) or ())
            )
        return found

    def term_passages(self, index: int, slot: Slot, fuzzy: bool) -> set[Passage]:
        """The source's passages holding a term (as a typo form too, when `fuzzy`)."""
        term = self.query.terms[index]
        if len(term.words) == 1:
            found = set(self.exacts[term.words[0]].get(slot))
            prefixes = self.prefixes[index]
            if not prefixes.empty:
                found.update(prefixes.get(slot))
            if fuzzy:
                found.update(self.typos[index].get(slot))
            return found
        key = (slot, index)
        known = self.quoted_found.get(key)
        if known is None:
            known = self.quoted_found[key] = self.sequence_passages(
                slot, term.words[:-1] if term.open_end else term.words, self.term_keys[index],
                self.term_patterns[index],
            )  # fmt: skip
        return known

    def sequence_passages(
        self, slot: Slot, words: Sequence[str], key: bytes | None, pattern: Pattern | None
    ) -> set[Passage]:
        """The source's passages where a pattern matches, looked for where `words` (all in the
        pattern) are in a row: among the passages of the rarest, by their word ids (`key`)."""
        if key is None or pattern is None:
            return set()
        has_sequence, confirm = self.index.has_sequence, self.confirm
        return {
            number
            for number in self.exacts[self.rarest(words)].get(slot)
            if has_sequence(number, key) and confirm(number, pattern)
        }

    def confirm(self, passage: Passage, pattern: Pattern) -> bool:
        """True when a pattern matches in the passage's text."""
        text, start, end, folds = self.index.passage_text(passage)
        piece = text[start:end]
        return bool(find_all(pattern, fold(piece) if folds else piece.lower(), first=True))

    def phrase_passages(self, slot: Slot, matcher: Matcher) -> Sequence[Passage]:
        """The source's passages holding the whole query as an exact phrase, ascending."""
        if self.phrase_groups is not None:
            return self.phrase_groups.get(slot, ())
        words = self.query_words
        if len(words) == 1:
            return self.exacts[words[0]].get(slot)
        if self.phrase_is_term:
            return sorted(self.term_passages(0, slot, False))
        return sorted(self.sequence_passages(slot, words, self.phrase_key, matcher.phrase_pattern))

    # Preparing the look-ups of passages (with the index locked)

    def look_up(self, candidates: set[Slot]) -> set[Slot]:
        """Prepare the look-ups of the terms' passages in the `candidates` (the sources holding
        every term, exactly or by prefix). For a one-word query that allows a prefix, the
        candidates where a longer word starts with it (else an empty set)."""
        index, query = self.index, self.query
        expected = len(candidates)
        self.exacts = {
            word: Lookup(Postings((index.passages(word),)), index, expected)
            for word in set(self.query_words)
        }
        self.prefixes = [
            Lookup(self.prefix_postings(term.words[-1]), index, expected)
            if allows_prefix(term) or (term.open_end and len(term.words[-1]) >= MIN_PREFIX)
            else Lookup(NO_POSTINGS, index, 0)
            for term in query.terms
        ]
        self.typos = [Lookup(NO_POSTINGS, index, 0) for _ in query.terms]
        self.phrase_key = index.phrase_key(self.query_words)
        self.term_keys = [
            index.phrase_key(term.words[:-1] if term.open_end else term.words)
            for term in query.terms
        ]
        widened: set[Slot] = set()
        if self.one_word and allows_prefix(query.terms[0]):
            owners = index.passage_table().owner
            prefixed = self.prefix_postings(self.query_words[0]).arrays
            widened = candidates.intersection(
                map(owners.__getitem__, chain.from_iterable(prefixed))
            )
        return widened

    def look_up_typos(
        self, sets: list[tuple[set[Slot], set[Slot]]], candidates: set[Slot]
    ) -> tuple[dict[int, list[str]], set[Slot]]:
        """The typo forms of the terms that have some (by term number), and the sources that
        hold every term only when these count (not in `candidates`; `sets` are the terms'
        `term_sets`); prepares the look-ups of the forms' passages in those sources."""
        index, query = self.index, self.query
        typos = {i: self.typo_forms(term) for i, term in enumerate(query.terms)}
        typos = {i: forms for i, forms in typos.items() if forms}
        loose = []
        for i, (_, prefixed_sources) in enumerate(sets):
            wide = set(prefixed_sources)
            for form in typos.get(i, ()):
                wide.update(index.postings(form) or ())
            loose.append(wide)
        fuzzy = intersect(loose) - candidates if typos else set()
        self.typos = [
            Lookup(Postings(index.passages(form) for form in typos.get(i, ())), index, len(fuzzy))
            for i in range(len(query.terms))
        ]
        return typos, fuzzy

    def all_phrases(self, slots: set[Slot], matcher: Matcher) -> dict[Slot, list[Passage]]:
        """The passages of some sources holding the query as an exact phrase, by source."""
        key, pattern = self.phrase_key, matcher.phrase_pattern
        if key is None or pattern is None:
            return {}
        owners = self.table.owner
        has_sequence, confirm = self.index.has_sequence, self.confirm
        found: dict[Slot, list[Passage]] = {}
        for number in self.index.passages(self.rarest(self.query_words)) or ():
            slot = owners[number]
            if slot in slots and has_sequence(number, key) and confirm(number, pattern):
                found.setdefault(slot, []).append(number)
        return found
