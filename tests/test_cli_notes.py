"""`brief notes`: adding, listing, exporting and removing highlights from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from brief.cli import main
from tests.conftest import SEEDS

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

ARTICLE = """---
title: Harbour plan approved
date: 2024-05-02
outlet: Coastal Gazette
url: https://gazette.example/harbour
---

The committee approved the harbour plan on Tuesday after a long debate.

Critics said the dredging budget would double before the work was finished.

The mayor promised a public review of the costs in the spring.
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    path = folder / "harbour.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def rows(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def body_of(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(["show", str(path), "--json"], capsys)
    assert code == 0
    body = json.loads(out)["body"]
    assert isinstance(body, str)
    return body


def add(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(["notes", "add", *args], capsys)
    assert code == 0, err
    assert UUID.match(out.strip()) and out.count("\n") == 1
    return out.strip()


def test_add_then_list_shows_it_anchored(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = "the dredging budget would double"
    ident = add(
        [str(article), "--quote", quote, "--note", "Who says? #costs #sources", "--color", "3"],
        capsys,
    )
    code, out, err = run(["notes"], capsys)
    assert code == 0 and err == ""
    head, where, quoted, note = out.splitlines()
    body = body_of(article, capsys)
    start = body.index(quote)
    assert head == f"{ident}  anchored {start}-{start + len(quote)}  3 red (doubt)  #costs #sources"
    assert where.split(" · ")[0].strip() == "Harbour plan approved"
    assert where.endswith(str(article))
    assert quoted.strip() == f"> {quote}" and note.strip() == "Who says? #costs #sources"
    code, again, _ = run(["notes", "list"], capsys)
    assert again == out


def test_json_fields(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = "public review of the costs"
    ident = add([str(article), "--quote", quote, "--note", "#follow-up", "--color", "blue"], capsys)
    code, out, _ = run(["notes", "--json"], capsys)
    assert code == 0
    (row,) = rows(out)
    body = body_of(article, capsys)
    assert row["id"] == ident and row["quote"] == quote and row["note"] == "#follow-up"
    assert (row["color"], row["colour_name"], row["meaning"]) == (4, "blue", "to check")
    assert row["tags"] == ["follow-up"] and row["status"] == "anchored"
    assert isinstance(row["start"], int) and isinstance(row["end"], int)
    assert body[row["start"] : row["end"]] == quote
    source = row["source"]
    assert isinstance(source, dict)
    assert source["title"] == "Harbour plan approved" and source["path"] == str(article)
    assert source["loaded"] is True and isinstance(source["id"], str)


def test_add_by_id_prefix_in_the_bundled_briefing(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["list", "--json"], capsys)
    first = rows(out)[0]
    body = body_of(Path(str(first["path"])), capsys)
    quote = " ".join(body.split()[3:9])
    ident = add([str(first["id"])[:6], "--quote", quote], capsys)
    _, listed, _ = run(["notes", str(SEEDS), "--json"], capsys)
    (row,) = rows(listed)
    assert row["id"] == ident and row["source"] == {
        "id": first["id"],
        "path": first["path"],
        "title": first["title"],
        "loaded": True,
    }
    assert row["color"] == 1 and row["meaning"] == "key point"


def test_add_looks_ids_up_in_another_pack(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["list", str(article.parent), "--json"], capsys)
    source_id = str(rows(out)[0]["id"])
    code, _, err = run(["notes", "add", source_id, "--quote", "harbour plan"], capsys)
    assert code == 2 and "no source with id" in err  # not in the bundled briefing
    add([source_id, "--quote", "harbour plan", "--in", str(article.parent)], capsys)


def test_absent_quote_exits_1_and_writes_nothing(
    article: Path, capsys: pytest.CaptureFixture[str], private_store: Path
) -> None:
    code, out, err = run(["notes", "add", str(article), "--quote", "no such words"], capsys)
    assert code == 1 and out == ""
    assert err == "brief: the quote does not occur in 'Harbour plan approved'\n"
    assert not private_store.parent.exists() or not any(private_store.parent.iterdir())


def test_bad_colour_and_empty_quote_exit_2(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for colour in ("9", "0", "mauve"):
        code, out, err = run(["notes", "add", str(article), "--quote", "harbour", "--color", colour], capsys)  # fmt: skip
        assert code == 2 and out == ""
        assert err.startswith("brief: --color must be 1-5") and err.count("\n") == 1
    code, _, err = run(["notes", "add", str(article), "--quote", ""], capsys)
    assert code == 2 and err == "brief: --quote must not be empty\n"
    code, out, _ = run(["notes", "--json"], capsys)
    assert out == ""


def test_rm_removes_and_unknown_id_exits_2(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep = add([str(article), "--quote", "harbour plan"], capsys)
    gone = add([str(article), "--quote", "The mayor promised"], capsys)
    code, out, err = run(["notes", "rm", gone[:8]], capsys)
    assert code == 0 and err == ""
    assert out == f"removed {gone}  > The mayor promised  (Harbour plan approved)\n"
    _, listed, _ = run(["notes", "--json"], capsys)
    assert [row["id"] for row in rows(listed)] == [keep]
    code, out, err = run(["notes", "rm", gone], capsys)
    assert code == 2 and out == ""
    assert err == f"brief: no annotation with the id {gone!r} (see `brief notes`)\n"
    code, _, _ = run(["notes", "rm", keep, "nonsense"], capsys)  # checked before removing any
    assert code == 2
    _, listed, _ = run(["notes", "--json"], capsys)
    assert [row["id"] for row in rows(listed)] == [keep]


def test_markdown_export_is_a_stable_briefing(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add([str(article), "--quote", "The mayor promised a public review", "--color", "purple"], capsys)  # fmt: skip
    add([str(article), "--quote", "the dredging budget would double", "--note", "Source? #costs", "--color", "3"], capsys)  # fmt: skip
    code, first, _ = run(["notes", "--markdown"], capsys)
    _, second, _ = run(["notes", str(article.parent), "--markdown"], capsys)
    assert code == 0 and first == second
    assert first == (
        "# Notes\n"
        "\n"
        "## Harbour plan approved\n"
        "\n"
        "*Coastal Gazette* · 2024-05-02 · <https://gazette.example/harbour>\n"
        "\n"
        "> the dredging budget would double\n"
        "\n"
        "Source? #costs\n"
        "\n"
        "*doubt* (red) · #costs\n"
        "\n"
        "> The mayor promised a public review\n"
        "\n"
        "*quote* (purple)\n"
    )


def test_changed_file_moves_then_orphans(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = "the dredging budget would double"
    add([str(article), "--quote", quote], capsys)
    text = ARTICLE.replace("The committee", "Late on Tuesday night, the committee")
    article.write_text(text, encoding="utf-8")
    _, out, _ = run(["notes", "--json"], capsys)
    (row,) = rows(out)
    body = body_of(article, capsys)
    assert row["status"] == "moved" and (row["start"], row["end"]) == (
        body.index(quote),
        body.index(quote) + len(quote),
    )
    article.write_text(ARTICLE.replace(ARTICLE.split("\n\n")[2], "Nothing about money."))
    _, out, _ = run(["notes", "--json"], capsys)
    (row,) = rows(out)
    assert row["status"] == "orphan" and row["start"] is None and row["end"] is None
    article.unlink()
    code, out, err = run(["notes"], capsys)
    assert code == 0 and err == ""
    head, where, _ = out.splitlines()
    assert " orphan  " in head and where.endswith("(file missing)")
    _, out, _ = run(["notes", str(article.parent), "--json"], capsys)  # still under its folder
    (row,) = rows(out)
    source = row["source"]
    assert row["status"] == "orphan" and isinstance(source, dict) and source["loaded"] is False


def test_paths_select_the_annotations_of_their_sources(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other" / "note.txt"
    other.parent.mkdir()
    other.write_text("Budget talks\n\nThe minister said the budget would be balanced by 2027.\n")
    mine = add([str(article), "--quote", "harbour plan"], capsys)
    theirs = add([str(other), "--quote", "balanced by 2027"], capsys)
    for path, ident in ((article.parent, mine), (other, theirs)):
        _, out, _ = run(["notes", str(path), "--json"], capsys)
        assert [row["id"] for row in rows(out)] == [ident]
    _, out, _ = run(["notes", "--json"], capsys)
    assert {row["id"] for row in rows(out)} == {mine, theirs}
    code, _, err = run(["notes", str(tmp_path / "missing")], capsys)
    assert code == 2 and "no such file or folder" in err


def test_corrupt_store_is_reported_and_work_goes_on(
    article: Path, capsys: pytest.CaptureFixture[str], private_store: Path
) -> None:
    private_store.write_text('{"version": 1, "annotations": [')
    code, out, err = run(["notes"], capsys)
    assert code == 0 and out.startswith("No annotations")
    assert err.startswith(f"brief: The annotation store {private_store} could not be read")
    (aside,) = private_store.parent.glob("annotations.json.corrupt-*")
    assert f"moved to {aside}" in err and aside.read_text() == '{"version": 1, "annotations": ['
    add([str(article), "--quote", "harbour plan"], capsys)


def test_newer_store_lists_but_refuses_changes(
    article: Path, capsys: pytest.CaptureFixture[str], private_store: Path
) -> None:
    ident = add([str(article), "--quote", "harbour plan"], capsys)
    doc = json.loads(private_store.read_text())
    doc["version"] = 2
    private_store.write_text(json.dumps(doc))
    before = private_store.read_bytes()
    code, out, err = run(["notes", "--json"], capsys)
    assert code == 0 and [row["id"] for row in rows(out)] == [ident]
    assert "read-only" in err
    for args in (["add", str(article), "--quote", "The mayor"], ["rm", ident]):
        code, out, err = run(["notes", *args], capsys)
        assert code == 2 and out == ""
        assert err.splitlines()[-1].startswith("brief: cannot ")
        assert "newer brief" in err.splitlines()[-1]
    assert private_store.read_bytes() == before


def test_reading_commands_create_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "not-yet" / "annotations.json"
    monkeypatch.setenv("BRIEF_STORE", str(store))
    for args in (["notes"], ["notes", "--json"], ["notes", "--markdown"], ["timeline"]):
        code, _, err = run(args, capsys)
        assert code == 0 and err == ""
    code, _, _ = run(["notes", "rm", "nothing"], capsys)
    assert code == 2
    assert not store.parent.exists()


def test_store_option_before_or_after_the_action(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "elsewhere.json")
    first = add(["--store", store, str(article), "--quote", "harbour plan"], capsys)
    code, out, _ = run(["notes", "--store", store, "add", str(article), "--quote", "The mayor"], capsys)  # fmt: skip
    assert code == 0
    _, listed, _ = run(["notes", "--json", "--store", store], capsys)
    assert [row["id"] for row in rows(listed)] == [first, out.strip()]
    _, default, _ = run(["notes", "--json"], capsys)
    assert default == ""


def test_notes_text_is_shown_literally(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add([str(article), "--quote", "harbour plan", "--note", "\x1b[31mred\x1b[0m [bold]x[/bold]"], capsys)  # fmt: skip
    _, out, _ = run(["notes"], capsys)
    assert "\x1b" not in out and "red [bold]x[/bold]" in out


def test_help_explains_every_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["notes", "--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0
    for words in ("brief notes add SOURCE --quote TEXT", "brief notes rm ID", "--markdown",
                  "Exit status: 0", "orphan"):  # fmt: skip
        assert words in out
    with pytest.raises(SystemExit):
        main(["notes", "add", "--help"])
    assert "--quote TEXT" in capsys.readouterr().out
