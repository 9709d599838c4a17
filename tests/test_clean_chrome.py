"""Chrome after and inside an article: footers, labelled dates and tags, comments, captions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brief.core.clean import contact, features
from brief.core.clean.chrome import BY_KEY, CHROME_WORDS
from brief.core.ingest import read_bytes
from brief.core.model import BlockKind, Format, Source

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the network of protected bicycle lanes across "
    "the old town, a plan that had been debated for more than three years by residents.",
    "Supporters said the lanes would make the narrow streets safer for children on their way to "
    "school, while opponents worried about deliveries and parking in the busiest streets.",
    "Work on the first stretch, along the river, is due to begin in the spring. The council said "
    "the whole network should be finished within two years if the budget allows it.",
    "The regional transport authority will pay for half of the work, and the city will borrow "
    "the rest over ten years, the mayor told reporters after the vote on Tuesday evening.",
]
HEAD = ["Skip to main content", "", "Home", "News", "Sport", "Business", "Weather", ""]
HEAD += ["Bicycle lanes to spread across the old town", "", "By Jane Example", ""]


def read(lines: list[str]) -> Source:
    """The source `brief show` reads from a dump made of these lines."""
    result = read_bytes("\n".join(lines).encode("utf-8"), Path("page.txt"))
    assert not isinstance(result, str), result
    return result[0]


def article() -> list[str]:
    """The page's head and the article's paragraphs, blank lines between."""
    lines = [*HEAD]
    for paragraph in PARAGRAPHS:
        lines += [paragraph, ""]
    return lines


def test_long_copyright_footer_and_what_follows_it_left_out() -> None:
    """A footer starting with a copyright sign ends the article, however long it is, and the
    notices after it are not in the body."""
    footer = (
        "©Example Media Group Limited in England No. 679215 Registered office: 1 Example Bridge "
        'Street, London, SE1 9GF. "The Example", "Example Online" are registered trademarks or '
        "trade names of Example Media Group Limited. This service is provided on Example Media "
        "Group's Standard Terms and Conditions in accordance with our Privacy Policy."
    )
    notice = (
        "Our journalists strive for accuracy but on occasion we make mistakes. For further details "
        "of our complaints policy and to make a complaint please click here."
    )
    source = read([*article(), "About Us", "Contact Us", "", footer, "", notice])
    assert source.blocks[-1].text == PARAGRAPHS[-1]
    assert "Registered office" not in source.body
    assert "strive for accuracy" not in source.body


def test_labelled_dates_credits_and_tags_after_the_article_left_out() -> None:
    """Lines such as "Published: ...", "Edited by: ..." and "Topics: ..." under an article are page
    furniture, even when they end with a full stop."""
    furniture = [
        "Published: Monday, November 18th, 2019 at 11:08 a.m.",
        "Researched by: Jim Example, Ann Example",
        "Edited by: Louis Example",
        "Topics: Transport, Cycling, City council",
    ]
    source = read([*article(), *furniture, "", "GET EXAMPLE NEWS ON THE GO BY CLICKING HERE"])
    assert [block.text for block in source.blocks] == PARAGRAPHS
    assert "Published" not in source.body


def test_blog_comments_left_out() -> None:
    """The comments under a blog post, headed "3 thoughts on ...", are not part of the post."""
    comments = ["3 thoughts on “Bicycle lanes to spread across the old town”", ""]
    for name in ("Gaye", "Tom", "Anita"):
        comments += [name, "", "August 8, 2018 at 3:17 pm", ""]
        comments += [
            "Thanks so much for writing this long article about the lanes, I have been waiting "
            "for them for years and I hope the council keeps its promise this time.",
            "",
            "Reply",
            "",
        ]
    source = read([*article(), *comments])
    assert source.blocks[-1].text == PARAGRAPHS[-1]
    assert "Thanks so much" not in source.body


def test_report_button_of_an_embedded_post_does_not_end_the_article() -> None:
    """A post embedded in the article, with its "Report" button, leaves the paragraphs after it
    in the body."""
    lines = [*HEAD, PARAGRAPHS[0], "", PARAGRAPHS[1], ""]
    lines += ["Image Copyright @example @example", "Report", ""]
    lines += [PARAGRAPHS[2], "", PARAGRAPHS[3], "", "Related Topics", "Cycling", "Transport"]
    source = read(lines)
    assert [block.text for block in source.blocks] == PARAGRAPHS


def test_labelled_caption_is_a_caption() -> None:
    """A line labelled "Image caption" inside the article is shown as a caption."""
    caption = "Image caption Cyclists ride along the river in the old town"
    lines = [*HEAD, PARAGRAPHS[0], "", PARAGRAPHS[1], "", caption, ""]
    lines += [PARAGRAPHS[2], "", PARAGRAPHS[3]]
    source = read(lines)
    kinds = {block.text: block.kind for block in source.blocks}
    assert kinds[caption] is BlockKind.CAPTION
    assert all(kinds[paragraph] is BlockKind.PARAGRAPH for paragraph in PARAGRAPHS)


def test_popular_articles_after_the_article_left_out() -> None:
    """A "Popular Articles" list after the article, headlines and kickers, is not in the body,
    nor is the prose of the page's footer after it."""
    lines = [*article(), "Popular Articles", ""]
    for number in range(8):
        lines += [f"KICKER {number}", f"Storm number {number} closes two bridges over the river"]
    lines += [
        "Mayor lives a billionaire's life on a small salary - so where does the cash come from?"
    ]
    lines += [
        "",
        "This feature allows Example to personalise your experience so that you get the most out "
        "of your visit. You can find out more about personalisation in our privacy policy here.",
    ]
    source = read(lines)
    assert source.blocks[-1].text == PARAGRAPHS[-1]
    assert "personalise" not in source.body


