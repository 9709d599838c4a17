"""The timeline view: every dated event of the briefing, grouped by year and month."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

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

KIND_MARKS = {Kind.PUBLISHED: "◆ published", Kind.EVENT: "● event", Kind.PLAN: "▷ plan"}
KIND_CYCLE: list[set[Kind]] = [set(), {Kind.EVENT}, {Kind.PLAN}, {Kind.PUBLISHED}]


def event_prompt(event: Event, title: str, width: int) -> Text:
    """A timeline row: date, kind and source, then the sentence with the date phrase marked."""
    row = Text(f"{date_label(event):<19}", style="bold")
    row.append(f"{KIND_MARKS[event.kind]:<12}", style="italic")
    row.append(shorten(title, max(12, width - 37)), style="dim")
    if not event.phrase or event.start is None or event.sentence_start is None:
        return row
    sentence = event.sentence
    low = event.start - event.sentence_start
    high = low + len(event.phrase)
    if not (0 <= low < high <= len(sentence)):
        low, high = 0, 0
    room = max(60, 2 * width - 6)
    if len(sentence) > room:
        begin = max(0, min(low - room // 3, len(sentence) - room))
        if begin:
            space = sentence.find(" ", begin, low)
            begin = space + 1 if space >= 0 else begin
        prefix = "…" if begin else ""
        suffix = "…" if begin + room < len(sentence) else ""
        sentence = prefix + sentence[begin : begin + room] + suffix
        shift = len(prefix) - begin
        low, high = low + shift, high + shift
    line = Text("\n" + sentence)
    if high > low:
        line.stylize("reverse bold", low + 1, high + 1)
    row.append_text(line)
    return row


class TimelineList(OptionList, inherit_bindings=False):
    """The rows of the timeline."""

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
        Binding("enter", "select", "Open", tooltip="Open the source at this sentence",
                id="timeline.open"),
    ]  # fmt: skip


class TimelineScreen(Screen[Event | None], inherit_bindings=False):
    """All events, oldest first; enter returns the chosen event, esc returns nothing."""

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

    def __init__(self, events: list[Event], sources: list[Source], current: str | None) -> None:
        super().__init__()
        self.events = events
        self.sources = sources
        self.titles = {source.id: source.title for source in sources}
        self.filter = TimelineFilter()
        self.newest_first = False
        self.current = current
        self.row_events: dict[str, Event] = {}
        """The event behind each row's option id."""

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-status")
        yield TimelineList(id="timeline-list")
        yield Input(placeholder='Dates: "2021", "March 2024", "2019 to 2021", "after 2020";'
                    " empty for all", id="timeline-dates")  # fmt: skip
        yield Footer(compact=True)

    @property
    def rows(self) -> TimelineList:
        """The list of rows."""
        return self.query_one(TimelineList)

    def on_mount(self) -> None:
        self.query_one("#timeline-dates", Input).display = False
        self.refresh_rows()
        self.rows.focus()

    def shown(self) -> list[Event]:
        """The rows that pass the filters, in the chosen order."""
        events = self.filter.apply(self.events)
        if self.newest_first:
            resolved = [e for e in events if e.resolved]
            events = resolved[::-1] + [e for e in events if not e.resolved]
        return events

    def refresh_rows(self) -> None:
        """Rebuild the list and the status line."""
        events = self.shown()
        width = max(40, self.rows.scrollable_content_region.width or self.size.width)
        options: list[Option | None] = []
        year = month = None
        self.row_events = {}
        for index, event in enumerate(events):
            event_year, event_month = group_label(event)
            if event_year != year:
                options.append(Option(Text(f"━━ {event_year}", style="bold"), disabled=True))
                year, month = event_year, None
            if event_month and event_month != month:
                options.append(Option(Text(f"  {event_month}", style="italic"), disabled=True))
                month = event_month
            key = f"event-{index}"
            self.row_events[key] = event
            title = self.titles.get(event.source, event.source)
            options.append(Option(event_prompt(event, title, width), id=key))
        if not events:
            options.append(Option(Text("No events match these filters.", style="dim"),
                                  disabled=True))  # fmt: skip
        self.rows.set_options(options)
        first = next((i for i, o in enumerate(options) if o and not o.disabled), None)
        self.rows.highlighted = first
        self.query_one("#timeline-status", Static).update(Text(self.status(len(events))))

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

    @on(OptionList.OptionSelected, "#timeline-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self.row_events:
            self.dismiss(self.row_events[event.option.id])

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
