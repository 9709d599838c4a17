"""Laying a source out as screen lines: wrapped blocks, and where each line lies in the body."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from brief.core.model import BlockKind, PubDate, Source
from brief.ui.widgets.wrap import wrap_plain

StyleOf = Callable[[str], Style]
"""Looks up a component class's style ("reader--title" → Style)."""


class LineSpan(NamedTuple):
    """Where a screen line's text lies in the source's cleaned body."""

    start: int
    """Offset in `Source.body` of the line's first character."""
    end: int
    """Offset in `Source.body` just past the line's last character."""
    column: int
    """The cell at which the line's text starts on screen (after margin and bullet)."""


Row = tuple[str, str, Style | None]
"""A line not yet made a strip: its lead (margin and bullet), its text, their style."""


@dataclass
class Layout:
    """A source as screen lines."""

    rows: list[Strip | Row] = field(default_factory=list)
    """The lines without marks: plain lines are kept as text and made strips when drawn."""
    spans: list[LineSpan | None] = field(default_factory=list)
    """For each line, where its text lies in the body (None for titles, blanks, notes)."""
    _starts: list[int] = field(default_factory=list)
    _lines: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def strip(self, line: int) -> Strip:
        """The styled line, without marks."""
        row = self.rows[line]
        if isinstance(row, Strip):
            return row
        lead, text, style = row
        prefix = lead.lstrip(" ")
        margin = lead[: len(lead) - len(prefix)]
        segments = [Segment(margin)] if margin else []
        segments += [Segment(part, style) for part in (prefix, text) if part]
        return Strip(segments)

    def text(self, line: int) -> str:
        """The line as plain text."""
        row = self.rows[line]
        return row.text if isinstance(row, Strip) else row[0] + row[1]

    def index(self) -> None:
        """Prepare the offset look-ups (call once the lines are complete)."""
        pairs = [(span.start, n) for n, span in enumerate(self.spans) if span is not None]
        self._starts = [start for start, _ in pairs]
        self._lines = [n for _, n in pairs]

    def line_of(self, offset: int) -> int | None:
        """The line that shows a body offset (or the first line after it), if any."""
        if not self._starts:
            return None
        at = bisect.bisect_right(self._starts, offset) - 1
        if at >= 0:
            span = self.spans[self._lines[at]]
            if span is not None and offset < max(span.end, span.start + 1):
                return self._lines[at]
        return self._lines[at + 1] if at + 1 < len(self._lines) else None


_BLANK = Strip([])


