"""The annotations of an open briefing: placed on its sources, counted, changed and undone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from brief.core.annotations.model import AnchorStatus, Change, DateChange
from brief.core.annotations.placement import Placement, place
from brief.core.annotations.store import AnnotationStore
from brief.core.model import PubDate, Source

UNDO_LEVELS = 100
"""How many changes `undo` can take back."""


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo took back, for telling the user."""

    what: str
    """A description of the change that was undone ("highlight added", ...)."""
    source_id: str | None
    """The source it was on, when it is loaded."""


class AnnotationSession:
    """The store's annotations placed on the loaded sources, with an undo stack.

    Placements are worked out once and again only after a change (here or, via
    `reload_if_changed`, by another session), so drawing and counting stay cheap.
    """

    def __init__(self, store: AnnotationStore, sources: Sequence[Source] = ()) -> None:
        """Work with `store`, placing annotations on `sources`."""
        self.store = store
        """The annotation store every change is written to."""
        self.sources: list[Source] = list(sources)
        """The loaded sources."""
        self._placements: list[Placement] | None = None
        self._undo: list[tuple[str, Change]] = []

    def set_sources(self, sources: Sequence[Source]) -> None:
        """Place annotations on a new set of sources (a pack was loaded or changed)."""
        self.sources = list(sources)
        self._placements = None

    def reload_if_changed(self) -> bool:
        """Pick up another session's changes; True when there were some."""
        if self.store.reload_if_changed():
            self._placements = None
            return True
        return False

    @property
    def placements(self) -> list[Placement]:
        """Every live annotation, placed: by source order, then by position."""
        if self._placements is None:
            self._placements = place(self.store.annotations(), self.sources)
        return self._placements

    def on_source(self, source_id: str) -> list[Placement]:
        """The annotations attached to a source (orphans excluded)."""
        return [
            p
            for p in self.placements
            if p.source is not None and p.source.id == source_id and p.start is not None
        ]

    def counts(self) -> dict[str, int]:
        """How many annotations each source has (orphans excluded)."""
        counts: dict[str, int] = {}
        for p in self.placements:
            if p.source is not None and p.status is not AnchorStatus.ORPHAN:
                counts[p.source.id] = counts.get(p.source.id, 0) + 1
        return counts

    def orphans(self) -> list[Placement]:
        """The annotations that could not be placed."""
        return [p for p in self.placements if p.status is AnchorStatus.ORPHAN]

    def under(self, source_id: str, start: int, end: int) -> Placement | None:
        """The annotation at a range of a source: the one overlapping most, then the shortest."""
        best: tuple[int, int] | None = None
        found: Placement | None = None
        for p in self.on_source(source_id):
            assert p.start is not None and p.end is not None
            overlap = min(end, p.end) - max(start, p.start)
            if overlap < 0 or (overlap == 0 and not p.start <= start < max(p.end, p.start + 1)):
                continue
            key = (-overlap, p.end - p.start)
            if best is None or key < best:
                best, found = key, p
        return found

    def find(self, annotation_id: str) -> Placement | None:
        """The placement of an annotation by id."""
        for p in self.placements:
            if p.annotation.id == annotation_id:
                return p
        return None

    def _did(self, what: str, change: Change) -> None:
        self._undo.append((what, change))
        del self._undo[:-UNDO_LEVELS]
        self._placements = None

    def highlight(
        self, source: Source, start: int, end: int, color: int = 1, note: str = ""
    ) -> Placement:
        """Highlight `source.body[start:end]`; returns the new annotation, placed."""
        change = self.store.add(source, start, end, note=note, color=color)
        self._did("highlight added", change)
        placed = self.find(change.id)
        assert placed is not None
        return placed

    def set_colour(self, annotation_id: str, color: int) -> None:
        """Change an annotation's colour."""
        self._did("colour changed", self.store.edit(annotation_id, color=color))

    def set_note(self, annotation_id: str, note: str) -> None:
        """Change an annotation's note (its #tags come with it)."""
        self._did("note changed", self.store.edit(annotation_id, note=note))

    def delete(self, annotation_id: str) -> None:
        """Remove an annotation (undo brings it back)."""
        self._did("highlight deleted", self.store.remove(annotation_id))

    def reattach(self, annotation_id: str, source: Source, start: int, end: int) -> None:
        """Attach an annotation (an orphan) to a new range of a source."""
        self._did("highlight re-attached", self.store.reattach(annotation_id, source, start, end))

    def set_source_date(self, source_id: str, value: PubDate | None) -> None:
        """Set (or clear) the date of an undated source; undo covers it too."""
        change = self.store.set_source_date(source_id, value)
        self._did("date set" if value is not None else "date cleared", change)

    @property
    def can_undo(self) -> bool:
        """True when there is a change to take back."""
        return bool(self._undo)

    def undo(self) -> Undone | None:
        """Take back the last change made in this session; None when there is none."""
        if not self._undo:
            return None
        what, change = self._undo[-1]
        if isinstance(change, DateChange):
            source_id: str | None = change.after.source_id
        else:
            placed = self.find(change.id)
            source_id = placed.source.id if placed and placed.source else None
        self.store.revert(change)
        self._undo.pop()
        self._placements = None
        return Undone(what, source_id)
