"""JSON sources: WordPress REST posts, lists and JSON Lines of posts, and other article objects."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from brief.core.dates import parse_date
from brief.core.ingest.common import new_source, outlet_from_url
from brief.core.ingest.htmlfrag import any_to_blocks, clean_inline
from brief.core.ingest.jsonsalvage import salvage
from brief.core.model import Format, PubDate, Source

TITLE_KEYS = ("title", "headline", "name", "subject")
BODY_KEYS = ("content", "body", "articleBody", "article_body", "text", "content_html",
             "content_text", "html", "fulltext", "full_text", "description", "summary",
             "excerpt")  # fmt: skip
DATE_KEYS = ("date", "published", "published_at", "publishedAt", "datePublished", "pubDate",
             "pub_date", "publication_date", "created_at", "created", "date_published",
             "time")  # fmt: skip
UPDATED_KEYS = ("modified", "updated", "updated_at", "updatedAt", "dateModified", "date_modified",
                "last_modified", "lastmod")  # fmt: skip
URL_KEYS = ("link", "url", "canonical_url", "permalink", "webUrl", "web_url", "href")
AUTHOR_KEYS = ("author", "byline", "authors", "creator", "author_name", "dc:creator")
OUTLET_KEYS = ("outlet", "site_name", "source", "publisher", "site", "publication", "siteName")
LANGUAGE_KEYS = ("language", "lang", "locale", "inLanguage")
CONTAINER_KEYS = ("articles", "items", "posts", "data", "results", "entries", "response", "docs",
                  "hits", "stories", "news", "value")  # fmt: skip


def _get(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The first present, non-empty value among the keys (case-insensitive)."""
    lowered = {key.lower(): key for key in obj}
    for key in keys:
        real = key if key in obj else lowered.get(key.lower())
        if real is not None and obj[real] not in (None, "", [], {}):
            return obj[real]
    return None


def _text(value: Any) -> str | None:
    """A string from a value: WordPress `rendered`, `name`, `#text`, first of a list."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("rendered", "name", "#text", "$t", "value", "text", "title", "display_name"):
            if isinstance(value.get(key), str) and value[key].strip():
                return str(value[key])
        return None
    if isinstance(value, list):
        names = [_text(item) for item in value]
        joined = ", ".join(name for name in names if name)
        return joined or None
    return None


def _is_article(obj: Any) -> bool:
    """True for an object with evident title or body keys."""
    return isinstance(obj, dict) and (
        _get(obj, TITLE_KEYS) is not None or _get(obj, BODY_KEYS[:9]) is not None
    )


def _articles(value: Any) -> list[dict[str, Any]]:
    """The article objects in a JSON value: itself, a list of them, or a container's list."""
    if isinstance(value, list):
        return [item for item in value if _is_article(item)]
    if not isinstance(value, dict):
        return []
    if _is_article(value) and _get(value, BODY_KEYS) is not None:
        return [value]
    for key in CONTAINER_KEYS:
        inner = value.get(key)
        if isinstance(inner, list) and any(_is_article(item) for item in inner):
            return [item for item in inner if _is_article(item)]
        if isinstance(inner, dict):
            found = _articles(inner)
            if found:
                return found
    return [value] if _is_article(value) else []


def _is_wordpress(obj: dict[str, Any]) -> bool:
    """True for a WordPress REST post (rendered title or content)."""
    return any(isinstance(obj.get(k), dict) and "rendered" in obj[k] for k in ("title", "content"))


