"""The note editor: a multi-line note on a highlight, with its quote and colour shown above."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from brief.core.colours import Colour
from brief.core.text import shorten
from brief.ui.screens import PANELS_CSS


class NoteScreen(ModalScreen[str | None]):
    """Edits a note; returns its text when saved, None when cancelled."""

    CSS_PATH = PANELS_CSS
    HELP_GROUP = "Note"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the note",
                id="note.save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="note.cancel"),
    ]  # fmt: skip

    def __init__(self, quote: str, note: str, colour: Colour) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.colour = colour

    def compose(self) -> ComposeResult:
        with Vertical(id="note-body"):
            heading = Text("Note on a highlight  ", style="bold")
            heading.append(f"■ {self.colour.meaning}", style=f"bold {self.colour.name}")
            yield Static(heading)
            yield Static(Text(f"“{shorten(self.quote, 300)}”", style="italic"), id="note-quote")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            hint = "ctrl+s saves · esc cancels · words starting with # are tags"
            yield Static(Text(hint, style="dim"), id="note-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Save the note as typed."""
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
