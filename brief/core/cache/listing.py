"""A pack's listing as last read: each file's stamp and what it read as, to show it at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from brief.core.cache.codec import CorruptEntry
from brief.core.ingest.files import Stamp


@dataclass(frozen=True, slots=True)
class Read:
    """What a listed file read as: the cache entry of its sources."""

    entry: int
    """The entry's id in the cache."""
    digest: str
    """The hash of the content the entry was made from."""
    metas: list[Any]
    """Its sources' metadata, as `codec.encode_meta` gives it."""


Row = tuple[str, Stamp | None, Read | str]
"""One file as listed, in walking order: its path as walked, its stamp (None when it could not
be looked at), what it read as or why it was skipped."""


UNSURE = -1
"""The modification time kept for a file changed too recently to be sure of (it may change again
within its clock tick): no file has it, so the file is looked at again."""


def encode(rows: Sequence[Row], recent_ns: int) -> list[object]:
    """A listing as JSON values; files modified at `recent_ns` or later kept as `UNSURE`."""
    return [
        [
            path,
            None if stamp is None else _sure(stamp, recent_ns),
            outcome if isinstance(outcome, str) else [outcome.entry, outcome.digest, outcome.metas],
        ]
        for path, stamp, outcome in rows
    ]


def _sure(stamp: Stamp, recent_ns: int) -> list[int]:
    size, mtime, ctime = stamp
    return [size, UNSURE if mtime >= recent_ns else mtime, ctime]


def decode(value: object) -> list[Row]:
    """The rows of `encode`, checked; CorruptEntry when they are not."""
    if not isinstance(value, list):
        raise CorruptEntry("a listing is a list")
    rows: list[Row] = []
    try:
        for path, stamp, outcome in value:
            if not isinstance(path, str):
                raise CorruptEntry("a listed path is text")
            rows.append((path, _stamp(stamp), _outcome(outcome)))
    except (TypeError, ValueError):
        raise CorruptEntry("a listed file is three values") from None
    return rows


def _stamp(value: object) -> Stamp | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 3:
        raise CorruptEntry("a stamp is three numbers")
    size, mtime, inode = value
    if not (type(size) is int and type(mtime) is int and type(inode) is int):
        raise CorruptEntry("a stamp is three numbers")
    return size, mtime, inode


def _outcome(value: object) -> Read | str:
    if isinstance(value, str):
        return value
    if not isinstance(value, list) or len(value) != 3:
        raise CorruptEntry("a listed file's sources are an entry, a hash and metadata")
    entry, digest, metas = value
    if type(entry) is not int or not isinstance(digest, str) or not isinstance(metas, list):
        raise CorruptEntry("a listed file's sources are an entry, a hash and metadata")
    if not metas:
        raise CorruptEntry("a listed file has no sources")
    return Read(entry, digest, metas)
