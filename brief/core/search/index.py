"""The search index: searchable fields per source, word postings, and vocabulary look-ups."""

from __future__ import annotations

import bisect
import copy
import sys
import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat

from rapidfuzz import process
from rapidfuzz.distance import OSA

from brief.core.model import Source
from brief.core.search.normalize import PASSAGE_BREAK, fold_lowered, passage_bounds, tokens
from brief.core.search.query import normalize_value

Slot = int
"""A source's position in the index (stable until the index is compacted)."""

Place = tuple[int, int]
"""A [start, end) range of a source's body."""

DEAD: Slot = 0xFFFFFFFF
"""The owner of a passage that was replaced (`SearchIndex.update_field`): no source's."""


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
    places: Callable[[Source], Sequence[Place | None]] | None = None
    """For a field whose passages are about places in the body (the notes on highlights): the
    body range each passage (block) stands for, in block order; hits carry it as `anchor`."""
    changing: bool = False
    """True for a field whose text changes while the index is in use (the user's notes):
    `update_field` re-indexes it alone. Changing fields come after the others."""


DEFAULT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", lambda source: source.title, metadata=True),
    FieldSpec("outlet", lambda source: source.outlet or "", metadata=True),
    FieldSpec("author", lambda source: source.author or "", metadata=True),
    FieldSpec("body", lambda source: source.body),
)
"""What is searched. Adding a field is one line, e.g. the user's notes on highlights
(`brief.core.annotations.notefield.NoteField`): `(*DEFAULT_FIELDS, notes.field)`."""

_ID_BYTES = 3
"""Bytes a word id takes in a passage's word sequence: its low three bytes (ids past 16 million
share them, which only lets `has_sequence` say yes more often: phrases are confirmed on text)."""
_LOW_BYTES = (0, 1, 2) if sys.byteorder == "little" else (1, 2, 3)
_append = array.append
_consume = deque[None](maxlen=0).extend
"""Runs an iterator to its end (appending to postings in C rather than in a Python loop)."""
_MAX_EDITS = 2
"""The most typing errors `similar` forgives."""
_MIDDLE = (2, 3, 4)
"""Where the two letters `similar` looks up in the middle of a word may be."""
FOLDS = 0x80
"""Set in a passage's field byte when its text has letters with diacritics: lower-casing alone
does not fold it."""
_UNDATED = 1 << 62
_DATE_BITS = 32


def _pack(numbers: array[int]) -> bytearray:
    """Word ids as `_ID_BYTES` bytes each."""
    data = numbers.tobytes()
    packed = bytearray(len(numbers) * _ID_BYTES)
    for at, byte in enumerate(_LOW_BYTES):
        packed[at::_ID_BYTES] = data[byte :: numbers.itemsize]
    return packed


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


@dataclass(frozen=True, slots=True)
class PassageTable:
    """The index's arrays about passages, by passage number (the index's own: read only)."""

    owner: array[int]
    """The passage's slot."""
    field: array[int]
    """The index of the passage's field in `SearchIndex.fields`, with `FOLDS` set when its text
    needs `fold` (not only lower-casing)."""
    block: array[int]
    """The passage's index among its field's pieces (the body's block index)."""
    start: array[int]
    """Where the passage's piece starts in the field's text (a blank line's "\n" may lead it:
    the passage itself starts after)."""


