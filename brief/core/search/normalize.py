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

# Characters whose lower-case form may carry a diacritic to strip; anything else is left alone.
_FOLDABLE = re.compile(r"[\u00c0-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1fff]")


class _FoldTable(dict[int, int]):
    """A `str.translate` table that strips a diacritic from a character, computed on first use."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        base = code
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            base = ord(decomposed[0])
        self[code] = base
        return base


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case text with diacritics stripped, of the same length, so offsets carry over.

    "Ahn Duk-Geun" -> "ahn duk-geun", "Café" -> "cafe". Characters whose lower case is longer
    than one character keep only its first (so the result always has `len(text)` characters).
    """
    low = text.lower()
    if low.isascii():
        return low
    if len(low) != len(text):
        low = "".join(char.lower()[0] for char in text)
    if _FOLDABLE.search(low) is None:
        return low
    return low.translate(_TABLE)


def tokens(text: str) -> list[str]:
    """The word tokens of already-folded text, in order."""
    return TOKEN.findall(text)


def query_tokens(text: str) -> list[str]:
    """The word tokens of text a user typed: folded first."""
    return TOKEN.findall(fold(text))


def passage_starts(text: str) -> list[int]:
    """Offsets at which the passages of a field's text start (the first is always 0)."""
    starts = [0]
    at = text.find(PASSAGE_BREAK)
    while at >= 0:
        starts.append(at + len(PASSAGE_BREAK))
        at = text.find(PASSAGE_BREAK, at + len(PASSAGE_BREAK))
    return starts


def is_spaced_word(token: str) -> bool:
    """True unless the token is a single CJK character (those match without word boundaries)."""
    return not (len(token) == 1 and re.match(f"[{CJK}]", token) is not None)
