"""Plain-text articles: title line, wrapped lines, lists, bylines; nothing of the article lost."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from brief.core.model import BlockKind, Format, Source
from tests.conftest import read_single

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the network of protected bicycle lanes across "
    "the old town, a plan debated for more than three years.",
    "Supporters said the lanes would make the narrow streets safer for children on their way to "
    "school, while opponents worried about deliveries and parking.",
    "Work on the first stretch, along the river, is due to begin in the spring [1].",
]


def read(text: str) -> Source:
    """The single source read from a text, as `brief show` reads it."""
    return read_single(text, "article.txt")


def test_title_line_taken() -> None:
    """A first line that reads as a title becomes the title and leaves the body."""
    source = read("Council backs bicycle lanes\n\n" + "\n\n".join(PARAGRAPHS))
    assert source.format is Format.TEXT
    assert source.title == "Council backs bicycle lanes"
    assert [b.text for b in source.blocks] == PARAGRAPHS


def test_sentence_first_line_stays() -> None:
    """A first line that is a sentence stays in the body; the title is derived from it."""
    source = read("\n\n".join(PARAGRAPHS))
    assert [b.text for b in source.blocks] == PARAGRAPHS
    assert source.title.startswith("The city council voted on Tuesday")
    assert len(source.title) <= 90


def test_hard_wrapped_text_joined() -> None:
    """Paragraphs wrapped at a fixed width are joined back; nothing is lost."""
    long = [p + " " + p for p in PARAGRAPHS]
    text = "Council backs bicycle lanes\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in long)
    source = read(text)
    assert [b.text for b in source.blocks] == long


def test_lists_and_headings_kept() -> None:
    """Bullets become list items and a short line between paragraphs a heading."""
    text = "\n\n".join(
        [
            "Council backs bicycle lanes",
            PARAGRAPHS[0],
            "Why It Matters",
            PARAGRAPHS[1],
            "- safer streets for children\n- fewer cars in the old town\n- quieter evenings",
            PARAGRAPHS[2],
        ]
    )
    source = read(text)
    kinds = [(b.kind, b.text) for b in source.blocks]
    assert (BlockKind.HEADING, "Why It Matters") in kinds
    items = [text for kind, text in kinds if kind is BlockKind.LIST_ITEM]
    assert items == ["safer streets for children", "fewer cars in the old town", "quieter evenings"]
    assert [text for kind, text in kinds if kind is BlockKind.PARAGRAPH] == PARAGRAPHS


def test_byline_and_date_under_title() -> None:
    """A byline and a labelled date right under the title go to the metadata."""
    text = "Council backs bicycle lanes\nBy Jane Example\nPublished: 2023-03-03\n\n" + "\n\n".join(
        PARAGRAPHS
    )
    source = read(text)
    assert source.author == "Jane Example"
    assert source.published == date(2023, 3, 3)
    assert [b.text for b in source.blocks] == PARAGRAPHS


def test_plain_text_loses_nothing() -> None:
    """Short lines, link-like words and menus-looking lines in plain text are all kept."""
    text = "\n\n".join(
        ["Notes from the meeting", "Share your views with the council.", *PARAGRAPHS, "Thanks"]
    )
    source = read(text)
    assert source.format is Format.TEXT
    body = source.body
    for part in ["Share your views with the council.", *PARAGRAPHS, "Thanks"]:
        assert part in body
    assert all(line.kept for line in source.raw[1:] if line.text.strip())


def test_text_raw_lines() -> None:
    """Plain text keeps every line in raw; only the title line is marked removed."""
    text = "Council backs bicycle lanes\n\n" + "\n\n".join(PARAGRAPHS)
    source = read(text)
    assert [line.text for line in source.raw] == text.split("\n")
    removed = [line for line in source.raw if not line.kept and line.text.strip()]
    assert [(line.text, line.reason) for line in removed] == [
        ("Council backs bicycle lanes", "title")
    ]


def test_json_fallback_dump_read_as_dump() -> None:
    """A dump handed to the plain-text reader (a reader's fallback) is still cleaned."""
    from brief.core.ingest import text as text_reader

    lines = ["Home", "News", "Sport", "Login", "Subscribe", "[logo]", "", "Council backs lanes"]
    lines += ["", *PARAGRAPHS, "", "© 2023 Example. All rights reserved."]
    (source,) = text_reader.read("\n".join(lines), Path("page.txt"))
    assert source.format is Format.DUMP
    assert [b.text for b in source.blocks] == PARAGRAPHS


def test_language_found_whatever_the_quotes_and_dashes() -> None:
    """An article's language is the same with typographic quotes and dashes as with plain ones,
    and a text in another script is told by its script."""
    plain = "\n\n".join(PARAGRAPHS) + '\n\nShe said "it is done" - and it was.'
    curly = plain.replace('"it is done"', "“it’s done”").replace(" - ", " — ")
    assert read(plain).language == read(curly).language == "en"
    french = (
        "Le conseil municipal a voté mardi pour étendre le réseau de pistes cyclables dans la "
        "vieille ville, un projet débattu depuis plus de trois ans « avec passion » — et qui "
        "n’est pas fini. Les travaux pour la première partie sont prévus pour le printemps."
    )
    assert read(french).language == "fr"
    russian = "Городской совет во вторник проголосовал за расширение сети велосипедных дорожек."
    assert read(russian).language == "ru"
