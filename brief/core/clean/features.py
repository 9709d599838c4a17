"""Line features: length, sentence punctuation, and the shapes of page chrome in many languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[^\W_][\w'-]*")
_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*(?:\s*\[\d+\])*\s*$")
_SENTENCE_MARK = re.compile(r"[.!?。！？,;，、](?=\s|$)|[。！？，、]")

_IMAGE = re.compile(
    r"\.(?:png|jpe?g|gif|svg|webp|ico|bmp)\b|\[(?:img|image|icon|logo|photo|missing-im\w*"
    r"|spacer|pixel|\d{4,})\]|^\[[\w\-./:]{3,}\]$",
    re.IGNORECASE,
)
"""Image and icon file names, and the `[img]` placeholders text browsers print."""
_URL = re.compile(r"https?://|www\.\w|[\w.+-]@[\w-]+\.\w{2,}", re.IGNORECASE)
_FORM = re.compile(r"\[[ _]{3,}\]|\[\s?[xX*]?\s?\]\s|\(\s?[*]?\s?\)\s")
"""Form fields as text browsers draw them: `[          ]`, `[ ]`, `(*)`."""
_RIGHTS = re.compile(
    r"rights reserved|direitos reservados|derechos reservados|droits réservés|rechte vorbehalten"
    r"|diritti riservati|права защищены|^(?:©|copyright)\s*(?:©\s*)?(?:\d{4}|\w+\.\w+)",
    re.IGNORECASE,
)
"""The copyright line of a page's footer (not a photo credit)."""
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|copyright\b|all rights reserved|todos os direitos|todos los derechos"
    r"|tous droits|alle rechte|tutti i diritti|все права|저작권|무단\s*전재|재배포",
    re.IGNORECASE,
)

