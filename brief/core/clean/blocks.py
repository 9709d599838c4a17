"""Kept units turned into body blocks (paragraphs, headings, list items, quotes) and raw lines."""

from __future__ import annotations

from typing import Final

from brief.core.clean.features import Features, ends_sentence, word_total
from brief.core.clean.units import Unit
from brief.core.model import Block, BlockKind, RawLine, raw_line

HEADING_WORDS: Final = 15
"""A kept line of at most this many words, not ending like a sentence, is a subheading."""


def block_kind(unit: Unit, quote_indent: int | None, feat: Features | None = None) -> BlockKind:
    """What a kept unit is: a list item, a quote, a subheading or a paragraph (`feat`, the
    unit's features when known, tells how it ends and its words)."""
    if unit.marker:
        return BlockKind.LIST_ITEM
    if unit.text.startswith(">") or (quote_indent is not None and unit.indent >= quote_indent):
        return BlockKind.QUOTE
    if feat is not None:
        if not feat.sentence and feat.words <= HEADING_WORDS:
            return BlockKind.HEADING
    elif not ends_sentence(unit.text) and word_total(unit.text) <= HEADING_WORDS:
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def block_text(unit: Unit) -> str:
    """The text of a block: numbered list items keep their number, quotes lose their `>`."""
    if unit.marker and unit.marker[0].isdigit():
        return f"{unit.marker} {unit.text}"
    if unit.text.startswith(">"):
        return unit.text.lstrip("> ").strip() or unit.text
    return unit.text


def build_blocks(
    units: list[Unit],
    keep: list[bool],
    wrapped: bool,
    captions: list[bool] | None = None,
    feats: list[Features] | None = None,
) -> list[Block]:
    """Blocks from the kept units, in order (those flagged in `captions` are captions; `feats`,
    the units' features when known, spare measuring the kept ones again)."""
    flags = captions if captions is not None else [False] * len(units)
    known = feats if feats is not None else [None] * len(units)
    kept = [
        (unit, caption, feat)
        for unit, flag, caption, feat in zip(units, keep, flags, known, strict=True)
        if flag
    ]
    quote_indent: int | None = None
    if wrapped:
        # w3m indents block quotes: deeper than the article's usual paragraph indentation.
        indents = sorted(unit.indent for unit, _, _ in kept if not unit.marker)
        if indents:
            quote_indent = indents[len(indents) // 2] + 3
    blocks: list[Block] = []
    for unit, caption, feat in kept:
        text = block_text(unit)
        if text:
            kind = BlockKind.CAPTION if caption else block_kind(unit, quote_indent, feat)
            blocks.append(Block(kind, text))
    return blocks


def raw_lines(
    lines: list[str], units: list[Unit], keep: list[bool], reasons: list[str]
) -> list[RawLine]:
    """Every source line marked kept or removed, with its unit's reason (`lines` are all the
    lines of the text, in order, so a line's index is its position; the units come in order,
    each over consecutive lines).

    A line outside every unit (blank) counts as kept when the units on both sides are.
    """
    result: list[RawLine] = []
    append = result.append
    # Lines outside units (blank ones) repeat: equal raw lines are one shared value.
    blanks: dict[tuple[str, bool], RawLine] = {}

    def add_blanks(between: list[str], kept: bool) -> None:
        for line in between:
            shared = blanks.get((line, kept))
            if shared is None:
                shared = blanks[line, kept] = raw_line(line, kept)
            append(shared)

    position = 0
    before = False
    for unit, flag, reason in zip(units, keep, reasons, strict=True):
        indices = unit.lines
        if position < indices[0]:
            add_blanks(lines[position : indices[0]], before and flag)
        note = "" if flag else reason
        for index in indices:
            append(raw_line(lines[index], flag, note))
        position = indices[-1] + 1
        before = flag
    add_blanks(lines[position:], False)
    return result
