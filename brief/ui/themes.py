"""brief's own theme: high contrast, for glare, low vision or a dim laptop screen."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="brief-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#262626",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    dark=True,
    variables={
        "text-muted": "#e0e0e0",
        "footer-key-foreground": "#ffff00",
        "border": "#ffffff",
        "input-selection-background": "#ffff00 40%",
    },
)
"""White on black, yellow accents; muted text stays bright enough to read."""
