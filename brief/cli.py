"""The command line: argument parsing only; it calls the core or starts the app."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from brief import __version__
from brief.core import collector
from brief.core.config import load_config
from brief.core.paths import MissingPathError, check_paths
from brief.usage import UsageError, pack_paths

if TYPE_CHECKING:
    import argparse

    from brief.core.timeline import Kind

COMMANDS = ("list", "show", "timeline", "search", "notes", "config")
NOTES_ACTIONS = ("list", "add", "rm")
"""The words that can follow `brief notes` (any other word is a PATH)."""

NOTES_USAGE = """brief notes [PATH...] [--json | --markdown] [--store PATH]
       brief notes add SOURCE --quote TEXT [--note TEXT] [--color N] [--in PATH] [--store PATH]
       brief notes rm ID... [--store PATH]"""

NOTES_HELP = """Highlights and notes, from the annotation store (--store, $BRIEF_STORE, or the
user data folder).

  brief notes [PATH...]   every annotation, with its source, quote, note, colour, tags and
                          anchoring (anchored, moved, ambiguous or orphan) with its offsets;
                          with PATHs, only those on the sources read from them. With no
                          PATH, the files the annotations were made on are read again (those
                          gone leave their annotations orphans). `brief notes list` is the same.
  brief notes add SOURCE --quote TEXT
                          highlight the first place TEXT occurs in the source's cleaned text
                          and print the new id (see `brief notes add --help`)
  brief notes rm ID...    remove annotations by id or unique id prefix

