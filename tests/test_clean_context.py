"""Context in dumps: captions once, lists of other articles out, an article's own lists kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.core.clean.captions import is_bare_credit, is_caption
from brief.core.ingest import read_bytes
from brief.core.model import BlockKind, Source

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
CAPTION = "Cyclists ride along the river in the old town on Feb. 23, 2021. Courtesy of City Hall"
HEAD = ["Skip to main content", "", "Home", "News", "Sport", "Business", "Weather", ""]
HEAD += ["Bicycle lanes to spread across the old town", "", "By Jane Example", ""]
FOOT = [
    "",
    "About us",
    "Contact",
    "Privacy Policy",
    "",
    "© 2023 Example Media. All rights reserved.",
]


def read(lines: list[str]) -> Source:
    """The source `brief show` reads from a dump made of these lines."""
    result = read_bytes("\n".join(lines).encode("utf-8"), Path("page.txt"))
    assert not isinstance(result, str), result
    return result[0]


@pytest.mark.parametrize(
    "text",
    [
        "Industry Minister Sung poses with governors in Seoul, Feb. 23. Yonhap",
        "Photo: Damian Dovarganes, AP",
        "Seen is a concept image of a cluster. Courtesy of Gyeonggi Province",
        "Photo by Jason Kempin/Getty Images",
        "Alex Wong | Getty Images",
        "A ship leaves the port on Aug. 31, 2019. (Jane Doe/AP)",
        "Troops remain in the country 18 years later [File: Reuters]",
        "A worker loads trims into his truck in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
        "In this Dec. 12, 2006, file photo, made available by the agency, two astronauts walk.",
        "Image caption The singer's seventh album is the only one she owns the rights to",
    ],
)
def test_credited_lines_are_captions(text: str) -> None:
    """A line ending in a photo credit, set off from the text, or opening as a caption does,
    is a caption."""
    assert is_caption(text)


@pytest.mark.parametrize(
    "text",
    [
        "The health commission said so, according to Reuters.",
        "The government said it will pay for the roads by March.",
        "June 26 -- PPL Center, Allentown, PA",
        "Das Thema: Die elektronische Patientenakte (ePA)",
    ],
)
def test_sentences_naming_an_agency_are_not_captions(text: str) -> None:
    """Text that cites an agency or ends in an abbreviation is not a caption."""
    assert not is_caption(text)


def test_bare_credit() -> None:
    """A credit standing alone is made of names; a caption with a credit is not bare."""
    assert is_bare_credit("Natalie Naccache | Bloomberg | Getty Images")
    assert not is_bare_credit("WeWork chairman Marcelo Claure (Credit: Getty Images)")


def test_repeated_caption_shown_once_where_the_article_has_it() -> None:
    """A caption a dump draws three times (twice above the article, once in it) shows once, as
    a caption, where the article shows it."""
    lines = [*HEAD[:8], CAPTION, CAPTION, "", *HEAD[8:]]
    lines += [PARAGRAPHS[0], "", PARAGRAPHS[1], "", CAPTION, "", PARAGRAPHS[2], "", PARAGRAPHS[3]]
    source = read(lines + FOOT)
    copies = [b for b in source.blocks if b.text == CAPTION]
    assert len(copies) == 1
    assert copies[0].kind is BlockKind.CAPTION
    texts = [b.text for b in source.blocks]
    assert texts.index(CAPTION) == texts.index(PARAGRAPHS[1]) + 1


def article_then_other_articles(caption: str | None = None) -> list[str]:
    """The article, then a list of six other articles (headline, byline, date, summary each),
    with `caption` under the fifth summary when given."""
    lines = [*HEAD]
    for paragraph in PARAGRAPHS:
        lines += [paragraph, ""]
    lines += ["More from Example", ""]
    for number in range(6):
        lines += [f"Storm number {number} closes two bridges over the river", ""]
        lines += ["Jim Writer", "", f"November {number + 10}, 2019", ""]
        lines += [
            f"Heavy rain closed bridges across the county on day {number}, and the police asked "
            "drivers to stay at home until the water goes down.",
            "",
        ]
        if caption is not None and number == 4:
            lines += [caption, ""]
    return lines


def test_list_of_other_articles_left_out() -> None:
    """Headlines with bylines, dates and one-line summaries after the article are not in it."""
    source = read(article_then_other_articles() + FOOT)
    assert source.blocks[-1].text == PARAGRAPHS[-1]
    assert "Heavy rain" not in source.body


def test_list_introduced_by_a_colon_kept() -> None:
    """A schedule the article introduces with a colon is kept, dates and all."""
    dates = [f"June {day} -- Riverside Arena, Example City" for day in range(1, 9)]
    lines = [
        *HEAD,
        PARAGRAPHS[0],
        "",
        PARAGRAPHS[1],
        "",
        "The band will play these dates across the country this summer:",
        "",
    ]
    lines += [*dates, "", "Most Read", "", "Storm closes two bridges", "Mayor opens library"]
    source = read(lines + FOOT)
    assert all(date in source.body for date in dates)
    assert "Mayor opens library" not in source.body


def test_article_repeating_its_own_list_keeps_every_copy() -> None:
    """Lines an article repeats in each of its sections (a recipe's steps) stay in each one."""
    steps = ["Pre-Workout Meal", "Eat 60 to 90 minutes before your workout"]
    lines = [*HEAD, PARAGRAPHS[0], ""]
    for number, plan in enumerate("ABC"):
        lines += [f"Meal plan {plan}", "", *steps, ""]
        lines += [PARAGRAPHS[number + 1], ""]
    source = read(lines + FOOT)
    assert source.body.count("Eat 60 to 90 minutes before your workout") >= 2


def test_article_repeating_its_steps_in_many_plans_keeps_them() -> None:
    """Steps an article repeats in each of many plans (a menu of meals) stay, though the page
    also draws its menu twice."""
    menu = ["Workouts", "Nutrition", "Recipes", "Weight Loss", "Wellness", ""]
    steps = [
        "Pre-Workout Meal",
        "Eat 60 to 90 minutes before your workout",
        "Asparagus and eggs, with one cup of asparagus, two poached eggs and half a cup of sweet "
        "potato, or a slice of whole-grain toast if you prefer.",
        "Post-Workout Meal",
        "Eat one to two hours after your workout",
        "Chicken with zucchini noodles, four ounces of cooked chicken, a cup of edamame and a "
        "spoon of sesame oil, all sauteed in a pan.",
        "",
    ]
    lines = [*HEAD[:8], *menu, *menu, *HEAD[8:], PARAGRAPHS[0], ""]
    for plan in "ABCDE":
        lines += [f"Meal plan {plan}", "", *steps]
    source = read(lines + FOOT)
    assert source.body.count("Eat 60 to 90 minutes before your workout") == 5
    assert "Chicken with zucchini noodles" in source.body


def test_table_the_article_introduces_kept() -> None:
    """The rows of a results table the article introduces are kept, header row and all."""
    rows = [
        f"{rank} Driver Number{rank} {5040 - rank * 7} {rank % 4} 1 17 27" for rank in range(1, 13)
    ]
    lines = [*HEAD, PARAGRAPHS[0], "", PARAGRAPHS[1], "", "[driver-photo]", "", "Kyle Driver", ""]
    lines += ["The final standings of the series after thirty-six races this season:", ""]
    lines += ["Pos. Driver Points Wins Poles Top 5 Top 10", ""]
    for row in rows:
        lines += [row, ""]
    lines += ["Only the first twelve drivers fight for the title in the last ten races.", ""]
    source = read(lines + FOOT)
    assert all(row in source.body for row in rows)
    assert "Pos. Driver Points" in source.body


def test_list_of_other_articles_with_a_caption_left_out() -> None:
    """A photo caption under one summary of a list of other articles does not keep the list."""
    lines = article_then_other_articles(
        "A bridge under water on the river in the old town. (Jane Doe/AP)"
    )
    lines += [
        "The weather service expects more rain over the weekend, and the county has opened "
        "two shelters for families who had to leave their homes near the river this week.",
        "",
    ]
    source = read(lines + FOOT)
    assert "Heavy rain" not in source.body
