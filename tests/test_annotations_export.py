"""Placing annotations on loaded sources, the JSON listing and the Markdown export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from brief.core.annotations.export import to_markdown
from brief.core.annotations.model import AnchorStatus, parse_tags
from brief.core.annotations.placement import orphans, place, placement_to_json, recorded_paths
from brief.core.annotations.store import AnnotationStore
from brief.core.colours import colour_scheme
from tests.conftest import paragraph_source

source = paragraph_source


BUDGET = source(
    "b1",
    "Budget day",
    ["The minister said the budget would be balanced.", "# Critics called it a fiction."],
    outlet="Daily Post",
    url="https://post.example/budget",
    published=date(2024, 5, 2),
)
HARBOUR = source("h1", "Harbour plan", ["The committee approved the harbour plan on Tuesday."])


def test_place_listing_and_markdown(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.json")
    store.add_quote(BUDGET, "# Critics called it a fiction.", note="Who? #sources", color=3)
    store.add_quote(BUDGET, "budget would be balanced", note="Key claim #fiscal", color=1)
    store.add_quote(HARBOUR, "harbour plan", color=5)
    gone = store.add_quote(HARBOUR, "on Tuesday", note="date?").after
    store.set_source_date("h2", date(2024, 4, 30))
    # the harbour file was saved again: new id, new text; one passage went away
    harbour2 = source("h2", "Harbour plan", ["Update. The committee approved the harbour plan."])
    harbour2.path = HARBOUR.path
    placed = place(store.annotations(), [harbour2, BUDGET])
    assert [p.status for p in placed] == [
        AnchorStatus.MOVED,
        AnchorStatus.ORPHAN,  # its source is loaded, its passage is gone
        AnchorStatus.ANCHORED,
        AnchorStatus.ANCHORED,
    ]
    assert [p.annotation.id for p in orphans(placed)] == [gone.id]
    row = placement_to_json(placed[0])
    assert row["status"] == "moved" and row["source"]["id"] == "h2"
    assert harbour2.body[row["start"] : row["end"]] == "harbour plan"
    assert row["meaning"] == "quote" and row["colour_name"] == "purple"

    colours = colour_scheme({"red": "disputed", 4: "verify"})
    markdown = to_markdown(placed, colours, store.source_dates(), title="Harbour and budget")
    assert markdown == to_markdown(
        list(reversed(placed)), colours, store.source_dates(), title="Harbour and budget"
    )
    assert markdown == EXPECTED


EXPECTED = """# Harbour and budget

## Harbour plan

2024-04-30 (date set by the reader)

> harbour plan

*quote* (purple)

## Budget day

*Daily Post* · 2024-05-02 · <https://post.example/budget>

> budget would be balanced

Key claim #fiscal

*key point* (yellow) · #fiscal

> \\# Critics called it a fiction.

Who? #sources

*disputed* (red) · #sources

## Orphans

Highlights whose passage is no longer in their source.

From *Harbour plan*:

> on Tuesday

date?

*key point* (yellow)
"""


def test_unloaded_source_is_listed_as_orphan(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.json")
    store.add_quote(HARBOUR, "harbour plan")
    (only,) = place(store.annotations(), [])
    assert only.source is None and only.status == AnchorStatus.ORPHAN
    assert placement_to_json(only)["source"]["loaded"] is False
    assert recorded_paths(store.annotations()) == [Path("/pack/h1.txt")]


def test_tags() -> None:
    assert parse_tags("See #a, #b. and #a again; not#c nor # alone #x/y") == ("a", "b", "x/y")
