"""Search results: the Hit, its rank, and a passage's matches cut into what a hit shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz.distance import OSA

from brief.core.model import PubDate, Source, iso
from brief.core.search.matcher import Kind, Occurrence, Span

MAX_PASSAGE = 320
"""The longest passage a hit carries, in characters: longer blocks are cut around the match."""

_LEAD = 80
"""How much text before the first match a cut passage keeps."""


class Rank(IntEnum):
    """How well a passage matches, best last: results come best rank first, then newest."""

    PARTIAL = 0
    """Only some of the words are in this passage (the rest are elsewhere in the source)."""
    FUZZY = 1
    """Every word is in the passage, some only within a typing error."""
    ALL_WORDS = 2
    """Every word is in the passage, exactly or as the start of a longer word."""
    PHRASE = 3
    """The whole query is in the passage as an exact phrase (one exact word for one word)."""


@dataclass(slots=True)
class Hit:
    """One matching passage of one source, with what to show and where to scroll.

    Not frozen, though nothing changes a hit once built: a complete result list builds hits by
    the ten thousand, and a frozen dataclass's `__init__` (one `object.__setattr__` a field)
    takes several times as long as the rest of building one.
    """

    source_id: str
    """The source's id."""
    title: str
    """The source's title."""
    outlet: str | None
    """The source's outlet."""
    published: PubDate | None
    """The source's publication date."""
    field: str
    """Which text matched ("body", "title", "outlet", ...); offsets refer to that text."""
    block: int
    """The passage's index in its field (for the body, the index of the block)."""
    rank: Rank
    """How well the passage matches; results are ordered by rank, then newest first."""
    score: float
    """The rank plus a fraction in [0, 1) for closeness (exact words, fewer typos, coverage)."""
    passage: str
    """The passage text (cut to about `MAX_PASSAGE` characters around the match)."""
    passage_start: int
    """Offset of the passage's first character in the field text."""
    start: int
    """Offset in the field text (the cleaned body for "body") where the first match starts."""
    end: int
    """Offset in the field text where the first match ends."""
    spans: tuple[Span, ...]
    """Every match within `passage`, as offsets into `passage` (for highlighting)."""
    anchor: Span | None = None
    """For a passage about a place in the body (a note on a highlight): the highlighted range
    of the cleaned body, where opening the hit goes."""

    def to_dict(self) -> dict[str, object]:
        """The hit as plain JSON-ready data (`brief search --json` rows)."""
        return {
            "source_id": self.source_id,
            "title": self.title,
            "outlet": self.outlet,
            "published": iso(self.published),
            "field": self.field,
            "block": self.block,
            "rank": self.rank.name.lower(),
            "score": round(self.score, 4),
            "passage": self.passage,
            "passage_start": self.passage_start,
            "start": self.start,
            "end": self.end,
            "spans": [list(span) for span in self.spans],
            "anchor": None if self.anchor is None else list(self.anchor),
        }


def _window(text: str, lo: int, hi: int, first: int) -> tuple[int, int]:
    """A range of at most MAX_PASSAGE characters of text[lo:hi] around offset `first`."""
    if hi - lo <= MAX_PASSAGE:
        return lo, hi
    start = max(lo, first - _LEAD)
    if start > lo:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(hi, start + MAX_PASSAGE)
    if end < hi:
        space = text.rfind(" ", max(first, start), end)
        end = space if space > first else end
    return start, end


def closeness(words: Sequence[str], occurrences: Sequence[Occurrence], folded: str) -> float:
    """How close the passage's matches are to the typed words, from 0 to 1."""
    total = 0.0
    for start, end, term, kind in occurrences:
        if kind == Kind.EXACT:
            total += 1.0
        elif kind == Kind.PREFIX:
            total += 0.8
        else:
            total += 0.6 * OSA.normalized_similarity(words[term], folded[start:end])
    return total / len(occurrences) if occurrences else 0.0


def passage_hit(
    source: Source,
    field: str,
    passage: str,
    offset: int,
    block: int,
    first: Span,
    matched: list[Span],
    rank: Rank,
    closeness: float,
) -> Hit:
    """A hit for one passage of a field: its text cut around the first match, spans inside.

    `passage` is the field's text from `offset` to the end of the passage; `first` is the
    match to show (a phrase, else the first word), `matched` every match, sorted (offsets
    into `passage`).
    """
    size = len(passage)
    if size <= MAX_PASSAGE and len(matched) == 1:
        return Hit(
            source.id, source.title, source.outlet, source.published, field, block, rank,
            rank + min(closeness, 1.0) * 0.99, passage, offset, offset + first[0],
            offset + first[1], (matched[0],),
        )  # fmt: skip
    if size <= MAX_PASSAGE:
        cut_start, cut_end = 0, size
        shown = passage
    else:
        cut_start, cut_end = _window(passage, 0, size, first[0])
        shown = passage[cut_start:cut_end]
    spans: list[Span] = []
    last = -1
    for start, end in matched:
        if start <= last:
            if end > last:
                spans[-1] = (spans[-1][0], end)
                last = end
        else:
            spans.append((start, end))
            last = end
    if cut_start or cut_end < size:
        spans = [
            (max(start, cut_start) - cut_start, min(end, cut_end) - cut_start)
            for start, end in spans
            if start < cut_end and end > cut_start
        ]
    return Hit(
        source.id,
        source.title,
        source.outlet,
        source.published,
        field,
        block,
        rank,
        rank + min(closeness, 1.0) * 0.99,
        shown,
        offset + cut_start,
        offset + first[0],
        offset + first[1],
        tuple(spans),
    )
