"""The config file: key remaps, theme, colour meanings, reading width and default pack."""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from brief.core.colours import DEFAULT_COLOURS, Colour, colour_scheme
from brief.core.paths import bundled_pack

CONFIG_ENV = "BRIEF_CONFIG"
"""The environment variable naming the config file (``--config`` takes precedence)."""

READING_WIDTH = 80
"""The default measure of the reading column, in columns."""
WIDTH_MIN = 40
"""The narrowest reading column the config may ask for."""
WIDTH_MAX = 200
"""The widest reading column the config may ask for."""

OPTIONS = ("reading_width", "theme", "default_pack", "colours", "keys")
"""Every option of the config file, in the order `render_toml` prints them."""

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


@dataclass
class Config:
    """The effective configuration: the file's valid values over the defaults, and its problems."""

    path: Path
    """The config file looked for (it may not exist)."""
    found: bool = False
    """True when the file exists and was read."""
    keys: dict[str, str] = field(default_factory=dict)
    """Remapped bindings: binding id → keys in Textual's keymap form (``"j,down"``)."""
    theme: str | None = None
    """The theme's name; None leaves the UI's default."""
    meanings: dict[int, str] = field(default_factory=dict)
    """The highlight colours' meanings set by the file, by colour number (1-5)."""
    reading_width: int = READING_WIDTH
    """The reading column's measure at most, in columns."""
    default_pack: Path | None = None
    """What `brief` opens with no PATH; None for the bundled briefing."""
    problems: list[str] = field(default_factory=list)
    """One line per problem, naming the file and the line when known; the entry was ignored."""
    from_file: set[str] = field(default_factory=set)
    """The options whose value came from the file (``"theme"``, ``"keys.reader.down"``,
    ``"colours.1"``...); the others are defaults."""
    text: str = field(default="", repr=False, compare=False)
    """The file's text, for naming the line of a problem found later (`check_keys`)."""

    @property
    def colours(self) -> dict[int, Colour]:
        """The highlight colours with the file's meanings applied."""
        meanings: dict[int | str, str] = {number: text for number, text in self.meanings.items()}
        return colour_scheme(meanings)

    def pack(self) -> Path:
        """What `brief` opens with no PATH: the default pack, else the bundled briefing."""
        return self.default_pack or bundled_pack()

    def problem(self, where: str, message: str) -> None:
        """Record a problem at the line setting the dotted key `where` (when it can be found)."""
        line = find_line(self.text, where)
        prefix = f"{self.path}:{line}" if line else str(self.path)
        self.problems.append(f"{prefix}: {message}")


def config_path(
    explicit: str | Path | None = None, env: Mapping[str, str] | None = None
) -> tuple[Path, str]:
    """The config file and what chose it: ``--config``, ``$BRIEF_CONFIG`` or ``default``."""
    if explicit:
        return Path(explicit).expanduser(), "--config"
    value = (os.environ if env is None else env).get(CONFIG_ENV)
    if value:
        return Path(value).expanduser(), f"${CONFIG_ENV}"
    return platformdirs.user_config_path("brief") / "config.toml", "default"


