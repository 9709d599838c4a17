"""brief as a real terminal program: run in a pseudo-terminal, driven by keys, read off the screen.

pexpect gives brief a real pty (so Textual runs its real Linux driver, not the test harness),
and pyte plays the terminal, so the checks read the screen a user would see. Waits are on
what the screen shows, with a generous timeout, never fixed sleeps.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pexpect
import pyte
import pytest

from brief.core.annotations.store import AnnotationStore
from brief.core.loader import load_paths
from brief.core.paths import bundled_pack
from brief.core.state import StateStore

TIMEOUT = 60.0
"""Seconds to wait for something to show before failing (CI machines can be slow)."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class Terminal:
    """brief running in a pseudo-terminal, with a pyte screen fed by everything it writes."""

    def __init__(self, env: dict[str, str], columns: int = 80, rows: int = 24) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "brief"],
            env=env,
            dimensions=(rows, columns),
            timeout=TIMEOUT,
        )

    def _pump(self) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=0.2)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            return
        self.output += data
        self.stream.feed(data)

    @property
    def text(self) -> str:
        """What the screen shows now."""
        return "\n".join(self.screen.display)

    def wait_for(self, shows: Callable[[str], bool] | str, what: str = "") -> str:
        """Read output until the screen satisfies `shows` (a test or a text to find)."""
        test = (lambda text: shows in text) if isinstance(shows, str) else shows
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            self._pump()
            if test(self.text):
                return self.text
            if not self.child.isalive() and not self.child.closed:
                self._pump()
                if test(self.text):
                    return self.text
                break
        raise AssertionError(f"the screen never showed {what or shows!r}:\n{self.text}")

    def press(self, *keys: str) -> None:
        """Type keys (plain text, or escape sequences such as "\\x1b")."""
        for key in keys:
            self.child.send(key)

    def resize(self, columns: int, rows: int) -> None:
        """Resize the terminal, as a user dragging the window does (brief gets SIGWINCH)."""
        self.screen.resize(rows, columns)
        self.child.setwinsize(rows, columns)

    def wait_exit(self) -> int:
        """Read everything until brief exits; its exit status (or -signal)."""
        deadline = time.monotonic() + TIMEOUT
        while self.child.isalive() and time.monotonic() < deadline:
            self._pump()
        while True:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.5)
            except (pexpect.EOF, pexpect.TIMEOUT):
                break
            self.output += data
        self.child.close()
        status = self.child.exitstatus
        return status if status is not None else -(self.child.signalstatus or 0)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: private store, state, cache and config; the seeds as the pack."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("BRIEF_")}
    clean.pop("NO_COLOR", None)
    clean.update(
        TERM="xterm-256color",
        BRIEF_STORE=str(tmp_path / "store.json"),
        BRIEF_STATE=str(tmp_path / "state.json"),
        BRIEF_CACHE=str(tmp_path / "cache"),
        BRIEF_CONFIG=str(tmp_path / "config.toml"),
    )
    return clean


@contextmanager
def brief(env: dict[str, str], columns: int = 80, rows: int = 24) -> Iterator[Terminal]:
    terminal = Terminal(env, columns, rows)
    try:
        yield terminal
    finally:
        if terminal.child.isalive():
            terminal.child.terminate(force=True)


def sgr_codes(text: str) -> list[int]:
    """Every parameter of every SGR (style) sequence in the output, in order."""
    codes: list[int] = []
    for match in re.finditer(r"\x1b\[([0-9;]*)m", text):
        codes += [int(part) for part in match.group(1).split(";") if part]
    return codes


def is_colour(code: int) -> bool:
    """True for an SGR parameter that sets a colour (16-colour, 256-colour or truecolor)."""
    return code in (38, 48) or any(low <= code <= low + 7 for low in (30, 40, 90, 100))


def restored(output: bytes) -> bool:
    """True when the terminal was given back: alternate screen left, mouse reporting off."""
    text = output.decode("utf-8", "replace")
    entered = text.rfind("\x1b[?1049h")
    left = text.rfind("\x1b[?1049l")
    mouse_on = [m.end() for m in re.finditer(r"\x1b\[\?100[036]h", text)]
    mouse_off = [m.end() for m in re.finditer(r"\x1b\[\?100[036]l", text)]
    mouse_ok = not mouse_on or (bool(mouse_off) and max(mouse_off) > max(mouse_on))
    return entered >= 0 and left > entered and mouse_ok


def wait_loaded(term: Terminal) -> None:
    """At 80 columns the sidebar floats: tab shows it filled, escape puts it away."""
    term.press("\t")
    term.wait_for("5 sources", "the sidebar filled")
    term.press("\x1b")
    term.wait_for(lambda text: "5 sources" not in text, "the sidebar put away")


def test_a_session_at_80x24_navigate_search_resize_quit(env: dict[str, str]) -> None:
    with brief(env) as term:
        wait_loaded(term)
        term.press("j", "j", "]")
        term.press("s")
        term.wait_for("Search", "the search screen")
        term.press(*"hynix")
        term.wait_for(lambda text: "SK hynix" in text or "SK Hynix" in text, "a search result")
        term.press("\x1b")
        term.wait_for("tab Pane", "back in the reading room")
        term.resize(100, 30)
        term.wait_for(
            lambda text: (
                "5 sources" in text and any(len(line.rstrip()) > 85 for line in text.splitlines())
            ),
            "sidebar and reader side by side at 100 columns",
        )
        term.resize(50, 15)
        term.wait_for("at least 60×20", "the too-small message")
        term.resize(80, 24)
        term.wait_for(lambda text: "tab Pane" in text and "5 sources" not in text, "80x24 back")
        term.press("q")
        assert term.wait_exit() == 0
    assert restored(bytes(term.output))


def test_xterm_with_no_color_shows_no_colour_and_restores_the_terminal(
    env: dict[str, str],
) -> None:
    env.update(TERM="xterm", NO_COLOR="1")
    with brief(env) as term:
        wait_loaded(term)
        term.press("h")  # a highlight, shown by style rather than colour
        term.wait_for("Highlighted", "the highlight notice")
        term.press("q")
        assert term.wait_exit() == 0
    text = bytes(term.output).decode("utf-8", "replace")
    assert "Highlighted" in text
    assert [code for code in sgr_codes(text) if is_colour(code)] == []
    assert restored(bytes(term.output))


def test_sighup_leaves_annotations_written_before_it(env: dict[str, str], tmp_path: Path) -> None:
    with brief(env) as term:
        wait_loaded(term)
        term.press("h")
        term.wait_for("Highlighted", "the highlight notice")
        term.press(")", "3")
        term.wait_for("Colour 3", "the colour notice")
        term.press(*"j" * 15, "]")  # leaving a source notes its place
        term.wait_for(lambda text: "Gov't ups efforts" in text.split("\n")[1], "the next source")
        term.child.kill(signal.SIGHUP)
        term.wait_exit()
    store = AnnotationStore(tmp_path / "store.json")
    assert store.notices == []
    colours = sorted(item.color for item in store.annotations())
    assert colours == [1, 3]
    state = StateStore(tmp_path / "state.json")
    assert state.notices == []
    reading = state.pack_state([bundled_pack()])
    sources = load_paths([bundled_pack()]).sources
    opened = reading.open_source(sources)
    assert opened is not None and opened.title.startswith("Gov't ups efforts")
    first = next(s for s in sources if s.title.startswith("South Korea, Japan"))
    assert reading.position(first) > 0
