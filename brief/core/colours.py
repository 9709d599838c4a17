"""Highlight colours: their numbers and names, and the meanings the user gives them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

COLOURS = (1, 2, 3, 4, 5)
"""The colour numbers a highlight can have."""


@dataclass(frozen=True, slots=True)
class Colour:
    """A highlight colour and what it means to the user."""

    number: int
    """1 to 5."""
    name: str
    """The colour's name ("yellow")."""
    meaning: str
    """What it means ("key point"); renamable in the config file."""


DEFAULT_COLOURS: Mapping[int, Colour] = {
    1: Colour(1, "yellow", "key point"),
    2: Colour(2, "green", "agree"),
    3: Colour(3, "red", "doubt"),
    4: Colour(4, "blue", "to check"),
    5: Colour(5, "purple", "quote"),
}
"""The colours and their default meanings."""


def colour_scheme(meanings: Mapping[int | str, str] | None = None) -> dict[int, Colour]:
    """The colours with the user's meanings applied (keys: 1-5 or colour names)."""
    scheme = dict(DEFAULT_COLOURS)
    by_name = {colour.name: colour.number for colour in scheme.values()}
    for key, meaning in (meanings or {}).items():
        number: int | None
        if not isinstance(key, str):
            number = key
        elif key.isdigit():
            number = int(key)
        else:
            number = by_name.get(key.lower())
        if number not in scheme:
            raise ValueError(f"unknown colour {key!r}: use 1-5 or {', '.join(by_name)}")
        old = scheme[number]
        scheme[number] = Colour(number, old.name, meaning.strip() or old.meaning)
    return scheme


def check_colour(color: int) -> int:
    """The colour number, or ValueError when it is not 1-5."""
    if color not in COLOURS:
        raise ValueError(f"colour must be 1-5, not {color!r}")
    return color
