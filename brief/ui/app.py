"""The brief application: screens, app-wide keys and the command palette."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.events import Event, Key, Resize
from textual.filter import Monochrome, NoColor
from textual.screen import Screen

from brief.core import collector
from brief.core.config import Config, check_theme, load_config
from brief.core.state import StateStore
from brief.ui.screens.main import MainScreen
from brief.ui.screens.toosmall import TooSmallScreen, too_small
from brief.ui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from rich.console import RenderableType

    from brief.ui.help import BindingRow


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
        self,
        paths: list[Path],
        store_path: Path | None = None,
        config: Config | None = None,
        state: StateStore | None = None,
        *,
        cache: bool = True,
    ) -> None:
        super().__init__()
        if self.no_color:
            # NO_COLOR asks for no colour at all; Textual's default only greys colours out.
            self._filters = [NoColor() if isinstance(f, Monochrome) else f for f in self._filters]
        self.paths = paths
        self.closing = False
        """True once the app is ending (keys typed after `q` do nothing)."""
        self.use_cache = cache
        """Whether the pack is read through the library cache (``--no-cache`` turns it off)."""
        self.store_path = store_path
        """The annotation store given (``--store``), else ``$BRIEF_STORE`` or the data dir."""
        self.state = state if state is not None else StateStore.open()
        """Where each pack was left: open source, positions, read flags; the theme chosen."""
        self.register_theme(HIGH_CONTRAST)
        loaded = config if config is not None else load_config()
        if loaded.keys:  # the catalogue imports every screen: only for a config that remaps
            from brief.core.keymap import check_keys
            from brief.ui.catalogue import known_bindings

            loaded = check_keys(loaded, known_bindings())
        self.config = check_theme(loaded, self.available_themes)
        """The config file's settings (``--config``, ``$BRIEF_CONFIG`` or the config dir)."""
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self.colours = self.config.colours
        """The highlight colours and the meanings the user gave them."""
        chosen = self.state.setting("theme")
        theme = chosen if chosen in self.available_themes else self.config.theme
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        for problem in self.config.problems:
            self.notify(problem, title="Config file", severity="warning", timeout=20)
        for notice in self.state.notices:
            self.notify(notice, title="Reading state", severity="warning", timeout=20)
        self.state.notices.clear()
        main = MainScreen(
            self.paths,
            self.store_path,
            self.state,
            self.colours,
            self.config.reading_width,
            cache=self.use_cache,
        )
        self.push_screen(main)
        main.call_after_refresh(collector.resume)  # paused by the command until the first frame
        self.check_size(self.size.width, self.size.height)
        self.watch(self, "theme", self.remember_theme, init=False)
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)

    def remember_theme(self, theme: str) -> None:
        """Keep a theme chosen in the palette for the next session."""
        self.state.set_setting("theme", theme)
        self.state.save()

    def hang_up(self) -> None:
        """The terminal went away (a dropped SSH connection): save where the reader was, end."""
        with contextlib.suppress(LookupError):
            self.main.save_reading()
        self.exit()

    async def on_event(self, event: Event) -> None:
        if isinstance(event, Key) and self.closing:
            return  # typed after quitting: a screen opened now would be half made as the app ends
        await super().on_event(event)

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """End the app; keys still to come are not acted on."""
        self.closing = True
        super().exit(result, return_code, message)

    async def action_quit(self) -> None:
        """Save where the reader was, then quit."""
        with contextlib.suppress(LookupError):
            self.main.save_reading()
        self.exit()

    def on_resize(self, event: Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Cover everything with a clear message while the terminal is below the minimum."""
        covering = isinstance(self.screen, TooSmallScreen)
        if too_small(width, height):
            if covering:
                cast(TooSmallScreen, self.screen).show_size(width, height)
            else:
                self.push_screen(TooSmallScreen())
        elif covering:
            self.pop_screen()

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
        from brief.ui.help import binding_rows

        target: Screen[Any] = self.main if screen is None else screen
        if isinstance(target, MainScreen):
            nodes: list[DOMNode] = [target.reader, target.sidebar, target]
        else:
            nodes = [node for node in target.walk_children() if _has_ids(node)] + [target]
        return binding_rows(self, [*nodes, self])

    def action_help(self) -> None:
        """Show every key of the current screen on the help screen."""
        from brief.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_rows(self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Palette commands: one for every binding of the reading room, then Textual's own."""
        from brief.ui.screens.help import HelpScreen

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
