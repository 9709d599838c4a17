"""Sources as rows for the command line: JSON-ready dicts and plain-text lines."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from brief.core.model import PubDate, Skipped, Source, as_date, iso


def source_row(source: Source, *, body: bool = False) -> dict[str, Any]:
    """A source's metadata (and body, when asked) as a JSON-ready dict."""
    row: dict[str, Any] = {
        "id": source.id,
        "path": str(source.path),
        "title": source.title,
        "outlet": source.outlet,
        "author": source.author,
        "url": source.url,
        "published": iso(source.published),
        "updated": iso(source.updated),
        "format": source.format.value,
        "language": source.language,
        "words": source.words,
        "warnings": list(source.warnings),
    }
    if body:
        row["body"] = source.body
    return row


def skipped_row(skipped: Skipped) -> dict[str, Any]:
    """A skipped file as a JSON-ready dict."""
    return {"path": str(skipped.path), "skipped": skipped.reason}


def day_label(value: PubDate | None) -> str:
    """A day as YYYY-MM-DD, or "undated"."""
    return "undated" if value is None else as_date(value).isoformat()


def date_label(source: Source) -> str:
    """The source's publication day as YYYY-MM-DD, or "undated"."""
    return day_label(source.published)


def human_date(value: PubDate) -> str:
    """A date as people write it: "27 Feb 2021", with "09:32" when the time is known."""
    day = f"{value.day} {value.strftime('%b %Y')}"
    if isinstance(value, datetime) and (value.hour or value.minute):
        return f"{day} {value.strftime('%H:%M')}"
    return day


def meta_line(source: Source, user_date: PubDate | None = None) -> str:
    """The reader's metadata line: outlet · author · published (updated …) · link."""
    parts = [source.outlet or "", source.author or ""]
    if source.published is None and user_date is not None:
        parts.append(f"{human_date(user_date)} (date set by you)")
    elif source.published is not None:
        when = human_date(source.published)
        if source.updated is not None:
            when += f" (updated {human_date(source.updated)})"
        parts.append(when)
    else:
        parts.append("undated")
    parts.append(source.url or "")
    return " · ".join(part for part in parts if part)


def citation(source: Source, quote: str, user_date: PubDate | None = None) -> str:
    """A quote with where it comes from, for pasting into a report.

    “…quote…”
    — Title, Outlet, 27 Feb 2021, https://…
    """
    when = source.published or user_date
    parts = [source.title, source.outlet or "", human_date(when) if when else "", source.url or ""]
    return f"“{quote.strip()}”\n— " + ", ".join(part for part in parts if part)
