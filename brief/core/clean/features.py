"""Line features: length, sentence punctuation, and the shapes of page chrome in many languages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from brief.core.clean.captions import is_caption
from brief.core.clean.chars import holds_digit
from brief.core.clean.chrome import BY_KEY as _PHRASES
from brief.core.clean.chrome import CHROME_WORDS, chrome_phrases, is_chrome
from brief.core.clean.contact import contact_details, holds_any
from brief.core.clean.leads import (
    BYLINE,
    CHROME_PREFIX,
    COMMENT_HEAD,
    COMMENTS_START,
    REPLY,
    SECTION_END,
    leads,
)

if TYPE_CHECKING:
    from brief.core.clean.labels import Label

_WORD: Final = re.compile(r"[^\W_]+")
_NOT_ALNUM: Final = bytes(byte if chr(byte).isalnum() and byte < 128 else 32 for byte in range(256))
"""A table turning every byte but ASCII letters and digits into a space: the words of an ASCII
text (what `_WORD` finds there) are then its runs of non-spaces."""
LONG_TEXT: Final = 240
"""A text longer than this many characters has its words counted by its spaces."""
_CJK: Final = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END: Final = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*(?:\s*\[\d+\])*\s*$")

_IMAGE_FILE: Final = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|ico|bmp)\b", re.IGNORECASE)
"""An image or icon file name."""
_IMAGE_MARK: Final = re.compile(
    r"\[(?:img|image|icon|logo|photo|missing-im\w*|spacer|pixel|\d{4,}[\w-]*)\]"
    r"|^\[[\w\-./:]{3,}\]$",
    re.IGNORECASE,
)
"""The `[img]` placeholders text browsers print for images."""
_HTTP: Final = re.compile(r"https?://", re.IGNORECASE)
_WWW: Final = re.compile(r"www\.\w", re.IGNORECASE)
_EMAIL: Final = re.compile(r"[\w.+-]@[\w-]+\.\w{2,}")
_FORM: Final = re.compile(r"\[[ _]{3,}\]|\[\s?[xX*]?\s?\]\s|\(\s?[*]?\s?\)\s")
"""Form fields as text browsers draw them: `[          ]`, `[ ]`, `(*)`."""
# The patterns from here on are matched on lower-cased text.
_RIGHTS: Final = re.compile(
    r"rights reserved|direitos reservados|derechos reservados|droits réservés|rechte vorbehalten"
    r"|diritti riservati|права защищены|^(?:©|copyright)\s*(?:©\s*)?(?:\d{4}|\w+\.\w+)"
)
"""The copyright line of a page's footer (not a photo credit)."""
RIGHTS_RESERVED: Final = (
    r"all rights reserved|todos os direitos|todos los derechos|tous droits|alle rechte"
    r"|tutti i diritti|все права"
)
""""All rights reserved" in the languages a page footer is read in (a pattern's alternatives)."""
_COPYRIGHT: Final = re.compile(
    rf"©|\(c\)\s*\d{{4}}|copyright\b|{RIGHTS_RESERVED}|저작권|무단\s*전재|재배포"
)

_COPYRIGHT_CUES: Final = (
    "©",
    "(c)",
    "copyright",
    "rights",
    "direitos",
    "derechos",
    "droits",
    "rechte",
    "diritti",
    "права",
    "저작권",
    "전재",
    "재배포",
)
"""Cheap tests before the copyright patterns are searched."""

_TEASER: Final = re.compile(
    r"(?:\[(?:…|\.\.\.)\]|(?:read|continue|leia|leggi|читать)\s+\w*\s*[»›>→]?)\s*$"
)
"""A teaser of another article: text cut with "[…]" or followed by "Read more"."""
_CUT: Final = re.compile(r"[^\W\d_](?:\.\.\.|…)$")
"""A headline cut short in a list of other articles: "... plus JBL he..."."""
CUT_WORDS: Final = 25
"""A unit cut short with an ellipsis is a teaser when at most this long."""


