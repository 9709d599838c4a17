"""The search index: searchable fields per source, word postings, and vocabulary look-ups."""

from __future__ import annotations

import bisect
import copy
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from brief.core.model import Source
from brief.core.search.normalize import fold, tokens
from brief.core.search.query import normalize_value

Slot = int
"""A source's position in the index (stable until the index is compacted)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A searchable text of a source: a name for results, and how to get the text.

    Passages of a field are separated by blank lines (as the body's blocks are); offsets in
    hits refer to the text this returns.
    """

    name: str
    """The name hits carry in `Hit.field` ("body", "title", "notes", ...)."""
    text: Callable[[Source], str]
    """The field's text for a source ("" when it has none)."""
    metadata: bool = False
    """True for a short field describing the whole source (title, outlet, author): its words
    count towards every passage, so "korea times yongin" finds the Yongin passages of the
    Korea Times' articles."""


DEFAULT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", lambda source: source.title, metadata=True),
    FieldSpec("outlet", lambda source: source.outlet or "", metadata=True),
    FieldSpec("author", lambda source: source.author or "", metadata=True),
    FieldSpec("body", lambda source: source.body),
)
"""What is searched. Adding a field is one line, e.g. the user's notes from the annotation store:
`FieldSpec("notes", lambda source: "\\n\\n".join(store.notes(source.id)))`."""

_ID_BYTES = array("I").itemsize
_UNDATED = 1 << 62
_DATE_BITS = 32


def _date_key(source: Source, slot: Slot) -> int:
    """An integer that orders slots newest first, undated last, then by slot."""
    when = source.sort_date
    if when is None:
        return (_UNDATED << _DATE_BITS) | slot
    seconds = when.toordinal() * 86400 + when.hour * 3600 + when.minute * 60 + when.second
    return ((_UNDATED - 1 - seconds) << _DATE_BITS) | slot


def slot_of_key(key: int) -> Slot:
    """The slot encoded in an ordering key."""
    return key & ((1 << _DATE_BITS) - 1)


