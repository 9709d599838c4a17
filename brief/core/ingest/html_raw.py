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

_ANY_HINT = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _HINTS), re.I)
"""Matches where one of `_HINTS` does (most class and id texts give no reason at all)."""

_NON_WORD = re.compile(r"\W+")
_MENU_ROLES = frozenset(["navigation", "menu", "menubar"])
_MAX_LINES = 20000
"""Lines beyond this many are not rendered (huge pages)."""
_MAX_SEARCH = 200_000
"""Bodies longer than this are matched line by line only, not searched for parts of lines."""


def _hint_reason(hint: str) -> str:
    """The reason a class or id text (class and id joined by a space) gives, or ""."""
    if hint.strip():
        words = hint.replace("_", " ").replace("-", " ")
        if _ANY_HINT.search(words) is None:
            return ""
        for pattern, reason in _HINTS:
            if pattern.search(words):
                return reason
    return ""


def page_lines(root: _Element) -> list[tuple[str, str, float]]:
    """The page's visible text, one line per block element: (text, context reason, link share).

    One walk of the tree; the work for each element is written out here rather than called
    (a page has hundreds of elements, most of them without a line of their own); only ending
    a line is a call.
    """
    lines: list[tuple[str, str, float]] = []
    parts: list[str] = []
    linked = 0
    reasons: list[str] = [""]
    link_depth = 0
    hints: dict[str, str] = {}
    block_tags, invisible, landmarks = _BLOCK_TAGS, _INVISIBLE, _LANDMARKS

    def end_line() -> None:
        """The line gathered so far ends here (called only when something was gathered)."""
        nonlocal parts, linked
        line = squash("".join(parts))
        if line and len(lines) < _MAX_LINES:
            lines.append((line, reasons[-1], min(1.0, linked / len(line))))
        parts = []
        linked = 0

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag  # a function for comments and processing instructions: in no set
        if event == "start":
            if tag in invisible:
                walker.skip_subtree()
                continue
            if parts and (tag in block_tags or tag == "br"):
                end_line()
            if tag == "a":
                link_depth += 1
            reason = landmarks.get(tag, "") if tag.__class__ is str else ""
            if not reason:
                get = element.get
                role = get("role")
                if role:
                    role = role.lower()
                    if role in _MENU_ROLES:
                        reason = "menu"
                    elif role == "contentinfo":
                        reason = "footer"
                if not reason:
                    name, ident = get("class"), get("id")
                    if name or ident:
                        hint = f"{name or ''} {ident or ''}"
                        known = hints.get(hint)
                        if known is None:
                            known = hints[hint] = _hint_reason(hint)
                        reason = known
            reasons.append(reason or reasons[-1])
            text = element.text
        elif event == "end":
            if tag not in invisible:
                if parts and tag in block_tags:
                    end_line()
                if tag == "a":
                    link_depth -= 1
                reasons.pop()
            text = element.tail
        else:
            # A comment or processing instruction: only the text after it shows.
            text = element.tail
        if text:
            if parts or not text.isspace():
                # (White space opening a line would be stripped from it.)
                parts.append(text)
            if link_depth:
                linked += len(text.strip())
    if parts:
        end_line()
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
