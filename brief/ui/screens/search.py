"""Search across every source as you type; enter opens the passage, esc goes back."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from brief.core.annotations.notefield import NOTE_FIELD
from brief.core.export import human_date
from brief.core.model import as_date
from brief.core.search import Hit, Results, Searcher, parse_query
from brief.core.text import shorten
from brief.ui.screens import PANELS_CSS
from brief.ui.widgets.keybar import KeyBar

PAGE = 200
"""How many results are listed at first, and added each time the highlight reaches the end."""
BATCH = 20
"""Results are streamed to the list in batches of this many."""


def hit_prompt(hit: Hit, width: int) -> Text:
    """A result: title · outlet · date, then the passage with the matched words marked."""
    when = human_date(as_date(hit.published)) if hit.published is not None else "undated"
    row = Text(shorten(hit.title, max(20, width - 36)), style="bold")
    row.append(" · " + " · ".join(p for p in (hit.outlet, when) if p), style="dim")
    if hit.field == NOTE_FIELD:
        row.append("  (in your note)", style="italic dim")
    elif hit.field != "body":
        row.append(f"  (in the {hit.field})", style="italic dim")
    passage = Text("\n" + hit.passage)
    for start, end in hit.spans:
        passage.stylize("reverse bold", start + 1, end + 1)
    row.append_text(passage)
    return row


class ResultList(OptionList, inherit_bindings=False):
    """The results; the query box keeps focus, so arrows move through them from there."""

    HELP_GROUP = "Search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False, tooltip="Next result",
                id="search.down"),
        Binding("up", "cursor_up", "Up", show=False, tooltip="Previous result", id="search.up"),
        Binding("enter", "select", "Open", tooltip="Open the source at this passage",
                id="search.open"),
    ]  # fmt: skip


class SearchScreen(Screen[Hit | None], inherit_bindings=False):
    """A query box and its streaming results."""

    CSS_PATH = PANELS_CSS
    HELP_GROUP = "Search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to where you were", id="search.back"),
        Binding("down", "move(1)", "Next", show=False, tooltip="Next result",
                id="search.next_result"),
        Binding("up", "move(-1)", "Previous", show=False, tooltip="Previous result",
                id="search.previous_result"),
        Binding("pagedown", "move(10)", "Page down", show=False,
                tooltip="Ten results down", id="search.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, tooltip="Ten results up",
                id="search.page_up"),
    ]  # fmt: skip

    def __init__(self, searcher: Searcher, query: str = "") -> None:
        super().__init__()
        self.searcher = searcher
        self.initial = query
        self.hits: dict[str, Hit] = {}
        self.query_text = ""
        self.found: Results | None = None
        """Every result of the query, once all are counted (listed a page at a time)."""

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.initial,
            placeholder='Search every source: words, "a phrase", outlet:, author:, '
            "after:2023, before:March 2024",
            id="search-input",
        )
        yield Static(id="search-status")
        yield ResultList(id="search-results")
        yield KeyBar()

    @property
    def results(self) -> ResultList:
        """The list of results."""
        return self.query_one(ResultList)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.status("Type to search every source; typos are forgiven.")
        if self.initial:
            self.run_search(self.initial)

    def status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Text(text))

    @on(Input.Changed, "#search-input")
    def typed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Start a search for the query, cancelling the one before."""
        self.query_text = query
        self.hits = {}
        self.found = None
        self.results.clear_options()
        if not query.strip():
            self.workers.cancel_group(self, "search")
            self.status("Type to search every source; typos are forgiven.")
            return
        problems = parse_query(query).problems
        self.status("Searching…" + (f" ({'; '.join(problems)})" if problems else ""))
        self.search_worker(query)

    @work(thread=True, exclusive=True, group="search")
    def search_worker(self, query: str) -> None:
        """Stream the first page of hits to the list in batches, then count them all; stops
        as soon as a newer query starts."""
        worker = get_current_worker()
        results = self.searcher.results(query, should_stop=lambda: worker.is_cancelled)
        batch: list[Hit] = []
        for count, hit in enumerate(results, 1):
            if worker.is_cancelled:
                return
            batch.append(hit)
            if len(batch) >= BATCH:
                self.app.call_from_thread(self.add_hits, query, batch, False)
                batch = []
            if count >= PAGE:
                break
        len(results)  # ranks the rest (building none) for the count and the next pages
        if not worker.is_cancelled:
            self.app.call_from_thread(self.add_hits, query, batch, True, results)

    def add_hits(
        self, query: str, hits: list[Hit], done: bool, results: Results | None = None
    ) -> None:
        """Append a batch of results (ignored if the query has changed since)."""
        if query != self.query_text:
            return
        if results is not None:
            self.found = results
        width = max(40, self.results.scrollable_content_region.width or self.size.width)
        options = []
        for hit in hits:
            key = f"hit-{len(self.hits)}"
            self.hits[key] = hit
            options.append(Option(hit_prompt(hit, width), id=key))
        self.results.add_options(options)
        if self.results.highlighted is None and self.hits:
            self.results.highlighted = 0
        count = len(self.hits)
        if done:
            self.show_count()
        else:
            self.status(f"{count} results so far…")

    def show_count(self) -> None:
        """The status line once every result is counted."""
        total = len(self.found) if self.found is not None else len(self.hits)
        found = f"{total:,} result{'s' if total != 1 else ''}" if total else "No results"
        if len(self.hits) < total:
            found += f" ({len(self.hits):,} listed: more below)"
        self.status(f"{found} · ↑↓ to choose, enter to open, esc to go back")

    @on(OptionList.OptionHighlighted, "#search-results")
    def more(self, event: OptionList.OptionHighlighted) -> None:
        """List the next page of results when the highlight reaches the last one listed."""
        found, listed = self.found, len(self.hits)
        if found is None or event.option_index < listed - 1 or listed >= len(found):
            return
        width = max(40, self.results.scrollable_content_region.width or self.size.width)
        options = []
        for hit in found[listed : listed + PAGE]:
            key = f"hit-{len(self.hits)}"
            self.hits[key] = hit
            options.append(Option(hit_prompt(hit, width), id=key))
        self.results.add_options(options)
        self.show_count()

    def action_move(self, delta: int) -> None:
        """Move the highlight through the results from the query box."""
        if not self.hits:
            return
        current = self.results.highlighted or 0
        self.results.highlighted = max(0, min(len(self.hits) - 1, current + delta))

    @on(Input.Submitted, "#search-input")
    def submitted(self) -> None:
        self.results.action_select()

    @on(OptionList.OptionSelected, "#search-results")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self.hits:
            self.dismiss(self.hits[event.option.id])

    def action_back(self) -> None:
        """Return to where the user was."""
        self.workers.cancel_group(self, "search")
        self.dismiss(None)
