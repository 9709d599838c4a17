"""The orders a briefing's sources can be listed in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from operator import itemgetter

from brief.core.model import PubDate, Source, date_sort_key


class SortOrder(StrEnum):
    """How the sidebar orders sources."""

    DATE = "date"
    TITLE = "title"
    OUTLET = "outlet"

    def next(self) -> SortOrder:
        """The order after this one, cycling."""
        members = list(SortOrder)
        return members[(members.index(self) + 1) % len(members)]


def _title_key(source: Source) -> str:
    """Orders by title, case aside, then by id: one string, compared faster than a pair (a
    title holds no NUL: control characters are taken out of every text read)."""
    return source.title.casefold() + "\0" + source.id


def _newest_first(sources: list[Source], dates: Mapping[str, PubDate] | None) -> list[Source]:
    """Dated sources newest first, then the undated; ties (and the undated) by title, then id.

    Two stable sorts (by title, then by date, reversed: equal dates keep the title order), so
    a date is compared as it is rather than turned into a number for each source."""
    by_title = sorted(sources, key=_title_key)
    dated: list[tuple[datetime, Source]] = []
    undated: list[Source] = []
    for source in by_title:
        published = source.published  # (`sort_date`, without a property's call per source)
        when = None if published is None else date_sort_key(published)
        if when is None and dates and source.id in dates:
            when = date_sort_key(dates[source.id])
        if when is None:
            undated.append(source)
        else:
            dated.append((when, source))
    dated.sort(key=itemgetter(0), reverse=True)
    return [source for _when, source in dated] + undated


def sort_sources(
    sources: list[Source], order: SortOrder, dates: Mapping[str, PubDate] | None = None
) -> list[Source]:
    """The sources in the given order (a new list; ties broken by title, then id).

    `dates` holds dates the user set on undated sources; they order like published dates.
    """
    if order is SortOrder.TITLE:
        return sorted(sources, key=_title_key)
    by_date = _newest_first(sources, dates)
    if order is SortOrder.OUTLET:
        # Stable: within an outlet, the date order stays.
        by_date.sort(key=lambda s: (s.outlet is None, (s.outlet or "").casefold()))
    return by_date
