"""Contact details of a page's footer: telephone, fax, e-mail, address, company registration."""

from __future__ import annotations

import re
from typing import Final

from brief.core.clean.chars import holds_digit

_CONTACT_LABEL: Final = re.compile(
    r"(?:t(?<!\wt)el(?:ephone)?|p(?<!\wp)hone|f(?<!\wf)ax|e(?<!\we)-?mail|a(?<!\wa)ddress"
    r"|c(?<!\wc)all us|c(?<!\wc)ontact(?:ed)?)\b"
)
"""A contact label as a whole word: `\\b(?:tel(?:ephone)?|phone|...)\\b`, written with each
word's first letter before the test that no letter precedes it, so that the pattern is only
tried where one of those letters stands."""
_COMPANY: Final = re.compile(
    r"registration (?:no|number)|registered (?:office|in)|company (?:no|number|registration)"
    r"|vat (?:no|number|reg)|business registration|publisher\s*:|editor\s*:|editor-in-chief\s*:"
    r"|ceo\s*:"
    r"|co\.,? ltd|사업자|등록번호|발행인|편집인|대표이사|청소년보호책임자|cnpj|инн|огрн"
    r"|partita iva|p\.\s?iva"
)
"""What a company footer gives: its registration, publisher and editor."""
_COMPANY_CUES: Final = (
    "regist",
    "ltd",
    "publisher",
    "editor",
    "ceo",
    "vat ",
    "company",
    "cnpj",
    "iva",
    "инн",
    "огрн",
    "사업자",
    "등록번호",
    "발행인",
    "편집인",
    "대표이사",
    "청소년보호책임자",
)
"""Words of the company patterns, one in each: a text that is not ASCII is searched for the
patterns only when it holds one (an ASCII text only when it holds one written in English)."""
_PHONE: Final = re.compile(r"[+\d](?:(?<=\+)\d|(?<!\+))[\d\s().-]{7,}\d")
"""A telephone number: `\\+?\\d[\\d\\s().-]{7,}\\d`, written to start with the set of its first
characters (a plus sign followed by a digit, or a digit), so that the pattern is only tried
where one stands."""
_EMAIL_ADDRESS: Final = re.compile(r"\S+@\S+\.\w{2,}")
"""Contact details (telephone, fax, e-mail, address) of a company footer: labels, numbers and
e-mail addresses."""


def contact_details(text: str, low: str) -> bool:
    """True when the text gives contact details or a company's registration twice or more (one
    of them named or an e-mail address)."""
    has_at = "@" in low
    cued = (
        has_at
        or "tel" in low
        or "phone" in low
        or "fax" in low
        or "mail" in low
        or "address" in low
        or "call us" in low
        or "contact" in low
    )
    count = 0
    if (
        (
            "regist" in low
            or "ltd" in low
            or "publisher" in low
            or "editor" in low
            or "ceo" in low
            or "vat " in low
            or "company" in low
        )
        if low.isascii()
        else holds_any(low, _COMPANY_CUES)
    ) and _COMPANY.search(low) is not None:
        count = len(_COMPANY.findall(low))
        cued = True
    if not cued:
        return False
    count += len(_CONTACT_LABEL.findall(low))
    if count < 2 and has_at:
        count += len(_EMAIL_ADDRESS.findall(text))
    if count < 2 and holds_digit(text):
        count += len(_PHONE.findall(text))
    return count >= 2


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """True when the text holds any of these words (a loop: a generator costs more)."""
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False
