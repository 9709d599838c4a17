"""The annotations panel: every highlight of this source or of all, filtered, with the orphans."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rapidfuzz import fuzz
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from brief.core.annotations.model import AnchorStatus
from brief.core.annotations.placement import Placement
from brief.core.colours import Colour
from brief.core.export import human_date
from brief.core.text import shorten
from brief.ui.screens import PANELS_CSS
from brief.ui.widgets.keybar import KeyBar

FUZZY_THRESHOLD = 75
"""How close (rapidfuzz partial ratio, 0-100) filter words must come to a highlight's text."""


@dataclass(frozen=True, slots=True)
class PanelChoice:
    """What the user chose in the panel."""

    placement: Placement
    """The annotation chosen."""
    reattach: bool = False
    """True to re-attach it to a new selection, False to jump to it."""


@dataclass(frozen=True, slots=True)
class PanelFilter:
    """A filter typed in the panel: colours (1-5), #tags and words matched fuzzily."""

    colours: frozenset[int] = frozenset()
    """Colour numbers to keep (all when empty)."""
    tags: tuple[str, ...] = ()
    """Tags every kept annotation must have."""
    words: str = ""
    """Text the quote, note or source title must match approximately."""

    @classmethod
    def parse(cls, text: str) -> PanelFilter:
        """Read "2 #policy tax credit": colour 2, tag policy, words "tax credit"."""
        colours: set[int] = set()
        tags: list[str] = []
        words: list[str] = []
        for token in text.split():
            if token.isdigit() and 1 <= int(token) <= 5:
                colours.add(int(token))
            elif token.startswith("#") and len(token) > 1:
                tags.append(token[1:].casefold())
            else:
                words.append(token)
        return cls(frozenset(colours), tuple(tags), " ".join(words))

    def keeps(self, p: Placement) -> bool:
        """True when the annotation passes the filter."""
        item = p.annotation
        if self.colours and item.color not in self.colours:
            return False
        have = {tag.casefold() for tag in item.tags}
        if any(tag not in have for tag in self.tags):
            return False
        if self.words:
            title = p.source.title if p.source is not None else item.source.title
            haystack = f"{item.quote.exact}\n{item.note}\n{title}".casefold()
            query = self.words.casefold()
            if query not in haystack and fuzz.partial_ratio(query, haystack) < FUZZY_THRESHOLD:
                return False
        return True


def placement_prompt(p: Placement, colours: Mapping[int, Colour], width: int) -> Text:
    """A panel row: colour and meaning, source and date, then the quote, note and tags."""
    item = p.annotation
    colour = colours[item.color]
    row = Text("■ ", style=f"bold {colour.name}")
    row.append(f"{colour.meaning:<10} ", style="bold")
    title = p.source.title if p.source is not None else item.source.title
    row.append(shorten(title, max(12, width - 36)), style="dim")
    row.append(f"  {human_date(item.created.date())}", style="dim")
    if p.status is AnchorStatus.AMBIGUOUS:
        row.append("  (ambiguous)", style="italic")
    row.append("\n“" + shorten(item.quote.exact, max(40, 2 * width - 10)) + "”", style="italic")
    if item.note:
        row.append("\n" + shorten(item.note, max(40, 2 * width - 10)))
    return row


class AnnotationList(OptionList, inherit_bindings=False):
    """The rows of the panel."""

    HELP_GROUP = "Annotations"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, tooltip="Next annotation",
                id="annotations.down"),
        Binding("k,up", "cursor_up", "Up", show=False, tooltip="Previous annotation",
                id="annotations.up"),
        Binding("g,home", "first", "First", show=False, tooltip="First annotation",
                id="annotations.first"),
        Binding("G,end", "last", "Last", show=False, tooltip="Last annotation",
                id="annotations.last"),
        Binding("enter", "select", "Open", tooltip="Jump to the passage",
                id="annotations.open"),
    ]  # fmt: skip


