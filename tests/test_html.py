"""Tests of the HTML page reader on small pages built here."""

from __future__ import annotations

import socket
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from brief.core.ingest import read_bytes
from brief.core.ingest.html import read
from brief.core.ingest.html_dates import when
from brief.core.ingest.html_meta import clean_title
from brief.core.model import BlockKind, Format, Source

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the night bus network across the river, "
    "after a year of complaints from shift workers who said the last buses left too early.",
    "Officials said the new routes would start in spring and cost less than expected, because "
    "the buses would be leased from a neighbouring region that no longer needs them at night.",
    "Residents who spoke at the meeting welcomed the plan but asked for more stops near the "
    "hospital, where many of the night staff live and where taxis are hard to find after ten.",
    "The council will publish a timetable next month and invite comments before the routes "
    "are fixed, the transport committee's chair told reporters outside the town hall.",
]

NAV = """
<header><nav class="main-nav"><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
</ul></nav></header>
"""

FOOTER = """
<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/contact">Contact</a></li></ul><p>Copyright 2024 The Daily Example</p></footer>
"""


def article_page(head: str = "", byline: str = "", extra_body: str = "", lang: str = "en") -> str:
    """A news page with navigation, share buttons, a footer and the article in between."""
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>Night buses to cross the river | The Daily Example</title>
{head}
<script>var tracking = "SECRET_SCRIPT_TEXT";</script>
<style>.x {{ color: red; }} /* STYLE_TEXT */</style>
</head><body>
{NAV}
<main><article>
<h1>Night buses to cross the river</h1>
{byline}
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
{paragraphs}
{extra_body}
</article></main>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Another story entirely</a></li>
<li><a href="/b">Yet another story here</a></li></ul></aside>
{FOOTER}
</body></html>"""


META = """
<meta property="og:title" content="Night buses to cross the river | The Daily Example">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://www.dailyexample.com/news/night-buses">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<meta property="article:modified_time" content="2024-03-06T11:00:00+01:00">
"""

JSON_LD = """
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Night buses to cross the river",
 "datePublished": "2024-03-05T09:30:00+01:00", "dateModified": "2024-03-06T11:00:00+01:00",
 "author": {"@type": "Person", "name": "Jane Doe"},
 "publisher": {"@type": "Organization", "name": "The Daily Example"}}
