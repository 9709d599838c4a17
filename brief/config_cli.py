"""The `brief config` command: the effective config file, checked, and where it is looked for."""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import sys
from typing import TextIO

from brief.core.config import check_keys, check_theme, config_path, load_config, render_toml


def known_bindings() -> dict[str, str]:
    """Every binding id of the UI with its default keys (``"j,down"``), sorted by id.

    Read from the ``BINDINGS`` of the classes in ``brief.ui`` without starting the app.
    """
    from textual.binding import Binding

    import brief.ui

    keys: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(brief.ui.__path__, "brief.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or "BINDINGS" not in vars(cls):
                continue
            for binding in Binding.make_bindings(vars(cls)["BINDINGS"]):
                if binding.id and not binding.system:
                    found = keys.setdefault(binding.id, [])
                    if binding.key not in found:
                        found.append(binding.key)
    return {binding_id: ",".join(keys[binding_id]) for binding_id in sorted(keys)}


def available_themes() -> list[str]:
    """The themes brief can use: Textual's own and any that brief's UI modules define."""
    from textual.theme import BUILTIN_THEMES, Theme

    import brief.ui

    names = list(BUILTIN_THEMES)
    for info in pkgutil.walk_packages(brief.ui.__path__, "brief.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, Theme) and value.name not in names:
                names.append(value.name)
    return names


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