class AnnotationsScreen(Screen[PanelChoice | None], inherit_bindings=False):
    """Every annotation of the current source or of all sources; enter jumps to one."""

    CSS_PATH = PANELS_CSS
    HELP_GROUP = "Annotations"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", tooltip="Back to reading", id="annotations.close"),
        Binding("a", "toggle_scope", "This/all", tooltip="This source or all sources",
                id="annotations.scope"),
        Binding("slash", "filter", "Filter", key_display="/",
                tooltip="Filter by colour (1-5), #tag or words", id="annotations.filter"),
        Binding("r", "reattach", "Re-attach", tooltip="Re-attach to a new selection",
                id="annotations.reattach"),
    ]  # fmt: skip

    def __init__(
        self,
        placements: Sequence[Placement],
        colours: Mapping[int, Colour],
        current: str | None,
        all_sources: bool = False,
    ) -> None:
        super().__init__()
        self.placements = list(placements)
        self.colours = colours
        self.current = current
        self.all_sources = all_sources or current is None
        self.filter = PanelFilter()
        self.shown: list[Placement] = []

    def compose(self) -> ComposeResult:
        yield Static(id="annotations-status")
        yield Input(placeholder="Filter: words, #tag, 1-5 for a colour", id="annotations-filter")
        yield AnnotationList(id="annotations-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill()
        self.query_one(AnnotationList).focus()

    def _in_scope(self, p: Placement) -> bool:
        if self.all_sources:
            return True
        return p.source is not None and p.source.id == self.current

    def fill(self) -> None:
        """List the annotations in scope that pass the filter, orphans under their own head."""
        listing = self.query_one(AnnotationList)
        width = max(40, (listing.scrollable_content_region.width or self.app.size.width) - 2)
        kept = [p for p in self.placements if self._in_scope(p) and self.filter.keeps(p)]
        attached = [p for p in kept if p.status is not AnchorStatus.ORPHAN]
        lost = [p for p in self.placements if p.status is AnchorStatus.ORPHAN]
        lost = [p for p in lost if self.filter.keeps(p)]
        self.shown = attached + lost
        options: list[Option | None] = [
            Option(placement_prompt(p, self.colours, width), id=f"a{n}")
            for n, p in enumerate(attached)
        ]
        if lost:
            if attached:
                options.append(None)
            head = f"Orphans ({len(lost)}): their passage is gone; r re-attaches one"
            options.append(Option(Text(head, style="bold"), disabled=True))
            options += [
                Option(placement_prompt(p, self.colours, width), id=f"a{len(attached) + n}")
                for n, p in enumerate(lost)
            ]
        listing.set_options(options)
        if self.shown:
            listing.highlighted = listing.get_option_index("a0")
        scope = "all sources" if self.all_sources else "this source"
        count = len(attached)
        status = f"{count} highlight{'s' if count != 1 else ''} · {scope}"
        if lost:
            status += f" · {len(lost)} orphan{'s' if len(lost) != 1 else ''}"
        if not attached and not lost:
            status += " · none yet: h highlights the sentence at the cursor"
        status += " · a: this/all · /: filter · enter: jump"
        self.query_one("#annotations-status", Static).update(Text(status))

    def _chosen(self) -> Placement | None:
        listing = self.query_one(AnnotationList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        if option.id is None or not option.id.startswith("a"):
            return None
        return self.shown[int(option.id[1:])]

    @on(OptionList.OptionSelected, "#annotations-list")
    def selected(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        if chosen.status is AnchorStatus.ORPHAN:
            self.notify("This highlight's passage is gone: press r to re-attach it.")
            return
        self.dismiss(PanelChoice(chosen))

    def action_reattach(self) -> None:
        """Close the panel to choose a new passage for the highlighted annotation."""
        chosen = self._chosen()
        if chosen is not None:
            self.dismiss(PanelChoice(chosen, reattach=True))

    def action_toggle_scope(self) -> None:
        """Switch between this source's annotations and all of them."""
        if self.current is None:
            return
        self.all_sources = not self.all_sources
        self.fill()

    def action_filter(self) -> None:
        """Type a filter."""
        self.query_one(Input).focus()

    @on(Input.Changed, "#annotations-filter")
    def filter_typed(self, event: Input.Changed) -> None:
        self.filter = PanelFilter.parse(event.value)
        self.fill()

    @on(Input.Submitted, "#annotations-filter")
    def filter_done(self) -> None:
        self.query_one(AnnotationList).focus()

    def action_close(self) -> None:
        """Back to reading (from the filter: back to the list first)."""
        if self.query_one(Input).has_focus:
            self.query_one(AnnotationList).focus()
            return
        self.dismiss(None)
