"""brief's settings: where the config file is, and the effective values with their problems.

Reading the file (`config_file`) and checking key remaps (`keymap`) live apart and are imported
only when there is a file, so a start without one compiles and runs none of them.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from brief.core.colours import Colour, colour_scheme
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
        from brief.core.config_file import find_line  # only when there is a problem

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
    from brief.core.config_file import parse_config  # only with a file: most starts have none

    return parse_config(text, path)


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
