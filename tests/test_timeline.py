"""The timeline core: events of the seeds, resolution, non-dates, the Event record."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from brief.core.model import Block, BlockKind, Format, Library, Source
from brief.core.timeline import Event, Kind, extract, find_mentions, source_events, timeline
from tests.conftest import seed_source

POSTED = date(2021, 2, 27)


def values(events: list[Event]) -> set[str | None]:
    """The values of a list of events."""
    return {event.value for event in events}


def by_phrase(events: list[Event], phrase: str) -> Event:
    """The first event whose phrase is `phrase`."""
    for event in events:
        if event.phrase == phrase:
            return event
    raise AssertionError(f"no event {phrase!r} in {[e.phrase for e in events]}")


def make_source(text: str, published: date | datetime | None = None) -> Source:
    """A source whose body is `text` (blank lines separate blocks)."""
    blocks = [Block(BlockKind.PARAGRAPH, part) for part in text.split("\n\n")]
    return Source("src", Path("x.txt"), Format.TEXT, "Title", blocks, published=published)


# The seeds


def test_seed_000_plans_and_an_unresolved_weekday(seeds_library: Library) -> None:
    source = seed_source(seeds_library, "000")
    events = source_events(source)
    assert {"2042", "2030"} <= values(events)
    assert by_phrase(events, "2042").kind is Kind.PLAN
    assert by_phrase(events, "2030").kind is Kind.PLAN
    wednesday = by_phrase(events, "This Wednesday")
    assert not wednesday.resolved and wednesday.value is None and wednesday.first is None
    assert all(event.value in {"2042", "2030", None} for event in events)


def test_seed_001_december_2023_and_2025(seeds_library: Library) -> None:
    source = seed_source(seeds_library, "001")
    events = source_events(source, source.published or date(2024, 4, 23))
    assert {"2023-12", "2025"} <= values(events)
    december = by_phrase(events, "Dec. 2023")
    assert (december.first, december.last) == (date(2023, 12, 1), date(2023, 12, 31))
    assert december.precision == "month" and december.kind is Kind.EVENT
    assert by_phrase(events, "2025").kind is Kind.PLAN
    assert not any("135" in (event.value or "") for event in events)


def seed_004_with_caption(library: Library) -> Source:
    """Seed 004 with its photo caption (dated Feb. 23) as a caption block if cleaning dropped it."""
    source = seed_source(library, "004")
    if "Feb. 23" in source.body:
        return source
    captions = [line.text for line in source.raw if "Feb. 23" in line.text and not line.kept]
    blocks = [*source.blocks, Block(BlockKind.CAPTION, captions[0].strip())]
    return Source(source.id, source.path, source.format, source.title, blocks)


def test_seed_004_events_resolved_against_its_date(seeds_library: Library) -> None:
    events = source_events(seed_004_with_caption(seeds_library), POSTED)
    found = values(events)
    assert {"2019", "2020", "2021-02-23", "2021-02-25", "2025"} <= found
    assert events[0].kind is Kind.PUBLISHED and events[0].value == "2021-02-27"
    assert by_phrase(events, "Feb. 25").kind is Kind.EVENT
    assert by_phrase(events, "2025").kind is Kind.PLAN
    half = by_phrase(events, "the second half of this year")
    assert half.value == "2021-H2" and half.kind is Kind.PLAN
    spring = by_phrase(events, "May or June")
    assert spring.value == "2021-05/2021-06"
    assert (spring.first, spring.last) == (date(2021, 5, 1), date(2021, 6, 30))
    assert "2021" in found


def test_seed_004_nothing_from_its_clock_line_or_footer(seeds_library: Library) -> None:
    source = seed_source(seeds_library, "004")
    events = source_events(source, POSTED)
    whole = make_source("\n\n".join(line.text for line in source.raw), POSTED)
    events += source_events(whole)
    for event in events:
        assert event.value not in {"2023-03-28", "2023-03-28T05:03", "2020-02-05", "2023", "2022"}
        for chrome in ("Tue, March 28", "registration", "Tel :", "Happy New Year", "World Cup"):
            assert chrome not in event.sentence
    assert not any(event.value and event.value.startswith("2023") for event in events)


def test_seed_002_relative_dates_stay_unresolved(seeds_library: Library) -> None:
    source = seed_source(seeds_library, "002")
    events = extract(source.body, None, source.id)
    phrases = {event.phrase.lower() for event in events}
    assert "the 3rd" in phrases and "last month" in phrases
    assert all(not event.resolved and event.value is None for event in events)
    third = by_phrase(events, "the 3rd")
    assert third.sentence.startswith("On the 3rd")


# Resolution against the publication date


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The meeting took place on Feb. 23 in Seoul.", "Feb. 23", "2021-02-23"),
        ("Sales will reach the mark this year.", "this year", "2021"),
        (
            "We will open data in the second half of this year.",
            "the second half of this year",
            "2021-H2",
        ),
        ("Officials met last week to talk.", "last week", "2021-W07"),
        ("The firm lost money last year.", "last year", "2020"),
        ("It was signed yesterday.", "yesterday", "2021-02-26"),
        ("The plant opened two years ago.", "two years ago", "2019"),
        ("Prices rose last summer.", "last summer", "2020-SU"),
        ("Output fell in the third quarter of 2020.", "the third quarter of 2020", "2020-Q3"),
        ("Shipments start in H2 2022.", "H2 2022", "2022-H2"),
        ("Exports fell in January.", "January", "2021-01"),
        ("The office will close in June.", "June", "2021-06"),
        ("Growth slowed in the 1990s.", "the 1990s", "199"),
        ("It changed in the 20th century.", "the 20th century", "19"),
        ("The fair opened on 23 February 2021.", "23 February 2021", "2021-02-23"),
        ("Filed 2020-11-05 by the agency.", "2020-11-05", "2020-11-05"),
        ("The hearing began at 15:00 GMT Saturday.", "15:00 GMT Saturday", "2021-02-27T15:00"),
        ("Sales had peaked by the end of the year.", "the end of the year", "2020"),
        ("The plant will open by the end of the year.", "the end of the year", "2021"),
        ("Stores were busy at Christmas.", "Christmas", "2020-12-25"),
        ("Easter Sunday 2022 will be quiet.", "Easter Sunday 2022", "2022-04-17"),
        ("Police said last night that he fled.", "last night", "2021-02-26TNI"),
        ("Crowds gathered on Saturday, March 6.", "Saturday, March 6", "2021-03-06"),
    ],
)
def test_resolved_against_publication_date(text: str, phrase: str, value: str) -> None:
    event = by_phrase(extract(text, POSTED), phrase)
    assert event.resolved and event.value == value


def test_last_week_covers_the_week_before() -> None:
    event = by_phrase(extract("Officials met last week.", POSTED), "last week")
    assert (event.first, event.last) == (date(2021, 2, 15), date(2021, 2, 21))
    assert event.precision == "week"


def test_weekdays_follow_the_tense_of_their_clause() -> None:
    friday = date(2013, 3, 22)
    said = by_phrase(extract("Dr. Jhung said Friday.", friday), "Friday")
    died = by_phrase(extract("Lowe died on Wednesday after an illness.", friday), "Wednesday")
    begins = by_phrase(extract("The closure will begin on April 7.", friday), "April 7")
    assert (said.value, died.value, begins.value) == ("2013-03-22", "2013-03-20", "2013-04-07")
    assert begins.kind is Kind.PLAN and died.kind is Kind.EVENT


def test_undated_source_keeps_relative_dates_unresolved_and_absolute_ones() -> None:
    text = "On the 3rd, the ministry spoke. Last month exports fell. Curbs began in 2019."
    events = extract(text, None)
    assert by_phrase(events, "the 3rd").value is None
    assert by_phrase(events, "Last month").resolved is False
    assert by_phrase(events, "2019").value == "2019"


def test_setting_a_date_later_resolves_the_same_phrases() -> None:
    text = "Last month exports fell, the ministry said on the 3rd."
    before = extract(text, None)
    mentions = find_mentions(text)
    after = extract(text, POSTED)
    assert find_mentions(text) is mentions
    assert [e.phrase for e in before] == [e.phrase for e in after]
    assert values(after) == {"2021-01", "2021-02-03"}


def test_deadlines_and_plans_are_marked_apart_from_events() -> None:
    events = extract("Curbs were imposed in 2019. The park will be ready by 2042.", None)
    assert by_phrase(events, "2019").kind is Kind.EVENT
    assert by_phrase(events, "2042").kind is Kind.PLAN


# Not dates


@pytest.mark.parametrize(
    "text",
    [
        "Japan will fund up to $135.7 million of it.",
        "Chips account for 20% of exports.",
        "South Korea will invest 300 trillion won.",
        "The COVID-19 pandemic hurt supply.",
        "The flight took 5 hours.",
        "Clusters were set up in 12 regions.",
        "Sales will reach the 300,000 mark.",
        "Tel : 02-724-2114",
        "Online newspaper registration No : 2012-0456",
        "Date of registration : 2020.02.05",
        "Tue, March 28, 2023 | 05:03",
        "The plant makes 2019 cars a day.",
        "Happy New Year 2023",
        "Busan aims to win hearts in its Expo 2030 bid.",
        "The factory has 1500 employees.",
        "Her address is 1909 Jolinda Drive.",
        "Read it in USA Today.",
    ],
)
def test_not_dates(text: str) -> None:
    assert extract(text, POSTED) == []


def test_a_page_clock_block_among_paragraphs_is_skipped() -> None:
    text = "Tue, March 28, 2023 | 05:03\n\nThe cluster was designated on Feb. 23 by the ministry."
    assert values(extract(text, POSTED)) == {"2021-02-23"}


# The Event record


def test_offsets_point_into_the_body_and_the_sentence() -> None:
    body = "Intro paragraph here.\n\nThe rules changed. Curbs came in 2019, officials said. Done."
    event = by_phrase(extract(body, None, "abc"), "2019")
    assert event.start is not None and event.sentence_start is not None
    assert body[event.start : event.end] == "2019"
    assert body[event.sentence_start : event.sentence_end] == event.sentence
    assert event.sentence == "Curbs came in 2019, officials said."
    assert event.to_json() == {
        "source": "abc",
        "kind": "event",
        "value": "2019",
        "first": "2019-01-01",
        "last": "2019-12-31",
        "precision": "year",
        "resolved": True,
        "phrase": "2019",
        "start": event.start,
        "end": event.end,
        "sentence": "Curbs came in 2019, officials said.",
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
    }


def test_timeline_orders_sources_and_uses_dates_set_by_the_user() -> None:
    dated = make_source("Curbs came in 2019. Sales will double by 2025.", POSTED)
    undated = make_source("Exports fell last month. The deal closed in 2020.")
    undated.id = "undated"
    rows = timeline([dated, undated])
    assert [row.value for row in rows if row.resolved] == ["2019", "2020", "2021-02-27", "2025"]
    assert not rows[-1].resolved and rows[-1].phrase == "last month"
    rows = timeline([dated, undated], {"undated": datetime(2021, 3, 5, 9, 30)})
    assert "2021-02" in values(rows) and "2021-03-05T09:30" in values(rows)
    published = [row for row in rows if row.kind is Kind.PUBLISHED]
    assert len(published) == 2 and all(row.start is None for row in published)


def test_a_large_timeline_sorted_in_runs_is_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch, seeds_library: Library
) -> None:
    """Sorting in runs and merging them (so a worker never holds the UI) keeps the order,
    ties included, of one sort of all the rows."""
    from brief.core.timeline import events as events_module

    rows = [event for source in seeds_library.sources for event in source_events(source)] * 3
    assert len(rows) > 20
    monkeypatch.setattr(events_module, "SORT_CHUNK", 7)
    merged = events_module.sort_events(rows)
    assert [id(e) for e in merged] == [id(e) for e in sorted(rows, key=lambda e: e.sort_key)]
