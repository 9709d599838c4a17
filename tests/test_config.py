"""The config file: every option read, bad entries reported by line and ignored, --show."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import _character_to_key

from brief.cli import main
from brief.config_cli import available_themes, known_bindings
from brief.core.config import READING_WIDTH, Config, check_theme, config_path, load_config
from brief.core.keymap import check_keys, normalise_key, normalise_keys
from brief.core.paths import bundled_pack
from tests.conftest import ROOT

FULL = """\
reading_width = 64
theme = "nord"
default_pack = "pack"

[colours]
1 = "must read"
red = "disputed"

[keys]
"reader.down" = "j, ↓, ctrl+n"
"app.help" = "?"
"annotate.panel" = ["P", "F2"]

[keys.timeline]
flip = "R"
"""

KNOWN = {
    "reader.down": "j,down",
    "reader.up": "k,up",
    "reader.select_word_back": "b",
    "reader.page_up": "b,pageup",
    "annotate.delete": "x",
    "annotate.panel": "A",
    "main.find": "slash",
    "app.help": "question_mark",
    "app.quit": "q",
    "timeline.flip": "r",
    "timeline.down": "j,down",
    "sidebar.down": "j,down",
}
"""A few bindings as the UI declares them (id → default keys)."""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_option_is_read(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    config = load_config(write(tmp_path, FULL))
    assert config.problems == []
    assert config.found
    assert config.reading_width == 64
    assert config.theme == "nord"
    assert config.default_pack == tmp_path / "pack"  # relative to the config file's folder
    assert config.pack() == tmp_path / "pack"
    assert [c.meaning for c in config.colours.values()] == [
        "must read", "agree", "disputed", "to check", "quote"
    ]  # fmt: skip
    assert config.keys == {
        "reader.down": "j,down,ctrl+n",
        "app.help": "question_mark",
        "annotate.panel": "P,f2",
        "timeline.flip": "R",
    }
    assert config.from_file == {
        "reading_width", "theme", "default_pack", "colours.1", "colours.3",
        "keys.reader.down", "keys.app.help", "keys.annotate.panel", "keys.timeline.flip",
    }  # fmt: skip


def test_default_pack_expands_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "briefings").mkdir()
    config = load_config(write(tmp_path / "briefings", 'default_pack = "~/briefings"\n'))
    assert config.problems == []
    assert config.default_pack == tmp_path / "briefings"


def test_no_file_means_the_defaults(private_config: Path) -> None:
    config = load_config()
    assert config.path == private_config
    assert not config.found
    assert config.problems == []
    assert config.reading_width == READING_WIDTH == 80
    assert config.theme is None
    assert config.keys == {}
    assert config.pack() == bundled_pack()
    assert config.colours[1].meaning == "key point"


def test_where_the_file_is_looked_for(tmp_path: Path, private_config: Path) -> None:
    env = {"BRIEF_CONFIG": str(tmp_path / "env.toml")}
    assert config_path("~/given.toml", env) == (Path.home() / "given.toml", "--config")
    assert config_path(None, env) == (tmp_path / "env.toml", "$BRIEF_CONFIG")
    assert config_path(None, {}) == (private_config, "default")


def test_a_named_file_that_is_missing_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    config = load_config(None, {"BRIEF_CONFIG": str(missing)})
    assert config.problems == [
        f"{missing}: no such file (named by $BRIEF_CONFIG); using the defaults"
    ]
    assert config.reading_width == 80


GOOD = {
    "reading_width": "reading_width = 100",
    "theme": 'theme = "nord"',
    "default_pack": 'default_pack = "."',
}
"""Valid options: two of them are written before each bad entry, and must still apply."""


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        ("reading_width = 20", 3, "reading_width must be from 40 to 200 columns, not 20"),
        (
            'reading_width = "wide"',
            3,
            "reading_width must be a whole number of columns, not a string",
        ),
        ("reading_width = true", 3, "not true/false"),
        ("reading_width = 80.5", 3, "not a number"),
        ("theme = 3", 3, "theme must be a theme's name, not a number"),
        ("themes = 'nord'", 3, "unknown option 'themes' (did you mean theme?)"),
        ("default_pack = '/no/such/folder'", 3, "default_pack /no/such/folder does not exist"),
        ("default_pack = []", 3, "default_pack must be a path, not a list"),
        ("colours = 'red'", 3, "colours must be a table of colour = meaning, not a string"),
        ("[colours]\norange = 'hot'", 4, "unknown colour 'orange': use 1-5 or yellow"),
        ("[colours]\n6 = 'sixth'", 4, "unknown colour '6'"),
        ("[colours]\nblue = 4", 4, "colour blue must mean some words, not a number"),
        ("[colours]\n2 = 'yes'\ngreen = 'also'", 5, "colour 2 (green) is set twice"),
        ("keys = 'j'", 3, "keys must be a table of binding id = keys, not a string"),
        ('[keys]\n"reader.down" = 5', 4, "reader.down must be keys such as"),
        ('[keys]\n"reader.down" = "j,dwn"', 4, "reader.down: unknown key 'dwn'"),
        ('[keys]\n"reader.down" = "cmd+j"', 4, "unknown modifier 'cmd'"),
        ('[keys]\n"reader.down" = "j,,k"', 4, "an empty key"),
        ("[keys.reader]\nup = []", 4, "reader.up must be keys such as"),
    ],
)
def test_a_bad_entry_is_reported_by_line_and_ignored(
    tmp_path: Path, bad: str, line: int, message: str
) -> None:
    good = [line for option, line in GOOD.items() if not bad.startswith(option)][:2]
    path = write(tmp_path, "\n".join([*good, bad]) + "\n")
    config = load_config(path)
    assert len(config.problems) == 1, config.problems
    assert config.problems[0].startswith(f"{path}:{line}: "), config.problems
    assert message in config.problems[0]
    # the rest of the file still applies, the bad entry keeps its default
    alone = load_config(write(tmp_path, "\n".join(good)))
    assert alone.problems == []
    assert (config.reading_width, config.theme, config.default_pack) == (
        alone.reading_width, alone.theme, alone.default_pack
    )  # fmt: skip
    assert config.from_file - {"colours.2"} == alone.from_file
    assert config.keys == {}
    assert config.meanings in ({}, {2: "yes"})


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("reading_width = 100\ntheme = nord\n", 2),
        ("[keys]\n\"reader.down\" = 'j'\n\"reader.down\" = 'k'\n", 3),
        ("reading_width = 100\n[colours\n", 2),
        ('theme = "unterminated\n', 1),
    ],
)
def test_a_file_that_is_not_toml_gives_the_defaults(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    config = load_config(path)
    assert len(config.problems) == 1
    assert re.match(rf"{re.escape(str(path))}:{line}: not valid TOML: .* \(column \d+\); "
                    "using the defaults$", config.problems[0]), config.problems  # fmt: skip
    assert (config.reading_width, config.theme, config.keys) == (80, None, {})


def test_a_file_nested_too_deep_to_parse_gives_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "reading_width = " + "[" * 100_000)
    config = load_config(path)
    assert config.problems == [f"{path}: not valid TOML: nested too deep; using the defaults"]
    assert (config.reading_width, config.theme, config.keys) == (80, None, {})


def test_unreadable_files_give_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"reading_width = 100\ntheme = '\xff'\n")
    config = load_config(path)
    assert config.problems == [f"{path}:2: not UTF-8 text; using the defaults"]
    assert config.reading_width == 80
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    config = load_config(folder)
    assert len(config.problems) == 1
    assert config.problems[0].startswith(f"{folder}: cannot read it (")


def test_key_names_are_textuals() -> None:
    for character in string.printable.strip():
        assert normalise_key(character) == _character_to_key(character), character
    assert normalise_key("esc") == "escape"
    assert normalise_key("^f") == "ctrl+f"
    assert normalise_key("Ctrl+Shift+Up") == "ctrl+shift+up"
    assert normalise_key("ctrl+?") == "ctrl+question_mark"
    assert normalise_key("pgdn") == "pagedown"
    assert normalise_key("question_mark") == "question_mark"
    assert normalise_key("pound_sign") == "pound_sign"
    assert normalise_keys(["j", "J", "j"]) == "j,J"
    with pytest.raises(ValueError, match="unknown key 'jj'"):
        normalise_key("jj")


class KeyApp(App[None]):
    """A small app whose bindings have ids, to show that remapped keys reach Textual."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "count('bang')", id="demo.bang"),
        Binding("y", "count('escape')", id="demo.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def action_count(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1


async def test_remapped_keys_work_in_textual(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[keys]\n"demo.bang" = "!"\n"demo.close" = "esc, F3"\n'))
    config = check_keys(config, {"demo.bang": "x", "demo.close": "y"})
    assert config.problems == []
    app = KeyApp()
    app.set_keymap(config.keys)
    async with app.run_test() as pilot:
        await pilot.press("exclamation_mark", "x", "escape", "f3", "y")
        await pilot.pause()
    assert app.counts == {"bang": 1, "escape": 2}


def checked(tmp_path: Path, keys: str) -> Config:
    return check_keys(load_config(write(tmp_path, "[keys]\n" + keys)), KNOWN)


def test_unknown_binding_ids_are_reported(tmp_path: Path) -> None:
    config = checked(tmp_path, '"reader.dwon" = "J"\n"reader.up" = "K"\n')
    assert config.problems == [
        f"{config.path}:2: unknown binding id 'reader.dwon' (did you mean reader.down?); ignored"
    ]
    assert config.keys == {"reader.up": "K"}
    assert "keys.reader.dwon" not in config.from_file


def test_a_key_taken_by_another_binding_is_refused(tmp_path: Path) -> None:
    config = checked(tmp_path, '"reader.up" = "K"\n"reader.down" = "x"\n')
    assert config.problems == [
        f"{config.path}:3: key x for reader.down is annotate.delete's default key; "
        "reader.down keeps its default keys"
    ]
    assert config.keys == {"reader.up": "K"}


def test_of_two_remaps_on_one_key_the_first_wins(tmp_path: Path) -> None:
    config = checked(tmp_path, '"reader.up" = "z"\n"annotate.delete" = "z"\n')
    assert config.problems == [
        f"{config.path}:3: key z for annotate.delete is already given to reader.up above; "
        "annotate.delete keeps its default keys"
    ]
    assert config.keys == {"reader.up": "z"}


def test_swapped_keys_and_other_screens_do_not_clash(tmp_path: Path) -> None:
    config = checked(
        tmp_path,
        '"reader.down" = "k,down"\n"reader.up" = "j,up"\n'  # a swap
        '"timeline.flip" = "x"\n'  # the timeline has no x: annotate.delete is not active there
        '"sidebar.down" = "n"\n',  # reader.find_next's n is not active in the sidebar
    )
    assert config.problems == []
    assert len(config.keys) == 4


def test_keys_shared_by_default_are_not_reported(tmp_path: Path) -> None:
    # b is both reader.page_up and reader.select_word_back by default: the UI decides.
    config = checked(tmp_path, '"reader.page_up" = "b,u"\n')
    assert config.problems == []
    config = checked(tmp_path, '"app.quit" = "slash"\n')  # main.find's key, in every room
    assert [p.split(": ", 1)[1] for p in config.problems] == [
        "key slash for app.quit is main.find's default key; app.quit keeps its default keys"
    ]


def test_the_theme_is_checked_against_the_uis(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'reading_width = 90\ntheme = "nrod"\n'))
    assert check_theme(config, ["nord", "gruvbox"]).problems == [
        f"{config.path}:2: unknown theme 'nrod' (did you mean nord?); using the default theme"
    ]
    assert check_theme(config, ["nord"]).theme is None
    assert check_theme(config, ["nord"]).reading_width == 90
    assert check_theme(config, ["nrod"]).theme == "nrod"


def test_known_bindings_cover_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"\| `([a-z_]+\.[a-z_0-9]+)` \|$", readme, re.MULTILINE))
    known = known_bindings()
    assert len(ids) > 60
    assert ids <= set(known)
    assert known["reader.down"] == "j,down"
    assert known["app.help"] == "question_mark"


