"""The reading pane: a line-based, virtualised view of one source's cleaned text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.core.export import meta_line
from brief.core.model import BlockKind, PubDate, Source

MEASURE = 80
"""The widest reading column, in cells; wider terminals centre it."""


@dataclass(frozen=True, slots=True)
class LineSpan:
    """Where a screen line's text lies in the source's cleaned body."""

    block: int
    """The index of the block the line belongs to."""
    start: int
    """Offset in `Source.body` of the line's first character."""
    end: int
    """Offset in `Source.body` just past the line's last character."""


@dataclass
class FindStatus(Message):
    """Where the reader is among the matches of a find ("3/7")."""

    current: int
    """The current match, counted from 1 (0 when there are none)."""
    total: int
    """How many matches there are."""
    cleared: bool = False
    """True when the user cleared the find."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled range of the body: a jump target, a search match, a highlight."""

    start: int
    """Offset in `Source.body` where the mark starts."""
    end: int
    """Offset just past the mark."""
    style: str
    """The component class that styles it ("reader--flash", ...)."""


class Reader(ScrollView, can_focus=True):
    """Shows a source: title, metadata line, then the body as paragraphs and headings."""

    HELP_GROUP = "Reader"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--heading",
        "reader--quote",
        "reader--caption",
        "reader--warning",
        "reader--empty",
        "reader--removed",
        "reader--reason",
        "reader--banner",
        "reader--flash",
        "reader--match",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Down", show=False, tooltip="Scroll down a line",
                id="reader.down"),
        Binding("k,up", "line_up", "Up", show=False, tooltip="Scroll up a line", id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False,
                tooltip="Scroll down a page", id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, tooltip="Scroll up a page",
                id="reader.page_up"),
        Binding("g,home", "top", "Top", show=False, tooltip="Go to the top", id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, tooltip="Go to the bottom",
                id="reader.bottom"),
        Binding("n", "find_next", "Next match", show=False, tooltip="Next match of the find",
                id="reader.find_next"),
        Binding("N", "find_previous", "Previous match", show=False,
                tooltip="Previous match of the find", id="reader.find_previous"),
        Binding("escape", "clear_marks", "Clear", show=False,
                tooltip="Clear the find and jump marks", id="reader.clear_marks"),
        Binding("c", "toggle_removed", "Removed",
                tooltip="Whole source, removed lines dimmed (toggle)",
                id="reader.toggle_removed"),
    ]  # fmt: skip

    source: reactive[Source | None] = reactive(None, layout=False, repaint=True)
    """The source on show, or None."""
    show_removed: reactive[bool] = reactive(False)
    """True to show the whole source, removed lines dimmed in place."""
    user_date: reactive[PubDate | None] = reactive(None)
    """A date the user set for an undated source, shown in the metadata line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._strips: list[Strip] = []
        self.spans: list[LineSpan | None] = []
        """For each laid-out line, where its text lies in the body (None for chrome)."""
        self._laid_out_width = -1
        self.marks: list[Mark] = []
        """Styled ranges of the body, drawn over the text."""
        self.matches: list[tuple[int, int]] = []
        """The matches of the current find, as body offsets."""
        self.match_index = 0
        """Which match is current."""

    def watch_source(self, source: Source | None) -> None:
        self.marks = []
        self.matches = []
        self.scroll_to(0, 0, animate=False)
        self._layout(force=True)

    def watch_user_date(self) -> None:
        self._layout(force=True)

    def show(self, source: Source, user_date: PubDate | None) -> None:
        """Show a source with the date the user set for it, laid out once."""
        self.set_reactive(Reader.user_date, user_date)
        if source is self.source:
            self._layout(force=True)
        else:
            self.source = source

    def set_marks(self, marks: list[Mark]) -> None:
        """Draw these ranges over the text (replacing the previous ones)."""
        self.marks = marks
        self._layout(force=True)

    def line_of(self, offset: int) -> int | None:
        """The laid-out line that shows a body offset, if any."""
        for index, span in enumerate(self.spans):
            if span is not None and span.start <= offset < max(span.end, span.start + 1):
                return index
        for index, span in enumerate(self.spans):
            if span is not None and span.start >= offset:
                return index
        return None

    def find(self, query: str) -> None:
        """Mark every match of a query in this source and move to the first."""
        from brief.core.search import find_in_text

        if self.source is None or not query.strip():
            self.matches = []
            self.set_marks([])
            self.post_message(FindStatus(0, 0))
            return
        self.show_removed = False
        self.matches = find_in_text(self.source.body, query)
        self.match_index = 0
        self._show_matches()

    def _show_matches(self) -> None:
        """Draw the matches, the current one flashed, and bring it into view."""
        marks = [
            Mark(start, end, "reader--flash" if n == self.match_index else "reader--match")
            for n, (start, end) in enumerate(self.matches)
        ]
        self.set_marks(marks)
        if self.matches:
            line = self.line_of(self.matches[self.match_index][0])
            if line is not None and not (self.scroll_y <= line < self.scroll_y + self.size.height):
                self.scroll_to(0, max(0, line - self.size.height // 3), animate=False, force=True)
        count = len(self.matches)
        self.post_message(FindStatus(self.match_index + 1 if count else 0, count))

    def action_find_next(self) -> None:
        """Move to the next match, wrapping at the end."""
        if not self.matches:
            self.notify("Nothing found to step through: press / to find in this source.")
            return
        self.match_index = (self.match_index + 1) % len(self.matches)
        self._show_matches()

    def action_find_previous(self) -> None:
        """Move to the previous match, wrapping at the start."""
        if not self.matches:
            self.notify("Nothing found to step through: press / to find in this source.")
            return
        self.match_index = (self.match_index - 1) % len(self.matches)
        self._show_matches()

    def action_clear_marks(self) -> None:
        """Clear the find and any jump marks."""
        self.matches = []
        self.set_marks([])
        self.post_message(FindStatus(0, 0, cleared=True))

    def jump_to(self, start: int, end: int) -> None:
        """Show the article with body[start:end] flashed, scrolled so it sits near the top."""
        self.show_removed = False
        self.set_marks([Mark(start, end, "reader--flash")])
        line = self.line_of(start)
        if line is not None:
            self.scroll_to(0, max(0, line - 2), animate=False, force=True)

    def watch_show_removed(self) -> None:
        self.scroll_to(0, 0, animate=False)
        self._layout(force=True)

    def action_toggle_removed(self) -> None:
        """Switch between the article and the whole source with removed lines dimmed."""
        self.show_removed = not self.show_removed

    def on_resize(self) -> None:
        self._layout()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._layout(force=True), init=False)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _layout(self, force: bool = False) -> None:
        """Wrap the source to the current width; cheap to call when nothing changed."""
        width = self.scrollable_content_region.width
        if width <= 0 or (width == self._laid_out_width and not force):
            return
        self._laid_out_width = width
        measure = max(10, min(MEASURE, width - 2))
        margin = max(0, (width - measure) // 2)
        console = self.app.console
        strips: list[Strip] = []
        spans: list[LineSpan | None] = []

        def add(text: Text, span_source: tuple[int, int, str] | None = None, prefix: str = "",
                rest_prefix: str | None = None) -> None:  # fmt: skip
            lead = " " * margin
            room = max(5, measure - len(prefix))
            lines = text.wrap(console, room, overflow="fold", no_wrap=False)
            cursor = 0
            for number, line in enumerate(lines):
                pre = prefix if number == 0 or rest_prefix is None else rest_prefix
                segments = list(Text(lead + pre, style=text.style).render(console))
                segments += list(line.render(console, end=""))
                strips.append(Strip(segments))
                if span_source is None:
                    spans.append(None)
                    continue
                block, start, plain = span_source
                found = plain.find(line.plain.strip(), cursor) if line.plain.strip() else cursor
                found = cursor if found < 0 else found
                cursor = found + len(line.plain.strip())
                spans.append(LineSpan(block, start + found, start + cursor))

        def blank() -> None:
            strips.append(Strip([]))
            spans.append(None)

        source = self.source
        if source is None:
            blank()
            add(Text("No source open. Choose one in the sidebar and press enter.",
                     style=self._style("reader--empty")))  # fmt: skip
        else:
            blank()
            add(Text(source.title, style=self._style("reader--title")))
            meta = meta_line(source, self.user_date)
            if meta:
                add(Text(meta, style=self._style("reader--meta")))
            for warning in source.warnings:
                add(Text(f"⚠ {warning}", style=self._style("reader--warning")))
            if self.show_removed:
                self._add_raw(source, add, blank)
                self._finish(strips, spans, width)
                return
            if not source.blocks:
                blank()
                add(Text("This source has no article text.", style=self._style("reader--empty")))
            starts = source.block_starts
            for index, block in enumerate(source.blocks):
                where = (index, starts[index], block.text)
                body_text = self._marked(block.text, starts[index])
                blank()
                if block.kind is BlockKind.HEADING:
                    body_text.style = self._style("reader--heading")
                    add(body_text, where)
                elif block.kind is BlockKind.QUOTE:
                    body_text.style = self._style("reader--quote")
                    add(body_text, where, "│ ", "│ ")
                elif block.kind is BlockKind.LIST_ITEM:
                    add(body_text, where, "• ", "  ")
                elif block.kind is BlockKind.CAPTION:
                    body_text.style = self._style("reader--caption")
                    add(body_text, where, "▣ ", "  ")
                else:
                    add(body_text, where)
            blank()
        self._finish(strips, spans, width)

    def _marked(self, text: str, start: int) -> Text:
        """A block's text with the marks that fall in it styled."""
        styled = Text(text)
        end = start + len(text)
        for mark in self.marks:
            if mark.start < end and mark.end > start:
                low, high = max(0, mark.start - start), min(len(text), mark.end - start)
                styled.stylize(self._style(mark.style), low, high)
        return styled

    def _finish(self, strips: list[Strip], spans: list[LineSpan | None], width: int) -> None:
        self._strips = strips
        self.spans = spans
        self.virtual_size = Size(width, len(strips))
        self.refresh()

    def _add_raw(self, source: Source, add: Callable[..., None], blank: Callable[[], None]) -> None:
        """The whole source, line by line, removed lines dimmed with their reason."""
        kept = sum(1 for line in source.raw if line.kept)
        blank()
        add(Text(f"Whole source: {kept} of {len(source.raw)} lines kept, removed lines dimmed."
                 " Press c for the article.", style=self._style("reader--banner")))  # fmt: skip
        blank()
        removed = self._style("reader--removed")
        reason_style = self._style("reader--reason")
        for line in source.raw:
            if not line.text.strip():
                blank()
            elif line.kept:
                add(Text(line.text.strip()))
            else:
                text = Text(line.text.strip(), style=removed)
                if line.reason:
                    text.append(f"  ‹{line.reason}›", style=reason_style)
                add(text)

    def render_line(self, y: int) -> Strip:
        """The strip for screen row y (only visible lines are ever rendered)."""
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._strips):
            return Strip.blank(width, base)
        return self._strips[index].crop_extend(0, width, base).apply_style(base)

    @property
    def plain_lines(self) -> list[str]:
        """The laid-out lines as plain text (for tests and copying)."""
        return [strip.text for strip in self._strips]

    def action_line_down(self) -> None:
        self.scroll_down(animate=False)

    def action_line_up(self) -> None:
        self.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)
