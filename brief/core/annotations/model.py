"""The annotation model: selectors, source identity, annotations, dates, changes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from brief.core.model import PubDate, Source
from brief.core.text import utf8

CONTEXT_CHARS = 32
"""How many characters of prefix and suffix a quote selector keeps on each side."""


class AnchorStatus(StrEnum):
    """How an annotation attaches to the current cleaned text of its source."""

    ANCHORED = "anchored"
    """At its recorded offsets, with its context."""
    MOVED = "moved"
    """Found confidently at another place (the text changed)."""
    AMBIGUOUS = "ambiguous"
    """Several equally good places, or one the context does not confirm; needs the user."""
    ORPHAN = "orphan"
    """No acceptable place: kept with its quote and note until the user re-attaches it."""


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    """W3C TextQuoteSelector: the quoted text with a little context on each side."""

    exact: str
    """The highlighted text, exactly as it stood in the cleaned body."""
    prefix: str = ""
    """Up to `CONTEXT_CHARS` characters just before the quote."""
    suffix: str = ""
    """Up to `CONTEXT_CHARS` characters just after the quote."""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    """W3C TextPositionSelector: code-point offsets of the quote in the cleaned body."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Which source an annotation belongs to, recorded several ways to survive change."""

    source_id: str
    """brief's source id (a hash of the file's content) when the annotation was made."""
    text_hash: str
    """`text_hash` of the cleaned body when the annotation was made."""
    path: str
    """The absolute path of the source file."""
    title: str
    """The source's title, for listing orphans whose file is gone."""
    length: int = 0
    """Length of the cleaned body in code points (helps guess where a passage moved)."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """One highlight with its note: a version of it at one revision."""

    id: str
    """A uuid4, as text."""
    source: SourceRef
    """The source it was made on."""
    quote: TextQuoteSelector
    """The quoted text and its context."""
    position: TextPositionSelector
    """Where the quote was, in the text it was last attached to."""
    color: int
    """1 to 5; what each means is in the colour scheme."""
    note: str
    """The user's note (may be empty); words starting with # are tags."""
    created: datetime
    """When it was made (UTC)."""
    updated: datetime
    """When this version was made (UTC)."""
    revision: int = 1
    """Increases by one with every change; merges keep the higher."""
    deleted: bool = False
    """True for a tombstone: removed, kept so that merges do not bring it back."""
    tags: tuple[str, ...] = field(init=False)
    """The note's tags without '#', in order of first appearance (derived from `note`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", parse_tags(self.note))

    def content_key(self) -> tuple[object, ...]:
        """Everything but id, timestamps and revision: equal keys mean the same content."""
        return (self.source, self.quote, self.position, self.color, self.note, self.deleted)


@dataclass(frozen=True, slots=True)
class SourceDate:
    """A date the user set on an undated source, keyed by source id (the timeline uses it)."""

    source_id: str
    """The source's id."""
    value: PubDate | None
    """The date; None when the user cleared it (kept as a tombstone for merging)."""
    updated: datetime
    """When it was set (UTC)."""
    revision: int = 1
    """Increases with every change of this source's date."""


@dataclass(frozen=True, slots=True)
class ConflictCopy:
    """A version of an annotation that lost a concurrent edit, kept in the file, not dropped."""

    annotation: Annotation
    """The losing version."""
    kept: datetime
    """When it was set aside."""
    winner_revision: int
    """The revision of the version that won."""


@dataclass(frozen=True, slots=True)
class AnnotationChange:
    """One change to an annotation: enough to show it and to revert it (undo)."""

    before: Annotation | None
    """The version before the change (None when the change created it)."""
    after: Annotation
    """The version the change wrote (a tombstone for a removal)."""

    @property
    def id(self) -> str:
        """The annotation's id."""
        return self.after.id


@dataclass(frozen=True, slots=True)
class DateChange:
    """One change to a source's user-set date, revertible."""

    before: SourceDate | None
    """The entry before the change (None when there was none)."""
    after: SourceDate
    """The entry the change wrote."""


Change = AnnotationChange | DateChange
"""What every store mutation returns; `AnnotationStore.revert` undoes it."""


_TAG = re.compile(r"(?<!\S)#([^\s#]+)")
_TAG_TRAILING = ".,;:!?)]}\"'"


def parse_tags(note: str) -> tuple[str, ...]:
    """The tags of a note: words starting with '#', without it and trailing punctuation."""
    tags: list[str] = []
    seen: set[str] = set()
    for match in _TAG.finditer(note):
        tag = match.group(1).rstrip(_TAG_TRAILING)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def text_hash(text: str) -> str:
    """A hash of a cleaned body identifying it exactly ("sha256:" and 16 hex digits)."""
    return "sha256:" + hashlib.sha256(utf8(text)).hexdigest()[:16]


def source_ref(source: Source) -> SourceRef:
    """How an annotation records the source it is made on."""
    return SourceRef(
        source_id=source.id,
        text_hash=text_hash(source.body),
        path=str(source.path.expanduser().absolute()),
        title=source.title,
        length=len(source.body),
    )


def utc_now() -> datetime:
    """The current time in UTC (microseconds kept, so later edits compare later)."""
    return datetime.now(UTC)