def test_show_prints_the_defaults_as_toml(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["config", "--show"], capsys)
    assert (code, err) == (0, "")
    data = tomllib.loads(out)
    assert data["reading_width"] == 80
    assert "theme" not in data and "default_pack" not in data  # not set: commented out
    assert data["colours"] == {"1": "key point", "2": "agree", "3": "doubt",
                               "4": "to check", "5": "quote"}  # fmt: skip
    assert data["keys"] == known_bindings()
    assert "reading_width = 80  # default" in out
    assert '"reader.down" = "j,down"  # default' in out


def test_show_round_trips_and_marks_the_files_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pack").mkdir()
    path = write(tmp_path, FULL)
    code, out, err = run(["config", "--show", "--config", str(path)], capsys)
    assert (code, err) == (0, "")
    assert "reading_width = 64  # from the file" in out
    assert '3 = "disputed"  # red, from the file' in out
    assert '"reader.down" = "j,down,ctrl+n"  # from the file' in out
    assert '"reader.up" = "k,up"  # default' in out
    again = load_config(write(tmp_path / "pack", out))
    original = check_keys(load_config(path), known_bindings())
    assert again.problems == []
    assert (again.reading_width, again.theme, again.default_pack, again.colours) == (
        original.reading_width, original.theme, original.default_pack, original.colours
    )  # fmt: skip
    assert again.keys == {**known_bindings(), **original.keys}


