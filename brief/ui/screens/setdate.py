"""A small dialog to set the date of an undated source."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from brief.ui.screens import PANELS_CSS


class SetDateScreen(ModalScreen[str | None]):
    """Asks for a date; returns the text typed (empty clears), or None when cancelled."""

    CSS_PATH = PANELS_CSS
    HELP_GROUP = "Set date"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the date",
                id="setdate.cancel"),
    ]  # fmt: skip

    def __init__(self, title: str, current: str) -> None:
        super().__init__()
        self.source_title = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="setdate-body"):
            yield Static(Text(f"Date of “{self.source_title}”", style="bold"))
            hint = "Any form: 2023-03-28, 28 March 2023. Empty clears it. enter saves, esc cancels."
            yield Static(Text(hint, style="dim"))
            yield Input(value=self.current, placeholder="e.g. 28 March 2023", id="setdate-input")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
