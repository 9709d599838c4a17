"""Raw lines of a text dump: indentation, bullet markers and the width the dump was wrapped at."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Final

_SPACE_RUN: Final = re.compile(" {2,}")
"""Two spaces or more."""

_ODD_SPACES: Final = (
    "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
"""White space other than the plain space (the other characters `SPACES` collapses)."""


_BULLET: Final = re.compile(
    r"(?:[•*+\-▪□◦○●·‣⁃■◆◇►▸–—]|\d{1,3}[.)](?=\s)|\(\d{1,3}\)|[a-z][.)](?=\s))"
    r"(?:\s+|$)"
)
"""A list marker at the start of a line: a bullet sign, `1.`, `1)`, `(1)` or `a)`."""

_MARK_START: Final = frozenset("•*+-▪□◦○●·‣⁃■◆◇►▸–—(")
"""The characters a list marker may start with (besides digits and letters)."""
_LONE_MARKERS: Final = frozenset("•*▪□◦○●")
"""Bullets that are markers even with no text after them (an empty list item)."""


_SIGNS: Final = frozenset("•*+-▪□◦○●·‣⁃■◆◇►▸–—")
"""The bullet signs of `_BULLET`."""


def _split_marker(flat: str) -> tuple[str, str]:
    """A line's list marker and the text after it (`flat` has its white space collapsed)."""
    if flat[1:2] == " " and flat[0] in _SIGNS and flat[2:3].strip():
        # The usual marker, a bullet sign and a space before the text: as `_BULLET` finds it.
        return flat[0], flat[2:]
    match = _BULLET.match(flat)
    if match is not None:
        end = match.end()
        candidate = match.group(0).rstrip()
        # A dash or letter marker needs a space after it ("-5%" and "a.m." are text).
        if candidate and (end < len(flat) or candidate in _LONE_MARKERS):
            return candidate, flat[end:]
    return "", flat


Parsed = tuple[int, str, str, int, int]
"""A line with text: its index in the source, its text (white space collapsed, the list marker
removed), its list marker ("•", "1.", ... or empty), its indentation (leading spaces, tabs
counting as four) and its width without trailing white space."""


def parse_lines(text: str) -> tuple[list[str], list[Parsed]]:
    """Every raw line of a text (line breaks are expected to be ``\\n``), and its lines with text
    parsed (a blank line, or a bare list marker, has none).

    A line's white space is collapsed only where it holds more than single spaces, and a line
    that cannot start with a list marker takes the short way.
    """
    raws = text.split("\n")
    # Other white space is turned into plain spaces in a copy of the text, one kind at a time.
    flats = text
    for space in _ODD_SPACES:
        if space in flats:
            flats = flats.replace(space, " ")
    tabs = "\t" in text
    parsed: list[Parsed] = []
    # The raw line is only looked up for a line with text (many are blank).
    for index, flat in enumerate(raws if flats is text else flats.split("\n")):
        flat = flat.strip()
        if not flat:
            continue
        expanded = raws[index]
        if tabs and "\t" in expanded:
            expanded = expanded.expandtabs(4)
        if "  " in flat:
            flat = _SPACE_RUN.sub(" ", flat)
        marker = ""
        first = flat[0]
        if first in _MARK_START or first.isdigit() or flat[1:2] in (".", ")"):
            marker, flat = _split_marker(flat)
            if not flat:
                continue
        indent = len(expanded) - len(expanded.lstrip(" \u3000\u00a0"))
        parsed.append((index, flat, marker, indent, len(expanded.rstrip())))
    return raws, parsed


def text_column(raw: str, indent: int, marker: str) -> int:
    """The column where a list item's text starts, after indentation and marker."""
    stripped = raw.expandtabs(4).lstrip(" ")
    rest = stripped[len(marker) :]
    return indent + (len(stripped) - len(rest.lstrip(" ")))


def wrap_width(lines: list[Parsed]) -> int | None:
    """The column a dump was hard-wrapped at (80 for `w3m -dump`), or None when not wrapped.

    A wrapped dump has many lines that end just short of one width and hardly any beyond it.
    """
    widths = sorted([line[4] for line in lines])
    if len(widths) < 8:
        return None
    # The width that only a handful of lines (tables, long links) exceed.
    allowed = max(1, len(widths) // 100)
    width = widths[-1 - allowed]
    if not 30 <= width <= 200:
        return None
    # The widths are sorted: lines within a range of them are counted by bisection.
    near = bisect_right(widths, width) - bisect_left(widths, width - 12)
    if near < max(3, len(widths) // 20):
        return None
    # Wrapped paragraphs end in shorter lines; lines all of one length (a log) are not wrapped.
    short = bisect_left(widths, width - 15)
    if short < max(2, len(widths) // 40):
        return None
    return width
