"""Search finds sources by the user's notes (and #tags), kept in step as notes change."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from brief.cli import main
from brief.core.annotations.notefield import NOTE_FIELD, NoteField
from brief.core.annotations.session import AnnotationSession
from brief.core.annotations.store import AnnotationStore
from brief.core.model import Source
from brief.core.search import DEFAULT_FIELDS, Hit, Rank, Searcher, SearchIndex
from brief.ui.app import BriefApp
from brief.ui.screens.main import MainScreen
from brief.ui.screens.search import SearchScreen
from tests.conftest import loaded, paragraph_source

EXPORTS = [
    "Exports rose in May as chip shipments recovered.",
    "Officials declined to comment on the tariff talks.",
]


def make(ident: str, paragraphs: list[str], when: date | None = None) -> Source:
    return paragraph_source(ident, ident.title(), paragraphs, f"/made/{ident}.txt",
                            published=when)  # fmt: skip


def noted(
    tmp_path: Path, sources: list[Source]
) -> tuple[AnnotationSession, NoteField, SearchIndex, Searcher]:
    """A session on a fresh store, and an index of the sources with their notes."""
    session = AnnotationSession(AnnotationStore(tmp_path / "notes.json"), sources)
    notes = NoteField(session.placements)
    index = SearchIndex(sources, (*DEFAULT_FIELDS, notes.field))
    return session, notes, index, Searcher(index)


def found(searcher: Searcher, query: str) -> list[tuple[str, str, Rank]]:
    return [(hit.source_id, hit.field, hit.rank) for hit in searcher.search(query)]


def test_a_note_and_its_tags_are_searched_and_open_at_the_highlight(tmp_path: Path) -> None:
    exports = make("exports", EXPORTS, date(2024, 5, 2))
    other = make("other", ["Nothing to see here."], date(2024, 6, 1))
    session, notes, index, searcher = noted(tmp_path, [exports, other])
    assert found(searcher, "ministry") == []
    start = exports.body.index("tariff talks")
    placed = session.highlight(exports, start, start + len("tariff talks"))
    session.set_note(placed.annotation.id, "Ask the ministry\n\nabout the deadline #followup")
    assert notes.sync(index, session.placements) == {"exports"}

    (hit,) = searcher.search("ministry deadline")
    assert (hit.source_id, hit.field, hit.rank) == ("exports", NOTE_FIELD, Rank.ALL_WORDS)
    assert hit.passage == "Ask the ministry\nabout the deadline #followup"
    assert hit.spans == ((8, 16), (27, 35))
    assert hit.anchor == (start, start + len("tariff talks"))
    assert exports.body[slice(*hit.anchor)] == "tariff talks"
    assert json.loads(json.dumps(hit.to_dict()))["field"] == "note"
    assert found(searcher, "#followup") == [("exports", "note", Rank.PHRASE)]
    assert found(searcher, "folowup") == [("exports", "note", Rank.FUZZY)]  # typos forgiven
    # body hits carry no anchor; the body is still searched as before
    (body,) = searcher.search("tariff talks")
    assert (body.field, body.anchor) == ("body", None)


def test_edited_and_deleted_notes_are_found_no_more(tmp_path: Path) -> None:
    exports = make("exports", EXPORTS, date(2024, 5, 2))
    session, notes, index, searcher = noted(tmp_path, [exports])
    placed = session.highlight(exports, 0, 7, note="zebra crossing")
    notes.sync(index, session.placements)
    assert found(searcher, "zebra") == [("exports", "note", Rank.PHRASE)]
    session.set_note(placed.annotation.id, "yak herd")
    assert notes.sync(index, session.placements) == {"exports"}
    assert found(searcher, "zebra") == []
    assert found(searcher, "yak") == [("exports", "note", Rank.PHRASE)]
    assert found(searcher, "shipments") == [("exports", "body", Rank.PHRASE)]  # body untouched
    session.delete(placed.annotation.id)
    notes.sync(index, session.placements)
    assert found(searcher, "yak") == [] and found(searcher, "zebra") == []
    session.undo()  # the deletion undone: the note is back
    notes.sync(index, session.placements)
    assert found(searcher, "yak herd") == [("exports", "note", Rank.PHRASE)]
    assert notes.sync(index, session.placements) == set()  # nothing changed: nothing redone


def test_note_hits_rank_with_the_rest_and_keep_the_source_order(tmp_path: Path) -> None:
    newest = make("newest", ["A semiconductor cluster in Yongin."], date(2025, 1, 1))
    middle = make("middle", ["Nothing relevant at all."], date(2024, 1, 1))
    oldest = make("oldest", ["The semiconductor cluster is growing."], date(2020, 1, 1))
    undated = [make(f"undated{i}", ["A semiconducter clustr misspelt."]) for i in range(3)]
    session, notes, index, searcher = noted(tmp_path, [newest, middle, oldest, *undated])
    session.highlight(middle, 0, 7, note="semiconductor cluster doubts")
    notes.sync(index, session.placements)
    assert found(searcher, "semiconductor cluster") == [
        ("newest", "body", Rank.PHRASE),
        ("middle", "note", Rank.PHRASE),  # an exact phrase in a note ranks as in the body
        ("oldest", "body", Rank.PHRASE),
        # typo matches last, undated ones in the order they were added: re-indexing a
        # note does not move its source
        ("undated0", "body", Rank.FUZZY),
        ("undated1", "body", Rank.FUZZY),
        ("undated2", "body", Rank.FUZZY),
    ]
    session.highlight(undated[0], 0, 1, note="ask about this")
    notes.sync(index, session.placements)
    assert [hit.source_id for hit in searcher.search("clustr")][:3] == [
        "undated0",
        "undated1",
        "undated2",
    ]


def test_many_sources_and_many_edits_leave_no_stale_note(tmp_path: Path) -> None:
    """Past the first sources, search groups postings by source: replaced note passages
    must not come back there either."""
    sources = [
        make(f"s{i:03}", [f"Cluster report number {i}."], date(2020, 1, 1)) for i in range(150)
    ]
    session, notes, index, searcher = noted(tmp_path, sources)
    placed = session.highlight(sources[120], 0, 7, note="cluster report doubts")
    notes.sync(index, session.placements)
    for round_ in range(5):
        session.set_note(placed.annotation.id, f"revision {round_} of the doubts")
        notes.sync(index, session.placements)
    hits: list[Hit] = list(searcher.search("cluster"))
    assert len(hits) == 150 and {hit.field for hit in hits} == {"body"}
    assert len(list(searcher.search('"cluster report"'))) == 150
    assert found(searcher, "revision 4") == [("s120", "note", Rank.PHRASE)]
    assert found(searcher, "revision 3") == []  # the older versions are gone


def test_notes_are_a_changing_field_after_the_others() -> None:
    notes = NoteField()
    with pytest.raises(ValueError, match="after the others"):
        SearchIndex([], (notes.field, *DEFAULT_FIELDS))


def test_cli_search_finds_notes_from_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "exports.txt"
    page.write_text("Exports\n\n" + "\n\n".join(EXPORTS) + "\n", encoding="utf-8")
    store = tmp_path / "store.json"
    quote = "tariff talks"
    assert main(["notes", "add", str(page), "--quote", quote, "--note", "Ring the ministry #call",
                 "--store", str(store)]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["search", "ministry", str(page), "--json", "--store", str(store)]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["field"], row["passage"]) == ("note", "Ring the ministry #call")
    assert row["anchor"][1] - row["anchor"][0] == len(quote)
    assert main(["search", "ministry call", str(page), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "in a note" in out and "Ring the ministry #call" in out
    # another store has no such note
    assert main(["search", "ministry", str(page), "--store", str(tmp_path / "none.json")]) == 0
    assert capsys.readouterr().out == ""


CHIPS = (
    "Chip exports rebound\n\n"
    "Exports rose 5.2% in May. Prices held steady. Analysts expect more.\n\n"
    "The ministry will publish data in June. Officials declined to comment.\n"
)
PORT = "Port strike ends\n\nDock workers returned on Monday. Cargo piled up for a week.\n"


async def search_for(pilot: Pilot[None], query: str) -> SearchScreen:
    await pilot.press("s", *query)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_a_note_written_in_the_app_is_found_at_once_and_opens_at_its_highlight(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(CHIPS)
    (tmp_path / "b.txt").write_text(PORT)
    app = BriefApp([tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        chips = next(s for s in main.ordered if s.title == "Chip exports rebound")
        port = next(s for s in main.ordered if s.title == "Port strike ends")
        main.open_source(chips.id)
        await pilot.pause()
        await pilot.press("right_parenthesis", "a", *"Ask the zebra desk #verify", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        main.open_source(port.id)
        await pilot.pause()

        screen = await search_for(pilot, "zebra desk")
        (hit,) = screen.hits.values()
        assert (hit.source_id, hit.field, hit.passage) == (
            chips.id, "note", "Ask the zebra desk #verify",
        )  # fmt: skip
        assert "(in your note)" in str(screen.results.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        reader = main.reader
        assert reader.source is not None and reader.source.id == chips.id
        (mark,) = reader.marks
        assert chips.body[mark.start : mark.end] == "Prices held steady."
        assert "zebra desk" in str(main.query_one("#note-bar").render())

        # another session rewrites the note: picked up by the store poll
        (item,) = AnnotationStore(Path(os.environ["BRIEF_STORE"])).annotations()
        AnnotationStore(Path(os.environ["BRIEF_STORE"])).edit(item.id, note="llama farm")
        main.poll_store()
        screen = await search_for(pilot, "zebra")
        assert screen.hits == {}
        await pilot.press("escape")
        screen = await search_for(pilot, "llama")
        assert [hit.field for hit in screen.hits.values()] == ["note"]
        await pilot.press("enter")
        await pilot.pause()

        await pilot.press("x")  # the highlight at the cursor, its note with it
        assert AnnotationStore(Path(os.environ["BRIEF_STORE"])).annotations() == []
        screen = await search_for(pilot, "llama")
        assert screen.hits == {}
