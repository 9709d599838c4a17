"""Word wrapping of plain paragraphs without measuring each word: the same lines as rich's."""

from __future__ import annotations

import re
from itertools import pairwise

from rich.cells import get_character_cell_size

_NON_SPACE = re.compile(r"[^ ]")
_FILLER = "\0"
"""Stands for the second cell of a wide character in a string measured by its length."""

_widths: dict[str, int] = {}
"""The cells a character takes: 1 or 2, or 0 for one this module leaves to rich (white
space other than " ", zero-width and combining characters)."""


def _width(character: str) -> int:
    width = _widths.get(character)
    if width is None:
        if character == " ":
            width = 1
        elif character.isspace() or character == _FILLER:
            width = 0
        else:
            width = get_character_cell_size(character)
            width = width if width in (1, 2) else 0
        _widths[character] = width
    return width


def _cells(text: str) -> str | None:
    """`text` with a filler after each wide character, so that lengths count cells; None
    when a character's width is not simply 1 or 2."""
    wide = {}
    for character in set(text):
        width = _width(character)
        if width == 0:
            return None
        if width == 2:
            wide[ord(character)] = character + _FILLER
    return text.translate(wide) if wide else text


def wrap_plain(text: str, width: int) -> list[tuple[int, int]] | None:
    """The lines of `text` wrapped between words to fit `width` cells, as (start, end) offsets.

    The lines are exactly those of rich's `Text.wrap(..., overflow="fold")` (greedy, a word
    that does not fit starts the next line; each line runs to the next one's start, its
    trailing spaces cropped at `width`). Only the easy case is handled, which is nearly
    every paragraph: characters one or two cells wide, no white space but plain spaces,
    none leading, no word wider than a line. Otherwise the answer is None (wrap with rich).
    """
    cells = _cells(text) if width >= 1 and text[:1] != " " else None
    if cells is None:
        return None
    starts = [0]
    end = len(cells.rstrip(" "))
    line = 0
    while end > line + width:
        limit = line + width
        if cells[limit] == " ":
            found = _NON_SPACE.search(cells, limit)
            if found is None:  # pragma: no cover - `end > limit` means a word follows
                return None
            word = found.start()
        else:
            word = cells.rfind(" ", line, limit) + 1
            if word <= line:
                return None  # a word wider than the line: rich folds it
        word_end = cells.find(" ", word)
        if (len(cells) if word_end < 0 else word_end) - word > width:
            return None
        starts.append(word)
        line = word
    ends = [min(start + width, after) for start, after in pairwise(starts)]
    ends.append(min(starts[-1] + width, len(cells)))
    if len(cells) == len(text):
        return list(zip(starts, ends, strict=True))
    return _back(cells, [at for pair in zip(starts, ends, strict=True) for at in pair])


def _back(cells: str, offsets: list[int]) -> list[tuple[int, int]]:
    """Pairs of offsets (in order) in a cell string, as offsets in the original text."""
    fillers, done = 0, 0
    back = []
    for at in offsets:
        fillers += cells.count(_FILLER, done, at)
        done = at
        back.append(at - fillers)
    return list(zip(back[::2], back[1::2], strict=True))
