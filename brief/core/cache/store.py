"""The library cache on disk: SQLite in the user's cache folder, rebuilt whenever in doubt."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from brief import __version__
from brief.core.cache import codec, listing
from brief.core.cache.lazy import LAZY, CachedSource, Entry
from brief.core.durable import locked, move_aside
from brief.core.ingest.files import Stamp
from brief.core.model import Source
from brief.core.text import storable

if TYPE_CHECKING:
    from brief.core.timeline import Event

CACHE_ENV = "BRIEF_CACHE"
"""The environment variable naming the cache folder (tests point it at a temporary one)."""
SCHEMA = 1
"""The layout of the tables; part of the file name, so two versions of brief never collide."""
APPLICATION_ID = 0x62726631
"""SQLite's application id of brief's cache ("brf1"): any other database is foreign."""
INGEST_VERSION = 1
"""Bump when reading or cleaning changes what a file gives: every file is read again.

The code of the reading modules is fingerprinted too (see `code_fingerprint`), so this is a
belt to those braces, for changes made outside `brief/core` (a new trafilatura, say).
"""
BUSY_SECONDS = 5.0
"""How long to wait for another brief process writing the cache before doing without it."""
STALE_SECONDS = 7 * 24 * 3600
"""Entries made by a reader version not used for this long are deleted."""
RACY_NS = 3_000_000_000
"""A file modified this recently may change again within its clock tick: checked by hash."""
CHUNK = 400
"""Ids or paths looked up in one query."""


def _in_chunks(values: Sequence[Any]) -> Iterator[tuple[Sequence[Any], str]]:
    """`values` a query's worth at a time, each with its `IN (...)` placeholders."""
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        yield chunk, f"({','.join('?' * len(chunk))})"


READAHEAD = 256
"""Entries whose bodies are read in one go when bodies are asked for in listing order."""

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    lim INTEGER NOT NULL,
    digest TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS files_digest ON files(digest);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL,
    version TEXT NOT NULL,
    name TEXT NOT NULL,
    skipped TEXT,
    meta TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS entries_key ON entries(digest, version, name);
CREATE TABLE IF NOT EXISTS bodies (
    id INTEGER PRIMARY KEY,
    blocks BLOB NOT NULL,
    raw BLOB NOT NULL,
    events BLOB
);
CREATE TRIGGER IF NOT EXISTS entries_gone AFTER DELETE ON entries
    BEGIN DELETE FROM bodies WHERE id = old.id; END;
CREATE TABLE IF NOT EXISTS versions (
    version TEXT PRIMARY KEY,
    seen INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS listings (
    pack TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    seen INTEGER NOT NULL,
    digest TEXT NOT NULL,
    rows BLOB NOT NULL
) WITHOUT ROWID
"""
"""Files (by absolute path, with what their stat said) point at entries (by content hash and
reader version): a file's sources (metadata in `entries`, the large columns in `bodies`, so
listing a pack reads small rows only), or why it was skipped. An entry's ``name`` is the file
name when a source's title came from it (the entry then serves only files of that name), else
empty. `versions` says when each reader version was last used, for pruning. `listings` holds
each pack's listing as last read (see `remember`), so that it can be shown before its files are
looked at."""
LISTINGS_SQL = SCHEMA_SQL[SCHEMA_SQL.index("CREATE TABLE IF NOT EXISTS listings") :]
"""The table of listings, added to caches made before it."""


def default_cache_dir() -> Path:
    """``$BRIEF_CACHE``, else the user's cache folder for brief (platformdirs)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    return platformdirs.user_cache_path("brief")


READING_PARTS = frozenset(
    {
        "clean",
        "ingest",
        "timeline",
        "model.py",
        "text.py",
        "language.py",
        "dates.py",
        "ordering.py",
        "native.py",
    }
)
"""The packages and modules of `brief.core` whose code decides what a file reads as, the
events it holds and the order a pack's listing keeps. Only they are fingerprinted, so an edit
to the reading state, the config or the search leaves every user's cache alone (a test checks
they import nothing else of the core but the cache)."""