@pytest.mark.parametrize(
    "chrome",
    [
        "Sign up for our daily newsletter and get the best stories delivered to your inbox.",
        "Example Times Co., Ltd. | Registration No: 12345 | Publisher: John Doe | Editor: Jane Doe",
        "Reporter Kim Min-ji minji@example.co.kr",
        "Aller au contenu principal",
        "Saltar al contenido",
        "Ir para o conteúdo",
        "Vai al contenuto",
        "Zum Inhalt springen",
        "Перейти к содержанию",
        "Scroll to top",
    ],
)
def test_chrome_between_paragraphs_left_out(chrome: str) -> None:
    """Promotions, company footers, reporter e-mail lines and skip links in several languages
    are left out even between two paragraphs of the article."""
    lines = article()
    lines[-4:-4] = [chrome, ""]
    source = read(lines)
    assert [block.text for block in source.blocks] == PARAGRAPHS


def page_with_headline(before: list[str], after: list[str]) -> list[str]:
    """A page whose headline and byline sit between `before` and `after`, then the article."""
    lines = ["Skip to main content", "", "Home", "News", "Sport", "", *before]
    lines += ["Hiking the Boulder Flat Irons with a baby", "", "by Regan September 15, 2014", ""]
    lines += [*after]
    for paragraph in PARAGRAPHS:
        lines += [paragraph, ""]
    return lines


def test_headline_above_the_byline_is_the_title() -> None:
    """The line a byline follows is the headline, though the page repeats a share line and draws
    a photo credit nearer to the article."""
    lines = page_with_headline(
        ["Sharing is caring!", ""], ["Sharing is caring!", "", "Photo by Jane Doe/Getty Images", ""]
    )
    source = read(lines)
    assert source.title == "Hiking the Boulder Flat Irons with a baby"
    assert "Sharing is caring" not in source.body


def test_breadcrumbs_and_back_links_are_not_the_title() -> None:
    """A trail of links and a "Back to Gallery" link are chrome, never the title."""
    lines = page_with_headline([], ["Blog > Outdoors > Hiking", "", "Back to Gallery", ""])
    source = read(lines)
    assert source.title == "Hiking the Boulder Flat Irons with a baby"
    assert "Blog > Outdoors" not in source.body


def test_long_page_whose_menus_are_all_in_its_footer_is_cleaned() -> None:
    """A page with no chrome in its first hundreds of lines but a footer of menus is read as a
    page dump: the footer goes, the article stays."""
    lines = ["How to overcome binge eating", ""]
    paragraphs = [f"Tip {number}: {PARAGRAPHS[number % 4]}" for number in range(220)]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    lines += ["About Us", "Health Topics", "Contact Us", "Advertise With Us", "Newsletters"]
    lines += ["Careers", "Privacy Policy", "Terms of Use", "Cookie Settings", ""]
    lines += ["© 2019 Example Media. All rights reserved."]
    source = read(lines)
    assert source.format is Format.DUMP
    assert source.blocks[-1].text == paragraphs[-1]
    assert "Privacy Policy" not in source.body


def test_promotion_list_introduced_by_chrome_left_out() -> None:
    """A bulleted list that a subscription line introduces is a promotion, though its items read
    like sentences, after the article or in its middle."""
    promotion = ["Subscribe today and get:", ""]
    promotion += [
        "  • Unlimited access to every article on the site, on all your devices.",
        "  • A daily newsletter with the best stories, delivered to your inbox every morning.",
        "  • Ad-free reading and exclusive events for members only, cancel anytime.",
        "",
    ]
    after = read([*article(), *promotion, "About Us", "Privacy Policy", "Contact Us"])
    inside = article()
    inside[-4:-4] = promotion
    for source in (after, read(inside)):
        assert [block.text for block in source.blocks] == PARAGRAPHS


@given(st.from_regex(features._COPYRIGHT))
def test_every_copyright_line_holds_a_cue(text: str) -> None:
    """The cheap tests a unit passes before the copyright patterns are searched miss no line
    the patterns find (in any language): each such line holds one of the cues."""
    assert any(cue in text for cue in features._COPYRIGHT_CUES)


