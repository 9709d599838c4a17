"""The store's JSON file: reading with validation and migration, writing, merging two versions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from brief.core.annotations.model import (
    Annotation,
    ConflictCopy,
    SourceDate,
    SourceRef,
    TextPositionSelector,
    TextQuoteSelector,
)
from brief.core.colours import COLOURS
from brief.core.model import PubDate, iso
from brief.core.text import utf8

FORMAT_VERSION = 1
"""The version of the file format this brief writes."""

Json = dict[str, Any]
"""A JSON object as parsed."""

MIGRATIONS: dict[int, Callable[[Json], Json]] = {}
"""Upgrades by version: ``MIGRATIONS[n]`` turns a version-n document into version n+1.

When the format changes, bump `FORMAT_VERSION` and add the step from the old version here;
old files are upgraded on reading and written back in the new version on the next change.
"""


class StoreFormatError(ValueError):
    """The file is not a valid annotation store (not JSON, truncated, or hand-edited wrongly)."""


class NewerStoreError(Exception):
    """The file was written by a newer brief: it can be read but must not be rewritten."""

    def __init__(self, version: int) -> None:
        super().__init__(f"written by a newer brief (format version {version})")
        self.version = version
        """The file's format version."""


@dataclass
class StoreData:
    """Everything a store file holds."""

    annotations: dict[str, Annotation] = field(default_factory=dict)
    """Every annotation by id, tombstones included."""
    dates: dict[str, SourceDate] = field(default_factory=dict)
    """User-set dates of undated sources, by source id."""
    conflicts: list[ConflictCopy] = field(default_factory=list)
    """Versions that lost a concurrent edit, kept so nothing is dropped."""

    def copy(self) -> StoreData:
        """A shallow copy whose containers can be changed independently."""
        return StoreData(dict(self.annotations), dict(self.dates), list(self.conflicts))


def _time(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def annotation_to_json(item: Annotation) -> Json:
    """An annotation as a JSON object with W3C Web Annotation selectors."""
    return {
        "id": item.id,
        "source": {
            "id": item.source.source_id,
            "text_hash": item.source.text_hash,
            "path": item.source.path,
            "title": item.source.title,
            "length": item.source.length,
        },
        "target": {
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": item.quote.exact,
                    "prefix": item.quote.prefix,
                    "suffix": item.quote.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": item.position.start,
                    "end": item.position.end,
                },
            ]
        },
        "color": item.color,
        "note": item.note,
        "tags": list(item.tags),
        "created": _time(item.created),
        "updated": _time(item.updated),
        "revision": item.revision,
        "deleted": item.deleted,
    }


def dump(data: StoreData) -> bytes:
    """The store as indented UTF-8 JSON; the same data always gives the same bytes."""
    annotations = sorted(data.annotations.values(), key=lambda a: (a.created, a.id))
    dates = [data.dates[key] for key in sorted(data.dates)]
    conflicts = sorted(
        data.conflicts, key=lambda c: (c.annotation.id, c.annotation.revision, c.kept)
    )
    doc: Json = {
        "version": FORMAT_VERSION,
        "annotations": [annotation_to_json(item) for item in annotations],
        "source_dates": {
            entry.source_id: {
                "date": iso(entry.value),
                "updated": _time(entry.updated),
                "revision": entry.revision,
            }
            for entry in dates
        },
        "conflicts": [
            {
                "kept": _time(copy.kept),
                "winner_revision": copy.winner_revision,
                "annotation": annotation_to_json(copy.annotation),
            }
            for copy in conflicts
        ],
    }
    return utf8(_layout(doc))


