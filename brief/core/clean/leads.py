"""The patterns a short unit may start with: links and credits, bylines, comments, the headings
of what follows an article; and the words they start with, tried first."""

from __future__ import annotations

import re
from typing import Final

CHROME_PREFIX: Final = re.compile(
    r"^(?:related|read more|read also|see also|also read|watch|listen|more|recommended|"
    r"advertisement|sponsored|leia também|veja também|leggi anche|читайте также|"
    r"photo|image|video|source|credit|file photo|getty images|reuters|ap photo|"
    r"tags?|topics?|subjects?|categor(?:y|ies)|filed under|keywords?|etiquetas|argomenti|теги"
    r"|темы|태그)\s*[:|–—-]"
)
"""A line introduced as a link, a credit or a list of tags: "Related: ...", "Photo: ...",
"Topics: ..."."""

SECTION_END: Final = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|leave a (?:reply|comment)|post a comment|"
    r"join the (?:conversation|discussion)|most (?:read|popular|shared|viewed|commented)|"
    r"you (?:may|might) also like|recommended(?: for you| stories| articles)?|"
    r"related (?:articles|stories|posts|news|coverage|content|links|videos)|"
    r"more (?:stories|news|articles|from|on|in)\b|popular (?:now|stories|posts|articles|news)|"
    r"trending(?: now| stories)?|"
    r"top stories|(?:read|up|watch) next|in case you missed it|don'?t miss|other (?:stories|news|"
    r"articles)|you may also be interested|"
    r"top \d+ \w+|latest (?:news|stories|articles|videos)|editor'?s picks|"
    r"about the author|share this|sponsored (?:content|stories|links)|"
    r"coment[áa]rios|commenti|комментарии|댓글|leia também|veja também|leggi anche|"
    r"читайте также|notícias relacionadas|artículos relacionados|articoli correlati)\b.{0,40}$"
)
"""Headings of the page sections that follow an article: comments, related and popular lists."""
COMMENT_HEAD: Final = re.compile(
    r"\b(?:says|said|wrote|writes|disse|escreveu|dice|scrive|écrit|schreibt|пишет|написал)\s*:$"
)
"""The header of a reader's comment ("jane says:")."""
REPLY: Final = re.compile(
    r"(?:\d+\s*)?(?:reply|replies|responder|rispondi|répondre|antworten|ответить|답글)$"
)
"""The reply button under a reader's comment."""
COMMENTS_START: Final = re.compile(
    r"^\d+\s+(?:thoughts|responses|comments|replies|reactions|comentários|commenti|commentaires"
    r"|комментари\w*)\s+(?:on|to|em|a|su|sur|к)\b"
)
"""The heading of the comments under a blog post: "10 thoughts on “...”", "3 responses to"."""

BYLINE: Final = re.compile(
    r"^(?:(?:posted|written|reported|published|updated|compiled|edited|researched|produced"
    r"|translated|illustrated)\s+)?(?:by|por|di|von|par|от)\s*:?\s+\S"
    r"|^(?:author|autor|autore|auteur|reporter|기자)\s*:"
    r"|^(?:posted|published|publicado|pubblicato|publié|diposting)\s+(?:on|em|il|le|am|pada)\s.{0,40}"
    r"\s(?:by|por|di|von|par|oleh)\s+\S"
)
"""A byline: "By Jane Doe", "Posted by ...", "Por ...", "Author: ..."."""

LEADS: Final = re.compile(
    "|".join(
        f"(?:{pattern.pattern})"
        for pattern in (CHROME_PREFIX, BYLINE, SECTION_END, REPLY, COMMENTS_START)
    )
)
"""Any of the patterns matched at the start of a short unit (most units match none of them)."""

_WORDS: Final = (
    "about advertisement also antworten ap argomenti articoli artículos auteur author autor "
    "autore by categories category comentarios comentários comment commenti comments "
    "compiled credit di diposting don dont edited editor editors etiquetas file filed getty "
    "illustrated image in join keyword keywords latest leave leggi leia listen more most "
    "notícias other par photo popular por post posted produced pubblicato publicado "
    "published publié read recommended related replies reply reported reporter researched "
    "responder response responses reuters rispondi répondre see share source sponsored "
    "subject subjects tag tags top topic topics translated trending up updated veja video "
    "von watch written you комментарии от ответить теги темы читайте 기자 답글 댓글 태그"
)
LEAD_WORDS: Final = frozenset(_WORDS.split())
"""The runs of letters a text matching `LEADS` can start with (a test derives them from the
patterns): a text whose first word, up to its first space, is all letters and none of these
matches none of the patterns."""


def leads(low: str) -> bool:
    """True when a lower-cased text starts like one of the `LEADS` patterns."""
    first = low.partition(" ")[0]
    return (first in LEAD_WORDS or not first.isalpha()) and LEADS.match(low) is not None
