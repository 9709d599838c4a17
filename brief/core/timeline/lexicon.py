"""Words the date finder knows: months, weekdays, numbers, cues, units and tense markers."""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A set of words from a space-separated list."""
    return frozenset(text.split())


MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
"""Full month names, lower case."""

MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
"""Month abbreviations, lower case; only trusted next to a day or a year."""

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
"""Weekday names, lower case, to their `date.weekday()` number."""

WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
"""Weekday abbreviations, lower case; only trusted in front of a full date."""

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
"""Counting words, for "two years ago"."""

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "last": -1,
    "final": -1,
}
"""Ordinal words (and "last") for halves, quarters and centuries."""

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
"""Season words to their TIMEX3 codes."""

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "noon": "MI",
    "midday": "MI",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
"""Parts of the day to their TIMEX3 codes."""

YEAR_CUES = words(
    "in since by until till from during before after through throughout of to for between"
    " circa around early mid late year fiscal fy spring summer autumn fall winter"
    " end beginning start middle"
)
"""Words in front of a bare number that say it is a year ("in 2019", "by 2042")."""

DETERMINERS = words("a an the his her its their our my your this that whose")
"""Words that make a number a year when a noun follows ("the 2019 export curbs")."""

NOT_A_YEAR_BEFORE = words("up no number page room flight route vol volume chapter")
"""Words that, before a year cue, show the number is something else ("up to 2000")."""

UNITS = words(
    """won yuan yen dollars dollar euros euro pounds rupees rubles usd krw jpy eur percent pct
    people persons residents units pieces tons tonnes barrels kg kilograms km kilometers
    kilometres miles meters metres feet ft sq square acres hectares mw gw kw mwh gwh kwh
    times votes cases deaths patients students employees workers jobs staff members companies
    firms households homes houses vehicles cars trucks ships planes flights hours minutes
    seconds days weeks months years points shares seats beds troops soldiers children
    adults women men users customers subscribers visitors items products cameras stores
    branches plants factories sites projects locations stations towers copies samples
    documents pages words characters calories degrees horsepower hp cc bn mn million
    billion trillion thousand hundred"""
)
"""Words after a number that make it an amount or a count, never a year."""

HOLIDAY_WEEKDAY = words("good black cyber super ash holy maundy bloody fat palm easter")
"""Words that make a following weekday part of a name ("Black Friday")."""

FUTURE = re.compile(
    r"\b(?:will|won't|wo n't|shall|would(?!\s+have)|going\s+to|gonna"
    r"|plans?\s+(?:to|for)|planned\s+(?:to|for)|planning|aims?\s+(?:to|for)|aiming"
    r"|intends?\s+to|hopes?\s+to|seeks?\s+to|expects?\s+to|(?:is|are|be)\s+expected"
    r"|set\s+(?:to|for)|slated|scheduled|upcoming|forthcoming|forecasts?|projected"
    r"|targets?|targeted|goal|deadline|to\s+be\s+\w+ed|(?:is|are|am)\s+to\s+(?!blame)[a-z]+"
    r"|due\s+(?:to\s+(?:be|start|begin|open|close|take|arrive|end|expire|launch|run|come)\b"
    r"|in|on|by|for)|(?:is|are|was|were)\s+due)\b|'ll\b|’ll\b",
)
"""Words that put a clause in the future ("will", "plans to", "set for", "is due")."""

PAST = re.compile(
    r"\b(?:was|were|had|did|has|have|ago|earlier|previously|yesterday|said|told|met|took"
    r"|gave|came|went|made|began|saw|found|left|lost|won|held|sold|bought|paid|fell|rose|grew"
    r"|spent|sent|built|brought|led|became|ran|got|hit|cut|put|set|wrote|spoke|broke|knew"
    r"|thought|felt|kept|chose|drove|flew|fled|froze|stood|struck|swore|tore|threw|woke|wore"
    r"|[a-z]{3,}ed)\b",
)
"""Words that put a clause in the past ("was", "died", "told")."""

PRESENT = re.compile(r"\b(?:is|are|am|begins|starts|opens|ends|closes|runs)\b")
"""Words of the present tense, leaving the direction of a bare month or weekday open."""

NOT_PAST = words(
    """need indeed speed proceed exceed succeed feed breed seed bleed embed hundred red bed
    shed wed united limited detailed related concerned interested advanced based so-called
    expected scheduled planned targeted projected slated required proposed anticipated
    estimated predicted forecasted
    intended"""
)
"""Words ending in "ed" that are not past-tense verbs (or point ahead)."""

AHEAD_PREPOSITIONS = words("until till through ahead")
"""Prepositions right before a date that point forward ("postponed until Saturday")."""

DEADLINE_PREPOSITIONS = words("by until till before within")
"""Prepositions that make a date a deadline when it lies ahead ("by 2042")."""
