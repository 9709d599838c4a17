"""A pack's listing keeps its sources' metadata column by column, and reads it back checked."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brief.core.cache import codec
from brief.core.cache.columns import decode_columns, encode_columns
from brief.core.model import Format, PubDate, Source
from tests.conftest import paragraph_source

WHEN = st.sampled_from(
    [None, date(2024, 5, 1), datetime(2024, 5, 1, 9, 30), datetime(2024, 5, 1, tzinfo=UTC)]
)
OPTIONAL = st.sampled_from([None, "", "Reuters", "AP", "Ünïcode · outlet"])


def source(
    n: int,
    title: str,
    outlet: str | None,
    author: str | None,
    url: str | None,
    published: PubDate | None,
    updated: PubDate | None,
    language: str | None,
    warnings: list[str],
    named: bool,
    form: Format,
) -> Source:
    made = paragraph_source(
        f"id{n}",
        title,
        ["x"],
        outlet=outlet,
        author=author,
        url=url,
        published=published,
        updated=updated,
        language=language,
        warnings=warnings,
        title_from_filename=named,
    )
    return replace(made, format=form)


sources_strategy = st.lists(
    st.builds(
        source,
        st.integers(0, 10**6),
        st.text(max_size=20),
        OPTIONAL,
        OPTIONAL,
        st.sampled_from([None, "https://example.org/a"]),
        WHEN,
        WHEN,
        st.sampled_from([None, "en", "ko"]),
        st.lists(st.text(max_size=5), max_size=2),
        st.booleans(),
        st.sampled_from(list(Format)),
    ),
    max_size=12,
)


def roundtrip(sources: list[Source]) -> list[dict[str, Any]]:
    """The columns of `sources`, through JSON and back."""
    return decode_columns(json.loads(json.dumps(encode_columns(sources))), len(sources))


@given(sources_strategy)
def test_columns_read_back_as_rows_do(sources: list[Source]) -> None:
    rows = [codec.decode_meta(json.loads(json.dumps(codec.encode_meta(s)))) for s in sources]
    decoded = roundtrip(sources)
    assert decoded == rows
    for fields in decoded:  # each source its own warnings, to keep or change
        assert all(
            fields["warnings"] is not other["warnings"] for other in decoded if other is not fields
        )


def test_every_field_of_the_metadata_has_a_column() -> None:
    source = paragraph_source("abc", "A title", ["One."], outlet="Outlet")
    assert set(encode_columns([source])) == set(codec.META_FIELDS)


def damaged(change: str) -> dict[str, Any]:
    """The columns of two sources with one thing changed."""
    sources = [
        paragraph_source("a", "A", ["x"], outlet="Out", warnings=["cut"]),
        paragraph_source("b", "B", ["x"], title_from_filename=True),
    ]
    columns: dict[str, Any] = json.loads(json.dumps(encode_columns(sources)))
    if change == "short":
        columns["title"] = ["A"]
    elif change == "type":
        columns["id"] = ["a", 2]
    elif change == "missing":
        del columns["url"]
    elif change == "index":
        columns["outlet"][1] = [0, 5]
    elif change == "negative":
        columns["outlet"][1] = [0, -1]
    elif change == "format":
        columns["format"][0] = ["not a format"]
    elif change == "value":
        columns["author"][0] = [3]
    elif change == "date":
        columns["published"] = ["yesterday", None]
    elif change == "warnings":
        columns["warnings"] = [[0, ["fine", 3]]]
    elif change == "warned":
        columns["warnings"] = [[7, ["cut"]]]
    elif change == "named":
        columns["title_from_filename"] = [True]
    return columns


@pytest.mark.parametrize(
    "change",
    ["short", "type", "missing", "index", "negative", "format", "value", "date", "warnings",
     "warned", "named"],
)  # fmt: skip
def test_damaged_columns_are_refused(change: str) -> None:
    assert len(decode_columns(damaged("nothing"), 2)) == 2
    with pytest.raises(codec.CorruptEntry):
        decode_columns(damaged(change), 2)
