"""Find in a source and search across sources, driven by keys; `brief search` on the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from brief.cli import main as cli
from brief.core.paths import bundled_pack
from brief.ui.app import BriefApp
from brief.ui.screens.main import MainScreen
from brief.ui.screens.search import SearchScreen
from tests.conftest import loaded


def status_text(main: MainScreen) -> str:
    from textual.widgets import Static

    return str(main.query_one("#find-status", Static).render())


async def test_find_in_source_marks_every_match_and_steps_through() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        source = main.reader.source
        assert source is not None
        expected = source.body.lower().count("japan")
        assert expected >= 3
        await pilot.press("slash", *"japan")
        await pilot.pause()
        reader = main.reader
        assert len(reader.matches) >= expected
        assert all(source.body[s:e].lower().startswith("japan") for s, e in reader.matches)
        assert status_text(main) == f"1/{len(reader.matches)}"
        flashed = [m for m in reader.marks if m.style == "reader--flash"]
        assert [(m.start, m.end) for m in flashed] == [reader.matches[0]]
        await pilot.press("enter")
        assert reader.has_focus
        await pilot.press("n", "n")
        assert status_text(main) == f"3/{len(reader.matches)}"
        await pilot.press("N", "N", "N")
        assert status_text(main) == f"{len(reader.matches)}/{len(reader.matches)}"  # wrapped
        await pilot.press("escape")
        assert reader.marks == [] and reader.matches == []


async def test_find_forgives_typos_and_says_when_nothing_matches() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        await pilot.press("slash", *"semiconducter")
        await pilot.pause()
        assert main.reader.matches
        await pilot.press(*"zzzqqq")
        await pilot.pause()
        assert main.reader.matches == [] and status_text(main) == "no matches"


async def test_search_across_sources_opens_the_passage_and_esc_returns() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        await pilot.press("j", "j")
        before = (main.reader.source, main.reader.scroll_y)
        await pilot.press("s")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert (main.reader.source, main.reader.scroll_y) == before
        await pilot.press("ctrl+f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"Ahn Duk geun")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = list(screen.hits.values())
        assert hits and "Ahn Duk-geun" in hits[0].passage
        first = hits[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        reader = main.reader
        assert reader.source is not None and reader.source.id == first.source_id
        assert [(m.start, m.end) for m in reader.marks] == [(first.start, first.end)]
        assert reader.source.body[first.start : first.end] == "Ahn Duk-geun"
        line = reader.line_of(first.start)
        assert line is not None and reader.scroll_y <= line < reader.scroll_y + reader.size.height


async def test_search_results_update_on_every_keystroke() -> None:
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("s", *"hynix")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        first = {hit.source_id for hit in screen.hits.values()}
        assert len(first) >= 2  # "SK Hynix" and "SK hynix" in different sources
        await pilot.press(*" yongin")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_text == "hynix yongin"
        assert screen.hits and all(
            "yongin" in hit.passage.lower() or hit.rank.name == "PARTIAL"
            for hit in screen.hits.values()
        )


def test_cli_search_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["search", "300 trillion won", "--json", "--limit", "3"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert 1 <= len(rows) <= 3
    row = rows[0]
    assert {"source_id", "title", "score", "passage", "start", "end"} <= row.keys()
    assert "300 trillion won" in row["passage"]
    assert cli(["search", "hynix", "--limit", "0"]) == 2


async def test_search_counts_every_result_and_lists_more_at_the_end(tmp_path: Path) -> None:
    for number in range(25):
        paragraphs = [f"Cluster report {number}, part {part}." for part in range(10)]
        (tmp_path / f"r{number:02}.txt").write_text(
            f"Report {number}\n\n" + "\n\n".join(paragraphs)
        )
    app = BriefApp([tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("s", *"cluster")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        status = screen.query_one("#search-status", Static)
        assert len(screen.hits) == 200
        assert str(status.render()).startswith("250 results (200 listed: more below)")
        await pilot.press(*["pagedown"] * 20)  # from the query box, to the last one listed
        await pilot.pause()
        assert len(screen.hits) == 250
        assert str(status.render()).startswith("250 results ·")
        sources = {hit.source_id for hit in screen.hits.values()}
        assert len(sources) == 25 and len(set(map(id, screen.hits.values()))) == 250
