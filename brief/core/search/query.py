"""Parsing what the user typed: words, "quoted phrases", and outlet/author/after/before filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from brief.core.dates import date_parts, date_period
from brief.core.search.normalize import query_tokens

FILTER_KEYS = ("outlet", "author", "after", "before")
"""The filter keys understood inside a query, written `key:value` or `key:"several words"`."""

_PIECE = re.compile(
    r"(?P<key>[A-Za-z]+):(?:\"(?P<quoted>[^\"]*)\"?|(?P<bare>[^\s\"]*))"
    r"|\"(?P<phrase>[^\"]*)(?P<close>\"?)"
    r"|(?P<word>[^\s\"]+)"
)
_DATE_WORD = re.compile(r"^(?:\d{1,4}(?:st|nd|rd|th)?|[A-Za-z]{3,9}\.?),?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Term:
    """One thing every result must contain: a typed word, or a quoted phrase."""

    words: tuple[str, ...]
    """The folded word tokens: one for a typed word, several for a phrase."""
    quoted: bool = False
    """True for a "quoted phrase": its words must match exactly and in order."""
    open_end: bool = False
    """True when the phrase's closing quote is not typed yet: its last word may be unfinished."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the terms to find and the filters the sources must pass."""

    text: str
    """What the user typed."""
    terms: tuple[Term, ...] = ()
    """The words and phrases, in the order typed."""
    outlets: tuple[str, ...] = ()
    """Normalised `outlet:` values; a source passes if its outlet contains any of them."""
    authors: tuple[str, ...] = ()
    """Normalised `author:` values; a source passes if its author contains any of them."""
    after: datetime | None = None
    """Sources must be published at or after this (naive) instant: the end of the period named."""
    before: datetime | None = None
    """Sources must be published before this (naive) instant: the start of the period named."""
    problems: tuple[str, ...] = field(default=(), compare=False)
    """Filters that could not be understood (they are ignored), one line each."""

    @property
    def words(self) -> tuple[str, ...]:
        """Every word of the query in order, phrases included (the whole-query phrase)."""
        return tuple(word for term in self.terms for word in term.words)

    @property
    def has_filters(self) -> bool:
        """True when the query restricts sources by outlet, author or date."""
        return bool(self.outlets or self.authors or self.after or self.before)

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to look for and nothing to filter by."""
        return not self.terms and not self.has_filters


def normalize_value(text: str) -> str:
    """A filter value or metadata field reduced to its folded words joined by single spaces."""
    return " ".join(query_tokens(text))


def value_matches(value: str, normalized_field: str) -> bool:
    """True when a normalised filter value occurs in a normalised field, spaces optional.

    "koreatimes" and "korea times" both match "the korea times".
    """
    if value in normalized_field:
        return True
    return value.replace(" ", "") in normalized_field.replace(" ", "")


def _refines(longer: str, shorter: str) -> bool:
    """True when `longer` reads as the same date as `shorter`, with more parts given."""
    short, long_ = date_parts(shorter), date_parts(longer)
    if short is None or long_ is None or not long_[1] > short[1]:
        return False
    return all(getattr(short[0], part) == getattr(long_[0], part) for part in short[1])


def parse_query(text: str, *, filters: bool = True, today: date | None = None) -> Query:
    """Parse a query as typed. Never raises; filters it cannot read are listed in `problems`.

    Words match forgivingly (case, accents, punctuation, prefixes, typos); a "quoted phrase"
    matches exactly, in order. With `filters`, `outlet:`, `author:`, `after:` and `before:`
    restrict the sources (a value of several words is quoted, except dates, which run on while
    the next words still make the date more precise: `before:March 2024 chips`). Without
    `filters` (find in one source), `key:value` is plain text.
    """
    pieces = list(_PIECE.finditer(text))
    terms: list[Term] = []
    outlets: list[str] = []
    authors: list[str] = []
    afters: list[datetime] = []
    befores: list[datetime] = []
    problems: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        key = (piece["key"] or "").lower()
        if piece["key"] is not None and filters and key in FILTER_KEYS:
            value = piece["quoted"] if piece["quoted"] is not None else piece["bare"]
            if key in ("after", "before") and piece["quoted"] is None and value:
                while index < len(pieces) and pieces[index]["word"] is not None:
                    longer = f"{value} {pieces[index]['word']}"
                    if not _DATE_WORD.match(pieces[index]["word"]) or not _refines(longer, value):
                        break
                    value = longer
                    index += 1
            value = value.strip()
            if not value:
                continue
            if key == "outlet":
                outlets.append(normalize_value(value))
            elif key == "author":
                authors.append(normalize_value(value))
            else:
                period = date_period(value, today)
                if period is None:
                    problems.append(f"{key}:{value} is not a date brief can read")
                elif key == "after":
                    afters.append(period[1])
                else:
                    befores.append(period[0])
            continue
        if piece["phrase"] is not None:
            words = tuple(query_tokens(piece["phrase"]))
            if words:
                terms.append(Term(words, quoted=True, open_end=not piece["close"]))
            continue
        raw = piece[0]
        terms.extend(Term((word,)) for word in query_tokens(raw))
    return Query(
        text=text,
        terms=tuple(terms),
        outlets=tuple(value for value in outlets if value),
        authors=tuple(value for value in authors if value),
        after=max(afters) if afters else None,
        before=min(befores) if befores else None,
        problems=tuple(problems),
    )
