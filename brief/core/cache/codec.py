"""The cache's explicit encoding of sources: compact JSON, checked field by field on the way in."""

from __future__ import annotations

import json
import zlib
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from brief.core.model import Block, BlockKind, Format, PubDate, RawLine, Source
from brief.core.text import utf8

if TYPE_CHECKING:
    from brief.core.timeline import Event, Kind, Precision


class CorruptEntry(ValueError):
    """Cached data that does not decode to what was stored: the entry is not trusted."""


KIND_CODES: dict[BlockKind, str] = {
    BlockKind.PARAGRAPH: "p",
    BlockKind.HEADING: "h",
    BlockKind.QUOTE: "q",
    BlockKind.LIST_ITEM: "l",
    BlockKind.CAPTION: "c",
}
"""One letter per block kind, so a source's kinds encode as one short string."""
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}
FORMATS = {form.value: form for form in Format}


def pack(value: object) -> bytes:
    """JSON, compressed: the form of the larger columns (bodies, raw lines, events)."""
    return zlib.compress(pack_plain(value), 1)


def unpack(data: object) -> Any:
    """The value of `pack`; CorruptEntry for anything else."""
    if not isinstance(data, bytes):
        raise CorruptEntry("not a packed value")
    try:
        plain = zlib.decompress(data)
    except zlib.error as error:
        raise CorruptEntry(str(error)) from None
    return unpack_plain(plain)


