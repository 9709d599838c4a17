"""What the UI offers a config file: every binding id with its default keys, and the themes."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.theme import BUILTIN_THEMES, Theme

import brief.ui


def known_bindings() -> dict[str, str]:
    """Every binding id of the UI with its default keys (``"j,down"``), sorted by id.

    Read from the ``BINDINGS`` of the classes in ``brief.ui`` without starting the app.
    """
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
    names = list(BUILTIN_THEMES)
    for info in pkgutil.walk_packages(brief.ui.__path__, "brief.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, Theme) and value.name not in names:
                names.append(value.name)
    return names
