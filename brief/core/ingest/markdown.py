"""Placeholder reader for markdown."""

from __future__ import annotations

from pathlib import Path

from brief.core.ingest import text
from brief.core.model import Source


def read(content: str, path: Path) -> list[Source]:
    """Placeholder: read as plain text."""
    return text.read(content, path)
