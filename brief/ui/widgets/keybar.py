"""The key bar: the keys that work where the focus is, drawn as one line by one widget."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

KEPT_ACTIONS = frozenset({"help", "app.help"})
"""Actions whose key stays on the bar when the others do not fit (help lists them all)."""
GAP = " "
"""Between one key's description and the next key."""
DIM = Style(dim=True)
"""Added to a disabled binding's key and description."""


class KeyBar(Widget):
    """The active bindings shown on the screen's bottom line, command palette key at the right.

    Textual's `Footer` makes a widget for every key and makes them all again whenever the
    bindings change (each focus change); this draws one line of text, so a start-up or a
    focus change costs a repaint. Keys that do not fit are left out from the end, except help's.
    A click on a key presses it.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--key",
        "keybar--description",
        "keybar--palette",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []
        """Where each key is drawn (start and end cells) and the key it presses."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The bindings to show in order, one per action, and the command palette's."""
        shown: dict[str, tuple[Binding, bool]] = {}
        palette: tuple[Binding, bool] | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "command_palette" and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding, enabled)
            elif binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled)
        return list(shown.values()), palette

    def render(self) -> Text:
        keys, palette = self._shown()
        width = self.size.width
        tail = Text()
        if palette is not None:
            binding, _enabled = palette
            tail.append("▏", style=self.get_component_rich_style("keybar--palette"))
            tail.append(self.app.get_key_display(binding), style=self._style("key"))
            tail.append(f" {binding.description}", style=self._style("description"))
        pieces = [self._piece(binding, enabled) for binding, enabled in keys]
        room = width - tail.cell_len
        used = sum(piece.cell_len for piece in pieces)
        while pieces and used > room:
            last = len(pieces) - 1
            at = next(
                (at for at in range(last, -1, -1) if keys[at][0].action not in KEPT_ACTIONS), last
            )
            used -= pieces.pop(at).cell_len
            del keys[at]
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for (binding, _enabled), piece in zip(keys, pieces, strict=True):
            start = line.cell_len
            line.append_text(piece)
            self._spans.append((start, line.cell_len, binding.key))
        if palette is not None and tail.cell_len <= width - line.cell_len:
            line.append(" " * (width - line.cell_len - tail.cell_len))
            self._spans.append((line.cell_len, width, palette[0].key))
            line.append_text(tail)
        return line

    def _piece(self, binding: Binding, enabled: bool) -> Text:
        """One key and its description, then the gap before the next."""
        piece = Text(self.app.get_key_display(binding), style=self._style("key", enabled))
        piece.append(f" {binding.description}", style=self._style("description", enabled))
        piece.append(GAP)
        return piece

    def _style(self, part: str, enabled: bool = True) -> Style:
        """The style of a key or a description (dimmed when the binding is disabled)."""
        style = self.get_component_rich_style(f"keybar--{part}")
        return style if enabled else style + DIM

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