_DATE_LABEL: Final = re.compile(
    r"(?:posted|published|first published|created|date|released|updated|last updated|modified"
    r"|last modified|publicado|publicada|atualizado|actualizado|pubblicato|aggiornato|publié"
    r"|mis à jour|veröffentlicht|aktualisiert|опубликовано|опубликован|обновлено|обновлен|등록"
    r"|입력|수정|업데이트|게시)\b"
)
"""The label of a publication or update date at the start of a line."""
_COPYRIGHT_START: Final = re.compile(r"(?:copyright\s*)?(?:©|\(c\))|copyright\s+\d{4}")
"""The start of a copyright line: "©", "(c)", "Copyright 2019"."""

MONTHS: Final = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
"""English month names and their abbreviations (a pattern's alternatives)."""
_DATELIKE: Final = re.compile(
    rf"\b(?:\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}|\d{{1,2}}[-./]\d{{1,2}}[-./]\d{{2,4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS})\b"
    rf"|\d{{1,2}}:\d{{2}}|\d+\s*(?:h|m|d|hrs?|mins?|hours?|minutes?|days?|weeks?)\s+ago)"
)


def word_total(text: str) -> int:
    """Words of a text; runs of Chinese or Japanese characters count one word per two.

    A long text is counted by its spaces (the same count, give or take a stray sign), unless it
    has Chinese or Japanese in it.
    """
    if text.isascii():
        if len(text) > LONG_TEXT:
            return text.count(" ") + 1
        return len(text.encode("ascii").translate(_NOT_ALNUM).split())
    cjk = len(_CJK.findall(text))
    if cjk:
        return len(_WORD.findall(text)) + cjk // 2
    return text.count(" ") + 1 if len(text) > LONG_TEXT else letter_runs(text)


def letter_runs(text: str) -> int:
    """The runs of letters and digits in a text (what `_WORD` finds): a piece between white
    space made of letters and digits alone is one; the others are searched, joined.

    White space is never a letter or a digit, so runs never cross it; most pieces are plain
    words, told in one call.
    """
    pieces = text.split()
    odd = [piece for piece in pieces if not piece.isalnum()]
    if not odd:
        return len(pieces)
    return len(pieces) - len(odd) + len(_WORD.findall(" ".join(odd)))


