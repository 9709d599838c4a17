"""Publication and update dates of an HTML page: declared metadata first, htmldate's search next."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lxml.etree import _Element

from brief.core.dates import as_date, parse_date
from brief.core.model import PubDate

_PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "article:published",
        "og:published_time",
        "og:article:published_time",
        "published_time",
        "publish_date",
        "publish-date",
        "publishdate",
        "published-date",
        "pubdate",
        "pub_date",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "article_date_original",
        "original-publish-date",
        "citation_publication_date",
        "citation_date",
        "release_date",
        "cxenseparse:recs:publishtime",
        "datecreated",
        "created",
    }
)
"""Meta tag names and properties (lower-case) that carry the publication date."""

_UPDATED_META = frozenset(
    {
        "article:modified_time",
        "article:modified",
        "og:updated_time",
        "og:modified_time",
        "modified_time",
        "datemodified",
        "dc.date.modified",
        "dcterms.modified",
        "last-modified",
        "lastmod",
        "article.updated",
        "parsely-updated",
    }
)
"""Meta tag names and properties (lower-case) that carry the last update."""

_LD_PUBLISHED = ("datePublished", "dateCreated", "uploadDate")
_LD_UPDATED = ("dateModified",)
_LD_ARTICLE = re.compile(r"Article|Posting|Report|NewsArticle|Review|VideoObject|WebPage", re.I)
_PUBLISHED_CLASS = re.compile(r"publish|pubdate|posted|entry-date|article-date|timestamp", re.I)
_UPDATED_CLASS = re.compile(r"updat|modif", re.I)
_HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_EARLIEST = date(1995, 1, 1)


@dataclass
class PageDates:
    """The dates found on a page, with where each came from."""

    published: PubDate | None = None
    updated: PubDate | None = None
    notes: list[str] = field(default_factory=list)
    """Problems met (kept as warnings on the source)."""


def _plausible(value: PubDate | None, today: date) -> PubDate | None:
    """The value when it lies between 1995 and tomorrow, else None."""
    if value is None:
        return None
    day = as_date(value)
    if day < _EARLIEST or day > today + timedelta(days=1):
        return None
    return value


def _ld_objects(data: object, depth: int = 0) -> Iterator[dict[str, object]]:
    """Every JSON object inside a JSON-LD value (graphs and lists unpacked), depth-limited."""
    if depth > 6:
        return
    if isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            inner = data.get(key)
            if isinstance(inner, dict | list):
                yield from _ld_objects(inner, depth + 1)
    elif isinstance(data, list):
        for item in data[:50]:
            yield from _ld_objects(item, depth + 1)


def json_ld(tree: _Element) -> list[dict[str, object]]:
    """The JSON-LD objects of a page (invalid blocks skipped)."""
    objects: list[dict[str, object]] = []
    for script in tree.iterfind(".//script[@type]"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind or not script.text:
            continue
        text = script.text.strip().removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        objects.extend(_ld_objects(data))
    return objects


def _ld_dates(
    objects: list[dict[str, object]], today: date
) -> tuple[PubDate | None, PubDate | None]:
    """Published and modified dates declared in JSON-LD, article-like objects first."""
    ranked = sorted(
        objects, key=lambda obj: 0 if _LD_ARTICLE.search(str(obj.get("@type", ""))) else 1
    )
    published: PubDate | None = None
    updated: PubDate | None = None
    for obj in ranked:
        if published is None:
            for key in _LD_PUBLISHED:
                published = _plausible(parse_date(obj.get(key)), today)
                if published is not None:
                    break
        if updated is None:
            for key in _LD_UPDATED:
                updated = _plausible(parse_date(obj.get(key)), today)
                if updated is not None:
                    break
        if published is not None and updated is not None:
            break
    return published, updated


def _meta_dates(tree: _Element, today: date) -> tuple[PubDate | None, PubDate | None]:
    """Published and modified dates from meta tags, itemprops and <time> elements."""
    published: PubDate | None = None
    updated: PubDate | None = None
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if not key or (key not in _PUBLISHED_META and key not in _UPDATED_META):
            continue
        value = _plausible(parse_date(meta.get("content")), today)
        if value is None:
            continue
        if key in _PUBLISHED_META and published is None:
            published = value
        elif key in _UPDATED_META and updated is None:
            updated = value
    if published is None:
        for element in tree.iterfind(".//*[@itemprop]"):
            prop = (element.get("itemprop") or "").lower()
            if prop not in ("datepublished", "datecreated", "datemodified"):
                continue
            value = _plausible(parse_date(element.get("datetime") or element.get("content")), today)
            if value is None:
                continue
            if prop == "datemodified":
                updated = updated or value
            elif published is None:
                published = value
    if published is None:
        for element in tree.iterfind(".//time[@datetime]"):
            label = " ".join(
                filter(
                    None,
                    (
                        element.get("class"),
                        element.get("id"),
                        element.getparent().get("class")
                        if element.getparent() is not None
                        else None,
                    ),
                )
            )
            value = _plausible(parse_date(element.get("datetime")), today)
            if value is None:
                continue
            if element.get("pubdate") is not None or _PUBLISHED_CLASS.search(label):
                published = value
                break
            if _UPDATED_CLASS.search(label):
                updated = updated or value
    return published, updated


def _from_htmldate(text: str | None, today: date) -> PubDate | None:
    """A date from htmldate's output, refusing year-only guesses (1 January at midnight)."""
    if not text:
        return None
    try:
        value = datetime.strptime(text, _HTMLDATE_FORMAT)
    except ValueError:
        return None
    if value.tzinfo is None and (value.hour, value.minute, value.second) == (0, 0, 0):
        if (value.month, value.day) == (1, 1):
            return None
        return _plausible(value.date(), today)
    return _plausible(value, today)


def find_dates(
    tree: _Element, objects: list[dict[str, object]], searched: str | None, today: date
) -> PageDates:
    """The page's dates: JSON-LD, then meta tags and <time>, then htmldate's search result.

    `searched` is htmldate's answer (in ``%Y-%m-%dT%H:%M:%S%z``) for the same page.
    """
    ld_published, ld_updated = _ld_dates(objects, today)
    meta_published, meta_updated = _meta_dates(tree, today)
    found = _from_htmldate(searched, today)
    published = ld_published or meta_published or found
    updated = ld_updated or meta_updated
    result = PageDates(published, updated)
    return result
