"""Helpers shared by the form readers: new sources, titles from paths, outlets from links."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from brief.core.model import Block, Format, LateRawSource, PubDate, RawLine, Source, date_sort_key
from brief.core.text import shorten, squash


def content_id(data: bytes, part: int | None = None) -> str:
    """A stable id from content: 12 hex digits of SHA-256 (with the item index for feeds)."""
    digest = hashlib.sha256(data)
    if part is not None:
        digest.update(f"#{part}".encode())
    return digest.hexdigest()[:12]


def title_from_path(path: Path) -> str:
    """A readable stand-in title from a file name, used only when nothing better exists."""
    stem = path.name.split(".")[0] or path.name
    return re.sub(r"[_\-]+", " ", stem).strip() or path.name


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without "www." from a link, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def derive_title(blocks: list[Block], limit: int = 90) -> str | None:
    """A title from the first sentence of the body, cut at a word boundary."""
    for block in blocks:
        text = squash(block.text)
        if not text:
            continue
        match = re.match(r"(.+?[.!?。])(?:\s|\[\d+\]|$)", text)
        sentence = match.group(1) if match else text
        return shorten(sentence.rstrip("."), limit)
    return None


def new_source(
    path: Path,
    form: Format,
    title: str | None,
    blocks: list[Block],
    *,
    published: PubDate | None = None,
    updated: PubDate | None = None,
    raw: Callable[[], list[RawLine]] | None = None,
    **meta: str | None,
) -> Source:
    """A source with its title settled: given, else derived from the body, else the file name.

    The id is left empty; the loader assigns it from the content. Given `raw`, the source makes
    its raw lines with it when they are first asked for.
    """
    from_filename = False
    clean_title = squash(title) if title else ""
    if not clean_title:
        clean_title = derive_title(blocks) or ""
    if not clean_title:
        clean_title = title_from_path(path)
        from_filename = True
    if (
        updated is not None
        and published is not None
        and date_sort_key(updated) <= date_sort_key(published)
    ):
        updated = None
    source = (Source if raw is None else LateRawSource)(
        id="",
        path=path,
        format=form,
        title=clean_title,
        blocks=blocks,
        published=published,
        updated=updated,
        title_from_filename=from_filename,
        outlet=meta.get("outlet") or None,
        author=meta.get("author") or None,
        url=meta.get("url") or None,
        language=meta.get("language") or None,
    )
    if isinstance(source, LateRawSource):
        source.make_raw = raw
    return source
