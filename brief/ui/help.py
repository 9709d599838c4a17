"""Help generated from the bindings themselves, for the help screen and the command palette."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class BindingRow:
    """One action a user can take, with every key bound to it."""

    group: str
    """Where the binding works ("Reader", "Sidebar", "Everywhere", ...)."""
    binding_id: str
    """The binding's id, used to remap it from the config file."""
    keys: str
    """The keys, as displayed, separated by " / "."""
    description: str
    """What the action does."""
    action: str
    """The action string run on `node`."""
    node: DOMNode
    """The object whose binding this is."""


def _key_rank(binding: Binding) -> tuple[int, str]:
    """Order keys for display: single characters, then space, then named keys."""
    if len(binding.key) == 1:
        return (0, binding.key)
    return (1 if binding.key == "space" else 2, binding.key)


def group_name(node: DOMNode) -> str:
    """The help group of a node: its HELP_GROUP attribute, else its class name."""
    return str(getattr(node, "HELP_GROUP", type(node).__name__))


def binding_rows(app: App[Any], nodes: list[DOMNode]) -> list[BindingRow]:
    """Rows for every binding with an id on the given nodes, keymap applied, in node order."""
    rows: list[BindingRow] = []
    for node in nodes:
        bindings_map = node._bindings.copy()
        if app._keymap:
            bindings_map.apply_keymap(app._keymap)
        by_id: dict[str, list[Binding]] = {}
        for _key, binding in bindings_map:
            if binding.id and not binding.system:
                by_id.setdefault(binding.id, []).append(binding)
        for binding_id, bindings in by_id.items():
            keys: list[str] = []
            # Letters first: they are what a touch typist reaches for.
            for binding in sorted(bindings, key=_key_rank):
                display = app.get_key_display(binding)
                if display not in keys:
                    keys.append(display)
            first = bindings[0]
            describe = getattr(node, "binding_description", None)
            custom = describe(first) if callable(describe) else None
            rows.append(
                BindingRow(
                    group=group_name(node),
                    binding_id=binding_id,
                    keys=" / ".join(keys),
                    description=custom or first.tooltip or first.description or first.action,
                    action=first.action,
                    node=node,
                )
            )
    return rows
