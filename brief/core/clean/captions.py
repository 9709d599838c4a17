"""Photo captions: a line ending in a photo credit, and a caption a page repeats kept once."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

_AGENCY_NAMES: Final = (
    "AP",
    "AFP",
    "Reuters",
    "REUTERS",
    "Yonhap",
    "EPA",
    "EPA-EFE",
    "Getty Images",
    "GETTY IMAGES",
    "Xinhua",
    "Bloomberg",
    "Shutterstock",
    "iStock",
    "Kyodo",
    "AAP",
    "ANSA",
    "dpa",
    "TASS",
    "Sputnik",
    "NurPhoto",
    "Alamy",
    "Newsis",
    "News1",
)
_AGENCIES: Final = "|".join(re.escape(name) for name in _AGENCY_NAMES)
_AGENCY_TAILS: Final = (*_AGENCY_NAMES, "Photo", "Photos", "Images", "Pictures")
"""What a line ending in an agency's credit ends with (before a closing bracket)."""
_AGENCY_END: Final = re.compile(
    rf"(?:^|[.!?\"”’)]\s+|[(\[/|,]\s*|\s(?:photo|image|credit|file|foto|사진)\s*[:=]\s*"
    rf"|\s)(?:{_AGENCIES})(?:\s+(?:Photos?|Images|Pictures))?\s*[)\]]?$"
)
"""A news agency's or picture library's name ending the line, set off from the text before it
("... in Seoul. Yonhap", "(Jane Doe/AP)", "Alex Wong | Getty Images")."""
_CREDIT: Final = re.compile(
    r"(?:^|[\s(\[])(?:courtesy(?: of)?|(?:photo(?:graph)?s?|images?|pictures?|illustration)"
    r"\s+(?:by|courtesy of)|(?:photo|image|credit|foto|사진)\s*(?:copyright)?\s*[:=]"
    r"|image copyright)\s*[\w.'’&/, -]{2,60}[)\]]?\.?$",
    re.IGNORECASE,
)
"""A credit introduced as one ("Courtesy of ...", "Photo by ...", "Image: ...")."""
_SLASH_CREDIT: Final = re.compile(r"\(\s*[\w.'’ -]{2,40}\s*/\s*[\w.'’ ,-]{2,30}\)$")
"""A photographer and agency in parentheses: "(Jane Doe/Agency)", "(AP Photo/Jane Doe, File)"."""

# The cheap tests before the credit pattern is searched (in `is_caption`): "by", ":", "=",
# "ourtesy", "opyright".

BARE_WORDS: Final = 8
"""A credit line on its own has at most this many words."""
CAPTION_WORDS: Final = 80
"""A unit longer than this is not a caption."""
REPEATED_CAPTION_WORDS: Final = 8
"""A unit repeated on a page with at least this many words is taken for a caption."""


_SMALL_WORDS: Final = frozenset(
    ["of", "by", "via", "and", "for", "the", "de", "di", "von", "/", "|", "-"]
)


def is_bare_credit(text: str) -> bool:
    """True for a credit on a line of its own ("Jane Doe | Agency"): a few words, all names."""
    words = text.split()
    if not 1 <= len(words) <= BARE_WORDS or not is_caption(text):
        return False
    return all(not word[:1].islower() or word in _SMALL_WORDS for word in words)


_CAPTION_LABEL: Final = re.compile(
    r"(?:(?:image|photo|media|video|picture)\s+)?caption\b"
    r"|in this (?:[\w.,]+ ){0,6}(?:file )?(?:photo|image|picture|photograph)\b",
    re.IGNORECASE,
)
"""A caption's label at the start of a line ("Image caption ...", "Caption: ..."), or the
opening of a news agency's caption ("In this Dec. 12, 2006, file photo, ...")."""


@lru_cache(maxsize=1024)
def is_caption(text: str) -> bool:
    """True when a line ends in a photo credit (a caption, or the credit alone), or starts with a
    caption's label.

    Remembered: the classifier asks about a unit in several passes, and the metadata again.
    """
    if text[:1] in "CcIiPpMmVv" and _CAPTION_LABEL.match(text) is not None:
        return True
    tail = text[-90:]
    end = tail.rstrip()
    if end[-1:] in ")]":
        end = end[:-1].rstrip()
    if end.endswith(_AGENCY_TAILS) and _AGENCY_END.search(tail):
        return True
    if tail.endswith(")") and _SLASH_CREDIT.search(tail):
        return True
    cued = "by" in tail or ":" in tail or "=" in tail or "ourtesy" in tail or "opyright" in tail
    return cued and _CREDIT.search(tail) is not None
