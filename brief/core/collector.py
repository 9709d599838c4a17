"""The garbage collector held off while the reading room starts, then given back for good."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_paused = False
"""Whether `pause` turned the collector off (and `resume` has yet to turn it back on)."""
_holds = 0
"""How many `held` blocks are running (in any thread)."""
_on_after_holds = False
"""Whether the collector is to be turned on when the last `held` block ends."""
_lock = threading.Lock()
"""Guards the three above: `resume` and `held` are called from different threads."""


def pause() -> None:
    """Turn the collector off while the interface is imported and its first frame drawn.

    Start-up makes a few hundred thousand objects that live as long as the process (modules,
    classes, styles) and next to no garbage, yet the collector walks them all: a full pass
    fell in the middle of most start-ups and took 25-45 ms of a 0.3 s start.
    """
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def settle() -> None:
    """Take every object alive now out of the cyclic garbage collector's sight: call once a
    library is listed, and again once it is indexed (the app does, after each (re)load).

    A library and its index are millions of objects that live as long as the pack is open; a
    full collection walks them all and stops every thread meanwhile (about 3 s at 100,000
    sources, and the first one comes soon after a large pack is listed). Objects taken out are
    still freed as usual when nothing refers to them any more; only reference cycles among them
    are not (sources, their cache entries and the index make none). No collection is run first:
    the objects just made are all young, so even a young generation's pass would walk them all.
    """
    gc.freeze()


def resume() -> None:
    """Turn the collector back on if `pause` turned it off, with everything made so far taken
    out of its sight (later passes walk only what is made from now on); safe to call twice.
    While a `held` block runs, it is turned on when the last one ends."""
    global _paused, _on_after_holds
    with _lock:
        if _paused:
            _paused = False
            gc.freeze()
            if _holds:
                _on_after_holds = True
            else:
                gc.enable()


@contextlib.contextmanager
def held(settle: bool = True) -> Iterator[None]:
    """The collector off for the duration of the block, even when `resume` is called from
    another thread meanwhile (it takes effect when the block ends); as it was after, with
    what the block made taken out of its sight (see `settle`) unless `settle` is False.

    For making a large number of lasting objects at once (listing 100,000 cached sources, and
    their rows): with the collector on, that spent a quarter of a second in young-generation
    passes that freed nothing, and so did the first pass after the block had it off.
    """
    global _holds, _on_after_holds
    with _lock:
        if _holds == 0:
            _on_after_holds = gc.isenabled()
            gc.disable()
        _holds += 1
    try:
        yield
    finally:
        with _lock:
            _holds -= 1
            if _holds == 0 and _on_after_holds:
                _on_after_holds = False
                if settle:
                    gc.freeze()
                gc.enable()


@contextlib.contextmanager
def running() -> Iterator[None]:
    """Within a `held` block, the collector on for the duration of this one if it is to be on
    after the hold (for work that makes garbage: reading files, a caller's turn); else as is."""
    with _lock:
        wanted = _holds > 0 and _on_after_holds and not gc.isenabled()
        if wanted:
            gc.enable()
    try:
        yield
    finally:
        if wanted:
            with _lock:
                gc.disable()
