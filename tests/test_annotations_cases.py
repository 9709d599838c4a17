"""Random anchoring cases (edits, duplicates, deletions) shared by the tests and the benchmark."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from brief.core.annotations.anchoring import Anchor, anchor, selectors_for
from brief.core.annotations.model import TextPositionSelector, TextQuoteSelector

KINDS = ("outside", "inside", "duplicate", "deleted", "deleted-duplicate")
"""The kinds of change: edits outside the quote, edits inside it (under 10% of its length),
a copy of the quote elsewhere, the passage deleted, and a copy elsewhere with the passage
deleted."""

SHOULD_ATTACH = frozenset({"outside", "inside", "duplicate"})
"""The kinds where the passage is still there and the annotation must find it."""

DUPLICATE_MARGIN = 120
"""A copy of the quote is put at least this far from the passage, so that it does not take
the passage's own context (then it would be the passage, not a copy elsewhere)."""

_FUNCTION_WORDS = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
    "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
    "an", "they", "you", "were", "her", "she", "there", "would", "their", "we", "him", "been",
    "has", "when", "who", "will", "no", "more", "if", "out", "so", "said", "what", "up", "its",
    "about", "than", "into", "them", "can", "only", "other", "new", "some", "could",
]  # fmt: skip


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    """Pseudo-words from syllables, so texts repeat words like prose but not whole phrases."""
    syllables = [a + b for a in "bcdfghklmnprstvwz" for b in ("a", "e", "i", "o", "u", "ou", "ai")]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    return _FUNCTION_WORDS + sorted(words)


_VOCABULARY = _vocabulary(random.Random(20240501))
_CUMULATIVE = list(accumulate(1 / (rank + 1) for rank in range(len(_VOCABULARY))))
"""Cumulative Zipf-like word frequencies."""


def words(rng: random.Random, count: int) -> str:
    """`count` words joined by spaces, with the frequencies of prose."""
    return " ".join(rng.choices(_VOCABULARY, cum_weights=_CUMULATIVE, k=count))


def sentence(rng: random.Random) -> str:
    """A sentence of 5-25 words with a capital and a full stop."""
    text = words(rng, rng.randint(5, 25))
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def make_text(rng: random.Random, chars: int) -> str:
    """A cleaned body of about `chars` characters: paragraphs of sentences, blank lines between."""
    paragraphs: list[str] = []
    total = 0
    while total < chars:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(1, 6)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Case:
    """One annotation made on `old`, to re-attach to `new`."""

    kind: str
    """One of `KINDS`."""
    old: str
    """The text the annotation was made on."""
    new: str
    """The changed text."""
    quote: TextQuoteSelector
    """The stored quote selector."""
    position: TextPositionSelector
    """The stored position selector."""
    expected: tuple[int, int] | None
    """Where the passage is in `new`, or None when it was deleted."""


class _Tracked:
    """A text being edited, with the span of the quoted passage followed through the edits."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    def replace(self, a: int, b: int, insert: str) -> None:
        """Replace text[a:b] by `insert`, moving the passage's span along."""
        self.text = self.text[:a] + insert + self.text[b:]
        delta = len(insert) - (b - a)
        if b <= self.start:
            self.start += delta
            self.end += delta
        elif a >= self.end:
            pass
        else:  # inside: the span keeps its start and stretches or shrinks
            assert self.start <= a and b <= self.end
            self.end += delta

    def outside_position(
        self, rng: random.Random, length: int, margin: int = 0
    ) -> tuple[int, int] | None:
        """A random range of up to `length` characters entirely before or after the passage,
        at least `margin` characters away from it."""
        before = max(0, self.start - margin)
        after = max(0, len(self.text) - self.end - margin)
        if before + after == 0:
            return None
        if rng.random() * (before + after) < before:
            a = rng.randint(0, before)
            return a, min(before, a + length)
        a = rng.randint(len(self.text) - after, len(self.text))
        return a, min(len(self.text), a + length)


def _outside_edit(rng: random.Random, tracked: _Tracked) -> None:
    """One edit outside the passage: a typo, words, a sentence or a paragraph added or cut."""
    what = rng.choice(("typo", "typo", "words", "words", "sentence", "paragraph", "cut"))
    size = {"typo": rng.randint(1, 3), "words": rng.randint(1, 30), "cut": rng.randint(20, 300)}
    span = tracked.outside_position(rng, size.get(what, 0))
    if span is None:
        return
    a, b = span
    if what == "typo":
        tracked.replace(a, b, words(rng, 1)[: rng.randint(0, 3)])
    elif what == "words":
        tracked.replace(a, b if rng.random() < 0.5 else a, " " + words(rng, rng.randint(1, 6)))
    elif what == "sentence":
        tracked.replace(a, a, " " + sentence(rng) + " ")
    elif what == "paragraph":
        tracked.replace(a, a, "\n\n" + " ".join(sentence(rng) for _ in range(3)) + "\n\n")
    else:
        tracked.replace(a, b, "")


