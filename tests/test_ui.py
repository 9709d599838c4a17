"""The reading flow with Textual's Pilot: open, move, switch source, hide sidebar, help, palette, quit."""

from __future__ import annotations

import gc
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.command import CommandPalette
from textual.geometry import Region
from textual.widgets import Static

from brief.core import collector
from brief.core.ordering import SortOrder
from brief.core.paths import bundled_pack
from brief.core.text import squash
from brief.ui.app import BriefApp
from brief.ui.screens.help import HelpScreen
from brief.ui.screens.main import MainScreen
from brief.ui.screens.toosmall import TooSmallScreen
from brief.ui.widgets.keybar import KeyBar
from brief.ui.widgets.sidebar import SOME_WIDTH, _title_lines, wrap_two
from tests.conftest import loaded


async def test_opens_the_bundled_briefing_newest_first() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        assert len(main.ordered) == 5
        dated = [s.sort_date for s in main.ordered if s.sort_date is not None]
        assert dated == sorted(dated, reverse=True)
        assert all(s.published is None for s in main.ordered[len(dated) :])
        assert main.reader.source is main.ordered[0]
        assert main.reader.has_focus
        title = str(main.query_one("#sidebar-title", Static).render())
        assert title.startswith("5 sources · ") and title.endswith("newest first")
        lines = main.reader.plain_lines
        assert main.ordered[0].title.split()[0] in lines[1]


async def test_the_collector_paused_for_start_up_runs_again_once_the_room_is_drawn() -> None:
    collector.pause()  # as `brief` does before importing the interface
    try:
        assert not gc.isenabled()
        app = BriefApp([bundled_pack()])
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert gc.isenabled()
    finally:
        collector.resume()
        gc.enable()


async def test_scrolling_keys() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        reader = main.reader
        assert reader.max_scroll_y > 0
        await pilot.press("j", "j")
        assert reader.scroll_y == 2
        await pilot.press("k")
        assert reader.scroll_y == 1
        await pilot.press("space")
        assert reader.scroll_y > 10
        await pilot.press("b")
        assert reader.scroll_y < 10
        await pilot.press("G")
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        assert reader.scroll_y == 0


async def test_brackets_switch_source_and_enter_opens_from_the_sidebar() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        await pilot.press("right_square_bracket")
        assert main.reader.source is main.ordered[1]
        assert main.sidebar.highlighted == 1
        await pilot.press("left_square_bracket")
        assert main.reader.source is main.ordered[0]
        await pilot.press("tab")
        assert main.sidebar.has_focus
        await pilot.press("j", "j", "enter")
        assert main.reader.source is main.ordered[2]
        assert main.reader.has_focus


async def test_sort_order_cycles() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        await pilot.press("o")
        assert main.order is SortOrder.TITLE
        titles = [s.title.casefold() for s in main.ordered]
        assert titles == sorted(titles)
        await pilot.press("o")
        assert main.order is SortOrder.OUTLET
        await pilot.press("o")
        assert main.order is SortOrder.DATE


async def test_sidebar_hides_by_key_and_floats_on_terminals_of_80_columns_or_less() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        pane = main.query_one("#sidebar-pane")
        reading = main.query_one("#reading")
        assert pane.display and reading.region.x >= pane.region.right
        await pilot.press("f")
        assert not pane.display and main.reader.has_focus
        await pilot.press("f")
        assert pane.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not pane.display and reading.region.width == 80
        await pilot.press("tab")
        await pilot.pause()
        # The sidebar floats over the reader, which keeps the whole width underneath.
        assert pane.display and main.sidebar.has_focus
        assert pane.region.x == 0 and pane.region.width < 80 and reading.region.width == 80
        await pilot.press("escape")
        assert not pane.display and main.reader.has_focus
        await pilot.resize_terminal(60, 20)
        await pilot.press("tab", "j", "enter")
        assert not pane.display and reading.display
        assert main.reader.source is main.ordered[1]


