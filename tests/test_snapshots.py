"""Snapshot stories of the main screens: keys pressed, then the screen a user sees."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from brief.core.paths import bundled_pack
from brief.ui.app import BriefApp


async def wait_for_pack(pilot: Pilot[None]) -> None:
    """Let the worker read the pack and the screen settle."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_opening_the_bundled_briefing_shows_the_newest_source(snap_compare: Any) -> None:
    """`brief` at 100x30: sidebar of five sources, the newest open in the reader."""
    assert snap_compare(
        BriefApp([bundled_pack()]), terminal_size=(100, 30), run_before=wait_for_pack
    )


def test_at_80x24_the_reader_takes_the_width(snap_compare: Any) -> None:
    """`brief` at 80x24: the newest source fills the screen; the sidebar waits behind tab."""
    assert snap_compare(
        BriefApp([bundled_pack()]), terminal_size=(80, 24), run_before=wait_for_pack
    )


def test_question_mark_shows_every_key(snap_compare: Any) -> None:
    """Pressing ? shows the help generated from the bindings."""

    async def story(pilot: Pilot[None]) -> None:
        await wait_for_pack(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(BriefApp([bundled_pack()]), terminal_size=(80, 24), run_before=story)


def test_narrow_terminal_tab_floats_the_sidebar_over_the_reader(snap_compare: Any) -> None:
    """At 60x20 the sidebar hides; tab floats it over the reader."""

    async def story(pilot: Pilot[None]) -> None:
        await wait_for_pack(pilot)
        await pilot.press("tab")
        await pilot.pause()

    assert snap_compare(BriefApp([bundled_pack()]), terminal_size=(60, 20), run_before=story)


def test_t_shows_the_timeline_oldest_first(snap_compare: Any) -> None:
    """t: every dated event, grouped by year and month, each with its sentence."""

    async def story(pilot: Pilot[None]) -> None:
        await wait_for_pack(pilot)
        await pilot.press("t")
        await wait_for_pack(pilot)

    assert snap_compare(BriefApp([bundled_pack()]), terminal_size=(100, 30), run_before=story)
