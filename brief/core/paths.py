"""Where brief finds its bundled briefing, and whether the paths a user names exist."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


class MissingPathError(Exception):
    """A path the user named does not exist."""


def check_paths(paths: Sequence[Path]) -> None:
    """Raise MissingPathError for the first named path that does not exist."""
    for path in paths:
        if not os.path.lexists(path):
            raise MissingPathError(f"no such file or folder: {path}")


def bundled_pack() -> Path:
    """The bundled default briefing: installed with the package, or the checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "seeds"
    if installed.is_dir():
        return installed
    return package.parent / "seeds"