_COPYRIGHT_CUES = (
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

# Generic page-chrome phrases (no site names): navigation, sharing, accounts, promotion,
# footers; in English, Portuguese, Spanish, Italian, French, German, Russian and Korean.
# They count in a unit of at most a dozen words.
_CHROME_PHRASES = [
    # navigation and skip links
    r"skip to",
    r"jump to",
    r"back to top",
    r"go to top",
    r"main menu",
    r"all menu",
    r"toggle navigation",
    r"previous (?:article|post|story)",
    r"next (?:article|post|story)",
    r"see all",
    r"view all",
    r"show more",
    r"load more",
    r"more stories",
    r"more from",
    r"more articles",
    r"more news",
    r"read more",
    r"read next",
    r"continue reading",
    r"full story",
    r"click here",
    r"see also",
    r"you may also like",
    r"you might also like",
    r"most read",
    r"most popular",
    r"most shared",
    r"most viewed",
    r"top \d+ \w+",
    r"editor'?s picks",
    r"latest (?:news|stories|videos|articles)",
    r"special coverage",
    r"sponsored",
    r"advertisement",
    r"partner content",
    # sharing and page tools
    r"e-?mail this",
    r"print preview",
    r"font size",
    r"text size",
    r"close for \d+ hours?",
    r"bar_progress",
    r"copy link",
    r"follow us",
    r"join us",
    r"like us on",
    r"on social",
    r"leave a (?:reply|comment)",
    r"post a comment",
    r"\d+ comments?",
    # accounts and subscriptions
    r"sign in",
    r"sign up",
    r"log ?in\b",
    r"log ?out",
    r"subscribe",
    r"subscription",
    r"newsletter",
    r"my account",
    r"create (?:an )?account",
    r"forgot (?:your )?password",
    r"cookie",
    r"privacy (?:policy|statement|notice|settings)",
    r"terms of (?:use|service)",
    r"terms (?:and|&) conditions",
    r"accessibility statement",
    r"site ?map",
    r"contact us",
    r"about us",
    r"rss feed",
    r"ad choices",
    r"do not sell",
    # footers
    r"all rights reserved",
    r"powered by",
    r"registration no",
    r"webmaster",
    # Portuguese, Spanish, Italian, French, German
    r"leia (?:também|mais)",
    r"veja (?:também|mais)",
    r"compartilh",
    r"assine",
    r"cadastre",
    r"publicidade",
    r"lea también",
    r"leer más",
    r"compartir",
    r"suscr[ií]b",
    r"iniciar sesi[óo]n",
    r"publicidad",
    r"leggi anche",
    r"condividi",
    r"iscriviti",
    r"pubblicit[àa]",
    r"lire aussi",
    r"partager",
    r"s'abonner",
    r"abonnez",
    r"publicité",
    r"lesen sie auch",
    r"anmelden",
    r"abonnieren",
    r"werbung",
    # Russian
    r"читать (?:также|далее)",
    r"читайте также",
    r"поделиться",
    r"подписаться",
    r"регистрац",
    r"все права",
    # Korean
    r"본문 바로가기",
    r"바로가기",
    r"글자 ?크기",
    r"기사 ?공유",
    r"구독",
    r"로그인",
    r"회원가입",
    r"기사 ?목록",
    r"전체 ?메뉴",
]
_CHROME = re.compile("|".join(f"(?:{p})" for p in _CHROME_PHRASES))
_COMMON = frozenset(
    [
        "to",
        "the",
        "of",
        "a",
        "an",
        "in",
        "on",
        "for",
        "and",
        "or",
        "us",
        "you",
        "all",
        "your",
        "my",
        "me",
        "may",
        "might",
        "also",
        "this",
        "is",
        "at",
    ]
)
_LETTERS = re.compile(r"[^\W\d_]+")
_TRIGGERS = frozenset(
    word[:5]
    for phrase in _CHROME_PHRASES
    for word in _LETTERS.findall(phrase)
    if word not in _COMMON
)
"""Five-letter stems of the chrome phrases' words: the phrases are searched only when one occurs."""
_CHROME_WORDS = frozenset(
    [
        "share",
        "shares",
        "sharing",
        "tweet",
        "print",
        "close",
        "open",
        "menu",
        "search",
        "home",
        "comment",
        "comments",
        "reply",
        "register",
        "login",
        "email",
        "e-mail",
        "mailto",
        "link",
        "facebook",
        "twitter",
        "linkedin",
        "instagram",
        "youtube",
        "reddit",
        "pinterest",
        "whatsapp",
        "telegram",
        "kakaolink",
        "kakao",
        "flipboard",
        "rss",
        "top",
        "more",
        "next",
        "previous",
        "prev",
        "advertisement",
        "ad",
        "ads",
        "sponsored",
        "trending",
        "related",
        "recommended",
        "popular",
        "newsletter",
        "subscribe",
        "loading",
        "progress",
        "video",
        "photo",
        "photos",
        "gallery",
        "tag",
        "tags",
        "topic",
        "topics",
        "compartilhar",
        "entrar",
        "buscar",
        "pesquisar",
        "comentários",
        "condividi",
        "cerca",
        "commenti",
        "поиск",
        "меню",
        "войти",
        "главная",
        "комментарии",
        "реклама",
        "검색",
        "공유",
        "닫기",
        "인쇄",
        "댓글",
        "메뉴",
    ]
)
"""Single words that make a unit of at most four words a button or menu entry."""
_CHROME_PREFIX = re.compile(
    r"^(?:related|read more|read also|see also|also read|watch|listen|more|recommended|"
    r"advertisement|sponsored|leia também|veja também|leggi anche|читайте также|"
    r"photo|image|video|source|credit|file photo|getty images|reuters|ap photo)\s*[:|–—-]",
    re.IGNORECASE,
)
"""A line introduced as a link or credit: "Related: ...", "Photo: ..."."""

_SECTION_END = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|leave a (?:reply|comment)|post a comment|"
    r"join the (?:conversation|discussion)|most (?:read|popular|shared|viewed|commented)|"
    r"you (?:may|might) also like|recommended(?: for you| stories| articles)?|"
    r"related (?:articles|stories|posts|news|coverage|content|links|videos)|more (?:stories|news|"
    r"articles|from|on)\b|popular (?:now|stories|posts)|trending(?: now| stories)?|"
    r"top \d+ \w+|latest (?:news|stories|articles|videos)|editor'?s picks|"
    r"about the author|share this|sponsored (?:content|stories|links)|"
    r"coment[áa]rios|commenti|комментарии|댓글|leia também|veja também|leggi anche|"
    r"читайте также|notícias relacionadas|artículos relacionados|articoli correlati)\b.{0,40}$",
    re.IGNORECASE,
)
"""Headings of the page sections that follow an article: comments, related and popular lists."""
_COMMENT_HEAD = re.compile(
    r"\b(?:says|said|wrote|writes|disse|escreveu|dice|scrive|écrit|schreibt|пишет|написал)\s*:$"
    r"|\breply\s*$|\blikes?\s*$|\breport\s*$",
    re.IGNORECASE,
)
"""The header or footer of a reader's comment ("jane says:", "Reply")."""
_CONTACT = re.compile(
    r"\b(?:tel(?:ephone)?|phone|fax|e-?mail|address|call us|contact(?:ed)?)\b\s*[:.]?"
    r"|\+?\d[\d\s().-]{7,}\d|\S+@\S+\.\w{2,}",
    re.IGNORECASE,
)
"""Contact details (telephone, fax, e-mail, address) of a company footer."""
_TEASER = re.compile(
    r"(?:\[(?:…|\.\.\.)\]|(?:read|continue|leia|leggi|читать)\s+\w*\s*[»›>→]?)\s*$", re.IGNORECASE
)
"""A teaser of another article: text cut with "[…]" or followed by "Read more"."""

