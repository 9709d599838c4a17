"""The document model: sources, their blocks of text, and what was skipped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from enum import StrEnum
from functools import cached_property
from pathlib import Path

PubDate = date | datetime
"""A publication date: a `date` when only the day is known, a `datetime` when the time is."""


class Format(StrEnum):
    """The form a source was read from, detected by content."""

    WORDPRESS = "wordpress-json"
    JSON = "json"
    HTML = "html"
    DUMP = "text-dump"
    TEXT = "text"
    MARKDOWN = "markdown"
    FEED = "feed"


class BlockKind(StrEnum):
    """What a block of body text is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE = "quote"
    LIST_ITEM = "list-item"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body: a paragraph, subheading, quote, list item or caption."""

    kind: BlockKind
    """What the block is."""
    text: str
    """The block's text on one line, whitespace normalised."""


@dataclass(frozen=True, slots=True)
class RawLine:
    """A line of the whole source, with whether cleaning kept it (for the removed-lines view)."""

    text: str
    """The line as it stood in the source (or in the page rendered to text)."""
    kept: bool
    """True when the line's text is part of the cleaned body."""
    reason: str = ""
    """Why a removed line was removed ("menu", "footer", "metadata", ...), when known."""


_new_raw_line = object.__new__
_set_raw_text = RawLine.__dict__["text"].__set__
_set_raw_kept = RawLine.__dict__["kept"].__set__
_set_raw_reason = RawLine.__dict__["reason"].__set__


def raw_line(text: str, kept: bool, reason: str = "") -> RawLine:
    """`RawLine(text, kept, reason)`, made a few times faster: a frozen dataclass checks every
    field it sets, and a source has one raw line per line of its text."""
    line: RawLine = _new_raw_line(RawLine)
    _set_raw_text(line, text)
    _set_raw_kept(line, kept)
    _set_raw_reason(line, reason)
    return line


def blocks_text(blocks: list[Block]) -> str:
    """Join blocks into the cleaned body: one block a paragraph, blank lines between."""
    return "\n\n".join(block.text for block in blocks)


def date_sort_key(value: PubDate) -> datetime:
    """A naive datetime for ordering dates of mixed kinds (wall time, tz dropped)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time())


def iso(value: PubDate | None) -> str | None:
    """ISO 8601 text for a date or datetime, or None."""
    return None if value is None else value.isoformat()


def as_date(value: PubDate) -> date:
    """The calendar day of a date or datetime."""
    return value.date() if isinstance(value, datetime) else value


@dataclass
class Source:
    """One readable source of a briefing: an article with its metadata and cleaned body."""

    id: str
    """Stable identifier derived from the content (same on every run and machine)."""
    path: Path
    """The file the source was read from (several feed items may share one)."""
    format: Format
    """The form the source was read from."""
    title: str
    """The article's title; the file name only when nothing better exists."""
    blocks: list[Block]
    """The cleaned article body, block by block, without title or byline."""
    outlet: str | None = None
    """The publication: masthead, site name or domain."""
    author: str | None = None
    """The byline, without "By"."""
    url: str | None = None
    """The canonical link of the article, when known."""
    published: PubDate | None = None
    """When the article was published; None when unknown (never guessed)."""
    updated: PubDate | None = None
    """When the article was last updated, when known and later than published."""
    language: str | None = None
    """An ISO 639-1 code when known or detected."""
    warnings: list[str] = field(default_factory=list)
    """Problems met while reading, kept so the user can see them."""
    raw: list[RawLine] = field(default_factory=list)
    """The whole source as lines, each marked kept or removed."""
    title_from_filename: bool = False
    """True when no title could be found and the file name stands in."""

    @cached_property
    def body(self) -> str:
        """The cleaned body: blocks separated by blank lines. Offsets everywhere refer to this."""
        return blocks_text(self.blocks)

    @cached_property
    def words(self) -> int:
        """The number of words in the body."""
        return len(self.body.split())

    @cached_property
    def block_starts(self) -> list[int]:
        """The offset in `body` at which each block starts."""
        starts: list[int] = []
        offset = 0
        for block in self.blocks:
            starts.append(offset)
            offset += len(block.text) + 2
        return starts

    @property
    def file_name(self) -> str:
        """The name of the file the source was read from."""
        return self.path.name

    @property
    def sort_date(self) -> datetime | None:
        """The published date as a naive datetime for ordering, or None."""
        return None if self.published is None else date_sort_key(self.published)


class SourceVariant(Source):
    """A `Source` made another way (some fields read or worked out when first asked for): it
    equals any `Source` with the same fields, whatever the class of either."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Source):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(Source))

    __hash__ = None  # type: ignore[assignment]


class LateRawSource(SourceVariant):
    """A `Source` whose raw lines are made when first asked for: reading an article needs only
    its body (the removed-lines view and the cache ask for the raw lines)."""

    make_raw: Callable[[], list[RawLine]] | None = None
    """Makes the raw lines, until they are made."""

    @property
    def raw(self) -> list[RawLine]:
        """The whole source as lines, each marked kept or removed (made on first use)."""
        make = self.make_raw
        if make is not None:
            # Made twice at worst, when two threads ask at once: the same lines either time.
            self.__dict__["raw"] = make()
            self.make_raw = None
        value: list[RawLine] = self.__dict__["raw"]
        return value

    @raw.setter
    def raw(self, value: list[RawLine]) -> None:
        self.__dict__["raw"] = value
        self.make_raw = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file of the pack that could not be read as a source, with a one-line reason."""

    path: Path
    """The file that was skipped."""
    reason: str
    """Why, in one line a user understands."""


@dataclass
class Library:
    """Everything read from the paths a user opened."""

    sources: list[Source] = field(default_factory=list)
    """The readable sources, in the order they were read."""
    skipped: list[Skipped] = field(default_factory=list)
    """Files that could not be read, each with its reason."""
    date_order: list[int] | None = None
    """The sources' positions newest first (with no date set by the user), when they came
    with the sources: a pack listed from the cache keeps them, so that it is not sorted again
    (see `ordering.sort_sources`)."""

    def find(self, key: str) -> Source | None:
        """The source with this id (or unique id prefix), or read from this path."""
        for source in self.sources:
            if source.id == key:
                return source
        matches = [s for s in self.sources if s.id.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        resolved = Path(key).expanduser()
        for source in self.sources:
            if source.path == resolved or source.path.resolve() == resolved.resolve():
                return source
        return None
