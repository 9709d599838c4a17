"""The sidebar: the briefing's sources by title, outlet and date, and the files skipped.

It draws only the rows on screen (a line-API widget), so a pack of 100,000 sources fills it
as fast as one of ten: a row's height comes from its title's width alone, its lines are made
when it is first drawn.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from operator import attrgetter
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.strip import Strip

from brief.core.export import human_date
from brief.core.model import PubDate, Skipped, Source
from brief.core.text import squash
from brief.ui.messages import SourceOpened
from brief.ui.widgets.rows import RowList

PAD = 1
"""Blank columns either side of a row's text."""
MIN_WIDTH = 10
"""Rows are laid out at least this wide, however narrow the sidebar."""


def _fit(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells."""
    if text.isascii():
        return min(len(text), width)
    used = 0
    for at, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return at
    return len(text)


def _cut(text: str, width: int) -> str:
    """One line of at most `width` cells: `text`, or its start and an ellipsis."""
    if cell_len(text) <= width:
        return text
    return text[: _fit(text, width - 1)].rstrip(" ,;:-–—") + "…"


def wrap_two(text: str, width: int) -> list[str]:
    """`text` in one line of `width` cells, else two (cut at a space, the rest shortened).

    One line exactly when the text fits, so a row's height needs only its width."""
    if cell_len(text) <= width:
        return [text]
    end = _fit(text, width)
    space = text.rfind(" ", 0, end + 1)
    if space > width // 3:
        end = space
    return [text[:end].rstrip(), _cut(text[end:].lstrip(), width)]


def _lines_for(text: str, width: int) -> int:
    """How many lines `wrap_two` makes of `text`."""
    return 1 if cell_len(text) <= width else 2


_ID = attrgetter("id")
"""A source's id."""


SOME_WIDTH = "\x20-\x7e\u00c0-\u00ff\u0410-\u044f\u2010-\u2027\u4e00-\u9fff\uac00-\ud7a3"
"""Ranges of characters that take one cell or two, never none (ASCII, Latin-1 letters,
Cyrillic, dashes and quotes, CJK ideographs, Hangul syllables: a test checks them all)."""


@functools.cache
def _maybe_no_width() -> re.Pattern[str]:
    """A character outside `SOME_WIDTH`: compiled when first needed, not at start-up, where
    its table of 65,536 characters took 3.5 ms (a long title in another script needs it)."""
    return re.compile(f"[^{SOME_WIDTH}]")


def _title_lines(title: str, width: int) -> int:
    """How many lines a title takes in a row (`wrap_two` of it squashed)."""
    if title.isascii() and title.isprintable() and "  " not in title and title.strip() == title:
        # Squashed already, one cell a character: its length is its width (most titles).
        return 1 if len(title) <= width else 2
    text = squash(title)
    if len(text) > width and (
        not _maybe_no_width().search(text, 0, width + 1) or cell_len(text[: width + 1]) > width
    ):
        # Its start is too wide already: more characters than cells, none of them without
        # width (most titles in other scripts), else cells counted in the start only.
        return 2
    return _lines_for(text, width)


def details_line(
    source: Source, width: int, user_date: PubDate | None = None, notes: int = 0
) -> Text:
    """A source's second line: outlet · date, dimmed, then its number of highlights."""
    if source.published is not None:
        when = human_date(source.published)
    elif user_date is not None:
        when = f"{human_date(user_date)} (set)"
    else:
        when = "undated"
    count = f"✎{notes}" if notes else ""
    details = " · ".join(part for part in (squash(source.outlet or ""), when) if part)
    line = Text(_cut(details, max(4, width - len(count) - 1 if count else width)), style="dim")
    if count:
        line.append(" " + count, style="bold")
    return line


def source_prompt(
    source: Source,
    width: int,
    user_date: PubDate | None = None,
    notes: int = 0,
    read: bool = False,
) -> Text:
    """A sidebar row as drawn: the title (bold while unread) in one or two lines, then
    outlet · date · highlights, dimmed."""
    title = "\n".join(wrap_two(squash(source.title), width))
    row = Text(title, style="" if read else "bold")
    row.append("\n")
    row.append_text(details_line(source, width, user_date, notes))
    return row


def skipped_prompt(skipped: Skipped, width: int) -> Text:
    """A row of the skipped group: file name and reason."""
    row = Text(_cut(squash(skipped.path.name), width), style="dim")
    row.append("\n")
    row.append("\n".join(wrap_two(squash(skipped.reason), width)), style="dim italic")
    return row


class SourceList(RowList, inherit_bindings=False):
    """The list of sources; enter (or a click) opens the highlighted one. Skipped files come
    last, under a heading."""

    HELP_GROUP = "Sidebar"

    DEFAULT_CSS = """
    SourceList {
        color: $foreground;
        overflow-x: hidden;
        background: $surface;
        & > .source-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .source-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .source-list--separator {
            color: $foreground 15%;
        }
        & > .source-list--skipped {
            color: $text-disabled;
        }
    }
    """

    HIGHLIGHT: ClassVar[str] = "source-list--highlighted"
    CLICKS_TO_CHOOSE: ClassVar[int] = 1
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-list--highlighted",
        "source-list--separator",
        "source-list--skipped",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j,down",
            "cursor_down",
            "Down",
            show=False,
            tooltip="Next source in the list",
            id="sidebar.down",
        ),
        Binding(
            "k,up",
            "cursor_up",
            "Up",
            show=False,
            tooltip="Previous source in the list",
            id="sidebar.up",
        ),
        Binding(
            "g,home",
            "first",
            "First",
            show=False,
            tooltip="First source in the list",
            id="sidebar.first",
        ),
        Binding(
            "G,end",
            "last",
            "Last",
            show=False,
            tooltip="Last source in the list",
            id="sidebar.last",
        ),
        Binding(
            "pagedown,space",
            "page_down",
            "Page down",
            show=False,
            tooltip="A page down the list",
            id="sidebar.page_down",
        ),
        Binding(
            "pageup,b",
            "page_up",
            "Page up",
            show=False,
            tooltip="A page up the list",
            id="sidebar.page_up",
        ),
        Binding(
            "enter", "choose", "Open", tooltip="Open the highlighted source", id="sidebar.open"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sources: list[Source] = []
        self.skipped: list[Skipped] = []
        self.dates: Mapping[str, PubDate] = {}
        self.counts: Mapping[str, int] = {}
        self.read: Collection[str] = frozenset()
        self._width = 0
        """The width rows are laid out at (text, without padding)."""
        self._heights: dict[str, int] = {}
        """Lines of each source's row at `_width`, by id (kept while the width is)."""
        self._index: dict[str, int] | None = None

    # Filling

    def show(
        self,
        sources: list[Source],
        skipped: list[Skipped],
        current: str | None,
        dates: Mapping[str, PubDate] | None = None,
        counts: Mapping[str, int] | None = None,
        read: Collection[str] = (),
    ) -> None:
        """Fill the list, keeping the highlight on `current` when it is still there."""
        previous = self.highlighted
        self.sources = sources
        self.skipped = skipped
        self.dates = dates or {}
        self.counts = counts or {}
        self.read = read
        self._index = None
        index = self.index_of(current) if current is not None else None
        if index is None and sources:
            index = min(previous or 0, len(sources) - 1)
        self._lay_out(index, force=True)

    def show_row(self, source: Source, notes: int, read: bool) -> None:
        """Redraw one source's row with its number of highlights and its read state."""
        self.counts = {**self.counts, source.id: notes}
        self.read = set(self.read) | {source.id} if read else set(self.read) - {source.id}
        index = self.index_of(source.id)
        if index is not None:
            self.redraw(index)

    def index_of(self, source_id: str) -> int | None:
        """Where a source is in the list, if it is."""
        if self._index is None:
            self._index = dict(zip(map(_ID, self.sources), range(len(self.sources)), strict=True))
        return self._index.get(source_id)

    def row_text(self, index: int) -> Text:
        """Row `index` as it is drawn (styles without the highlight), lines joined by newlines."""
        width = self._width or 40
        sources = self.sources
        if index < len(sources):
            source = sources[index]
            return source_prompt(
                source,
                width,
                self.dates.get(source.id),
                self.counts.get(source.id, 0),
                source.id in self.read,
            )
        if index == len(sources):
            return Text(f"Skipped ({len(self.skipped)})", style="bold dim")
        return skipped_prompt(self.skipped[index - len(sources) - 1], width)

    def source_row_text(self, source_id: str) -> Text:
        """A source's row as it is drawn (see `row_text`)."""
        index = self.index_of(source_id)
        if index is None:
            raise KeyError(source_id)
        return self.row_text(index)

    # Laying out

    def _lay_out(self, highlight: int | None, force: bool = False) -> None:
        """Work out each row's height at the current width (from titles alone: cheap)."""
        width = max(MIN_WIDTH, self.scrollable_content_region.width - 2 * PAD)
        if width != self._width:
            self._width = width
            self._heights = {}
        elif not force:
            return
        heights = self._heights
        known = heights.get  # a row is at least 2 lines: a height found is never falsy
        sizes = [
            known(source.id) or heights.setdefault(source.id, 1 + _title_lines(source.title, width))
            for source in self.sources
        ]
        enabled = [True] * len(sizes)
        if self.skipped:
            sizes.append(2)  # a rule, then the heading
            sizes += [1 + _lines_for(squash(s.reason), width) for s in self.skipped]
            enabled += [False] * (len(self.skipped) + 1)
        self.set_rows(sizes, enabled, highlight, keep_scroll=True)

    def on_resize(self) -> None:
        self._lay_out(self.highlighted)
        # Again once drawn: a scrollbar may have come or gone.
        self.call_after_refresh(lambda: self._lay_out(self.highlighted))

    # Drawing

    def row_lines(self, index: int, width: int) -> list[Text]:
        return list(self.row_text(index).split("\n"))

    def row_strips(self, index: int, width: int) -> list[Strip]:
        strips = super().row_strips(index, width)
        if index == len(self.sources):  # the skipped files' heading, under a rule
            rule = self.rich_style + self.get_component_rich_style("source-list--separator")
            strips.insert(0, Strip([Segment("─" * width, rule)], width))
        return strips

    def row_style(self, index: int) -> Style:
        if index < len(self.sources):
            return self.rich_style
        return self.rich_style + self.get_component_rich_style("source-list--skipped")

    def action_choose(self) -> None:
        """Open the highlighted source."""
        if self.highlighted is not None and self.highlighted < len(self.sources):
            self.post_message(SourceOpened(self.sources[self.highlighted].id))