_BYLINE = re.compile(
    r"^(?:(?:posted|written|reported|published|updated|compiled|edited)\s+)?(?:by|por|di|von|par|от)"
    r"\s+\S|^(?:author|autor|autore|auteur|reporter|기자)\s*:",
    re.IGNORECASE,
)
"""A byline: "By Jane Doe", "Posted by ...", "Por ...", "Author: ..."."""

_DATE_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATELIKE = re.compile(
    rf"\b(?:\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}|\d{{1,2}}[-./]\d{{1,2}}[-./]\d{{2,4}}"
    rf"|(?:{_DATE_WORDS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_DATE_WORDS})\b"
    rf"|\d{{1,2}}:\d{{2}}|\d+\s*(?:h|m|d|hrs?|mins?|hours?|minutes?|days?|weeks?)\s+ago)",
    re.IGNORECASE,
)


def word_total(text: str) -> int:
    """Words of a text; runs of Chinese or Japanese characters count one word per two."""
    words = len(_WORD.findall(text))
    if not text.isascii():
        cjk = len(_CJK.findall(text))
        if cjk:
            words += cjk // 2
    return words


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (full stop, question, colon, citation mark)."""
    return bool(_SENTENCE_END.search(text[-24:]))


_MARKS = (". ", ", ", "? ", "! ", "; ", "。", "，", "、", "！", "？")


def sentence_marks(text: str) -> int:
    """The number of sentence and clause marks (full stops, commas, ...) in the text."""
    count = sum(text.count(mark) for mark in _MARKS[:5])
    if not text.isascii():
        count += sum(text.count(mark) for mark in _MARKS[5:])
    return count + (1 if text[-1:] in ".!?" else 0)


@dataclass(slots=True)
class Features:
    """What a unit looks like: the measures the classifier combines."""

    words: int
    """Words in the unit."""
    marks: int
    """Sentence and clause marks (full stops, commas, question marks)."""
    sentence: bool
    """True when the unit ends like a sentence."""
    chrome: bool
    """True when a page-chrome phrase ("share", "subscribe", "most read") is in the unit."""
    image: bool
    """True when the unit holds an image or icon file name or placeholder."""
    link: bool
    """True when the unit holds a web address or e-mail address."""
    form: bool
    """True when the unit holds a form field drawn as text (`[     ]`)."""
    copyright: bool
    """True for a copyright or "all rights reserved" line."""
    rights: bool
    """True for the copyright line of a page's footer ("All rights reserved")."""
    prefixed: bool
    """True when the unit is introduced as a link or credit ("Related: ...", "Photo: ...")."""
    datelike: bool
    """True when the unit holds a date or a clock time."""
    byline: bool
    """True for a byline ("By Jane Doe", "Posted by ... on ...")."""
    section_end: bool
    """True for a heading of comments, related or popular lists that follow an article."""
    comment: bool
    """True for the header or footer of a reader's comment."""
    contact: bool
    """True when the unit gives contact details twice or more (a company footer)."""
    teaser: bool
    """True for a teaser of another article (cut with "[…]", "Read more")."""


def features(text: str) -> Features:
    """The features of one unit's text (costly patterns tried only where they can matter)."""
    words = word_total(text)
    tail = text[-40:]
    low = text.lower() if words <= 40 else ""
    copyright = (
        bool(low) and any(cue in low for cue in _COPYRIGHT_CUES) and bool(_COPYRIGHT.search(low))
    )
    return Features(
        words=words,
        marks=sentence_marks(text),
        sentence=ends_sentence(tail),
        chrome=words <= 12 and _chrome(low, words),
        image=("." in text or "[" in text) and bool(_IMAGE.search(text)),
        link=("/" in text or "@" in text or "www" in text) and bool(_URL.search(text)),
        form=("[" in text or "(" in text) and bool(_FORM.search(text)),
        copyright=copyright,
        rights=copyright and bool(_RIGHTS.search(low)),
        prefixed=bool(_CHROME_PREFIX.match(text)),
        datelike=words <= 12 and _DIGIT.search(text) is not None and bool(_DATELIKE.search(low)),
        byline=words <= 15 and bool(_BYLINE.match(text)),
        section_end=words <= 14 and bool(_SECTION_END.match(low)),
        comment=words <= 12 and bool(_COMMENT_HEAD.search(low[-24:])),
        contact=words < 120 and _contact(text),
        teaser=bool(_TEASER.search(tail)),
    )


def _chrome(low: str, words: int) -> bool:
    """True when a short unit (lower-cased) holds a chrome phrase or is a button's word."""
    tokens = _TOKEN.findall(low)
    if words <= 4 and 2 * sum(token in _CHROME_WORDS for token in tokens) >= len(tokens):
        return True
    if _TRIGGERS.isdisjoint([token[:5] for token in tokens]):
        return False
    return bool(_CHROME.search(low))


def _contact(text: str) -> bool:
    """True when the text gives contact details twice or more."""
    if "@" not in text and _DIGIT.search(text) is None:
        return False
    return len(_CONTACT.findall(text)) >= 2
