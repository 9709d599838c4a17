"""The `brief config` command: the effective config file, checked, and where it is looked for."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import TextIO

from brief.core.config import WIDTH_MAX, WIDTH_MIN, Config, check_theme, config_path, load_config
from brief.core.keymap import check_keys, default_keys
from brief.ui.catalogue import available_themes, known_bindings


def config_command(args: argparse.Namespace, out: TextIO) -> int:
    """`brief config`: print the effective config (``--show``) or the file's place (``--path``).

    With ``--show``, the problems go to stderr after the config, and the exit status is 2
    when there are any, so that scripts notice.
    """
    if args.path:
        path, chosen = config_path(args.config)
        out.write(f"{path}\n")
        if not path.exists():
            print(f"brief: {path} (from {chosen}) does not exist yet", file=sys.stderr)
        return 0
    known = known_bindings()
    config = check_theme(check_keys(load_config(args.config), known), available_themes())
    out.write(render_toml(config, known))
    out.flush()
    for problem in config.problems:
        print(f"brief: {problem}", file=sys.stderr)
    return 2 if config.problems else 0


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _origin(config: Config, option: str) -> str:
    return "from the file" if option in config.from_file else "default"


def render_toml(config: Config, known_ids: Mapping[str, str] | None = None) -> str:
    """The effective config as a TOML file: every option, each marked default or from the file.

    With `known_ids` (binding id → default keys), every binding is listed with its keys;
    without, only the remapped ones.
    """
    state = "read" if config.found else "not read: every value is a default"
    out = [
        "# brief's effective configuration.",
        f"# File: {config.path} ({state})",
        '# Each value says whether it is a "default" or "from the file".',
        "",
        f"# The reading column's measure at most, in columns ({WIDTH_MIN} to {WIDTH_MAX}).",
        f"reading_width = {config.reading_width}  # {_origin(config, 'reading_width')}",
        "",
        '# The theme: a Textual theme ("nord", "gruvbox", ...) or one of brief\'s own.',
    ]
    if config.theme is None:
        out.append('# theme = "nord"  # default: none set, the UI\'s default theme')
    else:
        out.append(f"theme = {_toml_string(config.theme)}  # {_origin(config, 'theme')}")
    out += ["", "# What `brief` opens with no PATH (~ expanded, relative to this file's folder)."]
    if config.default_pack is None:
        out.append('# default_pack = "~/briefings/today"  # default: the bundled briefing')
    else:
        pack = _toml_string(str(config.default_pack))
        out.append(f"default_pack = {pack}  # {_origin(config, 'default_pack')}")
    out += [
        "",
        "# What each highlight colour means, by number (1-5) or name.",
        "[colours]",
    ]
    for number, colour in config.colours.items():
        origin = _origin(config, f"colours.{number}")
        out.append(f"{number} = {_toml_string(colour.meaning)}  # {colour.name}, {origin}")
    out += [
        "",
        "# Keys by binding id (see `?` in brief): Textual key names, commas between keys.",
        "[keys]",
    ]
    ids = list(known_ids or {})
    ids += [binding_id for binding_id in config.keys if binding_id not in ids]
    for binding_id in ids:
        if binding_id in config.keys:
            keys, origin = config.keys[binding_id], _origin(config, f"keys.{binding_id}")
        else:
            keys, origin = default_keys((known_ids or {})[binding_id]), "default"
        out.append(f"{_toml_string(binding_id)} = {_toml_string(keys)}  # {origin}")
    return "\n".join(out) + "\n"
