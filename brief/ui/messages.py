"""Small messages widgets send to the screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SourceOpened(Message):
    """The user chose a source to read."""

    source_id: str
    """The id of the source to show in the reader."""
