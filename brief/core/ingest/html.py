"""HTML pages: the article's text as blocks (via trafilatura), its metadata, dates and raw lines."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from lxml.etree import ParserError, _Element

from brief.core.ingest.common import new_source
from brief.core.ingest.html_blocks import body_blocks, strip_front_matter
from brief.core.ingest.html_dates import find_dates, json_ld
from brief.core.ingest.html_meta import page_meta
from brief.core.ingest.html_raw import page_lines, raw_lines
from brief.core.model import Block, Format, RawLine, Source

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    # Library loggers stay silent unless the application configures logging.
    logging.getLogger(_name).addHandler(logging.NullHandler())

_MIN_CHARS = 200
"""A fast extraction shorter than this is retried with the full comparison."""
_MIN_SHARE = 0.15
"""... as is one keeping less than this share of the page's visible text."""
_FULL_PASS_LIMIT = 300_000
"""Pages with more visible text than this get only the fast pass (the full one is slow)."""


def _parse(text: str) -> _Element | None:
    """The page's element tree (lxml, comments dropped), or None when nothing parses."""
    from trafilatura.utils import load_html

    try:
        tree: _Element | None = load_html(text)
    except (ValueError, ParserError):
        return None
    return tree


def _extract(tree: _Element, page_chars: int, title: str | None, author: str | None) -> list[Block]:
    """The article's blocks: trafilatura's fast pass, its full pass when that finds little.

    The full pass compares trafilatura's result with readability and jusText; it pays only
    when the fast pass keeps less than a small share of the page.
    """
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    document = None
    for fast in (True, False) if page_chars <= _FULL_PASS_LIMIT else (True,):
        document = bare_extraction(
            tree,
            fast=fast,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
        )
        found = len(document.text or "") if isinstance(document, Document) else 0
        if found >= max(_MIN_CHARS, _MIN_SHARE * page_chars):
            break
    if not isinstance(document, Document) or document.body is None:
        return []
    return strip_front_matter(body_blocks(document.body), title, author)


def read(text: str, path: Path) -> list[Source]:
    """A source from an HTML page: article body, title, outlet, author, dates and raw lines."""
    warnings: list[str] = []
    tree = _parse(text)
    if tree is None:
        source = new_source(path, Format.HTML, None, [])
        source.warnings.append("not a readable HTML page")
        source.raw = [RawLine(line, False, "markup") for line in text.split("\n") if line.strip()]
        return [source]
    lines = page_lines(tree)
    objects = json_ld(tree)
    meta = page_meta(tree, objects)
    warnings.extend(meta.notes)
    dates = find_dates(tree, objects, meta.url, date.today())
    blocks = _extract(tree, sum(len(line[0]) for line in lines), meta.title, meta.author)
    if not blocks:
        warnings.append("no article text found on this page")
    source = new_source(
        path,
        Format.HTML,
        meta.title,
        blocks,
        published=dates.published,
        updated=dates.updated,
        outlet=meta.outlet,
        author=meta.author,
        url=meta.url,
        language=meta.language,
    )
    source.warnings.extend(warnings)
    source.raw = raw_lines(lines, blocks, [value for value in (meta.title, meta.author) if value])
    return [source]
