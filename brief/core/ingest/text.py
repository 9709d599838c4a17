"""Plain-text articles: placeholder until the text cleaner lands."""

from __future__ import annotations

from pathlib import Path

from brief.core.ingest.common import new_source
from brief.core.model import Block, BlockKind, Format, Source
from brief.core.text import squash


def read(text: str, path: Path) -> list[Source]:
    """A source from a plain-text article: paragraphs split at blank lines."""
    paragraphs = [squash(p) for p in text.split("\n\n") if squash(p)]
    blocks = [Block(BlockKind.PARAGRAPH, p) for p in paragraphs]
    return [new_source(path, Format.TEXT, None, blocks)]
