"""The commands that read a pack: `brief list`, `show`, `search` and `timeline`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from brief.core.export import date_label, day_label, skipped_row, source_row
from brief.core.loader import MissingPathError, load_paths
from brief.core.model import Library, PubDate, Source
from brief.core.text import shorten
from brief.usage import UsageError, pack_paths

if TYPE_CHECKING:
    from brief.core.cache import LibraryCache


def _cache(use: bool) -> LibraryCache | None:
    """The library cache, or None for `--no-cache`."""
    from brief.core.cache import LibraryCache

    return LibraryCache() if use else None


def _read(paths: Sequence[Path], cache: LibraryCache | None) -> Library:
    """Read paths through the library cache (when given); its notices go to stderr."""
    try:
        return load_paths(paths, cache=cache)
    finally:
        if cache is not None:
            cache.close()
            for notice in cache.notices:
                print(f"brief: {notice}", file=sys.stderr)


def load_pack(paths: Sequence[str], cache: LibraryCache | None = None) -> Library:
    """Read the pack or raise UsageError for a path that does not exist."""
    try:
        return _read(pack_paths(paths), cache)
    except MissingPathError as error:
        raise UsageError(str(error)) from None


def print_json(row: object, out: TextIO) -> None:
    """One JSON object on a line of its own (what `--json` prints)."""
    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def list_sources(args: argparse.Namespace, out: TextIO) -> int:
    """`brief list`: one row per source, then the skipped files."""
    library = load_pack(args.paths, _cache(not args.no_cache))
    if args.json:
        for source in library.sources:
            print_json(source_row(source), out)
        for skipped in library.skipped:
            print_json(skipped_row(skipped), out)
        return 0
    for source in library.sources:
        outlet = shorten(source.outlet or "", 22)
        warn = f"  [{len(source.warnings)} warning(s)]" if source.warnings else ""
        title = shorten(source.title, 70)
        out.write(f"{source.id}  {date_label(source):10}  {outlet:22}  {title}{warn}\n")
    for skipped in library.skipped:
        out.write(f"skipped       {skipped.path}: {skipped.reason}\n")
    return 0


def resolve_sources(
    keys: Sequence[str], pack: Sequence[str], cache: LibraryCache | None = None
) -> list[Source]:
    """Sources named by file path or by id (looked up in the pack)."""
    found: list[Source] = []
    library: Library | None = None
    for key in keys:
        path = Path(key).expanduser()
        if path.exists():
            got = _read([path], cache)
            if not got.sources:
                reason = got.skipped[0].reason if got.skipped else "no readable text"
                raise UsageError(f"cannot read {key}: {reason}")
            found.extend(got.sources)
            continue
        if library is None:
            library = load_pack(pack, cache)
        source = library.find(key)
        if source is None:
            raise UsageError(f"no source with id or path {key!r} (see `brief list`)")
        found.append(source)
    return found


def _raw_lines(source: Source) -> list[str]:
    """The whole source with removed lines marked, for `brief show --raw`."""
    lines: list[str] = []
    for line in source.raw:
        if line.kept:
            lines.append(f"  {line.text}")
        else:
            reason = f"  [{line.reason}]" if line.reason else ""
            lines.append(f"- {line.text}{reason}")
    return lines


def show_sources(args: argparse.Namespace, out: TextIO) -> int:
    """`brief show`: the cleaned text of each source."""
    sources = resolve_sources(args.sources, args.pack or [], _cache(not args.no_cache))
    for index, source in enumerate(sources):
        if args.json:
            print_json(source_row(source, body=True), out)
            continue
        if index:
            out.write("\n" + "=" * 72 + "\n\n")
        if args.raw:
            out.write("\n".join(_raw_lines(source)) + "\n")
            continue
        out.write(source.title + "\n")
        meta = [source.outlet, source.author, date_label(source), source.url]
        out.write(" · ".join(m for m in meta if m) + "\n\n")
        out.write(source.body + "\n")
    return 0


def _user_dates(store: str | None) -> dict[str, PubDate]:
    """Dates the user set on undated sources, from the annotation store (notices on stderr)."""
    from brief.notes_cli import open_store

    return open_store(store).source_dates()


def show_timeline(args: argparse.Namespace, out: TextIO) -> int:
    """`brief timeline`: every dated event of the pack, one per line, oldest first."""
    from brief.core.timeline import Kind, timeline
    from brief.core.timeline.labels import RangeError, TimelineFilter, parse_range
    from brief.core.timeline.labels import date_label as event_date

    cache = _cache(not args.no_cache)
    library = load_pack(args.paths, cache)
    try:
        after, before = parse_range(args.range or "")
    except RangeError as error:
        raise UsageError(str(error)) from None
    wanted = TimelineFilter(kinds={Kind(k) for k in args.kind or []}, after=after, before=before)
    titles = {source.id: source.title for source in library.sources}
    events = timeline(library.sources, _user_dates(args.store), cache)
    if cache is not None:
        cache.close()
    for event in wanted.apply(events):
        if args.json:
            print_json(event.to_json(), out)
            continue
        where = shorten(titles.get(event.source, event.source), 40)
        text = f"“{event.phrase}”: {shorten(event.sentence, 160)}" if event.phrase else "published"
        out.write(f"{event_date(event):19}  {event.kind.value:9}  {where}  {text}\n")
    return 0


def search_pack(args: argparse.Namespace, out: TextIO) -> int:
    """`brief search`: ranked passages matching a query (and the user's notes), best first."""
    from brief.core.annotations.notefield import NOTE_FIELD, NoteField
    from brief.core.annotations.placement import place
    from brief.core.search import DEFAULT_FIELDS, Searcher, SearchIndex, parse_query
    from brief.notes_cli import open_store

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    library = load_pack(args.paths, _cache(not args.no_cache))
    query = parse_query(args.query)
    for problem in query.problems:
        print(f"brief: {problem}", file=sys.stderr)
    notes = NoteField(place(open_store(args.store).annotations(), library.sources))
    searcher = Searcher(SearchIndex(library.sources, (*DEFAULT_FIELDS, notes.field)))
    for hit in searcher.search(query, limit=args.limit or 20):
        if args.json:
            print_json(hit.to_dict(), out)
            continue
        when = day_label(hit.published)
        head = " · ".join(p for p in (shorten(hit.title, 60), hit.outlet, when) if p)
        where = " (in a note)" if hit.field == NOTE_FIELD else ""
        out.write(f"{hit.source_id}  {head}{where}\n    {shorten(hit.passage, 200)}\n")
    return 0
