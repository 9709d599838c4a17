"""The annotation store: changes, undo, two sessions, tombstones, conflicts, recovery, format."""

from __future__ import annotations

import json
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from brief.core.annotations import fileformat
from brief.core.annotations.anchoring import selectors_for
from brief.core.annotations.model import Annotation, AnnotationChange, source_ref
from brief.core.annotations.store import (
    AnnotationNotFoundError,
    AnnotationStore,
    QuoteNotFoundError,
    StoreReadOnlyError,
    default_store_path,
)
from brief.core.durable import backup_path
from brief.core.model import Source
from tests.conftest import paragraph_source

TEXT = "The minister said the budget would be balanced. Critics said the budget was a fiction."


def make_source(text: str = TEXT, ident: str = "src1", path: str = "/pack/a.txt") -> Source:
    return paragraph_source(ident, "Budget", [text], path)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "annotations.json"


def test_store_path_precedence(tmp_path: Path) -> None:
    assert default_store_path("~/x.json", {"BRIEF_STORE": "/env.json"}) == Path.home() / "x.json"
    assert default_store_path(None, {"BRIEF_STORE": "/env.json"}) == Path("/env.json")
    fallback = default_store_path(None, {})
    assert fallback.parts[-2:] == ("brief", "annotations.json")


def test_add_quote_first_occurrence_and_listing(path: Path) -> None:
    store = AnnotationStore(path)
    change = store.add_quote(make_source(), "the budget", note="Check #fiscal #Budget.", color=4)
    item = change.after
    assert change.before is None
    assert (item.position.start, item.position.end) == (
        TEXT.find("the budget"),
        TEXT.find("the budget") + 10,
    )
    assert item.quote.prefix == TEXT[: item.position.start][-32:]
    assert item.tags == ("fiscal", "Budget")
    assert store.get(item.id[:8]) == item
    with pytest.raises(QuoteNotFoundError):
        store.add_quote(make_source(), "not in the text")
    with pytest.raises(ValueError):
        store.add_quote(make_source(), "budget", color=6)
    assert [a.id for a in AnnotationStore(path).annotations()] == [item.id]


def test_file_is_versioned_w3c_json_with_mode_0600(path: Path) -> None:
    store = AnnotationStore(path)
    item = store.add_quote(make_source(), "Critics").after
    store.set_source_date("src1", date(2024, 5, 1))
    doc = json.loads(path.read_text())
    assert doc["version"] == 1
    (entry,) = doc["annotations"]
    assert entry["id"] == item.id and entry["revision"] == 1 and entry["deleted"] is False
    assert entry["source"]["id"] == "src1" and entry["source"]["text_hash"].startswith("sha256:")
    kinds = [s["type"] for s in entry["target"]["selector"]]
    assert kinds == ["TextQuoteSelector", "TextPositionSelector"]
    assert doc["source_dates"]["src1"]["date"] == "2024-05-01"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert backup_path(path).exists()


def test_edit_remove_and_several_levels_of_undo(path: Path) -> None:
    store = AnnotationStore(path)
    undo: list[AnnotationChange] = []
    undo.append(store.add_quote(make_source(), "balanced", note="one"))
    ident = undo[0].id
    undo.append(store.edit(ident, note="two #x", color=3))
    undo.append(store.remove(ident))
    with pytest.raises(AnnotationNotFoundError):
        store.get(ident)
    redo = [store.revert(undo.pop())]  # undo the removal
    assert store.get(ident).note == "two #x" and store.get(ident).tags == ("x",)
    redo.append(store.revert(undo.pop()))  # undo the edit
    assert (store.get(ident).note, store.get(ident).color) == ("one", 1)
    redo.append(store.revert(undo.pop()))  # undo the add
    assert store.annotations() == []
    store.revert(redo.pop())  # redo the add
    assert store.get(ident).note == "one"
    assert store.conflicts == []  # undoing one's own changes is no conflict
    assert AnnotationStore(path).get(ident).revision == 7


def test_reattach_an_orphan(path: Path) -> None:
    store = AnnotationStore(path)
    ident = store.add_quote(make_source(), "balanced", note="keep me").id
    new_source = make_source("A wholly rewritten text about deficits.", ident="src2")
    at = new_source.body.find("deficits")
    change = store.reattach(ident, new_source, at, at + 8)
    assert change.after.quote.exact == "deficits" and change.after.source.source_id == "src2"
    assert change.after.note == "keep me"
    store.revert(change)
    assert store.get(ident).quote.exact == "balanced"


def test_two_sessions_see_and_keep_each_others_changes(path: Path) -> None:
    one, two = AnnotationStore(path), AnnotationStore(path)
    first = one.add_quote(make_source(), "minister").id
    assert two.reload_if_changed() is True
    assert two.reload_if_changed() is False
    assert [a.id for a in two.annotations()] == [first]
    second = two.add_quote(make_source(), "Critics").id
    one.add_quote(make_source(), "fiction")  # one has not reloaded: merged, nothing lost
    assert len(AnnotationStore(path).annotations()) == 3
    one.remove(second)
    two.edit(first, note="from two")  # two's stale view must not bring `second` back
    final = AnnotationStore(path)
    assert {a.quote.exact for a in final.annotations()} == {"minister", "fiction"}
    assert final.get(first).note == "from two"


def test_reading_a_missing_store_creates_nothing(path: Path) -> None:
    reader = AnnotationStore(path)
    assert reader.annotations() == [] and reader.notices == []
    assert not path.parent.exists()  # no folder, no lock file
    assert reader.reload_if_changed() is False
    AnnotationStore(path).add_quote(make_source(), "minister")
    assert reader.reload_if_changed() is True
    assert [a.quote.exact for a in reader.annotations()] == ["minister"]


