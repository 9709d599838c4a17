"""HTML pages: placeholder until the HTML reader lands."""

from __future__ import annotations

from pathlib import Path

from brief.core.ingest.common import new_source
from brief.core.model import Block, BlockKind, Format, Source
from brief.core.text import squash


def read(text: str, path: Path) -> list[Source]:
    """A source from an HTML page (placeholder: trafilatura's plain text)."""
    import trafilatura

    extracted = trafilatura.extract(text) or ""
    blocks = [Block(BlockKind.PARAGRAPH, squash(p)) for p in extracted.split("\n") if squash(p)]
    return [new_source(path, Format.HTML, None, blocks)]