Exit status: 0 done; 1 the quote does not occur in the source; 2 any other error (unknown
source or id, bad colour, a store written by a newer brief, which is read-only)."""


def timeline_kinds() -> list[Kind]:
    """The kinds of timeline event (imported here: the timeline's modules are slow to import)."""
    from brief.core.timeline import Kind

    return list(Kind)


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    """`brief list` (the handler is in brief.library_cli, as are the others reading a pack)."""
    from brief.library_cli import list_sources

    return list_sources(args, out)


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    """`brief show`."""
    from brief.library_cli import show_sources

    return show_sources(args, out)


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    """`brief timeline`."""
    from brief.library_cli import show_timeline

    return show_timeline(args, out)


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    """`brief search`."""
    from brief.library_cli import search_pack

    return search_pack(args, out)


def cmd_notes(args: argparse.Namespace, out: TextIO) -> int:
    """`brief notes` and its actions (the handlers are in brief.notes_cli)."""
    from brief import notes_cli

    handlers = {
        "list": notes_cli.list_notes,
        "add": notes_cli.add_note,
        "rm": notes_cli.remove_notes,
    }
    return handlers[args.action](args, out)


def cmd_config(args: argparse.Namespace, out: TextIO) -> int:
    """`brief config`: the effective config file (the handler is in brief.config_cli)."""
    from brief.config_cli import config_command

    return config_command(args, out)


def _store_option(parser: argparse.ArgumentParser) -> None:
    """The --store option of the commands that read the annotation store."""
    parser.add_argument(
        "--store", metavar="PATH", help="the annotation store (default: $BRIEF_STORE, else the "
        "user data folder)",
    )  # fmt: skip


def _notes_list_options(notes: argparse.ArgumentParser) -> None:
    """The arguments of `brief notes [PATH...]` (its help explains the actions too)."""
    notes.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    form = notes.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per annotation")
    form.add_argument("--markdown", action="store_true", help="a Markdown briefing to paste")
    _store_option(notes)
    notes.set_defaults(handler=cmd_notes, action="list")


def build_notes_parser(action: str) -> argparse.ArgumentParser:
    """The arguments of `brief notes add` or `brief notes rm`."""
    import argparse  # here, not at the top: `brief` alone starts without it

    parser = argparse.ArgumentParser(prog=f"brief notes {action}")
    if action == "add":
        parser.description = (
            "Highlight the first place the quote occurs in the source's cleaned text (as "
            "`brief show` prints it) and print the new id. Exit status 1 when it does not occur."
        )
        parser.add_argument(
            "source", metavar="SOURCE",
            help="a file or folder path, or a source id or unique id prefix (see `brief list`)",
        )  # fmt: skip
        parser.add_argument(
            "--quote", required=True, metavar="TEXT", help="the exact text to highlight"
        )
        parser.add_argument("--note", metavar="TEXT", help="a note; words starting with # are tags")
        parser.add_argument(
            "--color", "--colour", metavar="N",
            help="1 yellow (key point, the default), 2 green (agree), 3 red (doubt), "
            "4 blue (to check), 5 purple (quote); a number or a name",
        )  # fmt: skip
        parser.add_argument(
            "--in", dest="pack", action="append", metavar="PATH",
            help="where to look up ids (default: the bundled briefing)",
        )  # fmt: skip
    else:
        parser.description = "Remove annotations (each id is checked before any is removed)."
        parser.add_argument("ids", nargs="+", metavar="ID", help="an id or unique id prefix")
    _store_option(parser)
    parser.set_defaults(handler=cmd_notes, action=action)
    return parser


def _parse_notes(parser: argparse.ArgumentParser, rest: list[str]) -> argparse.Namespace:
    """Parse what follows `brief notes`: its first word may be an action, else they are PATHs."""
    index = 0
    while index < len(rest) and rest[index].startswith("-") and rest[index] != "--":
        index += 2 if rest[index] == "--store" else 1
    action = rest[index] if index < len(rest) else None
    if action not in NOTES_ACTIONS:
        return parser.parse_args(["notes", *rest])
    others = rest[:index] + rest[index + 1 :]
    if action == "list":
        return parser.parse_args(["notes", *others])
    return build_notes_parser(action).parse_args(others)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    import argparse  # here, not at the top: `brief` alone starts without it

    parser = argparse.ArgumentParser(
        prog="brief",
        description="A terminal briefing reader. `brief [PATH...]` opens the reading room "
        "(the bundled briefing when no path is given).",
    )
    parser.add_argument("--version", action="version", version=f"brief {__version__}")
    sub = parser.add_subparsers(dest="command")
    listing = sub.add_parser("list", help="list the sources of a pack")
    listing.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=cmd_list)
    show = sub.add_parser("show", help="print the cleaned text of sources")
    show.add_argument("sources", nargs="+", metavar="SOURCE", help="a file path or an id")
    show.add_argument("--json", action="store_true", help="one JSON object per source")
    show.add_argument("--raw", action="store_true", help="the whole source, removed lines marked")
    show.add_argument(
        "--in", dest="pack", action="append", metavar="PATH",
        help="where to look up ids (default: the bundled briefing)",
    )  # fmt: skip
    show.set_defaults(handler=cmd_show)
    find = sub.add_parser(
        "search", help="ranked passages (and your notes) matching a query, typos forgiven"
    )
    find.add_argument(
        "query",
        metavar="QUERY",
        help='words, a "quoted phrase", outlet: author: after: before: filters',
    )
    find.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    find.add_argument("--json", action="store_true", help="one JSON object per hit")
    find.add_argument("--limit", type=int, metavar="N", help="at most N hits (default 20)")
    _store_option(find)
    find.set_defaults(handler=cmd_search)
    line = sub.add_parser("timeline", help="every dated event in the pack, oldest first")
    line.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    line.add_argument("--json", action="store_true", help="one JSON object per event")
    line.add_argument("--kind", action="append", choices=[k.value for k in timeline_kinds()],
                      help="only events of this kind (repeatable)")  # fmt: skip
    line.add_argument("--range", metavar="DATES", help='e.g. "2021", "2019 to 2021", "after 2020"')
    line.add_argument("--store", metavar="PATH", help="the annotation store (dates you set)")
    line.set_defaults(handler=cmd_timeline)
    _notes_list_options(
        sub.add_parser(
            "notes", help="list, export, add or remove highlights and notes", usage=NOTES_USAGE,
            description=NOTES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    )  # fmt: skip
    config = sub.add_parser(
        "config", help="print the effective config file, or where it is looked for",
        description="Print the effective configuration as TOML, every option with where its "
        "value came from (default or the file), then the file's problems on stderr (exit "
        "status 2 when there are any). The file: --config PATH, else $BRIEF_CONFIG, else "
        "config.toml in the user config folder.",
    )  # fmt: skip
    what = config.add_mutually_exclusive_group()
    what.add_argument("--show", action="store_true", help="the effective config (the default)")
    what.add_argument("--path", action="store_true", help="where the config file is looked for")
    config.add_argument("--config", metavar="PATH", help="the config file to read")
    config.set_defaults(handler=cmd_config)
    for command in (listing, show, find, line):
        _add_cache_flag(command)
    return parser


def _add_cache_flag(parser: argparse.ArgumentParser) -> None:
    """`--no-cache`: read every file, neither using nor writing the library cache."""
    parser.add_argument(
        "--no-cache", action="store_true", help="read every file; neither use nor write the cache"
    )


def build_app_parser() -> argparse.ArgumentParser:
    """The arguments of `brief [PATH...]`, which opens the reading room."""
    import argparse  # here, not at the top: `brief` alone starts without it

    parser = argparse.ArgumentParser(prog="brief")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    parser.add_argument("--store", metavar="PATH", help="the annotation store")
    parser.add_argument(
        "--config", metavar="PATH", help="the config file (default: $BRIEF_CONFIG, else "
        "~/.config/brief/config.toml)",
    )  # fmt: skip
    _add_cache_flag(parser)
    return parser


def _open_app(
    paths: Sequence[str],
    store: str | None = None,
    config_file: str | None = None,
    cached: bool = True,
) -> int:
    """Start the reading room on the given paths (else the config's default pack)."""
    config = load_config(config_file)
    try:
        library_paths = pack_paths(paths, config)
        check_paths(library_paths)
    except MissingPathError as error:
        raise UsageError(str(error)) from None
    collector.pause()  # the app resumes it after its first frame
    try:
        from brief.ui.app import BriefApp

        BriefApp(library_paths, Path(store) if store else None, config, cache=cached).run()
    finally:
        collector.resume()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `brief` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            parser = build_parser()
            notes = argv[0] == "notes"
            args = _parse_notes(parser, argv[1:]) if notes else parser.parse_args(argv)
            return int(args.handler(args, sys.stdout))
        if not argv:  # the bundled briefing or the config's default pack: no parser needed
            return _open_app([])
        if any(arg in ("-h", "--help", "--version") for arg in argv):
            build_parser().parse_args(argv)
        opened = build_app_parser().parse_args(argv)
        return _open_app(opened.paths, opened.store, opened.config, not opened.no_cache)
    except UsageError as error:
        print(f"brief: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
