"""Text dumps of rendered pages (`w3m -dump`, inscriptis, copied pages): the article, cleaned."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from brief.core.clean import Cleaned, clean_dump
from brief.core.clean.analysis import Analysis, analyse
from brief.core.clean.features import Features
from brief.core.clean.units import Unit
from brief.core.ingest.common import new_source
from brief.core.model import Format, Source

SAMPLE_LINES = 400
"""Lines looked at when deciding whether a text is a dump."""
TAIL_LINES = 150
"""Lines at the end of a text looked at too (after the first ones)."""


def looks_like_dump(text: str) -> bool:
    """True when the text carries page chrome (menus, buttons, image names) rather than prose.

    Plain articles (a title, paragraphs, a few subheadings) stay plain text. The analysis is
    kept for the reader that follows, so the text is parsed once.
    """
    analysis = analyse(text)
    if analysis.dump is None:
        analysis.dump = _chrome_heavy(analysis)
    return analysis.dump


def _chrome_heavy(analysis: Analysis) -> bool:
    """True when the units of the text's first lines, or of its last ones (a page whose menus
    are all in its footer), are chrome or short labels enough."""
    units = analysis.units
    # The units start at increasing lines: those of the sample and of the tail, by bisection.
    count = bisect_left(units, SAMPLE_LINES, key=_first_line)
    if _heavy(analysis.features_of(count)):
        return True
    tail = units[bisect_left(units, len(analysis.lines) - TAIL_LINES, count, key=_first_line) :]
    return _heavy(analysis.features_of_units(tail))


def _first_line(unit: Unit) -> int:
    """The index of a unit's first line."""
    return unit.lines[0]


def _heavy(feats: list[Features]) -> bool:
    """True when enough of these units are chrome or short labels.

    The counts only grow: the answer is given as soon as they reach what it takes.
    """
    count = len(feats)
    if count < 4:
        return False
    short = chrome = 0
    for feat in feats:
        if feat.words == 0 or feat.image or feat.form or feat.chrome or feat.copyright:
            chrome += 1
        elif feat.words < 5 and not feat.sentence:
            short += 1
        else:
            continue
        if (chrome >= 2 and (chrome + short) / count >= 0.2) or (
            short >= 6 and short / count >= 0.4
        ):
            return True
    return False


def cleaned_source(cleaned: Cleaned, path: Path, form: Format) -> Source:
    """A source from a cleaned text: its blocks, metadata and every line's fate (worked out
    when first asked for)."""
    meta = cleaned.meta
    return new_source(
        path,
        form,
        meta.title,
        cleaned.blocks,
        published=meta.published,
        updated=meta.updated,
        outlet=meta.outlet,
        author=meta.author,
        raw=cleaned.raw,
    )


def read(text: str, path: Path) -> list[Source]:
    """A source from a text dump: the article's blocks, with title, byline, dates and outlet."""
    return [cleaned_source(clean_dump(text), path, Format.DUMP)]
