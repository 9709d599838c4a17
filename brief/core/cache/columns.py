"""Many sources' metadata as columns: the form a pack's listing keeps it in, read at every open."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import Any

from brief.core.cache.codec import FORMATS, META_FIELDS, CorruptEntry, decode_date, encode_meta
from brief.core.model import Source

CODED = ("format", "outlet", "author", "language")
"""Fields with few distinct values in a pack: kept as those values once each, and each
source's index among them (a small number, which JSON reads back without making an object)."""

DATES = ("published", "updated")
"""Fields kept as `codec.encode_date` gives them, or null."""

TEXT = str
"""The type of a text field's values."""
NOTHING = type(None)
"""The type of an optional field's missing values (JSON's null)."""


def encode_columns(sources: Sequence[Source]) -> dict[str, Any]:
    """The metadata of `sources` (the fields of `codec.encode_meta`), column by column.

    Warnings and titles made from file names are kept only for the sources that have them.
    Read back in about half the time of a row per source (which is one list and eleven
    values for JSON to make, then eleven checks)."""
    rows = [encode_meta(source) for source in sources]
    columns: dict[str, Any] = {}
    for at, name in enumerate(META_FIELDS):
        column = [row[at] for row in rows]
        if name in CODED:
            values = list(dict.fromkeys(column))
            index = {value: position for position, value in enumerate(values)}
            columns[name] = [values, [index[value] for value in column]]
        elif name == "warnings":
            columns[name] = [[at, warnings] for at, warnings in enumerate(column) if warnings]
        elif name == "title_from_filename":
            columns[name] = [at for at, named in enumerate(column) if named]
        else:
            columns[name] = column
    return columns


def _checked(value: object, count: int | None, *kinds: type) -> list[Any]:
    """`value` as a list of items of those types (`count` of them, unless None);
    CorruptEntry otherwise."""
    if not isinstance(value, list) or (count is not None and len(value) != count):
        raise CorruptEntry("a column of the wrong length")
    if not set(map(type, value)) <= {*kinds}:
        raise CorruptEntry("a column of the wrong type")
    return value


def _positions(value: object, count: int) -> list[int]:
    """`value` as a list of positions among `count` items; CorruptEntry otherwise."""
    positions = _checked(value, None, int)
    if positions and (min(positions) < 0 or max(positions) >= count):
        raise CorruptEntry("a position out of range")
    return positions


def _decoded(columns: dict[str, Any], name: str, count: int, *kinds: type) -> list[Any]:
    """Column `name` of `CODED`: each source's value, checked (the values, the indices)."""
    value = columns.get(name)
    if not isinstance(value, list) or len(value) != 2:
        raise CorruptEntry("a coded column is its values and their indices")
    values = _checked(value[0], None, *kinds)
    if name == "format":
        if not set(values) <= FORMATS.keys():
            raise CorruptEntry("bad format")
        values = [FORMATS[form] for form in values]
    indices = _positions(value[1], len(values))
    if len(indices) != count:
        raise CorruptEntry("a coded column of the wrong length")
    return list(map(values.__getitem__, indices))


def decode_columns(value: object, count: int) -> list[dict[str, Any]]:
    """The fields of `count` sources from `encode_columns`, checked, each as keyword
    arguments for `Source` (a new dict per source); CorruptEntry when they do not decode."""
    if not isinstance(value, dict):
        raise CorruptEntry("columns expected")
    ids = _checked(value.get("id"), count, TEXT)
    titles = _checked(value.get("title"), count, TEXT)
    urls = _checked(value.get("url"), count, TEXT, NOTHING)
    published, updated = (
        [None if when is None else decode_date(when) for when in column]
        for column in (_checked(value.get(name), count, TEXT, NOTHING) for name in DATES)
    )
    forms = _decoded(value, "format", count, TEXT)
    outlets = _decoded(value, "outlet", count, TEXT, NOTHING)
    authors = _decoded(value, "author", count, TEXT, NOTHING)
    languages = _decoded(value, "language", count, TEXT, NOTHING)
    warnings: list[list[str]] = [[] for _ in repeat(None, count)]
    for item in _checked(value.get("warnings"), None, list):
        if len(item) != 2 or type(item[0]) is not int or not 0 <= item[0] < count:
            raise CorruptEntry("warnings are a source's position and its warnings")
        warnings[item[0]] = _checked(item[1], None, TEXT)
    named = [False] * count
    for at in _positions(value.get("title_from_filename"), count):
        named[at] = True
    return [
        {
            "id": ident,
            "format": form,
            "title": title,
            "outlet": outlet,
            "author": author,
            "url": url,
            "published": when,
            "updated": changed,
            "language": language,
            "warnings": texts,
            "title_from_filename": from_name,
        }
        for ident, form, title, outlet, author, url, when, changed, language, texts, from_name
        in zip(
            ids, forms, titles, outlets, authors, urls, published, updated, languages, warnings,
            named, strict=True,
        )
    ]  # fmt: skip