def _layout(doc: Json) -> str:
    """The document indented by hand, one annotation (or date, or conflict) per line.

    Readable and diff-friendly; much faster than ``json.dumps(indent=...)``, which falls back
    to the pure-Python encoder, so saving stays quick with thousands of annotations.
    """

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    parts: list[str] = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            inner = ",\n".join(f"    {compact(item)}" for item in value)
            parts.append(f"  {compact(key)}: [\n{inner}\n  ]")
        elif isinstance(value, dict) and value:
            inner = ",\n".join(f"    {compact(k)}: {compact(v)}" for k, v in value.items())
            parts.append(f"  {compact(key)}: {{\n{inner}\n  }}")
        else:
            parts.append(f"  {compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _get(obj: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise StoreFormatError(f"{where}: missing {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise StoreFormatError(f"{where}: {key!r} must be {kind.__name__}")
    return value


def _parse_time(text: str, where: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise StoreFormatError(f"{where}: bad time {text!r}") from error
    if value.tzinfo is None:
        raise StoreFormatError(f"{where}: time {text!r} has no time zone")
    return value


def _parse_date(text: str) -> PubDate:
    """A date ("2024-05-01") or date and time from ISO text; ValueError when not one."""
    return date.fromisoformat(text) if len(text) <= 10 else datetime.fromisoformat(text)


def _typed(values: tuple[Any, ...], kind: type, where: str) -> None:
    """StoreFormatError unless every value is exactly of `kind` (so no bool for int)."""
    for value in values:
        if type(value) is not kind:
            raise StoreFormatError(f"{where}: {value!r} should be {kind.__name__}")


def annotation_from_json(obj: Any, where: str) -> Annotation:
    """An annotation from its JSON object; StoreFormatError when it is not a valid one."""
    try:
        source = obj["source"]
        quote: TextQuoteSelector | None = None
        position: TextPositionSelector | None = None
        for selector in obj["target"]["selector"]:
            if selector["type"] == "TextQuoteSelector":
                exact, prefix, suffix = selector["exact"], selector["prefix"], selector["suffix"]
                _typed((exact, prefix, suffix), str, where)
                quote = TextQuoteSelector(exact, prefix, suffix)
            elif selector["type"] == "TextPositionSelector":
                start, end = selector["start"], selector["end"]
                _typed((start, end), int, where)
                if not 0 <= start <= end:
                    raise StoreFormatError(f"{where}: bad position {start}-{end}")
                position = TextPositionSelector(start, end)
        texts = (obj["id"], source["id"], source["text_hash"], source["path"], source["title"])
        note, created, updated = obj["note"], obj["created"], obj["updated"]
        numbers = (source["length"], obj["color"], obj["revision"])
        deleted = obj["deleted"]
    except (KeyError, TypeError) as error:
        raise StoreFormatError(f"{where}: missing or malformed {error}") from error
    if quote is None or position is None:
        raise StoreFormatError(f"{where}: needs a TextQuoteSelector and a TextPositionSelector")
    _typed((*texts, note, created, updated), str, where)
    _typed(numbers, int, where)
    _typed((deleted,), bool, where)
    length, color, revision = numbers
    if color not in COLOURS or revision < 1:
        raise StoreFormatError(f"{where}: bad colour or revision")
    return Annotation(
        id=texts[0],
        source=SourceRef(texts[1], texts[2], texts[3], texts[4], length),
        quote=quote,
        position=position,
        color=color,
        note=note,
        created=_parse_time(created, where),
        updated=_parse_time(updated, where),
        revision=revision,
        deleted=deleted,
    )


def migrate(doc: Json) -> Json:
    """The document upgraded step by step to `FORMAT_VERSION`."""
    version = _get(doc, "version", int, "store")
    if version > FORMAT_VERSION:
        raise NewerStoreError(version)
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreFormatError(f"store: no upgrade from format version {version}")
        doc = step(doc)
        version = _get(doc, "version", int, "store")
    return doc


def parse(raw: bytes) -> StoreData:
    """The store from the file's bytes.

    Raises StoreFormatError when the file is not a valid store, NewerStoreError when it was
    written by a newer brief (the caller may still read it with `parse_any_version`).
    """
    return _parse(raw, newer_ok=False)


def parse_any_version(raw: bytes) -> StoreData:
    """Like `parse`, but reads what it understands of a newer file (for read-only use)."""
    return _parse(raw, newer_ok=True)


def _parse(raw: bytes, newer_ok: bool) -> StoreData:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreFormatError(f"not valid JSON ({error})") from error
    except RecursionError:
        raise StoreFormatError("not valid JSON (nested too deep)") from None
    if not isinstance(doc, dict):
        raise StoreFormatError("not a JSON object")
    try:
        doc = migrate(doc)
    except NewerStoreError:
        if not newer_ok:
            raise
    data = StoreData()
    for index, obj in enumerate(_get(doc, "annotations", list, "store")):
        item = annotation_from_json(obj, f"annotation {index + 1}")
        data.annotations[item.id] = item
    for source_id, obj in _get(doc, "source_dates", dict, "store").items():
        where = f"date of source {source_id}"
        text = obj.get("date") if isinstance(obj, dict) else None
        try:
            value = None if text is None else _parse_date(str(text))
        except ValueError as error:
            raise StoreFormatError(f"{where}: bad date {text!r}") from error
        data.dates[source_id] = SourceDate(
            source_id,
            value,
            _parse_time(_get(obj, "updated", str, where), where),
            _get(obj, "revision", int, where),
        )
    for index, obj in enumerate(_get(doc, "conflicts", list, "store")):
        where = f"conflict {index + 1}"
        data.conflicts.append(
            ConflictCopy(
                annotation_from_json(_get(obj, "annotation", dict, where), where),
                _parse_time(_get(obj, "kept", str, where), where),
                _get(obj, "winner_revision", int, where),
            )
        )
    return data


def _order(item: Annotation) -> tuple[int, datetime, bytes]:
    """Which of two versions of an annotation wins: higher revision, then later, then bytes."""
    return (
        item.revision,
        item.updated,
        json.dumps(annotation_to_json(item), sort_keys=True).encode(),
    )


def merge(ours: StoreData, theirs: StoreData, now: datetime) -> StoreData:
    """Both versions' contents together, per annotation id by revision, nothing lost.

    The higher revision of an annotation wins (tombstones too, so deletes stick). Two
    different versions at the same revision were concurrent edits: the later wins and the
    other is kept in `conflicts`. Source dates merge the same way.
    """
    merged = ours.copy()
    for key, item in theirs.annotations.items():
        mine = merged.annotations.get(key)
        if mine is None or mine == item:
            merged.annotations[key] = item
            continue
        winner, loser = (item, mine) if _order(item) > _order(mine) else (mine, item)
        merged.annotations[key] = winner
        if loser.revision == winner.revision and loser.content_key() != winner.content_key():
            merged.conflicts.append(ConflictCopy(loser, now, winner.revision))
    for key, entry in theirs.dates.items():
        current = merged.dates.get(key)
        if current is None or (entry.revision, entry.updated) > (current.revision, current.updated):
            merged.dates[key] = entry
    merged.conflicts = dedupe_conflicts([*merged.conflicts, *theirs.conflicts])
    return merged


def dedupe_conflicts(copies: list[ConflictCopy]) -> list[ConflictCopy]:
    """Conflict copies without repeats of the same version (first kept)."""
    seen: set[tuple[str, int, datetime, tuple[object, ...]]] = set()
    result: list[ConflictCopy] = []
    for copy in copies:
        item = copy.annotation
        key = (item.id, item.revision, item.updated, item.content_key())
        if key not in seen:
            seen.add(key)
            result.append(copy)
    return result
