"""The byline in a page's elements: trafilatura's author search, made in one walk of the page.

trafilatura's `extract_author` copies the whole page, prunes the copy and runs three XPaths with
regular expressions over every element (6 ms a page, a sixth of reading one). This makes the
same tests in Python in one walk and copies only a candidate that holds something to drop;
tests check that it finds what trafilatura does.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml.etree import Element, _Element

_NAMED_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_AUTHOR_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_AUTHOR_CLASS = re.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_ANY_AUTHOR_ID = re.compile(r"[Aa]uthor")
_ANY_AUTHOR_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
_NAMED_TAGS = frozenset(["a", "address", "div", "link", "p", "span", "strong"])
_BYLINE_TAGS = frozenset(["a", "div", "h3", "h4", "p", "span"])
_BYLINE_CLASSES = frozenset(["byline", "username", "byl", "BBL"])
_DISCARD_TAGS = frozenset(["a", "div", "section", "span"])
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    r"article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_BYLINE_LIMIT = 120
_UNDATED_TAGS = ("time", "figure")
"""Tags trafilatura drops, with what is inside, before it looks for a byline."""


def _discarded(element: _Element) -> bool:
    """True for an element trafilatura drops before it looks for a byline (comments, sidebars,
    quotes, dates ...: the first of its AUTHOR_DISCARD_XPATHS, whose other drops <time> and
    <figure>)."""
    if element.tag not in _DISCARD_TAGS:
        return False
    get = element.get
    name, ident = get("class"), get("id")
    return (
        ident == "comments"
        or name in ("comments", "title", "date")
        or (ident is not None and _DISCARD_ID.search(ident) is not None)
        or (name is not None and _DISCARD_CLASS.search(name) is not None)
        or "Figure" in (get("data-component") or "")
    )


def _removed(element: _Element, root: _Element) -> bool:
    """True when trafilatura's pruned copy of `root` lacks `element` (it or an ancestor is
    dropped; `root` itself is dropped only as a <time> or <figure>)."""
    node: _Element | None = element
    while node is not None:
        if node.tag in _UNDATED_TAGS:
            return True
        if node is root:
            return False
        if _discarded(node):
            return True
        node = node.getparent()
    return False


def _pruned(element: _Element) -> _Element:
    """A kept element as it stands in trafilatura's pruned copy: itself when nothing inside it
    is dropped, else a copy without what is (each dropped element's tail joins the text before
    it, as there)."""
    from trafilatura.xml import delete_element

    inside = element.iterdescendants(Element)
    if not any(node.tag in _UNDATED_TAGS or _discarded(node) for node in inside):
        return element
    copy = deepcopy(element)
    for node in [node for node in copy.iterdescendants(Element) if _discarded(node)]:
        delete_element(node)
    for node in list(copy.iterdescendants(*_UNDATED_TAGS)):
        delete_element(node)
    return copy


def _rel_me(element: _Element) -> bool:
    """True when a child element is <rel> with the text "me" (an XPath test of trafilatura's)."""
    return any(
        child.tag == "rel" and "".join(_pruned(child).itertext()) == "me"
        for child in element.iterchildren()
    )


def _author_candidates(root: _Element) -> tuple[list[_Element], list[_Element], list[_Element]]:
    """What each of trafilatura's three author XPaths (AUTHOR_XPATHS) finds under `root`, most
    specific first, in document order: the same tests, made here in one walk of the tree
    (lxml calls Python for each element an XPath's regular expression looks at)."""
    named: list[_Element] = []
    bylines: list[_Element] = []
    loose: list[_Element] = []
    for element in root.iter(Element):
        tag = element.tag
        get = element.get
        name, ident, prop = get("class"), get("id"), get("itemprop")
        if tag == "author" or (
            tag in _NAMED_TAGS
            and (
                get("rel") == "author"
                or ident == "author"
                or name == "author"
                or prop == "author name"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
                or (name is not None and _NAMED_CLASS.search(name) is not None)
                or (len(element) > 0 and _rel_me(element))
            )
        ):
            named.append(element)
        authored = prop is not None and "author" in prop
        if tag in _BYLINE_TAGS and (
            name in _BYLINE_CLASSES
            or authored
            or (ident is not None and _AUTHOR_ID.search(ident) is not None)
            or (name is not None and _AUTHOR_CLASS.search(name) is not None)
        ):
            bylines.append(element)
        if (
            authored
            or "Byline" in (get("data-component") or "")
            or (ident is not None and _ANY_AUTHOR_ID.search(ident) is not None)
            or (name is not None and _ANY_AUTHOR_CLASS.search(name) is not None)
        ):
            loose.append(element)
    return named, bylines, loose


def page_author(tree: _Element) -> str | None:
    """The byline found in the page's elements: what trafilatura's `extract_author` gives.

    The same steps, made without its copy of the whole tree: the first of its author XPaths'
    matches still there once comments, sidebars, dates and figures are dropped, whose text
    (without those) fits; the XPaths' tests are made in Python, in one walk of the tree.
    """
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import trim

    for found in _author_candidates(tree):
        for element in found:
            if _removed(element, tree):
                continue
            content = trim(" ".join(_pruned(element).itertext()))
            if content and 2 < len(content) < _BYLINE_LIMIT:
                author: str | None = normalize_authors(None, content)
                return author
    return None
