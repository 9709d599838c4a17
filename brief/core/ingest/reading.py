"""Reading one file's content: sanitised, its form sniffed, read by that form's reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from brief.core.ingest import feed, html, jsondoc, markdown, text, textdump
from brief.core.ingest.common import content_id
from brief.core.ingest.decode import decode
from brief.core.ingest.sniff import sniff
from brief.core.language import detect_language
from brief.core.model import Format, LateRawSource, Source, raw_line
from brief.core.text import sanitize

Reader = Callable[[str, Path], list[Source]]

READERS: dict[Format, Reader] = {
    Format.JSON: jsondoc.read,
    Format.HTML: html.read,
    Format.FEED: feed.read,
    Format.MARKDOWN: markdown.read,
    Format.DUMP: textdump.read,
    Format.TEXT: text.read,
}
"""The reader for each detected form (WordPress JSON is found by the JSON reader)."""


CLEAN_BLOCKS = frozenset([Format.DUMP, Format.TEXT])
"""Forms whose blocks are cut from the sanitised text as it is (no escapes decoded): their
blocks need no second pass."""


def _sanitize_fields(source: Source, blocks: bool = True) -> None:
    """Remove control characters decoded from escapes (e.g. JSON's \\u001b) after reading (from
    the blocks too unless `blocks` is False)."""
    source.title = sanitize(source.title).replace("\n", " ")
    for name in ("outlet", "author", "url", "language"):
        value = getattr(source, name)
        if value is not None:
            setattr(source, name, sanitize(value).replace("\n", " ").strip() or None)
    if not blocks:
        return
    cleaned = [(block, sanitize(block.text)) for block in source.blocks]
    source.blocks = [block if text == block.text else replace(block, text=text)
                     for block, text in cleaned]  # fmt: skip


def read_text(content: str, path: Path) -> list[Source]:
    """Sources from already-decoded text: sanitised, sniffed, read by the right form reader.

    Ids are not assigned here (see `read_bytes`).
    """
    content = sanitize(content)
    form = sniff(content)
    sources = READERS[form](content, path)
    for source in sources:
        _sanitize_fields(source, form not in CLEAN_BLOCKS)
        # (A source whose raw lines are made when asked for has them: it is not asked here.)
        if not isinstance(source, LateRawSource) and not source.raw:
            source.raw = [raw_line(line, True) for line in content.split("\n")]
        if source.language is None:
            source.language = detect_language(source.body or source.title)
    return sources


def read_bytes(data: bytes, path: Path, size: int | None = None) -> list[Source] | str:
    """Sources from a file's bytes, with ids from the content; or a one-line reason to skip."""
    size = len(data) if size is None else size
    truncated = size > len(data)
    decoded = decode(data, truncated=truncated)
    if decoded.error:
        return decoded.error
    sources = read_text(decoded.text, path)
    if not sources:
        return "no readable text"
    if not any(source.body.strip() for source in sources) and all(
        source.title_from_filename for source in sources
    ):
        return "no readable text"
    for index, source in enumerate(sources):
        source.id = content_id(data, index if len(sources) > 1 else None)
        source.warnings[:0] = decoded.warnings
        if truncated:
            source.warnings.append(
                f"large file: read the first {len(data) // (1024 * 1024)} MiB"
                f" of {size / (1024 * 1024):.0f} MiB"
            )
    return sources
