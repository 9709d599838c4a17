"""Timeline events: every dated phrase of a body, resolved, with the sentence it came from."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import Protocol

from brief.core.model import PubDate, Source, as_date
from brief.core.timeline.context import (
    Tense,
    block_finder,
    is_chrome,
    sentences,
    tense,
)
from brief.core.timeline.lexicon import AHEAD_PREPOSITIONS, DEADLINE_PREPOSITIONS
from brief.core.timeline.nearby import Span, word_before
from brief.core.timeline.resolve import Direction, resolve
from brief.core.timeline.spans import find_spans
from brief.core.timeline.values import Precision, Value


class Kind(StrEnum):
    """What a timeline row is."""

    PUBLISHED = "published"
    """The publication date of a source."""
    EVENT = "event"
    """Something that happened (or is happening) at the date."""
    PLAN = "plan"
    """A plan, forecast or deadline: something ahead of its writer."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A date phrase in a body with its sentence and the tense around it (no publication date)."""

    span: Span
    """The phrase and what it says."""
    sentence_start: int
    """Offset of the first character of the sentence holding the phrase."""
    sentence_end: int
    """Offset just past the sentence."""
    tense: Tense | None
    """Which way the phrase's clause looks, or None when it has no tense marker."""
    preposition: str
    """The word right before the phrase, lower case ("by", "in", ""), for deadlines."""


@dataclass(frozen=True, slots=True)
class Event:
    """One row of a timeline: a dated phrase of a source, or the source's publication date."""

    source: str
    """The id of the source."""
    kind: Kind
    """Published, event or plan."""
    value: str | None
    """The date in TIMEX3 notation ("2042", "2023-12", "2021-W07", "2021-H2"); None unresolved."""
    first: date | None
    """The first day the date covers; None when unresolved."""
    last: date | None
    """The last day the date covers; None when unresolved."""
    precision: Precision
    """The unit of the date (year, month, day, ...), known even when unresolved."""
    phrase: str = ""
    """The date phrase as written ("" for a publication date)."""
    start: int | None = None
    """Offset of the phrase in the source's cleaned body (None for a publication date)."""
    end: int | None = None
    """Offset just past the phrase (None for a publication date)."""
    sentence: str = ""
    """The sentence holding the phrase ("" for a publication date)."""
    sentence_start: int | None = None
    """Offset of the sentence in the body, for jumping to it (None for a publication date)."""
    sentence_end: int | None = None
    """Offset just past the sentence (None for a publication date)."""

    @property
    def resolved(self) -> bool:
        """False for a relative phrase in an undated source ("last month"): shown, never guessed."""
        return self.value is not None

    def to_json(self) -> dict[str, object]:
        """The event as a JSON-ready dict (dates as ISO text)."""
        return {
            "source": self.source,
            "kind": str(self.kind),
            "value": self.value,
            "first": None if self.first is None else self.first.isoformat(),
            "last": None if self.last is None else self.last.isoformat(),
            "precision": str(self.precision),
            "resolved": self.resolved,
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }

    @property
    def sort_key(self) -> tuple[int, date, date, str, int]:
        """Order for a timeline: resolved rows by date, unresolved ones after them."""
        if self.first is None or self.last is None:
            return (1, date.max, date.max, self.source, self.start or 0)
        offset = -1 if self.kind is Kind.PUBLISHED else self.start or 0
        return (0, self.first, self.last, self.source, offset)


def _sentence_of(
    parts: list[tuple[int, int]], starts: list[int], at: int
) -> tuple[int, int] | None:
    """The sentence of `parts` (in order, with their `starts`) holding offset `at`, if any."""
    index = bisect.bisect_right(starts, at) - 1
    if index >= 0 and at < parts[index][1]:
        return parts[index]
    return None


@lru_cache(maxsize=128)
def find_mentions(text: str) -> tuple[Mention, ...]:
    """Every date phrase of a body with its sentence and tense; page clocks and stamps left out.

    Depends on the text only, so it is computed once and reused when the date changes.
    """
    block_of = block_finder(text)
    blocks: dict[tuple[int, int], list[Span]] = {}
    for span in find_spans(text):
        blocks.setdefault(block_of(span.start, span.end), []).append(span)
    mentions: list[Mention] = []
    for (low, high), inside in blocks.items():
        if is_chrome(text[low:high], [(s.start - low, s.end - low) for s in inside]):
            continue
        parts = sentences(text, low, high)
        starts = [part[0] for part in parts]
        for span in inside:
            first, last = _sentence_of(parts, starts, span.start) or (low, high)
            sentence = (first, max(last, span.end))
            mentions.append(
                Mention(
                    span,
                    sentence[0],
                    sentence[1],
                    tense(text, span.start, span.end, sentence),
                    word_before(text, span.start),
                )
            )
    mentions.sort(key=lambda mention: mention.span.start)
    return tuple(mentions)


