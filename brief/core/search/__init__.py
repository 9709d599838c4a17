"""Search: forgiving, ranked, streaming search across sources, and find in one source.

index = SearchIndex(library.sources)      # or index.add(source) as sources load
searcher = Searcher(index)                 # one per index; caches word look-ups
for hit in searcher.search('semiconducter clustr after:2023', should_stop=cancelled):
    show(hit.title, hit.outlet, hit.published, hit.passage, hit.spans)
results = searcher.results("government")   # every hit ranked and counted, built when read
page = results[200:400]
spans = find_in_text(source.body, "Ahn Duk geun")   # `/` in the reading pane
"""

from brief.core.dates import date_period
from brief.core.search.engine import Searcher, search
from brief.core.search.hits import MAX_PASSAGE, Hit, Rank
from brief.core.search.index import DEFAULT_FIELDS, FieldSpec, SearchIndex
from brief.core.search.matcher import Kind, Matcher, Span, find_in_text
from brief.core.search.query import Query, Term, parse_query
from brief.core.search.results import Results

__all__ = [
    "DEFAULT_FIELDS",
    "MAX_PASSAGE",
    "FieldSpec",
    "Hit",
    "Kind",
    "Matcher",
    "Query",
    "Rank",
    "Results",
    "SearchIndex",
    "Searcher",
    "Span",
    "Term",
    "date_period",
    "find_in_text",
    "parse_query",
    "search",
]