class SearchIndex:
    """An incremental index of sources: add them as they load, search at any time.

    Holds each source's field texts by reference (no copies). A field's passages are its
    pieces between blank lines (the body's blocks); every passage holding a word has a passage
    number, and the passages of a source are numbered consecutively, field by field. Kept, in
    compact `array`s: per word token, the sources containing it and the passages containing it
    (both ascending); per passage, its source, field and place in the field; and all passages'
    word tokens in order, as 3-byte word ids in one `bytearray` (to test phrases without
    reading the text). `add`, `remove`, `update` and `update_field` may run on another thread
    than searches: a lock guards the shared structures.

    A changing field (the user's notes) is re-indexed alone by `update_field`: its new
    passages are numbered after every other passage (the slot's `extra_range`), the old ones
    are given to no source (`DEAD`), and the slot, hence the source's place in the order of
    results, stays.
    """

    def __init__(self, sources: Iterable[Source] = (), fields: Iterable[FieldSpec] = ()) -> None:
        """An index of `fields` (DEFAULT_FIELDS when none are given), holding `sources`."""
        self.fields: tuple[FieldSpec, ...] = tuple(fields) or DEFAULT_FIELDS
        """The fields searched, in the order hits of one source are listed."""
        changing = [spec.changing for spec in self.fields]
        if changing != sorted(changing):
            raise ValueError("changing fields (notes) must come after the others")
        self._changing = changing.index(True) if True in changing else len(changing)
        """The first changing field's index (the number of fields when none changes)."""
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
        self._passages: list[array[int]] = [array("I")]
        self._first: array[int] = array("I")
        self._end: array[int] = array("I")
        self._extra: dict[Slot, tuple[int, int]] = {}
        self._places: dict[tuple[Slot, int], Sequence[Place | None]] = {}
        self._owner: array[int] = array("I")
        self._field: array[int] = array("B")
        self._block: array[int] = array("I")
        self._start: array[int] = array("I")
        self._words = bytearray()
        self._word_start: array[int] = array("I", (0,))
        self._sorted_vocab: list[str] = []
        self._new_vocab: list[str] = []
        self._by_length: dict[int, list[str]] = {}
        self._by_ending: dict[str, list[str]] = {}
        self._by_middle: dict[tuple[int, str], list[str]] = {}
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
            first = len(self._owner)
            seen = self._index_pieces(slot, self._pieces(texts))
            _consume(map(_append, map(self._postings.__getitem__, seen), repeat(slot)))
            self._first.append(first)
            self._end.append(len(self._owner))
            self._sources.append(source)
            self._texts.append(texts)
            self._keep_places(slot, source, range(len(self.fields)))
            self._keys.append(_date_key(source, slot))
            self._outlets.append(normalize_value(source.outlet or ""))
            self._authors.append(normalize_value(source.author or ""))
            self._slots[source.id] = slot
            self.version += 1

    def _index_pieces(
        self, slot: Slot, pieces: list[tuple[int, int, int, bool, list[str]]]
    ) -> set[int]:
        """Number a source's pieces as the next passages; returns the ids of their words."""
        ids = self._ids
        postings = self._passages
        passage = len(self._owner)
        self._owner.extend(repeat(slot, len(pieces)))
        self._field.extend(piece[0] | (FOLDS if piece[3] else 0) for piece in pieces)
        self._block.extend(piece[1] for piece in pieces)
        self._start.extend(piece[2] for piece in pieces)
        words, word_start = self._words, self._word_start
        seen: set[int] = set()
        for piece in pieces:
            try:
                numbers = array("I", map(ids.__getitem__, piece[4]))
            except KeyError:
                self._learn(piece[4])
                numbers = array("I", map(ids.__getitem__, piece[4]))
            words += _pack(numbers)
            word_start.append(len(words))
            distinct = set(numbers)
            _consume(map(_append, map(postings.__getitem__, distinct), repeat(passage)))
            seen |= distinct
            passage += 1
        return seen

    def _keep_places(self, slot: Slot, source: Source, fields: Iterable[int]) -> None:
        """Remember the body places of the passages of those `fields` that have them."""
        for field in fields:
            spec = self.fields[field]
            if spec.places is None:
                continue
            places = spec.places(source)
            if places:
                self._places[slot, field] = places
            else:
                self._places.pop((slot, field), None)

    def update_field(self, source_id: str) -> bool:
        """Re-index a source's changing fields (its notes) alone; True when they changed.

        The source keeps its slot and its other passages; the changing fields' passages are
        numbered anew after every other passage (the old ones are left to no source).
        """
        with self.lock:
            slot = self._slots.get(source_id)
            source = None if slot is None else self._sources[slot]
            if slot is None or source is None or self._changing == len(self.fields):
                return False
            old = self._texts[slot]
            changing = range(self._changing, len(self.fields))
            texts = old[: self._changing] + tuple(self.fields[f].text(source) for f in changing)
            if texts == old:
                self._keep_places(slot, source, changing)
                return False
            first, end = self._first[slot], self._end[slot]
            cut = end
            while cut > first and self._field[cut - 1] & ~FOLDS >= self._changing:
                cut -= 1
            owner = self._owner
            for number in range(cut, end):
                owner[number] = DEAD
            extra = self._extra.pop(slot, None)
            for number in range(*extra) if extra else ():
                owner[number] = DEAD
            self._end[slot] = cut
            pieces = [piece for piece in self._pieces(texts) if piece[0] >= self._changing]
            lo = len(owner)
            seen = self._index_pieces(slot, pieces)
            if pieces:
                self._extra[slot] = (lo, len(owner))
            for word in seen:
                posting = self._postings[word]
                if slot not in posting:
                    posting.append(slot)
            self._texts[slot] = texts
            self._keep_places(slot, source, changing)
            self._sort_vocabulary()
            self.version += 1
            return True

    def _learn(self, words: list[str]) -> None:
        """Give the words not in the vocabulary yet their ids and (empty) postings."""
        ids = self._ids
        for word in set(words).difference(ids):
            ids[word] = len(self._passages)
            self._passages.append(array("I"))
            self._postings.append(array("I"))
            self._new_vocab.append(word)
            if len(word) - sum(map(str.isalpha, word)) <= _MAX_EDITS:
                self._by_length.setdefault(len(word), []).append(word)
                self._by_ending.setdefault(word[-2:], []).append(word)
                for at in _MIDDLE if len(word) >= 6 else ():
                    self._by_middle.setdefault((at, word[at : at + 2]), []).append(word)

    @staticmethod
    def _pieces(texts: tuple[str, ...]) -> list[tuple[int, int, int, bool, list[str]]]:
        """The passages holding words: field, block, start offset, needs folding, words."""
        found: list[tuple[int, int, int, bool, list[str]]] = []
        for field, text in enumerate(texts):
            start = 0
            for block, piece in enumerate(text.split(PASSAGE_BREAK) if text else ()):
                folded, lowered = fold_lowered(piece, piece.lower())
                words = tokens(folded)
                if words:
                    found.append((field, block, start, not lowered, words))
                start += len(piece) + len(PASSAGE_BREAK)
        return found

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
        self._extra.pop(slot, None)
        for field in range(len(self.fields)):
            self._places.pop((slot, field), None)
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

    def passages(self, word: str) -> array[int] | None:
        """The passages containing this folded word token, ascending (removed ones included)."""
        known = self._ids.get(word)
        return None if known is None else self._passages[known]

    def passage_range(self, slot: Slot) -> tuple[int, int]:
        """The slot's passages as first indexed: numbers from the first to before the second
        (those of its changing fields left out once `update_field` re-indexed them)."""
        return self._first[slot], self._end[slot]

    def passage_bounds(self) -> tuple[array[int], array[int], dict[Slot, tuple[int, int]]]:
        """Every slot's `passage_range` as two arrays (firsts, ends), and the `extra_range`s."""
        return self._first, self._end, self._extra

    def extra_range(self, slot: Slot) -> tuple[int, int] | None:
        """The slot's passages numbered by `update_field` (its changing fields), if any."""
        return self._extra.get(slot) if self._extra else None

    def passage_table(self) -> PassageTable:
        """The arrays about passages (they only grow: a snapshot's stay valid)."""
        return PassageTable(self._owner, self._field, self._block, self._start)

    def has_places(self) -> bool:
        """True when some passage stands for a place in the body (see `place`)."""
        return bool(self._places)

    def place(self, slot: Slot, field: int, block: int) -> Place | None:
        """The body range a passage of a field with `places` stands for (None if none)."""
        places = self._places.get((slot, field & ~FOLDS)) if self._places else None
        return places[block] if places is not None and block < len(places) else None

    def passage_text(self, passage: int) -> tuple[str, int, int, bool]:
        """The passage's field text, its start and end in it, and whether it needs `fold`.

        The start is after the blank line before it, as `text.rfind(PASSAGE_BREAK)` finds it.
        """
        field = self._field[passage]
        owner = self._owner[passage]
        texts = self._texts[owner] if owner != DEAD else ()
        if not texts:  # removed or replaced meanwhile
            return "", 0, 0, False
        text = texts[field & ~FOLDS]
        start, end = passage_bounds(text, self._start[passage])
        return text, start, end, bool(field & FOLDS)

    def phrase_key(self, words: Iterable[str]) -> bytes | None:
        """The bytes `has_sequence` looks for: the words' ids in order (None if one is unknown)."""
        sequence = array("I")
        for word in words:
            known = self._ids.get(word)
            if known is None:
                return None
            sequence.append(known)
        return bytes(_pack(sequence))

    def has_sequence(self, passage: int, key: bytes) -> bool:
        """True when the passage's word tokens contain the `phrase_key` words consecutively.

        Punctuation between the words is not seen here: a cheap test before the exact one.
        """
        words, end = self._words, self._word_start[passage + 1]
        at = words.find(key, self._word_start[passage], end)
        while at >= 0:
            if at % _ID_BYTES == 0:
                return True
            at = words.find(key, at + 1, end)
        return False

    def with_prefix(self, prefix: str) -> list[str]:
        """Vocabulary words that start with `prefix` (itself included when present)."""
        self._sort_vocabulary()
        vocab = self._sorted_vocab
        start = bisect.bisect_left(vocab, prefix)
        end = bisect.bisect_left(vocab, prefix + "\U0010ffff", start)
        return vocab[start:end]

    def similar(self, word: str, max_edits: int) -> list[tuple[str, int]]:
        """Vocabulary words within `max_edits` edits of `word` (transpositions count one).

        For a word of letters: words with more than two other characters (figures mostly)
        are not looked at, since each of those is one edit more. Only words that keep part
        of the typed word in place are compared. An edit changes one or two neighbouring
        letters, or adds or drops one. Within one edit, a word keeps the typed word's first
        or last half (less its middle letter). Within two (for 8 letters or more), it keeps
        the first two letters, or the last two, or else its fourth and fifth letters at most
        one place away (one edit was among the first two letters, the other the last two).
        """
        max_edits = min(max_edits, _MAX_EDITS)
        size = len(word)
        if max_edits == 1 and size >= 4:
            groups = [self.with_prefix(word[: (size - 1) // 2]), self._by_ending.get(word[-2:], [])]
        elif max_edits == 2 and size >= 8:
            middle = word[3:5]
            groups = [
                self.with_prefix(word[:2]),
                self._by_ending.get(word[-2:], []),
                *(self._by_middle.get((at, middle), []) for at in _MIDDLE),
            ]
        else:
            groups = [
                self._by_length.get(length, [])
                for length in range(size - max_edits, size + max_edits + 1)
            ]
        found: dict[str, int] = {}
        for choices in groups:
            for choice, distance, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=max_edits, limit=None
            ):
                found[choice] = int(distance)
        return list(found.items())
