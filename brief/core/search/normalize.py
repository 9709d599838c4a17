"""Text normalisation for search: length-preserving folding, word tokens, passage bounds."""

from __future__ import annotations

import re
import unicodedata

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Scripts written without spaces between words: each character is a token of its own."""

WORD_CHAR = rf"[^\W_{CJK}]"
"""A character of a spaced word: a letter or digit that is not CJK (underscore separates)."""

TOKEN = re.compile(rf"[{CJK}]|{WORD_CHAR}+")
"""A word token: a run of letters and digits, or one CJK character."""

PASSAGE_BREAK = "\n\n"
"""What separates passages of a field's text (blocks of the body are joined by it)."""


def passage_bounds(text: str, start: int) -> tuple[int, int]:
    """Where the passage that begins at `start` of a field's text (just after a break, or at
    0) starts and ends: the break's second line feed skipped, up to the next break or the end."""
    end = text.find(PASSAGE_BREAK, start)
    if start and text.startswith("\n", start):
        start += 1
    return start, len(text) if end < 0 else end


def _foldable() -> dict[str, str]:
    """Each character (below U+3000) that is a letter plus diacritics, mapped to the letter."""
    table: dict[str, str] = {}
    for code in range(0xC0, 0x3000):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            table[char] = decomposed[0]
    return table


_FOLD = _foldable()
_FOLDABLE = re.compile("[" + "".join(re.escape(char) for char in _FOLD) + "]")
_CJK_CHAR = re.compile(f"[{CJK}]")
_SIMPLE_TOKEN = re.compile(r"[^\W_]+")
_LONG_LOWER = "\u0130"
"""The one character whose lower case is two characters ("İ" -> "i̇"): folded as "I" is."""


def _unaccent(found: re.Match[str]) -> str:
    return _FOLD[found[0]]


def fold(text: str) -> str:
    """Lower-case text with diacritics stripped, of the same length, so offsets carry over.

    "Ahn Duk-Geun" -> "ahn duk-geun", "Café" -> "cafe". Characters whose lower case is longer
    than one character keep only its first (so the result always has `len(text)` characters).
    The same in any text around it: a passage folds as it does within its field.
    """
    low = text.lower()
    if low.isascii():
        return low
    if len(low) != len(text):
        low = text.replace(_LONG_LOWER, "I").lower()
    return _FOLDABLE.sub(_unaccent, low)


def fold_lowered(text: str, low: str) -> tuple[str, bool]:
    """`fold(text)` given `low = text.lower()`, and True when that is `low` itself."""
    if low.isascii():
        return low, True
    if len(low) != len(text):
        folded = _FOLDABLE.sub(_unaccent, text.replace(_LONG_LOWER, "I").lower())
        return folded, False
    folded, changes = _FOLDABLE.subn(_unaccent, low)
    return folded, changes == 0


def tokens(text: str) -> list[str]:
    """The word tokens of already-folded text, in order."""
    if text.isascii() or _CJK_CHAR.search(text) is None:
        return _SIMPLE_TOKEN.findall(text)
    return TOKEN.findall(text)


def query_tokens(text: str) -> list[str]:
    """The word tokens of text a user typed: folded first."""
    return tokens(fold(text))


def is_spaced_word(token: str) -> bool:
    """True unless the token is a single CJK character (those match without word boundaries)."""
    return not (len(token) == 1 and _CJK_CHAR.match(token) is not None)