class SearchIndex:
    """An incremental index of sources: add them as they load, search at any time.

    Holds each source's field texts by reference (no copies); per word token, the slots of
    the sources containing it (an `array` of 4-byte ints); and per source, its word tokens in
    order as 4-byte word ids (to test phrases without reading the text). `add`, `remove` and
    `update` may run on another thread than searches: a lock guards the shared structures.
    """

    def __init__(self, sources: Iterable[Source] = (), fields: Iterable[FieldSpec] = ()) -> None:
        """An index of `fields` (DEFAULT_FIELDS when none are given), holding `sources`."""
        self.fields: tuple[FieldSpec, ...] = tuple(fields) or DEFAULT_FIELDS
        """The fields searched, in the order hits of one source are listed."""
        self.lock = threading.RLock()
        """Held while the index changes; searches hold it while reading postings."""
        self.version = 0
        """Bumped whenever the vocabulary or the set of sources changes (for caches)."""
        self._reset()
        self.add_many(sources)

    def _reset(self) -> None:
        """Empty every structure (the lock and fields stay)."""
        self._sources: list[Source | None] = []
        self._texts: list[tuple[str, ...]] = []
        self._keys: list[int] = []
        self._outlets: list[str] = []
        self._authors: list[str] = []
        self._slots: dict[str, Slot] = {}
        self._ids: dict[str, int] = {}
        self._postings: list[array[int]] = [array("I")]
        self._sequences: list[bytes] = []
        self._sorted_vocab: list[str] = []
        self._new_vocab: list[str] = []
        self._by_length: dict[int, list[str]] = {}
        self._dead = 0

    def __len__(self) -> int:
        """How many sources the index holds."""
        return len(self._slots)

    @property
    def vocabulary_size(self) -> int:
        """How many distinct word tokens the index holds."""
        return len(self._ids)

    def __contains__(self, source_id: object) -> bool:
        """True when a source with this id is indexed."""
        return source_id in self._slots

    def add(self, source: Source) -> None:
        """Index a source (replacing the one with the same id, if any)."""
        with self.lock:
            if source.id in self._slots:
                self._remove(source.id)
            slot = len(self._sources)
            texts = tuple(spec.text(source) for spec in self.fields)
            self._sources.append(source)
            self._texts.append(texts)
            self._keys.append(_date_key(source, slot))
            self._outlets.append(normalize_value(source.outlet or ""))
            self._authors.append(normalize_value(source.author or ""))
            self._slots[source.id] = slot
            ids = self._ids
            postings = self._postings
            found = [tokens(fold(text)) if text else [] for text in texts]
            for word in {word for words in found for word in words}:
                known = ids.get(word)
                if known is None:
                    ids[word] = len(postings)
                    postings.append(array("I", (slot,)))
                    self._new_vocab.append(word)
                    self._by_length.setdefault(len(word), []).append(word)
                else:
                    postings[known].append(slot)
            sequence = array("I")
            for words in found:
                sequence.extend(map(ids.__getitem__, words))
                sequence.append(0)
            self._sequences.append(sequence.tobytes())
            self.version += 1

    def add_many(self, sources: Iterable[Source]) -> None:
        """Index several sources (each as `add`), then sort the new vocabulary."""
        for source in sources:
            self.add(source)
        with self.lock:
            self._sort_vocabulary()

    def _sort_vocabulary(self) -> None:
        """Merge the words added since the last look-up into the sorted vocabulary."""
        if self._new_vocab:
            self._sorted_vocab.extend(sorted(self._new_vocab))
            self._sorted_vocab.sort()
            self._new_vocab.clear()

    def update(self, source: Source) -> None:
        """Re-index a source whose fields changed (e.g. new notes)."""
        self.add(source)

    def remove(self, source_id: str) -> None:
        """Forget a source; unknown ids are ignored."""
        with self.lock:
            if source_id in self._slots:
                self._remove(source_id)
                if self._dead > 1000 and self._dead > len(self._slots):
                    self._compact()

    def _remove(self, source_id: str) -> None:
        slot = self._slots.pop(source_id)
        self._sources[slot] = None
        self._texts[slot] = ()
        self._sequences[slot] = b""
        self._dead += 1
        self.version += 1

    def _compact(self) -> None:
        """Rebuild without the removed sources' slots."""
        alive = [source for source in self._sources if source is not None]
        self._reset()
        self.add_many(alive)

    # Reading (callers hold `lock` while they combine postings).

    def snapshot(self) -> SearchIndex:
        """A view of the index as it is now, for one search: it shares the structures, which
        only grow, and keeps seeing the old ones if the index is compacted meanwhile."""
        with self.lock:
            return copy.copy(self)

    def source(self, slot: Slot) -> Source | None:
        """The source in a slot, or None when it was removed."""
        return self._sources[slot]

    def texts(self, slot: Slot) -> tuple[str, ...]:
        """The field texts of a slot, in `fields` order."""
        return self._texts[slot]

    def key(self, slot: Slot) -> int:
        """The slot's ordering key: smaller is newer (undated last)."""
        return self._keys[slot]

    def slots(self) -> Iterator[Slot]:
        """Every live slot."""
        return iter(self._slots.values())

    def outlet(self, slot: Slot) -> str:
        """The slot's outlet, normalised for filters."""
        return self._outlets[slot]

    def author(self, slot: Slot) -> str:
        """The slot's author, normalised for filters."""
        return self._authors[slot]

    def postings(self, word: str) -> array[int] | None:
        """The slots whose fields contain this folded word token (removed ones included)."""
        known = self._ids.get(word)
        return None if known is None else self._postings[known]

    def phrase_key(self, words: Iterable[str]) -> bytes | None:
        """The bytes `has_sequence` looks for: the words' ids in order (None if one is unknown)."""
        sequence = array("I")
        for word in words:
            known = self._ids.get(word)
            if known is None:
                return None
            sequence.append(known)
        return sequence.tobytes()

    def has_sequence(self, slot: Slot, key: bytes) -> bool:
        """True when the slot's word tokens contain the `phrase_key` words consecutively.

        Punctuation between the words is not seen here: a cheap test before the exact one.
        """
        data = self._sequences[slot]
        at = data.find(key)
        while at >= 0:
            if at % _ID_BYTES == 0:
                return True
            at = data.find(key, at + 1)
        return False

    def with_prefix(self, prefix: str) -> list[str]:
        """Vocabulary words that start with `prefix` (itself included when present)."""
        self._sort_vocabulary()
        vocab = self._sorted_vocab
        start = bisect.bisect_left(vocab, prefix)
        end = bisect.bisect_left(vocab, prefix + "\U0010ffff", start)
        return vocab[start:end]

    def similar(self, word: str, max_edits: int) -> list[tuple[str, int]]:
        """Vocabulary words within `max_edits` edits of `word` (transpositions count one)."""
        found: list[tuple[str, int]] = []
        for length in range(len(word) - max_edits, len(word) + max_edits + 1):
            choices = self._by_length.get(length)
            if not choices:
                continue
            for choice, distance, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=max_edits, limit=None
            ):
                found.append((choice, int(distance)))
        return found
