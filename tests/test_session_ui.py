"""A session that feels like home: resume where you were, read state, config and themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from brief.core.config import load_config
from brief.core.state import StateStore
from brief.ui.app import BriefApp
from brief.ui.screens.timeline import TimelineScreen
from tests.conftest import loaded

LONG = "Long read\n\n" + "\n\n".join(
    f"Paragraph {n} says something worth reading about exports and prices." for n in range(60)
)
SHORT_A = "Short note A\n\nOnly one line here."
SHORT_B = "Short note B\n\nAnother short one."


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "long.txt").write_text(LONG)
    (folder / "a.txt").write_text(SHORT_A)
    (folder / "b.txt").write_text(SHORT_B)
    return folder


def title_of(app: BriefApp) -> str:
    return str(app.main.query_one("#sidebar-title", Static).render())


def title_is_bold(app: BriefApp, source_id: str) -> bool:
    """True when the sidebar shows a source's title in bold (unread)."""
    prompt = app.main.sidebar.source_row_text(source_id)
    return "bold" in str(prompt.style)


async def open_titled(app: BriefApp, title: str) -> None:
    main = app.main
    main.open_source(next(s.id for s in main.ordered if s.title == title))


async def test_reopening_resumes_the_source_and_the_place(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_titled(app, "Long read")
        await pilot.pause()
        await pilot.press(*"jjjjjjjjjjjj")
        place = app.main.reader.top_offset
        await pilot.press("q")
    assert place is not None and place > 0
    again = BriefApp([pack])
    async with again.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        await pilot.pause()
        assert main.current is not None and main.current.title == "Long read"
        assert main.reader.line_of(place) == main.reader.scroll_y  # same text, other width


async def test_read_state_bold_unread_m_toggles_and_u_jumps_to_unread(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        await open_titled(app, "Long read")
        await pilot.pause()
        assert "3 unread" in title_of(app)
        await pilot.press("G")  # the end of the long read: now read
        await pilot.pause()
        assert "2 unread" in title_of(app)
        long_read = main.current
        assert long_read is not None and main.reading.is_read(long_read)
        assert not title_is_bold(app, long_read.id)
        await pilot.press("m")
        assert not main.reading.is_read(long_read)
        assert title_is_bold(app, long_read.id)
        assert "3 unread" in title_of(app)
        await pilot.press("m", "U")
        await pilot.pause()
        assert main.current is not None and main.current.title.startswith("Short note")
        assert main.reading.is_read(main.current)  # short: its end was on screen at once
        await pilot.press("U")
        await pilot.pause()
        await pilot.press("U")
        assert "Every other source is read." in [n.message for n in app._notifications]
    state = StateStore.open()
    assert state.pack_state([pack]).is_read(long_read)


async def test_config_remaps_keys_renames_colours_and_sets_the_width(
    pack: Path, tmp_path: Path
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        'reading_width = 50\ntheme = "nord"\n'
        '[keys]\n"main.timeline" = "T"\n'
        '[colours]\nred = "contested"\n'
    )
    config = load_config(config_file)
    assert config.problems == []
    app = BriefApp([pack], config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        await open_titled(app, "Long read")
        await pilot.pause()
        assert app.theme == "nord"
        text_lines = [line.strip() for line in main.reader.plain_lines if "Paragraph" in line]
        assert text_lines and max(len(line) for line in text_lines) <= 50
        await pilot.press("h", "3")
        assert "contested" in str(main.query_one("#note-bar").render())
        rows = {row.binding_id: row for row in app.help_rows()}
        assert rows["annotate.colour_3"].description == "Colour 3: red, contested"
        assert rows["main.timeline"].keys == "T"
        await pilot.press("T")
        assert isinstance(app.screen, TimelineScreen)


async def test_a_bad_config_is_reported_and_brief_starts_with_defaults(
    pack: Path, tmp_path: Path
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('reading_width = "wide"\n[keys]\n"nothing.here" = "x"\n')
    app = BriefApp([pack], config=load_config(config_file))
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        messages = [n.message for n in app._notifications]
        assert any(f"{config_file}:1" in m for m in messages)
        assert any(f"{config_file}:3" in m and "nothing.here" in m for m in messages)
        assert main.reader.measure == 80


async def test_a_theme_chosen_in_the_app_is_remembered(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.theme = "brief-high-contrast"
        await pilot.pause()
    again = BriefApp([pack])
    async with again.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert again.theme == "brief-high-contrast"


async def test_files_added_changed_and_removed_show_up_and_the_reader_keeps_its_place(
    pack: Path,
) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        await open_titled(app, "Long read")
        await pilot.pause()
        await pilot.press(*"j" * 20, ")", "h")
        place = main.reader.top_offset
        assert place is not None and place > 0
        (pack / "c.txt").write_text("A new arrival\n\nJust dropped into the folder.")
        (pack / "a.txt").unlink()
        long_file = pack / "long.txt"
        long_file.write_text(
            long_file.read_text().replace(
                "Long read\n\n", "Long read\n\nA new first paragraph.\n\n"
            )
        )
        main.watch_pack()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        titles = sorted(s.title for s in main.ordered)
        assert titles == ["A new arrival", "Long read", "Short note B"]
        assert any("1 added, 1 changed, 1 removed" in n.message for n in app._notifications)
        assert main.current is not None and main.current.title == "Long read"
        shifted = place + len("A new first paragraph.\n\n")
        assert main.reader.line_of(shifted) == main.reader.scroll_y  # the same passage on top
        [placed] = main.session.on_source(main.current.id)
        assert placed.status.value == "moved"


async def test_sources_show_while_the_pack_is_still_being_read(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        everything = main.library
        main.current = None
        main.show_progress(type(everything)(everything.sources[:1], []), 1, 3)
        await pilot.pause()
        assert "Reading the briefing… 1 of 3 files" in title_of(app)
        assert [s.title for s in main.ordered] == [everything.sources[0].title]
        await pilot.press("tab", "enter")  # a source can be opened before the rest are read
        assert main.current is everything.sources[0]
