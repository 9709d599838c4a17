"""The library cache: a reopened pack is not read again, edits are, and a bad cache never hurts."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import threading
import weakref
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import brief.core.ingest
from brief.cli import main
from brief.core.cache import CachedSource, LibraryCache, codec
from brief.core.cache import store as cache_store
from brief.core.cache.lazy import LAZY
from brief.core.loader import iter_load, load_paths
from brief.core.model import Library, Source
from brief.core.timeline import events as events_module
from brief.core.timeline import timeline
from brief.ui.app import BriefApp
from tests.conftest import SEEDS, loaded, paragraph_source

LONG_AGO = 1_500_000_000
"""A modification time (2017) for files written by a test, so their stat can be trusted."""


def fields_of(source: Source) -> dict[str, Any]:
    """Every field of a source, as a user of the model sees it."""
    return {f.name: getattr(source, f.name) for f in fields(Source)}


def same(first: Library, second: Library) -> None:
    """The two libraries list the same sources, field for field, and skip the same files."""
    assert [fields_of(s) for s in first.sources] == [fields_of(s) for s in second.sources]
    assert first.skipped == second.skipped


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the readers are run on from now on (a cache hit runs none)."""
    seen: list[Path] = []
    real: Callable[..., Any] = brief.core.ingest.read_bytes

    def counting(data: bytes, path: Path, size: int | None = None) -> Any:
        seen.append(path)
        return real(data, path, size)

    monkeypatch.setattr(brief.core.ingest, "read_bytes", counting)
    return seen


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the seeds with an old modification time, plus a binary file."""
    folder = tmp_path / "pack"
    shutil.copytree(SEEDS, folder)
    (folder / "image.bin").write_bytes(bytes(range(256)) * 8)
    for path in folder.iterdir():
        os.utime(path, (LONG_AGO, LONG_AGO))
    return folder


def test_round_trip_keeps_every_field_of_every_seed(reads: list[Path]) -> None:
    fresh = load_paths([SEEDS])
    load_paths([SEEDS], cache=LibraryCache())
    reads.clear()
    cache = LibraryCache()
    cached = load_paths([SEEDS], cache=cache)
    assert reads == []
    assert cache.stats.hits == 5
    assert all(isinstance(source, CachedSource) for source in cached.sources)
    same(fresh, cached)
    assert all(s.raw and s.blocks for s in cached.sources)
    assert cached.sources == fresh.sources


def test_the_cache_keeps_every_field_of_a_source() -> None:
    kept = set(codec.META_FIELDS) | {"path", "blocks", "raw"}
    assert kept == {f.name for f in fields(Source)}
    source = paragraph_source("abc", "A title", ["One.", "Two."], outlet="Outlet")
    assert list(codec.decode_meta(codec.encode_meta(source))) == list(codec.META_FIELDS)


@pytest.mark.parametrize("field", codec.META_FIELDS)
def test_metadata_of_the_wrong_type_is_refused(field: str) -> None:
    source = paragraph_source("abc", "A title", ["One."], outlet="Outlet", warnings=["cut"])
    row = codec.encode_meta(source)
    assert codec.decode_meta(list(row))["title"] == "A title"
    at = codec.META_FIELDS.index(field)
    optional = field in ("outlet", "author", "url", "language", "published", "updated")
    for wrong in (12345, 1.5, {"a": 1}, *([] if optional else [None])):
        bad = list(row)
        bad[at] = wrong
        with pytest.raises(codec.CorruptEntry):
            codec.decode_meta(bad)
    bad = list(row)
    bad[codec.META_FIELDS.index("warnings")] = ["fine", 3]
    with pytest.raises(codec.CorruptEntry):
        codec.decode_meta(bad)


def test_sources_listed_from_the_cache_are_freed_with_their_library(pack: Path) -> None:
    load_paths([pack], cache=LibraryCache())
    cache = LibraryCache()
    library = load_paths([pack], cache=cache)
    source = library.sources[0]
    assert isinstance(source, CachedSource)
    assert source.body  # read from the cache
    kept = weakref.ref(source), weakref.ref(source.entry)
    enabled = gc.isenabled()
    gc.disable()  # freed by their reference counts alone: no cycle a frozen collector would keep
    try:
        del library, source
        assert kept[0]() is None
        cache.begin_listing()  # the cache's list of entries handed out, for reading ahead
        assert kept[1]() is None
    finally:
        if enabled:
            gc.enable()


def test_second_open_reads_no_file(pack: Path, reads: list[Path]) -> None:
    first = LibraryCache()
    cold = load_paths([pack], cache=first)
    assert first.stats.misses == 6
    assert len(reads) == 6
    reads.clear()
    second = LibraryCache()
    warm = load_paths([pack], cache=second)
    assert reads == []
    assert (second.stats.hits, second.stats.misses) == (6, 0)
    same(cold, warm)
    assert [s.path.name for s in warm.skipped] == ["image.bin"]


def test_edited_file_is_read_again(pack: Path, reads: list[Path]) -> None:
    load_paths([pack], cache=LibraryCache())
    edited = next(pack.glob("004_*"))
    edited.write_text("A new title\n\nThe edited article has one paragraph now.\n")
    reads.clear()
    cache = LibraryCache()
    library = load_paths([pack], cache=cache)
    assert reads == [edited]
    assert (cache.stats.hits, cache.stats.misses) == (5, 1)
    source = library.find(str(edited))
    assert source is not None
    assert source.title == "A new title"
    assert source.body == "The edited article has one paragraph now."
    same(library, load_paths([pack]))


def test_touched_file_with_the_same_content_is_found_by_hash(pack: Path, reads: list[Path]) -> None:
    load_paths([pack], cache=LibraryCache())
    touched = next(pack.glob("002_*"))
    os.utime(touched, (LONG_AGO + 60, LONG_AGO + 60))
    reads.clear()
    cache = LibraryCache()
    load_paths([pack], cache=cache)
    assert reads == []
    assert (cache.stats.hits, cache.stats.content_hits) == (5, 1)
    again = LibraryCache()
    load_paths([pack], cache=again)
    assert again.stats.hits == 6


def test_just_written_files_are_checked_by_hash_until_their_time_settles(
    tmp_path: Path, reads: list[Path]
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Fresh title\n\nA paragraph written a moment ago.\n")
    load_paths([note], cache=LibraryCache())
    reads.clear()
    cache = LibraryCache()
    load_paths([note], cache=cache)
    assert reads == []
    assert cache.stats.content_hits == 1


def test_garbage_cache_file_is_rebuilt(pack: Path, reads: list[Path]) -> None:
    cache = LibraryCache()
    cache.directory.mkdir(parents=True, exist_ok=True)
    cache.path.write_bytes(b"\x00garbage, not a database\xff" * 100)
    library = load_paths([pack], cache=cache)
    same(library, load_paths([pack]))
    assert any("rebuilt" in notice for notice in cache.notices)
    reads.clear()
    again = LibraryCache()
    load_paths([pack], cache=again)
    assert reads == []
    assert again.notices == []


def test_foreign_database_is_moved_aside(pack: Path) -> None:
    cache = LibraryCache()
    cache.directory.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(cache.path) as other:
        other.execute("CREATE TABLE files (x)")
    other.close()
    library = load_paths([pack], cache=cache)
    cache.close()
    same(library, load_paths([pack]))
    assert [p.name.split("-")[0] for p in cache.directory.glob("*.foreign-*")] == ["library"]
    assert LibraryCache().path.exists()


def test_damaged_entries_are_not_trusted(pack: Path, reads: list[Path]) -> None:
    fresh = load_paths([pack])
    load_paths([pack], cache=LibraryCache())
    with sqlite3.connect(LibraryCache().path) as db:
        db.execute("UPDATE entries SET meta = '[[\"x\"]]' WHERE rowid = 1")
        db.execute("UPDATE bodies SET blocks = x'00ff', raw = x'789c' WHERE id = 2")
    db.close()
    reads.clear()
    library = load_paths([pack], cache=LibraryCache())
    assert len(reads) == 1
    same(fresh, library)


def test_an_entry_nested_too_deep_to_parse_is_read_again(pack: Path, reads: list[Path]) -> None:
    fresh = load_paths([pack])
    load_paths([pack], cache=LibraryCache())
    with sqlite3.connect(LibraryCache().path) as db:
        db.execute("UPDATE entries SET meta = ? WHERE rowid = 1", ("[" * 100_000,))
    db.close()
    reads.clear()
    library = load_paths([pack], cache=LibraryCache())
    assert len(reads) == 1
    same(fresh, library)


def test_new_reader_version_reads_everything_again(
    pack: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths([pack], cache=LibraryCache())
    monkeypatch.setattr(cache_store, "INGEST_VERSION", cache_store.INGEST_VERSION + 1)
    reads.clear()
    cache = LibraryCache()
    load_paths([pack], cache=cache)
    assert len(reads) == 6
    assert cache.stats.misses == 6
    cache.prune()
    with sqlite3.connect(cache.path) as db:
        versions = {row[0] for row in db.execute("SELECT version FROM entries")}
    db.close()
    assert versions == {cache.version}


def test_busy_cache_is_done_without(
    pack: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_store, "BUSY_SECONDS", 0.05)
    load_paths([SEEDS], cache=LibraryCache())
    holder = sqlite3.connect(LibraryCache().path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        cache = LibraryCache()
        library = load_paths([pack], cache=cache)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    same(library, load_paths([pack]))
    assert any("not used" in notice for notice in cache.notices)


def test_concurrent_loads_share_the_cache(pack: Path) -> None:
    for number in range(60):
        page = pack / f"note-{number:02d}.txt"
        page.write_text(f"Note {number}\n\nA short note, number {number}, for the pack.\n")
        os.utime(page, (LONG_AGO, LONG_AGO))
    fresh = load_paths([pack])
    results: list[Library] = []
    errors: list[BaseException] = []

    notices: list[str] = []

    def run() -> None:
        try:
            cache = LibraryCache()
            results.append(load_paths([pack], cache=cache))
            notices.extend(cache.notices)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert notices == []
    for library in results:
        same(fresh, library)
    cache = LibraryCache()
    same(fresh, load_paths([pack], cache=cache))
    assert cache.stats.hits == 66


def test_several_sources_in_one_file(tmp_path: Path, reads: list[Path]) -> None:
    items = [
        {"title": f"Item {n}", "content": f"Body {n}. " * 20, "date": f"2024-01-0{n}"}
        for n in range(1, 4)
    ]
    feed = tmp_path / "items.json"
    feed.write_text(json.dumps({"articles": items}))
    os.utime(feed, (LONG_AGO, LONG_AGO))
    fresh = load_paths([feed])
    assert len(fresh.sources) == 3
    load_paths([feed], cache=LibraryCache())
    reads.clear()
    cached = load_paths([feed], cache=LibraryCache())
    assert reads == []
    same(fresh, cached)


def test_batches_add_up_to_the_library(pack: Path) -> None:
    batches = list(iter_load([pack], cache=LibraryCache(), interval=0))
    assert len(batches) == 6
    library = Library(
        [s for b in batches for s in b.sources], [s for b in batches for s in b.skipped]
    )
    same(library, load_paths([pack]))


def test_no_cache_flag_writes_no_cache(
    private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--no-cache", str(SEEDS)]) == 0
    assert main(["search", "chip", str(SEEDS), "--no-cache"]) == 0
    assert list(private_cache.iterdir()) == []
    assert main(["list", str(SEEDS)]) == 0
    assert capsys.readouterr().err == ""
    assert LibraryCache().path.exists()


async def test_app_reads_through_the_cache_unless_told_not_to(private_cache: Path) -> None:
    app = BriefApp([SEEDS], cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.ordered) == 5
    assert list(private_cache.iterdir()) == []
    app = BriefApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.ordered) == 5
    assert LibraryCache().path.exists()


def test_timeline_rows_are_kept_with_the_sources(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = events_module.source_events

    def counting(source: Source, published: Any = None) -> Any:
        made.append(source.id)
        return real(source, published)

    monkeypatch.setattr(events_module, "source_events", counting)
    fresh = load_paths([pack])
    expected = timeline(fresh.sources)
    undated = next(s.id for s in fresh.sources if s.published is None)
    cache = LibraryCache()
    first = load_paths([pack], cache=cache)
    assert timeline(first.sources, store=cache) == expected
    made.clear()
    again = LibraryCache()
    second = load_paths([pack], cache=again)
    assert timeline(second.sources, store=again) == expected
    assert made == []
    user_date = {undated: date(2020, 5, 1)}
    with_user_date = timeline(second.sources, user_date, again)
    assert made == [undated]
    assert with_user_date == timeline(fresh.sources, user_date)


def test_bodies_read_ahead_in_listing_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_store, "READAHEAD", 3)
    for number in range(10):
        page = tmp_path / f"{number:02d}.txt"
        page.write_text(f"Title {number}\n\nThe body of page {number}, a sentence or two.\n")
        os.utime(page, (LONG_AGO, LONG_AGO))
    fresh = load_paths([tmp_path])
    load_paths([tmp_path], cache=LibraryCache())
    in_order = load_paths([tmp_path], cache=LibraryCache())
    assert [s.body for s in in_order.sources] == [s.body for s in fresh.sources]
    backwards = load_paths([tmp_path], cache=LibraryCache())
    assert [s.body for s in reversed(backwards.sources)] == [
        s.body for s in reversed(fresh.sources)
    ]
    same(fresh, backwards)


def test_entries_of_a_long_unused_version_are_deleted(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = cache_store.INGEST_VERSION
    load_paths([pack], cache=LibraryCache())
    monkeypatch.setattr(cache_store, "INGEST_VERSION", old + 1)
    current = LibraryCache()
    load_paths([pack], cache=current)
    current.close()

    def versions() -> set[str]:
        with sqlite3.connect(current.path) as db:
            found = {row[0] for row in db.execute("SELECT DISTINCT version FROM entries")}
        db.close()
        return found

    assert len(versions()) == 2
    with sqlite3.connect(current.path) as db:
        db.execute("UPDATE versions SET seen = 0")
    db.close()
    load_paths([pack], cache=LibraryCache())
    assert versions() == {current.version}


def test_cache_of_another_layout_is_rebuilt(pack: Path) -> None:
    cache = LibraryCache()
    cache.directory.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(cache.path) as db:
        db.execute(f"PRAGMA application_id={cache_store.APPLICATION_ID}")
        db.execute(f"PRAGMA user_version={cache_store.SCHEMA}")
        db.execute("CREATE TABLE files (path TEXT)")
    db.close()
    same(load_paths([pack], cache=cache), load_paths([pack]))
    assert any("rebuilt" in notice for notice in cache.notices)
    again = LibraryCache()
    load_paths([pack], cache=again)
    assert again.stats.hits == 6


def test_sources_read_cold_or_released_get_their_text_back_from_the_cache(
    pack: Path, reads: list[Path]
) -> None:
    fresh = load_paths([pack])
    cold = load_paths([pack], cache=LibraryCache())
    assert len(reads) == 12  # read once for `fresh`, once for the cache; never again below
    assert all(isinstance(source, CachedSource) for source in cold.sources)
    for source in cold.sources:
        assert source.__dict__["blocks"] is LAZY and source.__dict__["raw"] is LAZY
    assert cold.sources == fresh.sources  # bodies and raw lines read back from the cache
    for source in cold.sources:
        body = source.body
        source.release()
        assert source.__dict__["blocks"] is LAZY  # its blocks let go, its body kept
        assert source.body is body
    assert cold.sources == fresh.sources
    assert len(reads) == 12


def test_the_code_fingerprint_covers_everything_the_reading_code_imports() -> None:
    """An edit to code that changes what a file reads as re-reads every pack; an edit to code
    that cannot (the reading state, the config, search) must leave caches alone, so the
    fingerprinted modules may import nothing else of the core but the cache itself."""
    import ast

    core = Path(cache_store.__file__).resolve().parent.parent
    covered = {path.resolve() for path in cache_store._reading_modules()}
    assert core / "clean" / "classify.py" in covered
    assert core / "state.py" not in covered and core / "config.py" not in covered
    for path in covered:
        for node in ast.walk(ast.parse(path.read_text())):
            module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
            if module.startswith("brief.core."):
                part = module.split(".")[2]
                name = part if (core / part).is_dir() else f"{part}.py"
                assert name in cache_store.READING_PARTS or part == "cache", (path, module)
