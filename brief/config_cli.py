"""The `brief config` command: the effective config file, checked, and where it is looked for."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from brief.core.config import check_keys, check_theme, config_path, load_config, render_toml
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
