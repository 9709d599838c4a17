"""The reading room: the sidebar of sources beside the reading pane."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.widgets import Static

# What the first frame does not need is imported where it is first used: the pack's reading
# and the annotations in the load worker (see loading.py), the date parser when a date is set,
# the other screens when opened.
from brief.core.colours import DEFAULT_COLOURS, Colour
from brief.core.export import human_date
from brief.core.model import Source
from brief.core.ordering import SortOrder, sort_sources
from brief.core.state import PackState, StateStore
from brief.core.text import shorten
from brief.ui.messages import SourceOpened
from brief.ui.screens.finding import FindingScreen
from brief.ui.widgets.keybar import KeyBar
from brief.ui.widgets.reader import MEASURE, CursorMoved, ReachedEnd, Reader
from brief.ui.widgets.sidebar import SourceList

STORE_POLL_SECONDS = 2.0
"""How often the store is checked for another session's changes."""

NARROW_WIDTH = 81
"""Below this many columns (80x24 and down) the reader takes the width; the sidebar floats."""

ORDER_LABELS = {
    SortOrder.DATE: "newest first",
    SortOrder.TITLE: "by title",
    SortOrder.OUTLET: "by outlet",
}


class MainScreen(FindingScreen):
    """Sidebar and reader over the pack that `PackLoadingScreen` reads in workers."""

    HELP_GROUP = "Reading room"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch_focus", "Pane", tooltip="Move focus between sidebar and reader",
                id="main.switch_focus"),
        Binding("shift+tab", "switch_focus", "Pane", show=False,
                tooltip="Move focus between sidebar and reader", id="main.switch_back"),
        Binding("left_square_bracket", "previous_source", "Prev", key_display="[",
                tooltip="Open the previous source", id="main.previous_source"),
        Binding("right_square_bracket", "next_source", "Next", key_display="]",
                tooltip="Open the next source", id="main.next_source"),
        Binding("o", "cycle_order", "Sort", show=False,
                tooltip="Sort sources by date, title or outlet", id="main.cycle_order"),
        Binding("f", "toggle_sidebar", "Sidebar", tooltip="Hide or show the sidebar",
                id="main.toggle_sidebar"),
        Binding("t", "timeline", "Timeline", tooltip="Every dated event of the briefing",
                id="main.timeline"),
        Binding("s,ctrl+f", "search", "Search", tooltip="Search every source as you type",
                id="main.search"),
        Binding("slash", "find", "Find", key_display="/", tooltip="Find in this source",
                id="main.find"),
        Binding("escape", "close_find", "Close find", show=False,
                tooltip="Close the find bar or floating sidebar", id="main.close_find"),
        Binding("D", "set_date", "Set date", show=False,
                tooltip="Set the date of an undated source", id="main.set_date"),
        Binding("m", "toggle_read", "Read", show=False,
                tooltip="Mark this source read or unread", id="main.toggle_read"),
        Binding("U", "next_unread", "Unread", show=False,
                tooltip="Open the next unread source", id="main.next_unread"),
    ]  # fmt: skip

    order: reactive[SortOrder] = reactive(SortOrder.DATE)
    """How the sidebar orders sources."""
    sidebar_shown: reactive[bool] = reactive(True)
    """Whether the user wants the sidebar (a narrow terminal may still hide it)."""
    narrow: reactive[bool] = reactive(False)
    """True when the terminal is too narrow for sidebar and reader side by side."""

    def __init__(
        self,
        paths: list[Path],
        store_path: Path | None,
        state: StateStore,
        colours: Mapping[int, Colour] = DEFAULT_COLOURS,
        measure: int = MEASURE,
        *,
        cache: bool = True,
    ) -> None:
        super().__init__(paths, store_path, cache=cache)
        self.state = state
        """The reading state of every pack (saved by `save_reading`)."""
        self.measure = measure
        """The widest the reading column gets, in cells (see `Reader.measure`)."""
        self.colours = colours
        self.ordered: list[Source] = []
        """The sources in the sidebar's order."""
        self.current: Source | None = None
        """The source on show."""
        self._read_flags: dict[str, bool] = {}
        """Read flags already looked up (see `is_read`)."""

    @cached_property
    def reading(self) -> PackState:
        """Where this pack was left: the open source, positions and read flags (looked up
        once the pack is read: the first frame does without it and its hashing)."""
        return self.state.pack_state(self.paths)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="sidebar-pane"):
                yield Static(Text("Reading the briefing…"), id="sidebar-title")
                yield SourceList(id="sidebar")
            with Vertical(id="reading"):
                yield Reader(measure=self.measure, id="reader")
                yield Static(id="note-bar")
        yield Horizontal(id="find-bar")  # filled on first use (see action_find)
        yield KeyBar()

    @property
    def sidebar(self) -> SourceList:
        """The list of sources."""
        return self.query_one(SourceList)

    def on_mount(self) -> None:
        self.reader.focus()
        self.call_after_refresh(self.load)
        self.set_interval(STORE_POLL_SECONDS, self.poll_store)
        self.set_interval(1.0, self.check_pack)

    def remember_position(self) -> None:
        """Note where the reader is in the source on show (saved by `save_reading`)."""
        if not self.query(Reader):
            return  # shutting down: the reader is gone, its last place was noted already
        if self.current is not None and self.reader.source is self.current:
            offset = self.reader.top_offset if self.reader.scroll_y > 0 else 0
            self.reading.set_position(self.current, offset or 0)

    def save_reading(self) -> None:
        """Write the reading state (cheap when nothing changed); problems become notices."""
        self.remember_position()
        self.state.save()
        for notice in self.state.notices:
            self.notify(notice, title="Reading state", severity="warning", timeout=15)
        self.state.notices.clear()

    def on_unmount(self) -> None:
        self.save_reading()

    def poll_store(self) -> None:
        """Save the reading state and show another session's annotation changes."""
        from brief.core.annotations.store import StoreError

        self.save_reading()
        try:
            changed = self.session.reload_if_changed()
        except StoreError as error:
            self.notify(f"Could not read the annotation store: {error}", severity="error")
            return
        if changed:
            self.store_notices()
            self.sync_notes()
            self.refresh_sidebar()
            self.show_highlights()
            self.show_note()

    def is_read(self, source: Source) -> bool:
        """Whether a source is read; asked of the reading state once per source (it may look
        the source up by path), then remembered until the pack changes."""
        flag = self._read_flags.get(source.id)
        if flag is None:
            flag = self._read_flags[source.id] = self.reading.is_read(source)
        return flag

    def forget_read_flags(self) -> None:
        """Look the read flags up again (the pack changed: a source may be another now)."""
        self._read_flags.clear()

    def set_read(self, source: Source, read: bool) -> None:
        """Mark a source read or unread in the reading state."""
        self.reading.set_read(source, read)
        self._read_flags[source.id] = read

    def refresh_sidebar(self) -> None:
        """Re-sort and redraw the sidebar, keeping the current source highlighted."""
        dates = self.user_dates
        library = self.library
        self.ordered = sort_sources(library.sources, self.order, dates, library.date_order)
        current = self.current.id if self.current else None
        counts = self.session.counts()
        flags = self._read_flags
        # The flags are looked up in the library's order, not the sidebar's: a large pack's
        # sources lie in memory in the order they were read, and going through them in
        # another order costs a cache miss each (twice the time at 100,000 sources).
        sources = library.sources
        ids = list(map(attrgetter("id"), sources))
        unknown = sources if not flags else [s for s in sources if s.id not in flags]
        if unknown:
            flags.update(self.reading.read_flags(unknown))
        read = set(compress(ids, map(flags.__getitem__, ids)))
        self.refresh_title(len(read))
        self.sidebar.show(self.ordered, library.skipped, current, dates, counts, read)

    def refresh_title(self, read: int | None = None) -> None:
        """The sidebar's title: how many sources, how many unread, the order, skipped files.

        `read`: how many of the sources are read; else the sidebar's count (kept with its rows'
        read flags)."""
        count = len(self.ordered)
        if read is None:
            read = len(self.sidebar.read)
        unread = count - read
        title = f"{count} source{'s' if count != 1 else ''}"
        if unread:
            title += f" · {unread} unread"
        title += f" · {ORDER_LABELS[self.order]}"
        if self.library.skipped:
            title += f" · {len(self.library.skipped)} skipped"
        if self.checking:
            title += " · checking for changes…"
        self.query_one("#sidebar-title", Static).update(Text(title))

    def _place(self, source_id: str | None) -> int | None:
        """Where a source is in the sidebar's order, if it is listed (from the sidebar's index
        of its rows: no pass over a large pack's sources at each key)."""
        return None if source_id is None else self.sidebar.index_of(source_id)

    def open_source(self, source_id: str, focus: bool = True) -> None:
        """Show a source in the reader and highlight it in the sidebar."""
        index = self._place(source_id)
        if index is not None:
            source = self.ordered[index]
            if source is not self.current:
                self.remember_position()
            self.current = source
            self.reader.show(source, self.user_dates.get(source.id))
            self.reader.go_to_offset(self.reading.position(source))
            self.reading.set_open_source(source)
            self.show_highlights()
            self.sidebar.move_to(index)
            self.sub_title = source.title
        if focus:
            if self.narrow:
                self.sidebar_shown = False
            self.reader.focus()

    @on(SourceOpened)
    def source_opened(self, message: SourceOpened) -> None:
        self.open_source(message.source_id)

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW_WIDTH
        if narrow != self.narrow:
            self.set_reactive(MainScreen.narrow, narrow)
            self.set_reactive(MainScreen.sidebar_shown, not narrow)
            self._apply_sidebar()

    def _apply_sidebar(self) -> None:
        pane = self.query_one("#sidebar-pane")
        pane.display = self.sidebar_shown
        self.set_class(self.narrow and self.sidebar_shown, "-sidebar-over")
        if self.sidebar_shown and self.narrow:
            self.sidebar.focus()
        elif not self.sidebar_shown and self.focused is not self.reader:
            self.reader.focus()

    def watch_sidebar_shown(self) -> None:
        self._apply_sidebar()

    def watch_narrow(self) -> None:
        self._apply_sidebar()

    def watch_order(self) -> None:
        if self.library.sources:
            self.refresh_sidebar()

    def action_switch_focus(self) -> None:
        """Move focus between sidebar and reader (showing the sidebar if it was hidden)."""
        if self.sidebar.has_focus:
            if self.narrow:
                self.sidebar_shown = False
            self.reader.focus()
        else:
            if not self.sidebar_shown:
                self.sidebar_shown = True
            self.sidebar.focus()

    def _step(self, delta: int) -> None:
        if not self.ordered:
            return
        index = self._place(self.current.id if self.current else None)
        index = max(0, min(len(self.ordered) - 1, (-1 if index is None else index) + delta))
        self.open_source(self.ordered[index].id, focus=self.reader.has_focus or self.narrow)

    def action_previous_source(self) -> None:
        """Open the source above the current one in the sidebar's order."""
        self._step(-1)

    def action_next_source(self) -> None:
        """Open the source below the current one in the sidebar's order."""
        self._step(1)

    def action_cycle_order(self) -> None:
        """Cycle the sidebar order: date, title, outlet."""
        self.order = self.order.next()
        self.notify(f"Sources {ORDER_LABELS[self.order]}", timeout=2)

    def action_toggle_sidebar(self) -> None:
        """Hide or show the sidebar."""
        self.sidebar_shown = not self.sidebar_shown

    def action_close_find(self) -> None:
        """Close the find bar and clear its marks (the reader reports it, see find_status)."""
        if self.narrow and self.sidebar_shown:
            self.sidebar_shown = False  # escape closes the floating sidebar first
            return
        self.reader.action_clear_marks()
        self.reader.focus()

    def action_set_date(self) -> None:
        """Ask for the date of the open (undated) source and save it in the store."""
        source = self.current
        if source is None:
            return
        if source.published is not None:
            self.notify(f"This source is dated {human_date(source.published)} by its text.")
            return
        current = self.user_dates.get(source.id)
        shown = current.isoformat() if current is not None else ""
        from brief.ui.screens.setdate import SetDateScreen

        self.app.push_screen(
            SetDateScreen(source.title, shown), callback=lambda text: self.date_typed(source, text)
        )

    def date_typed(self, source: Source, text: str | None) -> None:
        """Save a date typed for a source (empty clears it)."""
        from brief.core.annotations.store import StoreError
        from brief.core.dates import parse_date

        if text is None:
            return
        value = None
        if text:
            value = parse_date(text)
            if value is None:
                self.notify(f"Not a date with a year: {text!r}", severity="error")
                return
        try:
            self.session.set_source_date(source.id, value)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.refresh_sidebar()
        self.reader.user_date = value
        said = human_date(value) if value is not None else "cleared"
        self.notify(f"Date of “{shorten(source.title, 40)}”: {said}")

    def annotations_changed(self, source_id: str | None = None) -> None:
        """Redraw the highlights, the note bar and the sidebar's counts after a change."""
        self.sync_notes()
        self.show_highlights()
        self.show_note()
        index = self._place(source_id)
        if index is None:
            self.refresh_sidebar()
            self.reader.user_date = self.user_dates.get(self.current.id) if self.current else None
            return
        self._show_read(self.ordered[index])

    @on(CursorMoved)
    def show_note(self) -> None:
        """Under the reader: the colour, meaning and note of the highlight at the cursor."""
        bar = self.query_one("#note-bar", Static)
        found = self._under_cursor()
        if found is None:
            bar.display = False
            return
        item = found.annotation
        colour = self.colours[item.color]
        line = Text("■ ", style=f"bold {colour.name}")
        line.append(f"{colour.meaning}", style="bold")
        line.append(f"  {item.note}" if item.note else "  (no note: a adds one)")
        bar.update(line)
        bar.display = True

    def _show_read(self, source: Source) -> None:
        """Redraw a source's row and the unread count after its read flag changed."""
        read = self.is_read(source)
        self.sidebar.show_row(source, self.session.counts().get(source.id, 0), read)
        self.refresh_title()

    @on(ReachedEnd)
    def reached_end(self, message: ReachedEnd) -> None:
        """A source read to its end counts as read."""
        source = self.current
        if source is not None and source.id == message.source_id and not self.is_read(source):
            self.set_read(source, True)
            self._show_read(source)

    def action_toggle_read(self) -> None:
        """Mark the source on show read or unread."""
        source = self.current
        if source is None:
            return
        read = not self.is_read(source)
        self.set_read(source, read)
        self._show_read(source)
        self.notify(f"Marked {'read' if read else 'unread'}: “{shorten(source.title, 40)}”")

    def action_next_unread(self) -> None:
        """Open the next unread source in the sidebar's order (wrapping round)."""
        if not self.ordered:
            return
        index = self._place(self.current.id if self.current else None)
        start = 0 if index is None else index + 1
        for step in range(len(self.ordered)):
            source = self.ordered[(start + step) % len(self.ordered)]
            if source is not self.current and not self.is_read(source):
                self.open_source(source.id, focus=self.reader.has_focus or self.narrow)
                return
        self.notify("Every other source is read.")
