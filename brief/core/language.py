"""Guessing a text's language from its script and its most common short words."""

from __future__ import annotations

import re
from collections import Counter
from itertools import repeat

_SCRIPTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(f"[{span}]"), code)
    for span, code in [
        ("\uac00-\ud7a3", "ko"),
        ("\u3040-\u30ff", "ja"),
        ("\u0400-\u04ff", "ru"),
        ("\u0600-\u06ff", "ar"),
        ("\u0590-\u05ff", "he"),
        ("\u0e00-\u0e7f", "th"),
        ("\u0370-\u03ff", "el"),
        ("\u4e00-\u9fff", "zh"),
    ]
]
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORDS = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 97 <= byte <= 122 else 32 for byte in range(256)
)
"""A table lower-casing ASCII letters and turning every other byte into a space: the words of an
ASCII text lower-cased (what `_WORD` finds there) are then its runs of non-spaces."""
_MARKS = "’‘“”—–…«»\u00a0"
"""Signs other than letters that Latin-script texts hold besides ASCII (typographic quotes and
dashes): put as spaces, they leave the words as they were, and often the text ASCII."""

_STOPWORDS: dict[str, set[str]] = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "said"},
    "pt": {"de", "que", "não", "em", "uma", "os", "com", "para", "do", "da", "por", "foi"},
    "es": {"de", "que", "el", "en", "los", "las", "por", "con", "una", "para", "del", "fue"},
    "it": {"di", "che", "il", "della", "per", "non", "una", "sono", "del", "gli", "alla", "con"},
    "fr": {"de", "le", "la", "les", "et", "des", "est", "que", "une", "pour", "dans", "pas"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "sich", "auf", "für"},
    "nl": {"de", "het", "een", "van", "en", "niet", "dat", "op", "zijn", "voor", "met", "ook"},
}


_ANY_SCRIPT = re.compile("[" + "".join(pattern.pattern[1:-1] for pattern, _ in _SCRIPTS) + "]")
"""A letter of any of the scripts above (most texts have none: their counts are skipped)."""


def letter_words(text: str) -> list[str]:
    """The words of a text (what `_WORD` finds), not in order: a piece between white space made
    of letters alone is one; the others are searched, joined.

    White space is never a letter, so words never cross it; most pieces are plain words, told
    in one call each instead of a pattern's test of each character.
    """
    pieces = text.split()
    words = [piece for piece in pieces if piece.isalpha()]
    if len(words) < len(pieces):
        words += _WORD.findall(" ".join([piece for piece in pieces if not piece.isalpha()]))
    return words


def ascii_words(text: str) -> list[str]:
    """The words of an ASCII text, lower-cased: what `_WORD` finds in it lower-cased."""
    return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code for the text's language, or None when it cannot tell."""
    sample = text[:2000]
    plain = sample
    if not plain.isascii():
        for mark in _MARKS:
            if mark in plain:
                plain = plain.replace(mark, " ")
    if plain.isascii():
        # Matching ASCII letters costs a fraction of matching any letter.
        words = ascii_words(plain)
        letters = sum(map(len, words))
        if letters < 20:
            return None
        counts = Counter(words)
    else:
        words = letter_words(sample)
        letters = sum(map(len, words))
        if letters < 20:
            return None
        # Each script's letters are among those of all the scripts: when these are too few, no
        # script's count is looked at.
        if len(_ANY_SCRIPT.findall(sample)) > 0.3 * letters:
            for pattern, code in _SCRIPTS:
                if len(pattern.findall(sample)) > 0.3 * letters:
                    return code
        counts = Counter(map(str.lower, words))
    # `get`, not indexing: a Counter's missing word goes through a method written in Python.
    scores = {code: sum(map(counts.get, stop, repeat(0))) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= 3 else None
