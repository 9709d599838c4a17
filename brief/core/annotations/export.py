"""Markdown export of annotations: a briefing grouped by source, the same input the same text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from brief.core.annotations.model import AnchorStatus
from brief.core.annotations.placement import Placement
from brief.core.colours import DEFAULT_COLOURS, Colour
from brief.core.model import PubDate, Source, as_date, date_sort_key

_LINE_START = re.compile(r"^(\s*)([#>+\-*]|\d+[.)])")


def _escape_start(line: str) -> str:
    """A line whose start Markdown would read as a heading, list or quote, escaped."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def _blockquote(text: str) -> list[str]:
    """The quoted text as a Markdown block quote (paragraphs kept)."""
    return [f"> {_escape_start(line)}" if line.strip() else ">" for line in text.split("\n")]


def _source_line(source: Source, user_date: PubDate | None) -> str:
    """Outlet, date and link of a source, separated by middle dots (what is known of them)."""
    parts: list[str] = []
    if source.outlet:
        parts.append(f"*{source.outlet}*")
    when = source.published or user_date
    if when is not None:
        by_reader = "" if source.published else " (date set by the reader)"
        parts.append(as_date(when).isoformat() + by_reader)
    if source.url:
        parts.append(f"<{source.url}>")
    return " · ".join(parts)


def _highlight(p: Placement, colours: Mapping[int, Colour]) -> list[str]:
    """One highlight: its quote, its note, its colour meaning and tags."""
    item = p.annotation
    lines = _blockquote(item.quote.exact)
    lines.append("")
    if item.note.strip():
        lines += [item.note.strip(), ""]
    colour = colours.get(item.color, DEFAULT_COLOURS[item.color])
    meta = f"*{colour.meaning}* ({colour.name})"
    if item.tags:
        meta += " · " + " ".join(f"#{tag}" for tag in item.tags)
    if p.status == AnchorStatus.AMBIGUOUS:
        meta += " · place uncertain"
    lines += [meta, ""]
    return lines


def _group_key(source: Source, dates: Mapping[str, PubDate]) -> tuple[int, datetime, str, str]:
    """Dated sources first, oldest first, then by title and id."""
    when = source.published or dates.get(source.id)
    if when is None:
        return 1, datetime.min, source.title.casefold(), source.id
    return 0, date_sort_key(when), source.title.casefold(), source.id


def to_markdown(
    placements: Sequence[Placement],
    colours: Mapping[int, Colour] = DEFAULT_COLOURS,
    dates: Mapping[str, PubDate] | None = None,
    title: str = "Notes",
) -> str:
    """A Markdown briefing: per source its title, outlet, date and link, then each highlight
    as a quote with its note, colour meaning and tags; orphans listed at the end.

    Sources are ordered by date (undated last), highlights by place; nothing depends on the
    clock or on the order of `placements`, so the same input always gives the same text.
    """
    dates = dates or {}
    groups: dict[str, tuple[Source, list[Placement]]] = {}
    lost: list[Placement] = []
    for p in placements:
        if p.annotation.deleted:
            continue
        if p.source is None or p.status == AnchorStatus.ORPHAN:
            lost.append(p)
            continue
        groups.setdefault(p.source.id, (p.source, []))[1].append(p)
    lines = [f"# {title}", ""]
    for source, items in sorted(groups.values(), key=lambda g: _group_key(g[0], dates)):
        lines += [f"## {source.title}", ""]
        about = _source_line(source, dates.get(source.id))
        if about:
            lines += [about, ""]
        items.sort(key=lambda p: (p.start or 0, p.end or 0, p.annotation.created, p.annotation.id))
        for p in items:
            lines += _highlight(p, colours)
    if lost:
        lines += ["## Orphans", "", "Highlights whose passage is no longer in their source.", ""]
        lost.sort(
            key=lambda p: (
                p.annotation.source.title.casefold(),
                p.annotation.created,
                p.annotation.id,
            )
        )
        for p in lost:
            lines += [f"From *{p.annotation.source.title}*:", ""]
            lines += _highlight(p, colours)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
