"""The garbage collector held off while the reading room starts, then given back for good."""

from __future__ import annotations

import gc

_paused = False
"""Whether `pause` turned the collector off (and `resume` has yet to turn it back on)."""


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


def resume() -> None:
    """Turn the collector back on if `pause` turned it off, with everything made so far taken
    out of its sight (later passes walk only what is made from now on); safe to call twice."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
