"""Annotations placed on loaded sources: which source each belongs to, and where it attaches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from brief.core.annotations.anchoring import ORPHAN, Anchor, anchor
from brief.core.annotations.model import (
    AnchorStatus,
    Annotation,
    SourceRef,
    source_ref,
)
from brief.core.colours import DEFAULT_COLOURS, Colour
from brief.core.model import Source


@dataclass(frozen=True, slots=True)
class Placement:
    """An annotation with its source (when loaded) and where it attaches now."""

    annotation: Annotation
    """The annotation."""
    source: Source | None
    """The loaded source it belongs to; None when its source is not among those loaded."""
    anchor: Anchor
    """Where it attaches in the source's current cleaned text."""

    @property
    def status(self) -> AnchorStatus:
        """anchored, moved, ambiguous or orphan."""
        return self.anchor.status

    @property
    def start(self) -> int | None:
        """Its current start offset in `source.body` (None for an orphan)."""
        return self.anchor.start

    @property
    def end(self) -> int | None:
        """Its current end offset (None for an orphan)."""
        return self.anchor.end


class SourceMatcher:
    """Finds the loaded source an annotation was made on, even after the file changed."""

    def __init__(self, sources: Sequence[Source]) -> None:
        """Index `sources` by id, text hash and path, as annotations record them."""
        self.sources = list(sources)
        """The sources, in the order given."""
        self._by_id: dict[str, Source] = dict(
            zip(map(attrgetter("id"), self.sources), self.sources, strict=True)
        )
        self._by_hash: dict[str, Source] = {}
        self._by_path: dict[str, list[Source]] = {}
        self._indexed = False

    def _index(self) -> None:
        """Index the sources by text hash and path: only when an id is not found, since it
        needs every body (which a large pack listed from the cache has not read yet)."""
        if self._indexed:
            return
        self._indexed = True
        for source in self.sources:
            ref = source_ref(source)
            self._by_hash[ref.text_hash] = source
            self._by_path.setdefault(ref.path, []).append(source)

    def find(self, ref: SourceRef) -> Source | None:
        """By source id, else by identical cleaned text, else by path (and title if shared)."""
        found = self._by_id.get(ref.source_id)
        if found is not None:
            return found
        self._index()
        found = self._by_hash.get(ref.text_hash)
        if found is not None:
            return found
        same_path = self._by_path.get(ref.path, [])
        if len(same_path) == 1:
            return same_path[0]
        titled = [s for s in same_path if s.title == ref.title]
        return titled[0] if len(titled) == 1 else None


def place(annotations: Iterable[Annotation], sources: Sequence[Source]) -> list[Placement]:
    """Every live annotation placed: grouped in the order of `sources`, by offset within one.

    Annotations whose source is not loaded come last, as orphans with `source` None.
    """
    live = [item for item in annotations if not item.deleted]
    if not live:
        return []  # (no index of the sources: a large pack has 100,000)
    matcher = SourceMatcher(sources)
    order = dict(zip(map(id, matcher.sources), range(len(matcher.sources)), strict=True))
    placed: list[Placement] = []
    for item in live:
        source = matcher.find(item.source)
        if source is None:
            placed.append(Placement(item, None, ORPHAN))
            continue
        found = anchor(source.body, item.quote, item.position, item.source.length)
        placed.append(Placement(item, source, found))

    def key(p: Placement) -> tuple[int, int, str, str]:
        group = len(order) if p.source is None else order[id(p.source)]
        start = p.start if p.start is not None else 1 << 62
        return group, start, p.annotation.created.isoformat(), p.annotation.id

    return sorted(placed, key=key)


def orphans(placements: Iterable[Placement]) -> list[Placement]:
    """The placements that could not be attached (listed under "orphans")."""
    return [p for p in placements if p.status == AnchorStatus.ORPHAN]


def recorded_paths(annotations: Iterable[Annotation]) -> list[Path]:
    """The files the live annotations were made on, once each (to load when none are given)."""
    paths = dict.fromkeys(Path(a.source.path) for a in annotations if not a.deleted)
    return list(paths)


def placement_to_json(
    p: Placement, colours: Mapping[int, Colour] = DEFAULT_COLOURS
) -> dict[str, Any]:
    """One line of ``brief notes --json``: the annotation, its source and its anchoring."""
    item = p.annotation
    colour = colours.get(item.color, DEFAULT_COLOURS[item.color])
    return {
        "id": item.id,
        "source": {
            "id": p.source.id if p.source is not None else item.source.source_id,
            "path": str(p.source.path) if p.source is not None else item.source.path,
            "title": p.source.title if p.source is not None else item.source.title,
            "loaded": p.source is not None,
        },
        "quote": item.quote.exact,
        "note": item.note,
        "color": item.color,
        "colour_name": colour.name,
        "meaning": colour.meaning,
        "tags": list(item.tags),
        "status": p.status.value,
        "start": p.start,
        "end": p.end,
        "candidates": [list(c) for c in p.anchor.candidates],
        "created": item.created.isoformat(),
        "updated": item.updated.isoformat(),
        "revision": item.revision,
    }
