"""The classifier: each unit of a dump labelled, the article's region found, neighbours smoothed."""

from __future__ import annotations

from collections import Counter
from itertools import chain, pairwise
from typing import Final

from brief.core.clean.captions import (
    CAPTION_WORDS,
    REPEATED_CAPTION_WORDS,
    is_bare_credit,
    is_caption,
)
from brief.core.clean.features import Features
from brief.core.clean.labels import BAD, GOOD, NEAR, SHORT, Label, Verdict, label_unit, rank
from brief.core.clean.units import Unit
from brief.core.clean.weights import (
    SHORT_COST,
    WALLS,
    anchor_bonus,
    densest_stretch,
    is_row,
    isolation,
    table_rows,
    teaser_runs,
    value,
    weight,
)

__all__ = ["Label", "Verdict", "classify", "key_counts", "label_unit"]


REPEAT_APART: Final = 4
"""Copies of a text in the article this many units apart are the article's own repetition."""
REPEAT_COST: Final = 0.25
"""Cost per word of a repeated unit when looking for the article."""
OWN_COPIES: Final = 3
"""Text drawn this many times or more, each copy apart from the others, may be the article's
own repetition (a recipe's steps in each plan): it costs nothing extra when looking for the
article."""
OWN_WORDS: Final = 60
"""The longest unit an article repeats in each of its sections (a step, an item, not a whole
paragraph: a paragraph drawn again is the page printed twice)."""


def key_counts(feats: list[Features]) -> Counter[str]:
    """How many units have each repetition key (`Features.key`)."""
    return Counter([feat.key for feat in feats])


def _repeats(
    units: list[Unit],
    verdicts: list[Verdict],
    feats: list[Features],
    counts: Counter[str],
) -> tuple[list[list[int]], bool]:
    """The groups of units whose text the page repeats (menus drawn twice, captions, teasers),
    and whether every copy goes: when repeated text would make up most of the page's prose (a
    page printed twice), the first copies stay (`counts`: the units' `key_counts`).
    """
    keys = [feat.key for feat in feats]
    if len(counts) == len(keys):
        return [], True
    # The copies of each repeated text, in the order the texts first appear.
    seen: dict[str, list[int]] = {key: [] for key, count in counts.items() if count > 1}
    for index, key in enumerate(keys):
        copies = seen.get(key)
        if copies is not None:
            copies.append(index)
    repeated = list(seen.values())
    firsts = max(indices[0] for indices in repeated)
    seconds = min(indices[1] for indices in repeated)
    if firsts > seconds:
        # Not printed twice (whatever the prose): a first copy comes after a second one.
        return repeated, True
    prose = sum(f.words for f, v in zip(feats, verdicts, strict=True) if v.label is GOOD)
    again = sum(
        feats[i].words for indices in repeated for i in indices if verdicts[i].label in (GOOD, NEAR)
    )
    # Printed twice: most prose repeated, every first copy before every second one.
    return repeated, again < 0.7 * max(prose, 1)


def _apart(indices: list[int]) -> bool:
    """True when every copy of a repeated text lies far enough from the next one."""
    return all(b - a >= REPEAT_APART for a, b in pairwise(indices))


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
        # The copies come in order: the first and the last tell whether all lie in the span.
        if span[0] <= indices[0] and indices[-1] < span[1] and _apart(indices):
            continue
        for index in indices if every_copy else indices[1:]:
            verdict = verdicts[index]
            if verdict.label is BAD:
                continue
            long = feats[index].words >= REPEATED_CAPTION_WORDS
            verdict.label = BAD
            verdict.keep = False
            verdict.reason = "repeated caption" if long else "repeated"
            verdict.caption = long


def _own_repetition(indices: list[int], feats: list[Features]) -> bool:
    """True when a group of copies could be an article repeating itself: three copies or more
    of a short unit, each apart from the next."""
    return (
        len(indices) >= OWN_COPIES
        and all(feats[i].words <= OWN_WORDS for i in indices)
        and _apart(indices)
    )


def _smooth(verdicts: list[Verdict], start: int, end: int) -> None:
    """Inside the region: prose kept; short lines kept when text surrounds them (headings,
    list items); chrome removed."""
    for index in range(start, end):
        verdict = verdicts[index]
        if verdict.label in (GOOD, NEAR):
            verdict.keep = True
    for index in range(start, end):
        verdict = verdicts[index]
        if verdict.label is not SHORT:
            continue
        before = _neighbour(verdicts, index, -1, start, end)
        after = _neighbour(verdicts, index, 1, start, end)
        if before is not None and after is not None and before.keep and after.keep:
            verdict.keep = True


