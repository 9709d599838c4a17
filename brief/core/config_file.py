"""The config file read: TOML parsed, each option checked on its own, problems named by line."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from brief.core.colours import DEFAULT_COLOURS, colour_scheme
from brief.core.config import OPTIONS, READING_WIDTH, WIDTH_MAX, WIDTH_MIN, Config
from brief.core.keymap import normalise_keys


def parse_config(text: str, path: Path) -> Config:
    """The configuration in `text`, read from the file at `path` (see `load_config`)."""
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
