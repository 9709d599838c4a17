"""Publication and update dates of an HTML page: declared metadata first, htmldate's search next."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lxml import etree
from lxml.etree import _Element

from brief.core.dates import parse_date
from brief.core.model import PubDate, as_date

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
    """The dates found on a page."""

    published: PubDate | None = None
    updated: PubDate | None = None


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


_TZ_NAMES: dict[str, str] = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "WET": "+00:00", "BST": "+01:00",
    "CET": "+01:00", "CEST": "+02:00", "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00",
    "IST": "+05:30", "WIB": "+07:00", "SGT": "+08:00", "HKT": "+08:00", "JST": "+09:00",
    "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00", "NZST": "+12:00", "NZDT": "+13:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00",
    "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "AKST": "-09:00", "HST": "-10:00",
}  # fmt: skip
"""Common time-zone abbreviations and their offsets, written as numbers before parsing.

`parse_date` reads most of these names itself, but not all (WIB, NZST, HST, ...), and a
rewritten value parses differently from the named one in edge cases seen on real pages
("2020-09-26T12:07:40+02:00CET", a date with a zone but no time), so the rewrite stays.
"""

_TZ_WORD = re.compile(r"(?<=[\d\s])(" + "|".join(sorted(_TZ_NAMES, key=len, reverse=True)) + r")$")


def when(value: object, today: date) -> PubDate | None:
    """A plausible date or datetime from a metadata value, time-zone names understood."""
    if isinstance(value, str):
        text = value.strip()
        match = _TZ_WORD.search(text)
        if match:
            text = text[: match.start()].rstrip() + _TZ_NAMES[match.group(1)]
        value = text
    return _plausible(parse_date(value), today)


@dataclass
class _Found:
    """Candidate dates in order of trust: the first is taken, the rest may refine it."""

    published: list[PubDate] = field(default_factory=list)
    updated: list[PubDate] = field(default_factory=list)


def _ld_dates(objects: list[dict[str, object]], today: date, found: _Found) -> None:
    """Published and modified dates declared in JSON-LD, article-like objects first."""
    ranked = sorted(
        objects, key=lambda obj: 0 if _LD_ARTICLE.search(str(obj.get("@type", ""))) else 1
    )
    for obj in ranked:
        for keys, bucket in ((_LD_PUBLISHED, found.published), (_LD_UPDATED, found.updated)):
            for key in keys:
                value = when(obj.get(key), today)
                if value is not None:
                    bucket.append(value)
                    break


_ITEMPROPS = etree.XPath("descendant::*[@itemprop]")
"""The elements below the root with an itemprop (found by libxml2: walking every element in
Python costs more)."""


def _meta_dates(tree: _Element, today: date, found: _Found) -> None:
    """Published and modified dates from meta tags and itemprops."""
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META:
            bucket = found.published
        elif key in _UPDATED_META:
            bucket = found.updated
        else:
            continue
        value = when(meta.get("content"), today)
        if value is not None:
            bucket.append(value)
    for element in _ITEMPROPS(tree):
        if element.tag == "meta":
            continue
        prop = (element.get("itemprop") or "").lower()
        if prop not in ("datepublished", "datecreated", "datemodified"):
            continue
        value = when(element.get("datetime") or element.get("content"), today)
        if value is not None:
            (found.updated if prop == "datemodified" else found.published).append(value)


def _time_dates(tree: _Element, today: date, found: _Found) -> None:
    """Dates from <time datetime> elements marked as publication or update times."""
    for element in tree.iterfind(".//time[@datetime]"):
        parent = element.getparent()
        names = (
            element.get("class"),
            element.get("id"),
            element.get("itemprop"),
            None if parent is None else parent.get("class"),
        )
        label = " ".join(name for name in names if name)
        if element.get("pubdate") is not None or _PUBLISHED_CLASS.search(label):
            bucket = found.published
        elif _UPDATED_CLASS.search(label):
            bucket = found.updated
        else:
            continue
        value = when(element.get("datetime"), today)
        if value is not None:
            bucket.append(value)


def _best(candidates: list[PubDate]) -> PubDate | None:
    """The first candidate, shown in the page's local time when another gives the same instant.

    A page often states one moment twice, once in UTC and once with its own offset; the local
    form carries the day the publisher printed.
    """
    if not candidates:
        return None
    first = candidates[0]
    if not isinstance(first, datetime) or (
        first.tzinfo is not None and first.utcoffset() != timedelta(0)
    ):
        return first
    for other in candidates[1:]:
        if not isinstance(other, datetime) or not other.utcoffset():
            continue  # a day, a naive time, or UTC again
        # A naive first value is compared with the other's wall time.
        moment = other if first.tzinfo is not None else other.replace(tzinfo=None)
        if abs(first - moment) < timedelta(minutes=2):
            return other
    return first


def _from_htmldate(text: str | None, today: date) -> PubDate | None:
    """A date from htmldate's output, refusing year-only guesses (1 January at midnight)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is None and (value.hour, value.minute, value.second) == (0, 0, 0):
        if (value.month, value.day) == (1, 1):
            return None
        return _plausible(value.date(), today)
    return _plausible(value, today)


def _search(tree: _Element, url: str | None, today: date) -> str | None:
    """htmldate's answer for the page: the original publication date, time kept if given.

    The tree is passed (never text), so htmldate cannot fetch anything.
    """
    from htmldate import find_date

    found: str | None = find_date(
        tree,
        extensive_search=True,
        original_date=True,
        outputformat=_HTMLDATE_FORMAT,
        url=url,
        max_date=today.isoformat(),
    )
    return found


def find_dates(
    tree: _Element, objects: list[dict[str, object]], url: str | None, today: date
) -> PageDates:
    """The page's dates: meta tags, JSON-LD, <time>; htmldate's search when none is declared."""
    found = _Found()
    _meta_dates(tree, today, found)
    _ld_dates(objects, today, found)
    _time_dates(tree, today, found)
    published = _best(found.published)
    if published is None:
        published = _from_htmldate(_search(tree, url, today), today)
    return PageDates(published, _best(found.updated))
