"""One text's parse (lines, units, wrap width, unit features), shared by the sniffer and reader."""

from __future__ import annotations

from dataclasses import dataclass, field

from brief.core.clean.features import Features, page_features
from brief.core.clean.units import Unit, split_units


@dataclass(slots=True)
class Analysis:
    """A text split into lines and units; unit features computed as far as they are asked for."""

    text: str
    """The text analysed (compared by identity to find the analysis again)."""
    lines: list[str]
    """Every line, as in the text."""
    units: list[Unit]
    """The candidate blocks."""
    width: int | None
    """The column the text was wrapped at, or None."""
    feats: list[Features] = field(default_factory=list)
    """Features of the first units (all of them once `features_of` has been asked for all)."""
    known: dict[str, Features] = field(default_factory=dict)
    """Features by unit text."""
    dump: bool | None = None
    """Whether the text looks like a page dump, once decided."""

    def features_of(self, count: int | None = None) -> list[Features]:
        """The features of the first `count` units (of all units when None)."""
        wanted = len(self.units) if count is None else min(count, len(self.units))
        have = len(self.feats)
        if have < wanted:
            self.feats.extend(self.features_of_units(self.units[have:wanted]))
        return self.feats[:wanted] if wanted < len(self.feats) else self.feats

    def features_of_units(self, units: list[Unit]) -> list[Features]:
        """The features of these units of the text (a page repeats many lines, such as menus
        and buttons: each text is measured once)."""
        return page_features([unit.text for unit in units], self.known)


_last: Analysis | None = None
"""The latest analysis: the sniffer's work reused by the reader of the same text."""


def analyse(text: str) -> Analysis:
    """The analysis of a text, reused when the same text object was analysed last."""
    global _last
    last = _last
    if last is not None and last.text is text:
        return last
    lines, units, width = split_units(text)
    analysis = Analysis(text, lines, units, width)
    _last = analysis
    return analysis


def forget(text: str) -> None:
    """Drop the kept analysis of `text` once read (a large text's lines are not held on to)."""
    global _last
    if _last is not None and _last.text is text:
        _last = None