_STOPS: Final = frozenset(".!?。！？…:;")
"""The marks a sentence ends with."""
_CLOSERS: Final = frozenset("\"'”’»)]")
"""Closing quotes and brackets, which may follow the mark that ends a sentence."""


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (full stop, question, colon, citation mark)."""
    last = text[-24:].rstrip()[-1:]
    if last in _STOPS:
        return True
    return last in _CLOSERS and _SENTENCE_END.search(text[-24:]) is not None


_MARK: Final = re.compile(r"[.,?!;] ")
"""Sentence and clause marks."""
_WIDE_MARK: Final = re.compile(r"[。，、！？]")
"""Chinese and Japanese sentence and clause marks (followed by no space)."""


MARKS_BY_COUNT: Final = 120
"""A text longer than this many characters has its marks counted one kind at a time (a scan
for each costs less there than one pattern's scan; a mark followed by a space is never part of
another one)."""


def sentence_marks(text: str) -> int:
    """The number of sentence and clause marks (full stops, commas, ...) in the text."""
    count = 1 if text[-1:] in ".!?" else 0
    if len(text) > MARKS_BY_COUNT:
        count += (
            text.count(". ")
            + text.count(", ")
            + text.count("? ")
            + text.count("! ")
            + text.count("; ")
        )
    else:
        count += len(_MARK.findall(text))
    if not text.isascii() and (
        "。" in text or "，" in text or "、" in text or "！" in text or "？" in text
    ):
        count += len(_WIDE_MARK.findall(text))
    return count


@dataclass(slots=True, init=False)
class Features:
    """What a unit looks like: the measures the classifier combines (`__init__` is written out:
    the one dataclass generates runs interpreted even in the compiled build, at some 7,000
    instructions a call against some 400)."""

    words: int
    """Words in the unit."""
    marks: int
    """Sentence and clause marks (full stops, commas, question marks); counted in units of six
    words or more only."""
    sentence: bool
    """True when the unit ends like a sentence."""
    chrome: bool
    """True when a page-chrome phrase ("share", "subscribe", "most read") is in the unit, or the
    unit is a trail of links ("Home > News > World")."""
    image: bool
    """True when the unit holds an image or icon file name or placeholder, or is a logo's
    alternative text ("Example GmbH Logo")."""
    link: bool
    """True when the unit holds a web address or e-mail address."""
    form: bool
    """True when the unit holds a form field drawn as text (`[     ]`)."""
    copyright: bool
    """True for a copyright or "all rights reserved" line."""
    rights: bool
    """True for the copyright line of a page's footer ("All rights reserved")."""
    prefixed: bool
    """True when a unit under 25 words is introduced as a link or credit ("Related: ...")."""
    datelike: bool
    """True when a unit of at most 12 words holds a date or a clock time."""
    dateline: bool
    """True when such a date is given under a label ("Published: ...", "Updated ...")."""
    byline: bool
    """True for a byline ("By Jane Doe", "Posted by ... on ...")."""
    section_end: bool
    """True for a heading of comments, related or popular lists that follow an article."""
    comment: bool
    """True for the header of a reader's comment ("jane says:"), its reply button, or the heading
    of the comments ("10 thoughts on ...")."""
    contact: bool
    """True when a unit under 120 words gives contact details twice or more (a footer)."""
    teaser: bool
    """True for a teaser of another article (cut with "[…]", "Read more")."""
    key: str
    """The text compared when looking for repetition (its start, case-folded)."""
    bad: str
    """Why the unit is chrome by its features alone (the first rule that holds, see
    `chrome_reason`), or empty; worked out once per text, as pages repeat their chrome."""
    ranked: tuple[Label, str, float, bool] | None = field(compare=False, repr=False)
    """The label, reason and weight the classifier gives a unit of this text that is no item
    of a bulleted list, and whether it is a short line reading as a table's row, once worked
    out (see `classify.first_verdicts`); the one value set after the features are made,
    derived from them and the text alone."""
    listed: tuple[Label, str, float, bool] | None = field(compare=False, repr=False)
    """The same for a unit of this text that is an item of a bulleted list."""

    def __init__(
        self,
        words: int,
        marks: int,
        sentence: bool,
        chrome: bool,
        image: bool,
        link: bool,
        form: bool,
        copyright: bool,
        rights: bool,
        prefixed: bool,
        datelike: bool,
        dateline: bool,
        byline: bool,
        section_end: bool,
        comment: bool,
        contact: bool,
        teaser: bool,
        key: str,
    ) -> None:
        self.words = words
        self.marks = marks
        self.sentence = sentence
        self.chrome = chrome
        self.image = image
        self.link = link
        self.form = form
        self.copyright = copyright
        self.rights = rights
        self.prefixed = prefixed
        self.datelike = datelike
        self.dateline = dateline
        self.byline = byline
        self.section_end = section_end
        self.comment = comment
        self.contact = contact
        self.teaser = teaser
        self.key = key
        self.bad = ""
        self.ranked = None
        self.listed = None


IMAGE_WORDS: Final = 15
"""A unit naming an image, or holding a link, is chrome when shorter than this."""


def chrome_reason(feat: Features) -> str:
    """Why a unit with these features is chrome whatever its place, or empty: the first of the
    rules below that holds (the order makes the reason shown for a removed line)."""
    words = feat.words
    if words == 0:
        return "symbols"
    if feat.form:
        return "form"
    if feat.section_end:
        return "section end"
    if feat.comment:
        return "comments"
    if feat.contact:
        return "footer"
    if feat.teaser:
        return "teaser"
    if feat.image and words < IMAGE_WORDS:
        return "image name"
    if feat.copyright:
        return "copyright" if feat.rights else "footer"
    if feat.byline:
        return "byline"
    if feat.prefixed:
        return "link"
    if feat.chrome:
        return "share buttons" if words <= 4 else "boilerplate"
    if feat.link and words < IMAGE_WORDS:
        return "link"
    if feat.datelike and (not feat.sentence or feat.dateline):
        return "date"
    return ""


