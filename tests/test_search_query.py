"""Tests of search query parsing, date filters, folding and find-in-text."""

from __future__ import annotations

from datetime import date, datetime

from brief.core.search import Term, date_period, find_in_text, parse_query
from brief.core.search.normalize import fold, query_tokens

TODAY = date(2025, 6, 1)


def test_words_are_folded_and_split_on_punctuation() -> None:
    query = parse_query("Ahn Duk-Geun Café")
    assert query.words == ("ahn", "duk", "geun", "cafe")
    assert all(not term.quoted for term in query.terms)


def test_quoted_phrase_is_one_exact_term() -> None:
    query = parse_query('"300 trillion won" cluster')
    assert query.terms == (Term(("300", "trillion", "won"), quoted=True), Term(("cluster",)))


def test_unclosed_quote_is_a_phrase_still_being_typed() -> None:
    (term,) = parse_query('"semiconductor clus').terms
    assert term.quoted and term.open_end and term.words == ("semiconductor", "clus")


def test_outlet_and_author_filters_bare_or_quoted() -> None:
    query = parse_query('outlet:"Korea Times" author:Baek yongin')
    assert query.outlets == ("korea times",)
    assert query.authors == ("baek",)
    assert query.words == ("yongin",)


def test_after_and_before_take_the_period_named() -> None:
    query = parse_query("after:2023 chips", today=TODAY)
    assert query.after == datetime(2024, 1, 1)
    assert query.words == ("chips",)
    query = parse_query("before:March 2024 tax credits", today=TODAY)
    assert query.before == datetime(2024, 3, 1)
    assert query.words == ("tax", "credits")


def test_a_date_runs_on_only_while_it_gets_more_precise() -> None:
    query = parse_query("after:March 5 2024 300 trillion", today=TODAY)
    assert query.after == datetime(2024, 3, 6)
    assert query.words == ("300", "trillion")


def test_unreadable_dates_are_reported_and_ignored() -> None:
    query = parse_query("before:soon after:23 chips", today=TODAY)
    assert query.before is None and query.after is None
    assert len(query.problems) == 2
    assert query.words == ("chips",)


def test_unknown_keys_and_unfinished_filters_are_harmless() -> None:
    assert parse_query("http://example.com").words == ("http", "example", "com")
    assert parse_query("outlet:").is_empty
    assert parse_query("outlet:times", filters=False).words == ("outlet", "times")


def test_date_period_precision() -> None:
    assert date_period("2023") == (datetime(2023, 1, 1), datetime(2024, 1, 1))
    assert date_period("Feb 2024") == (datetime(2024, 2, 1), datetime(2024, 3, 1))
    assert date_period("2024-02-29") == (datetime(2024, 2, 29), datetime(2024, 3, 1))
    assert date_period("March", TODAY) == (datetime(2025, 3, 1), datetime(2025, 4, 1))
    assert date_period("nonsense") is None


def test_fold_keeps_offsets() -> None:
    for text in ("Café Ünïcode", "İstanbul Straße", "Ahn Duk-geun’s", "서울 반도체", "Пётр"):
        assert len(fold(text)) == len(text)
    assert fold("Café RÉSUMÉ") == "cafe resume"


def test_cjk_characters_are_tokens_of_their_own() -> None:
    assert query_tokens("三星电子 SK hynix") == ["三", "星", "电", "子", "sk", "hynix"]


def test_find_in_text_forgives_case_punctuation_and_typos() -> None:
    text = "Samsung and SK Hynix grew. SK hynix’s cluster in Yongin; more clusters."
    assert [text[a:b] for a, b in find_in_text(text, "hynix")] == ["Hynix", "hynix"]
    assert [text[a:b] for a, b in find_in_text(text, "clustr")] == ["cluster"]
    assert [text[a:b] for a, b in find_in_text(text, "clust")] == ["cluster", "clusters"]
    assert [text[a:b] for a, b in find_in_text(text, "sk hynix")] == ["SK Hynix", "SK hynix"]


def test_find_in_text_phrase_spans_cover_punctuation() -> None:
    text = "during industry minister Ahn Duk-geun’s visit to Japan. Ahn also met"
    assert [text[a:b] for a, b in find_in_text(text, "Ahn Duk geun")] == ["Ahn Duk-geun"]


def test_find_in_text_quoted_phrase_is_exact() -> None:
    text = "a semiconductor cluster and a semiconducter clustr"
    spans = find_in_text(text, '"semiconductor cluster"')
    assert [text[a:b] for a, b in spans] == ["semiconductor cluster"]
    assert find_in_text(text, '"semiconductor clusters"') == []


def test_find_in_text_does_not_match_inside_words() -> None:
    assert find_in_text("the syntax of taxes", "tax") == [(14, 19)]
    assert find_in_text("", "tax") == []
    assert find_in_text("anything", "  ") == []
