"""Text dumps of rendered pages (menus and footers included): placeholder until cleaning lands."""

from __future__ import annotations

from pathlib import Path

from brief.core.ingest.common import new_source
from brief.core.model import Block, BlockKind, Format, Source
from brief.core.text import normalize_line


def looks_like_dump(text: str) -> bool:
    """True when many lines are short, unpunctuated page chrome rather than prose."""
    lines = [normalize_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < 4:
        return False
    short = sum(1 for line in lines if len(line.split()) < 5 and not line.endswith((".", "?", "!")))
    return short / len(lines) >= 0.25


def read(text: str, path: Path) -> list[Source]:
    """A source from a text dump (placeholder: every non-empty line a paragraph)."""
    blocks = [
        Block(BlockKind.PARAGRAPH, normalize_line(line))
        for line in text.split("\n")
        if normalize_line(line)
    ]
    return [new_source(path, Format.DUMP, None, blocks)]
