"""The annotation store: one JSON file, every change saved at once, merged with other sessions."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import platformdirs

from brief.core.annotations.anchoring import selectors_for
from brief.core.annotations.fileformat import (
    NewerStoreError,
    StoreData,
    StoreFormatError,
    dump,
    merge,
    parse,
    parse_any_version,
)
from brief.core.annotations.model import (
    Annotation,
    AnnotationChange,
    Change,
    ConflictCopy,
    DateChange,
    SourceDate,
    source_ref,
    utc_now,
)
from brief.core.colours import check_colour
from brief.core.durable import (
    Signature,
    atomic_write,
    backup_path,
    locked,
    move_aside,
    signature,
)
from brief.core.model import PubDate, Source

STORE_ENV = "BRIEF_STORE"
"""The environment variable naming the store file (``--store`` takes precedence)."""

T = TypeVar("T")


class StoreError(Exception):
    """A change could not be made to the store."""


class StoreReadOnlyError(StoreError):
    """The store is open read-only (written by a newer brief): changes are refused."""


class QuoteNotFoundError(StoreError):
    """The quote does not occur in the source's cleaned text."""


class AnnotationNotFoundError(StoreError):
    """No annotation has this id (or the id prefix matches several)."""


def default_store_path(
    explicit: str | Path | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The store file: `explicit` (``--store``), else ``$BRIEF_STORE``, else the user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    value = (os.environ if env is None else env).get(STORE_ENV)
    if value:
        return Path(value).expanduser()
    return platformdirs.user_data_path("brief") / "annotations.json"


class AnnotationStore:
    """Annotations and user-set source dates, saved to one JSON file on every change.

    Every change is a read-merge-write under a lock file, so two sessions on one store never
    lose each other's work; each returns a `Change` that `revert` undoes (several levels of
    undo are a stack of changes). Problems met while reading (a corrupt file moved aside, a
    newer format opened read-only) are collected in `notices` for the UI or CLI to show.
    """

    def __init__(self, path: Path, clock: Callable[[], datetime] = utc_now) -> None:
        """Open the store at `path` (created on the first change) and read it."""
        self.path = path
        """The store file."""
        self.notices: list[str] = []
        """Messages for the user about the store (what was moved aside, read-only...)."""
        self.read_only = False
        """True when changes are refused (the file was written by a newer brief)."""
        self._clock = clock
        self._data = StoreData()
        self._signature: Signature | None = None
        self._last_read: tuple[bytes, StoreData] | None = None
        self._load()

    @classmethod
    def open(
        cls, explicit: str | Path | None = None, env: Mapping[str, str] | None = None
    ) -> AnnotationStore:
        """The store named by ``--store``, ``$BRIEF_STORE`` or the default location."""
        return cls(default_store_path(explicit, env))

    # Reading

    def _read_file(self, path: Path) -> StoreData | None:
        """The store in `path`, or None when missing; corrupt files are moved aside.

        Call with the lock held, so nothing is moved aside while another session writes.
        """
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        if path == self.path and self._last_read is not None and self._last_read[0] == raw:
            return self._last_read[1]  # unchanged since last read: skip parsing
        try:
            data = parse(raw)
        except NewerStoreError as error:
            self._go_read_only(f"{path} was {error}; brief opens it read-only.")
            try:
                return parse_any_version(raw)
            except StoreFormatError as detail:
                self.notices.append(f"Could not read the newer store {path}: {detail}.")
                return StoreData()
        except StoreFormatError as error:
            aside = move_aside(path)
            self.notices.append(
                f"The annotation store {path} could not be read ({error}); it was moved to {aside}."
            )
            return None
        if path == self.path:
            self._last_read = (raw, data)
        return data

    def _read_disk(self) -> StoreData:
        """The current store on disk (lock held), falling back to the backup when needed."""
        data = self._read_file(self.path)
        if data is not None:
            return data
        backup = backup_path(self.path)
        if not backup.exists():
            return StoreData()
        data = self._read_file(backup)
        if data is None:
            self.notices.append(
                "The backup could not be read either: starting with an empty store."
            )
            return StoreData()
        self.notices.append(f"Using the backup {backup}.")
        if not self.read_only:
            atomic_write(self.path, dump(data), backup=False)
        return data

    def _go_read_only(self, message: str) -> None:
        if not self.read_only:
            self.read_only = True
            self.notices.append(message)

    def _load(self) -> None:
        """Read the file (merged with what this session holds) under the lock.

        A store that does not exist yet (nor its backup) is not created by reading: no folder
        or lock file appears until the first change, so listing leaves no trace.
        """
        if not self.path.exists() and not backup_path(self.path).exists():
            disk = StoreData()
            self._signature = None
        else:
            with locked(self.path):
                disk = self._read_disk()
                self._signature = signature(self.path)
        self._data = merge(disk, self._data, self._clock())

    def reload_if_changed(self) -> bool:
        """Re-read the file if another session changed it (a cheap stat otherwise): for polling."""
        if signature(self.path) == self._signature:
            return False
        self._load()
        return True

    # Queries

    def annotations(self, include_deleted: bool = False) -> list[Annotation]:
        """The annotations, oldest first (tombstones of removed ones only if asked)."""
        items = sorted(self._data.annotations.values(), key=lambda a: (a.created, a.id))
        return [a for a in items if include_deleted or not a.deleted]

    def get(self, key: str) -> Annotation:
        """The live annotation with this id or unique id prefix."""
        item = self._data.annotations.get(key)
        if item is None:
            matches = [a for a in self.annotations() if a.id.startswith(key)] if key else []
            if len(matches) > 1:
                raise AnnotationNotFoundError(f"the id {key!r} matches {len(matches)} annotations")
            item = matches[0] if matches else None
        if item is None or item.deleted:
            raise AnnotationNotFoundError(f"no annotation with the id {key!r}")
        return item

    @property
    def conflicts(self) -> list[ConflictCopy]:
        """Versions that lost a concurrent edit, kept in the file."""
        return list(self._data.conflicts)

    def source_date(self, source_id: str) -> PubDate | None:
        """The date the user set on this source, if any."""
        entry = self._data.dates.get(source_id)
        return None if entry is None else entry.value

    def source_dates(self) -> dict[str, PubDate]:
        """Every user-set source date, by source id."""
        return {key: e.value for key, e in self._data.dates.items() if e.value is not None}

    # Changes

    def _commit(self, apply: Callable[[StoreData, datetime], T]) -> T:
        """Apply a change to the freshest store under the lock and write it before returning."""
        if self.read_only:
            raise StoreReadOnlyError(f"{self.path} is read-only: it was written by a newer brief")
        with locked(self.path):
            disk = self._read_disk()
            if self.read_only:
                raise StoreReadOnlyError(f"{self.path} was written by a newer brief; not changed")
            now = self._clock()
            data = merge(disk, self._data, now)
            result = apply(data, now)
            raw = dump(data)
            atomic_write(self.path, raw)
            self._signature = signature(self.path)
            self._last_read = (raw, data)
        self._data = data
        return result

    def add(
        self, source: Source, start: int, end: int, note: str = "", color: int = 1
    ) -> AnnotationChange:
        """Highlight `source.body[start:end]` with a note and colour; returns the change."""
        quote, position = selectors_for(source.body, start, end)
        check_colour(color)
        ref = source_ref(source)

        def apply(data: StoreData, now: datetime) -> AnnotationChange:
            item = Annotation(
                id=str(uuid.uuid4()),
                source=ref,
                quote=quote,
                position=position,
                color=color,
                note=note,
                created=now,
                updated=now,
            )
            data.annotations[item.id] = item
            return AnnotationChange(None, item)

        return self._commit(apply)

    def add_quote(
        self, source: Source, quote: str, note: str = "", color: int = 1
    ) -> AnnotationChange:
        """Highlight the first place `quote` occurs in the source's cleaned text.

        Raises QuoteNotFoundError when it does not occur (``brief notes add`` exits 1).
        """
        start = source.body.find(quote) if quote else -1
        if start < 0:
            raise QuoteNotFoundError(f"the quote does not occur in {source.title!r}")
        return self.add(source, start, start + len(quote), note, color)

    def _rewrite(
        self, key: str, make: Callable[[Annotation], Annotation], base: Annotation | None = None
    ) -> AnnotationChange:
        """Write a new version of an annotation made from `base` (what this session saw).

        If another session changed it since, this later change wins and the other version
        is kept among the conflicts.
        """
        seen = base if base is not None else self.get(key)

        def apply(data: StoreData, now: datetime) -> AnnotationChange:
            current = data.annotations.get(seen.id, seen)
            if current.content_key() != seen.content_key():
                data.conflicts.append(ConflictCopy(current, now, current.revision + 1))
            new = replace(make(seen), updated=now, revision=current.revision + 1)
            data.annotations[new.id] = new
            return AnnotationChange(current, new)

        return self._commit(apply)

    def edit(
        self, key: str, *, note: str | None = None, color: int | None = None
    ) -> AnnotationChange:
        """Change an annotation's note and/or colour."""
        if color is not None:
            check_colour(color)

        def make(item: Annotation) -> Annotation:
            return replace(
                item,
                note=item.note if note is None else note,
                color=item.color if color is None else color,
            )

        return self._rewrite(key, make)

    def remove(self, key: str) -> AnnotationChange:
        """Remove an annotation (a tombstone stays in the file so merges keep it removed)."""
        return self._rewrite(key, lambda item: replace(item, deleted=True))

    def reattach(self, key: str, source: Source, start: int, end: int) -> AnnotationChange:
        """Attach an annotation (an orphan, say) to a new selection in a source."""
        quote, position = selectors_for(source.body, start, end)
        ref = source_ref(source)
        return self._rewrite(
            key, lambda item: replace(item, source=ref, quote=quote, position=position)
        )

    def set_source_date(self, source_id: str, value: PubDate | None) -> DateChange:
        """Set (or clear, with None) the date of an undated source."""

        def apply(data: StoreData, now: datetime) -> DateChange:
            before = data.dates.get(source_id)
            revision = 1 if before is None else before.revision + 1
            after = SourceDate(source_id, value, now, revision)
            data.dates[source_id] = after
            return DateChange(before, after)

        return self._commit(apply)

    def revert(self, change: Change) -> Change:
        """Undo a change; returns the change that undoes this one (redo)."""
        if isinstance(change, DateChange):
            old = change.before
            return self.set_source_date(change.after.source_id, None if old is None else old.value)
        before = change.before
        if before is None:
            return self._rewrite(change.id, lambda item: replace(item, deleted=True), change.after)
        return self._rewrite(
            change.id,
            lambda item: replace(
                item,
                source=before.source,
                quote=before.quote,
                position=before.position,
                color=before.color,
                note=before.note,
                deleted=before.deleted,
            ),
            change.after,
        )
