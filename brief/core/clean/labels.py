"""Labels of units on their own: prose, near-prose, short lines and chrome, with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from brief.core.clean.features import Features
from brief.core.clean.units import Unit


class Label(StrEnum):
    """A unit's class before context is taken into account (after jusText's classes)."""

    GOOD = "good"
    NEAR = "near-good"
    SHORT = "short"
    BAD = "bad"


# The labels as plain names: loading an enum member through its class costs more, and the
# classifier compares labels once per unit and per pass.
GOOD: Final = Label.GOOD
NEAR: Final = Label.NEAR
SHORT: Final = Label.SHORT
BAD: Final = Label.BAD


@dataclass(slots=True, init=False)
class Verdict:
    """What the classifier decided for one unit (`__init__` written out, as `Features`
    explains)."""

    label: Label
    """The unit's class on its own."""
    reason: str
    """Why the unit is chrome (or would be removed), in a word or two."""
    keep: bool
    """True when the unit is part of the article body."""
    caption: bool
    """True when the unit is a photo caption (kept as one, or a copy of a repeated one)."""

    def __init__(
        self, label: Label, reason: str = "", keep: bool = False, caption: bool = False
    ) -> None:
        self.label = label
        self.reason = reason
        self.keep = keep
        self.caption = caption


GOOD_WORDS: Final = 12
"""A unit of at least this many words that reads as prose is article text."""
LONG_WORDS: Final = 30
"""A unit this long is article text even without punctuation (e.g. a lost-markup paragraph)."""


def label_unit(unit: Unit, feat: Features) -> Verdict:
    """The class of a unit on its own, with the reason when it is chrome."""
    return Verdict(*rank(unit.marker, feat))


def rank(marker: str, feat: Features) -> tuple[Label, str]:
    """The class and reason `label_unit` gives a unit with this list marker and features."""
    reason = feat.bad
    if reason:
        return BAD, reason
    words = feat.words
    if marker and not marker[0].isdigit():
        # Items of a bulleted list: kept when they read as sentences.
        if feat.sentence and words >= GOOD_WORDS:
            return GOOD, ""
        if (feat.sentence or feat.marks >= 2) and words >= 6:
            return NEAR, ""
        return SHORT, "link list"
    if (words >= GOOD_WORDS and feat.sentence) or (words >= LONG_WORDS and feat.marks >= 3):
        return GOOD, ""
    if (words >= 6 and feat.sentence) or (words >= GOOD_WORDS and feat.marks >= 1):
        return NEAR, ""
    return SHORT, "menu"
