"""Turning trafilatura's XML article body into blocks, minus a repeated headline or byline."""

from __future__ import annotations

import re

from lxml import etree
from lxml.etree import _Element

from brief.core.dates import parse_date
from brief.core.ingest.html_raw import word_key
from brief.core.model import Block, BlockKind
from brief.core.text import squash

_KINDS: dict[str, BlockKind] = {
    "p": BlockKind.PARAGRAPH,
    "head": BlockKind.HEADING,
    "item": BlockKind.LIST_ITEM,
    "quote": BlockKind.QUOTE,
    "code": BlockKind.PARAGRAPH,
    "row": BlockKind.PARAGRAPH,
    "figcaption": BlockKind.CAPTION,
}
"""trafilatura's block elements and the kind of block each becomes."""

_CONTAINERS = frozenset({"body", "div", "list", "table", "main", "doc", "text", "section"})
"""Elements that only hold blocks."""

_SKIP = frozenset({"graphic", "comments", "fw", "note"})
"""Elements whose text never belongs to the body."""

_SPACED = frozenset({"lb", "cell", "p", "item", "head", "list", "quote", "row", "div"})
"""Elements that separate words when found inside inline text."""

_BYLINE = re.compile(r"^(?:by|par|por|von|di|door|av|af|от|автор)\s*[:\-]?\s+\S", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_DATE_LABEL = re.compile(r"^(?:published|updated|posted|last updated|date)\s*:?\s*", re.I)


def _tag(element: _Element) -> str:
    """The element's tag name, or "" for comments and processing instructions."""
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def inline_text(element: _Element) -> str:
    """The text inside an element (not its tail), line breaks and cells turned into spaces."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if _tag(node) in _SPACED:
                parts.append(" ")
            if node.text and _tag(node) not in _SKIP:
                parts.append(node.text)
        elif node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts)


class _Collector:
    """Walks the XML body, gathering one block per block element and line break."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._kind = BlockKind.PARAGRAPH

    def _flush(self) -> None:
        text = squash("".join(self._parts))
        self._parts = []
        if text:
            self.blocks.append(Block(self._kind, text))

    def walk(self, element: _Element, kind: BlockKind | None = None) -> None:
        """Gather the blocks under `element`; `kind` is the block kind of an enclosing quote."""
        stack: list[tuple[_Element, BlockKind | None, bool, BlockKind]] = [
            (element, kind, False, self._kind)
        ]
        while stack:
            node, inherited, closing, restore = stack.pop()
            tag = _tag(node)
            if closing:
                self._flush()
                self._kind = restore
                if node.tail and node is not element:
                    self._parts.append(node.tail)
                continue
            if tag in _SKIP:
                if node.tail and node is not element:
                    self._parts.append(node.tail)
                continue
            if tag == "lb":
                self._flush()
                if node.tail:
                    self._parts.append(node.tail)
                continue
            if tag in _KINDS or tag in _CONTAINERS:
                self._flush()
                own = _KINDS.get(tag)
                current = inherited if inherited is BlockKind.QUOTE and own else own
                if tag == "quote":
                    current = BlockKind.QUOTE
                stack.append((node, inherited, True, self._kind))
                self._kind = current or inherited or BlockKind.PARAGRAPH
                if tag == "row":
                    self._cells(node)
                    continue
                if node.text:
                    self._parts.append(node.text)
                for child in reversed(node):
                    stack.append((child, current or inherited, False, self._kind))
                continue
            # Inline element (hi, ref, del, span, ...): its text joins the block being gathered.
            self._parts.append(inline_text(node))
            if node.tail:
                self._parts.append(node.tail)

    def _cells(self, row: _Element) -> None:
        """A table row as one block, its cells separated by " | "."""
        cells = [squash(inline_text(cell)) for cell in row]
        text = " | ".join(cell for cell in cells if cell)
        self._parts = [text]


def body_blocks(body: _Element) -> list[Block]:
    """The blocks of trafilatura's XML body, in reading order."""
    collector = _Collector()
    collector.walk(body)
    return collector.blocks


def _is_dateline(text: str) -> bool:
    """True for a short line that is only a date (with perhaps a label and a time)."""
    if len(text.split()) > 8 or not _DIGIT.search(text):
        return False
    return parse_date(_DATE_LABEL.sub("", text)) is not None


def strip_front_matter(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Blocks without a headline, byline or date line repeated before the first paragraph."""
    title_key = word_key(title) if title else ""
    author_key = word_key(author) if author else ""
    index = 0
    while index < min(len(blocks), 4):
        block = blocks[index]
        key = word_key(block.text)
        words = len(block.text.split())
        if title_key and key and (key == title_key or (words >= 3 and title_key.startswith(key))):
            index += 1
            continue
        if words <= 12 and (
            _BYLINE.match(block.text) or (author_key and key and key == author_key)
        ):
            index += 1
            continue
        if _is_dateline(block.text):
            index += 1
            continue
        break
    return blocks[index:]
