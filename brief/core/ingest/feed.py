"""RSS and Atom feeds: each item becomes a source of its own."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from brief.core.dates import parse_date
from brief.core.ingest.common import new_source, outlet_from_url
from brief.core.ingest.htmlfrag import any_to_blocks, clean_inline
from brief.core.model import Format, PubDate, Source


def _when(entry: Any, key: str) -> PubDate | None:
    """A feed entry's date: the raw text first (keeps its offset), then feedparser's UTC tuple."""
    found = parse_date(entry.get(key))
    if found is not None:
        return found
    parsed = entry.get(f"{key}_parsed")
    if parsed:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return None


def read(content: str, path: Path) -> list[Source]:
    """Sources from an RSS or Atom feed (feedparser is tolerant of broken feeds)."""
    import feedparser

    with warnings.catch_warnings():
        # feedparser warns about its own updated/published fallback; we ask for each by name.
        warnings.simplefilter("ignore", DeprecationWarning)
        return _read(feedparser.parse(content, resolve_relative_uris=False), path)


def _read(parsed: Any, path: Path) -> list[Source]:
    """Sources from a parsed feed."""
    channel = parsed.get("feed", {})
    outlet = clean_inline(str(channel.get("title", ""))) or outlet_from_url(channel.get("link"))
    sources: list[Source] = []
    for entry in parsed.get("entries", []):
        body = ""
        if entry.get("content"):
            body = max((str(part.get("value", "")) for part in entry["content"]), key=len)
        summary = str(entry.get("summary", ""))
        if len(summary) > len(body):
            body = summary
        link = str(entry.get("link", "")) or None
        source = new_source(
            path,
            Format.FEED,
            clean_inline(str(entry.get("title", ""))) or None,
            any_to_blocks(body),
            published=_when(entry, "published") or _when(entry, "created"),
            updated=_when(entry, "updated"),
            outlet=outlet or outlet_from_url(link),
            author=clean_inline(str(entry.get("author", ""))) or None,
            url=link,
            language=str(channel.get("language", ""))[:2].lower() or None,
        )
        sources.append(source)
    if parsed.get("bozo") and sources:
        for source in sources:
            source.warnings.append("feed is not well-formed: read what could be read")
    return sources
