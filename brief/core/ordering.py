"""The orders a briefing's sources can be listed in."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from brief.core.model import Source


class SortOrder(StrEnum):
    """How the sidebar orders sources."""

    DATE = "date"
    TITLE = "title"
    OUTLET = "outlet"

    def next(self) -> SortOrder:
        """The order after this one, cycling."""
        members = list(SortOrder)
        return members[(members.index(self) + 1) % len(members)]


def _newest_first(source: Source) -> tuple[int, float, str]:
    """Key: dated before undated, newest first, then title."""
    when = source.sort_date
    if when is None:
        return (1, 0.0, source.title.casefold())
    stamp = (when - datetime(1, 1, 1)).total_seconds()
    return (0, -stamp, source.title.casefold())


def sort_sources(sources: list[Source], order: SortOrder) -> list[Source]:
    """The sources in the given order (a new list; ties broken by title, then id)."""
    if order is SortOrder.TITLE:
        return sorted(sources, key=lambda s: (s.title.casefold(), s.id))
    if order is SortOrder.OUTLET:
        return sorted(
            sources,
            key=lambda s: (s.outlet is None, (s.outlet or "").casefold(), _newest_first(s), s.id),
        )
    return sorted(sources, key=lambda s: (_newest_first(s), s.id))
