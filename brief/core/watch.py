"""Noticing files added, changed or deleted in an open pack, by comparing what `stat` says."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from brief.core.ingest.files import Stamp, stamp_of, walk
from brief.core.model import Library

K = TypeVar("K", Path, str)


@dataclass(frozen=True, slots=True)
class PackChanges:
    """The files that changed in a pack since it was last looked at."""

    added: list[Path] = field(default_factory=list)
    """Files that are new."""
    changed: list[Path] = field(default_factory=list)
    """Files whose size or modification time changed."""
    removed: list[Path] = field(default_factory=list)
    """Files that are gone."""

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """ "2 added, 1 changed" for a notice."""
        parts = [
            f"{len(files)} {label}"
            for files, label in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if files
        ]
        return ", ".join(parts)

    @classmethod
    def between(cls, before: Mapping[K, object], after: Mapping[K, object]) -> PackChanges:
        """The files (keyed by path or its text) added, changed or removed from `before` to
        `after`, by what each maps to."""
        return cls(
            added=[Path(path) for path in after if path not in before],
            changed=[
                Path(path) for path, now in after.items() if path in before and before[path] != now
            ],
            removed=[Path(path) for path in before if path not in after],
        )


def library_changes(before: Library, after: Library) -> PackChanges:
    """The files whose reading differs between two readings of a pack: added, removed, or
    giving other sources (or skipped for another reason). A file saved again unchanged, or
    touched, is not among them."""

    def readings(library: Library) -> dict[Path, set[str]]:
        found: dict[Path, set[str]] = {}
        for source in library.sources:
            found.setdefault(source.path, set()).add(source.id)
        for skipped in library.skipped:
            found.setdefault(skipped.path, set()).add("skipped: " + skipped.reason)
        return found

    return PackChanges.between(readings(before), readings(after))


def scan(paths: Sequence[Path]) -> dict[str, Stamp]:
    """Every readable file of a pack with its stamp (the same files the loader reads), by its
    path as walked."""
    stamps: dict[str, Stamp] = {}
    for item in walk(paths):
        if item.info is not None and not item.reason:
            stamps[str(item.path)] = stamp_of(item.info)
    return stamps


class PackWatcher:
    """Remembers a pack's files and says what changed at each `poll`."""

    def __init__(self, paths: Sequence[Path], stamps: dict[str, Stamp] | None = None) -> None:
        """Watch `paths` (files and folders), starting from their current state, or from the
        `stamps` of a listing shown before the files were looked at (the first `poll` then
        says what changed since that listing was made)."""
        self.paths = list(paths)
        """The pack's paths."""
        self.stamps = scan(self.paths) if stamps is None else stamps
        """The files seen at the last look, with their stamps."""

    def poll(self) -> PackChanges:
        """What changed since the last look (which this becomes)."""
        before, self.stamps = self.stamps, scan(self.paths)
        return PackChanges.between(before, self.stamps)
