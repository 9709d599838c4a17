"""The sidebar: the briefing's sources by title, outlet and date, and the files skipped.

It draws only the rows on screen (a line-API widget), so a pack of 100,000 sources fills it
as fast as one of ten: a row's height comes from its title's width alone, its lines are made
when it is first drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.core.export import human_date
from brief.core.model import PubDate, Skipped, Source
from brief.core.text import squash
from brief.ui.messages import SourceOpened
from brief.ui.widgets.rows import text_strip

PAD = 1
"""Blank columns either side of a row's text."""
MIN_WIDTH = 10
"""Rows are laid out at least this wide, however narrow the sidebar."""
CACHED_ROWS = 400
"""Rows whose drawn lines are kept (more than a screenful; cleared when it fills)."""


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


def _title_lines(title: str, width: int) -> int:
    """How many lines a title takes in a row (`wrap_two` of it squashed)."""
    if title.isascii() and title.isprintable() and "  " not in title and title.strip() == title:
        # Squashed already, one cell a character: its length is its width (most titles).
        return 1 if len(title) <= width else 2
    text = squash(title)
    if len(text) > width and cell_len(text[: width + 1]) > width:
        return 2  # its start is too wide already (cells are counted in the start only)
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


class SourceList(ScrollView, can_focus=True, inherit_bindings=False):
    """The list of sources; enter opens the highlighted one. Skipped files come last."""

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
            "enter", "select", "Open", tooltip="Open the highlighted source", id="sidebar.open"
        ),
    ]

    highlighted: reactive[int | None] = reactive(None)
    """The index of the highlighted source (in `sources`), or None."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sources: list[Source] = []
        self.skipped: list[Skipped] = []
        self.dates: Mapping[str, PubDate] = {}
        self.counts: Mapping[str, int] = {}
        self.read: Collection[str] = frozenset()
        self._tops: list[int] = [0]
        """The first line of each row, then the line after the last."""
        self._width = 0
        """The width rows are laid out at (text, without padding)."""
        self._heights: dict[str, int] = {}
        """Lines of each source's row at `_width`, by id (kept while the width is)."""
        self._drawn: dict[tuple[int, bool], list[Strip]] = {}
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
        self._lay_out(force=True)
        index = self.index_of(current) if current is not None else None
        if index is not None:
            self.highlighted = index
        elif sources:
            self.highlighted = min(previous or 0, len(sources) - 1)
        else:
            self.highlighted = None

    def show_row(self, source: Source, notes: int, read: bool) -> None:
        """Redraw one source's row with its number of highlights and its read state."""
        self.counts = {**self.counts, source.id: notes}
        self.read = set(self.read) | {source.id} if read else set(self.read) - {source.id}
        index = self.index_of(source.id)
        if index is not None:
            self._drawn.pop((index, True), None)
            self._drawn.pop((index, False), None)
            self.refresh()

    def index_of(self, source_id: str) -> int | None:
        """Where a source is in the list, if it is."""
        if self._index is None:
            self._index = {source.id: at for at, source in enumerate(self.sources)}
        return self._index.get(source_id)

    def highlight_source(self, source_id: str) -> None:
        """Move the highlight to a source's row."""
        index = self.index_of(source_id)
        if index is not None:
            self.highlighted = index

    @property
    def row_count(self) -> int:
        """Rows in the list: the sources, then (if any) a heading and the skipped files."""
        return len(self._tops) - 1

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

    def _lay_out(self, force: bool = False) -> None:
        """Work out where each row starts at the current width (only heights: cheap)."""
        width = max(MIN_WIDTH, self.scrollable_content_region.width - 2 * PAD)
        if width != self._width:
            self._width = width
            self._heights = {}
        elif not force:
            return
        heights = self._heights
        sizes: list[int] = []
        add = sizes.append
        for source in self.sources:
            height = heights.get(source.id)
            if height is None:
                height = heights[source.id] = 1 + _title_lines(source.title, width)
            add(height)
        if self.skipped:
            add(2)  # a rule, then the heading
            sizes += [1 + _lines_for(squash(s.reason), width) for s in self.skipped]
        self._tops = [0, *accumulate(sizes)]
        self._drawn = {}
        self.virtual_size = Size(self.scrollable_content_region.width, self._tops[-1])
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        self._lay_out()
        self.call_after_refresh(self._lay_out)  # a scrollbar may have come or gone
        self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        self._drawn = {}
        super().notify_style_update()

    def _row_at(self, line: int) -> int:
        """The row drawn on a line of the whole list."""
        return bisect_right(self._tops, line) - 1

    # Drawing

    def render_line(self, y: int) -> Strip:
        """The strip for screen row y (only visible rows are ever drawn)."""
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if line >= self._tops[-1]:
            return Strip.blank(width, base)
        row = self._row_at(line)
        strips = self._draw(row, row == self.highlighted)
        offset = line - self._tops[row]
        if offset >= len(strips):
            return Strip.blank(width, base)
        return strips[offset]

    def _draw(self, row: int, highlighted: bool) -> list[Strip]:
        """A row's lines, styled and padded to the width (kept for the next frames)."""
        key = (row, highlighted)
        strips = self._drawn.get(key)
        if strips is not None:
            return strips
        if len(self._drawn) > CACHED_ROWS:
            self._drawn = {}
        width = self.scrollable_content_region.width
        base = self.rich_style
        if highlighted:
            base += self.get_component_rich_style("source-list--highlighted")
        elif row >= len(self.sources):
            base += self.get_component_rich_style("source-list--skipped")
        lines = self.row_text(row).split("\n")
        if row == len(self.sources):
            rule = self.get_component_rich_style("source-list--separator")
            strips = [Strip([Segment("─" * width, self.rich_style + rule)], width)]
        else:
            strips = []
        console = self.app.console
        strips += [text_strip(text, console, width, PAD).apply_style(base) for text in lines]
        self._drawn[key] = strips
        return strips

    # Moving

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for key in [(old, True), (old, False), (new, True), (new, False)]:
            if key[0] is not None:
                self._drawn.pop((key[0], key[1]), None)
        self.refresh()
        self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        """Scroll so that the highlighted row is in view."""
        row = self.highlighted
        if row is None or not self.is_mounted or row + 1 >= len(self._tops):
            return
        top = self._tops[row]
        region = Region(0, top, max(1, self.size.width), self._tops[row + 1] - top)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _move(self, index: int) -> None:
        if self.sources:
            self.highlighted = max(0, min(len(self.sources) - 1, index))

    def action_cursor_down(self) -> None:
        """Highlight the next source."""
        self._move(0 if self.highlighted is None else self.highlighted + 1)

    def action_cursor_up(self) -> None:
        """Highlight the previous source."""
        self._move(0 if self.highlighted is None else self.highlighted - 1)

    def action_first(self) -> None:
        """Highlight the first source."""
        self._move(0)

    def action_last(self) -> None:
        """Highlight the last source."""
        self._move(len(self.sources) - 1)

    def _page(self, direction: int) -> None:
        if not self.sources:
            return
        if self.highlighted is None:
            self._move(0 if direction > 0 else len(self.sources) - 1)
            return
        line = self._tops[self.highlighted] + direction * self.scrollable_content_region.height
        self._move(self._row_at(max(0, min(self._tops[len(self.sources)] - 1, line))))

    def action_page_down(self) -> None:
        """Highlight the source a page further down."""
        self._page(1)

    def action_page_up(self) -> None:
        """Highlight the source a page further up."""
        self._page(-1)

    def action_select(self) -> None:
        """Open the highlighted source."""
        if self.highlighted is not None and self.highlighted < len(self.sources):
            self.post_message(SourceOpened(self.sources[self.highlighted].id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self._row_at(offset.y + self.scroll_offset.y)
        if 0 <= row < len(self.sources):
            self.highlighted = row
            self.action_select()
