"""Plain-text articles: a title line when there is one, paragraphs and lists, nothing lost."""

from __future__ import annotations

from pathlib import Path

from brief.core.clean import clean_plain
from brief.core.ingest import textdump
from brief.core.ingest.common import new_source
from brief.core.model import Format, Source


def read(text: str, path: Path) -> list[Source]:
    """A source from a plain-text article (a text that turns out to be a page dump is read as
    one, e.g. when another reader falls back to plain text)."""
    if textdump.looks_like_dump(text):
        return textdump.read(text, path)
    cleaned = clean_plain(text)
    meta = cleaned.meta
    source = new_source(
        path,
        Format.TEXT,
        meta.title,
        cleaned.blocks,
        published=meta.published,
        author=meta.author,
    )
    source.raw = cleaned.raw
    return [source]
