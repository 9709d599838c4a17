"""Cleaning a text dump of a rendered page: the article's blocks, metadata and every line's fate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from brief.core.clean.analysis import analyse, forget
from brief.core.clean.blocks import build_blocks, raw_lines
from brief.core.clean.classify import classify, key_counts
from brief.core.clean.meta import DumpMeta, find_meta
from brief.core.model import Block, RawLine


@dataclass(slots=True)
class Cleaned:
    """A cleaned text: the article's blocks, what the chrome told, and every line marked."""

    blocks: list[Block]
    """The article body."""
    meta: DumpMeta
    """Title, byline, dates and outlet found around the article."""
    raw: Callable[[], list[RawLine]]
    """Every line of the text, kept or removed with a reason, worked out when asked for (reading
    the article needs only its blocks)."""


def clean_dump(text: str) -> Cleaned:
    """The article of a text dump (menus, link lists, share buttons and footers removed)."""
    analysis = analyse(text)
    forget(text)
    lines, units, width = analysis.lines, analysis.units, analysis.width
    feats = analysis.features_of()
    counts = key_counts(feats)
    verdicts, (start, _) = classify(units, feats, counts)
    meta = find_meta(units, verdicts, start, feats, counts)
    keep = [verdict.keep for verdict in verdicts]
    reasons = [verdict.reason for verdict in verdicts]
    for index, reason in meta.used.items():
        keep[index] = False
        reasons[index] = reason
    for index, verdict in enumerate(verdicts):
        if verdict.reason in ("byline", "date"):
            reasons[index] = "metadata"
    captions = [verdict.caption for verdict in verdicts]
    blocks = build_blocks(units, keep, width is not None, captions, feats)
    return Cleaned(blocks, meta, partial(raw_lines, lines, units, keep, reasons))
