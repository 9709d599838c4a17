"""Markdown sources: front matter for metadata, headings, paragraphs, quotes and lists."""

from __future__ import annotations

import re
from pathlib import Path

from brief.core.dates import parse_date
from brief.core.ingest.common import new_source, outlet_from_url
from brief.core.model import Block, BlockKind, Format, RawLine, Source
from brief.core.text import squash

_FRONT = re.compile(r"\A---[ \t]*\n((?:.*\n)*?)---[ \t]*(?:\n|\Z)")
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\3(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+")


def inline(text: str) -> str:
    """Markdown inline markup removed: links keep their text, images and emphasis marks go."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(2):
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    return squash(_HTML_TAG.sub("", text))


def front_matter(content: str) -> tuple[dict[str, str], str]:
    """The front matter's simple `key: value` pairs, and the text after it."""
    match = _FRONT.match(content)
    if not match:
        return {}, content
    fields: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("'\"")
    return fields, content[match.end() :]


def parse_blocks(body: str) -> list[Block]:
    """Blocks of a Markdown body."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    kind = BlockKind.PARAGRAPH
    in_fence = False

    def flush() -> None:
        nonlocal kind
        text = inline(" ".join(paragraph))
        if text:
            blocks.append(Block(kind, text))
        paragraph.clear()
        kind = BlockKind.PARAGRAPH

    for line in body.split("\n"):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                blocks.append(Block(BlockKind.PARAGRAPH, line.strip()))
            continue
        if not line.strip() or _RULE.match(line) or _REF_DEF.match(line):
            if paragraph and _SETEXT.match(line) and line.strip().startswith("-"):
                kind = BlockKind.HEADING
            flush()
            continue
        if paragraph and kind == BlockKind.PARAGRAPH and _SETEXT.match(line):
            kind = BlockKind.HEADING
            flush()
            continue
        if heading := _ATX.match(line):
            flush()
            paragraph.append(heading.group(2))
            kind = BlockKind.HEADING
            flush()
            continue
        if item := _LIST.match(line):
            flush()
            paragraph.append(item.group(1))
            kind = BlockKind.LIST_ITEM
            continue
        if quote := _QUOTE.match(line):
            if kind != BlockKind.QUOTE:
                flush()
                kind = BlockKind.QUOTE
            paragraph.append(quote.group(1))
            continue
        paragraph.append(line)
    flush()
    return blocks


def _first(fields: dict[str, str], *keys: str) -> str | None:
    """The first non-empty front-matter value among the keys."""
    return next((fields[key] for key in keys if fields.get(key)), None)


def read(content: str, path: Path) -> list[Source]:
    """A source from a Markdown document; a leading level-1 heading is the title."""
    fields, body = front_matter(content)
    blocks = parse_blocks(body)
    title = fields.get("title")
    if not title and blocks and blocks[0].kind == BlockKind.HEADING:
        title = blocks.pop(0).text
    elif title and blocks and blocks[0].kind == BlockKind.HEADING and blocks[0].text == title:
        blocks.pop(0)
    url = fields.get("url") or fields.get("link") or fields.get("canonical") or None
    source = new_source(
        path,
        Format.MARKDOWN,
        title,
        blocks,
        published=parse_date(_first(fields, "date", "published", "pubdate")),
        updated=parse_date(_first(fields, "updated", "lastmod", "modified")),
        author=fields.get("author") or fields.get("byline"),
        outlet=fields.get("outlet")
        or fields.get("source")
        or fields.get("publisher")
        or fields.get("site")
        or outlet_from_url(url),
        url=url,
        language=fields.get("lang") or fields.get("language"),
    )
    source.raw = [RawLine(line, True) for line in content.split("\n")]
    return [source]
