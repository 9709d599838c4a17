"""The reading pane: a line-based, virtualised view of a source, with a reading cursor and marks."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from brief.core.model import PubDate, Source
from brief.core.reading import Selection, TextMap, Unit
from brief.ui.widgets.framed import FramedView
from brief.ui.widgets.layout import Layout, LayoutBuilder, LineSpan, lay_out_article, lay_out_raw

CURSOR_BAR = "▌"
"""Drawn in the margin beside the lines of the cursor's sentence."""

MEASURE = 80
"""The widest reading column, in cells; wider terminals centre it."""


@dataclass
class FindStatus(Message):
    """Where the reader is among the matches of a find ("3/7")."""

    current: int
    """The current match, counted from 1 (0 when there are none)."""
    total: int
    """How many matches there are."""
    cleared: bool = False
    """True when the user cleared the find."""


@dataclass
class ReachedEnd(Message):
    """The end of the source on show came into view (it counts as read)."""

    source_id: str
    """The source read to its end."""


@dataclass
class CursorMoved(Message):
    """The reading cursor, the selection or the match jumped to changed."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled range of the body: a highlight, a search match, the cursor."""

    start: int
    """Offset in `Source.body` where the mark starts."""
    end: int
    """Offset just past the mark."""
    style: str
    """The component class that styles it ("reader--flash", "reader--hl-1", ...)."""


class MarkLayer:
    """Marks sorted by start, so those on a line are found without scanning them all."""

    def __init__(self, marks: list[Mark] | None = None) -> None:
        """Hold `marks` (in any order)."""
        self.marks = sorted(marks or [], key=lambda m: (m.start, m.end))
        """The marks, by start."""
        self._starts = [mark.start for mark in self.marks]
        self._longest = max((mark.end - mark.start for mark in self.marks), default=0)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """The marks that overlap `start:end`."""
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, max(end, start + 1))
        return [m for m in self.marks[low:high] if m.end > start and m.start < max(end, start + 1)]


