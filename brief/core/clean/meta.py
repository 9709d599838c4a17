"""Dump metadata: title, byline, dates and outlet recovered from the chrome around an article."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from brief.core.clean.captions import is_caption
from brief.core.clean.features import (
    MONTHS,
    REPEAT_PREFIX,
    RIGHTS_RESERVED,
    Features,
    ends_sentence,
    features,
    word_total,
)
from brief.core.clean.labels import BAD, Verdict
from brief.core.clean.units import Unit
from brief.core.dates import parse_date
from brief.core.model import PubDate

_LABEL_END: Final = r"\b\s*(?:on|em|il|le|am)?\s*[:：]?\s*"
"""What follows a date's label: "Posted on:", "Publicado em"."""
_PUBLISHED: Final = re.compile(
    r"^(?:posted|published|first published|created|date|released|publicado|publicada|pubblicato"
    rf"|publié|veröffentlicht|опубликовано|опубликован|등록|입력|게시){_LABEL_END}",
    re.IGNORECASE,
)
_UPDATED: Final = re.compile(
    r"^(?:updated|last updated|modified|last modified|edited|atualizado|actualizado|aggiornato"
    rf"|mis à jour|aktualisiert|обновлено|обновлен|수정|업데이트){_LABEL_END}",
    re.IGNORECASE,
)
_UPDATED_WORD: Final = re.compile(r"\bupdated\b", re.IGNORECASE)
_TIME: Final = r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?"
_DATE_SPAN: Final = re.compile(
    rf"(?:\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?,?\s*(?:\w{{3,9}},?\s+)?)?"
    rf"(?:\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}{_TIME}"
    rf"|\d{{4}}년\s*\d{{1,2}}월\s*\d{{1,2}}일)",
    re.IGNORECASE,
)
_BY_WORDS: Final = ("by", "por", "di", "von", "par", "от")
"""The words a byline starts with ("By", "Por", ...)."""
_BY: Final = re.compile(
    rf"^(?:(?:posted|written|reported|compiled|story)\s+)?(?:{'|'.join(_BY_WORDS)})\s+",
    re.IGNORECASE,
)
_NAME_TAIL: Final = re.compile(
    r"\s+(?:on|em|il|le|am|at|\||-|–|—|,)\s.*$|\s*[|,–—]\s*$"
    r"|\s+(?:staff writer|reporter|correspondent)$",
    re.IGNORECASE,
)
_MASTHEAD: Final = re.compile(r"^masthead\s*[:：]\s*(.+)$", re.IGNORECASE)
_COPYRIGHT_HOLDER: Final = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(.+)$",
    re.IGNORECASE,
)
_RIGHTS_TAIL: Final = re.compile(rf"[.,]?\s*(?:{RIGHTS_RESERVED}).*$", re.IGNORECASE)
_PARENS: Final = re.compile(r"\s*\([^)]*\)")
_DOMAIN: Final = re.compile(r"^(?:www\.)?([a-z0-9-]+)\.[a-z.]{2,}$", re.IGNORECASE)


@dataclass(slots=True)
class DumpMeta:
    """What the page chrome says about the article."""

    title: str | None = None
    """The headline."""
    author: str | None = None
    """The byline, without "By"."""
    outlet: str | None = None
    """The publication's name (masthead or copyright holder)."""
    published: PubDate | None = None
    """When the article was published, from a dateline next to the headline."""
    updated: PubDate | None = None
    """When it was last updated."""
    used: dict[int, str] = field(default_factory=dict)
    """Units whose text went to the metadata, with the reason ("title", "metadata")."""


def date_in(text: str) -> PubDate | None:
    """The date a short line gives, or None."""
    match = _DATE_SPAN.search(text)
    if match is None:
        return None
    return parse_date(match.group(0).strip(" ,"))


def is_dateline(text: str) -> bool:
    """True for a short line labelled as a publication or update date ("Posted: ...")."""
    return word_total(text) <= 15 and bool(_PUBLISHED.match(text) or _UPDATED.match(text))


