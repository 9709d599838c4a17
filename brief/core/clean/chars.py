"""Character tests the cleaner makes of most units (here, they are compiled with it)."""

from __future__ import annotations

import re
from typing import Final

_DIGIT: Final = re.compile(r"\d")
_DIGITS: Final = b"0123456789"


def holds_digit(text: str) -> bool:
    """True when the text holds a digit (what `\\d` finds, of any script). An ASCII text's
    digits are its bytes 0-9, found by deleting them (a pattern's search costs more)."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _DIGITS)) < len(data)
    return _DIGIT.search(text) is not None
