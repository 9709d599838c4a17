"""Finding a query's terms in text: forgiving word matches, exact phrases, find-in-source."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import IntEnum

from rapidfuzz import process
from rapidfuzz.distance import OSA

from brief.core.search.normalize import WORD_CHAR, fold, is_spaced_word, tokens
from brief.core.search.query import Query, Term, parse_query

MIN_PREFIX = 3
"""A typed word of at least this many characters also matches longer words it starts."""

_WORD_CHAR = re.compile(WORD_CHAR)
_GAP = r"(?:[^\w\n]|_|\n(?!\n)){0,10}"
"""What may stand between the words of a phrase: punctuation and spaces, not a blank line."""

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
    """A regex for one word with its right boundary (the left one is checked after matching)."""
    if not is_spaced_word(word):
        return re.escape(word)
    suffix = f"{WORD_CHAR}*" if prefix else ""
    return f"{re.escape(word)}{suffix}(?!{WORD_CHAR})"


def _phrase(words: Sequence[str], open_end: bool = False) -> str:
    """A regex for words in order, only punctuation and spaces between them."""
    last = len(words) - 1
    return _GAP.join(_word(word, open_end and i == last) for i, word in enumerate(words))


def term_regex(term: Term, fuzzy: Sequence[str] = ()) -> re.Pattern[str]:
    """The regex finding a term in folded text, with extra whole-word `fuzzy` forms."""
    if term.quoted or len(term.words) > 1:
        return re.compile(_phrase(term.words, term.open_end and len(term.words[-1]) >= MIN_PREFIX))
    word = term.words[0]
    forms = [f"{re.escape(word)}{WORD_CHAR}*" if allows_prefix(term) else re.escape(word)]
    forms.extend(re.escape(form) for form in fuzzy)
    if not is_spaced_word(word):
        return re.compile("|".join(forms))
    return re.compile(f"(?:{'|'.join(forms)})(?!{WORD_CHAR})")


def find_all(pattern: re.Pattern[str], folded: str) -> list[Span]:
    """Non-overlapping matches of a pattern that start at a word boundary."""
    spans: list[Span] = []
    at = 0
    search = pattern.search
    word_char = _WORD_CHAR.match
    while True:
        found = search(folded, at)
        if found is None:
            return spans
        start, end = found.span()
        if start > 0 and word_char(folded, start - 1) and word_char(folded, start):
            at = start + 1
            continue
        spans.append((start, end))
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
            term_regex(term, self.fuzzy.get(i, ())) for i, term in enumerate(self.terms)
        ]
        words = query.words
        self._phrase = re.compile(_phrase(words)) if words else None

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
            for start, end in spans:
                matched = folded[start:end]
                kind = (
                    Kind.EXACT
                    if matched == word
                    else Kind.PREFIX
                    if matched.startswith(word)
                    else Kind.FUZZY
                )
                found.append((start, end, index, kind))
        found.sort()
        return found

    def phrases(self, folded: str) -> list[Span]:
        """Matches of the whole query as one exact phrase (all its words, in order)."""
        return [] if self._phrase is None else find_all(self._phrase, folded)


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
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
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
