"""Moving through text: sentences, paragraphs and selections grown by word, sentence, paragraph."""

from __future__ import annotations

from brief.core.model import Library
from brief.core.reading import Selection, TextMap, Unit, sentence_spans
from tests.conftest import paragraph_source, seed_source

TEXT = [
    "Mr. Kim spoke first. Exports rose 5.2% in May! Did prices follow? Not yet.",
    "A second paragraph. It has two sentences.",
    "반도체 수출이 늘었다. 정부는 지원을 약속했다。그러나 시장은 조용했다.",
]


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_sentences_respect_abbreviations_decimals_and_other_scripts() -> None:
    assert texts(TEXT[0], sentence_spans(TEXT[0])) == [
        "Mr. Kim spoke first.",
        "Exports rose 5.2% in May!",
        "Did prices follow?",
        "Not yet.",
    ]
    assert texts(TEXT[2], sentence_spans(TEXT[2])) == [
        "반도체 수출이 늘었다.",
        "정부는 지원을 약속했다。",
        "그러나 시장은 조용했다.",
    ]
    assert sentence_spans("e.g. a lower-case start. continues here") == [
        (0, len("e.g. a lower-case start. continues here"))
    ]


def test_sentences_never_cross_paragraphs() -> None:
    source = paragraph_source("p", "T", TEXT)
    text_map = TextMap(source)
    for start, end in text_map.sentences:
        assert "\n" not in source.body[start:end]
    assert len(text_map.sentences) == 4 + 2 + 3
    assert len(text_map.paragraphs) == 3


def test_paragraph_steps() -> None:
    text_map = TextMap(paragraph_source("p", "T", TEXT))
    assert text_map.paragraph_step(0, forward=True) == 4
    assert text_map.paragraph_step(4, forward=True) == 6
    assert text_map.paragraph_step(8, forward=True) == 6  # the last paragraph's first sentence
    assert text_map.paragraph_step(5, forward=False) == 4  # back to this paragraph's start
    assert text_map.paragraph_step(4, forward=False) == 0
    assert text_map.sentence_at(TEXT[0].index("Did")) == 2


def test_selection_grows_and_shrinks_by_word_sentence_and_paragraph() -> None:
    source = paragraph_source("p", "T", TEXT)
    text_map = TextMap(source)
    selection = text_map.start_selection(1)
    assert selection is not None

    def shown(sel: Selection) -> str:
        return source.body[slice(*sel.span)]

    assert shown(selection) == "Exports"
    selection = text_map.extend(selection, Unit.WORD, forward=True)
    assert shown(selection) == "Exports rose"
    selection = text_map.extend(selection, Unit.SENTENCE, forward=True)
    assert shown(selection) == "Exports rose 5.2% in May!"
    selection = text_map.extend(selection, Unit.SENTENCE, forward=True)
    assert shown(selection) == "Exports rose 5.2% in May! Did prices follow?"
    selection = text_map.extend(selection, Unit.PARAGRAPH, forward=True)
    assert shown(selection) == TEXT[0][TEXT[0].index("Exports") :]
    selection = text_map.extend(selection, Unit.SENTENCE, forward=False)
    assert shown(selection) == "Exports rose 5.2% in May! Did prices follow?"
    selection = text_map.extend(selection, Unit.SENTENCE, forward=False)
    assert shown(selection) == "Exports rose 5.2% in May!"
    selection = text_map.extend(selection, Unit.PARAGRAPH, forward=False)
    assert shown(selection) == "Exports"
    selection = text_map.extend(selection, Unit.WORD, forward=False)
    assert shown(selection) == "first. Exports"
    selection = text_map.extend(selection, Unit.SENTENCE, forward=False)
    assert shown(selection) == "Mr. Kim spoke first. Exports"
    selection = text_map.extend(selection, Unit.WORD, forward=True)
    assert shown(selection) == "Kim spoke first. Exports"
    selection = text_map.extend(selection, Unit.PARAGRAPH, forward=True)
    assert shown(selection) == "Exports"
    selection = text_map.extend(selection, Unit.WORD, forward=True)
    assert shown(selection) == "Exports rose"


def test_every_seed_splits_into_sentences_inside_its_text(seeds_library: Library) -> None:
    library = seeds_library
    for prefix in ("000", "001", "002", "003", "004"):
        source = seed_source(library, prefix)
        text_map = TextMap(source)
        assert text_map.sentences, prefix
        for start, end in text_map.sentences:
            piece = source.body[start:end]
            assert piece == piece.strip() and piece