</script>
"""


def one(html: str, name: str = "page.html") -> Source:
    """The single source read from an HTML page through the loader."""
    result = read_bytes(html.encode("utf-8"), Path(name))
    assert not isinstance(result, str), result
    assert len(result) == 1
    return result[0]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_article_body_without_boilerplate() -> None:
    source = one(article_page(META + JSON_LD, '<p class="byline">By Jane Doe</p>'))
    assert source.format is Format.HTML
    body = source.body
    for text in PARAGRAPHS:
        assert text in body
    for junk in ("Home", "Privacy policy", "Share on Facebook", "Most read", "Copyright 2024"):
        assert junk not in body
    assert "SECRET_SCRIPT_TEXT" not in body and "STYLE_TEXT" not in body
    assert not source.body.startswith("Night buses")  # headline is metadata, not body
    assert "By Jane Doe" not in body
    assert all(block.kind is BlockKind.PARAGRAPH for block in source.blocks)


def test_metadata_from_meta_and_json_ld() -> None:
    source = one(article_page(META + JSON_LD))
    assert source.title == "Night buses to cross the river"
    assert source.outlet == "The Daily Example"
    assert source.author == "Jane Doe"
    assert source.url == "https://www.dailyexample.com/news/night-buses"
    assert source.language == "en"
    assert source.published == datetime(2024, 3, 5, 9, 30, tzinfo=_tz(1))
    assert source.updated == datetime(2024, 3, 6, 11, 0, tzinfo=_tz(1))


def _tz(hours: int) -> timezone:
    """A fixed-offset time zone."""
    return timezone(timedelta(hours=hours))


def test_json_ld_only_dates_and_names() -> None:
    source = one(article_page(JSON_LD))
    assert source.published is not None and source.published.isoformat().startswith("2024-03-05")
    assert source.author == "Jane Doe"
    assert source.outlet == "The Daily Example"
    assert source.title == "Night buses to cross the river"


def test_time_element_date() -> None:
    byline = '<p>Published <time class="published" datetime="2023-11-02">2 November</time></p>'
    source = one(article_page(byline=byline))
    assert source.published == date(2023, 11, 2)


def test_zone_names_in_dates() -> None:
    today = date(2026, 1, 1)
    assert when("2020-05-06 10:07:01 CEST", today) == datetime(2020, 5, 6, 10, 7, 1, tzinfo=_tz(2))
    assert when("2024-03-05 10:00 WIB", today) == datetime(2024, 3, 5, 10, 0, tzinfo=_tz(7))
    assert when("2024-03-05T10:00:00Z", today) == datetime(2024, 3, 5, 10, 0, tzinfo=_tz(0))


def test_page_without_dates_stays_undated() -> None:
    source = one(article_page())
    assert source.published is None
    assert source.updated is None
    assert source.outlet is None or "example" in source.outlet.lower()


def test_copyright_year_is_not_a_date() -> None:
    source = one(article_page(extra_body="<p>© 2019 Example Media. All rights reserved.</p>"))
    assert source.published is None


def test_headings_lists_and_quotes() -> None:
    extra = (
        "<h2>What changes for riders</h2>"
        "<ul><li>Three new routes cross the river every night of the week</li>"
        "<li>Buses run every twenty minutes until five in the morning</li></ul>"
        "<blockquote><p>We have waited years for buses that run when we finish work at night, "
        "said one nurse at the meeting.</p></blockquote>"
        "<p>The plan will be reviewed after a year of service, the council said in a statement "
        "that also promised more shelters at the busiest stops along the new routes.</p>"
    )
    source = one(article_page(META, extra_body=extra))
    kinds = {block.text: block.kind for block in source.blocks}
    assert kinds.get("What changes for riders") is BlockKind.HEADING
    assert (
        kinds.get("Three new routes cross the river every night of the week") is BlockKind.LIST_ITEM
    )
    quotes = [block for block in source.blocks if block.kind is BlockKind.QUOTE]
    assert quotes and quotes[0].text.startswith("We have waited years")


def test_non_english_page() -> None:
    text = (
        "Le conseil municipal a voté mardi pour étendre le réseau de bus de nuit de l'autre "
        "côté du fleuve, après une année de plaintes des travailleurs de nuit."
    )
    html = f"""<html lang="fr-FR"><head><title>Bus de nuit - Le Quotidien</title>
    <meta property="og:site_name" content="Le Quotidien"></head><body>
    <nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
    <article><h1>Bus de nuit</h1><p>{text}</p><p>{text} Les habitants ont salué le projet
    mais demandent plus d'arrêts près de l'hôpital, où vivent beaucoup d'infirmières.</p>
    </article></body></html>"""
    source = one(html)
    assert source.language == "fr"
    assert source.title == "Bus de nuit"
    assert source.outlet == "Le Quotidien"
    assert "Le conseil municipal" in source.body
    assert "Accueil" not in source.body


def test_malformed_html() -> None:
    html = (
        "<html><head><title>Broken page</title><body><div><p>"
        + PARAGRAPHS[0]
        + "<p>"
        + PARAGRAPHS[1]
        + "</div></span><table><tr><td>"
        + PARAGRAPHS[2]
        + "<p><b><i>"
        + PARAGRAPHS[3]
        + "</b>"
    )
    source = one(html)
    assert source.title == "Broken page"
    assert PARAGRAPHS[0][:60] in source.body


def test_page_with_no_article_keeps_title_and_warns() -> None:
    html = (
        "<html><head><title>Login | Example Portal</title></head><body>"
        '<nav><a href="/">Home</a></nav><form><input name="user"><button>Sign in</button>'
        "</form></body></html>"
    )
    result = read(html, Path("login.html"))
    assert len(result) == 1
    source = result[0]
    assert source.blocks == []
    assert source.title.startswith("Login")
    assert any("no article" in warning for warning in source.warnings)


def test_empty_and_tag_only_pages_do_not_raise() -> None:
    for html in ("<html></html>", "<html><body></body></html>", "<p></p>" * 3, "<<<>>>"):
        result = read(html, Path("empty.html"))
        assert len(result) == 1


def test_page_declaring_its_encoding_in_an_xml_prolog_is_read() -> None:
    # lxml refuses a str that declares an encoding: the page is parsed from its bytes instead.
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + article_page(META)
    [source] = read(page, Path("page.xhtml"))
    assert PARAGRAPHS[0] in source.body
    assert "not a readable HTML page" not in source.warnings


def test_text_that_is_not_a_page_is_not_read_as_one() -> None:
    [source] = read("just a line of words, no markup at all", Path("notes.html"))
    assert source.blocks == []
    assert "not a readable HTML page" in source.warnings
    assert [line.text for line in source.raw] == ["just a line of words, no markup at all"]


def test_raw_lines_mark_kept_and_removed() -> None:
    source = one(article_page(META))
    kept = [line.text for line in source.raw if line.kept]
    removed = {line.text: line.reason for line in source.raw if not line.kept}
    assert any(PARAGRAPHS[0] == text for text in kept)
    assert "Home" in removed and removed["Home"] == "menu"
    assert removed.get("Privacy policy") == "footer"
    assert all("SECRET_SCRIPT_TEXT" not in line.text for line in source.raw)
    assert all(line.reason for line in source.raw if not line.kept)


def test_big_page_is_read() -> None:
    filler = "".join(f"<div class='promo'><a href='/x{i}'>Link {i}</a></div>" for i in range(3000))
    source = one(article_page(META, extra_body="").replace("<main>", filler + "<main>"))
    assert PARAGRAPHS[1] in source.body


def test_clean_title_removes_site_name_only() -> None:
    assert clean_title("Seoul rain | The Korea Times", None, "https://koreatimes.co.kr/a") == (
        "Seoul rain"
    )
    assert clean_title("The Guardian view on Hong Kong | Editorial", "The Guardian", None) == (
        "The Guardian view on Hong Kong | Editorial"
    )
    assert clean_title("Example News - Markets fall again", "Example News", None) == (
        "Markets fall again"
    )


def test_declared_charset_is_honoured() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>'
    late = "<!-- " + "x" * 5000 + " -->" + html
    for page in (html, late):
        result = read_bytes(page.encode("windows-1251"), Path("page.html"))
        assert not isinstance(result, str)
        [source] = result
        assert any("Привет, мир" in line.text for line in source.raw)
        assert any("cp1251" in warning for warning in source.warnings)


@pytest.mark.parametrize(
    "byline",
    [
        '<span class="author-name">Ann Lee</span>',
        '<div class="post-AuthorName">Ann Lee</div>',
        '<p id="main-Author">Ann Lee</p>',
        '<div class="meta"><a rel="author" href="/a">Ann Lee</a></div>',
        '<span class="article-Byline">Ann Lee</span>',
        '<h4 class="journalist-name x">Ann Lee</h4>',
        '<div class="comments-list"><span class="author">Bo Reader</span></div>'
        '<span class="writer">Ann Lee</span>',
        '<div class="article-share"><span class="author-name">Share it</span></div>',
        '<div id="commentlist"><span class="byline">Bo Reader</span></div>',
        '<figure><span class="author">Photo Desk</span></figure><p class="byline">Ann Lee</p>',
        '<span class="authority">Ann Lee <time>May 2</time> staff</span>',
        '<p class="intro">No byline here</p>',
        '<span class="author">Ann<span class="date">May 2</span>Lee</span>',
        '<div class="sidebar"><p class="byline">Bo Reader</p></div><div id="Author">Ann Lee</div>',
        '<time><span class="author">Bo Reader</span></time><span class="byline">Ann Lee</span>',
        '<div class="author"><div class="quote">Ann</div></div><p class="writer">Ann Lee</p>',
    ],
)
def test_byline_from_page_elements_is_trafilaturas(byline: str) -> None:
    """The byline found in the page's elements is the one trafilatura's own function finds."""
    from trafilatura.metadata import extract_author

    from brief.core.ingest.html import _parse
    from brief.core.ingest.html_byline import page_author

    tree = _parse(f"<html><body><article>{byline}<p>{PARAGRAPHS[0]}</p></article></body></html>")
    assert tree is not None
    assert page_author(tree) == extract_author(tree)


def test_page_lines_one_per_block_with_context_and_link_share() -> None:
    """Each block element gives one line, its white space squashed; a line inside a menu,
    footer or hinted element carries that reason; the share of linked text is kept."""
    from brief.core.ingest.html import _parse
    from brief.core.ingest.html_raw import page_lines

    tree = _parse(
        "<html><body>\n  <div role='Navigation'>\n <a href='/'>Home</a> <a href='/w'>World</a></div>"
        "<p>  First\u00a0 <b>bold</b>\n<i>words</i> here<br>  after\tthe break </p>"
        "<div class='social_share'><span>Share this</span></div>"
        "<footer><p>Copyright</p></footer>"
        "<div><a href='/more'>Read more</a> now</div>"
        "<script>hidden()</script><p>\u2028 </p></body></html>"
    )
    assert tree is not None
    assert page_lines(tree) == [
        ("Home World", "menu", 0.9),
        ("First bold words here", "", 0.0),
        ("after the break", "", 0.0),
        ("Share this", "share buttons", 0.0),
        ("Copyright", "footer", 0.0),
        ("Read more now", "", 9 / 13),
    ]
