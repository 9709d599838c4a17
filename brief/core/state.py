"""The reading state: per pack, the open source and each source's position and read flag."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from brief.core.durable import atomic_write, backup_path, locked, move_aside
from brief.core.text import utf8

if TYPE_CHECKING:
    from brief.core.model import Source

STATE_ENV = "BRIEF_STATE"
"""The environment variable naming the state file."""

STATE_VERSION = 1
"""The version of the state file's format this brief writes."""

ANCHOR_LENGTH = 48
"""How much text after a position is kept, to find the place again in a changed text."""

_TICK = timedelta(microseconds=1)


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def default_state_path(
    explicit: str | Path | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The state file: `explicit`, else ``$BRIEF_STATE``, else ``state.json`` in the data dir."""
    if explicit:
        return Path(explicit).expanduser()
    value = (os.environ if env is None else env).get(STATE_ENV)
    if value:
        return Path(value).expanduser()
    return platformdirs.user_data_path("brief") / "state.json"


def _path_text(path: Path) -> str:
    """How a file is recorded: its absolute path with symbolic links resolved.

    The folder is resolved once for all its files (one `lstat` per file then, where
    resolving the whole path costs one per component: a large pack has many files)."""
    absolute = os.path.abspath(path.expanduser())
    if os.path.islink(absolute):
        return str(Path(absolute).resolve())
    folder, name = os.path.split(absolute)
    if not name:
        return _real_folder(folder)
    return os.path.join(_real_folder(folder), name)


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """A folder's path with symbolic links resolved (kept: folders of a pack are few)."""
    return str(Path(folder).resolve())


def pack_key(paths: Iterable[Path]) -> str:
    """The key of a pack: a hash of the sorted resolved paths it was opened with."""
    import hashlib  # here: OpenSSL's library is loaded when a pack is first looked up

    text = "\n".join(sorted({_path_text(path) for path in paths}))
    return "sha256:" + hashlib.sha256(utf8(text)).hexdigest()[:16]


class StateFormatError(ValueError):
    """The file is not a reading-state file (not JSON, truncated, or edited wrongly)."""


class NewerStateError(StateFormatError):
    """The file was written by a newer brief: it must not be rewritten."""


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """Where the user is in one source, and whether it is read."""

    id: str
    """The source's id when the entry was written."""
    path: str
    """The file it was read from, so that a re-saved file (a new id) still finds its entry."""
    title: str = ""
    """Its title then, to tell apart several sources of one file."""
    position: int = 0
    """The reading position: an offset into the cleaned body (code points)."""
    anchor: str = ""
    """The body's text from `position` on (a few words), to find the place in a changed text."""
    read: bool = False
    """True once the reader reached the end (or the user marked it read)."""
    updated: datetime = field(default_factory=utc_now)
    """When the entry was written: the later of two sessions' entries wins."""
    gone: bool = False
    """A tombstone: the entry was superseded by one under the source's new id."""

    def to_json(self) -> dict[str, Any]:
        """The entry as a JSON object (its id is the key it is stored under)."""
        if self.gone:
            return {"path": self.path, "gone": True, "updated": self.updated.isoformat()}
        return {
            "path": self.path,
            "title": self.title,
            "position": self.position,
            "anchor": self.anchor,
            "read": self.read,
            "updated": self.updated.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class OpenEntry:
    """The source that was open in a pack."""

    id: str
    """Its id."""
    path: str
    """Its file, for when the file was saved again (a new id)."""
    title: str
    """Its title, to tell apart several sources of one file."""
    updated: datetime
    """When it was opened."""

    def to_json(self) -> dict[str, Any]:
        """The entry as a JSON object."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "updated": self.updated.isoformat(),
        }


@dataclass
class PackEntry:
    """The state of one pack."""

    paths: list[str]
    """The paths the pack was opened with (resolved), for humans reading the file."""
    open: OpenEntry | None = None
    """The source open last, if any."""
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    """Each source's entry by source id (tombstones included)."""


@dataclass
class StateData:
    """Everything the state file holds."""

    packs: dict[str, PackEntry] = field(default_factory=dict)
    """Each pack's state by `pack_key`."""
    settings: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    """Choices made in the app that apply to every pack (the theme): value and when set."""
    skipped: int = 0
    """Entries of the file left out because they could not be read (not written back)."""


# The file


def _time(value: object) -> datetime:
    if not isinstance(value, str):
        raise TypeError("a time must be a string")
    stamp = datetime.fromisoformat(value)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _source_entry(key: str, raw: Any) -> SourceEntry:
    """An entry from JSON; TypeError or ValueError when it is not one."""
    if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
        raise TypeError("an entry must be an object with a path")
    updated = _time(raw.get("updated"))
    if raw.get("gone") is True:
        return SourceEntry(key, raw["path"], updated=updated, gone=True)
    position, read = raw.get("position", 0), raw.get("read", False)
    title, anchor = raw.get("title", ""), raw.get("anchor", "")
    if not (isinstance(position, int) and not isinstance(position, bool) and position >= 0):
        raise TypeError("a position must be a whole number")
    if not (isinstance(read, bool) and isinstance(title, str) and isinstance(anchor, str)):
        raise TypeError("read must be true or false, title and anchor strings")
    return SourceEntry(key, raw["path"], title, position, anchor, read, updated)


def _open_entry(raw: Any) -> OpenEntry | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(
        isinstance(raw.get(name), str) for name in ("id", "path")
    ):
        raise TypeError("the open source must be an object with an id and a path")
    title = raw.get("title", "")
    title = title if isinstance(title, str) else ""
    return OpenEntry(raw["id"], raw["path"], title, _time(raw.get("updated")))


def parse_state(raw: bytes) -> StateData:
    """The state in a file's bytes. StateFormatError when it is not a state file at all;
    entries that cannot be read are left out and counted in `skipped`."""
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StateFormatError(f"not JSON: {error}") from None
    except RecursionError:
        raise StateFormatError("not JSON: nested too deep") from None
    if not isinstance(document, dict) or not isinstance(document.get("version"), int):
        raise StateFormatError("not a reading-state file (no version)")
    if document["version"] > STATE_VERSION:
        raise NewerStateError(f"written by a newer brief (format version {document['version']})")
    packs = document.get("packs", {})
    if not isinstance(packs, dict):
        raise StateFormatError("packs must be an object")
    data = StateData()
    settings = document.get("settings", {})
    for name, raw_setting in (settings if isinstance(settings, dict) else {}).items():
        try:
            if not isinstance(raw_setting, dict) or not isinstance(raw_setting.get("value"), str):
                raise TypeError("a setting must be an object with a string value")
            data.settings[name] = (raw_setting["value"], _time(raw_setting.get("updated")))
        except (TypeError, ValueError):
            data.skipped += 1
    for key, pack in packs.items():
        try:
            if not isinstance(pack, dict):
                raise TypeError("a pack must be an object")
            paths = pack.get("paths", [])
            if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                raise TypeError("paths must be a list of strings")
            entry = PackEntry(paths, _open_entry(pack.get("open")))
        except (TypeError, ValueError):
            data.skipped += 1
            continue
        sources = pack.get("sources", {})
        for source_id, raw_entry in (sources if isinstance(sources, dict) else {}).items():
            try:
                entry.sources[source_id] = _source_entry(source_id, raw_entry)
            except (TypeError, ValueError):
                data.skipped += 1
        data.packs[key] = entry
    return data


def dump_state(data: StateData) -> bytes:
    """The state file's bytes (sorted keys, one value a line: readable and diffable)."""
    packs = {
        key: {
            "paths": pack.paths,
            "open": None if pack.open is None else pack.open.to_json(),
            "sources": {sid: entry.to_json() for sid, entry in sorted(pack.sources.items())},
        }
        for key, pack in sorted(data.packs.items())
    }
    settings = {
        name: {"value": value, "updated": updated.isoformat()}
        for name, (value, updated) in sorted(data.settings.items())
    }
    document = {"version": STATE_VERSION, "settings": settings, "packs": packs}
    return utf8(json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def merge_state(disk: StateData, ours: StateData) -> StateData:
    """Both sessions' state: every pack of either; per source entry and open source, the
    later written wins (ours on a tie)."""
    merged = StateData()
    merged.settings = dict(disk.settings)
    for name, (value, updated) in ours.settings.items():
        if name not in merged.settings or updated >= merged.settings[name][1]:
            merged.settings[name] = (value, updated)
    for key in {**disk.packs, **ours.packs}:
        mine, theirs = ours.packs.get(key), disk.packs.get(key)
        if mine is None or theirs is None:
            chosen = mine or theirs
            assert chosen is not None
            merged.packs[key] = PackEntry(list(chosen.paths), chosen.open, dict(chosen.sources))
            continue
        sources = dict(theirs.sources)
        for source_id, entry in mine.sources.items():
            other = sources.get(source_id)
            if other is None or entry.updated >= other.updated:
                sources[source_id] = entry
        opened = mine.open
        if theirs.open is not None and (opened is None or theirs.open.updated > opened.updated):
            opened = theirs.open
        merged.packs[key] = PackEntry(list(mine.paths or theirs.paths), opened, sources)
    return merged


# The store


class StateStore:
    """The reading state of every pack, in one JSON file written only when `save` is called.

    Saving is a read-merge-write under a lock file with an atomic replace and a backup (the
    annotation store's recipe), so two sessions keep each other's packs and the later entry
    wins per source. A file that cannot be read is moved aside (the backup is used when it
    can be read) and brief goes on with what it has: problems are collected in `notices`,
    never raised. The state is a separate file: losing it never touches an annotation.
    """

    def __init__(self, path: Path, clock: Callable[[], datetime] = utc_now) -> None:
        """Open the state at `path` (created on the first save) and read it."""
        self.path = path
        """The state file."""
        self.notices: list[str] = []
        """Messages for the user (a file moved aside, a backup used, a save that failed)."""
        self.read_only = False
        """True when the file was written by a newer brief: it is never overwritten."""
        self._clock = clock
        self._data = StateData()
        self._dirty = False
        self._generation = 0
        """Counts changes, so that what is worked out from the entries is made again."""
        try:
            if path.exists() or backup_path(path).exists():
                with locked(path):
                    self._data = self._read_disk()
        except OSError as error:
            self.notices.append(f"Could not read the reading state {path}: {_reason(error)}.")

    @classmethod
    def open(
        cls, explicit: str | Path | None = None, env: Mapping[str, str] | None = None
    ) -> StateStore:
        """The state named by `explicit`, ``$BRIEF_STATE`` or the default location."""
        return cls(default_state_path(explicit, env))

    def _read_file(self, path: Path) -> StateData | None:
        """The state in `path` (lock held), or None when missing or moved aside."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            data = parse_state(raw)
        except NewerStateError as error:
            if not self.read_only:
                self.read_only = True
                self.notices.append(
                    f"The reading state {path} was {error}; it is not changed this session."
                )
            return None
        except StateFormatError as error:
            aside = move_aside(path)
            self.notices.append(
                f"The reading state {path} could not be read ({error}); "
                f"it was moved to {aside} and brief starts afresh."
            )
            return None
        if data.skipped:
            self.notices.append(
                f"{data.skipped} entries of the reading state {path} could not be read "
                "and were left out."
            )
        return data

    def _read_disk(self) -> StateData:
        """The current state on disk (lock held), falling back to the backup."""
        data = self._read_file(self.path)
        if data is not None or self.read_only:
            return data or StateData()
        backup = backup_path(self.path)
        if not backup.exists():
            return StateData()
        data = self._read_file(backup)
        if data is None:
            return StateData()
        self.notices.append(f"Using the reading state's backup {backup}.")
        return data

    def pack_state(self, paths: Sequence[Path]) -> PackState:
        """The state of the pack opened with these paths (empty when never opened)."""
        key = pack_key(paths)
        if key not in self._data.packs:
            resolved = sorted({_path_text(path) for path in paths})
            self._data.packs[key] = PackEntry(resolved)
        return PackState(self, key)

    def setting(self, name: str) -> str | None:
        """A choice made in the app for every pack (e.g. ``"theme"``), if one was made."""
        found = self._data.settings.get(name)
        return None if found is None else found[0]

    def set_setting(self, name: str, value: str) -> None:
        """Remember a choice for every pack (written by the next `save`)."""
        old = self._data.settings.get(name)
        if old is not None and old[0] == value:
            return
        self._data.settings[name] = (value, self._stamp(None if old is None else old[1]))
        self._changed()

    @property
    def dirty(self) -> bool:
        """True when there are changes `save` has not written yet."""
        return self._dirty

    def save(self) -> bool:
        """Write the changes (merged with the file as it is now); True when all is saved.

        Cheap when nothing changed. Never raises: a failure is a notice, and the changes are
        kept for the next call.
        """
        if not self._dirty:
            return True
        if self.read_only:
            return False
        try:
            with locked(self.path):
                disk = self._read_disk()
                if self.read_only:
                    return False
                merged = merge_state(disk, self._data)
                atomic_write(self.path, dump_state(merged))
        except OSError as error:
            self.notices.append(f"Could not save the reading state {self.path}: {_reason(error)}.")
            return False
        self._data = merged
        self._dirty = False
        self._generation += 1
        return True

    # For PackState

    def _pack(self, key: str) -> PackEntry:
        pack = self._data.packs.get(key)
        if pack is None:  # a merge never drops a pack, but be safe
            pack = self._data.packs[key] = PackEntry([])
        return pack

    def _stamp(self, *previous: datetime | None) -> datetime:
        """Now, but always later than the entries it replaces (the clock may go back)."""
        now = self._clock()
        for stamp in previous:
            if stamp is not None and now <= stamp:
                now = stamp + _TICK
        return now

    def _changed(self) -> None:
        self._dirty = True
        self._generation += 1


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _nearest(body: str, anchor: str, around: int) -> int | None:
    """The place of `anchor` in `body` nearest to offset `around`, or None."""
    best: int | None = None
    start = body.find(anchor)
    while start != -1:
        if best is None or abs(start - around) < abs(best - around):
            best = start
        start = body.find(anchor, start + 1)
    return best


class PackState:
    """The reading state of one pack: what `StateStore.pack_state` gives.

    Sources are found by id, else (a file saved again, so a new id) by path and title, else
    by path alone when one entry has that path and its text around the position is still in
    the source. Changes are kept in memory until `save`.
    """

    def __init__(self, store: StateStore, key: str) -> None:
        """The pack with this key in the store."""
        self.store = store
        """The store holding the state."""
        self.key = key
        """The pack's key in the file."""
        self._paths: tuple[tuple[int, int], dict[str, list[SourceEntry]], set[str]] | None = None

    def _by_path(
        self, sources: dict[str, SourceEntry]
    ) -> tuple[dict[str, list[SourceEntry]], set[str]]:
        """The live entries by path, and the file names among those paths (made again when
        the store changed)."""
        stamp = (id(sources), self.store._generation)
        if self._paths is None or self._paths[0] != stamp:
            index: dict[str, list[SourceEntry]] = {}
            for entry in sources.values():
                if not entry.gone:
                    index.setdefault(entry.path, []).append(entry)
            names = {os.path.basename(path) for path in index}
            self._paths = (stamp, index, names)
        return self._paths[1], self._paths[2]

    @property
    def paths(self) -> list[str]:
        """The paths the pack was opened with."""
        return list(self.store._pack(self.key).paths)

    def _entry(self, source: Source) -> SourceEntry | None:
        """The entry of `source` (see the class's docstring for how it is found)."""
        sources = self.store._pack(self.key).sources
        return self._entry_in(source, sources, *self._by_path(sources))

    @staticmethod
    def _entry_in(
        source: Source,
        sources: dict[str, SourceEntry],
        by_path: dict[str, list[SourceEntry]],
        names: set[str],
    ) -> SourceEntry | None:
        """The entry of `source` among a pack's entries, by id, else by path (see `_by_path`)."""
        entry = sources.get(source.id)
        if entry is not None:
            return None if entry.gone else entry
        if source.file_name not in names:
            # No entry has the file's name, so none has its path: this skips resolving the
            # path of every new source of a large pack (a system call each). Only a file
            # reached through a link of another name, and saved again since, is not found.
            return None
        same_path = by_path.get(_path_text(source.path), [])
        titled = [e for e in same_path if e.title == source.title]
        if titled:
            return max(titled, key=lambda e: e.updated)
        if len(same_path) == 1 and same_path[0].anchor in source.body:
            return same_path[0]
        return None

    def position(self, source: Source) -> int:
        """Where to resume reading `source`: an offset into its cleaned body (0 if new).

        When the text changed since, the place is found again by the text that followed it.
        """
        entry = self._entry(source)
        if entry is None:
            return 0
        body = source.body
        offset = min(entry.position, len(body))
        if not entry.anchor or body.startswith(entry.anchor, offset):
            return offset
        found = _nearest(body, entry.anchor, entry.position)
        return offset if found is None else found

    def is_read(self, source: Source) -> bool:
        """True when `source` was read to the end or marked read."""
        entry = self._entry(source)
        return entry is not None and entry.read

    def read_flags(self, sources: Iterable[Source]) -> dict[str, bool]:
        """`is_read` of each source, by id, with the pack's entries looked up once (a large
        pack asks for every source)."""
        entries = self.store._pack(self.key).sources
        by_path, names = self._by_path(entries)
        flags: dict[str, bool] = {}
        for source in sources:
            if source.id not in entries and (not names or source.file_name not in names):
                flags[source.id] = False  # most of a large pack: not found by id nor by name
                continue
            entry = self._entry_in(source, entries, by_path, names)
            flags[source.id] = entry is not None and entry.read
        return flags

    def _write(self, source: Source, position: int, read: bool) -> None:
        """Record `source`'s entry; an entry found under an old id becomes a tombstone."""
        pack = self.store._pack(self.key)
        old = self._entry(source)
        offset = max(0, min(position, len(source.body)))
        anchor = source.body[offset : offset + ANCHOR_LENGTH]
        path = _path_text(source.path)
        if (
            old is not None
            and old.id == source.id
            and (old.position, old.anchor, old.read, old.path, old.title)
            == (offset, anchor, read, path, source.title)
        ):
            return  # nothing changed: nothing to save
        now = self.store._stamp(None if old is None else old.updated)
        if old is not None and old.id != source.id:
            pack.sources[old.id] = replace(old, updated=now, gone=True)
        pack.sources[source.id] = SourceEntry(
            source.id, path, source.title, offset, anchor, read, now
        )
        self.store._changed()

    def set_position(self, source: Source, offset: int) -> None:
        """Remember where the reader is in `source` (an offset into its cleaned body)."""
        entry = self._entry(source)
        self._write(source, offset, entry is not None and entry.read)

    def set_read(self, source: Source, read: bool = True) -> None:
        """Mark `source` read or unread."""
        self._write(source, self.position(source), read)

    def open_source(self, sources: Sequence[Source]) -> Source | None:
        """The source open last in this pack, among `sources` (by id, else path and title)."""
        opened = self.store._pack(self.key).open
        if opened is None:
            return None
        for source in sources:
            if source.id == opened.id:
                return source
        same_path = [s for s in sources if _path_text(s.path) == opened.path]
        titled = [s for s in same_path if s.title == opened.title]
        if titled or len(same_path) == 1:
            return (titled or same_path)[0]
        return None

    def set_open_source(self, source: Source) -> None:
        """Remember `source` as the one open in this pack."""
        pack = self.store._pack(self.key)
        path = _path_text(source.path)
        old = pack.open
        if old is not None and (old.id, old.path, old.title) == (source.id, path, source.title):
            return
        now = self.store._stamp(None if old is None else old.updated)
        pack.open = OpenEntry(source.id, path, source.title, now)
        self.store._changed()

    def unread(self, sources: Iterable[Source]) -> list[Source]:
        """The sources not read yet, in the order given."""
        return [source for source in sources if not self.is_read(source)]

    def next_unread(self, sources: Sequence[Source], after: Source | None = None) -> Source | None:
        """The first unread source after `after` in `sources` (wrapping round), else None."""
        start = 0
        if after is not None:
            for index, source in enumerate(sources):
                if source is after or source.id == after.id:
                    start = index + 1
                    break
        ordered = [*sources[start:], *sources[:start]]
        return next((s for s in ordered if s is not after and not self.is_read(s)), None)

    def save(self) -> bool:
        """Write the store's changes (see `StateStore.save`)."""
        return self.store.save()