def test_concurrent_edits_later_wins_other_kept(path: Path) -> None:
    clock = [datetime(2026, 1, 1, tzinfo=UTC)]

    def tick() -> datetime:
        clock[0] += timedelta(seconds=1)
        return clock[0]

    one = AnnotationStore(path, clock=tick)
    ident = one.add_quote(make_source(), "minister").id
    two = AnnotationStore(path, clock=tick)
    one.edit(ident, note="first session")
    one.edit(ident, color=2)
    two.edit(ident, note="second session")  # based on the original: a concurrent edit
    final = AnnotationStore(path)
    assert final.get(ident).note == "second session"
    (kept,) = final.conflicts
    assert (kept.annotation.note, kept.annotation.color) == ("first session", 2)
    assert "first session" in path.read_text()


def test_merge_same_revision_keeps_both() -> None:
    source = make_source()
    quote, position = selectors_for(source.body, 0, 3)
    store_items = []
    for note, second in (("a", 1), ("b", 2)):
        stamp = datetime(2026, 1, 1, 0, 0, second, tzinfo=UTC)
        data = fileformat.StoreData()
        item = Annotation("id1", source_ref(source), quote, position, 1, note, stamp, stamp, 2)
        data.annotations["id1"] = item
        store_items.append(data)
    now = datetime(2026, 2, 1, tzinfo=UTC)
    merged = fileformat.merge(store_items[0], store_items[1], now)
    again = fileformat.merge(store_items[1], store_items[0], now)
    assert merged.annotations["id1"].note == again.annotations["id1"].note == "b"
    assert [c.annotation.note for c in merged.conflicts] == ["a"]
    assert fileformat.dump(merged) == fileformat.dump(fileformat.parse(fileformat.dump(merged)))


def test_source_dates_and_undo(path: Path) -> None:
    store = AnnotationStore(path)
    change = store.set_source_date("src9", date(2023, 3, 4))
    later = store.set_source_date("src9", datetime(2023, 3, 5, 12, 0))
    assert AnnotationStore(path).source_date("src9") == datetime(2023, 3, 5, 12, 0)
    store.revert(later)
    assert store.source_date("src9") == date(2023, 3, 4)
    store.revert(change)
    assert store.source_date("src9") is None and store.source_dates() == {}


def test_corrupt_store_and_backup_both_moved_aside(path: Path) -> None:
    store = AnnotationStore(path)
    store.add_quote(make_source(), "minister")
    store.add_quote(make_source(), "Critics")
    path.write_text('{"version": 1, "annotations": [')
    backup_path(path).write_text("not json")
    recovered = AnnotationStore(path)
    assert recovered.annotations() == []
    assert len([p for p in path.parent.iterdir() if ".corrupt-" in p.name]) == 2
    assert len(recovered.notices) == 3 and "moved to" in recovered.notices[0]
    recovered.add_quote(make_source(), "fiction")  # keeps working
    assert len(AnnotationStore(path).annotations()) == 1


def test_a_store_nested_too_deep_to_parse_is_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[" * 100_000)
    recovered = AnnotationStore(path)
    assert recovered.annotations() == []
    assert [p.read_text() for p in path.parent.iterdir() if ".corrupt-" in p.name] == [
        "[" * 100_000
    ]
    assert "moved to" in recovered.notices[0]


def test_hand_edited_invalid_entry_is_not_overwritten(path: Path) -> None:
    store = AnnotationStore(path)
    store.add_quote(make_source(), "minister")
    doc = json.loads(path.read_text())
    doc["annotations"][0]["color"] = "yellow"
    path.write_text(json.dumps(doc))
    edited = path.read_text()
    reopened = AnnotationStore(path)
    assert any("could not be read" in n for n in reopened.notices)
    (aside,) = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert aside.read_text() == edited


def test_newer_store_opens_read_only(path: Path) -> None:
    AnnotationStore(path).add_quote(make_source(), "minister")
    doc = json.loads(path.read_text())
    doc["version"] = 2
    doc["something_new"] = True
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    store = AnnotationStore(path)
    assert store.read_only and "newer brief" in store.notices[0]
    assert len(store.annotations()) == 1
    with pytest.raises(StoreReadOnlyError):
        store.add_quote(make_source(), "Critics")
    assert path.read_bytes() == before


def test_newer_store_appearing_while_open_refuses_writes(path: Path) -> None:
    store = AnnotationStore(path)
    store.add_quote(make_source(), "minister")
    doc = json.loads(path.read_text())
    doc["version"] = 3
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    with pytest.raises(StoreReadOnlyError):
        store.add_quote(make_source(), "Critics")
    assert path.read_bytes() == before


def test_migration_path(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    AnnotationStore(path).add_quote(make_source(), "minister", note="old")
    doc = json.loads(path.read_text())
    for item in doc["annotations"]:  # a pretend version 0 that called the note "comment"
        item["comment"] = item.pop("note")
    doc["version"] = 0

    def upgrade(old: fileformat.Json) -> fileformat.Json:
        for item in old["annotations"]:
            item["note"] = item.pop("comment")
        return {**old, "version": 1}

    monkeypatch.setitem(fileformat.MIGRATIONS, 0, upgrade)
    path.write_text(json.dumps(doc))
    store = AnnotationStore(path)
    assert store.notices == [] and store.annotations()[0].note == "old"
    store.add_quote(make_source(), "Critics")
    assert json.loads(path.read_text())["version"] == 1
