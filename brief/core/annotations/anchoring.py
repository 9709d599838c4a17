"""Re-attaching a quote to a changed text: by offsets, by exact quote in context, approximately."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from brief.core.annotations.model import (
    CONTEXT_CHARS,
    AnchorStatus,
    TextPositionSelector,
    TextQuoteSelector,
)

MIN_FUZZY_LENGTH = 12
"""Quotes shorter than this are only matched exactly: a few letters match too much by chance."""

CONTEXT_MIN = 0.6
"""Least context similarity (0-1, prefix and suffix averaged) that confirms a place.

Unrelated text scores about 0.35-0.55 against a stored context; a context touched by an edit
keeps most of its characters and scores well above. A place the context does not confirm is
never taken confidently: an exact quote there is "ambiguous", an approximate one is rejected.
"""

SIDE_MIN = 0.85
"""A place is also confirmed when one side of its context alone is at least this similar
(the other side was rewritten); unrelated text stays below about 0.72 on either side."""

TIE_MARGIN = 0.02
"""Two places whose scores differ by less than this are equally good: ambiguous."""

PIECE_LIMIT = 40
"""A piece of the quote found more often than this says nothing about where the quote is."""

MAX_PIECES = 16
"""At most this many pieces of a quote are looked up to find approximate places."""


def max_edits(length: int) -> int:
    """The most edits (Levenshtein) an approximate match of a quote this long may have.

    Nothing below `MIN_FUZZY_LENGTH`; then a share of the length growing from 10% (12
    characters: 1 edit) to 25% (100 characters and more: a long quote is specific enough
    to be recognised through heavier changes). A match is accepted only when its distance
    is at most this, i.e. its similarity ``1 - distance / length`` is above the threshold.
    """
    if length < MIN_FUZZY_LENGTH:
        return 0
    share = min(0.25, 0.1 + 0.15 * (length - MIN_FUZZY_LENGTH) / 88)
    return max(1, int(length * share))


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation attaches in a text, and how sure that is."""

    status: AnchorStatus
    """anchored, moved, ambiguous or orphan."""
    start: int | None
    """Start offset of the place (for ambiguous: the best candidate); None for an orphan."""
    end: int | None
    """End offset of the place; None for an orphan."""
    score: float = 0.0
    """How well the place fits, 0-1 (quote, context and position together)."""
    method: str = ""
    """How it was found: "position", "quote", "fuzzy" or "" for an orphan."""
    candidates: tuple[tuple[int, int], ...] = ()
    """For an ambiguous annotation, the equally good places, best first."""

    @property
    def confident(self) -> bool:
        """True when the place can be shown as the annotation's without asking."""
        return self.status in (AnchorStatus.ANCHORED, AnchorStatus.MOVED)


ORPHAN = Anchor(AnchorStatus.ORPHAN, None, None)
"""The result for a quote that cannot be placed."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One possible place of a quote, scored."""

    start: int
    end: int
    distance: int
    context: float
    score: float


