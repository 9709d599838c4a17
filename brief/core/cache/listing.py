"""A pack's listing as last read: each file's stamp and what it read as, to show it at once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from brief.core.cache.codec import CorruptEntry
from brief.core.cache.columns import decode_columns, encode_columns
from brief.core.cache.lazy import CachedSource
from brief.core.ingest.files import Stamp
from brief.core.model import Source
from brief.core.text import utf8


class Read(NamedTuple):
    """What a listed file read as: the cache entry of its sources (a tuple: a large pack
    lists 100,000 of these)."""

    entry: int
    """The entry's id in the cache."""
    digest: str
    """The hash of the content the entry was made from."""
    fields: list[dict[str, Any]]
    """Its sources' metadata, decoded: keyword arguments for `Source` (see `columns`)."""


Row = tuple[str, Stamp | None, Read | str]
"""One file as listed, in walking order: its path as walked, its stamp (None when it could not
be looked at), what it read as or why it was skipped."""


class Listed(NamedTuple):
    """What a file just listed read as: its sources, tied to their cache entry."""

    entry: int
    """The entry's id in the cache."""
    digest: str
    """The hash of the content the entry was made from."""
    sources: list[Source]
    """The file's sources, in order."""


ListedRow = tuple[str, Stamp | None, Listed | str]
"""A file as just listed (see `Row`)."""
Listing = Sequence[ListedRow]
"""A pack as just listed, file by file in walking order."""


UNSURE = -1
"""The modification time kept for a file changed too recently to be sure of (it may change again
within its clock tick): no file has it, so the file is looked at again."""
NO_STAMP = [-1, -1, -1]
"""The stamp kept for a file that could not be looked at (no file has a size of -1)."""


def listed_row(path: str, stamp: Stamp | None, result: list[Source] | str) -> ListedRow | None:
    """A file as just listed, from what it read as; None when its sources are not tied to a
    cache entry (the cache failed meanwhile), so that no listing of the pack can be kept."""
    if isinstance(result, str):
        return path, stamp, result
    entry = result[0].entry if isinstance(result[0], CachedSource) else None
    if entry is None:
        return None
    return path, stamp, Listed(entry.id, entry.digest, result)


def _sure(stamp: Stamp, recent_ns: int) -> tuple[int, int, int]:
    """A stamp as kept: `UNSURE` for the time of a file modified at `recent_ns` or later."""
    size, mtime, ctime = stamp
    return size, UNSURE if mtime >= recent_ns else mtime, ctime


def fingerprint(rows: Listing, recent_ns: int) -> str:
    """What tells two listings apart: the files, their stamps and their entries (an entry's
    sources never change, so their metadata need not be looked at)."""
    digest = hashlib.sha256()
    for path, stamp, outcome in rows:
        kept = None if stamp is None else _sure(stamp, recent_ns)
        read = outcome if isinstance(outcome, str) else (outcome.entry, outcome.digest)
        digest.update(utf8(f"{path}\0{kept}\0{read}\n"))
    return digest.hexdigest()


def encode(rows: Listing, recent_ns: int, order: list[int]) -> dict[str, Any]:
    """A listing as JSON values, column by column (read back in a fraction of the time rows
    take); files modified at `recent_ns` or later kept as `UNSURE`; `order`: the pack's
    sources newest first (see `ordering.date_order`), kept as it is."""
    paths: list[str] = []
    stamps: list[int] = []
    outcomes: list[int | str] = []
    digests: list[str] = []
    counts: list[int] = []
    listed: list[Source] = []
    for path, stamp, outcome in rows:
        paths.append(path)
        stamps += NO_STAMP if stamp is None else _sure(stamp, recent_ns)
        if isinstance(outcome, str):
            outcomes.append(outcome)
        else:
            outcomes.append(outcome.entry)
            digests.append(outcome.digest)
            counts.append(len(outcome.sources))
            listed += outcome.sources
    return {"paths": paths, "stamps": stamps, "outcomes": outcomes, "digests": digests,
            "counts": counts, "sources": encode_columns(listed), "order": order}  # fmt: skip


def decode(value: object) -> tuple[Iterator[Row], object]:
    """The rows of `encode`, checked, CorruptEntry (before any row) when they are not; and the
    order kept with them, unchecked (see `ordering.positions`)."""
    if not isinstance(value, dict):
        raise CorruptEntry("a listing is a mapping of columns")
    paths, stamps, outcomes, digests, counts = (
        value.get(name) for name in ("paths", "stamps", "outcomes", "digests", "counts")
    )
    if not (
        isinstance(paths, list)
        and isinstance(stamps, list)
        and isinstance(outcomes, list)
        and isinstance(digests, list)
        and isinstance(counts, list)
    ):
        raise CorruptEntry("a listing's columns are lists")
    count = len(paths)
    read = sum(1 for outcome in outcomes if type(outcome) is int)
    if (
        len(stamps) != 3 * count
        or len(outcomes) != count
        or len(digests) != read
        or len(counts) != read
        or not all(type(path) is str for path in paths)
        or not all(type(number) is int for number in stamps)
        or not all(type(outcome) is str for outcome in outcomes if type(outcome) is not int)
        or not all(type(digest) is str for digest in digests)
        or not all(type(number) is int and number > 0 for number in counts)
    ):
        raise CorruptEntry("a listing's columns do not match")
    fields = decode_columns(value.get("sources"), sum(counts))
    return _rows(paths, stamps, outcomes, digests, counts, fields), value.get("order")


def _rows(
    paths: list[str],
    stamps: list[int],
    outcomes: list[Any],
    digests: list[str],
    counts: list[int],
    fields: list[dict[str, Any]],
) -> Iterator[Row]:
    numbers = iter(stamps)
    triples = zip(numbers, numbers, numbers, strict=False)  # their count was checked
    reads = zip(digests, counts, strict=True)
    at = 0
    for path, outcome, stamp in zip(paths, outcomes, triples, strict=True):
        kept = None if stamp[0] == -1 else stamp
        if type(outcome) is int:
            digest, number = next(reads)
            yield path, kept, Read(outcome, digest, fields[at : at + number])
            at += number
        else:
            yield path, kept, outcome