def reads_as_headline(text: str) -> bool:
    """True when a line does not end like a statement: no full stop, or a question or
    exclamation (quoted or not)."""
    return not ends_sentence(text) or text.rstrip("\"'”’»").endswith(("?", "!"))


def _is_headline(unit: Unit, verdict: Verdict, feat: Features | None = None) -> bool:
    """True when a unit could be the headline: a line of a few words, not a sentence, not page
    chrome nor a photo caption (a line the page repeats may be: the headline often is)."""
    if unit.marker or (verdict.label is BAD and not verdict.reason.startswith("repeated")):
        return False
    if feat is not None and (
        feat.chrome
        or feat.link
        or feat.image
        or feat.byline
        or feat.datelike
        or feat.prefixed
        or feat.copyright
        or feat.section_end
        or feat.comment
        or feat.teaser
        or feat.form
    ):
        return False
    words = feat.words if feat is not None else word_total(unit.text)
    return 3 <= words <= 30 and reads_as_headline(unit.text) and not is_caption(unit.text)


TITLE_WINDOW: Final = 40
"""How many units before the article the headline is looked for."""
DATED_BONUS: Final = 3.0
"""Score of a headline candidate that a byline or dateline follows."""
REPEATED_BONUS: Final = 1.0
"""Score of a headline candidate the page repeats (as its title and its main heading)."""
TITLE_SIZE_BONUS: Final = 0.5
"""Score of a headline candidate of a usual length."""


DATED_LINES: Final = 3
"""How far below a headline its byline or dateline may be."""


def _dated(units: list[Unit], verdicts: list[Verdict], feats: list[Features], index: int) -> int:
    """How many lines below the unit a byline or a dateline follows, or 0 when none does within
    a few lines."""
    for following in range(index + 1, min(len(units), index + 1 + DATED_LINES)):
        feat = feats[following]
        if feat.byline or feat.datelike or verdicts[following].reason in ("byline", "date"):
            return following - index
    return 0


def find_title(
    units: list[Unit],
    verdicts: list[Verdict],
    start: int,
    skip: str | None = None,
    feats: list[Features] | None = None,
    copies: Counter[str] | None = None,
) -> int | None:
    """The index of the headline unit, or None.

    Candidates are headline-like lines before the article starts (and its first lines): the one
    a byline or dateline follows wins, then one the page repeats, then the one nearest the
    article. Without candidates, the article's first line is the headline when it reads as one.
    A line whose text is `skip` (the byline's name standing alone) is never the headline.
    `copies` are the counts of the units' repetition keys, when known.
    """
    count = len(units)
    if feats is None:
        feats = [features(unit.text) for unit in units]
    if copies is None:
        copies = Counter(feat.key for feat in feats)

    def fits(index: int) -> bool:
        unit = units[index]
        if skip is not None and unit.text.casefold() == skip:
            return False
        return _is_headline(unit, verdicts[index], feats[index])

    best: int | None = None
    best_score = 0.0
    for index in range(max(0, start - TITLE_WINDOW), min(count, start + 2)):
        if not fits(index):
            continue
        dated = _dated(units, verdicts, feats, index)
        if index >= start and not dated:
            continue
        feat = feats[index]
        score = (DATED_BONUS if dated else 0.0) + (1.0 - abs(start - index) / TITLE_WINDOW)
        if copies[feat.key] > 1:
            score += REPEATED_BONUS
        if 5 <= feat.words <= 20:
            score += TITLE_SIZE_BONUS
        if score >= best_score:
            best, best_score = index, score
    if best is None and start < count and fits(start):
        return start
    return best


def author_in(text: str, following: str | None) -> str | None:
    """The name in a byline, or None."""
    match = _BY.match(text)
    if match is None:
        return None
    name = text[match.end() :].strip()
    if not name and following:
        name = following
    name = _NAME_TAIL.sub("", name).strip(" ,|")
    words = name.split()
    if not 1 <= len(words) <= 6 or any(char.isdigit() for char in name):
        return None
    if name.isupper() and len(words) > 1:
        name = name.title()
    return name


