"""Small text utilities shared by the core: sanitising, whitespace, words."""

from __future__ import annotations

import functools
import re

CONTROLS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]"
"""The characters `sanitize` removes; with carriage returns (made newlines), all it changes."""


@functools.cache
def _removers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What `sanitize` removes from a text that holds any: escape sequences (CSI, OSC, other),
    then any C0/C1 control character but tab and newline. Compiled on first use (few texts
    need them; start-up skips their millisecond)."""
    escapes = re.compile(
        r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
        r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
        r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
        r"|\x1b[@-Z\\-_]"  # two-character sequences
        r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    )
    return escapes, re.compile(CONTROLS)


_NOT_CONTROLS = bytes(byte for byte in range(256) if 0x20 <= byte != 0x7F)
"""Every byte but those of the C0 control characters and DEL (each its own byte in UTF-8)."""
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
"""A C1 control character in UTF-8."""


def holds_controls(text: str, allowed: bytes = b"") -> bool:
    """True when the text holds a C0 or C1 control character or DEL, bar the `allowed` ones
    (C0 characters, as bytes); see `utf8_holds_controls`."""
    return utf8_holds_controls(text.encode("utf-8", "surrogatepass"), allowed)


def utf8_holds_controls(data: bytes, allowed: bytes = b"") -> bool:
    """True when UTF-8 bytes hold a C0 or C1 control character or DEL, bar the `allowed` ones.

    The bytes that are no such character are deleted in one pass, then a C1 character's pair
    of bytes is looked for from its first (a pattern's scan of every character of a text costs
    several times more).
    """
    if data.translate(None, _NOT_CONTROLS + allowed):
        return True
    return b"\xc2" in data and _C1_UTF8.search(data) is not None


_UNSAFE_OTHERS = ("\u200b", "\u2028", "\u2029", "\ufeff")
"""The characters of `CONTROLS` that are no control character."""


SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
"""A run of horizontal white space (tabs, no-break and typographic spaces included)."""


def sanitize(text: str) -> str:
    """Text safe to show in a terminal: escape sequences and control characters removed.

    Newlines are normalised to ``\\n``; tabs are kept (callers expand or fold them). A text
    with nothing to remove (most block texts) is returned after one scan.
    """
    if not holds_controls(text, b"\t\n") and not (
        # The others, only in a text that has characters beyond ASCII.
        not text.isascii() and any(char in text for char in _UNSAFE_OTHERS)
    ):
        # No carriage return and nothing of `CONTROLS`.
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escapes, controls = _removers()
    if "\x1b" in text or "\x9b" in text:
        text = escapes.sub("", text)
    return controls.sub("", text)


def utf8(text: str) -> bytes:
    """Text as UTF-8, whatever it holds: a lone surrogate (how Python gives an undecodable byte
    of a file name) is written as its escape, ``\\udcff``, which JSON reads back as it was."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def storable(text: str) -> str:
    """Text that any UTF-8 store (SQLite, a JSON file) takes: lone surrogates escaped (see
    `utf8`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return utf8(text).decode("utf-8")
    return text


def squash(text: str) -> str:
    """Collapse runs of white space to one space and strip the ends."""
    return SPACES.sub(" ", text.replace("\n", " ")).strip()


def normalize_line(line: str) -> str:
    """A line with white space collapsed and the ends stripped (newlines are not expected)."""
    return SPACES.sub(" ", line).strip()


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


_ABBREVIATED = """mr mrs ms dr st jr sr gov sen rep gen lt col sgt capt cmdr adm prof rev hon pres
inc corp co ltd bros no nos vs etc fig al approx dept est jan feb mar apr jun jul aug sep sept oct
nov dec mon tue tues wed thu thur thurs fri sat sun ft mt ave blvd"""
ABBREVIATIONS = frozenset(_ABBREVIATED.split())
"""Words whose trailing period does not end a sentence."""
