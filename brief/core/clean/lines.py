"""Raw lines of a text dump: indentation, bullet markers and the width the dump was wrapped at."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brief.core.text import SPACES, normalize_line

_BULLET = re.compile(
    r"(?:[•*+\-▪□◦○●·‣⁃■◆◇►▸–—]|\d{1,3}[.)](?=\s)|\(\d{1,3}\)|[a-z][.)](?=\s))"
    r"(?:\s+|$)"
)
"""A list marker at the start of a line: a bullet sign, `1.`, `1)`, `(1)` or `a)`."""


@dataclass(slots=True)
class Line:
    """One line of the source, parsed."""

    index: int
    """The line's position in the source (0-based)."""
    raw: str
    """The line exactly as in the source."""
    text: str
    """The line's text: white space collapsed, the list marker removed."""
    indent: int
    """The number of leading spaces (tabs count as four)."""
    marker: str = ""
    """The list marker the line starts with ("•", "1.", ...), or empty."""
    width: int = 0
    """The length of the line without trailing white space (tabs count as four)."""

    @property
    def blank(self) -> bool:
        """True when the line has no text (a bare list marker counts as blank)."""
        return not self.text

    @property
    def text_column(self) -> int:
        """The column where the text starts, after indentation and marker."""
        stripped = self.raw.expandtabs(4).lstrip(" ")
        rest = stripped[len(self.marker) :] if self.marker else stripped
        return self.indent + (len(stripped) - len(rest.lstrip(" ")))


_MARK_START = frozenset("•*+-▪□◦○●·‣⁃■◆◇►▸–—(")
"""Runs of white space within a line (the same set as `normalize_line` collapses)."""


def parse_line(index: int, raw: str, text: str | None = None) -> Line:
    """A parsed line: indentation, list marker and normalised text (`text` is the line with
    white space already collapsed and stripped, when the caller has it)."""
    expanded = raw.expandtabs(4) if "\t" in raw else raw
    stripped = expanded.lstrip(" \u3000\u00a0")
    indent = len(expanded) - len(stripped)
    width = len(expanded.rstrip())
    marker = ""
    if stripped and (stripped[0] in _MARK_START or stripped[0].isalnum()):
        match = _BULLET.match(stripped)
        if match is not None:
            candidate = match.group(0).strip()
            # A dash or letter marker needs a space after it ("-5%" and "a.m." are text).
            if candidate and (match.end() < len(stripped) or candidate in "•*▪□◦○●"):
                marker = candidate
                stripped = stripped[match.end() :]
                text = None
    if text is None:
        text = normalize_line(stripped)
    return Line(index, raw, text, indent, marker, width)


def parse_lines(text: str) -> list[Line]:
    """Every line of a text, parsed (line breaks are expected to be ``\\n``).

    White space is collapsed by one pass over the whole text rather than line by line, and a
    plain line (no tab, no list marker) takes the short way.
    """
    raws = text.split("\n")
    squashed = SPACES.sub(" ", text).split("\n")
    if len(squashed) != len(raws):  # pragma: no cover - the pattern never matches a newline
        return [parse_line(index, raw) for index, raw in enumerate(raws)]
    lines: list[Line] = []
    append = lines.append
    for index, raw in enumerate(raws):
        flat = squashed[index].strip()
        if not flat:
            append(Line(index, raw, "", 0))
            continue
        first = flat[0]
        if "\t" in raw or first in _MARK_START or (first.isdigit() or flat[1:2] in (".", ")")):
            append(parse_line(index, raw, flat))
            continue
        stripped = raw.lstrip(" \u3000\u00a0")
        append(Line(index, raw, flat, len(raw) - len(stripped), "", len(raw.rstrip())))
    return lines


def wrap_width(lines: list[Line]) -> int | None:
    """The column a dump was hard-wrapped at (80 for `w3m -dump`), or None when not wrapped.

    A wrapped dump has many lines that end just short of one width and hardly any beyond it.
    """
    widths = sorted(line.width for line in lines if not line.blank)
    if len(widths) < 8:
        return None
    # The width that only a handful of lines (tables, long links) exceed.
    allowed = max(1, len(widths) // 100)
    width = widths[-1 - allowed]
    if not 30 <= width <= 200:
        return None
    near = sum(1 for w in widths if width - 12 <= w <= width)
    if near < max(3, len(widths) // 20):
        return None
    # Wrapped paragraphs end in shorter lines; lines all of one length (a log) are not wrapped.
    short = sum(1 for w in widths if w < width - 15)
    if short < max(2, len(widths) // 40):
        return None
    return width
