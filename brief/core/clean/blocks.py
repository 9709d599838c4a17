"""Kept units turned into body blocks (paragraphs, headings, list items, quotes) and raw lines."""

from __future__ import annotations

from brief.core.clean.features import ends_sentence, word_total
from brief.core.clean.units import Unit
from brief.core.model import Block, BlockKind, RawLine, raw_line

HEADING_WORDS = 15
"""A kept line of at most this many words, not ending like a sentence, is a subheading."""


def block_kind(unit: Unit, quote_indent: int | None) -> BlockKind:
    """What a kept unit is: a list item, a quote, a subheading or a paragraph."""
    if unit.marker:
        return BlockKind.LIST_ITEM
    if unit.text.startswith(">") or (quote_indent is not None and unit.indent >= quote_indent):
        return BlockKind.QUOTE
    if not ends_sentence(unit.text) and word_total(unit.text) <= HEADING_WORDS:
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
    units: list[Unit], keep: list[bool], wrapped: bool, captions: list[bool] | None = None
) -> list[Block]:
    """Blocks from the kept units, in order (those flagged in `captions` are captions)."""
    flags = captions if captions is not None else [False] * len(units)
    kept = [(unit, caption) for unit, flag, caption in zip(units, keep, flags, strict=True) if flag]
    quote_indent: int | None = None
    if wrapped:
        # w3m indents block quotes: deeper than the article's usual paragraph indentation.
        indents = sorted(unit.indent for unit, _ in kept if not unit.marker)
        if indents:
            quote_indent = indents[len(indents) // 2] + 3
    blocks: list[Block] = []
    for unit, caption in kept:
        text = block_text(unit)
        if text:
            kind = BlockKind.CAPTION if caption else block_kind(unit, quote_indent)
            blocks.append(Block(kind, text))
    return blocks


def raw_lines(
    lines: list[str], units: list[Unit], keep: list[bool], reasons: list[str]
) -> list[RawLine]:
    """Every source line marked kept or removed, with its unit's reason (`lines` are all the
    lines of the text, in order, so a line's index is its position).

    A line outside every unit (blank) counts as kept when the lines on both sides are.
    """
    count = len(lines)
    state: list[bool | None] = [None] * count
    why = [""] * count
    for unit, flag, reason in zip(units, keep, reasons, strict=True):
        note = "" if flag else reason
        for index in unit.lines:
            state[index] = flag
            why[index] = note
    after = [False] * count
    following = False
    for position in range(count - 1, -1, -1):
        after[position] = following
        got = state[position]
        if got is not None:
            following = got
    result: list[RawLine] = []
    append = result.append
    before = False
    blanks: dict[tuple[str, bool], RawLine] = {}
    for position, line in enumerate(lines):
        got = state[position]
        if got is None:
            # Lines outside units (blank ones) repeat: equal raw lines are one shared value.
            flag = before and after[position]
            shared = blanks.get((line, flag))
            if shared is None:
                shared = blanks[line, flag] = raw_line(line, flag)
            append(shared)
        else:
            before = got
            append(raw_line(line, got, why[position]))
    return result