def _reading_modules() -> Iterator[Path]:
    """The source files whose code decides what a file reads as."""
    core = Path(__file__).resolve().parent.parent
    for path in sorted(core.rglob("*.py")):
        if path.relative_to(core).parts[0] in READING_PARTS:
            yield path


_fingerprint: str | None = None


def code_fingerprint() -> str:
    """A hash of brief's version and of the code that reads and cleans files (computed once)."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(__version__.encode())
        for path in _reading_modules():
            with contextlib.suppress(OSError):
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


def reader_version() -> str:
    """What cached entries must have been made by to be used: version constant and code hash."""
    return f"{INGEST_VERSION}-{code_fingerprint()}"


def content_digest(data: bytes, size: int) -> str:
    """The cache's key for a file's content: SHA-256 of the bytes read (and the full size when
    only part was read, since warnings name it)."""
    digest = hashlib.sha256(data).hexdigest()
    return digest if size <= len(data) else f"{digest}+{size}"


@dataclass(frozen=True, slots=True)
class FileKey:
    """A file as its stat describes it: unchanged while these are."""

    path: Path
    """The file as walked."""
    absolute: str
    """Its absolute path (without resolving links: one key per way of naming it)."""
    size: int
    """Size in bytes."""
    mtime_ns: int
    """Modification time in nanoseconds."""
    inode: int
    """Inode number: a replaced file gets a new one."""
    limit: int
    """How many bytes of it are read."""

    @classmethod
    def of(cls, path: Path, info: os.stat_result, limit: int) -> FileKey:
        """The key of a file from its stat."""
        absolute = storable(os.path.abspath(path))
        return cls(path, absolute, info.st_size, info.st_mtime_ns, info.st_ino, limit)

    @property
    def name(self) -> str:
        """The file's name, as the cache keeps it."""
        return storable(self.path.name)


@dataclass
class CacheStats:
    """What the cache did in this run: counted so tests and benchmarks can see it."""

    hits: int = 0
    """Files listed from the cache without being read (same size, time and inode)."""
    content_hits: int = 0
    """Files read and hashed, then found in the cache by content."""
    misses: int = 0
    """Files read through the readers."""
    stored: int = 0
    """Files whose reading was written to the cache."""
    recalled: int = 0
    """Files listed from the pack's kept listing, before any file was looked at."""


Cached = list[Source] | str
"""A file's sources from the cache, or why it was skipped."""


