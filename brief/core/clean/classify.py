"""The classifier: each unit of a dump labelled, the article's region found, neighbours smoothed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from brief.core.clean.captions import (
    CAPTION_WORDS,
    REPEATED_CAPTION_WORDS,
    is_bare_credit,
    is_caption,
)
from brief.core.clean.features import Features, features
from brief.core.clean.units import Unit


class Label(StrEnum):
    """A unit's class before context is taken into account (after jusText's classes)."""

    GOOD = "good"
    NEAR = "near-good"
    SHORT = "short"
    BAD = "bad"


@dataclass(slots=True)
class Verdict:
    """What the classifier decided for one unit."""

    label: Label
    """The unit's class on its own."""
    reason: str = ""
    """Why the unit is chrome (or would be removed), in a word or two."""
    keep: bool = False
    """True when the unit is part of the article body."""
    caption: bool = False
    """True when the unit is a photo caption (kept as one, or a copy of a repeated one)."""


GOOD_WORDS = 12
"""A unit of at least this many words that reads as prose is article text."""
LONG_WORDS = 30
"""A unit this long is article text even without punctuation (e.g. a lost-markup paragraph)."""


REPEAT_PREFIX = 60
"""Long units that start with the same this many characters are copies (a caption drawn with
and without its credit)."""


def _key(text: str) -> str:
    """The text compared when looking for repetition."""
    return text[:REPEAT_PREFIX].casefold()


def label_unit(unit: Unit, feat: Features) -> Verdict:
    """The class of a unit on its own, with the reason when it is chrome."""
    words = feat.words
    if words == 0:
        return Verdict(Label.BAD, "symbols")
    if feat.form:
        return Verdict(Label.BAD, "form")
    if feat.section_end:
        return Verdict(Label.BAD, "section end")
    if feat.comment:
        return Verdict(Label.BAD, "comments")
    if feat.contact and words < 120:
        return Verdict(Label.BAD, "footer")
    if feat.teaser:
        return Verdict(Label.BAD, "teaser")
    if feat.image and words < 15:
        return Verdict(Label.BAD, "image name")
    if feat.copyright:
        return Verdict(Label.BAD, "copyright" if feat.rights else "footer")
    if feat.byline:
        return Verdict(Label.BAD, "byline")
    if feat.prefixed and words < 25:
        return Verdict(Label.BAD, "link")
    if feat.chrome:
        return Verdict(Label.BAD, "share buttons" if words <= 4 else "boilerplate")
    if feat.link and words < 15:
        return Verdict(Label.BAD, "link")
    if feat.datelike and words <= 12 and not feat.sentence:
        return Verdict(Label.BAD, "date")
    if unit.marker and not unit.marker[0].isdigit():
        # Items of a bulleted list: kept when they read as sentences.
        if feat.sentence and words >= GOOD_WORDS:
            return Verdict(Label.GOOD)
        if (feat.sentence or feat.marks >= 2) and words >= 6:
            return Verdict(Label.NEAR)
        return Verdict(Label.SHORT, "link list")
    if (words >= GOOD_WORDS and feat.sentence) or (words >= LONG_WORDS and feat.marks >= 3):
        return Verdict(Label.GOOD)
    if (words >= 6 and feat.sentence) or (words >= GOOD_WORDS and feat.marks >= 1):
        return Verdict(Label.NEAR)
    return Verdict(Label.SHORT, "menu")


def _repeats(
    units: list[Unit], verdicts: list[Verdict], feats: list[Features]
) -> tuple[list[list[int]], bool]:
    """The groups of units whose text the page repeats (menus drawn twice, captions, teasers),
    and whether every copy goes: when repeated text would make up most of the page's prose (a
    page printed twice), the first copies stay.
    """
    seen: dict[str, list[int]] = {}
    for index, unit in enumerate(units):
        seen.setdefault(_key(unit.text), []).append(index)
    repeated = [indices for indices in seen.values() if len(indices) > 1]
    if not repeated:
        return [], True
    prose = sum(f.words for f, v in zip(feats, verdicts, strict=True) if v.label is Label.GOOD)
    again = sum(
        feats[i].words
        for indices in repeated
        for i in indices
        if verdicts[i].label in (Label.GOOD, Label.NEAR)
    )
    firsts = max(indices[0] for indices in repeated)
    seconds = min(indices[1] for indices in repeated)
    # Printed twice: most prose repeated, every first copy before every second one.
    return repeated, again < 0.7 * max(prose, 1) or firsts > seconds


def _drop_repeats(
    groups: list[list[int]],
    every_copy: bool,
    verdicts: list[Verdict],
    feats: list[Features],
    span: tuple[int, int],
) -> None:
    """Repeated text removed, unless every copy lies in the article, apart from each other (a
    list the article itself repeats, such as a recipe's steps in each plan); a caption drawn
    twice in a row is repeated text."""
    for indices in groups:
        apart = all(b - a >= REPEAT_APART for a, b in pairwise(indices))
        if apart and all(span[0] <= index < span[1] for index in indices):
            continue
        for index in indices if every_copy else indices[1:]:
            verdict = verdicts[index]
            if verdict.label is Label.BAD:
                continue
            long = feats[index].words >= REPEATED_CAPTION_WORDS
            verdict.label = Label.BAD
            verdict.keep = False
            verdict.reason = "repeated caption" if long else "repeated"
            verdict.caption = long


