"""Cleaning of synthetic text dumps: wrapped paragraphs joined, chrome removed, any language."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from brief.core.clean.lines import parse_lines, wrap_width
from brief.core.clean.units import split_units
from brief.core.ingest.textdump import looks_like_dump
from brief.core.model import BlockKind, Format
from brief.core.text import SPACES
from tests.conftest import read_single

_DIGIT = re.compile(r"\d")
"""The plain test for a digit, which the byte tests are checked against."""

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the network of protected bicycle lanes across "
    "the old town, a plan that had been debated for more than three years by residents, shop "
    "owners and the regional transport authority.",
    "Supporters said the lanes would make the narrow streets safer for children on their way to "
    "school, while opponents worried about deliveries and parking. The final vote was eleven to "
    "four, with two members absent.",
    "Work on the first stretch, along the river, is due to begin in the spring. The council said "
    "the whole network should be finished within two years if the budget allows it.",
]
MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Opinion", "Video"]


def w3m_page(paragraphs: list[str], heading: str | None = None) -> str:
    """A page as `w3m -dump` prints it: bullets, menus, paragraphs wrapped at 80 columns."""
    lines = ["Skip to main content", "[logo]", ""]
    lines += [f"  • {item}" for item in MENU]
    lines += ["", "Search [                    ]", ""]
    lines += ["Bicycle lanes to spread across the old town after council vote", ""]
    lines += ["By Jane Example", "", "Published: March 3, 2023 10:15", ""]
    lines += ["  • Share", "  • Tweet", "  • Email", ""]
    for index, paragraph in enumerate(paragraphs):
        lines += textwrap.wrap(paragraph, 80)
        lines.append("")
        if heading and index == 0:
            lines += [heading, ""]
    lines += ["Most Read", ""]
    most_read = ["Storm closes two bridges", "Mayor opens new library", "Local team wins the cup"]
    lines += [f"  • {title}" for title in most_read]
    lines += ["", "  • About us", "  • Contact", "  • Privacy Policy", "  • Terms of Use", ""]
    lines += ["© 2023 Example Media Ltd. All rights reserved.", ""]
    return "\n".join(lines)


def test_wrap_width_of_w3m_dump() -> None:
    """The width a dump was wrapped at is found; unwrapped text has none."""
    assert wrap_width(parse_lines(w3m_page(PARAGRAPHS * 3))[1]) in range(70, 81)
    assert wrap_width(parse_lines("\n\n".join(PARAGRAPHS * 4))[1]) is None


def test_wrapped_lines_joined() -> None:
    """Lines wrapped at 80 columns come back as one paragraph each; bullets stay items."""
    text = w3m_page(PARAGRAPHS)
    _, units, width = split_units(text)
    assert width is not None
    texts = [unit.text for unit in units]
    for paragraph in PARAGRAPHS:
        assert paragraph in texts
    assert any(unit.marker == "•" and unit.text == "Sport" for unit in units)


def test_w3m_dump_cleaned() -> None:
    """Only the article is left: menu, share buttons, most-read list and footer are gone."""
    source = read_single(w3m_page(PARAGRAPHS, heading="What happens next"))
    assert source.format is Format.DUMP
    assert [b.text for b in source.blocks if b.kind is BlockKind.PARAGRAPH] == PARAGRAPHS
    assert any(b.kind is BlockKind.HEADING and b.text == "What happens next" for b in source.blocks)
    for gone in ("Skip to main content", "Sport", "Share", "Most Read", "Storm closes",
                 "Privacy Policy", "All rights reserved", "By Jane Example"):  # fmt: skip
        assert gone not in source.body


def test_w3m_dump_metadata() -> None:
    """Headline, byline and labelled date are recovered from the chrome."""
    source = read_single(w3m_page(PARAGRAPHS))
    assert source.title == "Bicycle lanes to spread across the old town after council vote"
    assert source.author == "Jane Example"
    assert source.published == datetime(2023, 3, 3, 10, 15)
    assert source.outlet == "Example Media Ltd"


def test_raw_lines_mark_every_line() -> None:
    """Every source line is in raw, with removed lines dimmed for a reason."""
    text = w3m_page(PARAGRAPHS)
    source = read_single(text)
    assert [line.text for line in source.raw] == text.split("\n")
    reasons = {line.text.strip(): line.reason for line in source.raw if not line.kept}
    assert reasons["[logo]"] == "image name"
    assert reasons["By Jane Example"] == "metadata"
    assert reasons["Bicycle lanes to spread across the old town after council vote"] == "title"
    assert reasons["• Sport"]
    kept = [line.text for line in source.raw if line.kept and line.text.strip()]
    assert kept[0].startswith("The city council voted")


PORTUGUESE = [
    "A prefeitura anunciou nesta terça-feira um novo plano para ampliar as ciclovias no centro "
    "histórico, depois de três anos de debate com moradores, comerciantes e a empresa de "
    "transportes da região.",
    "Segundo a secretaria, as obras começam na primavera e devem terminar em dois anos. Os "
    "moradores poderão acompanhar cada etapa pelo site da prefeitura, que publicará relatórios "
    "mensais sobre o andamento.",
    "Os críticos afirmam que o projeto prejudica as entregas do comércio local, mas a maioria "
    "dos vereadores votou a favor da proposta, por onze votos a quatro.",
]


def test_portuguese_dump() -> None:
    """A page in Portuguese keeps its text; its chrome (in Portuguese) goes."""
    lines = ["Início", "Notícias", "Esportes", "Entrar", "Assine", ""]
    lines += ["Prefeitura amplia ciclovias no centro histórico", ""]
    for paragraph in PORTUGUESE:
        lines += [*textwrap.wrap(paragraph, 80), ""]
    lines += ["Leia também", "  • Chuva fecha duas pontes", "  • Time local vence a copa", ""]
    lines += ["Compartilhe", "© 2023 Exemplo Comunicação. Todos os direitos reservados."]
    source = read_single("\n".join(lines))
    assert [b.text for b in source.blocks] == PORTUGUESE
    assert source.title == "Prefeitura amplia ciclovias no centro histórico"


RUSSIAN = [
    "Городской совет во вторник одобрил план расширения сети велосипедных дорожек в старом "
    "центре города, который обсуждался с жителями и владельцами магазинов более трёх лет.",
    "Сторонники проекта считают, что дорожки сделают узкие улицы безопаснее для детей, а "
    "противники опасаются проблем с доставкой товаров и парковкой автомобилей.",
]


def test_russian_dump_unwrapped() -> None:
    """An unwrapped dump (one paragraph a line) in Russian: menu and footer go, text stays."""
    lines = ["Главная", "Новости", "Поиск", "Войти", "Меню"]
    lines += ["Совет одобрил новые велосипедные дорожки", *RUSSIAN]
    lines += ["Читайте также", "  * Мост закрыт из-за шторма", "  * Цены снова выросли"]
    lines += ["© 2023 Пример. Все права защищены."]
    source = read_single("\n".join(lines))
    assert source.format is Format.DUMP
    assert [b.text for b in source.blocks] == RUSSIAN


def test_korean_skip_link_and_buttons() -> None:
    """Korean skip links and buttons are chrome; the Korean article stays."""
    body = [
        "정부는 반도체 산업의 경쟁력을 높이기 위해 올해 새로운 지원 방안을 마련하고 관련 "
        "기업들과 긴밀하게 협력하겠다고 밝혔다.",
        "업계에서는 이번 조치가 수출 회복에 도움이 될 것이라는 기대가 나오고 있지만, 구체적인 "
        "시행 시기는 아직 정해지지 않았다.",
    ]
    lines = ["본문 바로가기", "로그인", "회원가입", "전체메뉴", "", "반도체 지원 방안 발표", ""]
    lines += [*body, "", "Copyright © 예시신문. 무단 전재 및 재배포 금지."]
    source = read_single("\n".join(lines))
    assert [b.text for b in source.blocks] == body
    assert "본문 바로가기" not in source.body


def test_repeated_caption_dropped() -> None:
    """A caption the dump prints twice, and a headline line followed by a caption, are not body."""
    caption = "The mayor, second from left, visits the river bank where work will start in spring."
    headline = "Council backs bicycle lanes for the old town"
    lines = ["Home", "News", "Sport", "Login", "", headline, "", caption, caption, ""]
    lines += [PARAGRAPHS[0], "", f"{headline} {caption} Photo by Jo Example", ""]
    lines += [PARAGRAPHS[1], "", PARAGRAPHS[2], "", "© 2023 Example. All rights reserved."]
    source = read_single("\n".join(lines))
    assert [b.text for b in source.blocks if b.kind is not BlockKind.CAPTION] == PARAGRAPHS
    assert len([b for b in source.blocks if caption in b.text]) <= 1
    assert source.title == headline


def test_clock_line_is_not_a_date() -> None:
    """A page clock above the headline is not the publication date; no date is guessed."""
    lines = ["Home", "News", "Sport", "Login", "", "Tue, March 28, 2023 | 05:03", ""]
    lines += ["Council backs bicycle lanes for the old town", ""]
    lines += [PARAGRAPHS[0], "", PARAGRAPHS[1], "", PARAGRAPHS[2], "", "Subscribe", "Privacy"]
    source = read_single("\n".join(lines))
    assert source.published is None
    assert [b.text for b in source.blocks] == PARAGRAPHS


def test_looks_like_dump() -> None:
    """Page chrome makes a dump; an article with a title and paragraphs is plain text."""
    assert looks_like_dump(w3m_page(PARAGRAPHS))
    article = "Bicycle lanes for the old town\n\n" + "\n\n".join(PARAGRAPHS)
    assert not looks_like_dump(article)
    assert not looks_like_dump("\n\n".join([*PARAGRAPHS, "What next", *PARAGRAPHS]))


def test_japanese_lines_joined_without_spaces() -> None:
    """A Japanese line wrapped next to a Latin word joins without a space; Korean keeps one."""
    from brief.core.clean.units import _joiner

    assert _joiner("パスワード管理ソフト", "KeePassの起動") == ""
    assert _joiner("ずっとKeePass", "を愛用しています。") == ""
    assert _joiner("Kindle for", "PC") == " "
    assert _joiner("한국어 문장이", "이어집니다") == " "


def test_japanese_lines_wrapped_by_w3m() -> None:
    """Japanese wrapped at 80 columns (40 wide characters) is joined without spaces, and a short
    line that ends a paragraph is not joined to the next one."""
    long = "今回はそのデスクトップアプリに関する話をしようと思います。" * 4
    lines = ["[logo]", "メニュー", "ホーム", "ニュース", "検索", "ログイン", ""]
    lines += ["これが非常に困ったもの。"]
    lines += [long[i : i + 40] for i in range(0, len(long), 40)]
    lines += ["", "困った挙げ句、色々調べた結果、別の方法でこの設定を変更することにしました。", ""]
    lines += ["ログイン", "ホーム"]
    source = read_single("\n".join(lines))
    texts = [block.text for block in source.blocks]
    assert "これが非常に困ったもの。" in texts
    assert long in texts


@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(["Word", "second", "más", "два", "반도체", "5%"]),
                st.text(alphabet=" \t\u00a0\u2002\u2009\u202f\u3000", min_size=1, max_size=3),
            ),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_white_space_collapsed_as_everywhere(lines: list[list[tuple[str, str]]]) -> None:
    """A line's text has every run of white space (tabs, no-break and wide spaces) collapsed to
    one space and its ends stripped, as elsewhere in brief."""
    raws = ["Line " + "".join(word + space for word, space in line) for line in lines]
    _, parsed = parse_lines("\n".join(raws))
    assert [text for _, text, *_ in parsed] == [SPACES.sub(" ", raw).strip() for raw in raws]


def test_fast_raw_lines_equal_the_dataclass_and_stay_frozen() -> None:
    from dataclasses import FrozenInstanceError

    from brief.core.model import RawLine, raw_line

    for args in (("Menu", False, "menu"), ("A paragraph.", True, ""), ("", True, "")):
        made = raw_line(*args)
        assert made == RawLine(*args)
        assert hash(made) == hash(RawLine(*args))
        assert repr(made) == repr(RawLine(*args))
    assert raw_line("x", True) == RawLine("x", True)
    with pytest.raises(FrozenInstanceError):
        raw_line("x", True).text = "y"  # type: ignore[misc]


@given(st.text(alphabet=".,?!; a。，、！？文é", min_size=1, max_size=300))
def test_sentence_marks_count_latin_and_chinese_marks(text: str) -> None:
    """A mark followed by a space, or a Chinese or Japanese mark (no space after it), counts once;
    a text ending in a full stop, question or exclamation mark one more (short texts and long
    ones, counted one kind of mark at a time, alike)."""
    from brief.core.clean.features import sentence_marks

    marks = len(re.findall(r"[.,?!;] |[。，、！？]", text)) + (text[-1:] in (".", "!", "?"))
    assert sentence_marks(text) == marks


def test_verdicts_worked_out_once_per_text_are_those_of_each_unit() -> None:
    """The verdicts and weights the classifier starts from, looked up once a text's are known,
    are what each unit gets on its own (bulleted items, numbered ones and lines alike, a text
    drawn both as an item and as a line)."""
    from brief.core.clean.analysis import Analysis
    from brief.core.clean.classify import first_verdicts
    from brief.core.clean.labels import SHORT, label_unit
    from brief.core.clean.weights import is_row, value

    text = w3m_page(PARAGRAPHS) + (
        "\n\n1. Numbered item, long enough to read as a sentence here.\n\n"
        "Results 2024\n\nTeam A 3 1\n\nTeam B 2 2\n\n  • Team C 1 3\n\nTeam A 3 1\n"
        "\n  • Team A 3 1\n\n  • Team A 3 1\n\nShare\n"
    )
    lines, units, width = split_units(text)
    feats = Analysis(text, lines, units, width).features_of()
    expected = [label_unit(unit, feat) for unit, feat in zip(units, feats, strict=True)]
    weights = [value(verdict, feat) for verdict, feat in zip(expected, feats, strict=True)]
    rows = [
        verdict.label is SHORT and is_row(unit.text)
        for unit, verdict in zip(units, expected, strict=True)
    ]
    for _ in range(2):
        assert first_verdicts(units, feats) == (expected, weights, rows)
    assert any(unit.marker == "1." for unit in units)
    assert any(unit.marker == "•" for unit in units)
    assert sum(rows) == 6


def test_blocks_from_known_features_are_those_measured_again() -> None:
    """Blocks made with the units' features at hand (headings told by them) are the blocks made
    by measuring each kept unit again."""
    from brief.core.clean.analysis import Analysis
    from brief.core.clean.blocks import build_blocks

    text = w3m_page(PARAGRAPHS, heading="A heading between the paragraphs")
    lines, units, width = split_units(text)
    feats = Analysis(text, lines, units, width).features_of()
    keep = [True] * len(units)
    assert build_blocks(units, keep, True, None, feats) == build_blocks(units, keep, True)
    assert any(block.kind is BlockKind.HEADING for block in build_blocks(units, keep, True))


_MIXED_TEXT = st.text(alphabet="ab é_1²½Ⅻ-'’.\u00a0\u3000\t\n文한ж,ßİ", max_size=60)


@given(_MIXED_TEXT)
def test_words_told_by_pieces_are_those_the_pattern_finds(text: str) -> None:
    """Words counted (features) or listed (language) piece by piece between white space are
    those the plain patterns find in the whole text."""
    from brief.core import language
    from brief.core.clean import features

    assert features.letter_runs(text) == len(features._WORD.findall(text))
    assert sorted(language.letter_words(text)) == sorted(language._WORD.findall(text))


def test_metadata_from_known_features_is_that_measured_again() -> None:
    """The metadata found with the units' features and repetition counts at hand (words, title
    copies) is the metadata found by measuring the units again."""
    from brief.core.clean.analysis import Analysis
    from brief.core.clean.classify import classify, key_counts
    from brief.core.clean.meta import find_meta

    text = w3m_page(PARAGRAPHS).replace("Skip to main content", "Bicycle lanes to spread across")
    lines, units, width = split_units(text)
    feats = Analysis(text, lines, units, width).features_of()
    counts = key_counts(feats)
    verdicts, (start, _) = classify(units, feats, counts)
    meta = find_meta(units, verdicts, start, feats, counts)
    assert meta == find_meta(units, verdicts, start)
    assert meta.title and meta.author and meta.published


@given(st.text(alphabet="abzAZ 1_-'.,\n\t@[", max_size=80))
def test_ascii_words_are_those_the_pattern_finds(text: str) -> None:
    """The words of an ASCII text, told by a byte table, are those the plain pattern finds in
    the text lower-cased."""
    from brief.core import language

    assert language.ascii_words(text) == language._WORD.findall(text.lower())


def _units_line_by_line(text: str) -> list[tuple[list[int], str, str, int, bool]]:
    """The units of a wrapped text built the plain way: each line joined to the unit before it
    when it follows it at its text's column, the line before it was full (`_is_full`) and no
    bullet starts it (the rule `build_units` follows, with fast paths)."""
    from brief.core.clean.lines import text_column
    from brief.core.clean.units import _SENTENCE_END, _is_full, _joiner

    raws, lines = parse_lines(text)
    width = wrap_width(lines)
    assert width is not None
    units: list[tuple[list[int], str, str, int, bool]] = []
    last, last_width, last_text = -2, 0, ""
    for index, line_text, marker, indent, line_width in lines:
        if units and index == last + 1:
            joined, unit_text, unit_marker, unit_indent, blank = units[-1]
            column = text_column(raws[joined[0]], unit_indent, unit_marker)
            continues = not (marker in ("•", "*") or (marker and _SENTENCE_END.search(last_text)))
            if (
                indent == (column if unit_marker else unit_indent)
                and _is_full(raws[last], last_width, marker, line_text, width)
                and continues
            ):
                piece = f"{marker} {line_text}" if marker else line_text
                unit_text += _joiner(unit_text, piece) + piece
                units[-1] = ([*joined, index], unit_text, unit_marker, unit_indent, blank)
                last, last_width, last_text = index, line_width, line_text
                continue
        units.append(([index], line_text, marker, indent, index != last + 1))
        last, last_width, last_text = index, line_width, line_text
    return units


_WORDS = st.one_of(
    st.text(alphabet="abcdefgh", min_size=1, max_size=11),
    st.sampled_from(["à", "été", "文字", "日本語の", "one.", "done:"]),
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "  • ", "  * ", "  1. ", "    ", "- "]),
            st.lists(_WORDS, min_size=1, max_size=40),
            st.booleans(),
        ),
        min_size=4,
        max_size=12,
    ),
    st.integers(min_value=30, max_value=80),
)
@settings(max_examples=200)
def test_wrapped_units_are_those_joined_line_by_line(
    paragraphs: list[tuple[str, list[str], bool]], width: int
) -> None:
    """Units of a wrapped dump (ASCII lines joined by the short way) are those built line by
    line with the general tests (paragraphs wrapped at a width, with or without a blank line
    after them)."""
    lines = [*textwrap.wrap(" ".join(PARAGRAPHS), width), "", "short", "", "lines", ""]
    for start, words, blank in paragraphs:
        lines += textwrap.wrap(" ".join(words), width, initial_indent=start)
        lines += [""] if blank else []
    text = "\n".join(lines)
    _, units, found = split_units(text)
    assume(found is not None)
    built = [(unit.lines, unit.text, unit.marker, unit.indent, unit.blank_before) for unit in units]
    assert built == _units_line_by_line(text)


def test_wrapped_units_at_the_fullness_boundary() -> None:
    """A line is joined to the one before it only when its first word did not fit after it: one
    column less and it stays a unit of its own (as the general test finds)."""
    lines = [*textwrap.wrap(" ".join(PARAGRAPHS), 60), "", "short", "", "lines", ""]
    width = wrap_width(parse_lines("\n".join(lines))[1])
    assert width is not None
    for first in (width - 5, width - 4):
        text = "\n".join([*lines, "abc", "x" * first + " tail", ""])
        _, units, _ = split_units(text)
        built = [(u.lines, u.text, u.marker, u.indent, u.blank_before) for u in units]
        assert built == _units_line_by_line(text)
        assert (units[-1].text == "x" * first + " tail") is (first == width - 5)


@given(st.lists(st.integers(60, 80) | st.integers(0, 220), max_size=300))
def test_wrap_width_counted_by_bisection_as_line_by_line(widths: list[int]) -> None:
    """The wrap width found by counting sorted widths by bisection is the one found by counting
    the lines near the width, and the short ones, one by one."""
    lines = [(index, "x", "", 0, width) for index, width in enumerate(widths)]
    ordered = sorted(widths)
    expected: int | None = None
    if len(ordered) >= 8:
        width = ordered[-1 - max(1, len(ordered) // 100)]
        near = sum(1 for w in ordered if width - 12 <= w <= width)
        short = sum(1 for w in ordered if w < width - 15)
        if (
            30 <= width <= 200
            and near >= max(3, len(ordered) // 20)
            and short >= max(2, len(ordered) // 40)
        ):
            expected = width
    assert wrap_width(lines) == expected


@given(
    st.lists(
        st.sampled_from(["Read", "more", "continue", "reading", "[…]", "[...]", "»", "leia"])
        | st.sampled_from(["Leggi", "читать", "далее", "word", ".", "!", "”", ")", "]", "…"])
        | st.text("ab .?!:;\"')]»", min_size=1, max_size=3),
        min_size=1,
        max_size=12,
    ).map(" ".join)
)
def test_sentence_and_teaser_written_out_are_those_of_the_plain_tests(text: str) -> None:
    """A unit's features tell its end (sentence, teaser) as the plain tests do: `ends_sentence`,
    and the teaser pattern searched at the end of the text (or a headline cut short)."""
    from brief.core.clean import features

    feat = features._features(text)
    tail = text[-40:]
    cut = feat.words <= features.CUT_WORDS and features._CUT.search(tail) is not None
    assert feat.sentence == features.ends_sentence(text)
    assert feat.teaser == (features._TEASER.search(tail.lower()) is not None or cut)


def test_page_features_are_each_text_measured_once() -> None:
    """A page's features, each text measured once on the page (and short ones once for all
    pages), are those of each text measured on its own; a repeated text shares its value."""
    from brief.core.clean import features

    long = " ".join(PARAGRAPHS)
    texts = ["Home", "Share this story", long, "Home", long, "© 2023 Example Media Ltd."]
    known: dict[str, features.Features] = {}
    found = features.page_features(texts, known)
    assert found == [features.features(text) for text in texts]
    assert found[0] is found[3] and found[2] is found[4]
    assert features.page_features(["Home"], {})[0] is found[0]


_POOL = ["Share", "Home", "[logo]", "Top stories", "Weather today", *PARAGRAPHS, "Why?", "·"]


@given(st.lists(st.sampled_from(_POOL), max_size=40))
def test_chrome_heavy_told_early_as_by_counting_all(texts: list[str]) -> None:
    """Whether units are chrome or short labels enough, told as soon as the counts reach it, is
    what counting all of them tells."""
    from brief.core.clean.features import features
    from brief.core.ingest.textdump import _heavy

    feats = [features(text) for text in texts]
    chrome = sum(1 for f in feats if f.words == 0 or f.image or f.form or f.chrome or f.copyright)
    short = sum(
        1
        for f in feats
        if not (f.words == 0 or f.image or f.form or f.chrome or f.copyright)
        and f.words < 5
        and not f.sentence
    )
    count = len(feats)
    expected = count >= 4 and (
        (chrome >= 2 and (chrome + short) / count >= 0.2) or (short >= 6 and short / count >= 0.4)
    )
    assert _heavy(feats) == expected


def test_dump_told_by_its_footer_alone() -> None:
    """A page whose chrome is all after its first lines is told by its last units."""
    prose = "\n\n".join(PARAGRAPHS * 120)
    words = ["Home", "Share", "Login", "Contact", "About"] * 8
    footer = "\n".join(f"  • {word}" for word in words)
    assert not looks_like_dump(prose)
    assert looks_like_dump(prose + "\n\n" + footer)


@given(st.text(alphabet="ab 12²٣.-", max_size=30))
def test_table_rows_told_by_their_bytes_as_by_the_digit_pattern(text: str) -> None:
    """A short line reads as a table's row (several numbers) as the plain test finds: a digit
    searched for, then its tokens of digits counted."""
    from brief.core.clean.weights import TABLE_NUMBERS, is_row

    numbers = sum(1 for token in text.split() if token.isdigit())
    assert is_row(text) == (_DIGIT.search(text) is not None and numbers >= TABLE_NUMBERS)


@given(
    st.lists(
        st.sampled_from(["May", "3", "2023", "10:15", "5h", "ago", "Posted", "١٢", "x"])
        | st.text("ab 1.:-", min_size=1, max_size=5),
        min_size=1,
        max_size=14,
    ).map(" ".join)
)
def test_dates_told_by_an_ascii_text_bytes_as_by_the_digit_pattern(text: str) -> None:
    """A short unit holds a date as the plain tests find: a digit searched for, then the date
    pattern in the text lower-cased."""
    from brief.core.clean import features

    feat = features._features(text)
    digit = _DIGIT.search(text) is not None
    expected = feat.words <= 12 and digit and features._DATELIKE.search(text.lower()) is not None
    assert feat.datelike == expected


@given(
    st.lists(
        st.tuples(
            st.text(alphabet=" \t\u00a0\u3000\u2003", max_size=3),
            st.sampled_from(["", "• ", "1. ", "a) ", "- "]),
            st.text(alphabet="ab .\u00a0\u3000\t", min_size=1, max_size=8),
            st.text(alphabet=" \t\u00a0\u3000\u2003", max_size=3),
        ).map("".join),
        max_size=8,
    )
)
def test_line_indent_and_width_are_those_of_the_stripped_line(raws: list[str]) -> None:
    """A line's indentation and width are its raw line's leading spaces (tabs counting four) and
    its length without trailing white space, however the line starts and ends."""
    _, parsed = parse_lines("\n".join(raws))
    for index, _, _, indent, width in parsed:
        raw = raws[index].expandtabs(4)
        assert indent == len(raw) - len(raw.lstrip(" \u3000\u00a0"))
        assert width == len(raw.rstrip())