def _inside_edits(rng: random.Random, tracked: _Tracked) -> None:
    """Fewer than 10% of the passage's length in single-character edits inside it."""
    length = tracked.end - tracked.start
    budget = (length - 1) // 10  # strictly below 10%
    for _ in range(rng.randint(1, budget) if budget >= 1 else 0):
        at = rng.randint(tracked.start, tracked.end - 1)
        op = rng.choice(("sub", "ins", "del"))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz ")
        if op == "sub":
            tracked.replace(at, at + 1, letter)
        elif op == "ins":
            tracked.replace(at, at, letter)
        elif tracked.end - tracked.start > 1:
            tracked.replace(at, at + 1, "")


def _pick_quote(rng: random.Random, text: str) -> tuple[int, int]:
    """A quote of 2-50 words (at least 12 characters) starting and ending at word edges."""
    while True:
        starts = [i for i in (rng.randint(0, len(text) - 1) for _ in range(5)) if text[i] != " "]
        for start in starts:
            while start > 0 and text[start - 1] not in " \n":
                start -= 1
            end = start
            for _ in range(rng.choice((2, 3, 4, 6, 8, 12, 20, 35, 50))):
                space = text.find(" ", end + 1)
                if space < 0:
                    break
                end = space
            if end - start >= 12 and "\n\n" not in text[start:end]:
                return start, end


def make_case(rng: random.Random, kind: str, chars: int = 3000) -> Case:
    """A random case of a kind: a text, an annotation on it, and the text changed."""
    old = make_text(rng, chars)
    start, end = _pick_quote(rng, old)
    quote, position = selectors_for(old, start, end)
    tracked = _Tracked(old, start, end)
    if kind == "inside":
        _inside_edits(rng, tracked)
    if kind in ("duplicate", "deleted-duplicate"):
        span = tracked.outside_position(rng, 0, margin=DUPLICATE_MARGIN)
        assert span is not None
        at = span[0]
        tracked.replace(at, at, rng.choice((" ", "\n\n", " and ")) + quote.exact + " ")
    for _ in range(rng.randint(0 if kind != "outside" else 1, 4)):
        _outside_edit(rng, tracked)
    expected: tuple[int, int] | None = (tracked.start, tracked.end)
    if kind in ("deleted", "deleted-duplicate"):
        a = max(0, tracked.start - rng.randint(0, DUPLICATE_MARGIN // 2))
        b = min(len(tracked.text), tracked.end + rng.randint(0, DUPLICATE_MARGIN // 2))
        tracked.text = tracked.text[:a] + rng.choice(("", " ", "\n\n")) + tracked.text[b:]
        expected = None
    return Case(kind, old, tracked.text, quote, position, expected)


def is_right(case: Case, found: Anchor) -> bool:
    """True when the anchor covers the passage (at least 80% overlap both ways)."""
    if case.expected is None or found.start is None or found.end is None:
        return False
    a, b = case.expected
    common = min(b, found.end) - max(a, found.start)
    return common >= 0.8 * (b - a) and common >= 0.8 * (found.end - found.start)


def run_case(case: Case) -> Anchor:
    """Re-attach the case's annotation to its changed text."""
    return anchor(case.new, case.quote, case.position, len(case.old))


def outcome(case: Case, found: Anchor) -> str:
    """ "right", "wrong" (confident elsewhere), "unsure" (ambiguous) or "orphan"."""
    if found.confident:
        return "right" if is_right(case, found) else "wrong"
    return "unsure" if found.status == "ambiguous" else "orphan"


def tally(cases: Iterable[Case]) -> dict[str, Counter[str]]:
    """Outcomes by kind of case."""
    results: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    for case in cases:
        results[case.kind][outcome(case, run_case(case))] += 1
    return results


def cases(seed: int, per_kind: int, chars: int = 3000) -> list[Case]:
    """A deterministic set of cases: `per_kind` of every kind."""
    rng = random.Random(seed)
    return [make_case(rng, kind, chars) for _ in range(per_kind) for kind in KINDS]
