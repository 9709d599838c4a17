"""The keys that find a place in the pack: its timeline, search and find in the source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.widgets import Input, Static

from brief.ui.screens.loading import PackLoadingScreen
from brief.ui.widgets.reader import FindStatus

if TYPE_CHECKING:
    from brief.core.search import Hit
    from brief.core.timeline import Event

# The timeline, search and their screens are imported when first asked for.


class FindingScreen(PackLoadingScreen):
    """A screen that opens the timeline, search and the find bar over the pack it reads.

    The timeline and search come back to the reader at the place chosen (see `open_source`).
    The subclass binds the keys (its BINDINGS set the key bar's order) and composes an empty
    ``#find-bar``, filled when first opened.
    """

    def action_timeline(self) -> None:
        """Open the timeline of every source; enter there comes back at the sentence."""
        if not self.library.sources:
            self.notify("Nothing to show yet: the briefing is still being read.")
            return
        from brief.core.timeline import timeline
        from brief.ui.screens.timeline import TimelineScreen

        sources, dates = list(self.library.sources), dict(self.user_dates)
        cache = self.library_cache
        current = self.current.id if self.current else None
        self.app.push_screen(
            TimelineScreen(lambda: timeline(sources, dates, cache), self.ordered, current),
            callback=self.open_event,
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
            self._search_wanted = True
            self.notify("Search opens as soon as the briefing is read and indexed.", timeout=4)
            return
        from brief.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.searcher), callback=self.open_hit)

    def open_hit(self, hit: Hit | None) -> None:
        """Show the source of a search result, scrolled to the match."""
        if hit is None:
            return
        self.open_source(hit.source_id)
        if hit.anchor is not None:  # a note: its highlight
            self.reader.jump_to(*hit.anchor)
        elif hit.field == "body":
            self.reader.jump_to(hit.start, hit.end)

    async def action_find(self) -> None:
        """Open the find bar for the source being read."""
        bar = self.query_one("#find-bar")
        if not bar.children:  # made when first wanted: start-up draws only what is shown
            await bar.mount(
                Input(placeholder="Find in this source (typos forgiven)", id="find-input"),
                Static(id="find-status"),
            )
        bar.add_class("-open")
        self.query_one("#find-input", Input).focus()

    @on(Input.Changed, "#find-input")
    def find_typed(self, event: Input.Changed) -> None:
        self.reader.find(event.value)

    @on(Input.Submitted, "#find-input")
    def find_submitted(self) -> None:
        self.reader.focus()

    @on(FindStatus)
    def find_status(self, message: FindStatus) -> None:
        if not self.query("#find-status"):
            return  # the bar was never opened: nothing to show or clear
        status = self.query_one("#find-status", Static)
        if message.cleared:
            self.query_one("#find-bar").remove_class("-open")
            self.query_one("#find-input", Input).value = ""
        elif message.total:
            status.update(Text(f"{message.current}/{message.total}"))
        else:
            status.update(Text("no matches" if self.query_one("#find-input", Input).value else ""))
