"""The regular expressions that find candidate date phrases, one per form of phrase."""

from __future__ import annotations

import re

from brief.core.timeline.lexicon import NUMBER_WORDS, ORDINALS

END = r"(?!\w|-\w|['’](?!s\b))"
"""The end of a name: not inside a longer word, though a possessive may follow ("Friday's")."""
MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    + END
)
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?![\w'’-]))"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)" + END
WEEKDAY_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:\.|(?![\w'’-]))"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?!\d)"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
ZONE = r"(?:\s*(?:GMT|UTC|BST|CET|CEST|KST|JST|IST|[ECMP][SD]?T)\b)?"
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?i:[ap]\.?m\b\.?))?|(?:1[0-2]|0?[1-9])\s*(?i:[ap]\.?m\b\.?))"
    + ZONE
)
PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"
LEAD = r"(?i:the\s+(?:end|beginning|start|middle)\s+of\s+(?:the\s+)?)"
MOD = r"(?i:early|mid|late)"
_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))

FULL = re.compile(
    rf"(?:(?P<clock0>{CLOCK})\s+(?:on\s+)?(?=[A-Z]))?"
    rf"(?:(?P<wd>{WEEKDAY_FULL}|{WEEKDAY_ABBR}),?\s+)?"
    rf"(?:(?P<m1>{MONTH})\s*(?P<d1>{DAY})(?:,?\s*(?P<y1>{YEAR}))?"
    rf"|(?<![\d.,:$€£¥#-])(?:the\s+)?(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MONTH})(?:,?\s*(?P<y2>{YEAR}))?"
    rf"|(?P<m3>{MONTH}),?\s+(?:of\s+)?(?P<y3>{YEAR}))"
    rf"(?![\d%]|[.,]\d)"
    rf"(?:,?\s+(?:at\s+)?(?P<clock>{CLOCK})|\s+(?P<pod>{PART_OF_DAY}))?"
)
"""A named day or month: "Feb. 23", "23 February 2021", "Tue, March 28, 2023", "Dec. 2023"."""

NUMERIC = re.compile(
    rf"(?<![\w.\-/+])(?P<y>{YEAR})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?:(?:T|\s+)(?P<clock>[01]\d:[0-5]\d|2[0-3]:[0-5]\d)(?::[0-5]\d)?)?"
    r"(?![\w\-/]|\.\d)"
)
"""An all-digit date, year first: "2021-02-27", "2020.02.05", "2021-02-27 09:32"."""

BARE_YEAR = re.compile(
    rf"(?:(?P<lead>{LEAD}|{MOD}(?:-|\s+)|(?i:the\s+year\s+)|(?i:fiscal\s+(?:year\s+)?|FY\s?))"
    rf"|(?<![\w$€£¥#@.,/+'’-]))(?P<y>{YEAR})"
    rf"(?:\s*[-–]\s*(?P<y2>{YEAR}|\d{{2}}(?!\d)))?"
    r"(?![\w%]|[.,]\d|-[A-Za-z\d]|\s*%)(?P<poss>['’]s\b)?"
)
"""A number that may be a year ("2019", "mid-2021", "2009-2010", "1957-58"); its context decides."""

DECADE = re.compile(
    rf"(?:(?i:the\s+)(?:{MOD}(?:-|\s+))?)?"
    r"(?<![\w$€£¥#.,])(?:(?P<c>1[0-9]|20)(?P<d>\d)0|['’](?P<short>\d)0)['’]?s(?!\w)"
)
"""A decade: "the 1990s", "the early 2000s", "the '90s"."""

CENTURY = re.compile(
    rf"(?:(?i:the\s+)(?:{MOD}(?:-|\s+))?)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>(?i:{_ORDINAL})))"
    r"[-\s]+(?i:century)(?!\w)"
)
"""A century: "the 20th century", "the twenty-first century"."""

PART_OF_YEAR = re.compile(
    rf"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)[-\s]+"
    rf"(?P<what>half|quarter)(?:\s+of\s+(?:the\s+)?(?:(?P<rel>this|last|next|current|previous)"
    rf"\s+(?:fiscal\s+)?year|(?:fiscal\s+(?:year\s+)?)?(?P<y>{YEAR}))|,?\s+(?P<y3>{YEAR}))?)(?![\w-])"
    rf"|(?<![\w-])(?P<qh>[QH])(?P<n>[1-4])(?:\s+of|\s*['’]?)\s*(?P<y2>{YEAR}|\d{{2}}(?!\d))(?![\w-])"
    rf"|(?<![\w-])(?P<y4>{YEAR})\s*(?P<qh4>[QH])(?P<n4>[1-4])(?![\w-])"
)
"""A half or quarter: "the second half of this year", "H2 2021", "the third quarter of 2020"."""

