"""Weights of units when looking for the article: prose counts, chrome and lone lines cost."""

from __future__ import annotations

from typing import Final

from brief.core.clean.captions import CAPTION_WORDS, is_caption
from brief.core.clean.chars import holds_digit
from brief.core.clean.features import Features
from brief.core.clean.labels import BAD, GOOD, NEAR, SHORT, Label, Verdict
from brief.core.clean.units import Unit

VALUE: Final = {GOOD: 1.0, NEAR: 0.5}
"""Weight of a unit's words when looking for the densest stretch of text."""
SHORT_COST: Final = 1.5
"""Cost of a short line (menu entry, label) inside a stretch of text."""
BAD_COST: Final = 3.0
"""Cost of a line of chrome inside a stretch of text."""
STOP_COST: Final = 50.0
"""Cost of a heading that starts the comments or a list of other articles."""
ANCHOR_BONUS: Final = 20.0
"""Bonus of the first paragraph after a byline or dateline: articles start there."""


_GOOD_VALUE: Final = VALUE[GOOD]
_NEAR_VALUE: Final = VALUE[NEAR]


def value(verdict: Verdict, feat: Features) -> float:
    """A unit's weight for the densest stretch: words of prose count, chrome costs."""
    return weight(verdict.label, verdict.reason, feat.words)


def weight(label: Label, reason: str, words: int) -> float:
    """The `value` of a unit with this label, reason and number of words."""
    if label is GOOD:
        return _GOOD_VALUE * words
    if label is NEAR:
        return _NEAR_VALUE * words
    if label is SHORT:
        return -SHORT_COST
    if reason == "section end" or reason == "copyright":
        return -STOP_COST
    if reason == "comments":
        return -2 * STOP_COST
    return -max(BAD_COST, 0.5 * words)


ISOLATED: Final = 0.3
"""Weight of prose with no prose right before or after it (a teaser between headlines)."""


def isolation(verdicts: list[Verdict], values: list[float], rows: set[int]) -> None:
    """Prose units standing alone between non-prose units weigh less: the article's paragraphs
    follow each other, the summaries of a list of other articles stand between headlines (a
    paragraph next to a table is not alone)."""
    prose = [v.label is GOOD or v.label is NEAR for v in verdicts]
    for index in rows:
        prose[index] = True
    last = len(prose) - 1
    for index, flag in enumerate(prose):
        if not flag or values[index] <= 0:
            continue
        before = index > 0 and prose[index - 1]
        after = index < last and prose[index + 1]
        if not before and not after:
            values[index] *= ISOLATED


TEASER_RUN: Final = 3
"""This many lone paragraphs in a row, each under a headline and a line more (a byline, a date),
are a list of other articles."""


def _headline_like(verdict: Verdict, feat: Features) -> bool:
    """True for a line that could head a teaser: a few words, not a sentence."""
    return verdict.label in (SHORT, BAD) and 3 <= feat.words <= 25 and not feat.sentence


def teaser_runs(
    units: list[Unit], verdicts: list[Verdict], feats: list[Features], values: list[float]
) -> set[int]:
    """Lone paragraphs that each follow a headline, several in a row (the summaries of a list of
    other articles): they weigh nothing when looking for the article, and are returned.

    A lone paragraph under a headline but no date or byline neither counts nor breaks the run
    (an article's own sections under subheadings are not teasers); a photo caption under a
    summary does not make it less alone.
    """
    prose = [
        i
        for i, v in enumerate(verdicts)
        if (v.label is GOOD or v.label is NEAR)
        and not (feats[i].words <= CAPTION_WORDS and is_caption(units[i].text))
    ]
    members: set[int] = set()
    run: list[int] = []
    previous = -1

    def close() -> None:
        if len(run) >= TEASER_RUN:
            members.update(run)
            for member in run:
                values[member] = min(values[member], 0.0)
        run.clear()

    for position, index in enumerate(prose):
        following = prose[position + 1] if position + 1 < len(prose) else len(verdicts)
        # Under a headline and a line more (byline, date, section): one subheading over each
        # paragraph is an article's own list.
        lone = index - previous > 2 and following - index > 1
        headed = dated = False
        if lone:
            gap = range(max(previous + 1, index - 6), index)
            # Headed: a line of the gap reads as a headline (short or chrome, 3-25 words, no
            # sentence); dated: one gives a date or a byline. Loops, not `any` over
            # generators, as this runs for every lone paragraph.
            for i in gap:
                verdict, feat = verdicts[i], feats[i]
                if (
                    (verdict.label is SHORT or verdict.label is BAD)
                    and 3 <= feat.words <= 25
                    and not feat.sentence
                ):
                    headed = True
                    break
            if headed:
                for i in gap:
                    feat = feats[i]
                    if feat.datelike or feat.byline:
                        dated = True
                        break
        previous = index
        if not headed:
            close()
        elif dated:
            run.append(index)
    close()
    return members


def anchor_bonus(
    units: list[Unit], verdicts: list[Verdict], feats: list[Features], values: list[float]
) -> None:
    """The first paragraph following a byline or dateline gets a bonus."""
    armed = -1
    for index, (unit, verdict, feat) in enumerate(zip(units, verdicts, feats, strict=True)):
        if not unit.marker and (feat.datelike or feat.byline):
            armed = index
            continue
        if armed >= 0 and verdict.label is GOOD:
            # The article goes on after its first paragraph; a teaser stands alone.
            goes_on = index + 1 < len(verdicts) and verdicts[index + 1].label in VALUE
            if index - armed <= 8 and goes_on:
                values[index] += ANCHOR_BONUS
            armed = -1


TABLE_RUN: Final = 3
"""This many short lines in a row, each with several numbers, are the rows of a table."""
TABLE_NUMBERS: Final = 2
"""The numbers a table row holds at least."""


def is_row(text: str) -> bool:
    """True for a short line holding several numbers (a row of a table of results)."""
    if not holds_digit(text):
        return False
    return sum(1 for token in text.split() if token.isdigit()) >= TABLE_NUMBERS


def table_rows(verdicts: list[Verdict], values: list[float], row_texts: list[bool]) -> set[int]:
    """The rows of tables (short lines, several in a row, each with several numbers), which cost
    nothing when looking for the article (a table of results the article gives is not a menu).

    `row_texts` tells for each unit labelled a short line whether its text reads as a row
    (`is_row`, worked out with its verdict).
    """
    rows: set[int] = set()
    run: list[int] = []
    for index, verdict in enumerate(verdicts):
        if verdict.label is not SHORT or not row_texts[index]:
            continue
        if run and run[-1] != index - 1:
            _close_table(run, rows, values)
        run.append(index)
    _close_table(run, rows, values)
    return rows


def _close_table(run: list[int], rows: set[int], values: list[float]) -> None:
    """A run of rows counted as a table when long enough; the run emptied."""
    if len(run) >= TABLE_RUN:
        rows.update(run)
        for member in run:
            values[member] = max(values[member], 0.0)
    run.clear()


WALLS: Final = frozenset(["copyright", "comments"])
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
