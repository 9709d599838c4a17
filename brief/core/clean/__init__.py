"""Cleaning of text dumps and plain text: the article's blocks, its metadata, every line's fate."""

from brief.core.native import choose

COMPILED = choose(__path__[0])
"""True when the modules below run compiled (see `brief.core.native`)."""

from brief.core.clean.dump import Cleaned, clean_dump  # noqa: E402
from brief.core.clean.plain import clean_plain  # noqa: E402

__all__ = ["COMPILED", "Cleaned", "clean_dump", "clean_plain"]
