"""Each input form read by content: JSON and WordPress (with salvage), Markdown, feeds."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from brief.core.loader import load_paths
from brief.core.model import BlockKind, Format, Source
from tests.conftest import SEEDS


def read_one(tmp_path: Path, name: str, content: str | bytes) -> list[Source]:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    library = load_paths([path])
    assert not library.skipped, library.skipped
    return library.sources


WP_POST = {
    "id": 7,
    "date": "2023-05-02T10:00:00",
    "date_gmt": "2023-05-02T08:00:00",
    "modified": "2023-05-03T09:30:00",
    "modified_gmt": "2023-05-03T07:30:00",
    "link": "https://www.example-news.org/2023/05/a-post/",
    "title": {"rendered": "Ports &amp; harbours reopen"},
    "content": {
        "rendered": "<p>First paragraph about ports.</p>\n<h2>Background</h2>\n"
        "<p>Second &#8220;quoted&#8221; paragraph.</p><ul><li>One item</li></ul>"
        "<blockquote><p>A quote.</p></blockquote>"
    },
    "excerpt": {"rendered": "<p>Short.</p>"},
    "author": 3,
    "_embedded": {"author": [{"name": "Jane Roe"}]},
}


def test_wordpress_post(tmp_path: Path) -> None:
    [source] = read_one(tmp_path, "post.txt", json.dumps(WP_POST))
    assert source.format is Format.WORDPRESS
    assert source.title == "Ports & harbours reopen"
    assert source.author == "Jane Roe"
    assert source.outlet == "example-news.org"
    assert source.url == WP_POST["link"]
    assert source.published == datetime(2023, 5, 2, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    assert source.updated == datetime(2023, 5, 3, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    kinds = [(b.kind, b.text) for b in source.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, "First paragraph about ports."),
        (BlockKind.HEADING, "Background"),
        (BlockKind.PARAGRAPH, "Second “quoted” paragraph."),
        (BlockKind.LIST_ITEM, "One item"),
        (BlockKind.QUOTE, "A quote."),
    ]
    assert not source.warnings


def test_list_of_posts_and_json_lines(tmp_path: Path) -> None:
    second = dict(WP_POST, title={"rendered": "Second post"}, id=8)
    listed = read_one(tmp_path, "list.txt", json.dumps([WP_POST, second]))
    assert [s.title for s in listed] == ["Ports & harbours reopen", "Second post"]
    assert len({s.id for s in listed}) == 2
    lines = read_one(tmp_path, "lines.txt", json.dumps(WP_POST) + "\n" + json.dumps(second))
    assert [s.title for s in lines] == ["Ports & harbours reopen", "Second post"]


def test_generic_json_article_and_container(tmp_path: Path) -> None:
    article = {
        "headline": "Rates held",
        "articleBody": "The bank held rates.\n\nMarkets rose.",
        "datePublished": "2022-11-03",
        "author": {"name": "A. Writer"},
        "publisher": {"name": "The Ledger"},
    }
    [source] = read_one(tmp_path, "a.json", json.dumps(article))
    assert (source.title, source.author, source.outlet) == ("Rates held", "A. Writer", "The Ledger")
    assert source.published == date(2022, 11, 3)
    assert source.body == "The bank held rates.\n\nMarkets rose."
    container = {"status": "ok", "articles": [
        {"source": {"name": "Wire"}, "title": "One", "publishedAt": "2024-01-02T03:04:05Z",
         "content": "Body one."},
        {"source": {"name": "Wire"}, "title": "Two", "content": "Body two."},
    ]}  # fmt: skip
    sources = read_one(tmp_path, "news.json", json.dumps(container))
    assert [(s.title, s.outlet) for s in sources] == [("One", "Wire"), ("Two", "Wire")]
    assert sources[0].published == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert sources[1].published is None


def test_broken_json_is_salvaged_with_a_warning(tmp_path: Path) -> None:
    text = (
        '{"title":{"rendered":"Cut short"},"date":"2020-01-02T03:04:05",'
        '"content":{"rendered":"\nLine one \\u2019quoted\\u2019 <\\/span><\\/p>\\n'
        " Heading Here<\\/b><\\/p>\\n Last words of a cut"
    )
    [source] = read_one(tmp_path, "broken.txt", text)
    assert source.title == "Cut short"
    assert source.published == datetime(2020, 1, 2, 3, 4, 5)
    assert source.warnings and source.warnings[0].startswith("broken JSON repaired")
    assert [b.kind for b in source.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]
    assert "<" not in source.body and "\\" not in source.body
    assert source.blocks[0].text == "Line one ’quoted’"
    assert source.blocks[2].text == "Last words of a cut"


def test_seed_wordpress_json(seeds_library: object) -> None:
    library = load_paths([SEEDS / "001_ccf8e32df5cbf0f3.txt"])
    [source] = library.sources
    assert source.format is Format.WORDPRESS
    assert source.title == (
        "South Korea, Japan strengthen chip partnership with $120 million investment deal"
    )
    assert source.outlet == "koreapro.org"
    assert source.published is not None and source.published.isoformat() == (
        "2024-04-23T08:00:17+09:00"
    )
    # Its "modified" is before its date (a scheduled post): not an update.
    assert source.updated is None
    assert any("broken JSON repaired" in w for w in source.warnings)
    assert any(b.kind is BlockKind.HEADING and b.text == "Why It Matters" for b in source.blocks)
    assert "Ahn Duk-geun’s visit" in source.body
    assert "</span>" not in source.body and "<" not in source.body and "\\u" not in source.body
    assert source.body.rstrip().endswith("global semiconductor industry.")


def test_escapes_entities_and_control_characters(tmp_path: Path) -> None:
    post = {
        "title": "Esc \u001b[31mred\u001b[0m &amp;amp; more",
        "content": "<p>Smile \\ud83d\\ude00 &amp;#8217; \u001b]0;owned\u0007 [bold]not markup[/]</p>",
    }
    [source] = read_one(tmp_path, "e.json", json.dumps(post).replace("\\\\u", "\\u"))
    assert "\x1b" not in source.title and "\x1b" not in source.body and "\x07" not in source.body
    assert source.title == "Esc red & more"
    assert "😀" in source.body
    assert "’" in source.body
    assert "[bold]not markup[/]" in source.body


def test_markdown_front_matter_and_structure(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Grid plans"\ndate: 2024-03-05\nauthor: Kim Lee\n'
        "url: https://energy.example.com/grid\n---\n\n"
        "Intro with a [link](https://x.example) and **bold** text.\n\n## Details\n\n"
        "- first point\n- second point\n\n> quoted line\n> continues\n\nEnd.\n"
    )
    [source] = read_one(tmp_path, "notes.txt", text)
    assert source.format is Format.MARKDOWN
    assert (source.title, source.author, source.outlet) == (
        "Grid plans",
        "Kim Lee",
        "energy.example.com",
    )
    assert source.published == date(2024, 3, 5)
    assert [(b.kind, b.text) for b in source.blocks] == [
        (BlockKind.PARAGRAPH, "Intro with a link and bold text."),
        (BlockKind.HEADING, "Details"),
        (BlockKind.LIST_ITEM, "first point"),
        (BlockKind.LIST_ITEM, "second point"),
        (BlockKind.QUOTE, "quoted line continues"),
        (BlockKind.PARAGRAPH, "End."),
    ]


def test_markdown_heading_title(tmp_path: Path) -> None:
    [source] = read_one(tmp_path, "m.txt", "# The Title\n\nSome *text* here.\n\n## Sub\n\nMore.\n")
    assert source.title == "The Title"
    assert source.body.startswith("Some text here.")


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example</link>
<item><title>Cranes arrive</title><link>https://gazette.example/cranes</link>
<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate><author>ed@example.com (Ed)</author>
<description>&lt;p&gt;Two cranes arrived.&lt;/p&gt;&lt;p&gt;More soon.&lt;/p&gt;</description></item>
<item><title>Dock strike ends</title><link>https://gazette.example/strike</link>
<description>Workers return.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomic Times</title>
<entry><title>Fusion milestone</title><link href="https://atomic.example/f"/>
<published>2021-07-01T12:00:00+02:00</published><updated>2021-07-02T08:00:00+02:00</updated>
<author><name>R. Feynwoman</name></author>
<content type="html">&lt;p&gt;Plasma held.&lt;/p&gt;</content></entry></feed>"""