def test_show_reports_problems_and_still_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, 'reading_width = 500\ntheme = "nope"\n[keys]\n"reader.down" = "x"\n')
    code, out, err = run(["config", "--config", str(path)], capsys)
    assert code == 2
    assert tomllib.loads(out)["reading_width"] == 80
    assert tomllib.loads(out)["keys"]["reader.down"] == "j,down"
    assert err.splitlines() == [
        f"brief: {path}:1: reading_width must be from 40 to 200 columns, not 500; using 80",
        f"brief: {path}:4: key x for reader.down is annotate.delete's default key; "
        "reader.down keeps its default keys",
        f"brief: {path}:2: unknown theme 'nope'; using the default theme",
    ]


def test_path_says_where_the_file_is_looked_for(
    tmp_path: Path,
    private_config: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = run(["config", "--path"], capsys)
    assert (code, out) == (0, f"{private_config}\n")
    assert "does not exist yet" in err
    path = write(tmp_path, "")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    assert run(["config", "--path"], capsys) == (0, f"{path}\n", "")
    assert run(["config", "--path", "--config", "other.toml"], capsys)[1] == "other.toml\n"


def test_the_readme_example_is_a_clean_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration") :]
    example = section[section.index("```toml\n") + 8 : section.index("```\n", 8)]
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "briefings" / "today").mkdir(parents=True)
    config = load_config(write(tmp_path, example))
    config = check_theme(check_keys(config, known_bindings()), available_themes())
    assert config.problems == []
    assert config.theme == "gruvbox" and config.reading_width == 72
    assert config.default_pack == tmp_path / "briefings" / "today"
    assert config.colours[3].meaning == "disputed"
    assert config.keys["main.find"] == "question_mark"
