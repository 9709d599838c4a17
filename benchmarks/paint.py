"""First-paint harness: runs a Textual app in a pseudo-terminal and times what the user sees.

Method (the same for `brief` and for a minimal Textual app, one `Static`): the parent takes
`time.monotonic()` (one clock for all processes on Linux), then starts a fresh Python process
on this file inside a pseudo-terminal of 120x40 (a real driver, real output, nothing
headless). The child imports `textual.app`, wraps `App._display` (where Textual writes a
rendered frame to the terminal), then either builds the minimal app or calls `brief.cli.main`
exactly as the `brief` command does. "First paint" is the moment the first frame of a screen
holding widgets has been handed to the terminal, counted from the parent's clock reading
before the process was started: interpreter start-up, imports, app and screen set-up included.

For `brief` it can then wait for the sidebar to list N sources ("full": the time the frame
after that is written; one forced refresh, so the figure is at worst a frame late), for the
files to be checked when the list came from the pack's kept listing ("checked"), for every
worker to finish ("ready", with the peak RSS then), and open the largest source and scroll it
key by key ("open", "steps": from the call or simulated key to the next frame written).

Used by startup.py and scale.py; run it directly only through `measure`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
SIZE = (40, 120)
"""Rows and columns of the pseudo-terminal."""


def measure(
    kind: str,
    argv: list[str],
    env: dict[str, str],
    *,
    sources: int = 0,
    ready: bool = False,
    scroll: int = 0,
    timeout: float = 900.0,
    prefix: Sequence[str] = (),
) -> dict[str, Any]:
    """Run the app (`kind` "minimal" or "brief" with `argv`) once; its figures in seconds.

    `sources`: wait until the sidebar lists that many; `ready`: until every worker is done
    (peak RSS in MiB then); `scroll`: open the largest source and time that many key steps.
    `prefix`: a command the child runs under (valgrind); the child then ends at the first
    frame, so that what it counts is the start-up alone.
    """
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "marks.json"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[0], SIZE[1], 0, 0))
        spec = {"kind": kind, "argv": argv, "sources": sources, "ready": ready, "scroll": scroll}
        spec["end_at_paint"] = bool(prefix)
        child_env = {**os.environ, **env, "TERM": "xterm-256color", "COLUMNS": str(SIZE[1])}
        child_env["BENCH_PAINT"] = json.dumps({**spec, "out": str(out)})
        drained = threading.Thread(target=_drain, args=(master,), daemon=True)
        child_env["BENCH_T0"] = repr(time.monotonic())
        proc = subprocess.Popen(
            [*prefix, sys.executable, str(HERE)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=child_env,
            start_new_session=True,
        )
        os.close(slave)
        drained.start()
        try:
            proc.wait(timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            drained.join(5)
            with contextlib.suppress(OSError):
                os.close(master)
        if not out.exists():
            raise RuntimeError(f"{kind} {argv}: no figures (exit status {proc.returncode})")
        marks: dict[str, Any] = json.loads(out.read_text())
        return marks


def _drain(fd: int) -> None:
    """Read the terminal's output so the app never blocks writing it."""
    with contextlib.suppress(OSError):
        while os.read(fd, 1 << 16):
            pass


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB: the kernel's high-water mark of its own
    memory (`VmHWM`). Not `getrusage`'s `ru_maxrss`: Linux carries that over from the parent
    through fork and exec, so a child of a large benchmark process reported the parent's peak."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child() -> None:
    """In the child: time the app as described in the module docstring."""
    import asyncio

    spec = json.loads(os.environ["BENCH_PAINT"])
    start = float(os.environ["BENCH_T0"])
    from textual.app import App

    marks: dict[str, Any] = {}
    waiters: list[asyncio.Future[float]] = []
    tasks: list[asyncio.Task[None]] = []
    original = App._display

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is None:
            return
        now = time.monotonic()
        while waiters:
            waiter = waiters.pop()
            if not waiter.done():
                waiter.set_result(now)
        if "paint" not in marks and any(True for _ in screen.walk_children()):
            marks["paint"] = now - start
            if spec["end_at_paint"]:
                Path(spec["out"]).write_text(json.dumps(marks))
                os._exit(0)
            self.call_later(lambda: tasks.append(asyncio.create_task(follow(self))))

    async def next_frame(timeout: float = 5.0) -> float:
        waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        waiters.append(waiter)
        return await asyncio.wait_for(waiter, timeout)

    async def follow(app: App[Any]) -> None:
        try:
            await steps(app)
        finally:
            Path(spec["out"]).write_text(json.dumps(marks))
            app.exit()

    async def steps(app: App[Any]) -> None:
        if spec["sources"]:
            while len(getattr(app.screen, "ordered", ())) < spec["sources"]:
                await asyncio.sleep(0.002)
            frame = next_frame()
            app.screen.refresh()
            marks["full"] = await frame - start
            while getattr(app.screen, "checking", False):
                await asyncio.sleep(0.005)
            marks["checked"] = time.monotonic() - start
        if spec["ready"] or spec["scroll"]:
            while not all(worker.is_finished for worker in app.workers):
                await asyncio.sleep(0.005)
            marks["ready"] = time.monotonic() - start
        marks["rss_mib"] = peak_rss_mib()
        if spec["scroll"]:
            screen: Any = app.screen
            big = max(screen.ordered, key=lambda source: len(source.body))
            marks["big_chars"] = len(big.body)
            await asyncio.sleep(0.1)
            began = time.monotonic()
            frame = next_frame()
            screen.open_source(big.id)
            marks["open"] = await frame - began
            for key, name in (("j", "line_steps"), ("space", "page_steps")):
                durations = []
                for _ in range(spec["scroll"]):
                    await asyncio.sleep(0.02)
                    began = time.monotonic()
                    frame = next_frame()
                    app.simulate_key(key)
                    with contextlib.suppress(TimeoutError):
                        durations.append(await frame - began)
                marks[name] = durations

    App._display = display  # type: ignore[method-assign]
    if spec["kind"] == "minimal":
        from textual.widgets import Static

        class Minimal(App[None]):
            """The floor: Textual's own start-up with one widget."""

            def compose(self) -> Any:
                yield Static("Hello from a minimal Textual app.")

        Minimal().run()
    else:
        from brief.cli import main

        main(spec["argv"])


if __name__ == "__main__":
    _child()
