"""What the commands share: the usage error and the paths a command reads.

Kept apart from `brief.cli`, which runs as ``__main__`` under ``python -m brief.cli``: the
commands' modules import these from here, so an error raised there is the one the entry point
catches.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from brief.core.config import Config, load_config


class UsageError(Exception):
    """A command-line mistake: reported on stderr with exit status 2."""


def pack_paths(paths: Sequence[str], config: Config | None = None) -> list[Path]:
    """The paths to open: those given, else the config's default pack, else the bundled one.

    The config file's problems are reported on stderr when it is read for the default pack.
    """
    if paths:
        return [Path(p).expanduser() for p in paths]
    if config is None:
        config = load_config()
        for problem in config.problems:
            print(f"brief: {problem}", file=sys.stderr)
    return [config.pack()]
