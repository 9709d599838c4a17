"""The brief application: screens, app-wide keys and the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from brief.core.annotations import AnnotationStore
from brief.ui.help import BindingRow, binding_rows
from brief.ui.screens.help import HelpScreen
from brief.ui.screens.main import MainScreen


def _has_ids(node: DOMNode) -> bool:
    """True for a widget with bindings that carry ids (its keys belong in help)."""
    return any(binding.id for _key, binding in node._bindings)


class BriefApp(App[None], inherit_bindings=False):
    """A calm reading room for a briefing pack."""

    TITLE = "brief"
    CSS_PATH = "app.tcss"
    HELP_GROUP = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="Quit brief", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Quit brief",
                id="app.quit_now"),
        Binding("question_mark", "help", "Help", key_display="?",
                tooltip="Show every key", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True,
                tooltip="Search every command", id="app.command_palette"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="app.help_quit"),
    ]  # fmt: skip

    def __init__(
        self, paths: list[Path], store_path: Path | None = None, *, cache: bool = True
    ) -> None:
        super().__init__()
        self.paths = paths
        self.use_cache = cache
        """Whether the pack is read through the library cache (``--no-cache`` turns it off)."""
        self.store = AnnotationStore.open(store_path)
        """Annotations and user-set dates (``--store``, ``$BRIEF_STORE`` or the data dir)."""

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.paths, self.store, cache=self.use_cache))

    @property
    def main(self) -> MainScreen:
        """The reading room screen."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not mounted")

    def help_rows(self, screen: Screen[Any] | None = None) -> list[BindingRow]:
        """Every binding of a screen (the reading room by default) and of the app.

        Generated from the bindings themselves, so remapped keys show as they are.
        """
        target: Screen[Any] = self.main if screen is None else screen
        if isinstance(target, MainScreen):
            nodes: list[DOMNode] = [target.reader, target.sidebar, target]
        else:
            nodes = [node for node in target.walk_children() if _has_ids(node)] + [target]
        return binding_rows(self, [*nodes, self])

    def action_help(self) -> None:
        """Show every key of the current screen on the help screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_rows(self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Palette commands: one for every binding of the reading room, then Textual's own."""
        if not isinstance(screen, HelpScreen):
            for row in self.help_rows(screen):
                if row.action == "command_palette":
                    continue
                yield SystemCommand(
                    f"{row.description} ({row.group.lower()})",
                    f"Key: {row.keys}",
                    partial(self.run_action, row.action, row.node),
                )
        yield from super().get_system_commands(screen)
