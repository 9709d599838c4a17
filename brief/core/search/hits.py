"""Search results: the Hit, its rank, and cutting a source's matches into ranked passages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz.distance import OSA

from brief.core.model import PubDate, Source, iso
from brief.core.search.matcher import Kind, Occurrence, Span, merge_spans
from brief.core.search.normalize import PASSAGE_BREAK

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


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching passage of one source, with what to show and where to scroll."""

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


def _closeness(words: Sequence[str], occurrences: Sequence[Occurrence], folded: str) -> float:
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


def _best_kinds(occurrences: Iterable[Occurrence]) -> dict[int, int]:
    """The best `Kind` of each term among occurrences."""
    best: dict[int, int] = {}
    for _, _, term, kind in occurrences:
        if kind > best.get(term, -1):
            best[term] = kind
    return best


def _make_hit(
    source: Source,
    field: str,
    text: str,
    passage: tuple[int, int, list[Occurrence], list[Span]],
    rank: Rank,
    closeness: float,
) -> Hit:
    """A hit for one passage of a field: its text cut around the first match, spans inside."""
    lo, hi, in_block, in_phrase = passage
    first = in_phrase[0] if in_phrase else (in_block[0][0], in_block[0][1])
    cut_start, cut_end = _window(text, lo, hi, first[0])
    spans = tuple(
        (max(start, cut_start) - cut_start, min(end, cut_end) - cut_start)
        for start, end in merge_spans([*in_phrase, *((s, e) for s, e, _, _ in in_block)])
        if start < cut_end and end > cut_start
    )
    return Hit(
        source_id=source.id,
        title=source.title,
        outlet=source.outlet,
        published=source.published,
        field=field,
        block=text.count(PASSAGE_BREAK, 0, lo),
        rank=rank,
        score=rank + min(closeness, 1.0) * 0.99,
        passage=text[cut_start:cut_end],
        passage_start=cut_start,
        start=first[0],
        end=first[1],
        spans=spans,
    )


def _passages(
    text: str, occurrences: list[Occurrence], phrases: list[Span]
) -> list[tuple[int, int, list[Occurrence], list[Span]]]:
    """The passages of a field holding matches: start, end, their occurrences and phrases."""
    found: list[tuple[int, int, list[Occurrence], list[Span]]] = []
    hi = -1
    for occurrence in occurrences:
        if occurrence[0] >= hi:
            before = text.rfind(PASSAGE_BREAK, 0, occurrence[0])
            lo = 0 if before < 0 else before + len(PASSAGE_BREAK)
            hi = text.find(PASSAGE_BREAK, occurrence[0])
            hi = len(text) if hi < 0 else hi
            found.append((lo, hi, [], []))
        found[-1][2].append(occurrence)
    for span in phrases:
        for lo, hi, _, in_phrase in found:
            if lo <= span[0] < hi:
                in_phrase.append(span)
                break
    return found


def source_hits(
    source: Source,
    fields: Sequence[tuple[str, bool]],
    texts: Sequence[str],
    found: Sequence[tuple[str, list[Occurrence], list[Span]]],
    term_words: Sequence[str],
) -> list[Hit]:
    """The ranked passage hits of one source, in field and passage order.

    `fields` gives each field's name and whether it is metadata (its words count towards
    every passage); `found` holds, for each field text: its folded text, the term occurrences
    and the whole-phrase spans. Passages holding every term are hits; so are passages holding
    the rest of the terms when the metadata holds some (ranked PARTIAL); when there are no such
    passages, the source's one best partial passage is the hit.
    """
    terms = len(term_words)
    context = _best_kinds(
        occurrence
        for (_, metadata), (_, occurrences, _) in zip(fields, found, strict=True)
        if metadata
        for occurrence in occurrences
    )
    hits: list[Hit] = []
    best_partial: tuple[int, str, str, tuple[int, int, list[Occurrence], list[Span]]] | None = None
    for (field, _), text, (folded, occurrences, phrases) in zip(fields, texts, found, strict=True):
        for passage in _passages(text, occurrences, phrases):
            in_block, in_phrase = passage[2], passage[3]
            own = _best_kinds(in_block)
            if in_phrase:
                hits.append(_make_hit(source, field, text, passage, Rank.PHRASE, 1.0))
            elif len(own) == terms:
                rank = Rank.ALL_WORDS if min(own.values()) >= Kind.PREFIX else Rank.FUZZY
                closeness = _closeness(term_words, in_block, folded)
                hits.append(_make_hit(source, field, text, passage, rank, closeness))
            elif len(own.keys() | context.keys()) == terms:
                closeness = len(own) / terms
                hits.append(_make_hit(source, field, text, passage, Rank.PARTIAL, closeness))
            elif best_partial is None or len(own) > best_partial[0]:
                best_partial = (len(own), field, text, passage)
    if not hits and best_partial is not None:
        covered, field, text, passage = best_partial
        hits.append(_make_hit(source, field, text, passage, Rank.PARTIAL, covered / terms))
    return hits
