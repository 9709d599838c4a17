"""The orders a briefing's sources can be listed in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

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


def _newest_first(
    source: Source, dates: Mapping[str, PubDate] | None = None
) -> tuple[int, float, str]:
    """Key: dated before undated, newest first, then title (user-set dates count)."""
    when = source.sort_date
    if when is None and dates and source.id in dates:
        when = date_sort_key(dates[source.id])
    if when is None:
        return (1, 0.0, source.title.casefold())
    stamp = (when - datetime(1, 1, 1)).total_seconds()
    return (0, -stamp, source.title.casefold())


def sort_sources(
    sources: list[Source], order: SortOrder, dates: Mapping[str, PubDate] | None = None
) -> list[Source]:
    """The sources in the given order (a new list; ties broken by title, then id).

    `dates` holds dates the user set on undated sources; they order like published dates.
    """
    if order is SortOrder.TITLE:
        return sorted(sources, key=lambda s: (s.title.casefold(), s.id))
    if order is SortOrder.OUTLET:
        return sorted(
            sources,
            key=lambda s: (
                s.outlet is None,
                (s.outlet or "").casefold(),
                _newest_first(s, dates),
                s.id,
            ),
        )
    return sorted(sources, key=lambda s: (_newest_first(s, dates), s.id))
