"""Sources listed from the cache: the body and raw lines are read from it when first used."""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.core.model import Block, RawLine, Source, SourceVariant

LAZY: list[Any] = []
"""Stands for a field not read from the cache yet (compared by identity, never filled)."""

Fetch = Callable[["Entry", str], list[list[Any]] | None]
"""Reads one column of an entry for every source of it ("blocks" or "raw"); None when gone."""
Reread = Callable[["Entry"], list[Source] | None]
"""Reads an entry's file again, for when its cached column cannot be had."""


@dataclass(eq=False)
class Entry:
    """One cached file's sources, sharing what is read for them."""

    id: int
    """The entry's row in the cache."""
    digest: str
    """The hash of the content it was made from."""
    file: Path | str
    """The file it was read from: its path, or the path's text until first asked for as one
    (see `path`)."""
    limit: int
    """How many bytes of the file are read."""
    fetch: Fetch
    """Reads a column of this entry from the cache."""
    reread: Reread
    """Reads the file again when the cache no longer has the entry."""
    refs: list[weakref.ref[CachedSource]] = field(default_factory=list)
    """The sources of the file, in order, held weakly: a source no longer listed is freed, and
    an entry and its sources make no reference cycle (which a frozen collector would keep)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while a column is read, so two threads do not read it twice."""
    position: int = -1
    """Where the entry came in the listing of the pack (-1: not listed from the cache)."""

    @property
    def path(self) -> Path:
        """The file it was read from. A pack listed from the cache makes this `Path` only when
        it is asked for: making 100,000 of them took a fifth of listing a large pack."""
        file = self.file
        if isinstance(file, str):
            file = self.file = Path(file)
        return file

    def add(self, source: CachedSource) -> None:
        """Make `source` the entry's next source."""
        self.refs.append(weakref.ref(source))

    @property
    def sources(self) -> list[CachedSource]:
        """The entry's sources still in use, in order."""
        return [source for ref in self.refs if (source := ref()) is not None]

    def lazy(self, name: str) -> bool:
        """True while column `name` has not been read for the entry's sources (in use)."""
        sources = self.sources
        return bool(sources) and sources[0].__dict__[name] is LAZY

    def fill(self, name: str) -> None:
        """Read column `name` ("blocks" or "raw") for every source of the entry."""
        with self.lock:
            if not self.lazy(name):
                return
            values = self.fetch(self, name)
            if values is None or len(values) != len(self.refs):
                values = self._from_file(name)
            self._set(name, values)

    def release(self) -> None:
        """Let the blocks go once every source of the entry has made its body from them (the
        body stays): they are read from the cache again if wanted. Indexing a large pack
        this way holds one body per source, not its blocks as well."""
        with self.lock:
            sources = self.sources
            made = all("body" in source.__dict__ for source in sources)
            if sources and made and not self.lazy("blocks"):
                for source in sources:
                    source.__dict__["blocks"] = LAZY

    def give(self, name: str, values: list[list[Any]]) -> None:
        """Column `name` read along with another entry's: kept unless being read already."""
        if len(values) != len(self.refs) or not self.lock.acquire(blocking=False):
            return
        try:
            if self.lazy(name):
                self._set(name, values)
        finally:
            self.lock.release()

    def _set(self, name: str, values: list[list[Any]]) -> None:
        """Column `name` given to the sources in use, by their places in the file."""
        for ref, value in zip(self.refs, values, strict=True):
            source = ref()
            if source is not None:
                source.__dict__[name] = value

    def _from_file(self, name: str) -> list[list[Any]]:
        """The column read from the file itself; empty for a source whose content changed."""
        fresh = {source.id: source for source in self.reread(self) or []}
        values: list[list[Any]] = []
        for ref in self.refs:
            source = ref()
            again = None if source is None else fresh.get(source.id)
            if again is None:
                if name == "blocks" and source is not None:
                    source.warnings.append("the file changed after it was listed; reopen it")
                values.append([])
            else:
                values.append(getattr(again, name))
        return values


class CachedSource(SourceVariant):
    """A `Source` whose `blocks` and `raw` are read from the cache on first use.

    It equals the source it was made from, field by field. Listing a pack needs only titles,
    outlets and dates, so a large pack lists without decoding any body.
    """

    entry: Entry | None = None
    """Where the lazy fields come from (set right after construction)."""

    @classmethod
    def listed(cls, entry: Entry, fields: dict[str, Any]) -> CachedSource:
        """A source of `entry` from its decoded metadata (every field of `Source` but the path,
        which is the entry's), its body and raw lines left to be read; made without `__init__`,
        which is most of the cost of listing a large pack. `fields` becomes the source's own."""
        source = cls.__new__(cls)
        fields.update(blocks=LAZY, raw=LAZY, entry=entry)
        source.__dict__ = fields
        return source

    @property
    def path(self) -> Path:
        """The file the source was read from: its entry's, unless set."""
        value = self.__dict__.get("path")
        if value is None:
            if self.entry is None:
                raise AttributeError("path")
            value = self.__dict__["path"] = self.entry.path
        return value

    @path.setter
    def path(self, value: Path) -> None:
        self.__dict__["path"] = value

    @property
    def file_name(self) -> str:
        """The name of the file the source was read from (its path not made for it)."""
        entry = self.entry
        if "path" not in self.__dict__ and entry is not None:
            file = entry.file
            if type(file) is str:
                return file.rpartition(os.sep)[2]  # absolute, as the walk made it
        return self.path.name

    def _lazy(self, name: str) -> Any:
        value = self.__dict__[name]
        while value is LAZY:  # again if another thread released it meanwhile (see `release`)
            if self.entry is None:
                self.__dict__[name] = value = []
            else:
                self.entry.fill(name)
                value = self.__dict__[name]
        return value

    def release(self) -> None:
        """Let the blocks go if the body is made (see `Entry.release`)."""
        if self.entry is not None:
            self.entry.release()

    @property
    def blocks(self) -> list[Block]:
        """The cleaned body, block by block, read from the cache when first asked for."""
        value: list[Block] = self._lazy("blocks")
        return value

    @blocks.setter
    def blocks(self, value: list[Block]) -> None:
        self.__dict__["blocks"] = value

    @property
    def raw(self) -> list[RawLine]:
        """The whole source as lines, read from the cache when first asked for."""
        value: list[RawLine] = self._lazy("raw")
        return value

    @raw.setter
    def raw(self, value: list[RawLine]) -> None:
        self.__dict__["raw"] = value


def releasing(sources: list[Source]) -> Iterator[Source]:
    """The sources one by one, each letting its blocks go once the next is asked for (its body
    is made by then: see `CachedSource.release`), so indexing holds bodies, not blocks too."""
    for source in sources:
        yield source
        if isinstance(source, CachedSource):
            source.release()
