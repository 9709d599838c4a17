"""The timeline view: every dated event of the briefing, grouped by year and month."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from brief.core.model import Source
from brief.core.text import shorten
from brief.core.timeline import Event, Kind
from brief.core.timeline.labels import (
    RangeError,
    TimelineFilter,
    date_label,
    group_label,
    parse_range,
)
from brief.ui.screens import PANELS_CSS
from brief.ui.widgets.keybar import KeyBar
from brief.ui.widgets.rows import RowList

KIND_MARKS = {Kind.PUBLISHED: "◆ published", Kind.EVENT: "● event", Kind.PLAN: "▷ plan"}
KIND_CYCLE: list[set[Kind]] = [set(), {Kind.EVENT}, {Kind.PLAN}, {Kind.PUBLISHED}]


def excerpt(event: Event, room: int) -> Text:
    """The event's sentence in at most `room` characters around its date phrase, marked."""
    sentence = event.sentence
    if event.start is None or event.sentence_start is None:
        return Text(shorten(sentence, room))
    low = event.start - event.sentence_start
    high = low + len(event.phrase)
    if not (0 <= low < high <= len(sentence)):
        low, high = 0, 0
    if len(sentence) > room:
        begin = max(0, min(low - room // 3, len(sentence) - room + 2))
        if begin:
            space = sentence.find(" ", begin, low)
            begin = space + 1 if space >= 0 else begin
        prefix = "…" if begin else ""
        end = begin + room - len(prefix) - 1
        suffix = "…" if end < len(sentence) else ""
        sentence = prefix + sentence[begin:end] + suffix
        shift = len(prefix) - begin
        low, high = low + shift, min(high + shift, len(sentence))
    line = Text(sentence)
    if high > low:
        line.stylize("reverse bold", low, high)
    return line


def event_lines(event: Event, title: str, width: int) -> list[Text]:
    """A timeline row: date, kind and source; then the sentence with the date phrase marked."""
    head = Text(f"{date_label(event):<19}", style="bold")
    head.append(f"{KIND_MARKS[event.kind]:<12}", style="italic")
    head.append(shorten(title, max(12, width - 31)), style="dim")
    if not event.phrase:
        return [head]
    return [head, excerpt(event, max(20, width - 2))]


def event_height(event: Event) -> int:
    """How many lines `event_lines` gives the event."""
    return 2 if event.phrase else 1


@dataclass
class Arranged:
    """Timeline rows ready to show: events with headings, each row's height."""

    events: int
    """How many events."""
    entries: list[Event | str] = field(default_factory=list)
    """Each row: an event, or the text of a heading."""
    heights: list[int] = field(default_factory=list)
    """Each row's height in lines."""
    enabled: list[bool] = field(default_factory=list)
    """Whether each row can be highlighted (headings cannot)."""


def arrange(events: list[Event]) -> Arranged:
    """The rows of these events, with a heading at each new year and month (no UI work: a
    worker makes them for a large briefing)."""
    rows = Arranged(len(events))
    year = month = None
    for event in events:
        event_year, event_month = group_label(event)
        if event_year != year:
            rows.entries.append(f"━━ {event_year}")
            year, month = event_year, None
        if event_month and event_month != month:
            rows.entries.append(f"  {event_month}")
            month = event_month
        rows.entries.append(event)
    rows.heights = [1 if isinstance(e, str) else event_height(e) for e in rows.entries]
    rows.enabled = [not isinstance(e, str) for e in rows.entries]
    return rows


class TimelineList(RowList, inherit_bindings=False):
    """The rows of the timeline: year and month headings, then each event in two lines."""

    HELP_GROUP = "Timeline"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, tooltip="Next row",
                id="timeline.down"),
        Binding("k,up", "cursor_up", "Up", show=False, tooltip="Previous row", id="timeline.up"),
        Binding("g,home", "first", "First", show=False, tooltip="First row", id="timeline.first"),
        Binding("G,end", "last", "Last", show=False, tooltip="Last row", id="timeline.last"),
        Binding("space,pagedown", "page_down", "Page down", show=False,
                tooltip="A page down", id="timeline.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, tooltip="A page up",
                id="timeline.page_up"),
        Binding("enter", "choose", "Open", tooltip="Open the source at this sentence",
                id="timeline.open"),
    ]  # fmt: skip

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Event | str] = []
        """Each row: an event, or the text of a heading."""
        self.titles: dict[str, str] = {}

    def show(self, rows: Arranged, titles: dict[str, str]) -> None:
        """Hold these rows (made by `arrange`), the first event highlighted."""
        self.titles = titles
        self.entries = rows.entries
        self.set_rows(rows.heights, rows.enabled, 0)

    def row_lines(self, index: int, width: int) -> list[Text]:
        entry = self.entries[index]
        if isinstance(entry, str):
            return [Text(entry, style="bold" if entry.startswith("━") else "italic")]
        return event_lines(entry, self.titles.get(entry.source, entry.source), width)

    def event_at(self, index: int | None) -> Event | None:
        """The event of row `index`, None for a heading."""
        if index is None or not 0 <= index < len(self.entries):
            return None
        entry = self.entries[index]
        return None if isinstance(entry, str) else entry

    def lines_shown(self) -> list[str]:
        """Every row as plain text, one string a row (what a reader would see, unstyled)."""
        width = max(40, self.scrollable_content_region.width - 2)
        return ["\n".join(t.plain for t in self.row_lines(i, width)) for i in range(self.row_count)]


