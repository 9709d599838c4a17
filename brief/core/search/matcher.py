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

_GAP = r"(?:[^\w\n]|_|\n(?!\n)){1,10}"
"""What stands between the words of a phrase: punctuation and spaces, not a blank line."""
_NO_GAP = r"(?:[^\w\n]|_|\n(?!\n)){0,10}"
"""The same, where the words may also touch (next to a CJK character)."""
_WORD_RUN = f"{WORD_CHAR}*"
"""The rest of a word a typed prefix starts (as a word token runs: not into a CJK character)."""
_END = f"(?!{WORD_CHAR})"
"""A match of a spaced word ends at a word boundary."""

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


def _word(word: str, prefix: bool = False, first: bool = False) -> str:
    """A regex for one word; the `first` of a match must not follow a letter or digit.

    That boundary is checked after the word's first character (a look-behind at the very
    start would keep the regex engine from scanning quickly for the first character).
    """
    head = re.escape(word[0])
    if first and is_spaced_word(word):
        head += f"(?<!{WORD_CHAR}{head})"
    body = head + re.escape(word[1:])
    if prefix and is_spaced_word(word):
        return body + _WORD_RUN
    return body


def _phrase(words: Sequence[str], open_end: bool = False) -> str:
    """A regex for words in order, only punctuation and spaces between them."""
    parts = [_word(words[0], open_end and len(words) == 1, first=True)]
    for i in range(1, len(words)):
        spaced = is_spaced_word(words[i - 1]) and is_spaced_word(words[i])
        parts.append(_GAP if spaced else _NO_GAP)
        parts.append(_word(words[i], open_end and i == len(words) - 1))
    return "".join(parts)


class Pattern:
    """A compiled regex for a term or phrase, matching whole words only."""

    __slots__ = ("regex",)

    def __init__(self, regex: str, last: str) -> None:
        """Compile `regex`, whose matches end with word `last` (its first word checks its start)."""
        end = _END if is_spaced_word(last) else ""
        self.regex = re.compile(f"(?:{regex}){end}")
        """The compiled regex."""


def term_pattern(term: Term, fuzzy: Sequence[str] = ()) -> Pattern:
    """The pattern finding a term in folded text, with extra whole-word `fuzzy` forms."""
    first, last = term.words[0], term.words[-1]
    if term.quoted or len(term.words) > 1:
        open_end = term.open_end and len(last) >= MIN_PREFIX
        return Pattern(_phrase(term.words, open_end), last)
    forms = [_word(first, allows_prefix(term), first=True)]
    forms.extend(_word(form, first=True) for form in sorted(fuzzy, key=len, reverse=True))
    return Pattern("|".join(forms), last)


def find_all(pattern: Pattern, folded: str) -> list[Span]:
    """Non-overlapping matches of a pattern that start and end at word boundaries."""
    return [found.span() for found in pattern.regex.finditer(folded)]


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
        self.phrase_pattern = Pattern(_phrase(words), words[-1]) if words else None
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
            matches = pattern.regex.finditer(folded)
            if term.quoted or len(term.words) > 1:
                found.extend((*match.span(), index, Kind.EXACT) for match in matches)
                continue
            word = term.words[0]
            size = len(word)
            for match in matches:
                start, end = match.span()
                kind = (
                    (Kind.EXACT if end - start == size else Kind.PREFIX)
                    if folded.startswith(word, start)
                    else Kind.FUZZY
                )
                found.append((start, end, index, kind))
        if len(self.terms) > 1:
            found.sort()
        return found

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
