"""The reading state: positions, read flags and the open source survive; the file is durable."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from brief.core.annotations.store import AnnotationStore
from brief.core.durable import backup_path, signature
from brief.core.loader import load_paths
from brief.core.state import StateStore, default_state_path, pack_key
from tests.conftest import paragraph_source

PACK = [Path("/pack")]
A = paragraph_source("aaaa", "Alpha", ["First paragraph of alpha.", "Second paragraph of alpha."])
B = paragraph_source("bbbb", "Beta", ["Only paragraph of beta, a little longer than the rest."])
C = paragraph_source("cccc", "Gamma", ["Gamma text."])


def clock(start: datetime, step: timedelta = timedelta(seconds=1)) -> Callable[[], datetime]:
    """A clock that moves `step` at every reading."""
    now = [start]

    def read() -> datetime:
        now[0] += step
        return now[0]

    return read


T0 = datetime(2030, 1, 1, tzinfo=UTC)


def test_the_state_file_is_where_brief_state_says(private_state: Path) -> None:
    assert default_state_path() == private_state
    assert default_state_path("~/s.json", {"BRIEF_STATE": "/e.json"}) == Path.home() / "s.json"
    assert default_state_path(None, {"BRIEF_STATE": "/e.json"}) == Path("/e.json")
    assert StateStore.open().path == private_state


def test_positions_read_flags_and_the_open_source_survive_a_reopen(private_state: Path) -> None:
    store = StateStore.open()
    pack = store.pack_state(PACK)
    assert pack.position(A) == 0 and not pack.is_read(A) and pack.open_source([A, B]) is None
    pack.set_position(A, 27)
    pack.set_read(B)
    pack.set_open_source(A)
    assert not private_state.exists()  # nothing is written before save
    assert store.dirty and pack.save() and not store.dirty
    again = StateStore.open().pack_state(PACK)
    assert again.position(A) == 27
    assert again.position(B) == 0
    assert (again.is_read(A), again.is_read(B)) == (False, True)
    assert again.open_source([B, A]) is A
    assert again.unread([A, B, C]) == [A, C]
    assert again.next_unread([A, B, C], after=A) is C
    assert again.next_unread([A, B, C], after=C) is A
    again.set_read(B, False)
    assert again.save()
    assert StateStore.open().pack_state(PACK).unread([A, B, C]) == [A, B, C]


def test_positions_are_clamped_to_the_text() -> None:
    pack = StateStore.open().pack_state(PACK)
    pack.set_position(C, 10_000)
    assert pack.position(C) == len(C.body)
    pack.set_position(C, -5)
    assert pack.position(C) == 0


def test_each_pack_has_its_own_state() -> None:
    store = StateStore.open()
    store.pack_state([Path("/one"), Path("/two")]).set_position(A, 5)
    store.save()
    reopened = StateStore.open()
    assert reopened.pack_state([Path("/two"), Path("/one/")]).position(A) == 5  # any order
    assert reopened.pack_state([Path("/one")]).position(A) == 0
    assert pack_key([Path("/one"), Path("/two")]) != pack_key([Path("/one")])


def test_a_resaved_file_keeps_its_place(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    paragraphs = [
        "Chip exports rose in March",
        "Exports of chips rose by ten percent in March, the ministry said on Monday.",
        "The ministry expects the rise to continue into the summer months.",
        "Analysts were more cautious about the second half of the year.",
    ]
    article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (old,) = load_paths([tmp_path]).sources
    store = StateStore.open()
    pack = store.pack_state([tmp_path])
    offset = old.body.index("Analysts")
    pack.set_position(old, offset)
    pack.set_read(old)
    pack.set_open_source(old)
    store.save()

    paragraphs.insert(2, "A new paragraph was added by the editor in a later version.")
    article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (new,) = load_paths([tmp_path]).sources
    assert new.id != old.id
    pack = StateStore.open().pack_state([tmp_path])
    assert pack.open_source([new]) is new
    assert new.body[pack.position(new) :].startswith("Analysts were more cautious")
    assert pack.is_read(new)

    pack.set_position(new, 0)  # the entry moves to the new id; the old one is a tombstone
    pack.save()
    entries = json.loads(pack.store.path.read_text())["packs"][pack.key]["sources"]
    assert entries[old.id]["gone"] is True
    assert entries[new.id]["position"] == 0 and entries[new.id]["read"] is True
    assert StateStore.open().pack_state([tmp_path]).position(new) == 0


def test_a_new_source_of_the_same_file_does_not_inherit_a_place() -> None:
    store = StateStore.open()
    pack = store.pack_state(PACK)
    first = paragraph_source("f1", "Item one", ["Text of the first item."], path="/pack/feed.xml")
    other = paragraph_source("f2", "Item two", ["Another text."], path="/pack/feed.xml")
    pack.set_position(first, 8)
    pack.set_read(first)
    assert pack.position(other) == 0 and not pack.is_read(other)


@pytest.mark.parametrize(
    "corrupt", [b'{"version": 1, "packs": {"x": ', b"[" * 100_000], ids=["cut off", "too deep"]
)
def test_a_corrupt_state_file_is_moved_aside(
    private_state: Path, tmp_path: Path, corrupt: bytes
) -> None:
    annotations = tmp_path / "annotations.json"
    notes = AnnotationStore(annotations)
    notes.add(A, 0, 5, note="keep me")
    before = annotations.read_bytes()
    private_state.write_bytes(corrupt)
    store = StateStore.open()
    aside = [p for p in private_state.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == corrupt
    assert len(store.notices) == 1
    assert f"{private_state} could not be read" in store.notices[0]
    assert str(aside[0]) in store.notices[0]
    pack = store.pack_state(PACK)
    assert pack.position(A) == 0  # a fresh state
    pack.set_position(A, 3)
    assert store.save()
    assert StateStore.open().pack_state(PACK).position(A) == 3
    assert annotations.read_bytes() == before  # the annotation store is another file
    assert [a.note for a in AnnotationStore(annotations).annotations()] == ["keep me"]


def test_the_backup_is_used_when_the_file_is_corrupt(private_state: Path) -> None:
    store = StateStore.open()
    pack = store.pack_state(PACK)
    pack.set_position(A, 4)
    store.save()
    pack.set_position(A, 9)
    store.save()  # the previous version (4) is now the backup
    assert stat.S_IMODE(os.stat(private_state).st_mode) == 0o600
    assert backup_path(private_state).exists()
    private_state.write_text("not json")
    reopened = StateStore.open()
    assert any("backup" in notice for notice in reopened.notices)
    assert reopened.pack_state(PACK).position(A) == 4


def test_bad_entries_are_left_out_and_the_rest_kept(private_state: Path) -> None:
    store = StateStore.open()
    pack = store.pack_state(PACK)
    pack.set_position(A, 2)
    pack.set_position(B, 6)
    store.save()
    document = json.loads(private_state.read_text())
    document["packs"][pack.key]["sources"][A.id]["position"] = "two"
    private_state.write_text(json.dumps(document))
    reopened = StateStore.open()
    assert reopened.notices == [
        f"1 entries of the reading state {private_state} could not be read and were left out."
    ]
    assert reopened.pack_state(PACK).position(B) == 6
    assert reopened.pack_state(PACK).position(A) == 0


def test_a_newer_state_file_is_not_overwritten(private_state: Path) -> None:
    private_state.write_text('{"version": 99, "packs": {}}')
    store = StateStore.open()
    assert store.read_only
    assert "newer brief" in store.notices[0]
    store.pack_state(PACK).set_position(A, 3)
    assert not store.save()
    assert private_state.read_text() == '{"version": 99, "packs": {}}'


def test_saving_nothing_writes_nothing(private_state: Path) -> None:
    store = StateStore.open()
    pack = store.pack_state(PACK)
    pack.set_position(A, 3)
    assert store.save()
    written = signature(private_state)
    pack.set_position(A, 3)
    pack.set_read(A, False)
    assert not store.dirty and store.save()
    assert signature(private_state) == written
    pack.set_open_source(A)
    assert store.dirty and store.save()
    assert signature(private_state) != written
    written = signature(private_state)
    pack.set_open_source(A)
    assert not store.dirty and store.save()
    assert signature(private_state) == written


def test_a_failed_save_is_a_notice_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = StateStore(blocker / "state.json")
    store.pack_state(PACK).set_position(A, 3)
    assert not store.save()
    assert store.notices and "Could not save the reading state" in store.notices[0]
    assert store.dirty  # kept for the next try


def test_another_sessions_entries_are_kept(private_state: Path) -> None:
    first = StateStore(private_state, clock(T0))
    second = StateStore(private_state, clock(T0 + timedelta(minutes=1)))
    first.pack_state(PACK).set_position(A, 1)
    first.pack_state([Path("/elsewhere")]).set_read(C)
    second.pack_state(PACK).set_position(B, 2)
    second.pack_state(PACK).set_open_source(B)
    assert second.save() and first.save()
    merged = StateStore.open()
    pack = merged.pack_state(PACK)
    assert (pack.position(A), pack.position(B)) == (1, 2)
    assert pack.open_source([A, B, C]) is B
    assert merged.pack_state([Path("/elsewhere")]).is_read(C)


def test_the_later_entry_wins(private_state: Path) -> None:
    early = StateStore(private_state, clock(T0))
    late = StateStore(private_state, clock(T0 + timedelta(hours=1)))
    late.pack_state(PACK).set_position(A, 20)
    early.pack_state(PACK).set_position(A, 10)
    assert late.save() and early.save()  # the early session saves last, but wrote earlier
    assert StateStore.open().pack_state(PACK).position(A) == 20
    assert early.pack_state(PACK).position(A) == 20  # a save brings the other's entries in


def test_a_clock_going_back_does_not_lose_a_change(private_state: Path) -> None:
    store = StateStore(private_state, clock(T0 + timedelta(days=1), -timedelta(hours=1)))
    pack = store.pack_state(PACK)
    pack.set_position(A, 5)
    store.save()
    pack.set_position(A, 7)  # the clock now reads earlier than the saved entry
    store.save()
    assert StateStore.open().pack_state(PACK).position(A) == 7


def test_settings_persist_and_the_later_choice_wins(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first, second = StateStore(path), StateStore(path)
    first.set_setting("theme", "nord")
    assert first.save()
    second.set_setting("theme", "gruvbox")
    assert second.save()
    assert StateStore(path).setting("theme") == "gruvbox"
    assert StateStore(path).setting("missing") is None


def test_read_flags_of_a_whole_pack_are_those_of_each_source() -> None:
    pack = StateStore.open().pack_state(PACK)
    first = paragraph_source("f1", "Item one", ["Text of the first item."], path="/pack/feed.xml")
    resaved = paragraph_source("f9", "Item one", ["Text of the first item."], path="/pack/feed.xml")
    other = paragraph_source("f2", "Item two", ["Another text."], path="/pack/feed.xml")
    pack.set_read(first)
    pack.set_read(B)
    pack.set_read(C)
    pack.set_read(C, False)
    sources = [A, B, C, resaved, other]
    flags = pack.read_flags(sources)
    assert flags == {source.id: pack.is_read(source) for source in sources}
    assert flags == {"aaaa": False, "bbbb": True, "cccc": False, "f9": True, "f2": False}