REPEAT_PREFIX: Final = 60
"""Units that start with the same this many characters are copies (a caption drawn with and
without its credit)."""


LOGO_WORDS: Final = 6
"""A line this short ending in "logo" is an image's alternative text."""
PROMO_WORDS: Final = 25
"""A unit longer than a short line and up to this long is chrome when it holds two chrome phrases
or more ("Sign up for our newsletter and get the best stories in your inbox")."""
_PROMO_CUES: Final = (
    "newsletter",
    "subscri",
    "sign up",
    "sign in",
    "log in",
    "privacy",
    "cookie",
    "terms of",
    "rights reserved",
    "inbox",
    "follow us",
    "click",
    "advertis",
    "download",
    "register",
)
"""Words of a promotion or a footer's row of links (cheap test before the phrases are counted)."""
LONG_UNIT: Final = 40
"""A unit longer than this many words is never chrome, a copyright line, a date or a byline."""


def features(text: str) -> Features:
    """The features of one unit's text (costly patterns tried only where they can matter)."""
    if text.isascii() and text.isalpha():
        # One word of ASCII letters ("World", "Share"), as menus are made of.
        low = text.lower()
        if not leads(low):
            return _one_word(text, low)
    return _features(text)


def _one_word(text: str, low: str) -> Features:
    """The features of a text that is one word of ASCII letters (`low`, lower-cased) and starts
    like none of the `LEADS` patterns, as `_features` finds them: the patterns that need a
    space, a digit or a sign cannot match; a copyright line can only end with "copyright"; of
    contact details, only "cnpj" can be found twice (a label is the whole word, once)."""
    key = low[:3]
    chrome = low in CHROME_WORDS or (key in _PHRASES and _PHRASES[key].search(low) is not None)
    feat = Features(
        1,
        0,
        False,
        chrome,
        low == "logo",
        False,
        False,
        low.endswith("copyright"),
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        "cnpj" in low and contact_details(text, low),
        False,
        low[:REPEAT_PREFIX],
    )
    feat.bad = chrome_reason(feat)
    return feat


