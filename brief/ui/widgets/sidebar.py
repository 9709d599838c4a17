"""The sidebar: the briefing's sources by title, outlet and date, and the files skipped."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from brief.core.export import human_date
from brief.core.model import PubDate, Skipped, Source
from brief.core.text import shorten
from brief.ui.messages import SourceOpened

SKIPPED_PREFIX = "skipped:"


def source_prompt(
    source: Source,
    width: int,
    user_date: PubDate | None = None,
    notes: int = 0,
    read: bool = False,
) -> Text:
    """A sidebar row: the title (bold while unread), then outlet · date · highlights, dimmed."""
    title = shorten(source.title, max(20, 2 * width - 4))
    row = Text(title, style="" if read else "bold")
    if source.published is not None:
        when = human_date(source.published)
    elif user_date is not None:
        when = f"{human_date(user_date)} (set)"
    else:
        when = "undated"
    count = f"✎{notes}" if notes else ""
    details = " · ".join(part for part in (source.outlet, when) if part)
    row.append("\n")
    row.append(shorten(details, max(10, width - len(count) - 1)), style="dim")
    if count:
        row.append(" " + count, style="bold")
    return row


def skipped_prompt(skipped: Skipped, width: int) -> Text:
    """A row of the skipped group: file name and reason."""
    row = Text(shorten(skipped.path.name, max(10, width)), style="dim")
    row.append("\n")
    row.append(shorten(skipped.reason, max(10, 2 * width)), style="dim italic")
    return row


class SourceList(OptionList, inherit_bindings=False):
    """The list of sources; enter opens the highlighted one."""

    HELP_GROUP = "Sidebar"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j,down",
            "cursor_down",
            "Down",
            show=False,
            tooltip="Next source in the list",
            id="sidebar.down",
        ),
        Binding(
            "k,up",
            "cursor_up",
            "Up",
            show=False,
            tooltip="Previous source in the list",
            id="sidebar.up",
        ),
        Binding(
            "g,home",
            "first",
            "First",
            show=False,
            tooltip="First source in the list",
            id="sidebar.first",
        ),
        Binding(
            "G,end",
            "last",
            "Last",
            show=False,
            tooltip="Last source in the list",
            id="sidebar.last",
        ),
        Binding(
            "pagedown,space",
            "page_down",
            "Page down",
            show=False,
            tooltip="A page down the list",
            id="sidebar.page_down",
        ),
        Binding(
            "pageup,b",
            "page_up",
            "Page up",
            show=False,
            tooltip="A page up the list",
            id="sidebar.page_up",
        ),
        Binding(
            "enter", "select", "Open", tooltip="Open the highlighted source", id="sidebar.open"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sources: list[Source] = []
        self.skipped: list[Skipped] = []
        self.dates: Mapping[str, PubDate] = {}
        self.counts: dict[str, int] = {}
        self.read: set[str] = set()
        self.row_width = 0

    def show(
        self,
        sources: list[Source],
        skipped: list[Skipped],
        current: str | None,
        dates: Mapping[str, PubDate] | None = None,
        counts: Mapping[str, int] | None = None,
        read: Collection[str] = (),
    ) -> None:
        """Fill the list, keeping the highlight on `current` when it is still there."""
        self.dates = dates = dates or {}
        self.counts = dict(counts or {})
        self.read = set(read)
        self.sources = sources
        self.skipped = skipped
        self.row_width = width = self.text_width()
        options: list[Option | None] = [
            Option(
                source_prompt(
                    source,
                    width,
                    dates.get(source.id),
                    self.counts.get(source.id, 0),
                    source.id in self.read,
                ),
                id=source.id,
            )
            for source in sources
        ]
        if skipped:
            options.append(None)
            options.append(
                Option(Text(f"Skipped ({len(skipped)})", style="bold dim"), disabled=True)
            )
            options += [
                Option(skipped_prompt(item, width), id=f"{SKIPPED_PREFIX}{n}", disabled=True)
                for n, item in enumerate(skipped)
            ]
        highlighted = self.highlighted
        self.set_options(options)
        ids = [source.id for source in sources]
        if current in ids:
            self.highlighted = ids.index(current)
        elif sources:
            self.highlighted = min(highlighted or 0, len(sources) - 1)

    def text_width(self) -> int:
        """The columns a row's text may take."""
        return max(20, self.scrollable_content_region.width - 2)

    def on_resize(self) -> None:
        """Rows are shortened to fit: shorten them again for the new width."""
        if self.sources and self.text_width() != self.row_width:
            current = self.sources[self.highlighted].id if self.highlighted is not None else None
            self.show(self.sources, self.skipped, current, self.dates, self.counts, self.read)

    def show_row(self, source: Source, notes: int, read: bool) -> None:
        """Redraw one source's row with its number of highlights and its read state."""
        self.counts[source.id] = notes
        if read:
            self.read.add(source.id)
        else:
            self.read.discard(source.id)
        prompt = source_prompt(source, self.row_width, self.dates.get(source.id), notes, read)
        self.replace_option_prompt(source.id, prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.id.startswith(SKIPPED_PREFIX):
            self.post_message(SourceOpened(event.option.id))

    def highlight_source(self, source_id: str) -> None:
        """Move the highlight to a source's row."""
        for index, source in enumerate(self.sources):
            if source.id == source_id:
                self.highlighted = index
                return