@given(st.from_regex(contact._COMPANY))
def test_every_company_line_holds_a_cue(text: str) -> None:
    """The cheap test a unit that is not ASCII passes before the company patterns are searched
    misses no line they find: each such line holds one of the cues."""
    assert any(cue in text for cue in contact._COMPANY_CUES)


_PIECES = sorted(
    {word for word in CHROME_WORDS if word.isascii() and word.isalpha()}
    | {key for key in BY_KEY if key.isascii() and key.isalpha()}
    | {"logo", "copyright", "rights", "cnpj", "company", "editor", "regist", "contact", "phone"}
    | {"telephone", "email", "address", "comments", "replies", "trending", "reply", "related"}
    | {"read", "more", "signin", "login", "subscribe", "newsletter", "sponsored", "by", "tags"}
    | {"mycopyright", "copyrights", "editorcnpjcnpj", "cnpjcnpj", "readmore", "logos", "ilogo"}
)
"""Words and parts of words the chrome patterns look for."""


def test_each_word_has_the_features_any_text_has() -> None:
    """A unit of one word of ASCII letters (most menu entries) is measured the short way, to the
    same features as any other text."""
    for piece in _PIECES:
        for word in (piece, piece.title(), piece.upper()):
            assert features.features(word) == features._features(word), word


@given(
    st.lists(
        st.sampled_from(_PIECES) | st.text("abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from([str, str.title, str.upper]),
)
def test_one_word_has_the_features_any_text_has(pieces: list[str], case: object) -> None:
    """Words made of the pieces the patterns look for, or of any letters, too."""
    word = case("".join(pieces))  # type: ignore[operator]
    assert features.features(word) == features._features(word)


_CONTACT_TEXT = st.lists(
    st.sampled_from(["tel", "telephone", "phone", "fax", "e-mail", "email", "mail", "address"])
    | st.sampled_from(["call us", "contact", "contacted", "+", "(", ")", "-", ".", "_", "é"])
    | st.text("xe -_+0123456789", min_size=1, max_size=4),
    max_size=12,
).map("".join)


@given(_CONTACT_TEXT)
def test_contact_patterns_find_what_their_plain_forms_find(text: str) -> None:
    """The contact label and telephone patterns, written to be tried only where their first
    character stands, find what the plain patterns find (`\\b...\\b`, `\\+?\\d...`)."""
    import re

    label = re.compile(r"\b(?:tel(?:ephone)?|phone|fax|e-?mail|address|call us|contact(?:ed)?)\b")
    phone = re.compile(r"\+?\d[\d\s().-]{7,}\d")
    assert contact._CONTACT_LABEL.findall(text) == label.findall(text)
    assert contact._PHONE.findall(text) == phone.findall(text)


@given(st.text("abcz -'.1é", max_size=30))
def test_chrome_keys_are_each_run_of_letters_first_three(text: str) -> None:
    """The keys of a lower-cased text's words, found as whole runs of letters, are the first
    three letters of each run (what the plain look-behind pattern finds)."""
    import re

    from brief.core.clean.chrome import _ASCII_KEY

    assert _ASCII_KEY.findall(text) == re.findall(r"(?<![a-z])[a-z]{1,3}", text)


@given(
    st.lists(st.sampled_from(_PIECES) | st.text("abcz -_'.1é", max_size=8), max_size=8).map(
        " ".join
    ),
    st.integers(min_value=1, max_value=12),
)
def test_chrome_phrases_searched_by_the_keys_of_the_words(text: str, words: int) -> None:
    """A short unit holds a chrome phrase (or is a button's word) exactly when the plain test
    finds it: its words' tokens counted, every phrase whose key it has searched for."""
    from brief.core.clean import chrome

    low = text.lower()
    tokens = chrome._TOKEN.findall(low)
    buttons = words <= 4 and 2 * sum(token in CHROME_WORDS for token in tokens) >= len(tokens)
    phrases = any(BY_KEY[key].search(low) for key in chrome._keys(low))
    assert chrome.is_chrome(low, words) == (buttons or phrases)


_BUTTON_PIECES = ["share", "e-mail", "print", "-", "_", "'", "_share", "'tweet", "top10", "9"]
"""Button words, and signs that make no token (or start one) on their own."""


@given(
    st.lists(
        st.sampled_from(_BUTTON_PIECES)
        | st.sampled_from(_PIECES)
        | st.text("abz -_'.,19:/", max_size=8),
        max_size=8,
    ).map(" ".join),
    st.integers(min_value=1, max_value=12),
)
def test_ascii_chrome_told_by_byte_tables_as_by_the_patterns(text: str, words: int) -> None:
    """An ASCII unit's tokens and runs of letters, told by byte tables, make it chrome exactly
    when the tokens and keys the patterns find do."""
    from brief.core.clean import chrome

    low = text.lower()
    assert chrome.is_chrome(low, words) == chrome._is_chrome_any(low, words)