@dataclass
class LibraryCache:
    """Ingested sources kept between runs, keyed by file and by content.

    Never fatal: a cache that cannot be opened or written is done without (see `notices`);
    a damaged one is deleted and a foreign database moved aside, then a new one made.
    Safe across threads (one lock) and processes (SQLite's WAL, a busy timeout).
    """

    directory: Path = field(default_factory=default_cache_dir)
    """The folder of the cache file."""
    version: str = field(default_factory=reader_version)
    """The reader version entries must match."""
    stats: CacheStats = field(default_factory=CacheStats)
    """Hits and misses of this run."""
    notices: list[str] = field(default_factory=list)
    """Problems met (the cache rebuilt or done without), one line each, for the user."""

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._disabled = False
        self._listed: list[Entry] = []
        self._next_read = -1

    @property
    def path(self) -> Path:
        """The cache file."""
        return self.directory / f"library-v{SCHEMA}.sqlite"

    # Opening -----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        """The open database, opened (and made or rebuilt) on first use; None when unusable."""
        if self._opened:
            return self._db
        self._opened = True
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            with locked(self.path):
                self._db = self._open(retry=True)
        except (OSError, sqlite3.Error) as error:
            self._db = None
            self.notices.append(f"library cache not used ({_reason(error)})")
        return self._db

    def _open(self, retry: bool) -> sqlite3.Connection:
        """Open the file, check it is brief's cache of this schema, else rebuild it once."""
        fresh = not self.path.exists()
        db = sqlite3.connect(
            self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
        )
        if fresh:
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)
        try:
            problem = self._check(db)
        except sqlite3.OperationalError as error:
            if "no such" not in str(error):
                db.close()
                raise
            problem = "damaged"
        except sqlite3.DatabaseError:
            problem = "damaged"
        if problem is None:
            return db
        db.close()
        if not retry:
            raise sqlite3.DatabaseError(f"cache still {problem} after rebuilding")
        if problem == "foreign":
            moved = move_aside(self.path, "foreign")
            self.notices.append(f"a file that is not brief's cache was moved aside: {moved}")
        else:
            self.notices.append(f"the library cache was {problem}; it is rebuilt")
        _delete(self.path)
        return self._open(retry=False)

    def _check(self, db: sqlite3.Connection) -> str | None:
        """None when `db` is a usable cache (made now if empty), else what is wrong with it."""
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        app = db.execute("PRAGMA application_id").fetchone()[0]
        schema = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app == 0 and schema == 0 and tables == 0:
            db.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA_SQL.split(";\n"):
                db.execute(statement)
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={SCHEMA}")
            db.execute("COMMIT")
        elif app != APPLICATION_ID:
            return "foreign"
        elif schema != SCHEMA:
            return "of another version"
        elif db.execute("SELECT 1 FROM sqlite_master WHERE name = 'listings'").fetchone() is None:
            with _writing(db):
                db.execute(LISTINGS_SQL)
        db.execute("SELECT path, name, size, mtime_ns, inode, lim, digest FROM files LIMIT 1")
        db.execute("SELECT id, digest, version, name, skipped, meta FROM entries LIMIT 1")
        db.execute("SELECT id, blocks, raw, events FROM bodies LIMIT 1")
        db.execute("SELECT pack, version, seen, digest, rows FROM listings LIMIT 1")
        self._prune(db)
        return None

    def _prune(self, db: sqlite3.Connection) -> None:
        """Note this reader version as used (hourly); delete entries of versions long unused."""
        now = int(time.time())
        seen = db.execute("SELECT seen FROM versions WHERE version = ?", (self.version,))
        row = seen.fetchone()
        if row is not None and 0 <= now - row[0] < 3600:
            return
        with _writing(db):
            db.execute(
                "INSERT OR REPLACE INTO versions (version, seen) VALUES (?, ?)",
                (self.version, now),
            )
            old = db.execute("SELECT version FROM versions WHERE seen < ?", (now - STALE_SECONDS,))
            for (version,) in old.fetchall():
                db.execute("DELETE FROM entries WHERE version = ?", (version,))
                db.execute("DELETE FROM versions WHERE version = ?", (version,))
            db.execute("DELETE FROM listings WHERE seen < ?", (now - STALE_SECONDS,))

    def _failed(self, error: sqlite3.Error) -> None:
        """Stop using the cache for this run; a damaged file is deleted so the next run rebuilds."""
        self._disabled = True
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            db.close()
        if isinstance(error, sqlite3.OperationalError):
            self.notices.append(f"library cache not used ({_reason(error)})")
        else:
            _delete(self.path)
            self.notices.append("the library cache was damaged; it is rebuilt next time")

    @contextlib.contextmanager
    def _using(self) -> Iterator[sqlite3.Connection | None]:
        """The database under the lock, or None; an SQLite error turns the cache off."""
        with self._lock:
            db = None if self._disabled else self._connection()
            try:
                yield db
            except sqlite3.Error as error:
                self._failed(error)

    # Reading -----------------------------------------------------------------------------

    def lookup(self, keys: Sequence[FileKey]) -> dict[str, Cached]:
        """The files whose stat is unchanged since they were cached, by absolute path."""
        found: dict[str, Cached] = {}
        by_path = {key.absolute: key for key in keys}
        paths = list(by_path)
        with self._using() as db:
            if db is None:
                return found
            for chunk, marks in _in_chunks(paths):
                rows = db.execute(
                    "SELECT f.path, f.size, f.mtime_ns, f.inode, f.lim, e.id, e.digest, "
                    "e.skipped, e.meta FROM files f JOIN entries e ON e.digest = f.digest "
                    "AND e.version = ? AND (e.name = '' OR e.name = f.name) "
                    f"WHERE f.path IN {marks}",
                    [self.version, *chunk],
                ).fetchall()
                for path, size, mtime_ns, inode, lim, entry, digest, skipped, meta in rows:
                    key = by_path[path]
                    if (
                        size != key.size
                        or mtime_ns != key.mtime_ns
                        or inode != key.inode
                        or lim != key.limit
                    ):
                        continue
                    cached = self._entry(key, entry, digest, skipped, meta)
                    if cached is not None:
                        found[path] = cached
                        self.stats.hits += 1
        return found

    def lookup_content(self, key: FileKey, digest: str) -> Cached | None:
        """A file's sources found by its content's hash (and remembered for its stat)."""
        with self._using() as db:
            if db is None:
                return None
            row = db.execute(
                "SELECT id, skipped, meta FROM entries WHERE digest = ? AND version = ? "
                "AND name IN ('', ?) ORDER BY name DESC LIMIT 1",
                (digest, self.version, key.name),
            ).fetchone()
            if row is None:
                return None
            cached = self._entry(key, row[0], digest, row[1], row[2])
            if cached is None:
                return None
            with _writing(db):
                self._write_file(db, key, digest)
            self.stats.content_hits += 1
            return cached
        return None

    def _entry(
        self, key: FileKey, entry_id: int, digest: str, skipped: str | None, meta: str
    ) -> Cached | None:
        """The cached reading of a file, or None (the entry deleted) when it does not decode."""
        if skipped is not None:
            return skipped
        try:
            rows = json.loads(meta)
            if not isinstance(rows, list) or not rows:
                raise codec.CorruptEntry("no sources")
            fields = [codec.decode_meta(row) for row in rows]
            return self._sources_of(key.path, key.limit, entry_id, digest, fields)
        except (ValueError, TypeError, RecursionError):
            self._drop(entry_id)
            return None

    def _sources_of(
        self,
        path: Path | str,
        limit: int,
        entry_id: int,
        digest: str,
        fields: list[dict[str, Any]],
    ) -> list[Source]:
        """The sources of an entry from their decoded metadata (each dict becomes a source's
        own: see `codec.decode_meta`), bodies left in the cache. `path`: the file's, or its
        text (made a `Path` when first asked for)."""
        entry = Entry(entry_id, digest, path, limit, self._fetch, _reread)
        sources: list[Source] = []
        for row in fields:
            source = CachedSource.listed(entry, row)
            entry.add(source)
            sources.append(source)
        self._list(entry)
        return sources

    def begin_listing(self) -> None:
        """A new listing of a pack begins: the entries handed out before are let go (their
        sources still read their bodies; only not ahead of the new listing's)."""
        with self._lock:
            self._listed = []
            self._next_read = -1

    def _list(self, entry: Entry) -> None:
        """Remember an entry handed out, in listing order (for reading bodies ahead)."""
        entry.position = len(self._listed)
        self._listed.append(entry)

    def _drop(self, entry_id: int) -> None:
        """Forget an entry that did not decode."""
        with self._using() as db:
            if db is not None:
                db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))

    def _fetch(self, entry: Entry, name: str) -> list[list[Any]] | None:
        """Column `name` of an entry, decoded per source; None when it is gone or damaged.

        When bodies are asked for in listing order (as an index reads them), those of the
        next entries are read in the same query and handed to their sources.
        """
        column = {"blocks": "blocks", "raw": "raw"}[name]
        wanted = [entry]
        with self._lock:
            if name == "blocks" and entry.position >= 0 and entry.position == self._next_read:
                following = self._listed[entry.position + 1 : entry.position + READAHEAD]
                wanted += [e for e in following if e.lazy(name)]
            if entry.position >= 0:
                self._next_read = entry.position + 1
            if len(wanted) > 1:
                self._next_read = wanted[-1].position + 1
        rows: dict[int, Any] = {}
        with self._using() as db:
            if db is None:
                return None
            ids = [e.id for e in wanted]
            found = db.execute(
                f"SELECT b.id, e.digest, b.{column} FROM bodies b JOIN entries e ON e.id = b.id "
                f"WHERE e.version = ? AND b.id IN ({','.join('?' * len(ids))})",
                [self.version, *ids],
            ).fetchall()
            rows = {entry_id: (digest, blob) for entry_id, digest, blob in found}
        decode = codec.decode_blocks if name == "blocks" else codec.decode_raw
        mine: list[list[Any]] | None = None
        for other in wanted:
            digest, blob = rows.get(other.id, (None, None))
            if digest != other.digest:
                continue
            try:
                values = [decode(item) for item in codec.unpack(blob)]
            except (ValueError, TypeError):
                continue
            if other is entry:
                mine = values
            else:
                other.give(name, values)
        return mine

    # Writing -----------------------------------------------------------------------------

    def store(self, key: FileKey, digest: str, result: Cached) -> Cached:
        """Remember what a file read as (its sources, or why it was skipped).

        Returns the result, its sources tied to their cache entry (so their timeline rows
        can be kept with them).
        """
        if isinstance(result, str):
            skipped: str | None = result
            meta: list[object] = []
            blocks = raw = codec.pack([])
            name = ""
        else:
            skipped = None
            meta = [codec.encode_meta(source) for source in result]
            blocks = codec.pack([codec.encode_blocks(source.blocks) for source in result])
            raw = codec.pack([codec.encode_raw(source.raw) for source in result])
            name = key.name if any(s.title_from_filename for s in result) else ""
        text = storable(json.dumps(meta, ensure_ascii=False, separators=(",", ":")))
        with self._using() as db:
            if db is None:
                return result
            with _writing(db):
                db.execute(
                    "DELETE FROM entries WHERE digest = ? AND version = ? AND name = ?",
                    (digest, self.version, name),
                )
                cursor = db.execute(
                    "INSERT INTO entries (digest, version, name, skipped, meta) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (digest, self.version, name, skipped, text),
                )
                entry_id = cursor.lastrowid
                db.execute(
                    "INSERT INTO bodies (id, blocks, raw) VALUES (?, ?, ?)",
                    (entry_id, blocks, raw),
                )
                self._write_file(db, key, digest)
            self.stats.stored += 1
            if entry_id is not None and not isinstance(result, str):
                return self._tied(key, entry_id, digest, result)
        return result

    def _tied(self, key: FileKey, entry_id: int, digest: str, sources: list[Source]) -> Cached:
        """Sources just read, as cached sources of the entry just written. Their bodies and
        raw lines are left in the cache, to be read from it when first asked for (as for
        sources listed from it): a large pack read cold then holds no more than one listed
        from the cache."""
        entry = Entry(entry_id, digest, key.path, key.limit, self._fetch, _reread)
        tied: list[Source] = []
        for source in sources:
            one = CachedSource(**{f.name: getattr(source, f.name) for f in fields(Source)})
            one.entry = entry
            one.__dict__.update(blocks=LAZY, raw=LAZY)
            entry.add(one)
            tied.append(one)
        return tied

    def _write_file(self, db: sqlite3.Connection, key: FileKey, digest: str) -> None:
        """Point a file's stat at a content hash; the old content's entry goes if unused."""
        racy = key.mtime_ns > time.time_ns() - RACY_NS
        old = db.execute("SELECT digest FROM files WHERE path = ?", (key.absolute,)).fetchone()
        db.execute(
            "INSERT OR REPLACE INTO files (path, name, size, mtime_ns, inode, lim, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key.absolute,
                key.name,
                key.size,
                -1 if racy else key.mtime_ns,
                key.inode,
                key.limit,
                digest,
            ),
        )
        if old is not None and old[0] != digest:
            db.execute(
                "DELETE FROM entries WHERE digest = ? AND NOT EXISTS "
                "(SELECT 1 FROM files WHERE digest = ?)",
                (old[0], old[0]),
            )

    def commit(self) -> None:
        """End a transaction left open (every write commits at once; kept for callers)."""
        with self._using() as db:
            if db is not None and db.in_transaction:
                db.execute("COMMIT")

    def prune(self) -> None:
        """Delete every entry made by another reader version."""
        with self._using() as db:
            if db is None:
                return
            with _writing(db):
                db.execute("DELETE FROM entries WHERE version != ?", (self.version,))
                db.execute("DELETE FROM versions WHERE version != ?", (self.version,))

    # Listings -----------------------------------------------------------------------------

    def remember(
        self,
        paths: Sequence[Path],
        limit: int,
        rows: listing.Listing,
        order: Callable[[], list[int]],
    ) -> None:
        """Keep a pack's listing as just read, for `recall`, with `order()`: its sources newest
        first (see `listing.encode`). Encoded and written only when it changed: a pack read
        again unchanged costs a hash of its files' names and stamps."""
        recent_ns = time.time_ns() - RACY_NS
        digest = listing.fingerprint(rows, recent_ns)
        pack = _pack_key(paths, limit)
        with self._using() as db:
            if db is None:
                return
            old = db.execute(
                "SELECT 1 FROM listings WHERE pack = ? AND version = ? AND digest = ?",
                (pack, self.version, digest),
            ).fetchone()
            if old is not None:
                return
            blob = codec.pack_plain(listing.encode(rows, recent_ns, order()))
            with _writing(db):
                db.execute(
                    "INSERT OR REPLACE INTO listings (pack, version, seen, digest, rows) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (pack, self.version, int(time.time()), digest, blob),
                )

    def recall(
        self, paths: Sequence[Path], limit: int
    ) -> tuple[list[tuple[str, Cached]], dict[str, Stamp], object] | None:
        """A pack's files (their paths' texts) as last listed by this reader version, in
        walking order, their sources tied to the cache (bodies read from it when asked for);
        their stamps then, by path; and the order kept with them, unchecked. None when the
        pack was not listed, or its listing does not decode (it is then deleted)."""
        pack = _pack_key(paths, limit)
        with self._using() as db:
            if db is None:
                return None
            found = db.execute(
                "SELECT seen, rows FROM listings WHERE pack = ? AND version = ?",
                (pack, self.version),
            ).fetchone()
            if found is None:
                return None
            seen, blob = found
            if not 0 <= time.time() - seen < 3600:
                with _writing(db):
                    db.execute(
                        "UPDATE listings SET seen = ? WHERE pack = ?", (int(time.time()), pack)
                    )
        files: list[tuple[str, Cached]] = []
        stamps: dict[str, Stamp] = {}
        self.begin_listing()
        try:
            rows, order = listing.decode(codec.unpack_plain(blob))
            for text, stamp, outcome in rows:
                if stamp is not None:
                    stamps[text] = stamp
                if isinstance(outcome, str):
                    files.append((text, outcome))
                    continue
                sources = self._sources_of(
                    text, limit, outcome.entry, outcome.digest, outcome.fields
                )
                files.append((text, sources))
        except (ValueError, TypeError):
            self.begin_listing()  # not the entries of the files listed before the fault
            with self._using() as db:
                if db is not None:
                    db.execute("DELETE FROM listings WHERE pack = ?", (pack,))
            return None
        self.stats.recalled += len(files)
        return files, stamps, order

    # Timeline rows ------------------------------------------------------------------------

    def get_events(self, sources: Sequence[Source]) -> dict[str, list[Event]]:
        """The kept timeline rows of those of `sources` read from the cache, by source id."""
        found: dict[str, list[Event]] = {}
        for entry, kept in self._kept_events(_entries(sources)).items():
            for source in entry.sources:
                rows = kept.get(source.id)
                if rows is None:
                    continue
                try:
                    found[source.id] = codec.decode_events(rows, source.id)
                except (ValueError, TypeError):
                    continue
        return found

    def put_events(self, rows: Sequence[tuple[Source, list[Event]]]) -> None:
        """Keep the timeline rows of sources (made with their own dates) with their entries."""
        made: dict[Entry, dict[str, list[object]]] = {}
        for source, events in rows:
            entry = source.entry if isinstance(source, CachedSource) else None
            if entry is not None:
                made.setdefault(entry, {})[source.id] = codec.encode_events(events)
        if not made:
            return
        kept = self._kept_events(list(made))
        with self._using() as db:
            if db is None:
                return
            with _writing(db):
                for entry, new in made.items():
                    db.execute(
                        "UPDATE bodies SET events = ? WHERE id = ? AND EXISTS (SELECT 1 FROM "
                        "entries WHERE id = ? AND digest = ? AND version = ?)",
                        (
                            codec.pack({**kept.get(entry, {}), **new}),
                            entry.id,
                            entry.id,
                            entry.digest,
                            self.version,
                        ),
                    )

    def _kept_events(self, entries: list[Entry]) -> dict[Entry, dict[str, Any]]:
        """The kept rows of each entry (that has any), packed, by source id."""
        kept: dict[Entry, dict[str, Any]] = {}
        by_id = {entry.id: entry for entry in entries}
        ids = list(by_id)
        with self._using() as db:
            if db is None:
                return kept
            for chunk, marks in _in_chunks(ids):
                found = db.execute(
                    "SELECT b.id, e.digest, b.events FROM bodies b JOIN entries e ON e.id = b.id "
                    f"WHERE e.version = ? AND b.events IS NOT NULL AND b.id IN {marks}",
                    [self.version, *chunk],
                ).fetchall()
                for entry_id, digest, events in found:
                    entry = by_id[entry_id]
                    if digest != entry.digest:
                        continue
                    try:
                        value = codec.unpack(events)
                    except codec.CorruptEntry:
                        continue
                    if isinstance(value, dict):
                        kept[entry] = value
        return kept

    def close(self) -> None:
        """Commit and close the database (it reopens on next use)."""
        with self._lock:
            self.commit()
            if self._db is not None:
                self._db.close()
            self._db = None
            self._opened = False


@contextlib.contextmanager
def _writing(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, begun with the write lock taken (so it waits for another process
    rather than failing on a stale snapshot) and committed at once (so others wait little)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _entries(sources: Sequence[Source]) -> list[Entry]:
    """The cache entries of the cached ones of `sources`, each once."""
    entries: dict[int, Entry] = {}
    for source in sources:
        entry = source.entry if isinstance(source, CachedSource) else None
        if entry is not None:
            entries.setdefault(id(entry), entry)
    return list(entries.values())


def _pack_key(paths: Sequence[Path], limit: int) -> str:
    """What a pack's listing is kept under: the paths opened (absolute) and the bytes read."""
    return json.dumps([limit, *(os.path.abspath(path) for path in paths)])


def _delete(path: Path) -> None:
    """Delete a cache file with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def _reason(error: Exception) -> str:
    """A short reason for a cache problem."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _reread(entry: Entry) -> list[Source] | None:
    """The sources of an entry's file read again (when the cache lost the entry)."""
    from brief.core.ingest import read_bytes
    from brief.core.ingest.files import read_file

    got = read_file(entry.path, entry.limit)
    if got.error:
        return None
    result = read_bytes(got.data, entry.path, got.size)
    return None if isinstance(result, str) else result
