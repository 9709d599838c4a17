"""Title, outlet, author, link and language of an HTML page, from its metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml.etree import _Element

from brief.core.ingest.common import outlet_from_url
from brief.core.ingest.html_byline import page_author
from brief.core.text import squash

_SEPARATORS = re.compile(r"\s+(?:[|–—·•»«~]|-{1,2}|::)\s+")
_NON_ALNUM = re.compile(r"[\W_]+")
_TRAILING_DATE = re.compile(
    r"(?:\s+(?:published|updated|posted|on|am|um|le|el|il|em|jan(?:uary)?|feb(?:ruary)?|"
    r"mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|\d[\d:.,/-]*))+$",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?:by|par|por|von|di|door|av|af|от)\s*[:\-]?\s+", re.IGNORECASE)
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_HOST_SUFFIXES = re.compile(r"\.(?:com|co|org|net|gov|edu|ac|news|info|tv|[a-z]{2})$")


@dataclass
class PageMeta:
    """What the page says about itself."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)
    """Problems met (kept as warnings on the source)."""


def _squeeze(text: str) -> str:
    """Letters and digits only, lower case, for loose comparison of names."""
    return _NON_ALNUM.sub("", text.casefold())


def _host_label(url: str | None) -> str:
    """The distinctive part of a link's host ("koreatimes" for www.koreatimes.co.kr)."""
    host = outlet_from_url(url) or ""
    while True:
        shorter = _HOST_SUFFIXES.sub("", host)
        if shorter == host:
            break
        host = shorter
    return _squeeze(host.rsplit(".", 1)[-1]) if host else ""


def _names_site(part: str, site_keys: list[str]) -> bool:
    """True when a title segment is the site's name (or its host)."""
    key = _squeeze(part)
    if not key:
        return True
    if "." in part and " " not in part.strip():
        return True
    for site in site_keys:
        if len(site) >= 3 and site in key and len(key) <= len(site) + 12:
            return True
        if len(key) >= 3 and key in site:
            return True
    return False


def clean_title(title: str, outlet: str | None, url: str | None) -> str:
    """A title without a site-name segment at its end or start ("Headline | The Times")."""
    title = squash(title)
    site_keys = [key for key in (_squeeze(outlet or ""), _host_label(url)) if key]
    parts = _SEPARATORS.split(title)
    count = len(parts)
    while len(parts) > 1 and _names_site(parts[-1], site_keys):
        parts.pop()
    while len(parts) > 1 and _names_site(parts[0], site_keys):
        parts.pop(0)
    if len(parts) == count:
        return title
    # What is left, with the separators it had (every part is a non-empty piece of the title).
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()


def _meta(tree: _Element, *names: str) -> str | None:
    """The content of the first meta tag with one of these names or properties."""
    wanted = {name.lower() for name in names}
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in wanted:
            value = squash(meta.get("content") or "")
            if value:
                return value
    return None


def _ld_publisher(objects: list[dict[str, object]]) -> str | None:
    """The publisher's name declared in JSON-LD."""
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict):
            name = publisher.get("name")
            if isinstance(name, str) and squash(name):
                return squash(name)
    return None


def clean_author(author: str | None) -> str | None:
    """A byline without "By", links or e-mail addresses; None when nothing is left."""
    if not author:
        return None
    author = _TRAILING_DATE.sub("", _BY.sub("", squash(author))).strip(" ,;|-")
    if not author or "http" in author or "@" in author or "{" in author:
        return None
    return author if len(author) <= 120 else None


def _declared_languages(tree: _Element) -> Iterator[str | None]:
    """The page's language declarations, most trusted first (each looked up only if needed)."""
    yield tree.get("lang")
    yield tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    http_equiv = [
        meta.get("content")
        for meta in tree.iterfind(".//meta[@http-equiv]")
        if (meta.get("http-equiv") or "").lower() == "content-language"
    ]
    yield from reversed(http_equiv)  # the last declaration first
    yield _meta(tree, "content-language", "language", "dc.language")
    yield _meta(tree, "og:locale")


def page_language(tree: _Element) -> str | None:
    """The ISO 639-1 code declared by <html lang>, Content-Language or og:locale."""
    for value in _declared_languages(tree):
        if value:
            match = _LANG.match(value.strip().split(",")[0].strip())
            if match and len(match.group(1)) == 2:
                return match.group(1).lower()
    return None


def page_meta(tree: _Element, objects: list[dict[str, object]]) -> PageMeta:
    """The page's metadata: meta tags and JSON-LD (read by trafilatura), else the page itself."""
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_title,
        extract_url,
    )

    notes: list[str] = []
    found = examine_meta(tree)
    try:
        found = extract_meta_json(tree, found)
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as error:
        notes.append(f"page metadata (JSON-LD) not understood: {type(error).__name__}")
    author = clean_author(found.author) or clean_author(page_author(tree))
    link = found.url or extract_url(tree)
    url = link if link and link.startswith(("http://", "https://")) else None
    outlet = _meta(tree, "og:site_name", "application-name") or _ld_publisher(objects)
    if not outlet and found.sitename and not found.sitename.startswith(("http", "@")):
        outlet = squash(found.sitename)
    outlet = outlet or outlet_from_url(url)
    title = _meta(tree, "og:title", "twitter:title") or found.title or extract_title(tree)
    if title:
        title = clean_title(title, outlet, url)
    return PageMeta(
        title=title or None,
        outlet=outlet,
        author=author,
        url=url,
        language=page_language(tree),
        notes=notes,
    )
