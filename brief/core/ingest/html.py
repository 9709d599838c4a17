"""HTML pages: the article's text as blocks (via trafilatura), its metadata, dates and raw lines."""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import date
from functools import cache
from pathlib import Path

from lxml.etree import ElementDefaultClassLookup, HTMLParser, LxmlError, _Element

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


@cache
def _parser() -> HTMLParser:
    """trafilatura's HTML parser, with element classes chosen in C.

    lxml.html chooses each element's class in Python, once for every element a walk or an
    XPath touches; choosing it in C reads a page with 4% fewer instructions. Every element is
    an `HtmlElement` here (the form classes lxml.html adds are never used).
    """
    from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(
        ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


def _parse(text: str) -> _Element | None:
    """The page's element tree (lxml, comments dropped), or None when nothing parses.

    The steps of trafilatura's `load_html` for a string, with `_parser()`.
    """
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree: _Element | None = None
    with suppress(ValueError, LxmlError):  # (an encoding declaration in a string, say)
        tree = fromstring(text, parser=_parser())
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(text.encode("utf-8", "surrogatepass"), parser=_parser())
        except (ValueError, LxmlError):
            return None
    if is_dubious_html(beginning) and len(tree) < 2:
        return None  # Not a page: a fragment or some other text.
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
