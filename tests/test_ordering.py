"""The sidebar's orders: newest first (user-set dates too), by title, by outlet."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from brief.core.model import PubDate, Source, date_sort_key
from brief.core.ordering import SortOrder, date_order, positions, sort_sources
from tests.conftest import paragraph_source

DAY0 = datetime(2024, 1, 1)


def when(kind: int, days: int) -> PubDate | None:
    """No date, a date, a naive datetime or an aware one (mixed kinds order together)."""
    if kind == 0:
        return None
    moment = DAY0 + timedelta(days=days % 5, hours=days % 3)
    if kind == 1:
        return moment.date()
    return moment if kind == 2 else moment.replace(tzinfo=UTC)


sources_strategy = st.lists(
    st.tuples(
        st.sampled_from(["Alpha", "alpha", "Alph", "Alpha beta", "Beta", "Gamma"]),
        st.sampled_from([None, "Reuters", "ap", "AP"]),
        st.integers(0, 3),
        st.integers(0, 9),
        st.booleans(),
    ),
    max_size=30,
)


def make(
    rows: list[tuple[str, str | None, int, int, bool]],
) -> tuple[list[Source], dict[str, PubDate]]:
    sources, user_dates = [], {}
    for at, (title, outlet, kind, days, user_set) in enumerate(rows):
        published = when(kind, days)
        source = paragraph_source(f"id{at:02d}", title, ["x"], outlet=outlet, published=published)
        if published is None and user_set:
            user_dates[source.id] = date(2024, 1, 1 + days)
        sources.append(source)
    return sources, user_dates


def reference_key(source: Source, dates: dict[str, PubDate]) -> tuple[object, ...]:
    """Newest first as one key: dated before undated, newer first, then title, then id."""
    moment = source.sort_date
    if moment is None and source.id in dates:
        moment = date_sort_key(dates[source.id])
    if moment is None:
        return (1, 0.0, source.title.casefold(), source.id)
    return (0, -(moment - datetime(1, 1, 1)).total_seconds(), source.title.casefold(), source.id)


@given(sources_strategy)
def test_newest_first_puts_dated_sources_first_newest_on_top_ties_by_title(
    rows: list[tuple[str, str | None, int, int, bool]],
) -> None:
    sources, dates = make(rows)
    expected = sorted(sources, key=lambda s: reference_key(s, dates))
    assert sort_sources(sources, SortOrder.DATE, dates) == expected


@given(sources_strategy)
def test_by_outlet_groups_outlets_alphabetically_newest_first_within(
    rows: list[tuple[str, str | None, int, int, bool]],
) -> None:
    sources, dates = make(rows)
    expected = sorted(
        sources,
        key=lambda s: (s.outlet is None, (s.outlet or "").casefold(), *reference_key(s, dates)),
    )
    assert sort_sources(sources, SortOrder.OUTLET, dates) == expected


@given(sources_strategy)
def test_by_title_ignores_case_then_id(rows: list[tuple[str, str | None, int, int, bool]]) -> None:
    sources, dates = make(rows)
    expected = sorted(sources, key=lambda s: (s.title.casefold(), s.id))
    assert sort_sources(sources, SortOrder.TITLE, dates) == expected


@given(sources_strategy, st.sampled_from(list(SortOrder)))
def test_a_kept_date_order_lists_as_sorting_does(
    rows: list[tuple[str, str | None, int, int, bool]], order: SortOrder
) -> None:
    """The order a pack's listing keeps gives the sidebar's order, user-set dates or not."""
    sources, dates = make(rows)
    kept = date_order(sources)
    assert sort_sources(sources, order, dates, kept) == sort_sources(sources, order, dates)
    assert sort_sources(sources, order, {}, kept) == sort_sources(sources, order)


def test_a_kept_order_is_used_only_when_it_holds_each_position_once() -> None:
    assert positions([2, 0, 1], 3) == [2, 0, 1]
    for damaged in ([0, 1], [0, 1, 1], [0, 1, 3], [0, 1, "2"], [0, 1, 2.0], {"0": 1}, None):
        assert positions(damaged, 3) is None