def _wordpress_dates(obj: dict[str, Any]) -> tuple[PubDate | None, PubDate | None]:
    """Published and modified of a WordPress post, with the site's offset from the GMT twins."""
    results: list[PubDate | None] = []
    for local_key in ("date", "modified"):
        local = parse_date(obj.get(local_key))
        gmt = parse_date(obj.get(f"{local_key}_gmt"))
        if isinstance(local, datetime) and local.tzinfo is None and isinstance(gmt, datetime):
            offset = local - gmt.replace(tzinfo=None)
            minutes = round(offset.total_seconds() / 900) * 15
            if abs(minutes) <= 14 * 60:
                local = local.replace(tzinfo=timezone(timedelta(minutes=minutes)))
        elif local is None and isinstance(gmt, datetime):
            local = gmt.replace(tzinfo=UTC) if gmt.tzinfo is None else gmt
        results.append(local)
    return results[0], results[1]


def _author(obj: dict[str, Any]) -> str | None:
    """The author's name from the usual places, including WordPress's embedded data."""
    embedded = obj.get("_embedded")
    if isinstance(embedded, dict):
        name = _text(embedded.get("author"))
        if name:
            return name
    yoast = obj.get("yoast_head_json")
    if isinstance(yoast, dict) and isinstance(yoast.get("author"), str):
        return str(yoast["author"])
    value = _get(obj, AUTHOR_KEYS)
    return None if isinstance(value, int) else _text(value)


def _outlet(obj: dict[str, Any], url: str | None) -> str | None:
    """The outlet: an explicit source or site name, else the link's host."""
    yoast = obj.get("yoast_head_json")
    if isinstance(yoast, dict) and isinstance(yoast.get("og_site_name"), str):
        return str(yoast["og_site_name"])
    return _text(_get(obj, OUTLET_KEYS)) or outlet_from_url(url)


def _source(obj: dict[str, Any], path: Path) -> Source:
    """One source from an article object."""
    wordpress = _is_wordpress(obj)
    title_value = _text(_get(obj, TITLE_KEYS))
    title = clean_inline(title_value) if title_value else None
    body_value = _text(_get(obj, BODY_KEYS))
    blocks = any_to_blocks(body_value) if body_value else []
    if wordpress:
        published, updated = _wordpress_dates(obj)
    else:
        published = parse_date(_get(obj, DATE_KEYS))
        updated = parse_date(_get(obj, UPDATED_KEYS))
    url_value = _text(_get(obj, URL_KEYS))
    url = url_value.strip() if url_value and url_value.strip().startswith("http") else None
    language = _text(_get(obj, LANGUAGE_KEYS))
    source = new_source(
        path,
        Format.WORDPRESS if wordpress else Format.JSON,
        title,
        blocks,
        published=published,
        updated=updated,
        outlet=_outlet(obj, url),
        author=_author(obj),
        url=url,
        language=language[:2].lower() if language and len(language) >= 2 else None,
    )
    if not blocks:
        source.warnings.append("no article text found in the JSON")
    return source


def _json_lines(content: str) -> list[Any] | None:
    """The values of a JSON Lines text, or None when it is not one."""
    lines = [line for line in content.split("\n") if line.strip()]
    if len(lines) < 2 or not all(line.lstrip().startswith("{") for line in lines[:5]):
        return None
    values: list[Any] = []
    for line in lines:
        got = salvage(line)
        if got.value is not None:
            values.append(got.value)
    return values


def read(content: str, path: Path) -> list[Source]:
    """Sources from a JSON text; broken JSON is salvaged with a warning, never refused."""
    got = salvage(content)
    problems = got.problems
    value = got.value
    if problems and (lines := _json_lines(content)) is not None:
        value, problems = lines, []
    objects = _articles(value)
    if not objects:
        # Not JSON after all (e.g. a page dump opening with a "[ ]" form field): read as text.
        if value is None or (problems and re.search(r"[^\W\d_]{3}", content[:4000])):
            from brief.core.ingest import text

            sources = text.read(content, path)
            for source in sources:
                source.warnings.append("looked like JSON but is not: read as text")
            return sources
        return []
    sources = [_source(obj, path) for obj in objects]
    if problems:
        warning = "broken JSON repaired: " + "; ".join(problems)
        for source in sources:
            source.warnings.insert(0, warning)
    return sources