VALUE = {Label.GOOD: 1.0, Label.NEAR: 0.5}
REPEAT_APART = 4
"""Copies of a text in the article this many units apart are the article's own repetition."""
REPEAT_COST = 0.25
"""Cost per word of a repeated unit when looking for the article."""
"""Weight of a unit's words when looking for the densest stretch of text."""
SHORT_COST = 1.5
"""Cost of a short line (menu entry, label) inside a stretch of text."""
BAD_COST = 3.0
"""Cost of a line of chrome inside a stretch of text."""


STOP_COST = 50.0
"""Cost of a heading that starts the comments or a list of other articles."""
ANCHOR_BONUS = 20.0
"""Bonus of the first paragraph after a byline or dateline: articles start there."""


def _value(verdict: Verdict, feat: Features) -> float:
    """A unit's weight for the densest stretch: words of prose count, chrome costs."""
    if verdict.label in VALUE:
        return VALUE[verdict.label] * feat.words
    if verdict.label is Label.SHORT:
        return -SHORT_COST
    if verdict.reason in ("section end", "copyright"):
        return -STOP_COST
    if verdict.reason == "comments":
        return -2 * STOP_COST
    return -max(BAD_COST, 0.5 * feat.words)


ISOLATED = 0.3
"""Weight of prose with no prose right before or after it (a teaser between headlines)."""


def _isolation(verdicts: list[Verdict], values: list[float]) -> None:
    """Prose units standing alone between non-prose units weigh less: the article's paragraphs
    follow each other, the summaries of a list of other articles stand between headlines."""
    prose = [v.label in VALUE for v in verdicts]
    last = len(prose) - 1
    for index, flag in enumerate(prose):
        if not flag or values[index] <= 0:
            continue
        before = index > 0 and prose[index - 1]
        after = index < last and prose[index + 1]
        if not before and not after:
            values[index] *= ISOLATED


TEASER_RUN = 3
"""This many lone paragraphs in a row, each under a headline and a line more (a byline, a date),
are a list of other articles."""


def _headline_like(verdict: Verdict, feat: Features) -> bool:
    """True for a line that could head a teaser: a few words, not a sentence."""
    return verdict.label in (Label.SHORT, Label.BAD) and 3 <= feat.words <= 25 and not feat.sentence


def _teaser_runs(verdicts: list[Verdict], feats: list[Features], values: list[float]) -> None:
    """Lone paragraphs that each follow a headline, several in a row (the summaries of a list of
    other articles), weigh nothing when looking for the article.

    A lone paragraph under a headline but no date or byline neither counts nor breaks the run
    (an article's own sections under subheadings are not teasers).
    """
    prose = [i for i, v in enumerate(verdicts) if v.label in VALUE]
    run: list[int] = []
    previous = -1

    def close() -> None:
        if len(run) >= TEASER_RUN:
            for member in run:
                values[member] = min(values[member], 0.0)
        run.clear()

    for position, index in enumerate(prose):
        following = prose[position + 1] if position + 1 < len(prose) else len(verdicts)
        # Under a headline and a line more (byline, date, section): one subheading over each
        # paragraph is an article's own list.
        lone = index - previous > 2 and following - index > 1
        gap = range(max(previous + 1, index - 6), index)
        headed = lone and any(_headline_like(verdicts[i], feats[i]) for i in gap)
        dated = headed and any(feats[i].datelike or feats[i].byline for i in gap)
        previous = index
        if not headed:
            close()
        elif dated:
            run.append(index)
    close()


def _anchor_bonus(
    units: list[Unit], verdicts: list[Verdict], feats: list[Features], values: list[float]
) -> None:
    """The first paragraph following a byline or dateline gets a bonus."""
    armed = -1
    for index, (unit, verdict, feat) in enumerate(zip(units, verdicts, feats, strict=True)):
        if not unit.marker and (feat.datelike or feat.byline):
            armed = index
            continue
        if armed >= 0 and verdict.label is Label.GOOD:
            # The article goes on after its first paragraph; a teaser stands alone.
            goes_on = index + 1 < len(verdicts) and verdicts[index + 1].label in VALUE
            if index - armed <= 8 and goes_on:
                values[index] += ANCHOR_BONUS
            armed = -1


WALLS = frozenset(["copyright", "comments"])
"""Reasons of units an article never runs across (the comments or related lists begin, the
footer's copyright line)."""


