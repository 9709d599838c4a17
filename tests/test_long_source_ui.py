"""A source of about a megabyte in the reader: its start, its end, a passage deep in it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from brief.ui.app import BriefApp
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.reader import CURSOR_BAR, Reader
from brief.ui.widgets.wrap import wrap_plain
from tests.conftest import loaded

WORDS = [
    "exports",
    "chips",
    "policy",
    "fabs",
    "wafers",
    "memory",
    "subsidy",
    "tariff",
    "yen",
    "won",
    "foundry",
    "demand",
    "supply",
    "capacity",
    "“output”",
    "growth—slowed",
    "prices",
    "fell",
    "rose",
    "12%",
    "the",
    "a",
    "of",
    "and",
    "in",
    "to",
    "for",
    "with",
]


def long_text(paragraphs: int) -> str:
    """A report of numbered paragraphs, a heading every fifty (a URL wider than a line now
    and then), about 200 bytes a paragraph."""
    rng = random.Random(8)
    parts = ["A very long report", ""]
    for number in range(paragraphs):
        if number % 50 == 0:
            parts += [f"Part {number // 50}: the numbers so far", ""]
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 40))]
        if number % 97 == 0:
            words.append("https://example.org/" + "x" * 90)
        parts += [f"Paragraph {number} opens. " + " ".join(words) + ".", ""]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    text = long_text(6000)
    assert len(text) > 900_000
    (folder / "report.txt").write_text(text)
    return folder


def on_screen(reader: Reader) -> list[str]:
    """The reader's rows as the user sees them (without the cursor's bar)."""
    rows = (reader.render_line(y).text for y in range(reader.size.height))
    return [row.replace(CURSOR_BAR, " ").strip() for row in rows]


def shown(reader: Reader, what: str) -> bool:
    return any(what in line for line in on_screen(reader))


async def opened(app: BriefApp) -> MainScreen:
    main = app.main
    assert main.reader.source is not None and main.reader.source.title == "A very long report"
    return main


async def test_a_long_source_opens_at_its_start_and_end_goes_to_its_last_line(
    pack: Path,
) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30)) as pilot:
        main = await loaded(pilot)
        reader = (await opened(app)).reader
        assert shown(reader, "A very long report")
        assert shown(reader, "Paragraph 0 opens.")
        assert main.current is not None and not main.reading.is_read(main.current)
        await pilot.press("end")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > 1000
        last = [line for line in on_screen(reader) if line]
        assert last[-1].endswith(".") and shown(reader, "Paragraph 5999 opens.")
        assert main.reading.is_read(main.current)  # its end was on screen
        await pilot.press("home")
        assert shown(reader, "Paragraph 0 opens.")


async def test_a_passage_deep_in_a_long_source_is_shown_and_kept_on_resizing(
    pack: Path,
) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reader = (await opened(app)).reader
        assert reader.source is not None
        offset = reader.source.body.index("Paragraph 5800 opens.")
        reader.go_to_offset(offset)
        await pilot.pause()
        assert on_screen(reader)[0].startswith("Paragraph 5800 opens.")
        await pilot.press("right_parenthesis")
        assert reader.cursor_span is not None and reader.cursor_span[0] > offset
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert on_screen(reader)[0].startswith("Paragraph 5800 opens.")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert on_screen(reader)[0].startswith("Paragraph 5800 opens.")
        await pilot.press("pagedown")
        assert not shown(reader, "Paragraph 5800 opens.")


async def test_find_in_a_long_source_goes_to_a_match_near_its_end(pack: Path) -> None:
    app = BriefApp([pack])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reader = (await opened(app)).reader
        await pilot.press("slash", *"Paragraph 5990 opens", "enter")
        await pilot.pause()
        assert reader.matches and shown(reader, "Paragraph 5990 opens.")
        assert reader.target is not None
        line = reader.line_of(reader.target[0])
        assert line is not None and reader.scroll_y <= line < reader.scroll_y + reader.size.height


def test_wrapped_lines_are_those_rich_makes() -> None:
    """Paragraphs wrapped the fast way break exactly where rich breaks them, wide
    characters (Hangul, kana, emoji) included."""
    console = Console()
    rng = random.Random(3)
    alphabet = "abcdefgh“”’—é,.-한국어ッ。🙂"
    checked = 0
    for _ in range(4000):
        words = [
            "".join(rng.choice(alphabet) for _ in range(rng.choice((1, 2, 3, 5, 8, 14))))
            for _ in range(rng.randint(0, 30))
        ]
        text = "".join(word + " " * rng.choice((1, 1, 1, 1, 2, 3)) for word in words)
        text = text.rstrip() if rng.random() < 0.5 else text
        width = rng.randint(5, 40)
        want = [line.plain for line in Text(text).wrap(console, width, overflow="fold")]
        lines = wrap_plain(text, width)
        if lines is None:
            assert any(cell_len(word) > width for word in words) or text[:1] == " "
            continue
        assert [text[start:end] for start, end in lines] == want
        checked += 1
    assert checked > 1500
    assert wrap_plain("zero\u200bwidth space", 10) is None  # rich measures those
