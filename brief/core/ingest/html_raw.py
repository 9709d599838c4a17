"""The whole HTML page as text lines, one per block element, each marked kept or removed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree
from lxml.etree import _Element

from brief.core.model import Block, RawLine, raw_line
from brief.core.text import squash

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "select",
        "button",
        "label",
    ]
)
"""Elements that start a new line of the rendered page."""

_INVISIBLE = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "head",
        "audio",
        "video",
        "map",
        "area",
        "source",
        "track",
        "param",
        "input",
        "textarea",
        "datalist",
    ]
)
"""Elements whose content is never shown as text."""

_LANDMARKS: dict[str, str] = {
    "nav": "menu",
    "menu": "menu",
    "footer": "footer",
    "header": "header",
    "aside": "sidebar",
    "form": "form",
    "button": "button",
    "select": "form",
}
"""Elements whose text is removed for a known reason."""

_HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:nav|navbar|navigation|menu|breadcrumbs?)\b", re.I), "menu"),
    (re.compile(r"\bfooter\b", re.I), "footer"),
    (re.compile(r"\b(?:share|sharing|social)\b", re.I), "share buttons"),
    (re.compile(r"\bcomments?\b", re.I), "comments"),
    (re.compile(r"\b(?:related|recommended|more-stories|read-more)\b", re.I), "related links"),
    (re.compile(r"\b(?:ad|ads|advert|advertisement|sponsor|promo)\b", re.I), "advert"),
    (re.compile(r"\b(?:sidebar|widget)\b", re.I), "sidebar"),
    (re.compile(r"\b(?:cookie|consent|newsletter|subscribe|signup)\b", re.I), "notice"),
]
"""Class or id words and the reason a line inside such an element was removed."""

_NON_WORD = re.compile(r"\W+")
_MAX_LINES = 20000
"""Lines beyond this many are not rendered (huge pages)."""
_MAX_SEARCH = 200_000
"""Bodies longer than this are matched line by line only, not searched for parts of lines."""


def _hint_reason(hint: str) -> str:
    """The reason a class or id text (class and id joined by a space) gives, or ""."""
    if hint.strip():
        words = hint.replace("_", " ").replace("-", " ")
        for pattern, reason in _HINTS:
            if pattern.search(words):
                return reason
    return ""


def _reason(element: _Element, hints: dict[str, str] | None = None) -> str:
    """Why text inside this element would be boilerplate, or "" when nothing says so (`hints`
    keeps the reasons of class and id texts already seen on the page)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _LANDMARKS:
        return _LANDMARKS[tag]
    get = element.get
    role = get("role")
    if role:
        role = role.lower()
        if role in ("navigation", "menu", "menubar"):
            return "menu"
        if role == "contentinfo":
            return "footer"
    name, ident = get("class"), get("id")
    if not name and not ident:
        return ""
    hint = f"{name or ''} {ident or ''}"
    if hints is None:
        return _hint_reason(hint)
    reason = hints.get(hint)
    if reason is None:
        reason = hints[hint] = _hint_reason(hint)
    return reason


def page_lines(root: _Element) -> list[tuple[str, str, float]]:
    """The page's visible text, one line per block element: (text, context reason, link share)."""
    lines: list[tuple[str, str, float]] = []
    parts: list[str] = []
    linked = 0
    reasons: list[str] = [""]
    link_depth = 0
    hints: dict[str, str] = {}

    def flush() -> None:
        nonlocal parts, linked
        text = squash("".join(parts))
        if text and len(lines) < _MAX_LINES:
            lines.append((text, reasons[-1], min(1.0, linked / max(1, len(text)))))
        parts = []
        linked = 0

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):
            tag = ""
        if event == "start":
            if tag in _INVISIBLE:
                walker.skip_subtree()
                continue
            if parts and (tag in _BLOCK_TAGS or tag == "br"):
                flush()
            if tag == "a":
                link_depth += 1
            reasons.append(_reason(element, hints) or reasons[-1])
            text = element.text
        elif event == "end":
            if tag not in _INVISIBLE:
                if parts and tag in _BLOCK_TAGS:
                    flush()
                if tag == "a":
                    link_depth -= 1
                reasons.pop()
            text = element.tail
        else:
            # A comment or processing instruction: only the text after it shows.
            text = element.tail
        if text:
            parts.append(text)
            if link_depth:
                linked += len(text.strip())
    if parts:
        flush()
    return lines


def word_key(text: str) -> str:
    """Text reduced to lower-case words separated by single spaces, for loose comparison."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def raw_lines(
    lines: list[tuple[str, str, float]], blocks: list[Block], front: Iterable[str]
) -> list[RawLine]:
    """Raw lines marked kept when their text is in the body; removed ones get a reason.

    Lines that repeat a `front` text (the title or byline) are removed as "metadata".
    """
    keys = [word_key(block.text) for block in blocks]
    body = "\n".join(keys)
    whole = set(keys)
    front_keys = {word_key(text) for text in front}
    search = len(body) <= _MAX_SEARCH
    result: list[RawLine] = []
    for text, context, link_share in lines:
        key = word_key(text)
        kept = bool(key) and (key in whole or (search and len(key) >= 3 and key in body))
        if kept:
            result.append(raw_line(text, True))
            continue
        if key in front_keys:
            reason = "metadata"
        elif context:
            reason = context
        elif link_share > 0.6:
            reason = "links"
        else:
            reason = "boilerplate"
        result.append(raw_line(text, False, reason))
    return result