def densest_stretch(values: list[float], walls: set[int] | None = None) -> tuple[int, int]:
    """The stretch [start, end) of units whose values sum highest (the article's region),
    never across a unit of `walls`."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for index, value in enumerate(values):
        if walls and index in walls:
            total = 0.0
            continue
        if total <= 0:
            total, start = value, index
        else:
            total += value
        if total > best:
            best, best_start, best_end = total, start, index + 1
    return best_start, best_end


def _smooth(units: list[Unit], verdicts: list[Verdict], start: int, end: int) -> None:
    """Inside the region: prose kept; short lines kept when text surrounds them (headings,
    list items); chrome removed."""
    for index in range(start, end):
        verdict = verdicts[index]
        if verdict.label in (Label.GOOD, Label.NEAR):
            verdict.keep = True
    for index in range(start, end):
        verdict = verdicts[index]
        if verdict.label is not Label.SHORT:
            continue
        before = _neighbour(verdicts, index, -1, start, end)
        after = _neighbour(verdicts, index, 1, start, end)
        if before is not None and after is not None and before.keep and after.keep:
            verdict.keep = True


LIST_RUN = 80
"""The most lines a list introduced by a colon runs on for."""


def _introduced_lists(
    units: list[Unit], verdicts: list[Verdict], feats: list[Features], start: int, end: int
) -> int:
    """The lines of a list that a kept paragraph introduces with a colon ("Tour dates:") kept,
    dates and short entries included, up to a line of chrome or a lone word (a menu); the new
    end of the article's region."""
    for index in range(start, end):
        verdict = verdicts[index]
        if not verdict.keep or not units[index].text.endswith(":"):
            continue
        stop = min(len(units), index + 1 + LIST_RUN)
        position = index + 1
        while position < stop:
            item = verdicts[position]
            if (item.label is Label.BAD and item.reason != "date") or feats[position].words < 2:
                break
            item.keep = True
            position += 1
        end = max(end, position)
    return end


def _neighbour(
    verdicts: list[Verdict], index: int, step: int, start: int, end: int
) -> Verdict | None:
    """The nearest unit in the region that is not a short line, in one direction."""
    index += step
    hops = 0
    while start <= index < end:
        verdict = verdicts[index]
        if verdict.label is not Label.SHORT:
            return verdict
        hops += 1
        if hops > 3:
            return None
        index += step
    return None


def _captions(
    units: list[Unit], verdicts: list[Verdict], feats: list[Features], start: int, end: int
) -> None:
    """Captions in the article marked: a repeated caption kept once, where it first appears in
    the article; a kept line ending in a photo credit."""
    shown: set[str] = set()
    for index in range(start, end):
        verdict = verdicts[index]
        if verdict.caption and not verdict.keep:
            key = _key(units[index].text)
            before = _neighbour(verdicts, index, -1, start, end)
            after = _neighbour(verdicts, index, 1, start, end)
            among_prose = before is not None and after is not None and before.keep and after.keep
            reads = is_caption(units[index].text) or feats[index].sentence
            if key not in shown and among_prose and reads:
                shown.add(key)
                verdict.keep = True
                verdict.reason = ""
        elif verdict.keep and feats[index].words <= CAPTION_WORDS:
            verdict.caption = is_caption(units[index].text)
            # A credit on a line of its own: the line above it is the caption.
            above = verdicts[index - 1] if index > start else None
            bare = verdict.caption and is_bare_credit(units[index].text)
            if bare and above is not None and above.keep:
                above.caption = feats[index - 1].words <= CAPTION_WORDS
    for verdict in verdicts[:start] + verdicts[end:]:
        verdict.caption = verdict.caption and verdict.keep


def classify(
    units: list[Unit], feats: list[Features] | None = None
) -> tuple[list[Verdict], tuple[int, int]]:
    """A verdict for every unit, and the region [start, end) of units where the article lies."""
    if feats is None:
        feats = [features(unit.text) for unit in units]
    verdicts = [label_unit(unit, feat) for unit, feat in zip(units, feats, strict=True)]
    groups, every_copy = _repeats(units, verdicts, feats)
    values = [_value(v, f) for v, f in zip(verdicts, feats, strict=True)]
    for index in (i for indices in groups for i in (indices if every_copy else indices[1:])):
        values[index] = min(values[index], -max(SHORT_COST, REPEAT_COST * feats[index].words))
    _isolation(verdicts, values)
    _anchor_bonus(units, verdicts, feats, values)
    _teaser_runs(verdicts, feats, values)
    walls = {i for i, v in enumerate(verdicts) if v.reason in WALLS}
    start, end = densest_stretch(values, walls)
    _smooth(units, verdicts, start, end)
    end = _introduced_lists(units, verdicts, feats, start, end)
    _drop_repeats(groups, every_copy, verdicts, feats, (start, end))
    _captions(units, verdicts, feats, start, end)
    for index, verdict in enumerate(verdicts):
        if not verdict.keep and not verdict.reason:
            verdict.reason = "outside article" if not start <= index < end else "short line"
        elif not verdict.keep and not start <= index < end and verdict.label is not Label.BAD:
            verdict.reason = verdict.reason or "outside article"
    return verdicts, (start, end)