class Reader(FramedView, can_focus=True):
    """Shows a source: title, metadata line, then the body, with a reading cursor on a sentence.

    Marks (highlights, find matches, the cursor, a selection) are drawn over the laid-out
    lines when they are rendered, so moving the cursor never lays the text out again.
    """

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
        "reader--cursor",
        "reader--gutter",
        "reader--selection",
        "reader--hl-1",
        "reader--hl-2",
        "reader--hl-3",
        "reader--hl-4",
        "reader--hl-5",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Down", show=False, tooltip="Scroll down a line",
                id="reader.down"),
        Binding("k,up", "line_up", "Up", show=False, tooltip="Scroll up a line", id="reader.up"),
        Binding("right_parenthesis", "sentence(1)", "Sentence", key_display=")", show=False,
                tooltip="Next sentence (extends a selection)", id="reader.next_sentence"),
        Binding("left_parenthesis", "sentence(-1)", "Sentence", key_display="(", show=False,
                tooltip="Previous sentence (shrinks a selection)", id="reader.previous_sentence"),
        Binding("right_curly_bracket", "paragraph(1)", "Paragraph", key_display="}", show=False,
                tooltip="Next paragraph (extends a selection)", id="reader.next_paragraph"),
        Binding("left_curly_bracket", "paragraph(-1)", "Paragraph", key_display="{", show=False,
                tooltip="Previous paragraph (shrinks a selection)",
                id="reader.previous_paragraph"),
        Binding("v", "select", "Select", show=False,
                tooltip="Start a selection at the cursor (again to drop it)", id="reader.select"),
        Binding("w", "word(1)", "Word", show=False, tooltip="Extend the selection by a word",
                id="reader.select_word"),
        Binding("b", "word(-1)", "Word back", show=False,
                tooltip="Shrink the selection by a word", id="reader.select_word_back"),
        Binding("space,pagedown", "page_down", "Page down", show=False,
                tooltip="Scroll down a page", id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False,
                tooltip="Scroll up a page (b while not selecting)", id="reader.page_up"),
        Binding("g,home", "top", "Top", show=False, tooltip="Go to the top", id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, tooltip="Go to the bottom",
                id="reader.bottom"),
        Binding("n", "find_next", "Next match", show=False, tooltip="Next match of the find",
                id="reader.find_next"),
        Binding("N", "find_previous", "Previous match", show=False,
                tooltip="Previous match of the find", id="reader.find_previous"),
        Binding("escape", "clear_marks", "Clear", show=False,
                tooltip="Drop the selection, else clear the find", id="reader.clear_marks"),
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

    def __init__(self, *, measure: int = MEASURE, id: str | None = None) -> None:
        super().__init__(id=id)
        self.measure = measure
        """The widest the reading column gets, in cells; wider panes centre it."""
        self._ended: str | None = None
        self._text_layout = Layout()
        self._laid_out_width = -1
        self._styles: dict[str, Style] = {}
        self._margin = 0
        self._kept_top: tuple[int, int] | None = None
        self.text_map: TextMap | None = None
        """Sentences and words of the source on show."""
        self.cursor = -1
        """The index of the sentence the reading cursor is on (-1 when there is none)."""
        self.selection: Selection | None = None
        """The selection being made, if any."""
        self.target: tuple[int, int] | None = None
        """The match just jumped to by a search or find (what `h` highlights), if any."""
        self.marks: list[Mark] = []
        """Find matches and jump flashes, drawn over the text."""
        self.matches: list[tuple[int, int]] = []
        """The matches of the current find, as body offsets."""
        self.match_index = 0
        """Which match is current."""
        self._highlights = MarkLayer()
        self._marks = MarkLayer()

    # Showing a source

    def watch_source(self, source: Source | None) -> None:
        self._ended = None
        self.marks, self.matches = [], []
        self._marks = MarkLayer()
        self.text_map = TextMap(source) if source is not None else None
        self.cursor = 0 if self.text_map and self.text_map.sentences else -1
        self.selection = None
        self.target = None
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

    def set_highlights(self, marks: list[Mark]) -> None:
        """Draw the user's highlights (replacing the previous ones)."""
        self._highlights = MarkLayer(marks)
        self.refresh()

    def set_marks(self, marks: list[Mark]) -> None:
        """Draw these find and jump marks over the text (replacing the previous ones)."""
        self.marks = marks
        self._marks = MarkLayer(marks)
        self.refresh()

    @property
    def spans(self) -> list[LineSpan | None]:
        """For each laid-out line, where its text lies in the body (None for chrome)."""
        return self._text_layout.spans

    def line_of(self, offset: int) -> int | None:
        """The laid-out line that shows a body offset, if any."""
        return self._text_layout.line_of(offset)

    @property
    def plain_lines(self) -> list[str]:
        """The laid-out lines as plain text (for tests and copying)."""
        layout = self._text_layout
        return [layout.text(line) for line in range(len(layout))]

    # The reading cursor and the selection

    @property
    def cursor_span(self) -> tuple[int, int] | None:
        """The sentence the cursor is on, as body offsets."""
        if self.text_map is None or not 0 <= self.cursor < len(self.text_map.sentences):
            return None
        return self.text_map.sentences[self.cursor]

    @property
    def selected(self) -> tuple[int, int] | None:
        """The selected range without white space at its ends, if a selection is being made."""
        if self.selection is None or self.text_map is None:
            return None
        return self.text_map.trimmed(*self.selection.span)

    def annotation_target(self) -> tuple[int, int] | None:
        """What `h` highlights: the selection, else the match just jumped to, else the sentence."""
        return self.selected or self.target or self.cursor_span

    def _cursor_changed(self) -> None:
        """Redraw and tell the screen (it shows the note of the highlight at the cursor)."""
        self.refresh()
        self.post_message(CursorMoved())

    def _move_cursor(self, sentence: int) -> None:
        """Put the cursor on a sentence and bring it into view."""
        if self.text_map is None or not self.text_map.sentences:
            return
        self.cursor = max(0, min(len(self.text_map.sentences) - 1, sentence))
        self.target = None
        span = self.cursor_span
        if span is not None:
            self._bring_into_view(*span)
        self._cursor_changed()

    def place_cursor(self, offset: int) -> None:
        """Put the cursor on the sentence holding a body offset."""
        if self.text_map is not None and self.text_map.sentences:
            self.cursor = self.text_map.sentence_at(offset)
            self._cursor_changed()

    def _bring_into_view(self, start: int, end: int) -> None:
        """Scroll as little as needed so the lines of `start:end` show."""
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        if first is None:
            return
        last = first if last is None else last
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if first < top:
            self.scroll_to(0, max(0, first - 1), animate=False, force=True)
        elif last >= top + height:
            self.scroll_to(0, max(0, min(first - 1, last - height + 2)), animate=False, force=True)

    def _extend(self, unit: Unit, step: int) -> None:
        if self.selection is None or self.text_map is None:
            return
        for _ in range(abs(step)):
            self.selection = self.text_map.extend(self.selection, unit, step > 0)
        head = self.selection.head
        self._bring_into_view(head, head + 1)
        self._cursor_changed()

    def action_sentence(self, step: int) -> None:
        """Move the cursor a sentence (or grow the selection by one)."""
        if self.selection is not None:
            self._extend(Unit.SENTENCE, step)
        elif self.text_map is not None and self.text_map.sentences:
            self._move_cursor(self.cursor + step)

    def action_paragraph(self, step: int) -> None:
        """Move the cursor to the next or previous paragraph (or grow the selection by one)."""
        if self.selection is not None:
            self._extend(Unit.PARAGRAPH, step)
        elif self.text_map is not None and self.text_map.sentences:
            self._move_cursor(self.text_map.paragraph_step(self.cursor, step > 0))

    def action_word(self, step: int) -> None:
        """Grow or shrink the selection by a word."""
        self._extend(Unit.WORD, step)

    def action_select(self) -> None:
        """Start a selection on the first word of the cursor's sentence, or drop the selection."""
        if self.selection is not None:
            self.selection = None
        elif self.text_map is not None:
            self.show_removed = False
            if self.target is not None:
                self.place_cursor(self.target[0])
            self.selection = self.text_map.start_selection(self.cursor)
        self._cursor_changed()

    def clear_selection(self) -> None:
        """Drop the selection and the search target (after they were highlighted)."""
        self.selection = None
        self.target = None
        self._cursor_changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`w` and `b` work on a selection; without one, `b` pages up."""
        if action == "word":
            return self.selection is not None
        return True

    # Find in this source

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
            start, end = self.matches[self.match_index]
            self.target = (start, end)
            self.place_cursor(start)
            line = self.line_of(start)
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
        """Drop the selection if there is one, else clear the find and any jump marks."""
        if self.selection is not None:
            self.selection = None
            self.refresh()
            return
        self.matches = []
        self.target = None
        self.set_marks([])
        self.post_message(FindStatus(0, 0, cleared=True))

    def jump_to(self, start: int, end: int) -> None:
        """Show the article with body[start:end] flashed, scrolled so it sits near the top."""
        self.show_removed = False
        self.set_marks([Mark(start, end, "reader--flash")])
        self.target = (start, end)
        self.place_cursor(start)
        line = self.line_of(start)
        if line is not None:
            self.scroll_to(0, max(0, line - 2), animate=False, force=True)

    # Scrolling: the cursor follows

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.selection is None and round(old_value) != round(new_value):
            self._cursor_follows(down=new_value > old_value)
        self._check_end()

    def _check_end(self) -> None:
        """Say once per source when its last line is on screen."""
        source = self.source
        if source is None or self.show_removed or self._ended == source.id:
            return
        if self._laid_out_width > 0 and round(self.scroll_y) >= self.max_scroll_y:
            self._ended = source.id
            self.post_message(ReachedEnd(source.id))

    def go_to_offset(self, offset: int) -> None:
        """Scroll so the line showing a body offset is at the top, the cursor on its sentence."""
        line = self.line_of(offset) if offset > 0 else None
        self.scroll_to(0, line or 0, animate=False, force=True)
        if offset > 0:
            self.place_cursor(offset)

    def _cursor_follows(self, down: bool) -> None:
        """After a scroll, keep the cursor on a sentence that is on screen."""
        span = self.cursor_span
        if span is None or self.text_map is None:
            return
        top = round(self.scroll_y)
        bottom = top + max(1, self.scrollable_content_region.height)
        first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1))
        if first is None or last is None or (first < bottom and last >= top):
            return
        rows = range(top, min(bottom, len(self.spans)))
        offsets = [s.start for s in (self.spans[row] for row in rows) if s is not None]
        if not offsets:
            return
        if down:
            self.cursor = self.text_map.sentence_after(offsets[0])
        else:
            self.cursor = self.text_map.sentence_at(offsets[-1])
        self.target = None
        self._cursor_changed()

    def watch_show_removed(self) -> None:
        self.scroll_to(0, 0, animate=False)
        self._layout(force=True)

    def action_toggle_removed(self) -> None:
        """Switch between the article and the whole source with removed lines dimmed."""
        self.selection = None
        self.show_removed = not self.show_removed

    @property
    def top_offset(self) -> int | None:
        """The body offset of the first text line on screen (the reading position)."""
        top = round(self.scroll_y)
        for span in self.spans[top : top + max(1, self.size.height)]:
            if span is not None:
                return span.start
        return None

    def on_resize(self) -> None:
        """Wrap anew for the new width, keeping the same text at the top."""
        top = round(self.scroll_y)
        kept = self._kept_top
        offset = kept[1] if kept and kept[0] == top else (self.top_offset if top else None)
        width = self._laid_out_width
        self._layout()
        if offset is not None and width != self._laid_out_width:
            line = self.line_of(offset)
            if line is not None:
                self.scroll_to(0, line, animate=False, force=True)
                self._kept_top = (line, offset)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._layout(force=True), init=False)

    # Laying out and drawing

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def _mark_style(self, name: str) -> Style:
        """A mark's style: its own attributes, its background blended over the reader's."""
        key = f"mark:{name}"
        style = self._styles.get(key)
        if style is None:
            partial = self.get_component_rich_style(name, partial=True)
            blended = self.get_component_rich_style(name).bgcolor
            style = self._styles[key] = partial + Style(bgcolor=blended)
        return style

    def _layout(self, force: bool = False) -> None:
        """Wrap the source to the current width; cheap to call when nothing changed."""
        width = self.scrollable_content_region.width
        if width <= 0 or (width == self._laid_out_width and not force):
            return
        self._laid_out_width = width
        self._styles = {}
        builder = LayoutBuilder(self.app.console, width, self.measure)
        self._margin = builder.margin
        if self.show_removed and self.source is not None:
            layout = lay_out_raw(builder, self.source, self.user_date, self._style)
        else:
            layout = lay_out_article(builder, self.source, self.user_date, self._style)
        self._text_layout = layout
        self.virtual_size = Size(width, len(layout))
        self.refresh()
        self.call_after_refresh(self._check_end)

    def _on_cursor(self, span: LineSpan) -> bool:
        """True when a line shows part of the cursor's sentence (and no selection is made)."""
        cursor = self.cursor_span
        if cursor is None or self.selection is not None or not self.has_focus:
            return False
        return cursor[0] < max(span.end, span.start + 1) and cursor[1] > span.start

    def _line_marks(self, span: LineSpan) -> list[Mark]:
        """Every mark on a line, lowest layer first: cursor, highlights, finds, selection."""
        marks: list[Mark] = []
        cursor = self.cursor_span
        if cursor is not None and self._on_cursor(span):
            marks.append(Mark(*cursor, "reader--cursor"))
        marks += self._highlights.overlapping(span.start, span.end)
        marks += self._marks.overlapping(span.start, span.end)
        selected = self.selected
        if selected is not None and selected[0] < span.end and selected[1] > span.start:
            marks.append(Mark(*selected, "reader--selection"))
        return marks

    def _draw_marks(self, strip: Strip, span: LineSpan) -> Strip:
        """A line with its marks styled over the text."""
        marks = self._line_marks(span)
        if not marks or self.source is None:
            return strip
        body = self.source.body
        for mark in marks:
            low, high = max(mark.start, span.start), min(mark.end, span.end)
            if high <= low:
                continue
            left = span.column + cell_len(body[span.start : low])
            right = left + cell_len(body[low:high])
            before, middle, after = strip.divide([left, right, strip.cell_length])[:3]
            styled = Segment.apply_style(middle, post_style=self._mark_style(mark.style))
            strip = Strip.join([before, Strip(styled), after])
        return strip

    def _gutter(self, strip: Strip, at: int) -> Strip:
        """A bar in the margin beside the cursor's sentence (visible in any colours)."""
        before, _, after = strip.divide([at, at + 1, strip.cell_length])[:3]
        bar = Strip([Segment(CURSOR_BAR, self._style("reader--gutter"))])
        return Strip.join([before, bar, after])

    def render_line(self, y: int) -> Strip:
        """The strip for screen row y (only visible lines are ever rendered)."""
        index = self.scroll_offset.y + y
        base, width = self.frame()
        layout = self._text_layout
        if index >= len(layout):
            return Strip.blank(width, base)
        strip = layout.strip(index)
        span = layout.spans[index]
        if span is not None:
            strip = self._draw_marks(strip, span)
            if self._on_cursor(span) and self._margin > 0:
                strip = self._gutter(strip, self._margin - 1)
        return strip.crop_extend(0, width, base).apply_style(base)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

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
