"""Highlights and notes by keyboard: cursor, selection, highlight, colour, note, panel, undo, export."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.color import Color
from textual.pilot import Pilot

from brief.core.annotations.store import AnnotationStore
from brief.core.loader import load_paths
from brief.ui.app import BriefApp
from brief.ui.screens.annotations import AnnotationsScreen
from brief.ui.screens.main import MainScreen
from brief.ui.screens.note import NoteScreen
from brief.ui.widgets.reader import Reader
from tests.conftest import loaded

CHIPS = (
    "Chip exports rebound\n\n"
    "Exports rose 5.2% in May. Prices held steady. Analysts expect more.\n\n"
    "The ministry will publish data in June. Officials declined to comment.\n"
)
PORT = (
    "Port strike ends\n\n"
    "Dock workers returned on Monday. Cargo piled up for a week.\n\n"
    "Shipping lines warned of delays. The union called it a win.\n"
)


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "a.txt").write_text(CHIPS)
    (folder / "b.txt").write_text(PORT)
    return folder


def store() -> AnnotationStore:
    return AnnotationStore(Path(os.environ["BRIEF_STORE"]))


async def open_chips(pilot: Pilot[None]) -> MainScreen:
    main = await loaded(pilot)
    for source in main.ordered:
        if source.title == "Chip exports rebound":
            main.open_source(source.id)
    await pilot.pause()
    assert main.current is not None and main.current.title == "Chip exports rebound"
    return main


def cursor_text(reader: Reader) -> str:
    span = reader.cursor_span
    assert span is not None and reader.source is not None
    return reader.source.body[span[0] : span[1]]


def selected_text(reader: Reader) -> str:
    span = reader.selected
    assert span is not None and reader.source is not None
    return reader.source.body[span[0] : span[1]]


def backgrounds_on_line(reader: Reader, words: str) -> set[Color | None]:
    """The background colours under `words` on the screen line that shows them."""
    for y in range(reader.size.height):
        strip = reader.render_line(y)
        if words in strip.text:
            return {s.style.bgcolor for s in strip if s.style is not None and words in s.text}
    raise AssertionError(f"{words!r} is not on screen")


def background(reader: Reader, component: str) -> Color | None:
    return reader._mark_style(component).bgcolor


async def test_reading_cursor_moves_by_sentence_and_paragraph(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        reader = (await open_chips(pilot)).reader
        assert cursor_text(reader) == "Exports rose 5.2% in May."
        await pilot.press("right_parenthesis")
        assert cursor_text(reader) == "Prices held steady."
        await pilot.press("right_curly_bracket")
        assert cursor_text(reader) == "The ministry will publish data in June."
        await pilot.press("left_parenthesis")
        assert cursor_text(reader) == "Analysts expect more."
        await pilot.press("left_curly_bracket")
        assert cursor_text(reader) == "Exports rose 5.2% in May."
        assert backgrounds_on_line(reader, "Exports rose") == {background(reader, "reader--cursor")}
        await pilot.press("right_parenthesis")
        assert background(reader, "reader--cursor") not in backgrounds_on_line(reader, "Exports")


async def test_select_by_word_and_sentence_then_highlight(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_chips(pilot)
        reader = main.reader
        await pilot.press("v", "w", "w")
        assert selected_text(reader) == "Exports rose 5.2%"
        await pilot.press("b")
        assert selected_text(reader) == "Exports rose"
        await pilot.press("right_parenthesis")
        assert selected_text(reader) == "Exports rose 5.2% in May."
        await pilot.press("escape")
        assert reader.selected is None
        await pilot.press("v", "right_parenthesis", "right_parenthesis", "h")
        assert reader.selected is None
        [item] = store().annotations()
        assert item.quote.exact == "Exports rose 5.2% in May. Prices held steady."
        assert item.color == 1
        hl = background(reader, "reader--hl-1")
        assert backgrounds_on_line(reader, "Exports rose") == {hl}
        prompt = str(main.sidebar.source_row_text(main.current.id))  # type: ignore[union-attr]
        assert "✎1" in prompt


async def test_highlight_sentence_colour_note_delete_and_undo(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_chips(pilot)
        await pilot.press("right_parenthesis", "h")
        [item] = store().annotations()
        assert item.quote.exact == "Prices held steady."
        await pilot.press("3")
        assert store().get(item.id).color == 3
        assert "doubt" in str(main.query_one("#note-bar").render())
        await pilot.press("a")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Check the #price series", "enter", *"again")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        saved = store().get(item.id)
        assert saved.note == "Check the #price series\nagain"
        assert saved.tags == ("price",)
        assert "Check the #price series" in str(main.query_one("#note-bar").render())
        await pilot.press("x")
        assert store().annotations() == []
        await pilot.press("u")
        assert store().get(item.id).note == "Check the #price series\nagain"
        await pilot.press("u", "u")  # the note, then the colour
        back = store().get(item.id)
        assert (back.note, back.color) == ("", 1)
        await pilot.press("u")  # the highlight itself
        assert store().annotations() == []


async def test_note_on_a_sentence_without_highlight_creates_one_and_cancel_keeps_nothing(
    pack: Path,
) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chips(pilot)
        await pilot.press("a", *"draft", "escape")
        assert isinstance(app.screen, MainScreen)
        assert store().annotations() == []
        await pilot.press("a", *"kept", "ctrl+s")
        [item] = store().annotations()
        assert (item.quote.exact, item.note) == ("Exports rose 5.2% in May.", "kept")


async def test_h_after_a_find_highlights_the_match(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chips(pilot)
        await pilot.press("slash", *"ministry", "enter", "h")
        [item] = store().annotations()
        assert item.quote.exact == "ministry"


async def test_panel_lists_filters_and_jumps_across_sources(pack: Path) -> None:
    library = load_paths([pack])
    chips, port = sorted(library.sources, key=lambda s: s.title)
    writer = store()
    writer.add_quote(port, "Cargo piled up for a week.", note="#logistics backlog", color=4)
    writer.add_quote(chips, "Prices held steady.", color=2)
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_chips(pilot)
        await pilot.press("A")
        panel = app.screen
        assert isinstance(panel, AnnotationsScreen)
        assert [p.annotation.quote.exact for p in panel.shown] == ["Prices held steady."]
        await pilot.press("a")
        assert len(panel.shown) == 2
        await pilot.press("slash", *"#logistics", "enter")
        assert [p.annotation.quote.exact for p in panel.shown] == ["Cargo piled up for a week."]
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert main.current is not None and main.current.title == "Port strike ends"
        assert cursor_text(main.reader) == "Cargo piled up for a week."
        await pilot.press("A", "slash", *"4", "enter")
        assert len(app.screen.shown) == 1  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_orphan_is_listed_and_reattached_to_a_new_selection(pack: Path) -> None:
    library = load_paths([pack])
    chips = next(s for s in library.sources if s.title == "Chip exports rebound")
    writer = store()
    writer.add_quote(chips, "Analysts expect more.", note="keep me")
    (pack / "a.txt").write_text(CHIPS.replace("Analysts expect more.", "Traders shrugged."))
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_chips(pilot)
        await pilot.press("A")
        panel = app.screen
        assert isinstance(panel, AnnotationsScreen)
        assert [p.status.value for p in panel.shown] == ["orphan"]
        await pilot.press("enter")
        assert app.screen is panel  # an orphan has nowhere to jump
        await pilot.press("r")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("right_parenthesis", "right_parenthesis", "h")
        [item] = store().annotations()
        assert (item.quote.exact, item.note) == ("Traders shrugged.", "keep me")
        assert main.session.orphans() == []


async def test_another_session_s_highlight_appears(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_chips(pilot)
        assert main.current is not None
        store().add_quote(main.current, "Officials declined to comment.", color=5)
        main.poll_store()
        await pilot.pause()
        assert main.session.counts() == {main.current.id: 1}
        prompt = str(main.sidebar.source_row_text(main.current.id))
        assert "✎1" in prompt


async def test_export_writes_markdown_without_overwriting(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief-notes.md").write_text("mine")
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chips(pilot)
        await pilot.press("h", "E")
    assert (tmp_path / "brief-notes.md").read_text() == "mine"
    exported = (tmp_path / "brief-notes-2.md").read_text()
    assert "## Chip exports rebound" in exported
    assert "> Exports rose 5.2% in May." in exported


async def test_highlights_show_in_the_removed_lines_view(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_chips(pilot)
        await pilot.press("h", "c")
        assert main.reader.show_removed
        hl = background(main.reader, "reader--hl-1")
        assert backgrounds_on_line(main.reader, "Exports rose") == {hl}


async def test_y_copies_the_sentence_or_selection_with_its_citation(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chips(pilot)
        await pilot.press("y")
        assert app.clipboard == "“Exports rose 5.2% in May.”\n— Chip exports rebound"
        await pilot.press("v", "w", "y")
        assert app.clipboard.startswith("“Exports rose”\n— Chip exports rebound")
        assert app.main.reader.selected is None


async def test_no_color_shows_highlights_and_the_cursor_by_style(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_chips(pilot)
        await pilot.press("h", "right_curly_bracket")
        reader = main.reader
        lines = [reader.render_line(y) for y in range(reader.size.height)]
        [marked] = [strip for strip in lines if "Exports rose" in strip.text]
        assert any(s.style and s.style.reverse for s in marked if "Exports" in s.text)
        [cursor] = [strip for strip in lines if "The ministry" in strip.text]
        assert cursor.text.lstrip(" ").startswith("▌")  # the cursor's bar


async def test_a_damaged_store_is_moved_aside_and_the_reader_told(pack: Path) -> None:
    """The store is read after the first frame, off the UI thread: what it had to say (a
    damaged file moved aside) is still shown, and the damaged file is kept, not lost."""
    path = Path(os.environ["BRIEF_STORE"])
    path.write_text("{ not json")
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        main = await open_chips(pilot)
        messages = [n.message for n in app._notifications]
        assert any("could not be read" in m and "moved to" in m for m in messages), messages
        assert main.session.placements == []
        await pilot.press("h")  # a highlight goes into a fresh store
    assert len(store().annotations()) == 1
    asides = [
        p for p in path.parent.iterdir() if p.name != path.name and "{ not json" in p.read_text()
    ]
    assert asides, "the damaged store was not kept"
