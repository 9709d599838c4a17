"""Screens of the reading room."""

from pathlib import Path

PANELS_CSS = Path(__file__).with_name("panels.tcss")
"""Styles of the screens over the reading room, read when the first of them opens."""
