"""Finding a query's terms in text: forgiving word matches, exact phrases, find-in-source."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import IntEnum

from rapidfuzz import process
from rapidfuzz.distance import OSA

from brief.core.search.normalize import CJK, WORD_CHAR, fold, is_spaced_word, tokens
from brief.core.search.query import Query, Term, parse_query

MIN_PREFIX = 3
"""A typed word of at least this many characters also matches longer words it starts."""

_WORD_CHAR = re.compile(WORD_CHAR)
_CJK_CHAR = re.compile(f"[{CJK}]")
_GAP = r"(?:[^\w\n]|_|\n(?!\n)){1,10}"
"""What stands between the words of a phrase: punctuation and spaces, not a blank line."""
_NO_GAP = r"(?:[^\w\n]|_|\n(?!\n)){0,10}"
"""The same, where the words may also touch (next to a CJK character)."""
_WORD_RUN = r"(?P<run>[^\W_]*)"
"""The rest of a word a typed prefix starts (cut before a CJK character: see `find_all`).

Query patterns keep to character classes that compile fast: a class with the CJK ranges
takes milliseconds to compile, and patterns are compiled anew as the user types."""

Span = tuple[int, int]
"""A [start, end) range of character offsets."""

Occurrence = tuple[int, int, int, int]
"""A match of one term: start, end, the term's index in the query, its `Kind`."""


class Kind(IntEnum):
    """How closely a word in the text matches a typed word."""

    FUZZY = 0
    """Within a few typing errors."""
    PREFIX = 1
    """The text's word starts with the typed word."""
    EXACT = 2
    """The same word (case, accents and punctuation aside)."""


def max_edits(word: str) -> int:
    """How many typing errors a typed word forgives: none under 4 letters or with digits."""
    if len(word) < 4 or not word.isalpha():
        return 0
    return 1 if len(word) <= 7 else 2


def allows_prefix(term: Term) -> bool:
    """True when a term also matches words it starts (typed words of `MIN_PREFIX`+ letters)."""
    return not term.quoted and len(term.words[0]) >= MIN_PREFIX


def _word(word: str, prefix: bool = False) -> str:
    """A regex for one word (boundaries are checked after matching: see `find_all`)."""
    if prefix and is_spaced_word(word):
        return re.escape(word) + _WORD_RUN
    return re.escape(word)


def _phrase(words: Sequence[str], open_end: bool = False) -> str:
    """A regex for words in order, only punctuation and spaces between them."""
    parts = [_word(words[0], open_end and len(words) == 1)]
    for i in range(1, len(words)):
        spaced = is_spaced_word(words[i - 1]) and is_spaced_word(words[i])
        parts.append(_GAP if spaced else _NO_GAP)
        parts.append(_word(words[i], open_end and i == len(words) - 1))
    return "".join(parts)


class Pattern:
    """A compiled regex for a term or phrase, with which ends need a word boundary."""

    __slots__ = ("left", "regex", "right", "run")

    def __init__(self, regex: str, first: str, last: str) -> None:
        """Compile `regex`, whose match starts with word `first` and ends with word `last`."""
        self.regex = re.compile(regex)
        """The compiled regex."""
        self.left = is_spaced_word(first)
        """True when a match must not follow a letter or digit."""
        self.right = is_spaced_word(last)
        """True when a match must not be followed by a letter or digit."""
        self.run = "run" in self.regex.groupindex
        """True when a match may end with the rest of a word the last typed word starts."""


def term_pattern(term: Term, fuzzy: Sequence[str] = ()) -> Pattern:
    """The pattern finding a term in folded text, with extra whole-word `fuzzy` forms."""
    first, last = term.words[0], term.words[-1]
    if term.quoted or len(term.words) > 1:
        open_end = term.open_end and len(last) >= MIN_PREFIX
        return Pattern(_phrase(term.words, open_end), first, last)
    forms = [_word(first, allows_prefix(term))]
    forms.extend(re.escape(form) for form in sorted(fuzzy, key=len, reverse=True))
    return Pattern("|".join(forms), first, last)


def find_all(pattern: Pattern, folded: str, first: bool = False) -> list[Span]:
    """Non-overlapping matches of a pattern that start and end at word boundaries (only the
    first, when `first`)."""
    spans: list[Span] = []
    at = 0
    search = pattern.regex.search
    word_char = _WORD_CHAR.match
    left, right = pattern.left, pattern.right
    run = pattern.run and not folded.isascii()
    while True:
        found = search(folded, at)
        if found is None:
            return spans
        start, end = found.span()
        if run and found.start("run") >= 0:
            cjk = _CJK_CHAR.search(folded, found.start("run"), end)
            end = end if cjk is None else cjk.start()
        if (left and start > 0 and word_char(folded, start - 1)) or (
            right and word_char(folded, end)
        ):
            at = start + 1
            continue
        spans.append((start, end))
        if first:
            return spans
        at = end if end > start else end + 1