def pack_plain(value: object) -> bytes:
    """JSON, not compressed: the form of a pack's listing, read at every warm open (its
    decompression was a tenth of listing a large pack; it takes three times the room)."""
    return utf8(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def unpack_plain(data: object) -> Any:
    """The value of `pack_plain`; CorruptEntry for anything else."""
    if not isinstance(data, bytes):
        raise CorruptEntry("not a packed value")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:  # (RecursionError: nested too deep to parse)
        raise CorruptEntry(str(error)) from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise CorruptEntry("text expected")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise CorruptEntry("list expected")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise CorruptEntry("integer expected")
    return value


def _optional_int(value: object) -> int | None:
    return None if value is None else _int(value)


def encode_date(value: PubDate | None) -> str | None:
    """ISO text; a datetime always carries a "T", a date never does."""
    return None if value is None else value.isoformat()


def decode_date(value: object) -> PubDate | None:
    """The date or datetime of `encode_date`."""
    if value is None:
        return None
    text = _text(value)
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        raise CorruptEntry(f"not a date: {text!r}") from None


def _optional_day(value: object) -> date | None:
    day = decode_date(value)
    if isinstance(day, datetime):
        raise CorruptEntry("a day expected")
    return day


META_FIELDS = (
    "id",
    "format",
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "updated",
    "language",
    "warnings",
    "title_from_filename",
)
"""The fields of `Source` kept as its metadata, in the order of the JSON array. The others:
`path` (the file's, as walked), `blocks` and `raw` (kept apart, read on first use). A field
added to `Source` must be added here (a test checks)."""


def encode_meta(source: Source) -> list[object]:
    """Everything of a source but its path, body and raw lines, as a JSON array."""
    return [
        source.id,
        source.format.value,
        source.title,
        source.outlet,
        source.author,
        source.url,
        encode_date(source.published),
        encode_date(source.updated),
        source.language,
        source.warnings,
        source.title_from_filename,
    ]


def decode_meta(value: object) -> dict[str, Any]:
    """The fields of `encode_meta`, checked, as keyword arguments for `Source`.

    The checks are written out (not calls per field): a large pack lists 100,000 of these."""
    row = _list(value)
    if len(row) != len(META_FIELDS):
        raise CorruptEntry("wrong number of fields")
    ident, form, title, outlet, author, url, published, updated, language, warnings, named = row
    if (
        type(ident) is not str
        or type(title) is not str
        or type(named) is not bool
        or type(warnings) is not list
        or (outlet is not None and type(outlet) is not str)
        or (author is not None and type(author) is not str)
        or (url is not None and type(url) is not str)
        or (language is not None and type(language) is not str)
        or any(type(warning) is not str for warning in warnings)
    ):
        raise CorruptEntry("a field of the wrong type")
    format_ = FORMATS.get(form) if type(form) is str else None
    if format_ is None:
        raise CorruptEntry("bad format")
    return {
        "id": ident,
        "format": format_,
        "title": title,
        "outlet": outlet,
        "author": author,
        "url": url,
        "published": None if published is None else decode_date(published),
        "updated": None if updated is None else decode_date(updated),
        "language": language,
        "warnings": warnings,
        "title_from_filename": named,
    }


def encode_blocks(blocks: list[Block]) -> list[object]:
    """A body as [kinds, texts]: one letter per block, then the blocks' texts."""
    return ["".join(KIND_CODES[block.kind] for block in blocks), [b.text for b in blocks]]


def decode_blocks(value: object) -> list[Block]:
    """The blocks of `encode_blocks`."""
    kinds, texts = _list(value)
    texts = _list(texts)
    if not isinstance(kinds, str) or len(kinds) != len(texts):
        raise CorruptEntry("blocks do not match their kinds")
    try:
        pairs = zip(kinds, texts, strict=True)
        return [Block(CODE_KINDS[code], _text(text)) for code, text in pairs]
    except KeyError:
        raise CorruptEntry("unknown block kind") from None


def encode_raw(raw: list[RawLine]) -> list[object]:
    """Raw lines as [texts, kept flags as "1"/"0", reasons by line index when not empty]."""
    reasons = {str(index): line.reason for index, line in enumerate(raw) if line.reason}
    flags = "".join("1" if line.kept else "0" for line in raw)
    return [[line.text for line in raw], flags, reasons]


def decode_raw(value: object) -> list[RawLine]:
    """The raw lines of `encode_raw`."""
    texts, flags, reasons = _list(value)
    texts = _list(texts)
    if not isinstance(flags, str) or len(flags) != len(texts) or not isinstance(reasons, dict):
        raise CorruptEntry("raw lines do not match their flags")
    lines = [RawLine(_text(text), flag == "1") for text, flag in zip(texts, flags, strict=True)]
    for key, reason in reasons.items():
        index = int(key) if key.isdigit() else -1
        if not 0 <= index < len(lines):
            raise CorruptEntry("reason for no line")
        lines[index] = RawLine(lines[index].text, lines[index].kept, _text(reason))
    return lines


@cache
def _event_names() -> tuple[dict[str, Kind], dict[str, Precision]]:
    """Event kinds and precisions by their names (the timeline is imported when first needed:
    listing a pack from the cache needs none of it)."""
    from brief.core.timeline import Kind, Precision

    return {kind.value: kind for kind in Kind}, {p.value: p for p in Precision}


def encode_events(events: list[Event]) -> list[object]:
    """Timeline rows as arrays (the source id is the source's own and not repeated)."""
    return [
        [
            event.kind.value,
            event.value,
            encode_date(event.first),
            encode_date(event.last),
            event.precision.value,
            event.phrase,
            event.start,
            event.end,
            event.sentence,
            event.sentence_start,
            event.sentence_end,
        ]
        for event in events
    ]


def decode_events(value: object, source_id: str) -> list[Event]:
    """The timeline rows of `encode_events`, for the source with this id."""
    from brief.core.timeline import Event

    kinds, precisions = _event_names()
    events: list[Event] = []
    for item in _list(value):
        row = _list(item)
        if len(row) != 11:
            raise CorruptEntry("wrong number of event fields")
        kind = kinds.get(_text(row[0]))
        precision = precisions.get(_text(row[4]))
        if kind is None or precision is None:
            raise CorruptEntry("unknown event kind or precision")
        events.append(
            Event(
                source=source_id,
                kind=kind,
                value=_optional_text(row[1]),
                first=_optional_day(row[2]),
                last=_optional_day(row[3]),
                precision=precision,
                phrase=_text(row[5]),
                start=_optional_int(row[6]),
                end=_optional_int(row[7]),
                sentence=_text(row[8]),
                sentence_start=_optional_int(row[9]),
                sentence_end=_optional_int(row[10]),
            )
        )
    return events
