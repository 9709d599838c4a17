"""The user's notes (and their #tags) as a search field, kept in step with the annotations."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from brief.core.annotations.placement import Placement
from brief.core.model import Source

if TYPE_CHECKING:  # the index (and rapidfuzz) load when a search needs them, not at start-up
    from brief.core.search.index import FieldSpec, Place, SearchIndex

NOTE_FIELD = "note"
"""The name hits in a note carry in `Hit.field`."""

_BLANK_LINES = re.compile(r"\n\s*\n")

Note = tuple[str, "Place | None"]
"""A note's text (one passage: no blank line in it) and the highlight it is on (None for an
orphan, which has no place)."""


def _one_passage(note: str) -> str:
    """A note as one passage of the field: blank lines inside it closed up."""
    return _BLANK_LINES.sub("\n", note.strip())


class NoteField:
    """The notes of each source, read from placed annotations, as the `field` to search.

    `update(placements)` takes the annotations as they are now and returns the ids of the
    sources whose notes changed; `sync(index, placements)` also re-indexes just those. The
    field's text for a source is its notes in body order, one passage each; each passage's
    place is its highlight, where a hit on the note opens.
    """

    def __init__(self, placements: Iterable[Placement] = ()) -> None:
        """The notes of `placements` (none when not given)."""
        self._notes: dict[str, tuple[Note, ...]] = {}
        self._lock = threading.Lock()
        self.update(placements)

    @cached_property
    def field(self) -> FieldSpec:
        """The searchable field: add it to an index's fields."""
        from brief.core.search.index import FieldSpec

        return FieldSpec(NOTE_FIELD, self.text, places=self.places, changing=True)

    def update(self, placements: Iterable[Placement]) -> set[str]:
        """Take the notes of these (live) annotations; the ids of sources whose notes changed."""
        found: dict[str, list[Note]] = {}
        for placed in placements:
            note = _one_passage(placed.annotation.note)
            if placed.source is None or not note:
                continue
            where = None
            if placed.start is not None and placed.end is not None:
                where = (placed.start, placed.end)
            found.setdefault(placed.source.id, []).append((note, where))
        notes = {key: tuple(items) for key, items in found.items()}
        with self._lock:
            old, self._notes = self._notes, notes
        return {key for key in old.keys() | notes.keys() if old.get(key) != notes.get(key)}

    def sync(self, index: SearchIndex, placements: Iterable[Placement]) -> set[str]:
        """`update`, then re-index the notes of the sources whose notes changed (only those)."""
        changed = self.update(placements)
        for source_id in changed:
            index.update_field(source_id)
        return changed

    def _of(self, source: Source) -> tuple[Note, ...]:
        with self._lock:
            return self._notes.get(source.id, ())

    def text(self, source: Source) -> str:
        """The source's notes, one passage each ("" when it has none)."""
        from brief.core.search.normalize import PASSAGE_BREAK

        return PASSAGE_BREAK.join(note for note, _ in self._of(source))

    def places(self, source: Source) -> list[Place | None]:
        """The highlight each of the source's notes is on, in the order of `text`."""
        return [where for _, where in self._of(source)]