class Matcher:
    """A query compiled for scanning folded texts: each term's matches and the whole phrase."""

    def __init__(self, query: Query, fuzzy: Mapping[int, Sequence[str]] | None = None) -> None:
        """Compile `query`; `fuzzy` gives extra whole-word forms by term index (typo matches)."""
        fuzzy = fuzzy or {}
        self.query = query
        """The query compiled."""
        self.terms = query.terms
        """The query's terms; occurrences refer to them by index."""
        self.fuzzy = {index: tuple(forms) for index, forms in fuzzy.items() if forms}
        """The typo forms allowed, by term index."""
        self._patterns = [
            term_pattern(term, self.fuzzy.get(i, ())) for i, term in enumerate(self.terms)
        ]
        words = query.words
        self.phrase_pattern = Pattern(_phrase(words), words[0], words[-1]) if words else None
        """The whole query as one exact phrase (None for a query without words)."""
        single = self.terms[0] if len(words) == 1 else None
        self.exact_is_phrase = single is not None and not (
            single.quoted and single.open_end and len(single.words[0]) >= MIN_PREFIX
        )
        """True for a query of one word: its phrase matches are its exact word matches."""

    def occurrences(self, folded: str) -> list[Occurrence]:
        """Every match of every term in folded text, by start offset."""
        found: list[Occurrence] = []
        for index, (term, pattern) in enumerate(zip(self.terms, self._patterns, strict=True)):
            spans = find_all(pattern, folded)
            if not spans:
                continue
            if term.quoted or len(term.words) > 1:
                found.extend((start, end, index, Kind.EXACT) for start, end in spans)
                continue
            word = term.words[0]
            size = len(word)
            for start, end in spans:
                kind = (
                    (Kind.EXACT if end - start == size else Kind.PREFIX)
                    if folded.startswith(word, start)
                    else Kind.FUZZY
                )
                found.append((start, end, index, kind))
        if len(self.terms) > 1:
            found.sort()
        return found

    def word_matches(self, folded: str) -> tuple[list[Span], Span | None]:
        """For a query of one typed word: its matches, and the first exact one (if any).

        As `find_all` does, inline: this runs for every hit of the commonest queries.
        """
        pattern = self._patterns[0]
        search, word_char = pattern.regex.search, _WORD_CHAR.match
        left, right = pattern.left, pattern.right
        run = pattern.run and not folded.isascii()
        size = len(self.terms[0].words[0])
        spans: list[Span] = []
        exact: Span | None = None
        at = 0
        while (found := search(folded, at)) is not None:
            start, end = found.span()
            if run and found.start("run") >= 0:
                cjk = _CJK_CHAR.search(folded, found.start("run"), end)
                end = end if cjk is None else cjk.start()
            if (left and start and word_char(folded, start - 1)) or (
                right and word_char(folded, end)
            ):
                at = start + 1
                continue
            spans.append((start, end))
            if exact is None and end - start == size:
                exact = (start, end)
            at = end if end > start else end + 1
        return spans, exact

    def phrases(self, folded: str, occurrences: Sequence[Occurrence] | None = None) -> list[Span]:
        """Matches of the whole query as one exact phrase (all its words, in order).

        For a query of one word, its exact matches among `occurrences` when they are given.
        """
        if occurrences is not None and self.exact_is_phrase:
            return [(start, end) for start, end, _, kind in occurrences if kind == Kind.EXACT]
        return [] if self.phrase_pattern is None else find_all(self.phrase_pattern, folded)


def similar_words(word: str, vocabulary: Sequence[str], edits: int) -> list[str]:
    """Words of a vocabulary within `edits` typing errors of `word` (a transposition is one)."""
    if edits <= 0:
        return []
    choices = [other for other in vocabulary if abs(len(other) - len(word)) <= edits]
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None)
    return [choice for choice, _, _ in found if choice != word]


def merge_spans(spans: Sequence[Span]) -> list[Span]:
    """Spans sorted, with overlapping or touching ones merged."""
    merged: list[Span] = []
    last = -1
    for start, end in sorted(spans):
        if start <= last:
            if end > last:
                merged[-1] = (merged[-1][0], end)
                last = end
        else:
            merged.append((start, end))
            last = end
    return merged


def find_in_text(text: str, query: str | Query) -> list[Span]:
    """Every match of a query in one text (find in this source), as sorted, disjoint spans.

    Matching is as forgiving as search: case, accents and punctuation are ignored, a typed
    word matches words it starts, and a word found neither exactly nor as a prefix matches
    words within a typing error or two. When the query has several words and they occur
    together as a phrase, only those phrase matches are returned; otherwise every word's
    matches are. A "quoted phrase" matches exactly. Filters in the query are plain text here.
    """
    parsed = parse_query(query, filters=False) if isinstance(query, str) else query
    if not parsed.terms:
        return []
    folded = fold(text)
    plain = Matcher(parsed)
    if len(parsed.words) > 1:
        phrases = plain.phrases(folded)
        if phrases:
            return phrases
    found = plain.occurrences(folded)
    covered = {occurrence[2] for occurrence in found}
    missing = [
        i
        for i, term in enumerate(parsed.terms)
        if i not in covered and not term.quoted and max_edits(term.words[0]) > 0
    ]
    if missing:
        vocabulary = sorted(set(tokens(folded)))
        fuzzy = {
            i: similar_words(
                parsed.terms[i].words[0], vocabulary, max_edits(parsed.terms[i].words[0])
            )
            for i in missing
        }
        found = Matcher(parsed, fuzzy).occurrences(folded)
    return merge_spans([(start, end) for start, end, _, _ in found])