def direction(mention: Mention) -> Direction:
    """Where a name without a year lies from the publication date, by the words around it."""
    if mention.preposition in AHEAD_PREPOSITIONS or mention.tense is Tense.FUTURE:
        return Direction.FORWARD
    if mention.tense is Tense.PRESENT:
        return Direction.NEAREST
    return Direction.BACK


def kind(mention: Mention, value: Value | None, published: date | None) -> Kind:
    """Plan when the date lies ahead of its writer or the clause looks ahead; else event."""
    if value is not None and published is not None:
        if value.first > published:
            return Kind.PLAN
        if value.last < published:
            return Kind.EVENT
    if mention.tense is Tense.FUTURE:
        return Kind.PLAN
    if mention.preposition in DEADLINE_PREPOSITIONS and mention.tense is not Tense.PAST:
        return Kind.PLAN
    return Kind.EVENT


def extract(text: str, published: PubDate | None, source: str = "") -> list[Event]:
    """The dated events of a body, resolved against its publication date (None: undated).

    Relative phrases of an undated body come back unresolved; absolute ones always count.
    """
    anchor = None if published is None else as_date(published)
    events: list[Event] = []
    for mention in find_mentions(text):
        span = mention.span
        value = resolve(span.expr, anchor, direction(mention))
        if value is None and not (anchor is None and span.expr.relative):
            continue
        events.append(
            Event(
                source=source,
                kind=kind(mention, value, anchor),
                value=None if value is None else value.timex,
                first=None if value is None else value.first,
                last=None if value is None else value.last,
                precision=span.expr.precision if value is None else value.precision,
                phrase=text[span.start : span.end],
                start=span.start,
                end=span.end,
                sentence=text[mention.sentence_start : mention.sentence_end],
                sentence_start=mention.sentence_start,
                sentence_end=mention.sentence_end,
            )
        )
    return events


def published_event(source: str, published: PubDate) -> Event:
    """The row of a source's publication date."""
    day = as_date(published)
    is_time = isinstance(published, datetime)
    value = published.strftime("%Y-%m-%dT%H:%M") if is_time else day.isoformat()
    precision = Precision.TIME if is_time else Precision.DAY
    return Event(source, Kind.PUBLISHED, value, day, day, precision)


def source_events(source: Source, published: PubDate | None = None) -> list[Event]:
    """A source's timeline rows: its publication date, then its events.

    `published` overrides the source's own date (a date the user set for an undated source).
    """
    when = published if published is not None else source.published
    rows = [published_event(source.id, when)] if when is not None else []
    return rows + extract(source.body, when, source.id)


class EventStore(Protocol):
    """Where sources' own timeline rows are kept between runs (the library cache)."""

    def get_events(self, sources: Sequence[Source]) -> dict[str, list[Event]]:
        """The kept rows of those of `sources` that have them, by source id."""
        ...

    def put_events(self, rows: Sequence[tuple[Source, list[Event]]]) -> None:
        """Keep the rows of these sources (made with each source's own date)."""
        ...


def timeline(
    sources: Iterable[Source],
    dates: Mapping[str, PubDate] | None = None,
    store: EventStore | None = None,
) -> list[Event]:
    """The events of many sources in date order (unresolved ones last).

    `dates` maps source ids to dates set by the user for sources without one. With a
    `store`, the rows of sources read with their own date come from it when kept there,
    and are kept there when made.
    """
    dates = dates or {}
    sources = list(sources)
    kept = store.get_events([s for s in sources if s.id not in dates]) if store else {}
    made: list[tuple[Source, list[Event]]] = []
    rows: list[Event] = []
    for source in sources:
        user_date = dates.get(source.id)
        found = kept.get(source.id) if user_date is None else None
        if found is None:
            found = source_events(source, user_date)
            if user_date is None:
                made.append((source, found))
        rows.extend(found)
    if store is not None and made:
        store.put_events(made)
    return sort_events(rows)


SORT_CHUNK = 20_000
"""Events sorted at a time; the sorted runs are then merged."""


def sort_events(events: list[Event]) -> list[Event]:
    """Events in timeline order. Sorted in runs, then merged, so that a worker thread sorting
    half a million rows never holds the interpreter for long (the UI stays responsive)."""
    key = attrgetter("sort_key")
    if len(events) <= SORT_CHUNK:
        return sorted(events, key=key)
    runs = [
        sorted(events[at : at + SORT_CHUNK], key=key) for at in range(0, len(events), SORT_CHUNK)
    ]
    return list(heapq.merge(*runs, key=key))
