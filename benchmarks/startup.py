"""Start-up benchmark: time to first paint of `brief` on the seeds against a minimal Textual app.

Both apps are started the same way, alternately, in a pseudo-terminal of 120x40, each run a
fresh Python process (see paint.py for the method: from before the process is started to the
first frame of a screen with widgets handed to the terminal). `brief` is started as the
command is (`brief.cli.main([])`: the bundled briefing), with its own cache folder,
annotation store, reading state and (absent) config; the floor is an app with one `Static`.
One untimed run of each comes first (the OS page cache warm, the library cache filled).

Two modes, each timed in full: Python compiling every module at every start
(PYTHONDONTWRITEBYTECODE=1, how this machine runs everything), and Python reading the bytecode
it cached in the untimed run (a temporary PYTHONPYCACHEPREFIX: what a user's second start of
`brief` does). The first makes Textual's floor about 0.45 s, the second about 0.2 s, so brief's
own work weighs more in the second ratio.

Printed for each mode: every run, the medians, their ratio (target <= 1.3) and the median of
the ratios of the pairs; then, to explain the difference, the median time to import what each
app needs (`textual.app` and `textual.widgets` alone; then `brief.cli` and `brief.ui.app` on
top).

With `--instructions` (needs valgrind), each app is also run once under valgrind to its first
frame in each mode, and the instructions it ran are printed: a figure that does not move with
the machine's load, unlike the times (on the shared machine this was written on, they vary by
half again from one minute to the next).

Usage: uv run python benchmarks/startup.py [--reps 9] [--instructions]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paint import measure

IMPORTS = """
import time
began = time.perf_counter()
import textual.app, textual.widgets
middle = time.perf_counter()
import brief.cli, brief.ui.app
print(middle - began, time.perf_counter() - middle)
"""


def import_times(reps: int, env: dict[str, str]) -> tuple[float, float]:
    """Median seconds to import Textual's app and widgets, then brief's own modules on top."""
    floor, extra = [], []
    for _ in range(reps):
        out = subprocess.run(
            [sys.executable, "-c", IMPORTS],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        ).stdout.split()
        floor.append(float(out[0]))
        extra.append(float(out[1]))
    return statistics.median(floor), statistics.median(extra)


def instructions(kind: str, env: dict[str, str]) -> int:
    """Instructions one start of an app runs to its first frame (valgrind's count)."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "valgrind.log"
        prefix = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        measure(kind, [], env, prefix=[*prefix, f"--log-file={log}"])
        found = re.search(r"refs:\s+([\d,]+)", log.read_text())
    if found is None:
        raise RuntimeError(f"valgrind gave no count for {kind}")
    return int(found.group(1).replace(",", ""))


def run_mode(title: str, reps: int, env: dict[str, str], counted: bool = False) -> None:
    """Time both apps alternately `reps` times in one mode and print the figures; `counted`:
    their instructions too."""
    print(f"\n{title}")
    measure("minimal", [], env)
    measure("brief", [], env, sources=5)
    floors, briefs, ratios = [], [], []
    for rep in range(reps):
        floor = measure("minimal", [], env)["paint"]
        ours = measure("brief", [], env)["paint"]
        floors.append(floor)
        briefs.append(ours)
        ratios.append(ours / floor)
        print(f"run {rep + 1}: minimal {floor:.3f} s, brief {ours:.3f} s, ratio {ours / floor:.2f}")
    floor_time, extra_time = import_times(reps, env)
    floor = statistics.median(floors)
    ours = statistics.median(briefs)
    rows = [
        ("minimal Textual app (one Static): first paint", f"{floor:.3f} s", ""),
        ("brief on the seeds: first paint", f"{ours:.3f} s", ""),
        ("ratio of the medians", f"{ours / floor:.2f}", "<= 1.3"),
        ("median of the pairs' ratios", f"{statistics.median(ratios):.2f}", "<= 1.3"),
        ("import textual.app + widgets", f"{floor_time:.3f} s", ""),
        ("import brief.cli + brief.ui.app on top", f"{extra_time:.3f} s", ""),
    ]
    if counted:
        floor_count, our_count = instructions("minimal", env), instructions("brief", env)
        rows += [
            ("minimal app: instructions to first paint", f"{floor_count / 1e6:.0f} M", ""),
            ("brief: instructions to first paint", f"{our_count / 1e6:.0f} M", ""),
            ("ratio of the instructions", f"{our_count / floor_count:.2f}", ""),
        ]
    width = max(len(row[0]) for row in rows)
    print(f"\n{'figure':{width}}  {'measured':>9}  target")
    for what, figure, target in rows:
        print(f"{what:{width}}  {figure:>9}  {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (valgrind)"
    )
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind")
    with tempfile.TemporaryDirectory() as folder:
        files = {  # all of brief's files in the temporary folder: the user's own stay untouched
            "BRIEF_CACHE": f"{folder}/cache",
            "BRIEF_STORE": f"{folder}/annotations.json",
            "BRIEF_STATE": f"{folder}/state.json",
            "BRIEF_CONFIG": f"{folder}/config.toml",
        }
        run_mode(
            "Modules compiled at every start (PYTHONDONTWRITEBYTECODE=1, as on this machine):",
            args.reps,
            {**files, "PYTHONDONTWRITEBYTECODE": "1"},
            args.instructions,
        )
        run_mode(
            "Bytecode cached from the untimed first run (a user's usual case):",
            args.reps,
            {**files, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": f"{folder}/pyc"},
            args.instructions,
        )


if __name__ == "__main__":
    main()
