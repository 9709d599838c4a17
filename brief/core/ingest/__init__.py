"""Reading a briefing pack: files to sources, each form detected by content."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from brief.core.ingest import feed, html, jsondoc, markdown, text, textdump
from brief.core.ingest.common import content_id
from brief.core.ingest.decode import decode
from brief.core.ingest.files import MAX_BYTES, MissingPathError, check_paths, read_file, walk
from brief.core.ingest.sniff import sniff
from brief.core.language import detect_language
from brief.core.model import Format, Library, RawLine, Skipped, Source
from brief.core.text import sanitize

__all__ = ["MissingPathError", "load_paths", "read_bytes", "read_text"]

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


def _sanitize_fields(source: Source) -> None:
    """Remove control characters decoded from escapes (e.g. JSON's \\u001b) after reading."""
    source.title = sanitize(source.title).replace("\n", " ")
    for name in ("outlet", "author", "url", "language"):
        value = getattr(source, name)
        if value is not None:
            setattr(source, name, sanitize(value).replace("\n", " ").strip() or None)
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
        _sanitize_fields(source)
        if not source.raw:
            source.raw = [RawLine(line, True) for line in content.split("\n")]
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


def load_paths(paths: Sequence[Path], limit: int = MAX_BYTES) -> Library:
    """Read every file under the given paths into a library; nothing here raises for bad input.

    Raises MissingPathError only when a named path does not exist at all.
    """
    check_paths(paths)
    library = Library()
    ids: dict[str, Source] = {}
    for item in walk(paths):
        if isinstance(item, tuple):
            library.skipped.append(Skipped(item[0], item[1]))
            continue
        got = read_file(item, limit)
        if got.error:
            library.skipped.append(Skipped(item, got.error))
            continue
        try:
            result = read_bytes(got.data, item, got.size)
        except RecursionError:
            result = "too deeply nested to read"
        if isinstance(result, str):
            library.skipped.append(Skipped(item, result))
            continue
        for source in result:
            if source.id in ids:
                library.skipped.append(
                    Skipped(item, f"same content as {ids[source.id].path} (shown once)")
                )
                continue
            ids[source.id] = source
            library.sources.append(source)
    return library
