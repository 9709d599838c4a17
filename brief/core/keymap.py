"""Key remaps from the config file: key names in Textual's form, and remaps that clash."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace

from brief.core.config import Config

KEY_CONTEXTS: tuple[tuple[str, ...], ...] = (
    ("reader", "main", "annotate", "app"),
    ("sidebar", "main", "annotate", "app"),
    ("timeline", "app"),
    ("search", "app"),
    ("annotations", "app"),
    ("note", "app"),
    ("setdate", "app"),
    ("help", "app"),
)
"""Binding-id prefixes whose keys work at the same time (the reading room with the reader
focused, or with the sidebar focused; each other screen): two ids clash only when they share
a key inside one of these. A prefix listed nowhere forms a context with ``app``."""

_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED_KEYS = frozenset(
    ("up", "down", "left", "right", "home", "end", "pageup", "pagedown", "insert", "delete",
     "backspace", "tab", "enter", "escape", "space", *(f"f{n}" for n in range(1, 25)))
)  # fmt: skip
_KEY_ALIASES = {
    "esc": "escape",
    "return": "enter",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "del": "delete",
    "ins": "insert",
    "⏎": "enter",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
}
# Textual names keys for punctuation after the character's Unicode name, with these short forms.
_CHAR_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def _char_key(character: str) -> str:
    """Textual's name for the key of one character: letters and digits as they are, else
    the character's Unicode name ("question_mark", "right_parenthesis", "slash")."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        name = "tab" if character == "\t" else character
    return _CHAR_NAME_REPLACEMENTS.get(name, name)


_CHAR_KEY_NAMES = frozenset(_char_key(chr(code)) for code in range(33, 127))


def _is_char_name(name: str) -> bool:
    """True for Textual's name of a character key ("question_mark", "pound_sign")."""
    if name in _CHAR_KEY_NAMES:
        return True
    original = {short: long for long, short in _CHAR_NAME_REPLACEMENTS.items()}.get(name, name)
    try:
        character = unicodedata.lookup(original.replace("_", " "))
    except KeyError:
        return False
    return character.isprintable() and not character.isspace()


def normalise_key(key: str) -> str:
    """One key in Textual's form: ``"?"`` → ``"question_mark"``, ``"esc"`` → ``"escape"``,
    ``"^f"`` → ``"ctrl+f"``, ``"Ctrl+X"`` → ``"ctrl+X"``. ValueError for an unknown key."""
    text = key.strip()
    if not text:
        raise ValueError("an empty key")
    if len(text) == 1:
        return _KEY_ALIASES.get(text) or _char_key(text)
    if text.startswith("^") and len(text) == 2:
        text = "ctrl+" + text[1]
    *modifiers, base = text.split("+")
    if not base and modifiers:  # "ctrl++": the plus key
        modifiers, base = modifiers[:-1], "+"
    for modifier in modifiers:
        if modifier.strip().lower() not in _MODIFIERS:
            raise ValueError(
                f"unknown modifier {modifier!r} in {key!r} (use {', '.join(_MODIFIERS)})"
            )
    base = base.strip()
    if len(base) == 1:
        base = _KEY_ALIASES.get(base) or _char_key(base)
    else:
        lower = _KEY_ALIASES.get(base.lower(), base.lower())
        if lower not in _NAMED_KEYS and not _is_char_name(lower):
            raise ValueError(f"unknown key {base!r}")
        base = lower
    return "+".join([*(m.strip().lower() for m in modifiers), base])


def normalise_keys(keys: str | Sequence[str]) -> str:
    """Keys in Textual's keymap form (``"j,down"``) from ``"j, down"`` or ``["j", "↓"]``.

    Raises ValueError naming the first key that is not one.
    """
    items = keys.split(",") if isinstance(keys, str) else list(keys)
    result: list[str] = []
    for item in items:
        name = normalise_key(item)
        if name not in result:
            result.append(name)
    if not result:
        raise ValueError("no key")
    return ",".join(result)


def default_keys(keys: str) -> str:
    """Default keys in the normalised form, in their order (names not known kept as given)."""
    names: list[str] = []
    for item in keys.split(","):
        try:
            name = normalise_key(item)
        except ValueError:
            name = item.strip()
        if name not in names:
            names.append(name)
    return ",".join(names)


def _key_set(keys: str) -> set[str]:
    """The keys of a keymap string, normalised where possible (defaults are trusted)."""
    return set(default_keys(keys).split(","))


def _contexts_of(prefix: str, contexts: Sequence[Sequence[str]]) -> list[Sequence[str]]:
    """The contexts an id prefix belongs to (its own with ``app`` when listed nowhere)."""
    return [c for c in contexts if prefix in c] or [(prefix, "app")]


def _together(first: str, second: str, contexts: Sequence[Sequence[str]]) -> bool:
    """True when two binding ids work at the same time (same prefix, or a shared context)."""
    a, b = first.partition(".")[0], second.partition(".")[0]
    shared = [*_contexts_of(a, contexts), *_contexts_of(b, contexts)]
    return a == b or any(a in context and b in context for context in shared)


def _first_clash(
    keys: Mapping[str, str],
    defaults: Mapping[str, set[str]],
    contexts: Sequence[Sequence[str]],
) -> tuple[str, str, str] | None:
    """(configured id, other id, key) of the first clash the remaps make, in file order."""
    effective = {i: _key_set(keys[i]) if i in keys else default for i, default in defaults.items()}
    for first in keys:
        for key in sorted(effective[first]):
            for other, other_keys in effective.items():
                if other == first or key not in other_keys:
                    continue
                if key in defaults[first] and key in defaults[other]:
                    continue  # they share it by default: the UI decides by focus
                if _together(first, other, contexts):
                    return first, other, key
    return None


def check_keys(
    config: Config,
    known_ids: Mapping[str, str],
    contexts: Sequence[Sequence[str]] = KEY_CONTEXTS,
) -> Config:
    """The config with its key remaps checked against the UI's bindings.

    `known_ids` maps every binding id to its default keys (``"j,down"``). A remap of an
    unknown id is dropped with a problem. Two ids clash when, after the remaps, they share a
    key and work at the same time (see `KEY_CONTEXTS`), unless both had it by default: the
    remap that made the clash is dropped (of two remaps, the later in the file), so that id
    keeps its default keys; remaps that swap keys are fine.
    """
    result = replace(
        config, keys={}, problems=list(config.problems), from_file=set(config.from_file)
    )
    for binding_id, keys in config.keys.items():
        if binding_id in known_ids:
            result.keys[binding_id] = keys
            continue
        close = difflib.get_close_matches(binding_id, list(known_ids), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        result.problem(f"keys.{binding_id}", f"unknown binding id {binding_id!r}{hint}; ignored")
        result.from_file.discard(f"keys.{binding_id}")
    defaults = {binding_id: _key_set(keys) for binding_id, keys in known_ids.items()}
    while clash := _first_clash(result.keys, defaults, contexts):
        first, other, key = clash
        if other in result.keys:
            dropped, why = other, f"already given to {first} above"
        else:
            dropped, why = first, f"{other}'s default key"
        result.problem(
            f"keys.{dropped}", f"key {key} for {dropped} is {why}; {dropped} keeps its default keys"
        )
        del result.keys[dropped]
        result.from_file.discard(f"keys.{dropped}")
    return result
