"""A long list drawn only where it shows: rows of known height, one highlighted, enter chooses."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from brief.ui.widgets.framed import FramedView

KEPT_ROWS = 500
"""Rows whose drawn lines are kept (several screenfuls; the cache is emptied when full)."""


def text_strip(text: Text, console: Console, width: int, pad: int = 1) -> Strip:
    """One line of `text` as a strip `width` cells wide after `pad` blank cells, its own style
    kept (rich leaves a Text's base style out of the segments it renders)."""
    segments = list(text.render(console, end=""))
    if text.style:
        segments = list(Segment.apply_style(segments, console.get_style(text.style)))
    return Strip([Segment(" " * pad), *segments]).crop_extend(0, width, None)


class RowList(FramedView, can_focus=True, inherit_bindings=False):
    """Rows drawn on demand, so a list of a million costs what a screenful does.

    Subclasses say what a row shows (`row_lines`, or `row_strips` and `row_style` for more
    than lines of text) and bind keys to the `cursor_down`, `cursor_up`, `first`, `last`,
    `page_down`, `page_up` and `choose` actions with their own ids; `set_rows` gives each row's
    height and whether it can be highlighted (a heading cannot).
    """

    HIGHLIGHT: ClassVar[str] = "rowlist--highlight"
    """The component class styling the highlighted row."""
    CLICKS_TO_CHOOSE: ClassVar[int] = 2
    """Clicks on a row that choose it (fewer only highlight it)."""
    COMPONENT_CLASSES: ClassVar[set[str]] = {HIGHLIGHT}
    DEFAULT_CSS = """
    RowList {
        height: 1fr;
    }
    RowList > .rowlist--highlight {
        background: $block-cursor-blurred-background;
    }
    RowList:focus > .rowlist--highlight {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    @dataclass
    class Chosen(Message):
        """The user chose a row (enter, or a click)."""

        rows: RowList
        """The list the row is in."""
        index: int
        """The row's index."""

        @property
        def control(self) -> RowList:
            """The list (for `@on(RowList.Chosen, "#id")`)."""
            return self.rows

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tops: list[int] = [0]
        """Where each row starts (in lines), and past the last one the total height."""
        self._enabled: list[bool] = []
        self._drawn: dict[int, list[Strip]] = {}
        self._drawn_width = 0
        self.highlighted: int | None = None
        """The highlighted row, None when no row can be."""

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return len(self._enabled)

    def row_lines(self, index: int, width: int) -> list[Text]:
        """What row `index` shows, one Text a line (subclasses say)."""
        raise NotImplementedError

    def row_strips(self, index: int, width: int) -> list[Strip]:
        """Row `index` drawn `width` cells wide, one strip a line (from `row_lines`)."""
        lines = self.row_lines(index, max(1, width - 2))
        return [text_strip(text, self.app.console, width) for text in lines]

    def row_style(self, index: int) -> Style:
        """The style row `index` is drawn in when not highlighted."""
        return self.rich_style

    def set_rows(
        self,
        heights: list[int],
        enabled: list[bool],
        highlight: int | None,
        keep_scroll: bool = False,
    ) -> None:
        """Hold rows of these heights; highlight `highlight` (or the nearest enabled row).
        The list starts at its top unless `keep_scroll` (the same list, filled again)."""
        self._tops = [0, *accumulate(heights)]
        self._enabled = enabled
        self._drawn.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._tops[-1])
        self.highlighted = None
        if not keep_scroll:
            self.scroll_to(0, 0, animate=False, immediate=True)
        if highlight is not None:
            self.move_to(highlight)
        self.refresh()

    def redraw(self, index: int | None = None) -> None:
        """Draw every row again, or row `index` (what it shows changed, not its height)."""
        if index is None:
            self._drawn.clear()
        else:
            self._drawn.pop(index, None)
        self.refresh()

    def notify_style_update(self) -> None:
        self._drawn.clear()
        super().notify_style_update()

    def row_at_line(self, line: int) -> int | None:
        """The row drawn at line `line` of the whole list."""
        index = bisect_right(self._tops, line) - 1
        return index if 0 <= index < self.row_count else None

    def _step(self, start: int, step: int) -> int | None:
        """The first enabled row from `start` going by `step`, if any."""
        index = start
        while 0 <= index < self.row_count:
            if self._enabled[index]:
                return index
            index += step
        return None

    def move_to(self, index: int, step: int = 1) -> None:
        """Highlight row `index` (or the next enabled one along `step`) and show it."""
        index = max(0, min(self.row_count - 1, index))
        found = self._step(index, step)
        if found is None:
            found = self._step(index, -step)
        if found is None:
            return
        self.highlighted = found
        top, bottom = self._tops[found], self._tops[found + 1]
        if found == self._step(0, 1):
            top = 0  # the headings above the first row show with it
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """The strip for screen row y: only rows on screen are ever drawn."""
        base, width = self.frame()
        line = self.scroll_offset.y + y
        index = self.row_at_line(line)
        if index is None:
            return Strip.blank(width, base)
        if width != self._drawn_width:
            self._drawn.clear()
            self._drawn_width = width
        strips = self._drawn.get(index)
        if strips is None:
            if len(self._drawn) >= KEPT_ROWS:
                self._drawn.clear()
            strips = self._drawn[index] = self.row_strips(index, width)
        at = line - self._tops[index]
        strip = strips[at] if at < len(strips) else Strip.blank(width)
        if index == self.highlighted:
            return strip.apply_style(base + self.get_component_rich_style(self.HIGHLIGHT))
        return strip.apply_style(self.row_style(index))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._tops[-1])

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.row_at_line(self.scroll_offset.y + offset.y)
        if index is not None and self._enabled[index]:
            self.move_to(index)
            if event.chain >= self.CLICKS_TO_CHOOSE:
                self.action_choose()

    def action_cursor_down(self) -> None:
        """Highlight the next row."""
        start = -1 if self.highlighted is None else self.highlighted
        found = self._step(start + 1, 1)
        if found is not None:
            self.move_to(found)

    def action_cursor_up(self) -> None:
        """Highlight the previous row."""
        if self.highlighted is None:
            self.action_first()
            return
        found = self._step(self.highlighted - 1, -1)
        if found is not None:
            self.move_to(found, -1)

    def action_first(self) -> None:
        """Highlight the first row."""
        self.move_to(0)

    def action_last(self) -> None:
        """Highlight the last row."""
        self.move_to(self.row_count - 1, -1)

    def _page(self, direction: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        current = 0 if self.highlighted is None else self._tops[self.highlighted]
        target = self.row_at_line(max(0, min(self._tops[-1] - 1, current + direction * page)))
        if target is not None:
            self.move_to(target, direction)

    def action_page_down(self) -> None:
        """Highlight the row a page further down."""
        self._page(1)

    def action_page_up(self) -> None:
        """Highlight the row a page further up."""
        self._page(-1)

    def action_choose(self) -> None:
        """Choose the highlighted row."""
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.highlighted))
