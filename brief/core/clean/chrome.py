"""Page-chrome vocabulary: phrases and button words of navigation, sharing and footers."""

from __future__ import annotations

import re
from typing import Final

# Generic page-chrome phrases (no site names): navigation, sharing, accounts, promotion,
# footers; in English, Portuguese, Spanish, Italian, French, German, Russian and Korean.
# They count in a unit of at most a dozen words.
_CHROME_PHRASES: Final = [
    # navigation and skip links
    r"skip to",
    r"jump to",
    r"back to top",
    r"scroll to top",
    r"skip navigation",
    r"go to top",
    r"main menu",
    r"all menu",
    r"toggle navigation",
    r"previous (?:article|post|story)",
    r"next (?:article|post|story)",
    r"see all",
    r"view all",
    r"browse all",
    r"you are here",
    r"back to (?:gallery|overview|list|index|home|homepage|blog|news|results|search|article)",
    r"zurück zu(?:r|m)? (?:übersicht|startseite|liste)",
    r"(?:chevron|arrow|keyboard_arrow|navigate)_(?:left|right|up|down|back|forward|before|next)",
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
    r"click(?:ing)? here",
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
    r"sharing is caring",
    r"follow us",
    r"join us",
    r"like us on",
    r"on social",
    r"leave a (?:reply|comment)",
    r"post a comment",
    r"\d+ comments?",
    # accounts and subscriptions
    r"sign(?:ed)? in",
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
    r"(?:aller|passer) au contenu",
    r"(?:saltar|ir) al contenido",
    r"(?:ir|pular) para o conte[úu]do",
    r"(?:vai|salta) al contenuto",
    r"zum inhalt",
    r"naar (?:de )?inhoud",
    # Russian
    r"перейти к (?:содержанию|основному)",
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
_COMMON: Final = frozenset(
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
CHROME_WORDS: Final = frozenset(
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


_TOKEN: Final = re.compile(r"[^\W_][\w'-]*")
_LETTERS: Final = re.compile(r"[^\W\d_]+")


def _key(word: str) -> str:
    """The lookup key of a word: its first three letters (two in scripts without spaces
    between a word and its endings, such as Korean)."""
    return word[:3] if word.isascii() else word[:2]


def _phrases_by_key() -> dict[str, re.Pattern[str]]:
    """For each word key, one pattern of the chrome phrases that contain a word with that key."""
    grouped: dict[str, list[str]] = {}
    for phrase in _CHROME_PHRASES:
        keys = {_key(word) for word in _LETTERS.findall(phrase) if len(word) >= 2}
        keys -= {_key(word) for word in _COMMON}
        for key in keys or {_key(word) for word in _LETTERS.findall(phrase)}:
            grouped.setdefault(key, []).append(phrase)
    return {key: re.compile("|".join(f"(?:{p})" for p in group)) for key, group in grouped.items()}


BY_KEY: Final = _phrases_by_key()
"""Chrome phrases grouped by the keys of their words: a unit is searched only for the phrases
whose words it has, instead of for all of them."""
_KEYS: Final = frozenset(BY_KEY)
"""The keys that have phrases."""


_ASCII_KEY: Final = re.compile(r"([a-z]{1,3})[a-z]*")
"""The key of each run of letters of a lower-cased ASCII text (its first three letters, the
group; the match takes the whole run, so the next one starts a run)."""


def _keys(low: str) -> frozenset[str]:
    """The keys of a lower-cased text's words that have chrome phrases."""
    if low.isascii():
        return _KEYS.intersection(_ASCII_KEY.findall(low))
    # `_key` of each word, written out (a call per word costs as much as the rest).
    words = _LETTERS.findall(low)
    return _KEYS.intersection([word[:3] if word.isascii() else word[:2] for word in words])


_TOKEN_BYTES: Final = bytes(
    byte if chr(byte).isalnum() or chr(byte) in "_'-" else 32 for byte in range(128)
) + bytes([32] * 128)
"""A table turning every byte but those of a `_TOKEN` (ASCII letters, digits, `_`, `'`, `-`) into
a space: an ASCII text's tokens are then its pieces between spaces, each from its first letter
or digit on."""
_TOKEN_SIGNS: Final = frozenset(b"_'-")
"""The bytes of a token that cannot start one."""
_RUN_BYTES: Final = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))
"""A table turning every byte but the ASCII small letters into a space: what `_ASCII_KEY` finds
is then the first three bytes of each piece between spaces."""
_ASCII_BY_KEY: Final = {key.encode(): pattern for key, pattern in BY_KEY.items() if key.isascii()}
"""`BY_KEY`'s ASCII keys, as bytes."""
_ASCII_CHROME_WORDS: Final = frozenset(word.encode() for word in CHROME_WORDS if word.isascii())
"""`CHROME_WORDS` written in ASCII, as bytes."""


def is_chrome(low: str, words: int) -> bool:
    """True when a short unit (lower-cased) holds a chrome phrase or is a button's word."""
    if not low.isascii():
        return _is_chrome_any(low, words)
    # `_is_chrome_any` of an ASCII text (most units), written out with byte tables: one
    # translation finds the tokens, another the runs of letters whose keys have phrases.
    data = low.encode()
    if words <= 4:
        count = hits = 0
        for token in data.translate(_TOKEN_BYTES).split():
            if token[0] in _TOKEN_SIGNS:
                token = token.lstrip(b"_'-")
                if not token:
                    continue
            count += 1
            if token in _ASCII_CHROME_WORDS:
                hits += 1
        if 2 * hits >= count:
            return True
    by_key = _ASCII_BY_KEY
    # A key met twice is searched for twice (rare; the answer is the same).
    for run in data.translate(_RUN_BYTES).split():
        pattern = by_key.get(run[:3])
        if pattern is not None and pattern.search(low) is not None:
            return True
    return False


def _is_chrome_any(low: str, words: int) -> bool:
    """`is_chrome` of any text: its tokens (`_TOKEN`) counted among the button words, and every
    phrase whose key its words have searched for."""
    if words <= 4:
        tokens = _TOKEN.findall(low)
        if 2 * sum([1 for token in tokens if token in CHROME_WORDS]) >= len(tokens):
            return True
    by_key = BY_KEY
    # A loop, not `any` over a generator: this runs for many units of every page.
    for key in _keys(low):  # noqa: SIM110
        if by_key[key].search(low) is not None:
            return True
    return False


def chrome_phrases(low: str) -> set[str]:
    """The distinct chrome phrases a unit (lower-cased) holds."""
    found: set[str] = set()
    for key in _keys(low):
        found.update(BY_KEY[key].findall(low))
    return found