def selectors_for(
    text: str, start: int, end: int
) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """The quote and position selectors of `text[start:end]`, context included."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"selection {start}-{end} is not inside the text (length {len(text)})")
    quote = TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )
    return quote, TextPositionSelector(start, end)


def find_all(text: str, needle: str, limit: int) -> list[int] | None:
    """Offsets of every occurrence of `needle` (overlapping ones too); None past `limit`."""
    found: list[int] = []
    at = text.find(needle)
    while at >= 0:
        if len(found) >= limit:
            return None
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _side_similarity(stored: str, actual: str) -> float:
    """Similarity of two contexts read outwards from the quote, the nearest characters
    weighing most (the nearest 8, 16 and all 32 are compared and averaged)."""
    from rapidfuzz.distance import Indel  # imported here: slow to import, seldom needed

    total = 0.0
    for size in (8, 16, CONTEXT_CHARS):
        total += Indel.normalized_similarity(stored[:size], actual[:size])
    return total / 3


def context_similarity(text: str, quote: TextQuoteSelector, start: int, end: int) -> float:
    """How well the text around `start:end` matches the stored prefix and suffix (0-1):
    their average, or 1 when one side alone is similar enough to confirm the place."""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    prefix = _side_similarity(quote.prefix[::-1], before[::-1])
    suffix = _side_similarity(quote.suffix, after)
    mean = (prefix + suffix) / 2
    return max(mean, CONTEXT_MIN) if max(prefix, suffix) >= SIDE_MIN else mean


def _closeness(start: int, expected: list[int], scale: int) -> float:
    """1 at an expected offset, falling towards 0 with the distance from the nearest."""
    distance = min(abs(start - guess) for guess in expected)
    return 1 / (1 + distance / scale)


def _myers(pattern: str, text: str) -> list[int]:
    """For every end offset in `text`, the least edit distance of `pattern` to a substring
    ending there (Myers' bit-parallel approximate matching; the start is free)."""
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = full, 0, m
    scores: list[int] = []
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & full
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
        scores.append(score)
    return scores


def _best_in_window(
    pattern: str, text: str, lo: int, hi: int, k: int
) -> tuple[int, int, int] | None:
    """The best approximate place (start, end, distance <= k) of `pattern` in text[lo:hi]."""
    lo, hi = max(0, lo), min(len(text), hi)
    if hi - lo <= 0:
        return None
    scores = _myers(pattern, text[lo:hi])
    best = min(scores)
    if best > k:
        return None
    end = lo + scores.index(best) + 1
    m = len(pattern)
    back_lo = max(lo, end - m - k)
    rev_scores = _myers(pattern[::-1], text[back_lo:end][::-1])
    # never empty: the forward match starts within this span, at most m + k before `end`
    ties = [i for i, s in enumerate(rev_scores) if s == best]
    length = min((i + 1 for i in ties), key=lambda n: (abs(n - m), n))
    return end - length, end, best


def _fuzzy_places(text: str, exact: str, k: int, expected: list[int]) -> set[tuple[int, int, int]]:
    """Approximate places of `exact` with at most `k` edits: pieces of the quote vote for
    where it starts; the best-voted regions and the expected offsets are checked exactly."""
    m = len(exact)
    pieces = min(MAX_PIECES, k + 1, max(1, m // 4))
    size = m // pieces
    bucket = max(8, k)
    votes: Counter[int] = Counter()
    for index in range(pieces):
        offset = index * size
        piece = exact[offset : offset + size]
        found = find_all(text, piece, PIECE_LIMIT)
        for at in found or ():
            votes[(at - offset) // bucket] += 1
    starts = [b * bucket for b, _ in votes.most_common(12)]
    starts += [guess for guess in expected if 0 <= guess <= len(text)]
    places: set[tuple[int, int, int]] = set()
    for start in dict.fromkeys(starts):  # each window once (an expected offset may repeat)
        place = _best_in_window(exact, text, start - k - bucket, start + m + k + 2 * bucket, k)
        if place is not None:
            places.add(place)
    return places


def _score(
    text: str, quote: TextQuoteSelector, place: tuple[int, int, int], expected: list[int]
) -> _Candidate:
    """A place scored: half the quote's similarity, 0.4 context, 0.1 closeness to the old place."""
    start, end, distance = place
    m = len(quote.exact)
    context = context_similarity(text, quote, start, end)
    closeness = _closeness(start, expected, 4 * m + 200)
    score = 0.5 * (1 - distance / m) + 0.4 * context + 0.1 * closeness
    return _Candidate(start, end, distance, context, score)


def _overlap(a: _Candidate, b: _Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _decide(
    candidates: list[_Candidate], method: str, old: TextPositionSelector | None
) -> Anchor | None:
    """A confident or ambiguous anchor from confirmed candidates, or None when none is confirmed."""
    confirmed = sorted((c for c in candidates if c.context >= CONTEXT_MIN), key=lambda c: -c.score)
    if not confirmed:
        return None
    best = confirmed[0]
    rivals: list[_Candidate] = []
    for other in confirmed[1:]:
        if other.score < best.score - TIE_MARGIN:
            break
        if not _overlap(best, other) and not any(_overlap(other, r) for r in rivals):
            rivals.append(other)
    if rivals:
        places = tuple((c.start, c.end) for c in [best, *rivals])
        return Anchor(AnchorStatus.AMBIGUOUS, best.start, best.end, best.score, method, places)
    same = old is not None and (best.start, best.end) == (old.start, old.end)
    status = AnchorStatus.ANCHORED if same else AnchorStatus.MOVED
    return Anchor(status, best.start, best.end, best.score, method)


def anchor(
    text: str,
    quote: TextQuoteSelector,
    position: TextPositionSelector | None = None,
    old_length: int = 0,
) -> Anchor:
    """Attach a quote to `text`: by offsets, by exact quote in context, then approximately.

    `old_length` (the length of the text the position refers to) helps guess where a passage
    moved when text was added or cut before it.
    """
    exact = quote.exact
    if not exact:
        return ORPHAN
    if position is not None and text[position.start : position.end] == exact:
        context = context_similarity(text, quote, position.start, position.end)
        if context >= CONTEXT_MIN:
            return Anchor(AnchorStatus.ANCHORED, position.start, position.end, 1.0, "position")
    expected = [0]
    if position is not None:
        expected = [position.start]
        if old_length > 0:
            expected.append(round(position.start * len(text) / old_length))
    m = len(exact)
    occurrences = find_all(text, exact, 10_000) or []
    exact_places = [(at, at + m, 0) for at in occurrences]
    exact_candidates = [_score(text, quote, place, expected) for place in exact_places]
    found = _decide(exact_candidates, "quote", position)
    if found is not None:
        return found
    k = max_edits(m)
    if k > 0:
        scored = dict(zip(exact_places, exact_candidates, strict=True))
        places = _fuzzy_places(text, exact, k, expected) | set(exact_places)
        fuzzy = [scored.get(place) or _score(text, quote, place, expected) for place in places]
        found = _decide(fuzzy, "fuzzy", position)
        if found is not None:
            return found
    if exact_candidates:
        ranked = sorted(exact_candidates, key=lambda c: -c.score)
        places_list = tuple((c.start, c.end) for c in ranked[:10])
        best = ranked[0]
        return Anchor(
            AnchorStatus.AMBIGUOUS, best.start, best.end, best.score, "quote", places_list
        )
    return ORPHAN
