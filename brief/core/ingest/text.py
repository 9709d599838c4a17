"""Plain-text articles: a title line when there is one, paragraphs and lists, nothing lost."""

from __future__ import annotations

from pathlib import Path

from brief.core.clean import clean_plain
from brief.core.ingest import textdump
from brief.core.model import Format, Source


def read(text: str, path: Path) -> list[Source]:
    """A source from a plain-text article (a text that turns out to be a page dump is read as
    one, e.g. when another reader falls back to plain text)."""
    if textdump.looks_like_dump(text):
        return textdump.read(text, path)
    return [textdump.cleaned_source(clean_plain(text), path, Format.TEXT)]
