"""Word wrapping of plain paragraphs without measuring each word: the same lines as rich's."""

from __future__ import annotations

import re

from rich.cells import get_character_cell_size

_NON_SPACE = re.compile(r"[^ ]")

_narrow: set[str] = set()
"""Characters seen that take exactly one cell and are no white space but " "."""
_other: set[str] = set()
"""Characters seen that are not."""


def _all_narrow(text: str) -> bool:
    """True when every character of `text` takes one cell and the only white space is " "."""
    characters = set(text)
    if characters <= _narrow:
        return True
    if not characters.isdisjoint(_other):
        return False
    for character in characters - _narrow:
        if character == " " or (
            not character.isspace() and get_character_cell_size(character) == 1
        ):
            _narrow.add(character)
        else:
            _other.add(character)
            return False
    return True


def line_starts(text: str, width: int) -> list[int] | None:
    """Where each wrapped line of `text` starts, breaking between words to fit `width` cells.

    The lines are exactly those of rich's `Text.wrap(..., overflow="fold")` (greedy, a word
    that does not fit starts the next line; each line is `text[start:next_start]`, its
    trailing spaces cropped at `width`). Only the easy case is handled, which is nearly
    every paragraph: every character one cell wide, no white space but plain spaces, none
    leading, no word wider than a line. Otherwise the answer is None (wrap with rich).
    """
    if width < 1 or text[:1] == " " or not _all_narrow(text):
        return None
    starts = [0]
    end = len(text.rstrip(" "))
    line = 0
    while end > line + width:
        limit = line + width
        if text[limit] == " ":
            found = _NON_SPACE.search(text, limit)
            if found is None:  # pragma: no cover - `end > limit` means a word follows
                return None
            word = found.start()
        else:
            word = text.rfind(" ", line, limit) + 1
            if word <= line:
                return None  # a word wider than the line: rich folds it
        word_end = text.find(" ", word)
        if (len(text) if word_end < 0 else word_end) - word > width:
            return None
        starts.append(word)
        line = word
    return starts
