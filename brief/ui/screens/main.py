"""The reading room: the sidebar of sources beside the reading pane."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from brief.core.annotations import AnnotationStore, StoreError
from brief.core.dates import parse_date
from brief.core.export import human_date
from brief.core.ingest import load_paths
from brief.core.model import Library, PubDate, Source
from brief.core.ordering import SortOrder, sort_sources
from brief.core.search import Hit, Searcher, SearchIndex
from brief.core.text import shorten
from brief.core.timeline import Event, EventStore, timeline
from brief.ui.messages import SourceOpened
from brief.ui.screens.search import SearchScreen
from brief.ui.screens.setdate import SetDateScreen
from brief.ui.screens.timeline import TimelineScreen
from brief.ui.widgets.reader import FindStatus, Reader
from brief.ui.widgets.sidebar import SourceList

NARROW_WIDTH = 72
"""Below this many columns the sidebar hides itself and opens over the reader."""

ORDER_LABELS = {
    SortOrder.DATE: "newest first",
    SortOrder.TITLE: "by title",
    SortOrder.OUTLET: "by outlet",
}


class MainScreen(Screen[None], inherit_bindings=False):
    """Sidebar and reader; loads the pack in a worker so the screen paints at once."""

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
                tooltip="Close the find bar", id="main.close_find"),
        Binding("D", "set_date", "Set date", show=False,
                tooltip="Set the date of an undated source", id="main.set_date"),
    ]  # fmt: skip

    order: reactive[SortOrder] = reactive(SortOrder.DATE)
    """How the sidebar orders sources."""
    sidebar_shown: reactive[bool] = reactive(True)
    """Whether the user wants the sidebar (a narrow terminal may still hide it)."""
    narrow: reactive[bool] = reactive(False)
    """True when the terminal is too narrow for sidebar and reader side by side."""

    def __init__(self, paths: list[Path], store: AnnotationStore, *, cache: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.use_cache = cache
        self.library_cache: EventStore | None = None
        self.store = store
        self.library = Library()
        self.ordered: list[Source] = []
        self.current: Source | None = None
        self.searcher: Searcher | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="sidebar-pane"):
                yield Static(Text("Reading the briefing…"), id="sidebar-title")
                yield SourceList(id="sidebar")
            yield Reader(id="reader")
        with Horizontal(id="find-bar"):
            yield Input(placeholder="Find in this source (typos forgiven)", id="find-input")
            yield Static(id="find-status")
        yield Footer(compact=True)

    @property
    def sidebar(self) -> SourceList:
        """The list of sources."""
        return self.query_one(SourceList)

    @property
    def reader(self) -> Reader:
        """The reading pane."""
        return self.query_one(Reader)

    def on_mount(self) -> None:
        self.reader.focus()
        for notice in self.store.notices:
            self.notify(notice, severity="warning", timeout=15)
        self.load()

    @property
    def user_dates(self) -> dict[str, PubDate]:
        """Dates the user set on undated sources (from the annotation store)."""
        return self.store.source_dates()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> Library:
        """Read the pack and index it for search, off the UI thread."""
        from brief.core.cache import LibraryCache

        cache = self.library_cache = LibraryCache() if self.use_cache else None
        library = load_paths(self.paths, cache=cache)
        for notice in cache.notices if cache else []:
            self.app.call_from_thread(self.notify, notice, severity="warning", timeout=10)
        self.searcher = Searcher(SearchIndex(library.sources))
        return library

    @on(Worker.StateChanged)
    def loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Library):
            self.library = event.worker.result
            self.refresh_sidebar()
            if self.ordered and self.current is None:
                self.open_source(self.ordered[0].id, focus=False)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            self.query_one("#sidebar-title", Static).update(Text(f"Could not read: {error}"))
            self.notify(f"Could not read the briefing: {error}", severity="error", timeout=10)

    def refresh_sidebar(self) -> None:
        """Re-sort and redraw the sidebar, keeping the current source highlighted."""
        dates = self.user_dates
        self.ordered = sort_sources(self.library.sources, self.order, dates)
        count = len(self.ordered)
        title = f"{count} source{'s' if count != 1 else ''} · {ORDER_LABELS[self.order]}"
        if self.library.skipped:
            title += f" · {len(self.library.skipped)} skipped"
        self.query_one("#sidebar-title", Static).update(Text(title))
        current = self.current.id if self.current else None
        self.sidebar.show(self.ordered, self.library.skipped, current, dates)

    def open_source(self, source_id: str, focus: bool = True) -> None:
        """Show a source in the reader and highlight it in the sidebar."""
        for source in self.ordered:
            if source.id == source_id:
                self.current = source
                self.reader.show(source, self.user_dates.get(source.id))
                self.sidebar.highlight_source(source_id)
                self.sub_title = source.title
                break
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
        self.reader.display = not (self.narrow and self.sidebar_shown)
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
        ids = [source.id for source in self.ordered]
        index = ids.index(self.current.id) if self.current and self.current.id in ids else -1
        index = max(0, min(len(ids) - 1, index + delta))
        self.open_source(ids[index], focus=self.reader.has_focus or self.narrow)

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

    def action_timeline(self) -> None:
        """Open the timeline of every source; enter there comes back at the sentence."""
        if not self.library.sources:
            self.notify("Nothing to show yet: the briefing is still being read.")
            return
        events = timeline(self.library.sources, self.user_dates, self.library_cache)
        current = self.current.id if self.current else None
        self.app.push_screen(
            TimelineScreen(events, self.ordered, current), callback=self.open_event
        )

    def open_event(self, event: Event | None) -> None:
        """Show the source of a timeline row, at its sentence."""
        if event is None:
            return
        self.open_source(event.source)
        if event.sentence_start is not None and event.sentence_end is not None:
            self.reader.jump_to(event.sentence_start, event.sentence_end)

    def action_search(self) -> None:
        """Search every source; enter there comes back at the passage."""
        if self.searcher is None:
            self.notify("Nothing to search yet: the briefing is still being read.")
            return
        self.app.push_screen(SearchScreen(self.searcher), callback=self.open_hit)

    def open_hit(self, hit: Hit | None) -> None:
        """Show the source of a search result, scrolled to the match."""
        if hit is None:
            return
        self.open_source(hit.source_id)
        if hit.field == "body":
            self.reader.jump_to(hit.start, hit.end)

    def action_find(self) -> None:
        """Open the find bar for the source being read."""
        bar = self.query_one("#find-bar")
        bar.add_class("-open")
        self.query_one("#find-input", Input).focus()

    def action_close_find(self) -> None:
        """Close the find bar and clear its marks (the reader reports it, see find_status)."""
        self.reader.action_clear_marks()
        self.reader.focus()

    @on(Input.Changed, "#find-input")
    def find_typed(self, event: Input.Changed) -> None:
        self.reader.find(event.value)

    @on(Input.Submitted, "#find-input")
    def find_submitted(self) -> None:
        self.reader.focus()

    @on(FindStatus)
    def find_status(self, message: FindStatus) -> None:
        status = self.query_one("#find-status", Static)
        if message.cleared:
            self.query_one("#find-bar").remove_class("-open")
            self.query_one("#find-input", Input).value = ""
        elif message.total:
            status.update(Text(f"{message.current}/{message.total}"))
        else:
            status.update(Text("no matches" if self.query_one("#find-input", Input).value else ""))

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
        self.app.push_screen(
            SetDateScreen(source.title, shown), callback=lambda text: self.date_typed(source, text)
        )

    def date_typed(self, source: Source, text: str | None) -> None:
        """Save a date typed for a source (empty clears it)."""
        if text is None:
            return
        value = None
        if text:
            value = parse_date(text)
            if value is None:
                self.notify(f"Not a date with a year: {text!r}", severity="error")
                return
        try:
            self.store.set_source_date(source.id, value)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.refresh_sidebar()
        self.reader.user_date = value
        said = human_date(value) if value is not None else "cleared"
        self.notify(f"Date of “{shorten(source.title, 40)}”: {said}")
