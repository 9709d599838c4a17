"""Plain-text articles: wrapped lines joined, a title line and byline found, nothing else lost."""

from __future__ import annotations

from functools import partial
from typing import Final

from brief.core.clean.analysis import analyse, forget
from brief.core.clean.blocks import build_blocks, raw_lines
from brief.core.clean.dump import Cleaned
from brief.core.clean.features import ends_sentence, word_total
from brief.core.clean.meta import DumpMeta, author_in, date_in, is_dateline, reads_as_headline
from brief.core.clean.units import Unit

TITLE_WORDS: Final = 30
"""A first line longer than this is a paragraph, not a title."""


def _is_title(unit: Unit, units: list[Unit]) -> bool:
    """True when the text's first unit reads as a title: one line, a few words, no full stop."""
    if len(units) < 2 or unit.marker or len(unit.lines) != 1:
        return False
    if not 1 <= word_total(unit.text) <= TITLE_WORDS:
        return False
    following = units[1]
    # A line running straight into a fragment is part of a paragraph.
    if (
        not following.blank_before
        and not ends_sentence(following.text)
        and word_total(following.text) < 4
        and author_in(following.text, None) is None
        and not is_dateline(following.text)
    ):
        return False
    return reads_as_headline(unit.text)


def clean_plain(text: str) -> Cleaned:
    """A plain-text article: every line kept but a title line and a byline or dateline under it."""
    analysis = analyse(text)
    forget(text)
    lines, units, width = analysis.lines, analysis.units, analysis.width
    keep = [True] * len(units)
    reasons = [""] * len(units)
    meta = DumpMeta()
    if units and _is_title(units[0], units):
        meta.title = units[0].text
        keep[0], reasons[0] = False, "title"
        for index in range(1, min(4, len(units))):
            unit = units[index]
            if unit.marker or word_total(unit.text) > 15:
                break
            if meta.author is None and (name := author_in(unit.text, None)):
                meta.author = name
            elif meta.published is None and is_dateline(unit.text):
                meta.published = date_in(unit.text)
                if meta.published is None:
                    break
            else:
                break
            keep[index], reasons[index] = False, "metadata"
    blocks = build_blocks(units, keep, width is not None)
    return Cleaned(blocks, meta, partial(raw_lines, lines, units, keep, reasons))
