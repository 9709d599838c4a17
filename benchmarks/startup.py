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

Usage: uv run python benchmarks/startup.py [--reps 9]
"""

from __future__ import annotations

import argparse
import os
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


def run_mode(title: str, reps: int, env: dict[str, str]) -> None:
    """Time both apps alternately `reps` times in one mode and print the figures."""
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
    width = max(len(row[0]) for row in rows)
    print(f"\n{'figure':{width}}  {'measured':>9}  target")
    for what, figure, target in rows:
        print(f"{what:{width}}  {figure:>9}  {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=9)
    args = parser.parse_args()
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
        )
        run_mode(
            "Bytecode cached from the untimed first run (a user's usual case):",
            args.reps,
            {**files, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": f"{folder}/pyc"},
        )


if __name__ == "__main__":
    main()