def load_config(explicit: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """The configuration from ``--config``, ``$BRIEF_CONFIG`` or the user config folder.

    Never raises: a missing file at the default place gives the defaults; a file named
    explicitly but missing, unreadable, not UTF-8 or not TOML gives the defaults and a
    problem; each bad entry is ignored on its own with a problem (the rest still applies).
    """
    path, chosen = config_path(explicit, env)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        config = Config(path)
        if chosen != "default":
            config.problems.append(f"{path}: no such file (named by {chosen}); using the defaults")
        return config
    except OSError as error:
        reason = error.strerror or str(error)
        return Config(path, problems=[f"{path}: cannot read it ({reason}); using the defaults"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Config(path, problems=[f"{path}:{line}: not UTF-8 text; using the defaults"])
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Config:
    """The configuration in `text`, read from the file at `path` (see `load_config`)."""
    import tomllib  # only when there is a file: most starts have none

    config = Config(path, found=True, text=text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        prefix = str(path)
        if where:
            prefix = f"{path}:{where.group(1)}"
            message = f"{message[: where.start()]} (column {where.group(2)})"
        config.problems.append(f"{prefix}: not valid TOML: {message}; using the defaults")
        return config
    except RecursionError:
        config.problems.append(f"{path}: not valid TOML: nested too deep; using the defaults")
        return config
    for name, value in data.items():
        reader = _READERS.get(name)
        if reader is None:
            close = difflib.get_close_matches(name, OPTIONS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            config.problem(name, f"unknown option {name!r}{hint}; ignored")
            continue
        reader(config, name, value)
    return config


def _type_name(value: object) -> str:
    """A TOML reader's word for the type of a value ("a table", "a number"...)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """Entries of a table with nested tables spelled as dotted keys (``reader.down``)."""
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _read_keys(config: Config, name: str, value: object) -> None:
    """``[keys]``: binding id = "keys" (a string, commas between keys, or a list of keys)."""
    if not isinstance(value, dict):
        wrong = _type_name(value)
        config.problem(name, f"{name} must be a table of binding id = keys, not {wrong}; ignored")
        return
    for binding_id, keys in _flatten(value):
        where = f"{name}.{binding_id}"
        items: list[str] | None = None
        if isinstance(keys, str):
            items = keys.split(",")
        elif isinstance(keys, list) and all(isinstance(item, str) for item in keys):
            items = keys
        if not items:
            wrong = _type_name(keys)
            example = '"j,down" or ["j", "down"]'
            config.problem(
                where, f"{binding_id} must be keys such as {example}, not {wrong}; ignored"
            )
            continue
        if binding_id in config.keys:
            config.problem(where, f"{binding_id} is set twice; the first is used")
            continue
        try:
            config.keys[binding_id] = normalise_keys(items)
        except ValueError as error:
            config.problem(where, f"{binding_id}: {error}; ignored")
            continue
        config.from_file.add(f"keys.{binding_id}")


def _read_theme(config: Config, name: str, value: object) -> None:
    """``theme``: a theme's name (checked against the UI's themes by `check_theme`)."""
    if not isinstance(value, str) or not value.strip():
        config.problem(name, f"theme must be a theme's name, not {_type_name(value)}; ignored")
        return
    config.theme = value.strip()
    config.from_file.add("theme")


def colour_number(key: str) -> int | None:
    """The colour a config key names: "1" to "5" or a colour's name ("Yellow"); else None."""
    if key.strip().isdigit():
        number = int(key)
        return number if number in DEFAULT_COLOURS else None
    for colour in DEFAULT_COLOURS.values():
        if colour.name == key.strip().lower():
            return colour.number
    return None


def _read_colours(config: Config, name: str, value: object) -> None:
    """``[colours]``: colour (1-5 or its name) = its meaning."""
    if not isinstance(value, dict):
        wrong = _type_name(value)
        config.problem(name, f"{name} must be a table of colour = meaning, not {wrong}; ignored")
        return
    for key, meaning in value.items():
        where = f"{name}.{key}"
        if not isinstance(meaning, str) or not meaning.strip():
            wrong = _type_name(meaning)
            config.problem(where, f"colour {key} must mean some words, not {wrong}; ignored")
            continue
        try:
            colour_scheme({key: meaning})
        except ValueError as error:
            config.problem(where, f"{error}; ignored")
            continue
        number = colour_number(key)
        if number is None:  # colour_scheme accepted what colour_number does not know
            config.problem(where, f"unknown colour {key!r}; ignored")
            continue
        if number in config.meanings:
            colour = DEFAULT_COLOURS[number].name
            config.problem(where, f"colour {number} ({colour}) is set twice; the first is used")
            continue
        config.meanings[number] = " ".join(meaning.split())
        config.from_file.add(f"colours.{number}")


def _read_width(config: Config, name: str, value: object) -> None:
    """``reading_width``: the reading column's measure, a whole number of columns."""
    if not isinstance(value, int) or isinstance(value, bool):
        wrong = _type_name(value)
        config.problem(
            name, f"{name} must be a whole number of columns, not {wrong}; using {READING_WIDTH}"
        )
        return
    if not WIDTH_MIN <= value <= WIDTH_MAX:
        bounds = f"from {WIDTH_MIN} to {WIDTH_MAX} columns"
        config.problem(name, f"{name} must be {bounds}, not {value}; using {READING_WIDTH}")
        return
    config.reading_width = value
    config.from_file.add(name)


def _read_pack(config: Config, name: str, value: object) -> None:
    """``default_pack``: a file or folder; ``~`` expanded, relative to the config file's folder."""
    fallback = "using the bundled briefing"
    if not isinstance(value, str) or not value.strip():
        config.problem(name, f"{name} must be a path, not {_type_name(value)}; {fallback}")
        return
    path = (config.path.parent / Path(value.strip()).expanduser()).absolute()
    if not path.exists():
        config.problem(name, f"{name} {path} does not exist; {fallback}")
        return
    config.default_pack = path
    config.from_file.add(name)


_READERS = {
    "keys": _read_keys,
    "theme": _read_theme,
    "colours": _read_colours,
    "colors": _read_colours,
    "reading_width": _read_width,
    "default_pack": _read_pack,
}
"""How each option is read (``colors`` is accepted for ``colours``)."""


# Finding the line of a key


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_SEGMENT = r"(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)"
_ASSIGN = re.compile(rf"^\s*({_SEGMENT}(?:\s*\.\s*{_SEGMENT})*)\s*=")
_SEGMENTS = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)")


def _dotted(key: str) -> str:
    """A TOML key as written (``keys."reader.down"``) as a dotted string (``keys.reader.down``)."""
    return ".".join("".join(parts) for parts in _SEGMENTS.findall(key))


def find_line(text: str, where: str) -> int | None:
    """The line (from 1) of `text` that sets the dotted key `where`, else its table's line.

    `where` spells the key with dots (``keys.reader.down``), whichever way the file writes
    it (``[keys]`` then ``"reader.down" = ...``, ``[keys.reader]`` then ``down = ...``,
    ``keys."reader.down" = ...``). None when neither the key nor a table holding it is found.
    """
    lines = text.splitlines()
    wanted = where
    while wanted:
        table = ""
        for number, line in enumerate(lines, 1):
            header = _HEADER.match(line)
            if header:
                table = _dotted(header.group(1))
                if table == wanted:
                    return number
                continue
            assign = _ASSIGN.match(line)
            if assign:
                key = _dotted(assign.group(1))
                if (f"{table}.{key}" if table else key) == wanted:
                    return number
        wanted = wanted.rpartition(".")[0]
    return None


# Keys


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


def _default_keys(keys: str) -> str:
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
    return set(_default_keys(keys).split(","))


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


def check_theme(config: Config, available: Iterable[str]) -> Config:
    """The config with its theme checked against the themes the UI has (dropped if unknown)."""
    names = list(available)
    if config.theme is None or config.theme in names:
        return config
    result = replace(
        config, theme=None, problems=list(config.problems), from_file=config.from_file - {"theme"}
    )
    close = difflib.get_close_matches(config.theme, names, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    result.problem("theme", f"unknown theme {config.theme!r}{hint}; using the default theme")
    return result


# Printing


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
            keys, origin = _default_keys((known_ids or {})[binding_id]), "default"
        out.append(f"{_toml_string(binding_id)} = {_toml_string(keys)}  # {origin}")
    return "\n".join(out) + "\n"
