"""Reading files into sources, each form detected by content (see `brief.core.loader` for packs).

The readers (and the HTML extractor behind them) are imported when the first file is read,
so importing this package costs next to nothing.
"""

from __future__ import annotations

from pathlib import Path

from brief.core.model import Source

__all__ = ["read_bytes", "read_text"]


def read_text(content: str, path: Path) -> list[Source]:
    """Sources from already-decoded text: sanitised, sniffed, read by the right form reader.

    Ids are not assigned here (see `read_bytes`).
    """
    from brief.core.ingest import reading

    return reading.read_text(content, path)


def read_bytes(data: bytes, path: Path, size: int | None = None) -> list[Source] | str:
    """Sources from a file's bytes, with ids from the content; or a one-line reason to skip."""
    from brief.core.ingest import reading

    return reading.read_bytes(data, path, size)
