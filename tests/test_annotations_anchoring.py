"""Anchoring survives change: property tests over random edits, duplicates and deletions."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein
from test_annotations_cases import SHOULD_ATTACH, cases, make_case, outcome, run_case, tally

from brief.core.annotations.anchoring import anchor, max_edits, selectors_for
from brief.core.annotations.model import AnchorStatus

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None)
"""Deterministic runs (the same examples in CI as locally), no saved examples."""

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


@PROPERTY
@given(seed=SEEDS, kind=st.sampled_from(sorted(SHOULD_ATTACH)))
def test_never_confident_on_a_wrong_passage(seed: int, kind: str) -> None:
    case = make_case(random.Random(seed), kind, chars=1500)
    found = run_case(case)
    assert outcome(case, found) != "wrong", (found, case.expected)


@PROPERTY
@given(seed=SEEDS, kind=st.sampled_from(["deleted", "deleted-duplicate"]))
def test_deleted_passage_is_never_placed_confidently(seed: int, kind: str) -> None:
    case = make_case(random.Random(seed), kind, chars=1500)
    found = run_case(case)
    assert not found.confident
    if case.quote.exact not in case.new:
        assert found.status == AnchorStatus.ORPHAN
    else:  # a copy of the words is still there, elsewhere: offered, not taken
        assert found.status == AnchorStatus.AMBIGUOUS


@PROPERTY
@given(seed=SEEDS)
def test_edits_outside_keep_the_exact_passage(seed: int) -> None:
    case = make_case(random.Random(seed), "outside", chars=1500)
    found = run_case(case)
    if found.confident:
        assert (found.start, found.end) == case.expected


def test_rates_over_a_deterministic_set() -> None:
    """At least 99% re-attach right where they should; none confidently wrong; gone: orphan."""
    results = tally(cases(seed=2024, per_kind=150, chars=2000))
    for kind, counts in results.items():
        total = sum(counts.values())
        assert counts["wrong"] == 0, (kind, counts)
        if kind in SHOULD_ATTACH:
            assert counts["right"] / total >= 0.99, (kind, counts)
        elif kind == "deleted":
            assert counts["orphan"] / total >= 0.99, (kind, counts)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(text=st.text(min_size=1, max_size=300), data=st.data())
def test_unchanged_text_anchors_in_place_and_confident_places_match(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote, position = selectors_for(text, start, end)
    same = anchor(text, quote, position, len(text))
    assert (same.status, same.start, same.end) == (AnchorStatus.ANCHORED, start, end)
    edited = data.draw(st.text(max_size=20)) + text + data.draw(st.text(max_size=20))
    found = anchor(edited, quote, position, len(text))
    if found.confident:
        assert found.start is not None and found.end is not None
        placed = edited[found.start : found.end]
        assert Levenshtein.distance(placed, quote.exact) <= max_edits(len(quote.exact))


def test_two_equally_good_places_are_ambiguous() -> None:
    passage = "At the end of a long quarter, prices rose sharply in the spring, as the report said."
    old = "Opening words. " * 8 + passage + " Closing words."
    start = old.find("rose sharply")
    quote, position = selectors_for(old, start, start + len("rose sharply"))
    # the passage now appears twice, as far before the old place as after it
    first = "Opening. " + passage
    gap = " Other words. " * 4
    new = first + gap + passage + " Closing words."
    places = [i for i in range(len(new)) if new.startswith("rose sharply", i)]
    shift = (places[0] + places[1]) // 2 - start
    new = "x" * max(0, -shift) + new if shift < 0 else new
    found = anchor(new, quote, position, len(old))
    assert found.status == AnchorStatus.AMBIGUOUS and len(found.candidates) == 2
    assert not found.confident


def test_edit_inside_found_approximately_and_orphan_when_gone() -> None:
    text = "Alpha beta. The committee approved the new harbour plan on Tuesday. Gamma delta."
    start = text.find("The committee")
    end = text.find(" on Tuesday")
    quote, position = selectors_for(text, start, end)
    edited = "Added first. " + text.replace("harbour", "harbor")
    found = anchor(edited, quote, position, len(text))
    assert found.status == AnchorStatus.MOVED and found.method == "fuzzy"
    assert edited[found.start : found.end] == "The committee approved the new harbor plan"
    gone = anchor("Alpha beta. Gamma delta.", quote, position, len(text))
    assert gone.status == AnchorStatus.ORPHAN and gone.start is None


@pytest.mark.parametrize(
    ("length", "edits"), [(5, 0), (11, 0), (12, 1), (20, 2), (50, 8), (200, 50)]
)
def test_threshold_depends_on_length(length: int, edits: int) -> None:
    assert max_edits(length) == edits


def test_selection_must_be_inside_the_text() -> None:
    with pytest.raises(ValueError):
        selectors_for("short", 2, 9)
