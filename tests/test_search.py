"""Tests of the search index and ranked, streaming search, on made-up sources and the seeds."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from brief.core.model import Library, Source
from brief.core.search import DEFAULT_FIELDS, FieldSpec, Hit, Rank, Searcher, SearchIndex
from tests.conftest import paragraph_source, seed_source


def make(
    ident: str,
    *paragraphs: str,
    title: str = "Untitled",
    outlet: str | None = None,
    author: str | None = None,
    published: date | datetime | None = None,
) -> Source:
    """A source built directly, one block per paragraph."""
    return paragraph_source(ident, title, list(paragraphs), f"/made/{ident}.txt",
                            outlet=outlet, author=author, published=published)  # fmt: skip


def run(
    index: SearchIndex, query: str, *, limit: int | None = None, per_source: int | None = None
) -> list[Hit]:
    return list(Searcher(index).search(query, limit=limit, per_source=per_source))


@pytest.fixture
def small() -> SearchIndex:
    return SearchIndex(
        [
            make(
                "old-phrase",
                "Intro paragraph about nothing.",
                "The semiconductor cluster in Yongin grows.",
                title="Chips",
                outlet="The Korea Times",
                author="Baek Byung-yeul",
                published=date(2021, 2, 27),
            ),
            make(
                "new-words",
                "A cluster of semiconductor plants was planned.",
                title="Plants",
                outlet="Yonhap",
                published=datetime(2024, 4, 23, 8, 0),
            ),
            make(
                "typo",
                "The semiconducter clustr was misspelt here.",
                title="Typos",
                published=date(2025, 1, 1),
            ),
            make(
                "split",
                "Semiconductor exports fell.",
                "The cluster was approved.",
                title="Split",
                published=date(2023, 5, 1),
            ),
            make("undated", "A semiconductor cluster without a date.", title="Undated"),
        ]
    )


def test_ranking_phrase_then_all_words_then_fuzzy_then_partial(small: SearchIndex) -> None:
    hits = run(small, "semiconductor cluster")
    assert [(hit.source_id, hit.rank) for hit in hits] == [
        ("old-phrase", Rank.PHRASE),
        ("undated", Rank.PHRASE),
        ("new-words", Rank.ALL_WORDS),
        ("typo", Rank.FUZZY),
        ("split", Rank.PARTIAL),
    ]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_ties_go_to_the_newer_source(small: SearchIndex) -> None:
    hits = run(small, "cluster")
    exact = [hit.source_id for hit in hits if hit.rank == Rank.PHRASE]
    assert exact == ["new-words", "split", "old-phrase", "undated"]


def test_typos_find_the_right_words(small: SearchIndex) -> None:
    hits = run(small, "semiconducter clustr")
    fuzzy = {hit.source_id for hit in hits if hit.rank == Rank.FUZZY}
    assert {"old-phrase", "new-words", "undated"} <= fuzzy
    assert hits[0].source_id == "typo" and hits[0].rank == Rank.PHRASE
    for hit in hits:
        words = {word for a, b in hit.spans for word in hit.passage[a:b].lower().split()}
        assert words <= {"semiconductor", "cluster", "semiconducter", "clustr"}


def test_offsets_point_into_the_field_text(small: SearchIndex) -> None:
    sources = [small.source(slot) for slot in small.slots()]
    for hit in run(small, "yongin"):
        source = next(s for s in sources if s is not None and s.id == hit.source_id)
        text = source.body if hit.field == "body" else source.title
        assert text[hit.start : hit.end].lower() == "yongin"
        assert text[hit.passage_start : hit.passage_start + len(hit.passage)] == hit.passage
        assert source.block_starts[hit.block] <= hit.start


def test_quoted_phrase_must_match_exactly(small: SearchIndex) -> None:
    hits = run(small, '"semiconductor cluster"')
    assert {hit.source_id for hit in hits} == {"old-phrase", "undated"}
    assert run(small, '"semiconducter cluster"') == []


def test_prefix_while_typing(small: SearchIndex) -> None:
    hits = run(small, "semiconductor clu")
    assert {hit.source_id for hit in hits if hit.rank >= Rank.ALL_WORDS} == {
        "old-phrase",
        "new-words",
        "undated",
    }


def test_filters(small: SearchIndex) -> None:
    assert {h.source_id for h in run(small, "cluster outlet:times")} == {"old-phrase"}
    assert {h.source_id for h in run(small, 'cluster outlet:"korea times"')} == {"old-phrase"}
    assert {h.source_id for h in run(small, "cluster author:baek")} == {"old-phrase"}
    assert {h.source_id for h in run(small, "cluster after:2023")} == {"new-words", "typo"}
    assert {h.source_id for h in run(small, "cluster before:May 2023")} == {"old-phrase"}
    assert {h.source_id for h in run(small, "after:2022 before:2025")} == {"new-words", "split"}


def test_metadata_words_count_for_every_passage(small: SearchIndex) -> None:
    hits = run(small, "korea times yongin")
    assert [(hit.source_id, hit.field, hit.rank) for hit in hits] == [
        ("old-phrase", "body", Rank.PARTIAL)
    ]
    assert "Yongin" in hits[0].passage


def test_incremental_add_remove_update() -> None:
    index = SearchIndex()
    searcher = Searcher(index)
    assert list(searcher.search("hynix")) == []
    index.add(make("a", "SK Hynix results."))
    assert [hit.source_id for hit in searcher.search("hynix")] == ["a"]
    index.add(make("b", "SK hynix again.", published=date(2024, 1, 1)))
    assert [hit.source_id for hit in searcher.search("hynix")] == ["b", "a"]
    index.remove("b")
    assert [hit.source_id for hit in searcher.search("hynix")] == ["a"]
    index.update(make("a", "Nothing about chips now."))
    assert list(searcher.search("hynix")) == []
    assert len(index) == 1 and "a" in index


def test_adding_a_field_is_one_line() -> None:
    notes = {"a": "Check the Yongin figure"}
    fields = (*DEFAULT_FIELDS, FieldSpec("notes", lambda source: notes.get(source.id, "")))
    index = SearchIndex([make("a", "Body text."), make("b", "Other text.")], fields)
    (hit,) = run(index, "yongin figure")
    assert (hit.source_id, hit.field, hit.rank) == ("a", "notes", Rank.PHRASE)


def test_metadata_counts_wherever_its_fields_are_listed() -> None:
    fields = (DEFAULT_FIELDS[3], DEFAULT_FIELDS[0])  # the body first, then the title
    index = SearchIndex([make("a", "Intro.", "The Yongin plant.", title="Korea Times")], fields)
    (hit,) = run(index, "korea yongin")
    assert (hit.field, hit.rank, hit.passage) == ("body", Rank.PARTIAL, "The Yongin plant.")


def test_a_word_next_to_cjk_characters_is_a_word_of_its_own() -> None:
    index = SearchIndex([make("mixed", "SK hynix三星 and samsung三星电子 grew.")])
    (hit,) = run(index, "hynix")
    assert hit.rank == Rank.PHRASE
    assert [hit.passage[a:b] for a, b in hit.spans] == ["hynix"]
    (hit,) = run(index, "sams")
    assert [hit.passage[a:b] for a, b in hit.spans] == ["samsung"]


def test_passages_between_uneven_blank_lines() -> None:
    body = "first cluster\n\n\nsecond cluster\n\n\n\nthird cluster"
    index = SearchIndex([paragraph_source("gaps", "T", [body])])
    hits = run(index, "cluster")
    assert [hit.passage for hit in hits] == ["first cluster", "second cluster", "third cluster"]
    for hit in hits:
        assert body[hit.passage_start : hit.passage_start + len(hit.passage)] == hit.passage
        assert body[hit.start : hit.end] == "cluster"


def test_streaming_is_lazy_and_cancellable() -> None:
    index = SearchIndex(make(f"s{i}", f"cluster number {i}") for i in range(200))
    searcher = Searcher(index)
    stream = searcher.search("cluster")
    first = next(stream)
    assert first.rank == Rank.PHRASE
    assert len(list(searcher.search("cluster", limit=7))) == 7
    assert list(searcher.search("cluster", should_stop=lambda: True)) == []
    calls = 0

    def stop_soon() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    assert 0 < len(list(searcher.search("cluster", should_stop=stop_soon))) < 200


def test_per_source_cap() -> None:
    index = SearchIndex([make("a", "cluster one", "cluster two", "cluster three")])
    assert len(run(index, "cluster")) == 3
    assert len(run(index, "cluster", per_source=1)) == 1


def test_hit_dict_for_json(small: SearchIndex) -> None:
    row = run(small, "yongin")[0].to_dict()
    for key in ("source_id", "title", "score", "passage", "start", "end", "spans", "rank"):
        assert key in row
    assert row["published"] == "2021-02-27"


def test_cjk_text_is_searchable() -> None:
    index = SearchIndex([make("zh", "三星电子在龙仁建设半导体集群。")])
    (hit,) = run(index, "半导体")
    assert hit.passage[hit.spans[0][0] : hit.spans[0][1]] == "半导体"


def test_empty_query_gives_nothing(small: SearchIndex) -> None:
    assert run(small, "") == []
    assert run(small, '  "" ') == []


# The seeds: words that are certainly in the article bodies.


@pytest.fixture(scope="module")
def seeds_index(seeds_library: Library) -> SearchIndex:
    return SearchIndex(seeds_library.sources)


def test_seeds_hynix_in_every_spelling(seeds_library: Library, seeds_index: SearchIndex) -> None:
    hits = run(seeds_index, "hynix")
    found = {hit.source_id for hit in hits}
    assert seed_source(seeds_library, "000").id in found  # "SK Hynix"
    assert seed_source(seeds_library, "004").id in found  # "SK hynix"
    assert all(hit.rank == Rank.PHRASE for hit in hits)
    assert {hit.passage[a:b] for hit in hits for a, b in hit.spans} <= {"Hynix", "hynix"}


def test_seeds_name_with_hyphen(seeds_library: Library, seeds_index: SearchIndex) -> None:
    hit = run(seeds_index, "Ahn Duk geun")[0]
    source = seed_source(seeds_library, "001")
    assert (hit.source_id, hit.field, hit.rank) == (source.id, "body", Rank.PHRASE)
    assert source.body[hit.start : hit.end] == "Ahn Duk-geun"


def test_seeds_typos_find_cluster_passages(
    seeds_library: Library, seeds_index: SearchIndex
) -> None:
    hits = [hit for hit in run(seeds_index, "semiconducter clustr") if hit.rank == Rank.FUZZY]
    assert seed_source(seeds_library, "003").id in {hit.source_id for hit in hits}
    for hit in hits:
        assert "cluster" in hit.passage.lower() and "semiconductor" in hit.passage.lower()


def test_seeds_exact_phrase(seeds_library: Library, seeds_index: SearchIndex) -> None:
    hits = run(seeds_index, '"300 trillion won"')
    assert {hit.source_id for hit in hits} == {seed_source(seeds_library, "000").id}
    source = seed_source(seeds_library, "000")
    body_hits = [hit for hit in hits if hit.field == "body"]
    assert body_hits and all(source.body[h.start : h.end] == "300 trillion won" for h in body_hits)


def test_seeds_several_words(seeds_library: Library, seeds_index: SearchIndex) -> None:
    hits = run(seeds_index, "tax credits")
    assert hits[0].rank == Rank.PHRASE
    assert hits[0].source_id == seed_source(seeds_library, "002").id
    yongin = {hit.source_id for hit in run(seeds_index, "Yongin")}
    assert {seed_source(seeds_library, p).id for p in ("003", "004")} <= yongin


def test_seeds_date_filters_agree_with_dates(
    seeds_library: Library, seeds_index: SearchIndex
) -> None:
    for query, low, high in (
        ("semiconductor after:2022", datetime(2023, 1, 1), datetime.max),
        ("semiconductor before:2022", datetime.min, datetime(2022, 1, 1)),
    ):
        expected = {
            s.id
            for s in seeds_library.sources
            if s.sort_date is not None
            and low <= s.sort_date < high
            and "semiconductor" in s.body.lower()
        }
        assert {hit.source_id for hit in run(seeds_index, query)} == expected


def test_typo_forms_are_every_vocabulary_word_within_the_edits() -> None:
    import random

    from rapidfuzz.distance import OSA

    rng = random.Random(4)
    letters = "abcdefghijklmnopqrstuvwxyz"

    def edit(word: str) -> str:
        at = rng.randrange(len(word))
        how = rng.randrange(4)
        if how == 0:
            return word[:at] + word[at + 1 :]
        if how == 1:
            return word[:at] + rng.choice(letters) + word[at:]
        if how == 2 and at + 1 < len(word):
            return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        return word[:at] + rng.choice(letters) + word[at + 1 :]

    typed = ["polcy", "clustr", "hynix", "yongin", "goverment", "semiconducter", "investment"]
    near = {edit(word) for word in typed for _ in range(150)}
    near |= {edit(edit(word)) for word in typed for _ in range(300)}
    near |= {"x" + word for word in typed} | {word[1:] for word in typed}
    words = sorted(near | {f"{word}{n}" for word in typed for n in range(3)})
    index = SearchIndex(
        make(f"w{i}", " ".join(words[i : i + 40])) for i in range(0, len(words), 40)
    )
    for word in typed:
        edits = 1 if len(word) <= 7 else 2
        expected = {
            (other, OSA.distance(word, other))
            for other in words
            if OSA.distance(word, other) <= edits
        }
        assert set(index.similar(word, edits)) == expected


@pytest.mark.parametrize(
    "query",
    ["hynix", "semiconducter clustr", "Ahn Duk geun", '"300 trillion won"', "korea times yongin",
     "tax credits investment", "chip outlet:times after:2019", "after:2023", "semic", "won"],
)  # fmt: skip
def test_results_count_and_page_every_hit_search_streams(
    seeds_index: SearchIndex, query: str
) -> None:
    searcher = Searcher(seeds_index)
    streamed = list(searcher.search(query))
    assert list(searcher.results(query)) == streamed  # streamed, ranked as read
    assert searcher.results(query)[:3] == streamed[:3]
    results = searcher.results(query)
    assert len(results) == len(streamed) > 0
    assert results[:] == streamed
    assert results[len(results) - 1] == streamed[-1] and results[-1] == streamed[-1]
    assert sum(results.ranks().values()) == len(streamed)
    with pytest.raises(IndexError):
        results[len(results)]
    capped = searcher.results(query, per_source=1)
    assert capped[:] == list(searcher.search(query, per_source=1))
    assert len({hit.source_id for hit in capped}) == len(capped)


def test_results_keep_the_texts_they_were_ranked_in() -> None:
    index = SearchIndex([make("a", "The cluster grows."), make("b", "Another cluster.")])
    results = Searcher(index).results("cluster")
    assert not results.complete and len(results) == 2 and results.complete
    index.remove("a")
    index.update(make("b", "Nothing now."))
    assert [(hit.source_id, hit.passage) for hit in results] == [
        ("a", "The cluster grows."),
        ("b", "Another cluster."),
    ]
