"""Shown instead of a broken layout when the terminal is smaller than brief can use."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from brief.ui.screens import PANELS_CSS

MIN_WIDTH = 60
"""The narrowest terminal brief lays out (columns)."""
MIN_HEIGHT = 20
"""The shortest terminal brief lays out (rows)."""


def too_small(width: int, height: int) -> bool:
    """True when a terminal of this size is below brief's minimum."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen[None], inherit_bindings=False):
    """Says how large the terminal must be; goes away by itself once it is."""

    CSS_PATH = PANELS_CSS
    HELP_GROUP = "Terminal too small"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", tooltip="Quit brief", id="toosmall.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        """Say what size the terminal is and what brief needs."""
        message = Text(f"brief needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT};")
        message.append(f" this one is {width}×{height}.\n\n")
        message.append(
            "Enlarge the window (or make the font smaller) and brief comes back as it was."
        )
        message.append(" q quits.")
        self.query_one(Static).update(message)
