"""Paragraph joining: lines wrapped at a fixed width (`w3m -dump`) joined back into units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from brief.core.clean.lines import Parsed, parse_lines, text_column, wrap_width

_WIDE: Final = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
"""Characters a terminal shows two columns wide (CJK, Hangul, full-width forms)."""
_NO_SPACE: Final = re.compile(r"[\u2e80-\u303e\u3041-\u9fff\uf900-\ufaff\uff00-\uff60]")
"""Chinese and Japanese characters (scripts that break lines anywhere, without a space)."""
_CJK_START: Final = "\u2e80"
"""Below this character no script breaks lines without a space."""
_SENTENCE_END: Final = re.compile(r"[.!?。！？:;…][\"'”’»)\]]*$")
_ITEMS: Final = ("•", "*")
"""Markers that always start a new list item (a line starting with one continues no unit)."""


@dataclass(slots=True, init=False)
class Unit:
    """A candidate block: one line, or several wrapped lines joined into one paragraph (`__init__`
    written out, as `Features` explains)."""

    lines: list[int]
    """Indices of the source lines the unit was joined from."""
    text: str
    """The unit's text on one line."""
    marker: str
    """The list marker the unit starts with, or empty."""
    indent: int
    """The indentation of the unit's first line."""
    blank_before: bool
    """True when a blank line (or the start of the text) comes before the unit."""

    def __init__(
        self,
        lines: list[int],
        text: str,
        marker: str = "",
        indent: int = 0,
        blank_before: bool = True,
    ) -> None:
        self.lines = lines
        self.text = text
        self.marker = marker
        self.indent = indent
        self.blank_before = blank_before


def display_width(text: str) -> int:
    """The number of terminal columns a line takes (wide characters count two)."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def _joiner(left: str, right: str) -> str:
    """The separator for joining two wrapped lines: none next to a Chinese or Japanese
    character (those scripts break lines anywhere, without a space; Korean keeps its spaces).

    Only the last character of `left` is looked at, so joining costs nothing per line joined.
    """
    end = left[-1:]
    if end < _CJK_START and right[:1] < _CJK_START:
        return " "
    if (end and _NO_SPACE.match(end)) or _NO_SPACE.match(right):
        return ""
    return " "


def _is_full(raw: str, used: int, marker: str, text: str, width: int) -> bool:
    """True when a line (`raw`, `used` columns wide) was broken only because the first word of
    the next line (its `marker` or `text`) did not fit the width."""
    first = marker
    gap = 1
    if not first:
        if text[:1] >= _CJK_START and _NO_SPACE.match(text):
            # Chinese and Japanese break anywhere: the next character did not fit.
            first, gap = text[0], 0
        else:
            space = text.find(" ")
            first = text if space < 0 else text[:space]
    if not raw.isascii():
        used = display_width(raw.rstrip())
    return used + gap + (len(first) if first.isascii() else display_width(first)) > width - 1


def build_units(raws: list[str], lines: list[Parsed], width: int | None) -> list[Unit]:
    """Units from the parsed lines of the raw lines `raws`: wrapped lines joined when the dump
    was wrapped at `width`."""
    if width is None:
        # Nothing was wrapped: each line is a unit.
        # The index of the line before each line with text (one more entry than lines).
        previous = [-2, *[line[0] for line in lines]]
        return [
            Unit([index], text, marker, indent, index != before + 1)
            for (index, text, marker, indent, _), before in zip(lines, previous, strict=False)
        ]
    units: list[Unit] = []
    current = Unit([], "")
    joined = current.lines
    pieces: list[str] = []
    # The column the current unit's text starts at (after a list marker), worked out when a
    # line that may continue it comes: most units are never continued.
    column: int | None = 0
    last = -2
    last_width = 0
    last_text = ""
    limit = width - 1
    for index, text, marker, indent, line_width in lines:
        if index == last + 1 and marker not in _ITEMS:
            # The line follows the last one with no blank line between, and starts with no
            # bullet (an item of its own): it may continue it.
            if column is None:
                column = text_column(raws[joined[0]], current.indent, current.marker)
            if indent == column:
                raw = raws[last]
                if not marker and raw.isascii() and text.isascii():
                    # ASCII lines (most), `_is_full` and `_joiner` written out: the line is
                    # joined when its first word did not fit the last one, with a space.
                    space = text.find(" ")
                    if last_width + 1 + (len(text) if space < 0 else space) > limit:
                        pieces.append(" ")
                        pieces.append(text)
                        joined.append(index)
                        last, last_width, last_text = index, line_width, text
                        continue
                elif _is_full(raw, last_width, marker, text, width) and not (
                    marker and _SENTENCE_END.search(last_text)
                ):
                    piece = f"{marker} {text}" if marker else text
                    pieces.append(_joiner(pieces[-1], piece))
                    pieces.append(piece)
                    joined.append(index)
                    last, last_width, last_text = index, line_width, text
                    continue
        if len(pieces) > 1:
            current.text = "".join(pieces)
        current = Unit([index], text, marker, indent, index != last + 1)
        joined = current.lines
        pieces = [text]
        units.append(current)
        column = None if marker else indent
        last, last_width, last_text = index, line_width, text
    if len(pieces) > 1:
        current.text = "".join(pieces)
    return units


def split_units(text: str) -> tuple[list[str], list[Unit], int | None]:
    """The raw lines, the units and the wrap width (None when not wrapped) of a text."""
    raws, lines = parse_lines(text)
    width = wrap_width(lines)
    return raws, build_units(raws, lines, width), width
