"""Detecting a source's form from its content, never from its file name."""

from __future__ import annotations

import re

from brief.core.ingest import textdump
from brief.core.model import Format

_JSON_ARRAY = re.compile(r'\[\s*(?:[{\["\d-]|true\b|false\b|null\b|\]\s*\Z)')
"""A JSON array's opening; "[logo]", "[Skip to content]" or a "[    ]" form field is not one."""
_FEED = re.compile(r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAGS = re.compile(
    r"</?(p|div|span|a|article|section|h[1-6]|br|li|ul|table|meta|script)\b[^>]*>", re.I
)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_MARKERS = re.compile(
    r"^\s*(?:[-*+]\s+\S|\d+\.\s+\S|>\s|```)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*", re.MULTILINE
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*\n)*?---[ \t]*(?:\n|\Z)")


def sniff(text: str) -> Format:
    """The most likely form of a source's text."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head[:1] == "{" or _JSON_ARRAY.match(head):
        return Format.JSON
    if head.startswith("<"):
        if _FEED.search(head[:1024]) and not _HTML.search(head[:512]):
            return Format.FEED
        if _HTML.search(head) or len(_TAGS.findall(head)) >= 3:
            return Format.HTML
    if _FRONT_MATTER.match(text.lstrip("\ufeff")):
        return Format.MARKDOWN
    if _HTML.search(head) and len(_TAGS.findall(head)) >= 5:
        return Format.HTML
    sample = text[:8000]
    # A heading starts a line: a text with no "#" there (most) is not searched line by line.
    if (
        (sample[:1] == "#" or "\n#" in sample)
        and _MD_HEADING.search(sample)
        and len(_MD_MARKERS.findall(sample)) + len(_MD_HEADING.findall(sample)) >= 2
    ):
        return Format.MARKDOWN
    if textdump.looks_like_dump(text):
        return Format.DUMP
    return Format.TEXT