SEASON = re.compile(
    rf"(?i:(?:(?P<rel>last|next|this|past|coming)\s+|(?:{MOD}(?:-|\s+)))?"
    r"(?P<s>spring|summer|autumn|fall|winter)"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)(?![\w-])"
)
"""A season: "last summer", "the summer of 2019", "winter 2020"."""

RELATIVE = re.compile(
    rf"(?i:(?P<lead>(?:early|earlier|late|later|mid)(?:-|\s+)|{LEAD})?"
    r"(?P<rel>this|last|next|current|coming)\s+(?P<fiscal>fiscal\s+)?"
    r"(?P<unit>weekend|week|month|year|quarter|decade))(?![\w-])"
)
"""A unit counted from the time of writing: "this year", "last week", "early this month"."""

AGO = re.compile(
    rf"(?i:(?<![\w.,])(?P<n>\d{{1,3}}|{_NUMBER})\s+(?P<unit>day|week|month|year|decade)s?\s+ago)(?!\w)"
)
"""A count back from the time of writing: "two years ago", "a week ago"."""

DEICTIC = re.compile(
    r"(?i:(?<![\w-])(?:(?P<w>today|yesterday|tomorrow|tonight)"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
    r"|(?P<rel>this|last)\s+(?P<pod2>morning|afternoon|evening|night)))(?![\w-])"
)
"""A day named from the time of writing: "yesterday", "tomorrow morning", "last night"."""

WEEKDAY = re.compile(
    rf"(?:(?P<clock>{CLOCK})\s+(?:(?i:on)\s+)?)?"
    r"(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?"
    rf"(?P<wd>{WEEKDAY_FULL})"
    rf"(?:\s+(?P<pod>{PART_OF_DAY}))?(?:,?\s+(?:at\s+)?(?P<clock2>{CLOCK}))?"
)
"""A weekday: "Friday", "This Wednesday", "15:00 GMT Saturday", "Friday afternoon"."""

ORDINAL_DAY = re.compile(
    r"(?i:(?<![\w-])on\s+)(?P<p>(?i:the)\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)"
    rf"(?:\s+of\s+(?:(?P<rel>(?i:this|last|next))\s+month|(?P<m>{MONTH_FULL})))?)"
    r"(?=\s*[,.;:)!?]|\s*$|\s+(?:of|at|in|when|and|to|as|with|that)\b)"
)
"""A day of the month alone: "on the 3rd" (the phrase is "the 3rd")."""

BARE_MONTH = re.compile(
    r"(?:(?P<cue>(?i:in|since|by|until|till|from|through|during|before|after|of|to|between"
    r"|around|for))\s+)?"
    rf"(?P<p>(?:{LEAD})?(?:(?P<mod>{MOD})(?:-|\s+))?(?:(?P<rel>(?i:last|next|this|past))\s+)?"
    rf"(?P<m>{MONTH_FULL})"
    r"(?:\s+(?:of\s+)?(?P<yrel>(?i:this|last|next))\s+(?i:year))?"
    rf"(?:\s+(?:or|and|to|through|until|-|–)\s+(?:{MOD}(?:-|\s+))?(?P<m2>{MONTH_FULL})"
    rf"(?:,?\s+(?P<y2>{YEAR})(?![.,]?\d))?)?)"
    r"(?!\s*\d)"
)
"""A month without a day: "in May", "early December", "late last July", "May or June"."""

EDGE = re.compile(
    r"(?i:(?P<edge>the\s+(?:end|beginning|start|middle)\s+of)\s+(?:the\s+)?"
    r"(?P<unit>year|month|week))(?![\w-])"
)
"""The edge of the current unit, named without "this": "the end of the year"."""

HOLIDAY = re.compile(
    r"(?:(?P<rel>(?i:last|next|this))\s+)?"
    r"(?P<h>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s\s+(?:Eve|Day)|Easter(?:\s+Sunday)?"
    r"|Thanksgiving(?:\s+Day)?|Halloween|Valentine['’]s\s+Day)"
    rf"(?:,?\s+(?P<y>{YEAR}))?" + END + r"(?!\s+[A-Z])"
)
"""A holiday: "Christmas", "Easter Sunday", "New Year's Eve 2012", "last Thanksgiving"."""
