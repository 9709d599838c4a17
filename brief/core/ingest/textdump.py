"""Text dumps of rendered pages (`w3m -dump`, inscriptis, copied pages): the article, cleaned."""

from __future__ import annotations

from pathlib import Path

from brief.core.clean import clean_dump
from brief.core.clean.features import features
from brief.core.clean.units import split_units
from brief.core.ingest.common import new_source
from brief.core.model import Format, Source

SAMPLE_LINES = 400
"""Lines looked at when deciding whether a text is a dump."""


def looks_like_dump(text: str) -> bool:
    """True when the text carries page chrome (menus, buttons, image names) rather than prose.

    Plain articles (a title, paragraphs, a few subheadings) stay plain text.
    """
    head = "\n".join(text.split("\n", SAMPLE_LINES)[:SAMPLE_LINES])
    _, units, _ = split_units(head)
    if len(units) < 4:
        return False
    short = chrome = 0
    for unit in units:
        feat = features(unit.text)
        if feat.words == 0 or feat.image or feat.form or feat.chrome or feat.copyright:
            chrome += 1
        elif feat.words < 5 and not feat.sentence:
            short += 1
    if chrome >= 2 and (chrome + short) / len(units) >= 0.2:
        return True
    return short >= 6 and short / len(units) >= 0.4


def read(text: str, path: Path) -> list[Source]:
    """A source from a text dump: the article's blocks, with title, byline, dates and outlet."""
    cleaned = clean_dump(text)
    meta = cleaned.meta
    source = new_source(
        path,
        Format.DUMP,
        meta.title,
        cleaned.blocks,
        published=meta.published,
        updated=meta.updated,
        outlet=meta.outlet,
        author=meta.author,
    )
    source.raw = cleaned.raw
    return [source]