def bar_text(main: MainScreen) -> str:
    """The key bar's line as drawn."""
    return str(main.query_one(KeyBar).render())


async def test_the_key_bar_keeps_help_when_keys_do_not_fit_and_a_click_presses_a_key() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        line = bar_text(main)
        assert line.startswith("c Removed h Highlight")
        assert "t Timeline" not in line  # no room at 80 columns
        assert "? Help" in line and line.rstrip().endswith("^p Commands")
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        line = bar_text(main)
        assert "t Timeline" in line and "q Quit" in line
        await pilot.click(KeyBar, offset=(line.index("t Timeline"), 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "TimelineScreen"


async def test_help_is_generated_from_the_bindings() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        rows = app.help_rows()
        ids = {row.binding_id for row in rows}
        assert {"reader.down", "reader.page_down", "reader.top", "main.switch_focus",
                "main.previous_source", "main.next_source", "main.toggle_sidebar",
                "main.cycle_order", "sidebar.open", "app.help", "app.quit",
                "app.command_palette"} <= ids  # fmt: skip
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", Static)
        shown = "\n".join(
            strip.text
            for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))
        )
        for row in rows:
            assert row.description in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def row_binding(app: BriefApp, binding_id: str) -> Binding:
    """The binding with this id on the main screen, keymap applied."""
    bindings = app.main._bindings.copy()
    bindings.apply_keymap(app._keymap)
    return next(b for _, b in bindings if b.id == binding_id)


async def test_remapped_key_shows_in_help_and_works() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        app.set_keymap({"main.next_source": "ctrl+right"})
        await pilot.pause()
        row = next(r for r in app.help_rows() if r.binding_id == "main.next_source")
        assert row.keys == app.get_key_display(row_binding(app, "main.next_source"))
        await pilot.press("ctrl+right")
        assert main.reader.source is main.ordered[1]


async def test_palette_has_a_command_for_every_action() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        titles = [command.title for command in app.get_system_commands(main)]
        for row in app.help_rows():
            if row.action != "command_palette":
                assert any(title.startswith(row.description) for title in titles), row
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"sort sources")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert main.order is SortOrder.TITLE


async def test_quit() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keys_typed_after_quit_are_not_acted_on() -> None:
    """A quick typist's keys after `q` (here `s`, which opens search) do nothing: a screen
    opened while the app closes used to end it with a traceback."""
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for key in "qst":  # queued at once, as a terminal delivers keys typed together
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
    assert app._exception is None


