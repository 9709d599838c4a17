"""The `brief notes` commands: list, export, add and remove annotations from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from brief.core.annotations.export import to_markdown
from brief.core.annotations.model import AnchorStatus, Annotation
from brief.core.annotations.placement import Placement, place, placement_to_json, recorded_paths
from brief.core.annotations.store import (
    AnnotationNotFoundError,
    AnnotationStore,
    QuoteNotFoundError,
    StoreError,
    default_store_path,
)
from brief.core.colours import Colour, colour_scheme
from brief.core.loader import load_paths
from brief.core.model import Library, Source
from brief.core.text import sanitize, shorten
from brief.library_cli import load_pack, print_json, resolve_sources
from brief.usage import UsageError


def _reason(error: OSError) -> str:
    """An OS error in a few words ("Permission denied")."""
    return error.strerror or str(error)


def open_store(explicit: str | None) -> AnnotationStore:
    """The store named by ``--store``, ``$BRIEF_STORE`` or the default; notices go to stderr."""
    path = default_store_path(explicit)
    try:
        store = AnnotationStore(path)
    except OSError as error:
        raise UsageError(f"cannot read the annotation store {path}: {_reason(error)}") from None
    for notice in store.notices:
        print(f"brief: {notice}", file=sys.stderr)
    return store


def _writable(store: AnnotationStore, doing: str) -> None:
    """UsageError when the store refuses changes (it was written by a newer brief)."""
    if store.read_only:
        raise UsageError(
            f"cannot {doing}: {store.path} was written by a newer brief and is open read-only"
        )


def _under(recorded: str, roots: Sequence[Path]) -> bool:
    """True when the recorded file path lies in (or is) one of the given paths."""
    path = Path(recorded)
    return any(path.is_relative_to(root) for root in roots)


def _placements(store: AnnotationStore, paths: Sequence[str]) -> list[Placement]:
    """The annotations to list: those on the sources read from `paths`, else all of them.

    With no path, the files the annotations were recorded on are read again; annotations
    whose file is gone (or no longer holds their source) are listed as orphans.
    """
    items = store.annotations()
    if not paths:
        existing = [p for p in recorded_paths(items) if os.path.lexists(p)]
        library = load_paths(existing) if existing else Library()
        return place(items, library.sources)
    library = load_pack(paths)
    roots: list[Path] = []
    for given in paths:
        path = Path(given).expanduser()
        roots += [path.absolute(), path.resolve()]
    return [
        p
        for p in place(items, library.sources)
        if p.source is not None or _under(p.annotation.source.path, roots)
    ]


def _where(p: Placement) -> str:
    """The source of a placement: title · id · path, and why it is missing if it is."""
    ref = p.annotation.source
    if p.source is not None:
        return " · ".join((shorten(p.source.title, 70), p.source.id, str(p.source.path)))
    gone = "file missing" if not os.path.lexists(ref.path) else "not found in its file"
    where = " · ".join((shorten(sanitize(ref.title), 70), ref.source_id, sanitize(ref.path)))
    return f"{where}  ({gone})"


def _describe(p: Placement, colours: Mapping[int, Colour]) -> list[str]:
    """A placement as a few lines of text: id, status, colour and tags; source; quote; note."""
    item = p.annotation
    status = p.status.value
    if p.start is not None:
        status += f" {p.start}-{p.end}"
    if p.status == AnchorStatus.AMBIGUOUS and len(p.anchor.candidates) > 1:
        status += f" ({len(p.anchor.candidates)} places)"
    colour = colours[item.color]
    head = [item.id, status, f"{item.color} {colour.name} ({colour.meaning})"]
    if item.tags:
        head.append(" ".join(f"#{sanitize(tag)}" for tag in item.tags))
    quote = shorten(sanitize(item.quote.exact), 300)
    lines = ["  ".join(head), f"    {_where(p)}", f"    > {quote}"]
    lines += [f"    {line}" for line in sanitize(item.note).strip().splitlines()]
    return lines


def list_notes(args: argparse.Namespace, out: TextIO) -> int:
    """`brief notes [PATH...]`: the annotations as text, JSON Lines or a Markdown briefing."""
    store = open_store(args.store)
    placed = _placements(store, args.paths)
    colours = colour_scheme()
    if args.markdown:
        out.write(to_markdown(placed, colours, store.source_dates()))
        return 0
    if args.json:
        for p in placed:
            print_json(placement_to_json(p, colours), out)
        return 0
    if not placed:
        out.write(f"No annotations (store: {store.path}).\n")
    for index, p in enumerate(placed):
        out.write(("\n" if index else "") + "\n".join(_describe(p, colours)) + "\n")
    return 0


def parse_colour(text: str, colours: Mapping[int, Colour]) -> int:
    """A colour number from "1"-"5" or a colour name; UsageError otherwise."""
    key = text.strip().lower()
    for colour in colours.values():
        if key in (str(colour.number), colour.name):
            return colour.number
    known = ", ".join(f"{c.number} {c.name} ({c.meaning})" for c in colours.values())
    raise UsageError(f"--color must be 1-5 or a colour name, not {text!r}: {known}")


def _store_failure(store: AnnotationStore, error: Exception) -> UsageError:
    """A failed change to the store as a one-line usage error."""
    if isinstance(error, OSError):
        return UsageError(f"cannot write the annotation store {store.path}: {_reason(error)}")
    return UsageError(str(error))


def add_note(args: argparse.Namespace, out: TextIO) -> int:
    """`brief notes add`: highlight the first place a quote occurs; print the new id.

    Exit status 1 when the quote does not occur in the source.
    """
    colours = colour_scheme()
    color = parse_colour(args.color, colours) if args.color is not None else 1
    if not args.quote:
        raise UsageError("--quote must not be empty")
    store = open_store(args.store)
    _writable(store, "add the highlight")
    sources: list[Source] = resolve_sources([args.source], args.pack or [])
    for source in sources:
        try:
            change = store.add_quote(source, args.quote, note=args.note or "", color=color)
        except QuoteNotFoundError:
            continue
        except (StoreError, OSError) as error:
            raise _store_failure(store, error) from None
        out.write(change.id + "\n")
        return 0
    where = (
        repr(sources[0].title)
        if len(sources) == 1
        else f"any of the {len(sources)} sources in {args.source}"
    )
    print(f"brief: the quote does not occur in {where}", file=sys.stderr)
    return 1


def _removed_line(item: Annotation) -> str:
    """What `brief notes rm` prints for a removed annotation."""
    quote = shorten(sanitize(item.quote.exact), 80)
    title = shorten(sanitize(item.source.title), 60)
    return f"removed {item.id}  > {quote}  ({title})"


def remove_notes(args: argparse.Namespace, out: TextIO) -> int:
    """`brief notes rm ID...`: remove annotations (every id is checked before any is removed)."""
    store = open_store(args.store)
    _writable(store, "remove")
    try:
        found = [store.get(key) for key in args.ids]
    except AnnotationNotFoundError as error:
        raise UsageError(f"{error} (see `brief notes`)") from None
    for key, item in {item.id: item for item in found}.items():
        try:
            store.remove(key)
        except (StoreError, OSError) as error:
            raise _store_failure(store, error) from None
        out.write(_removed_line(item) + "\n")
    return 0