class TimelineScreen(Screen[Event | None], inherit_bindings=False):
    """All events, oldest first; enter returns the chosen event, esc returns nothing."""

    CSS_PATH = PANELS_CSS
    HELP_GROUP = "Timeline"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the reader", id="timeline.back"),
        Binding("r", "flip", "Flip", tooltip="Flip the order (oldest or newest first)",
                id="timeline.flip"),
        Binding("K", "cycle_kind", "Kind", tooltip="Show all, events, plans or publications",
                id="timeline.kind"),
        Binding("S", "cycle_source", "Source", tooltip="Show one source or all",
                id="timeline.source"),
        Binding("d", "dates", "Dates", tooltip="Show a date range (e.g. 2019 to 2021)",
                id="timeline.dates"),
    ]  # fmt: skip

    def __init__(
        self, build: Callable[[], list[Event]], sources: list[Source], current: str | None
    ) -> None:
        super().__init__()
        self.build = build
        """Makes the events (in a worker: a large briefing takes seconds)."""
        self.events: list[Event] | None = None
        """Every event, once made."""
        self.sources = sources
        self.titles = {source.id: source.title for source in sources}
        self.filter = TimelineFilter()
        self.newest_first = False
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-status")
        yield Static(Text("No events match these filters.", style="dim"), id="timeline-empty")
        yield TimelineList(id="timeline-list")
        yield Input(placeholder='Dates: "2021", "March 2024", "2019 to 2021", "after 2020";'
                    " empty for all", id="timeline-dates")  # fmt: skip
        yield KeyBar()

    @property
    def rows(self) -> TimelineList:
        """The list of rows."""
        return self.query_one(TimelineList)

    def on_mount(self) -> None:
        self.query_one("#timeline-dates", Input).display = False
        self.query_one("#timeline-empty", Static).display = False
        count = len(self.sources)
        self.query_one("#timeline-status", Static).update(
            Text(f"Finding the dates in {count} source{'s' if count != 1 else ''}…")
        )
        self.rows.focus()
        self.make_events()

    @work(thread=True, exclusive=True, group="timeline-events")
    def make_events(self) -> None:
        """Make the events off the UI thread, then show them."""
        events = self.build()
        rows = arrange(self.shown(events))
        self.app.call_from_thread(self._made, events, rows)

    def _made(self, events: list[Event], rows: Arranged) -> None:
        self.events = events
        self._arranged(rows)

    def shown(self, events: list[Event] | None = None) -> list[Event]:
        """The rows that pass the filters, in the chosen order."""
        events = self.events if events is None else events
        if events is None:
            return []
        events = self.filter.apply(events)
        if self.newest_first:
            resolved = [e for e in events if e.resolved]
            events = resolved[::-1] + [e for e in events if not e.resolved]
        return events

    def refresh_rows(self) -> None:
        """Show the rows that pass the filters (arranged in a worker), and the status line."""
        if self.events is not None:
            self.arrange_rows()

    @work(thread=True, exclusive=True, group="timeline-rows")
    def arrange_rows(self) -> None:
        """Filter and arrange the rows off the UI thread."""
        rows = arrange(self.shown())
        self.app.call_from_thread(self._arranged, rows)

    def _arranged(self, rows: Arranged) -> None:
        self.rows.show(rows, self.titles)
        self.query_one("#timeline-status", Static).update(Text(self.status(rows.events)))
        self.query_one("#timeline-empty", Static).display = not rows.events

    def status(self, count: int) -> str:
        """The line above the rows: how many, in which order, with which filters."""
        parts = [f"Timeline · {count} row{'s' if count != 1 else ''}",
                 "newest first" if self.newest_first else "oldest first"]  # fmt: skip
        if self.filter.kinds:
            parts.append("only " + ", ".join(sorted(k.value for k in self.filter.kinds)))
        if self.filter.sources:
            source = next(iter(self.filter.sources))
            parts.append("only “" + shorten(self.titles.get(source, source), 40) + "”")
        if self.filter.after or self.filter.before:
            after = self.filter.after.isoformat() if self.filter.after else "…"
            before = self.filter.before.isoformat() if self.filter.before else "…"
            parts.append(f"{after} to {before}")
        return " · ".join(parts)

    @on(RowList.Chosen, "#timeline-list")
    def chosen(self, message: RowList.Chosen) -> None:
        message.stop()
        event = self.rows.event_at(message.index)
        if event is not None:
            self.dismiss(event)

    def action_back(self) -> None:
        """Return to the reader where it was."""
        dates = self.query_one("#timeline-dates", Input)
        if dates.display:
            dates.display = False
            self.rows.focus()
            return
        self.dismiss(None)

    def action_flip(self) -> None:
        """Flip between oldest first and newest first."""
        self.newest_first = not self.newest_first
        self.refresh_rows()

    def action_cycle_kind(self) -> None:
        """Cycle the kind filter: all, events, plans, publications."""
        index = next((i for i, kinds in enumerate(KIND_CYCLE) if kinds == self.filter.kinds), 0)
        self.filter.kinds = set(KIND_CYCLE[(index + 1) % len(KIND_CYCLE)])
        self.refresh_rows()

    def action_cycle_source(self) -> None:
        """Cycle the source filter: all, the source being read, then each other source."""
        order = [self.current] if self.current else []
        order += [s.id for s in self.sources if s.id != self.current]
        choices: list[set[str]] = [set()] + [{source_id} for source_id in order]
        index = next((i for i, ids in enumerate(choices) if ids == self.filter.sources), 0)
        self.filter.sources = choices[(index + 1) % len(choices)]
        self.refresh_rows()

    def action_dates(self) -> None:
        """Type a date range in any form dateutil reads."""
        dates = self.query_one("#timeline-dates", Input)
        dates.display = True
        dates.focus()

    @on(Input.Submitted, "#timeline-dates")
    def dates_typed(self, event: Input.Submitted) -> None:
        try:
            after, before = parse_range(event.value)
        except RangeError as error:
            self.notify(str(error), severity="error")
            return
        self.filter.after, self.filter.before = after, before
        event.input.display = False
        self.refresh_rows()
        self.rows.focus()