async def test_source_text_is_shown_literally_and_skipped_files_listed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Markup [bold red]stays[/] literal\n\n"
        "A paragraph with [link=https://x]brackets[/link] and \x1b[31mescapes\x1b[0m inside it. "
        * 3
    )
    (tmp_path / "empty.txt").write_text("")
    app = BriefApp([tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        text = "\n".join(main.reader.plain_lines)
        assert "Markup [bold red]stays[/] literal" in text
        assert "[link=https://x]brackets[/link]" in text
        assert "\x1b" not in text
        prompts = [str(main.sidebar.row_text(i)) for i in range(main.sidebar.row_count)]
        assert any("Skipped (1)" in p for p in prompts)
        assert any("empty.txt" in p and "empty file" in p for p in prompts)


async def test_removed_lines_view_toggles(tmp_path: Path) -> None:
    prose = "The committee published its report on the harbour on Monday, officials said. " * 3
    (tmp_path / "page.txt").write_text(
        "Home\nNews\nSport\nWeather\nLogin\nSubscribe\n\nHarbour report published\n\n"
        + "\n\n".join([prose] * 5)
        + "\n\nCopyright 2024 Example Media. All rights reserved.\nPrivacy\nTerms\n"
    )
    app = BriefApp([tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        article = "\n".join(main.reader.plain_lines)
        assert "Subscribe" not in article and "The committee published" in article
        await pilot.press("c")
        whole = "\n".join(main.reader.plain_lines)
        assert "Whole source:" in whole
        assert "Subscribe" in whole and "The committee published" in whole
        removed = main.reader.source.raw if main.reader.source else []
        assert any(not line.kept and line.text == "Subscribe" for line in removed)
        await pilot.press("c")
        assert "\n".join(main.reader.plain_lines) == article


async def test_below_the_minimum_size_a_message_replaces_the_layout() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        await pilot.press(*"jjjjjjjjjj")
        top = main.reader.top_offset
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        message = str(app.screen.query_one("#too-small-message", Static).render())
        assert "at least 60×20" in message and "50×15" in message
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.screen is main
        assert top is not None
        assert main.reader.line_of(top) == main.reader.scroll_y  # the same text at the top


def screen_lines(main: MainScreen) -> list[str]:
    """The sidebar's lines as they are on screen."""
    sidebar = main.sidebar
    return [sidebar.render_line(y).text for y in range(sidebar.size.height)]


async def test_a_large_pack_lists_every_source_and_the_keys_reach_the_last(
    tmp_path: Path,
) -> None:
    for n in range(300):
        (tmp_path / f"note-{n:03}.txt").write_text(
            f"Harbour report number {n:03} with a title long enough to wrap in the sidebar\n\n"
            f"The committee met on the harbour for the {n}th time, officials said on Monday.\n"
        )
    (tmp_path / ".hidden.txt").write_text("not part of the pack")
    (tmp_path / "empty.txt").write_text("")
    app = BriefApp([tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        sidebar = main.sidebar
        assert len(main.ordered) == 300
        assert sidebar.row_count == 302  # the sources, the skipped heading, the empty file
        assert "300 sources" in str(main.query_one("#sidebar-title", Static).render())
        shown = screen_lines(main)
        assert any("Harbour report number" in line for line in shown)
        sidebar.focus()
        await pilot.press("G")
        last = main.ordered[-1]
        assert sidebar.highlighted == 299
        shown = screen_lines(main)
        title_words = last.title.split()[:4]
        assert any(" ".join(title_words) in line for line in shown)  # scrolled to the last
        await pilot.press("enter")
        assert main.current is last
        await pilot.press("shift+tab", "g", "pagedown")
        assert 0 < (sidebar.highlighted or 0) < 299
        await pilot.press("end")
        assert sidebar.highlighted == 299
        sidebar.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        shown = screen_lines(main)
        assert any("Skipped (1)" in line for line in shown)
        assert any("empty.txt" in line for line in shown)


def test_files_are_counted_as_the_walk_finds_them(tmp_path: Path) -> None:
    from brief.core.ingest.files import count_files, walk

    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("b")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "c.txt").write_text("c")
    (tmp_path / "inner" / ".d.txt").write_text("d")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    paths = [tmp_path, tmp_path / "a.txt"]
    walked = list(walk(paths))
    assert len([item for item in walked if item.info is not None]) == 2  # a.txt once, c.txt
    assert count_files(paths) == len(walked) == 3  # and the link loop, skipped with a reason


TITLE_CHARACTERS = "ab  \t\n\u00a0é한\x07’д中\u0301\u200d\u0e31\u00ad\ufe0f"
"""Some of each kind: narrow, wide, spaces, control, and characters of no width."""


@given(st.text(alphabet=st.sampled_from(TITLE_CHARACTERS), max_size=30), st.integers(1, 12))
def test_a_title_takes_as_many_lines_as_it_is_drawn_in(title: str, width: int) -> None:
    assert _title_lines(title, width) == len(wrap_two(squash(title), width))


def test_the_characters_counted_as_taking_a_cell_do() -> None:
    """The sidebar counts a long title's lines without measuring it when its start is made of
    these; each takes at least a cell as Rich draws it."""
    for first, last in re.findall(r"(.)-(.)", SOME_WIDTH):
        for code in range(ord(first), ord(last) + 1):
            assert cell_len(chr(code)) >= 1, hex(code)
