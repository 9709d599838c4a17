"""Where brief finds its bundled briefing."""

from __future__ import annotations

from pathlib import Path


def bundled_pack() -> Path:
    """The bundled default briefing: installed with the package, or the checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "seeds"
    if installed.is_dir():
        return installed
    return package.parent / "seeds"
