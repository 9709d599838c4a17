"""The words a unit's lead patterns can start with, tried before the patterns themselves."""

from __future__ import annotations

import importlib
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from brief.core.clean.leads import LEAD_WORDS, LEADS, leads

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")


def first_runs(pattern: re.Pattern[str]) -> set[str]:
    """The runs of letters a text the pattern matches at its start can begin with, read off the
    parsed pattern ("" when it can begin with something else than a letter). Constraints are
    ignored (more runs, never fewer); a pattern this cannot read fails the test."""
    return _runs(list(_parser.parse(pattern.pattern, pattern.flags)), "")


def _runs(items: list[Any], prefix: str) -> set[str]:
    """The runs of letters a match of `items`, after the letters `prefix`, can begin with."""
    if not items:
        return {prefix}
    (op, arg), rest = items[0], items[1:]
    if op is _c.LITERAL:
        return _runs(rest, prefix + chr(arg)) if chr(arg).isalpha() else {prefix}
    if op is _c.IN:
        found: set[str] = set()
        for kind, value in arg:
            if kind is _c.LITERAL:
                found |= _runs([(_c.LITERAL, value), *rest], prefix)
            else:
                # Digits and white space end a run of letters; nothing else is expected.
                assert kind is _c.CATEGORY
                assert value in (_c.CATEGORY_DIGIT, _c.CATEGORY_SPACE)
                found.add(prefix)
        return found
    if op is _c.BRANCH:
        return set().union(*(_runs([*alternative, *rest], prefix) for alternative in arg[1]))
    if op is _c.SUBPATTERN:
        return _runs([*arg[3], *rest], prefix)
    if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
        least, most, sub = arg
        found = _runs(rest, prefix) if least == 0 else set()
        if most == 1:
            return found | _runs([*sub, *rest], prefix)
        # Repeated: it must start with no letter, so it ends the run (or starts none).
        assert _runs(list(sub), "") == {""}
        return found | {prefix}
    if op is _c.AT:
        if arg in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
            return _runs(rest, prefix)
        # A word boundary or the end after letters: the run ends there.
        assert arg in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_STRING) and prefix
        return {prefix}
    # Any other character (`.`, `[^...]`): only where no run of letters has begun.
    assert op in (_c.ANY, _c.NOT_LITERAL) and not prefix, op
    return {prefix}


def test_lead_words_are_those_the_patterns_start_with() -> None:
    """Every run of letters a lead pattern can start with is a lead word (a text starting with
    any other, or with no letter, is tried on the patterns)."""
    assert first_runs(LEADS) - {""} == LEAD_WORDS


def test_first_runs_read_off_a_pattern() -> None:
    """The reading of a pattern's first runs: optional letters, classes, digits."""
    pattern = re.compile(r"^(?:\d+\s+)?(?:tags?|categor(?:y|ies)|don'?t|coment[áa]rios)\b")
    assert first_runs(pattern) == {
        "",
        "tag",
        "tags",
        "category",
        "categories",
        "don",
        "dont",
        "comentários",
        "comentarios",
    }


_LEAD_TEXT = st.lists(
    st.sampled_from(sorted(LEAD_WORDS))
    | st.sampled_from(["by", "jane", "10", ":", "-", "more", "on", "thoughts", "next", "a"])
    | st.text("abyé1 :'-", min_size=1, max_size=6),
    min_size=1,
    max_size=6,
).map(" ".join)


@given(_LEAD_TEXT)
def test_leads_told_by_the_first_word_as_by_the_patterns(text: str) -> None:
    """A text starts like a lead pattern exactly when the patterns match it."""
    low = text.lower()
    assert leads(low) == (LEADS.match(low) is not None)