def _features(text: str) -> Features:
    """The features of any unit's text (see `features`)."""
    plain = text.isascii()
    if plain and len(text) <= LONG_TEXT:
        # `word_total` of a short ASCII text, inlined (most units are such).
        words = len(text.encode("ascii").translate(_NOT_ALNUM).split())
    else:
        words = word_total(text)
    tail = text[-40:]
    # `ends_sentence(tail)`, written out.
    end = tail[-24:]
    last = end.rstrip()[-1:]
    sentence = last in _STOPS or (last in _CLOSERS and _SENTENCE_END.search(end) is not None)
    # Marks only count for units of six words or more (see `label_unit`).
    marks = sentence_marks(text) if words >= 6 else 0
    if plain and words <= LONG_UNIT:
        # Lower-casing ASCII keeps every character in place: one call serves the whole text, its
        # tail and its repetition key (case folding is lower-casing there).
        low = text.lower()
        low_tail = low[-40:]
        key = low[:REPEAT_PREFIX]
    else:
        low = ""
        low_tail = tail.lower()
        key = text[:REPEAT_PREFIX].casefold()
    image = ("." in text and _IMAGE_FILE.search(text) is not None) or (
        "[" in text and _IMAGE_MARK.search(text) is not None
    )
    link = (
        ("://" in text and _HTTP.search(text) is not None)
        or ("@" in text and _EMAIL.search(text) is not None)
        or (("www" in text or "WWW" in text) and _WWW.search(text) is not None)
    )
    form = ("[" in text or "(" in text) and _FORM.search(text) is not None
    cut = words <= CUT_WORDS and tail.endswith(("...", "…")) and _CUT.search(tail) is not None
    # A teaser: text cut with "[…]" or followed by "Read more" (a word of the pattern first).
    teaser = cut or (
        (
            "]" in low_tail
            or "read" in low_tail
            or "contin" in low_tail
            or "leia" in low_tail
            or "leggi" in low_tail
            or "читать" in low_tail
        )
        and _TEASER.search(low_tail) is not None
    )
    if words > LONG_UNIT:
        # A paragraph (the patterns of short lines cannot match), or a long footer that starts
        # with its copyright sign.
        footer = _COPYRIGHT_START.match(text[:24].lower()) is not None
        feat = Features(
            words=words,
            marks=marks,
            sentence=sentence,
            chrome=False,
            image=image,
            link=link,
            form=form,
            copyright=footer,
            rights=footer,
            prefixed=False,
            datelike=False,
            dateline=False,
            byline=False,
            section_end=False,
            comment=False,
            contact=words < 120 and contact_details(text, text.lower()),
            teaser=teaser,
            key=key,
        )
        feat.bad = chrome_reason(feat)
        return feat

    if not plain:
        low = text.lower()
    short = words <= 12
    datelike = short and holds_digit(text) and _DATELIKE.search(low) is not None
    # Every copyright pattern holds one of `_COPYRIGHT_CUES`: in a text that is not ASCII the
    # patterns are searched at once (one search costs less than a test for each cue).
    copyright = (
        not plain or "copyright" in low or "rights" in low or "(c)" in low or "©" in low
    ) and _COPYRIGHT.search(low) is not None
    if words <= LOGO_WORDS and low_tail.endswith("logo"):
        # An image's alternative text: "Example GmbH Logo".
        image = image or low_tail.endswith(" logo") or low == "logo"
    # The patterns anchored at the start are tried one by one only when one of them matches.
    lead = leads(low)
    feat = Features(
        words,
        marks,
        sentence,
        (
            is_chrome(low, words)
            or (("»" in text or ">" in text or "›" in text) and _breadcrumb(text))
        )
        if short
        else words <= PROMO_WORDS and holds_any(low, _PROMO_CUES) and len(chrome_phrases(low)) >= 2,
        image,
        link,
        form,
        copyright,
        copyright and _RIGHTS.search(low) is not None,
        lead and words < 25 and CHROME_PREFIX.match(low) is not None,
        datelike,
        datelike and _DATE_LABEL.match(low) is not None,
        lead and words <= 15 and BYLINE.match(low) is not None,
        lead and words <= 14 and SECTION_END.match(low) is not None,
        (low_tail[-1:] == ":" and short and COMMENT_HEAD.search(low_tail[-24:]) is not None)
        or (lead and words <= 2 and REPLY.match(low) is not None)
        or (lead and words <= 30 and COMMENTS_START.match(low) is not None),
        contact_details(text, low),
        teaser,
        key,
    )
    feat.bad = chrome_reason(feat)
    return feat


SHARED_CHARS: Final = 80
"""Texts up to this long (menu entries, buttons, labels) are measured once for all pages."""
SHARED_LIMIT: Final = 50_000
"""The most texts the shared table holds before it is emptied."""
_shared: Final[dict[str, Features]] = {}
"""Features of short texts, shared by every page read (sites repeat their menus and buttons)."""


def page_features(texts: list[str], known: dict[str, Features]) -> list[Features]:
    """The features of a page's texts: each measured once on the page (`known`, the page's
    table, is added to) and, when short, once for all pages (a Features value is never changed
    once made)."""
    shared = _shared
    result: list[Features] = []
    for text in texts:
        feat = known.get(text)
        if feat is None:
            if len(text) > SHARED_CHARS:
                feat = features(text)
            else:
                feat = shared.get(text)
                if feat is None:
                    if len(shared) >= SHARED_LIMIT:
                        shared.clear()
                    feat = shared[text] = features(text)
            known[text] = feat
        result.append(feat)
    return result


def forget_shared() -> None:
    """Empty the tables shared between pages, this one and the captions' (a benchmark measures
    each form from a cold start)."""
    _shared.clear()
    is_caption.cache_clear()


def _breadcrumb(text: str) -> bool:
    """True for a trail of links ("Blog > Nutrition > Meal Plans", "Home » News »")."""
    return text.count(">") + text.count("»") + text.count("›") >= 2 and not text.startswith(">")