def _outlet(units: list[Unit]) -> str | None:
    """The publication's name from a masthead line or the copyright holder."""
    holder: str | None = None
    for unit in units:
        text = unit.text
        if text[:1] in "Mm" and (match := _MASTHEAD.match(text)):
            return match.group(1).strip()
        if holder is None and len(text) < 160 and ("©" in text or "(c)" in text or "(C)" in text):
            match = _COPYRIGHT_HOLDER.match(text)
            if match:
                name = _PARENS.sub("", _RIGHTS_TAIL.sub("", match.group(1))).strip(" .,")
                if name and word_total(name) <= 8:
                    holder = name
    if holder is None:
        return None
    domain = _DOMAIN.match(holder)
    if domain:
        # A domain: prefer a line spelling the same name ("koreatimes" -> "The Korea Times").
        letters = domain.group(1).lower().replace("-", "")
        for unit in units:
            words = unit.text.split()
            if not 1 <= len(words) <= 6:
                continue
            squeezed = "".join(w for w in words if w.lower() != "the").lower()
            if squeezed == letters:
                return unit.text
    return holder


def find_meta(
    units: list[Unit],
    verdicts: list[Verdict],
    start: int,
    feats: list[Features] | None = None,
    copies: Counter[str] | None = None,
) -> DumpMeta:
    """The metadata of a dump whose article starts at unit `start` (`copies`: the counts of the
    units' repetition keys, when known)."""
    meta = DumpMeta(outlet=_outlet(units))
    for index in range(min(len(units), start + 3) - 1, max(-1, start - 30), -1):
        unit = units[index]
        if unit.marker or verdicts[index].reason != "byline":
            continue
        following = units[index + 1].text if index + 1 < len(units) else None
        if name := author_in(unit.text, following):
            meta.author = name
            meta.used[index] = "metadata"
            if unit.text.split()[-1].lower() in _BY_WORDS:
                meta.used[index + 1] = "metadata"
            break
    skip = meta.author.casefold() if meta.author else None
    title_index = find_title(units, verdicts, start, skip, feats, copies)
    if title_index is not None:
        meta.title = units[title_index].text
        meta.used[title_index] = "title"
        key = meta.title.casefold()
        # Case folding never shortens a text: its start folded is enough to compare (the units'
        # repetition keys are such starts).
        size = len(key)
        # Copies of the title anywhere; the byline's name alone among the first lines.
        titled = (
            [index for index, feat in enumerate(feats) if feat.key.startswith(key)]
            if feats is not None and size <= REPEAT_PREFIX
            else [
                index
                for index, unit in enumerate(units)
                if unit.text[:size].casefold().startswith(key)
            ]
        )
        for index in titled:
            if index != title_index:
                meta.used[index] = "title"
        if skip is not None:
            for index in range(min(len(units), start + 3)):
                copy = index != title_index and index in titled
                if not copy and units[index].text.casefold() == skip:
                    meta.used[index] = "metadata"
    header_start = title_index if title_index is not None else max(0, start - 12)
    header_end = min(len(units), max(start, (title_index or 0) + 1) + 4)
    for index in range(header_start, header_end):
        unit = units[index]
        text = unit.text
        # A unit's features count its words as `word_total` does.
        words = feats[index].words if feats is not None else word_total(text)
        if index == title_index or words > 15:
            continue
        stamp: PubDate | None = None
        if _UPDATED.match(text):
            stamp = date_in(text)
            if stamp is not None and meta.updated is None:
                meta.updated = stamp
                meta.used[index] = "metadata"
            continue
        labelled = bool(_PUBLISHED.match(text))
        if meta.published is None and (
            labelled or (title_index is not None and verdicts[index].reason in ("date", "byline"))
        ):
            stamp = date_in(text)
            if stamp is not None:
                meta.published = stamp
                meta.used[index] = "metadata"
                # "PUBLISHED: ... | UPDATED: ..." on one line.
                parts = _UPDATED_WORD.split(text)
                if len(parts) > 1 and meta.updated is None:
                    meta.updated = date_in(parts[1])
    return meta