def test_rss_items_become_sources(tmp_path: Path) -> None:
    sources = read_one(tmp_path, "feed.txt", RSS)
    assert [s.title for s in sources] == ["Cranes arrive", "Dock strike ends"]
    assert all(s.format is Format.FEED and s.outlet == "Harbour Gazette" for s in sources)
    assert sources[0].published == datetime(2003, 6, 10, 4, 0, tzinfo=UTC)
    assert sources[0].body == "Two cranes arrived.\n\nMore soon."
    assert sources[1].published is None


def test_atom_feed(tmp_path: Path) -> None:
    [source] = read_one(tmp_path, "atom.txt", ATOM)
    assert (source.title, source.author, source.outlet) == (
        "Fusion milestone",
        "R. Feynwoman",
        "Atomic Times",
    )
    assert source.published == datetime(2021, 7, 1, 12, tzinfo=timezone(timedelta(hours=2)))
    assert source.updated == datetime(2021, 7, 2, 8, tzinfo=timezone(timedelta(hours=2)))
    assert source.url == "https://atomic.example/f"
    assert source.body == "Plasma held."


def test_form_is_detected_by_content_not_extension(tmp_path: Path) -> None:
    [as_json] = read_one(tmp_path, "looks.md", json.dumps({"title": "T", "content": "Body."}))
    assert as_json.format is Format.JSON
    [as_html] = read_one(
        tmp_path, "page.json", "<!doctype html><html><head><title>Page</title></head>"
        "<body><article><p>" + "Words in a paragraph of the page. " * 20 + "</p></article></body></html>"
    )  # fmt: skip
    assert as_html.format is Format.HTML


def test_ids_are_stable_and_content_derived(tmp_path: Path) -> None:
    first = load_paths([SEEDS]).sources
    again = load_paths([SEEDS]).sources
    assert [s.id for s in first] == [s.id for s in again]
    copy = tmp_path / "renamed.data"
    copy.write_bytes((SEEDS / "000_2b11970a2131a85b.txt").read_bytes())
    [moved] = load_paths([copy]).sources
    assert moved.id in {s.id for s in first}
