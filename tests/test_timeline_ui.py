"""The timeline view and setting a date, driven by keys; and `brief timeline` on the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from brief.cli import main as cli
from brief.core.annotations.store import AnnotationStore
from brief.core.paths import bundled_pack
from brief.core.timeline import Kind
from brief.core.timeline.labels import RangeError, date_label, parse_range
from brief.ui.app import BriefApp
from brief.ui.screens.main import MainScreen
from brief.ui.screens.setdate import SetDateScreen
from brief.ui.screens.timeline import KIND_MARKS, TimelineScreen
from tests.conftest import loaded


def row_texts(screen: TimelineScreen) -> list[str]:
    return screen.rows.lines_shown()


async def open_timeline(pilot: Pilot[None]) -> TimelineScreen:
    """Press t and wait for the events to be made (in a worker); the timeline screen."""
    await pilot.press("t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


async def test_timeline_lists_events_oldest_first_and_opens_at_the_sentence() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        await pilot.press("j", "j", "j")
        before = (main.reader.source, main.reader.scroll_y)
        screen = await open_timeline(pilot)
        texts = row_texts(screen)
        assert any(t.startswith("2042") and "plan" in t for t in texts)
        assert any(t.startswith("Dec 2023") for t in texts)
        assert any(t.startswith("23 Feb 2021") for t in texts)
        assert any(t.startswith("━━ 2019") for t in texts)
        resolved = [e for e in screen.shown() if e.resolved and e.first]
        assert [e.first for e in resolved] == sorted(e.first for e in resolved if e.first)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert (main.reader.source, main.reader.scroll_y) == before
        screen = await open_timeline(pilot)
        rows = screen.rows
        index = next(
            i for i in range(rows.row_count) if getattr(rows.event_at(i), "phrase", "") == "2042"
        )
        event = rows.event_at(index)
        assert event is not None
        rows.move_to(index)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main.reader.source is not None and main.reader.source.id == event.source
        assert [(m.start, m.end) for m in main.reader.marks] == [
            (event.sentence_start, event.sentence_end)
        ]
        top = main.reader.scroll_y
        shown = "\n".join(main.reader.plain_lines[top : top + 10])
        assert "2042" in shown


async def test_timeline_filters_and_flip() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        screen = await open_timeline(pilot)
        everything = screen.shown()
        await pilot.press("r")
        flipped = [e for e in screen.shown() if e.resolved]
        assert flipped[0].first == max(e.first for e in everything if e.first)
        await pilot.press("r", "K")
        assert {e.kind for e in screen.shown()} == {Kind.EVENT}
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        marks = {mark for text in row_texts(screen) for mark in KIND_MARKS.values() if mark in text}
        assert marks == {KIND_MARKS[Kind.EVENT]}  # the rows shown follow the filter
        await pilot.press("K")
        assert {e.kind for e in screen.shown()} == {Kind.PLAN}
        await pilot.press("K", "K")
        assert len(screen.shown()) == len(everything)
        await pilot.press("S")
        current = main.current.id if main.current else None
        assert {e.source for e in screen.shown()} == {current}
        await pilot.press("S")
        await pilot.press("d", *"2021", "enter")
        shown = screen.shown()
        assert shown and all(
            e.first and e.last and e.first <= date(2021, 12, 31) and e.last >= date(2021, 1, 1)
            for e in shown
        )
        await pilot.press("d", *"nonsense", "enter")
        assert screen.shown() == shown  # a bad range is refused with a message, nothing lost


async def test_setting_the_date_of_an_undated_source_resolves_its_dates(
    private_store: Path,
) -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        undated = next(s for s in main.ordered if "This Wednesday" in s.body)
        main.open_source(undated.id)
        screen = await open_timeline(pilot)
        wednesday = next(e for e in screen.events or [] if e.phrase == "This Wednesday")
        assert not wednesday.resolved and wednesday.value is None
        await pilot.press("escape", "D")
        assert isinstance(app.screen, SetDateScreen)
        await pilot.press(*"29 March 2023", "enter")
        await pilot.pause()
        assert AnnotationStore(private_store).source_date(undated.id) == date(2023, 3, 29)
        assert "29 Mar 2023 (date set by you)" in "\n".join(main.reader.plain_lines)
        screen = await open_timeline(pilot)
        wednesday = next(e for e in screen.events or [] if e.phrase == "This Wednesday")
        assert wednesday.resolved and wednesday.value == "2023-03-29"


def test_date_labels_and_ranges() -> None:
    assert parse_range("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert parse_range("March 2024") == (date(2024, 3, 1), date(2024, 3, 31))
    assert parse_range("2019 to 2021") == (date(2019, 1, 1), date(2021, 12, 31))
    assert parse_range("after 2020") == (date(2021, 1, 1), None)
    assert parse_range("before March 2024") == (None, date(2024, 2, 29))
    with pytest.raises(RangeError):
        parse_range("last week")


def test_cli_timeline(capsys: pytest.CaptureFixture[str], private_store: Path) -> None:
    assert cli(["timeline", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    keys = {"source", "kind", "value", "first", "last", "precision", "resolved", "phrase",
            "start", "end", "sentence"}  # fmt: skip
    assert all(keys <= row.keys() for row in rows)
    by_value = {row["value"]: row for row in rows if row["resolved"]}
    assert {"2042", "2030", "2023-12", "2019", "2020", "2021-02-23", "2021-02-25",
            "2025"} <= by_value.keys()  # fmt: skip
    plan = by_value["2042"]
    assert plan["kind"] == "plan" and plan["first"] == "2042-01-01" and plan["last"] == "2042-12-31"
    assert cli(["timeline", "--kind", "published"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("published" in line for line in lines)
    assert cli(["timeline", "--range", "2042"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["2042"]
    assert cli(["timeline", "--range", "soon"]) == 2


def test_date_label_precisions() -> None:
    from brief.core.loader import load_paths
    from brief.core.timeline import timeline

    events = timeline(load_paths([bundled_pack()]).sources)
    labels = {e.phrase: date_label(e) for e in events if e.phrase}
    assert labels["2042"] == "2042"
    assert labels["Dec. 2023"] == "Dec 2023"
    assert labels["Feb. 23"] == "23 Feb 2021"
    assert labels["the second half of this year"] == "H2 2021"
    assert labels["May or June"] == "May–Jun 2021"
