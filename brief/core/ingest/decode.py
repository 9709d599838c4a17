"""Turning a file's bytes into text, or saying in one line why it is not text."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from brief.core.text import utf8_holds_controls

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable program"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
]

_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
"""Characters that do not occur in text: control characters and replacement marks."""
_ALLOWED = b"\t\n\x0c\r"
"""The C0 control characters `_BAD_CHARS` leaves out."""

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


@dataclass
class Decoded:
    """The text of a file, or the reason it is not text."""

    text: str = ""
    """The decoded text (control characters not yet removed)."""
    error: str = ""
    """A one-line reason when the bytes are not text."""
    warnings: list[str] = field(default_factory=list)
    """Problems met that did not stop the text being read."""


def _binary_kind(data: bytes) -> str | None:
    """The kind of a binary file from its first bytes, if recognised."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"RIFF" and len(data) < 12:
                continue
            return kind
    return None


def _controls_ratio(text: str, utf8: bytes | None = None) -> float:
    """The share of characters that are control characters or replacement marks (`utf8`: the
    text's UTF-8 bytes, when at hand)."""
    sample = text[:20000]
    if not sample:
        return 0.0
    # Nothing `_BAD_CHARS` finds when the bytes (of the whole text, or of the sample) hold no
    # control character it finds, and the sample no replacement mark.
    data = utf8 if utf8 is not None else sample.encode("utf-8", "surrogatepass")
    if not utf8_holds_controls(data, _ALLOWED) and "\ufffd" not in sample:
        return 0.0
    return len(_BAD_CHARS.findall(sample)) / len(sample)


CHARSET_WINDOW = 8192
"""How far into a file a charset declaration (meta tag, XML declaration) is looked for."""
_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
"""A charset declared in a meta tag or an XML declaration."""


def _declared_charset(head: bytes) -> str | None:
    """The charset a page or XML file declares for itself, when Python knows it (not UTF-8)."""
    match = _CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return None if info.name == "utf-8" else info.name


def decode(data: bytes, truncated: bool = False) -> Decoded:
    """Decode file bytes to text: BOMs honoured, UTF-8 first, then Windows-1252."""
    if not data or data.isspace():
        return Decoded(error="empty file")
    kind = _binary_kind(data)
    if kind:
        return Decoded(error=f"binary file ({kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = body.decode(encoding, errors="replace")
            result = Decoded(text=text)
            if "\ufffd" in text and not truncated:
                result.warnings.append(f"invalid {encoding.upper()} sequences replaced")
            if not text.strip():
                return Decoded(error="empty file")
            return result
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM shows zeros in every other byte of ASCII text.
        evens, odds = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2
        if odds > 0.4 * half and evens < 0.05 * half:
            return Decoded(text=data.decode("utf-16-le", errors="replace"))
        if evens > 0.4 * half and odds < 0.05 * half:
            return Decoded(text=data.decode("utf-16-be", errors="replace"))
        return Decoded(error="binary file (contains NUL bytes)")
    warnings: list[str] = []
    # The bytes of the text as UTF-8, when it was read as such.
    utf8: bytes | None = data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8 = None
        declared = _declared_charset(data[:CHARSET_WINDOW])
        if truncated and error.start >= len(data) - 4:
            text = data[: error.start].decode("utf-8")
        elif declared:
            text = data.decode(declared, errors="replace")
            warnings.append(f"not valid UTF-8: read as {declared} (declared by the file)")
        else:
            try:
                text = data.decode("cp1252")
                warnings.append("not valid UTF-8: read as Windows-1252")
            except UnicodeDecodeError:
                text = data.decode("utf-8", errors="replace")
                warnings.append("not valid UTF-8: undecodable bytes replaced with \ufffd")
    if _controls_ratio(text, utf8) > 0.1:
        return Decoded(error="binary file (not text)")
    return Decoded(text=text, warnings=warnings)
