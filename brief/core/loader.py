"""Loading a briefing pack: its files walked, read or found in the cache, in batches."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from brief.core import collector, ingest
from brief.core.ingest.files import MAX_BYTES, Stamp, read_file, stamp_of, walk
from brief.core.model import Library, Skipped, Source
from brief.core.ordering import date_order, positions
from brief.core.paths import MissingPathError, check_paths

if TYPE_CHECKING:
    from brief.core.cache import FileKey, LibraryCache
    from brief.core.cache.listing import ListedRow
    from brief.core.cache.store import Cached

__all__ = ["Batch", "MissingPathError", "Recalled", "iter_load", "load_paths", "recall"]

T = TypeVar("T")
CHUNK = 400
"""Files walked before their cache entries are looked up in one go."""


@dataclass
class Batch:
    """Sources and skipped files read since the previous batch (see `iter_load`)."""

    sources: list[Source] = field(default_factory=list)
    """Sources read, in walking order, duplicates left out."""
    skipped: list[Skipped] = field(default_factory=list)
    """Files that could not be read, each with its reason."""

    def __bool__(self) -> bool:
        return bool(self.sources or self.skipped)


class _Gathering:
    """Files' sources gathered into batches in walking order, each content once."""

    def __init__(self) -> None:
        self.batch = Batch()
        self.ids: dict[str, Source] = {}

    def add(self, path: Path | str, result: Cached) -> None:
        """A file's sources (those not already read from another file), or why it is skipped."""
        batch = self.batch
        if isinstance(result, str):
            batch.skipped.append(Skipped(Path(path), result))
            return
        ids = self.ids
        for source in result:
            if source.id in ids:
                reason = f"same content as {ids[source.id].path} (shown once)"
                batch.skipped.append(Skipped(Path(path), reason))
                continue
            ids[source.id] = source
            batch.sources.append(source)

    def take(self) -> Batch:
        """The batch gathered since the last one taken."""
        batch, self.batch = self.batch, Batch()
        return batch


def _read_one(path: Path, limit: int, cache: LibraryCache | None, key: FileKey | None) -> Cached:
    """One file's sources, or why it is skipped: from the cache by content, else read."""
    got = read_file(path, limit)
    if got.error:
        return got.error
    digest = ""
    if cache is not None and key is not None:
        from brief.core.cache import content_digest

        digest = content_digest(got.data, got.size)
        found = cache.lookup_content(key, digest)
        if found is not None:
            return found
        cache.stats.misses += 1
    try:
        result = ingest.read_bytes(got.data, path, got.size)
    except RecursionError:
        result = "too deeply nested to read"
    if digest and key is not None and cache is not None:
        result = cache.store(key, digest, result)
    return result


def iter_load(
    paths: Sequence[Path],
    limit: int = MAX_BYTES,
    cache: LibraryCache | None = None,
    interval: float = 0.1,
) -> Iterator[Batch]:
    """Read every file under the given paths, yielding what was read in batches.

    A batch comes at least every `interval` seconds while files are being read (and one at
    the end), so a caller can show sources as they come. With a cache, files unchanged since
    they were cached are not read at all, and what is read is stored for next time; once
    every file is read, the pack's listing is kept too (see `recall`).
    Raises MissingPathError only when a named path does not exist at all.
    """
    check_paths(paths)
    gathering = _Gathering()
    listed: list[ListedRow] | None = [] if cache is not None else None
    last = time.monotonic()
    if cache is not None:
        from brief.core.cache.listing import listed_row

        cache.begin_listing()
    # Cached sources are listed with the collector off (tens of thousands of lasting objects
    # at once, which otherwise cost a third more in passes that free nothing); it runs while
    # files are read and while the caller has a batch.
    holding = cache is not None
    running = collector.running if holding else contextlib.nullcontext
    with collector.held(settle=False) if holding else contextlib.nullcontext():
        for chunk in _chunks(walk(paths), CHUNK):
            keys: list[FileKey | None] = [None] * len(chunk)
            hits: dict[str, Cached] = {}
            if cache is not None:
                from brief.core.cache import FileKey

                for at, item in enumerate(chunk):
                    if item.info is not None:
                        keys[at] = FileKey.of(item.path, item.info, limit)
                hits = cache.lookup([key for key in keys if key is not None])
            for item, key in zip(chunk, keys, strict=True):
                if item.info is None:
                    result: Cached = item.reason
                else:
                    found = hits.get(key.absolute) if key is not None else None
                    if found is None:
                        with running():
                            found = _read_one(item.path, limit, cache, key)
                    result = found
                gathering.add(item.path, result)
                if listed is not None:
                    stamp = None if item.info is None else stamp_of(item.info)
                    row = listed_row(str(item.path), stamp, result)
                    if row is None:
                        listed = None  # a file not tied to the cache: no listing is kept
                    else:
                        listed.append(row)
                if time.monotonic() - last >= interval and gathering.batch:
                    with running():
                        yield gathering.take()
                    last = time.monotonic()
    if cache is not None and listed is not None:
        ids = gathering.ids  # every source, in order: sorted only if the listing is written
        cache.remember(paths, limit, listed, lambda: date_order(list(ids.values())))
    if gathering.batch:
        yield gathering.take()


@dataclass
class Recalled:
    """A pack as it was last read with the cache, before any of its files is looked at."""

    library: Library
    """Its sources and skipped files then."""
    stamps: dict[str, Stamp]
    """Its files' stamps then, by path (compared with the files' own to find what changed)."""


def recall(paths: Sequence[Path], cache: LibraryCache, limit: int = MAX_BYTES) -> Recalled | None:
    """The pack as it was last read by this version of the readers (see `iter_load`), from its
    listing kept in the cache: shown at once while its files are checked. None when the cache
    has no listing of it."""
    with collector.held():
        recalled = cache.recall(paths, limit)
        if recalled is None:
            return None
        files, stamps, order = recalled
        gathering = _Gathering()
        for path, result in files:
            gathering.add(path, result)
        batch = gathering.take()
        kept = positions(order, len(batch.sources))
        return Recalled(Library(batch.sources, batch.skipped, kept), stamps)


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of up to `size` items."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def load_paths(
    paths: Sequence[Path], limit: int = MAX_BYTES, cache: LibraryCache | None = None
) -> Library:
    """Read every file under the given paths into a library; nothing here raises for bad input.

    With a cache, unchanged files come from it (see `iter_load`).
    Raises MissingPathError only when a named path does not exist at all.
    """
    library = Library()
    for batch in iter_load(paths, limit, cache, interval=float("inf")):
        library.sources.extend(batch.sources)
        library.skipped.extend(batch.skipped)
    return library