PROMOTION_REASONS: Final = frozenset(["share buttons", "boilerplate"])
"""Reasons of a line of chrome that may introduce a promotion ("Subscribe today and get:")."""


def _promotions(units: list[Unit], verdicts: list[Verdict]) -> list[int]:
    """The items of a list that a line of chrome introduces with a colon ("Subscribe today and
    get:") are a promotion, however much they read like text; their indices."""
    promoted: list[int] = []
    for index, unit in enumerate(units):
        verdict = verdicts[index]
        if verdict.reason not in PROMOTION_REASONS or not unit.text.endswith(":"):
            continue
        position = index + 1
        while position < len(units) and units[position].marker:
            item = verdicts[position]
            item.label, item.reason = BAD, "promotion"
            promoted.append(position)
            position += 1
    return promoted


def first_verdicts(
    units: list[Unit], feats: list[Features]
) -> tuple[list[Verdict], list[float], list[bool]]:
    """Each unit's verdict on its own (`label_unit`), its weight (`value`) and, for a unit
    labelled a short line, whether it reads as a table's row (`is_row`; False for others).

    A page repeats its texts, and pages repeat each other's: what a unit gets depends on its
    features (and text) alone, and on whether it is an item of a bulleted list, so it is worked
    out once per Features for each of the two.
    """
    verdicts: list[Verdict] = []
    values: list[float] = []
    rows: list[bool] = []
    for unit, feat in zip(units, feats, strict=True):
        marker = unit.marker
        listed = marker != "" and not marker[0].isdigit()
        ranked = feat.listed if listed else feat.ranked
        if ranked is None:
            label, reason = rank(marker, feat)
            row = label is SHORT and is_row(unit.text)
            ranked = (label, reason, weight(label, reason, feat.words), row)
            if listed:
                feat.listed = ranked
            else:
                feat.ranked = ranked
        verdicts.append(Verdict(ranked[0], ranked[1]))
        values.append(ranked[2])
        rows.append(ranked[3])
    return verdicts, values, rows


LIST_RUN: Final = 80
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
            # A table's header row may hold a chrome phrase ("Top 10").
            header = position == index + 1 and item.reason == "boilerplate"
            if (item.label is BAD and item.reason != "date" and not header) or feats[
                position
            ].words < 2:
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
        if verdict.label is not SHORT:
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
            key = feats[index].key
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
    for verdict in chain(verdicts[:start], verdicts[end:]):
        if verdict.caption and not verdict.keep:
            verdict.caption = False


def classify(
    units: list[Unit], feats: list[Features], counts: Counter[str]
) -> tuple[list[Verdict], tuple[int, int]]:
    """A verdict for every unit (whose features are `feats`; `counts`, their `key_counts`), and
    the region [start, end) of units where the article lies."""
    verdicts, values, row_texts = first_verdicts(units, feats)
    for index in _promotions(units, verdicts):
        values[index] = value(verdicts[index], feats[index])
    groups, every_copy = _repeats(units, verdicts, feats, counts)
    for indices in groups:
        if _own_repetition(indices, feats):
            continue
        for index in indices if every_copy else indices[1:]:
            # `min(value, -max(SHORT_COST, REPEAT_COST * words))`, written out.
            cost = REPEAT_COST * feats[index].words
            if cost < SHORT_COST:
                cost = SHORT_COST
            if -cost < values[index]:
                values[index] = -cost
    rows = table_rows(verdicts, values, row_texts)
    isolation(verdicts, values, rows)
    anchor_bonus(units, verdicts, feats, values)
    teasers = teaser_runs(units, verdicts, feats, values)
    walls = {i for i, v in enumerate(verdicts) if v.reason in WALLS}
    start, end = densest_stretch(values, walls)
    _smooth(verdicts, start, end)
    for index in teasers:
        verdicts[index].keep = False
        verdicts[index].reason = "teaser list"
    end = _introduced_lists(units, verdicts, feats, start, end)
    _drop_repeats(groups, every_copy, verdicts, feats, (start, end))
    _captions(units, verdicts, feats, start, end)
    for index, verdict in enumerate(verdicts):
        if not verdict.keep and not verdict.reason:
            verdict.reason = "short line" if start <= index < end else "outside article"
    return verdicts, (start, end)
