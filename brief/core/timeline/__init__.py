"""The timeline core: dated events of sources, resolved against their publication dates."""

from __future__ import annotations

from brief.core.timeline.events import (
    Event,
    EventStore,
    Kind,
    Mention,
    extract,
    find_mentions,
    published_event,
    source_events,
    timeline,
)
from brief.core.timeline.values import Precision, Value

__all__ = [
    "Event",
    "EventStore",
    "Kind",
    "Mention",
    "Precision",
    "Value",
    "extract",
    "find_mentions",
    "published_event",
    "source_events",
    "timeline",
]
