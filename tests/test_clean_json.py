"""JSON content cleaned: markup escaped too often, JSON escapes left in text, CDATA, shortcodes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief.core.ingest import read_bytes
from brief.core.model import BlockKind


def blocks_of(content: str) -> list[tuple[BlockKind, str]]:
    """The body blocks `brief show` gives for a JSON article with this content."""
    data = json.dumps({"title": "Chip exports fall", "content": content, "date": "2024-01-02"})
    result = read_bytes(data.encode("utf-8"), Path("article.json"))
    assert not isinstance(result, str), result
    return [(block.kind, block.text) for block in result[0].blocks]


PARAGRAPH = BlockKind.PARAGRAPH


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "&lt;p&gt;Exports fell for a sixth month.&lt;/p&gt;&lt;p&gt;Chips &amp;amp; "
            "displays led.&lt;/p&gt;",
            [(PARAGRAPH, "Exports fell for a sixth month."), (PARAGRAPH, "Chips & displays led.")],
        ),
        (
            "&amp;lt;p&amp;gt;Exports fell.&amp;lt;/p&amp;gt;&amp;lt;h2&amp;gt;Outlook"
            "&amp;lt;/h2&amp;gt;&amp;lt;p&amp;gt;A rebound is expected.&amp;lt;/p&amp;gt;",
            [
                (PARAGRAPH, "Exports fell."),
                (BlockKind.HEADING, "Outlook"),
                (PARAGRAPH, "A rebound is expected."),
            ],
        ),
        (
            "<p>Exports fell in Daegu and Cheong\\u00e9ju \\ud83d\\ude00 this month.</p>",
            [(PARAGRAPH, "Exports fell in Daegu and Cheongéju 😀 this month.")],
        ),
        (
            'Exports fell for a sixth month.\\n\\nThe ministry said \\"chips\\" led the fall.',
            [
                (PARAGRAPH, "Exports fell for a sixth month."),
                (PARAGRAPH, 'The ministry said "chips" led the fall.'),
            ],
        ),
        (
            "<![CDATA[<p>Exports fell for a sixth month.</p>]]>",
            [(PARAGRAPH, "Exports fell for a sixth month.")],
        ),
        (
            '<p>Exports fell.</p>[caption id="attachment_7" width="300"]<img src="fab.jpg"/> '
            "A chip plant in Pyeongtaek[/caption]<p>Chips led the fall.</p>",
            [
                (PARAGRAPH, "Exports fell."),
                (BlockKind.CAPTION, "A chip plant in Pyeongtaek"),
                (PARAGRAPH, "Chips led the fall."),
            ],
        ),
    ],
)
def test_content_escaped_too_often_is_read_as_markup(
    content: str, expected: list[tuple[BlockKind, str]]
) -> None:
    """Markup written with entities, JSON escapes left in the text, CDATA sections and
    WordPress caption shortcodes give clean paragraphs, headings and captions."""
    assert blocks_of(content) == expected


def test_backslashes_of_ordinary_text_stay() -> None:
    """A backslash that is part of the text (a Windows path) is not taken for an escape."""
    assert blocks_of("Open C:\\new\\folder to start.") == [
        (PARAGRAPH, "Open C:\\new\\folder to start.")
    ]
