"""A scrolling widget that draws line by line, with what every line needs looked up once."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class FramedView(ScrollView):
    """A `ScrollView` whose `render_line` asks `frame()` for the base style and the width: while
    `render_lines` draws the lines on screen they are looked up once for all of them (`rich_style`
    walks the widget's ancestors each time it is asked)."""

    _frame: tuple[Style, int] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in `crop`, with the base style and the width looked up once for them."""
        self._frame = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def frame(self) -> tuple[Style, int]:
        """The base style of a line and the width of the lines."""
        return self._frame or (self.rich_style, self.scrollable_content_region.width)
