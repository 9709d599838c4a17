"""A pack read before is listed at once from the cache, then its files are checked for changes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from brief.core.cache import LibraryCache, codec, listing
from brief.core.loader import load_paths, recall
from brief.core.ordering import SortOrder, date_order, sort_sources
from brief.core.watch import PackChanges, PackWatcher
from brief.ui.app import BriefApp
from brief.ui.screens.main import MainScreen
from tests.conftest import SEEDS, loaded
from tests.test_cache import LONG_AGO, reads, same

__all__ = ["reads"]  # the fixture, used by name


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """The seeds with an old modification time, a binary file and a copy of one seed."""
    folder = tmp_path / "pack"
    shutil.copytree(SEEDS, folder)
    (folder / "image.bin").write_bytes(bytes(range(256)) * 8)
    first = sorted(folder.glob("*.txt"))[0]
    (folder / "zz-copy.txt").write_bytes(first.read_bytes())
    for path in folder.iterdir():
        os.utime(path, (LONG_AGO, LONG_AGO))
    return folder


def test_no_listing_before_the_pack_is_read(pack: Path) -> None:
    assert recall([pack], LibraryCache()) is None


def test_a_pack_read_before_is_listed_as_it_was_without_reading_a_file(
    pack: Path, reads: list[Path]
) -> None:
    read = load_paths([pack], cache=LibraryCache())
    reads.clear()
    cache = LibraryCache()
    recalled = recall([pack], cache)
    assert recalled is not None
    assert [s.file_name for s in recalled.library.sources] == [s.path.name for s in read.sources]
    same(read, recalled.library)
    assert [s.reason for s in recalled.library.skipped] == [
        "binary file (contains NUL bytes)",
        f"same content as {sorted(pack.glob('*.txt'))[0]} (shown once)",
    ]
    assert reads == []
    assert cache.stats.recalled == 7
    # Bodies come from the cache when asked for, as for sources listed from it.
    assert [s.body for s in recalled.library.sources] == [s.body for s in read.sources]
    assert reads == []


def test_the_listing_is_of_these_paths_read_this_far(pack: Path) -> None:
    load_paths([pack], cache=LibraryCache())
    one = sorted(pack.glob("*.txt"))[0]
    assert recall([one], LibraryCache()) is None
    assert recall([pack], LibraryCache(), limit=1000) is None
    assert recall([pack], LibraryCache(version="another reader")) is None


def test_a_listing_is_checked_against_the_files(pack: Path) -> None:
    load_paths([pack], cache=LibraryCache())
    recalled = recall([pack], LibraryCache())
    assert recalled is not None
    assert not PackWatcher([pack], recalled.stamps).poll()

    edited = sorted(pack.glob("*.txt"))[1]
    edited.write_text("A new title\n\nThe edited article has one paragraph now.\n")
    (pack / "new.txt").write_text("Added\n\nA source added since the pack was read.\n")
    (pack / "image.bin").chmod(0o600)  # no new content, but it may read otherwise now
    changes = PackWatcher([pack], recalled.stamps).poll()
    assert changes.added == [pack / "new.txt"]
    assert sorted(changes.changed) == sorted([edited, pack / "image.bin"])


def test_a_file_changed_just_before_the_listing_was_kept_is_checked_again(
    pack: Path,
) -> None:
    fresh = pack / "fresh.txt"
    fresh.write_text("Fresh\n\nWritten a moment ago, it may change again within its tick.\n")
    load_paths([pack], cache=LibraryCache())
    recalled = recall([pack], LibraryCache())
    assert recalled is not None
    assert PackWatcher([pack], recalled.stamps).poll().changed == [fresh]


def test_reading_the_pack_again_keeps_its_new_listing(pack: Path) -> None:
    load_paths([pack], cache=LibraryCache())
    (pack / "new.txt").write_text("Added\n\nA source added since the pack was read.\n")
    os.utime(pack / "new.txt", (LONG_AGO, LONG_AGO))
    now = load_paths([pack], cache=LibraryCache())
    recalled = recall([pack], LibraryCache())
    assert recalled is not None
    same(now, recalled.library)
    assert "Added" in [s.title for s in recalled.library.sources]
    assert recalled.library.date_order == date_order(recalled.library.sources)


def test_the_listing_keeps_the_pack_newest_first(pack: Path) -> None:
    read = load_paths([pack], cache=LibraryCache())
    recalled = recall([pack], LibraryCache())
    assert recalled is not None
    kept = recalled.library.date_order
    assert kept is not None
    newest_first = sort_sources(read.sources, SortOrder.DATE)
    assert [recalled.library.sources[at].id for at in kept] == [s.id for s in newest_first]


def test_a_damaged_kept_order_is_not_used(pack: Path) -> None:
    cache = LibraryCache()
    read = load_paths([pack], cache=cache)
    cache.close()
    with sqlite3.connect(cache.path) as db:
        value = codec.unpack_plain(db.execute("SELECT rows FROM listings").fetchone()[0])
        value["order"] = [0] * len(read.sources)
        db.execute("UPDATE listings SET rows = ?", (codec.pack_plain(value),))
    recalled = recall([pack], LibraryCache())
    assert recalled is not None
    same(read, recalled.library)
    assert recalled.library.date_order is None


@pytest.mark.parametrize("damage", [b"not a listing", b"[" * 100_000])
def test_a_damaged_listing_is_dropped_and_made_again(pack: Path, damage: bytes) -> None:
    cache = LibraryCache()
    read = load_paths([pack], cache=cache)
    cache.close()
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE listings SET rows = ?", (damage,))
    assert recall([pack], LibraryCache()) is None
    with sqlite3.connect(cache.path) as db:
        assert db.execute("SELECT count(*) FROM listings").fetchone() == (0,)
    load_paths([pack], cache=LibraryCache())
    recalled = recall([pack], LibraryCache())
    assert recalled is not None
    same(read, recalled.library)


def test_a_cache_made_before_listings_gets_their_table(pack: Path) -> None:
    cache = LibraryCache()
    load_paths([pack], cache=cache)
    cache.close()
    with sqlite3.connect(cache.path) as db:
        db.execute("DROP TABLE listings")
    read = load_paths([pack], cache=LibraryCache())
    recalled = recall([pack], LibraryCache())
    assert recalled is not None
    same(read, recalled.library)


async def checked(pilot: Pilot[None]) -> MainScreen:
    """The main screen once the pack is listed, its files checked and everything indexed."""
    screen = await loaded(pilot)
    await pilot.app.workers.wait_for_complete()  # the check of the files, then the index
    await pilot.pause()
    return screen


async def test_the_app_shows_a_pack_as_it_was_then_the_changes_since(pack: Path) -> None:
    load_paths([pack], cache=LibraryCache())
    retitled = sorted(pack.glob("*.txt"))[1]
    retitled.write_text("A new title\n\nThe edited article has one paragraph now.\n")
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await checked(pilot)
        titles = [source.title for source in screen.ordered]
        assert "A new title" in titles
        assert len(titles) == 5
        assert [n.message for n in app._notifications] == ["The briefing changed: 1 changed."]
        sidebar = "\n".join(screen.sidebar.row_text(i).plain for i in range(len(titles)))
        assert "A new title" in sidebar
    same(load_paths([pack]), screen.library)


async def test_the_app_lists_an_unchanged_pack_once(pack: Path, reads: list[Path]) -> None:
    read = load_paths([pack], cache=LibraryCache())
    reads.clear()
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await checked(pilot)
        assert list(app._notifications) == []
        assert screen.library_cache is not None
        assert screen.library_cache.stats.recalled == 7
        same(read, screen.library)
        assert screen.current is not None
        assert screen.searcher is not None  # indexed once the files were found as listed
        title = screen.query_one("#sidebar-title", Static).render()
        assert str(title) == "5 sources · 5 unread · newest first · 2 skipped"
        assert screen.library.date_order is not None  # listed in the order kept with it
        assert screen.ordered == sort_sources(read.sources, SortOrder.DATE)
    assert reads == []


async def test_the_sidebar_says_while_the_files_are_checked(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths([pack], cache=LibraryCache())
    looking = threading.Event()
    go_on = threading.Event()
    real = PackWatcher.poll

    def held(self: PackWatcher) -> PackChanges:
        looking.set()
        go_on.wait(30)
        return real(self)

    monkeypatch.setattr(PackWatcher, "poll", held)
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(1000):  # frames, until the check begins
            if looking.is_set():
                break
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        title = screen.query_one("#sidebar-title", Static)
        assert str(title.render()).endswith(" · checking for changes…")
        assert len(screen.ordered) == 5  # listed meanwhile
        assert screen.searcher is None  # indexed once the files are found as listed
        go_on.set()
        await loaded(pilot)
        assert not str(title.render()).endswith(" · checking for changes…")
        assert screen.searcher is not None


def test_an_unchanged_pack_read_again_keeps_its_listing_as_it_is(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoded: list[int] = []
    real = listing.encode

    def counting(rows: listing.Listing, recent_ns: int, order: list[int]) -> dict[str, Any]:
        encoded.append(len(rows))
        return real(rows, recent_ns, order)

    monkeypatch.setattr(listing, "encode", counting)
    load_paths([pack], cache=LibraryCache())
    load_paths([pack], cache=LibraryCache())
    assert encoded == [7]
    os.utime(pack / "image.bin", (LONG_AGO, LONG_AGO + 1))
    load_paths([pack], cache=LibraryCache())
    assert encoded == [7, 7]


async def test_files_touched_but_not_changed_bring_no_notice(pack: Path) -> None:
    read = load_paths([pack], cache=LibraryCache())
    for path in pack.iterdir():
        os.utime(path, (LONG_AGO + 60, LONG_AGO + 60))  # saved again as they were
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await checked(pilot)
        assert list(app._notifications) == []
        assert not screen.checking
        same(read, screen.library)


async def test_a_cache_problem_met_reading_a_changed_pack_again_is_shown(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths([pack], cache=LibraryCache())
    edited = sorted(pack.glob("*.txt"))[1]
    edited.write_text("A new title\n\nThe edited article has one paragraph now.\n")

    def disk_full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(LibraryCache, "_write_file", disk_full)
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await checked(pilot)
        assert [n.message for n in app._notifications] == [
            "library cache not used (database or disk is full)",
            "The briefing changed: 1 changed.",
        ]
        assert "A new title" in [source.title for source in screen.ordered]
