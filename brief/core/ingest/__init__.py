"""Reading a briefing pack: files to sources, each form detected by content.

The readers (and the HTML extractor behind them) are imported when the first file is read,
so importing this package costs next to nothing.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from brief.core.ingest.files import MAX_BYTES, MissingPathError, check_paths, read_file, walk
from brief.core.model import Library, Skipped, Source

if TYPE_CHECKING:
    from brief.core.cache import FileKey, LibraryCache
    from brief.core.cache.store import Cached

__all__ = ["Batch", "MissingPathError", "iter_load", "load_paths", "read_bytes", "read_text"]

T = TypeVar("T")
CHUNK = 400
"""Files walked before their cache entries are looked up in one go."""


def read_text(content: str, path: Path) -> list[Source]:
    """Sources from already-decoded text: sanitised, sniffed, read by the right form reader.

    Ids are not assigned here (see `read_bytes`).
    """
    from brief.core.ingest import reading

    return reading.read_text(content, path)


def read_bytes(data: bytes, path: Path, size: int | None = None) -> list[Source] | str:
    """Sources from a file's bytes, with ids from the content; or a one-line reason to skip."""
    from brief.core.ingest import reading

    return reading.read_bytes(data, path, size)


@dataclass
class Batch:
    """Sources and skipped files read since the previous batch (see `iter_load`)."""

    sources: list[Source] = field(default_factory=list)
    """Sources read, in walking order, duplicates left out."""
    skipped: list[Skipped] = field(default_factory=list)
    """Files that could not be read, each with its reason."""

    def __bool__(self) -> bool:
        return bool(self.sources or self.skipped)


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
        result = read_bytes(got.data, path, got.size)
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
    they were cached are not read at all, and what is read is stored for next time.
    Raises MissingPathError only when a named path does not exist at all.
    """
    check_paths(paths)
    ids: dict[str, Source] = {}
    batch = Batch()
    last = time.monotonic()
    collector = _Collector(cache is not None)
    try:
        collector.pause()
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
                    batch.skipped.append(Skipped(item.path, item.reason))
                    continue
                result = hits.get(key.absolute) if key is not None else None
                if result is None:
                    with collector.running():
                        result = _read_one(item.path, limit, cache, key)
                if isinstance(result, str):
                    batch.skipped.append(Skipped(item.path, result))
                else:
                    for source in result:
                        if source.id in ids:
                            reason = f"same content as {ids[source.id].path} (shown once)"
                            batch.skipped.append(Skipped(item.path, reason))
                            continue
                        ids[source.id] = source
                        batch.sources.append(source)
                if time.monotonic() - last >= interval and batch:
                    with collector.running():
                        yield batch
                    batch = Batch()
                    last = time.monotonic()
    finally:
        collector.resume()
    if batch:
        yield batch


class _Collector:
    """Holds Python's cycle collector while cached sources are listed (tens of thousands of
    objects made at once, which otherwise cost a third more in collections that free nothing),
    and lets it run while files are read and while the caller has a batch."""

    def __init__(self, wanted: bool) -> None:
        self.wanted = wanted and gc.isenabled()

    def pause(self) -> None:
        if self.wanted:
            gc.disable()

    def resume(self) -> None:
        if self.wanted:
            gc.enable()

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """The collector running for the duration of the block."""
        self.resume()
        try:
            yield
        finally:
            self.pause()


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
