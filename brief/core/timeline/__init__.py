"""The timeline core: dated events of sources, resolved against their publication dates.

The names below are imported from their modules when first used (the date parser behind
them is slow to import), so importing this package, or one of its light modules such as
`lexicon`, costs next to nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {name: "values" if name in ("Precision", "Value") else "events" for name in __all__}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
