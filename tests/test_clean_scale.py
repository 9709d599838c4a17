"""Large inputs read in linear time: logs of thousands of lines, a megabyte without a newline."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

from brief.core.clean.lines import parse_lines, wrap_width
from brief.core.clean.units import build_units
from brief.core.ingest import read_bytes

LOG_LINE = "2024-01-01 12:00:00 INFO request served in 12 ms from worker 3\n"
SENTENCE = "The council met on Tuesday and agreed a budget for the new year, after a long debate. "


def _read(data: bytes) -> None:
    """Read bytes as `brief show` does; the file must give a source."""
    result = read_bytes(data, Path("big.txt"))
    assert not isinstance(result, str), result


def _timed(work: Callable[[], None]) -> float:
    """Seconds `work` takes, the garbage collector paused (a full suite's heap would make its
    passes weigh on whichever size they fall in)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start
    finally:
        gc.enable()


def _assert_linear(make: Callable[[int], bytes], small: int) -> None:
    """Reading a 4x larger input takes less than 8x as long (quadratic work would take 16x).

    The two sizes are timed in turn, four times, and the shortest of each kept, so that a
    burst of other work on the machine does not fall on one size only.
    """
    small_data, large_data = make(small), make(4 * small)
    _read(small_data)  # warm up caches and lazy imports
    t_small = t_large = float("inf")
    for _ in range(4):
        t_small = min(t_small, _timed(lambda: _read(small_data)))
        t_large = min(t_large, _timed(lambda: _read(large_data)))
    assert t_large < 8 * t_small + 0.05, (t_small, t_large)


def test_log_lines_read_in_linear_time() -> None:
    """A log of identical-looking lines (250 KB, then 1 MB) reads in linear time."""
    _assert_linear(lambda n: (LOG_LINE * n).encode(), 4000)


def test_single_paragraph_without_newlines_reads_in_linear_time() -> None:
    """A paragraph of 250 KB, then 1 MB, on one line reads in linear time."""
    _assert_linear(lambda n: (SENTENCE * n).encode(), 3000)


def test_log_is_not_taken_for_wrapped_text() -> None:
    """Lines all of one length are not a paragraph wrapped at that width: each stays a line."""
    raws, lines = parse_lines(LOG_LINE * 500)
    assert wrap_width(lines) is None
    assert len(build_units(raws, lines, wrap_width(lines))) == 500


def test_joining_many_wrapped_lines_is_linear() -> None:
    """Joining 20,000 wrapped lines into one unit copies each line once (no growing string)."""
    row = "word " * 15 + "wrapped"
    text = "\n".join([row] * 20000 + ["", "end"])
    raws, lines = parse_lines(text)
    units = build_units(raws, lines, len(row))
    assert len(units) == 2
    assert len(units[0].lines) == 20000
    assert units[0].text == " ".join([row] * 20000)


def test_eight_mib_log_reads_in_seconds() -> None:
    """An 8 MiB log (the largest file brief reads) takes a few seconds at most."""
    data = (LOG_LINE * (8 * 1024 * 1024 // len(LOG_LINE))).encode()
    start = time.perf_counter()
    _read(data)
    assert time.perf_counter() - start < 20