class LayoutBuilder:
    """Wraps text into a `Layout` at a reading measure, centred in the given width."""

    def __init__(self, console: Console, width: int, measure: int) -> None:
        """Lay out for `width` cells, text at most `measure` cells wide."""
        self.console = console
        self.measure = max(10, min(measure, width - 2))
        self.margin = max(0, (width - self.measure) // 2)
        self.layout = Layout()

    def blank(self) -> None:
        """An empty line."""
        self.layout.rows.append(_BLANK)
        self.layout.spans.append(None)

    def add(
        self,
        text: str | Text,
        where: int | None = None,
        prefix: str = "",
        rest_prefix: str | None = None,
        style: Style | None = None,
    ) -> None:
        """Wrapped lines of `text` (in `style`, or a `Text`'s own); `where` is the body offset
        of the text, to map the lines to the body.

        The prefix goes before the first line, `rest_prefix` (else the prefix) before the
        others; both take the text's style, the margin before them none.
        """
        room = max(5, self.measure - cell_len(prefix))
        if isinstance(text, Text):
            style = text.style if isinstance(text.style, Style) else None
        plain = text if isinstance(text, str) else text.plain
        lines = wrap_plain(plain, room) if isinstance(text, str) or not text.spans else None
        if lines is None:
            rich = text if isinstance(text, Text) else Text(text, style=style or "")
            self._add_rich(rich, (plain, where), prefix, rest_prefix, room, style)
            return
        lead = " " * self.margin
        leads = (lead + prefix, lead + (prefix if rest_prefix is None else rest_prefix))
        columns = (cell_len(leads[0]), cell_len(leads[1]))
        rows, spans = self.layout.rows, self.layout.spans
        for number, (start, end) in enumerate(lines):
            line = plain[start:end]
            rows.append((leads[number > 0], line, style))
            if where is None:
                spans.append(None)
            else:
                at = where + start
                spans.append(LineSpan(at, at + len(line.rstrip(" ")), columns[number > 0]))

    def _add_rich(
        self,
        text: Text,
        where: tuple[str, int | None],
        prefix: str,
        rest_prefix: str | None,
        room: int,
        style: Style | None,
    ) -> None:
        """`add` for text that needs rich's wrapping (zero-width characters, white space other
        than spaces, words wider than a line, styled spans); `where` is the text as given (before
        `Text` dropped any control codes) and its body offset."""
        lead = " " * self.margin
        cursor = 0
        for number, line in enumerate(text.wrap(self.console, room, overflow="fold")):
            pre = prefix if number == 0 or rest_prefix is None else rest_prefix
            segments = [Segment(lead), Segment(pre, style)]
            segments += Segment.apply_style(line.render(self.console, end=""), style)
            self.layout.rows.append(Strip(segments))
            plain, start = where
            if start is None:
                self.layout.spans.append(None)
                continue
            shown = line.plain.strip()
            found = plain.find(shown, cursor) if shown else cursor
            found = cursor if found < 0 else found
            cursor = found + len(shown)
            indent = len(line.plain) - len(line.plain.lstrip())
            column = cell_len(lead + pre) + cell_len(line.plain[:indent])
            self.layout.spans.append(LineSpan(start + found, start + cursor, column))

    def finish(self) -> Layout:
        """The layout, indexed."""
        self.layout.index()
        return self.layout


def lay_out_article(
    builder: LayoutBuilder, source: Source | None, user_date: PubDate | None, style: StyleOf
) -> Layout:
    """Title, metadata line, warnings, then the body's blocks as paragraphs and headings."""
    add, blank = builder.add, builder.blank
    blank()
    if source is None:
        add(Text("No source open. Choose one in the sidebar and press enter.",
                 style=style("reader--empty")))  # fmt: skip
        return builder.finish()
    _header(builder, source, user_date, style)
    if not source.blocks:
        blank()
        add(Text("This source has no article text.", style=style("reader--empty")))
    for start, block in zip(source.block_starts, source.blocks, strict=True):
        blank()
        if block.kind is BlockKind.HEADING:
            add(block.text, start, style=style("reader--heading"))
        elif block.kind is BlockKind.QUOTE:
            add(block.text, start, "│ ", "│ ", style("reader--quote"))
        elif block.kind is BlockKind.LIST_ITEM:
            add(block.text, start, "• ", "  ")
        elif block.kind is BlockKind.CAPTION:
            add(block.text, start, "▣ ", "  ", style("reader--caption"))
        else:
            add(block.text, start)
    blank()
    return builder.finish()


def lay_out_raw(
    builder: LayoutBuilder, source: Source, user_date: PubDate | None, style: StyleOf
) -> Layout:
    """The whole source line by line, removed lines dimmed with their reason.

    Kept lines are found in the body in order, so highlights show on them too.
    """
    add, blank = builder.add, builder.blank
    blank()
    _header(builder, source, user_date, style)
    kept = sum(1 for line in source.raw if line.kept)
    blank()
    add(Text(f"Whole source: {kept} of {len(source.raw)} lines kept, removed lines dimmed."
             " Press c for the article.", style=style("reader--banner")))  # fmt: skip
    blank()
    body = source.body
    cursor = 0
    for line in source.raw:
        shown = line.text.strip()
        if not shown:
            blank()
        elif line.kept:
            found = body.find(shown, cursor)
            if found >= 0:
                cursor = found + len(shown)
                add(shown, found)
            else:
                add(shown)
        else:
            text = Text(shown, style=style("reader--removed"))
            if line.reason:
                text.append(f"  ‹{line.reason}›", style=style("reader--reason"))
            add(text)
    blank()
    return builder.finish()


def _header(
    builder: LayoutBuilder, source: Source, user_date: PubDate | None, style: StyleOf
) -> None:
    """The title, the metadata line and any warnings."""
    from brief.core.export import meta_line  # (and the dates: imported once a source is shown)

    builder.add(Text(source.title, style=style("reader--title")))
    meta = meta_line(source, user_date)
    if meta:
        builder.add(Text(meta, style=style("reader--meta")))
    for warning in source.warnings:
        builder.add(Text(f"⚠ {warning}", style=style("reader--warning")))
