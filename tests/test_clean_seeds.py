"""The seeds read clean: chrome gone, the article's paragraphs kept, metadata recovered."""

from __future__ import annotations

from datetime import datetime

import pytest

from brief.core.model import BlockKind, Format, Library
from tests.conftest import seed_source


def test_seed_forms(seeds_library: Library) -> None:
    """Seeds 000 and 003 are plain text, 002 and 004 text dumps."""
    assert seed_source(seeds_library, "000").format is Format.TEXT
    assert seed_source(seeds_library, "003").format is Format.TEXT
    assert seed_source(seeds_library, "002").format is Format.DUMP
    assert seed_source(seeds_library, "004").format is Format.DUMP


@pytest.mark.parametrize(
    "gone",
    [
        "amn_bl.png",
        "bt_fb_on_2022.svg",
        "Top 10 Stories",
        "Print Preview",
        "Font Size Up",
        "Close for 24 hours",
        "Emailbaekby@koreatimes.co.kr",
        "CEO & Publisher",
        "All rights reserved",
        "Politics",
        "Login",
        "Tesla, BYD's price cuts unnerve LGES",
        "Turkey-Syria earthquake",
        "Tue, March 28, 2023",
        "Posted : 2021-02-27",
        "By Baek Byung-yeul",
    ],
)
def test_seed_004_chrome_gone(seeds_library: Library, gone: str) -> None:
    """Menus, image names, share buttons, most-read lists and the footer are not in the body."""
    assert gone not in seed_source(seeds_library, "004").body


def test_seed_004_article_kept(seeds_library: Library) -> None:
    """The body starts at the article, keeps every paragraph and its subheading, in order."""
    source = seed_source(seeds_library, "004")
    first = "The COVID-19 pandemic has posed challenges to the supply of goods around the world"
    assert source.blocks[0].text.startswith(first)
    last = "system semiconductors, bio-health and future cars."
    assert source.blocks[-1].text.endswith(last)
    heading = "Nurturing future cars, biotech, system chips"
    assert any(b.kind is BlockKind.HEADING and b.text == heading for b in source.blocks)
    quote = '"An industry can enhance its capability and achieve innovation'
    assert any(b.text.startswith(quote) for b in source.blocks)
    texts = [b.text for b in source.blocks]
    assert texts.index(heading) > 5
    assert len([b for b in source.blocks if b.kind is BlockKind.PARAGRAPH]) >= 21


def test_seed_004_caption_once(seeds_library: Library) -> None:
    """The photo caption the dump repeats three times shows once, as a caption, where it first
    appears in the article (its date is wanted by the timeline)."""
    source = seed_source(seeds_library, "004")
    caption = "Industry Minister Sung Yun-mo, third from left, poses with provincial governors"
    copies = [b for b in source.blocks if b.text.startswith(caption)]
    assert len(copies) == 1
    assert copies[0].kind is BlockKind.CAPTION
    assert "Feb. 23" in copies[0].text
    texts = [b.text for b in source.blocks]
    quote = '"An industry can enhance its capability and achieve innovation'
    assert (
        texts.index(copies[0].text)
        == next(i for i, t in enumerate(texts) if t.startswith(quote)) + 1
    )


def test_seed_004_credit_caption(seeds_library: Library) -> None:
    """A line ending in a photo credit ("Courtesy of ...") is a caption, not a paragraph."""
    source = seed_source(seeds_library, "004")
    credited = [b for b in source.blocks if b.text.endswith("Courtesy of Gyeonggi Province")]
    assert [b.kind for b in credited] == [BlockKind.CAPTION]
    assert all(b.kind is not BlockKind.CAPTION for b in source.blocks if "Courtesy" not in b.text
               and not b.text.startswith("Industry Minister Sung Yun-mo, third"))  # fmt: skip


def test_seed_004_metadata(seeds_library: Library) -> None:
    """Title, author, outlet and dates come from the chrome; the page's clock is not a date."""
    source = seed_source(seeds_library, "004")
    assert (
        source.title == "Gov't ups efforts to nurture local materials, parts, equipment industries"
    )
    assert source.author == "Baek Byung-yeul"
    assert source.outlet == "The Korea Times"
    assert source.published == datetime(2021, 2, 27, 9, 32)
    assert source.updated == datetime(2021, 2, 28, 11, 41)
    assert source.title not in source.body


def test_seed_002_clean(seeds_library: Library) -> None:
    """Skip links and buttons gone; the headline-plus-caption line is not a paragraph."""
    source = seed_source(seeds_library, "002")
    for gone in ("본문 바로가기", "bar_progress", "Text Size", "Special Coverage",
                 "Join us on social!", "All rights reserved", "Photo by Hyunmin Kim"):  # fmt: skip
        assert gone not in source.body
    assert source.blocks[0].text.startswith("The government, the National Assembly")
    assert source.blocks[-1].text.startswith("Semiconductor exports decreased by 44.5%")
    assert len(source.blocks) == 6
    assert all(not b.text.startswith("'Export Strategy'") for b in source.blocks)


def test_seed_002_metadata(seeds_library: Library) -> None:
    """The headline is the title, the outlet comes from the copyright line, no date is guessed."""
    source = seed_source(seeds_library, "002")
    assert source.title.startswith("'Export Strategy' Min-Dang-Jeong... \"Semiconductor Packaging")
    assert source.title.endswith('530 Billion KRW Policy Financing Support"')
    assert source.outlet == "The Asia Business Daily"
    assert source.published is None
    assert source.updated is None


def test_seed_000_title_line(seeds_library: Library) -> None:
    """The first line of seed 000 is its title, and every paragraph stays."""
    source = seed_source(seeds_library, "000")
    assert source.title.startswith("Chip exports fell for 6 months in a row")
    assert not source.body.startswith("Chip exports fell")
    assert source.blocks[0].text.startswith("South Korea is one of the largest")
    assert source.blocks[-1].text.endswith("the chip industry is the most important of them.")
    assert len(source.blocks) == 7
    assert source.published is None


def test_seed_003_derived_title(seeds_library: Library) -> None:
    """Seed 003's first line is a sentence: the title is derived and the line stays."""
    source = seed_source(seeds_library, "003")
    assert source.title.startswith("South Korea is finalizing plans to establish")
    assert len(source.title) <= 90
    assert source.blocks[0].text.startswith("South Korea is finalizing plans")
    assert source.blocks[0].text.endswith("[1].")
    assert len(source.blocks) == 8
    assert "[2]" in source.body


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seed_raw_lines(seeds_library: Library, prefix: str) -> None:
    """Every line of the source is in `raw`; removed lines carry a reason."""
    source = seed_source(seeds_library, prefix)
    text = source.path.read_text(encoding="utf-8")
    assert [line.text for line in source.raw] == text.split("\n")
    assert all(line.reason for line in source.raw if not line.kept and line.text.strip())
    kept = " ".join(line.text.strip() for line in source.raw if line.kept and line.text.strip())
    for block in source.blocks:
        assert block.text.split()[0] in kept


def test_seed_004_raw_reasons(seeds_library: Library) -> None:
    """Removed lines say why: image names, metadata, the title, repeated captions."""
    source = seed_source(seeds_library, "004")
    reasons = {" ".join(line.text.split()): line.reason for line in source.raw if not line.kept}
    assert reasons["amn_bl.png"] == "image name"
    assert reasons["Posted : 2021-02-27 09:32"] == "metadata"
    assert reasons["Gov't ups efforts to nurture local materials, parts, equipment industries"] == (
        "title"
    )
    assert any(r == "repeated caption" for r in reasons.values())
