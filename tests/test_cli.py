"""The command line: list, show, ids, JSON output and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from brief.cli import main
from tests.conftest import SEEDS


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_json_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["list", str(SEEDS), "--json"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 5
    keys = {"id", "path", "title", "outlet", "author", "url", "published", "updated", "format",
            "words", "warnings"}  # fmt: skip
    assert all(keys <= row.keys() for row in rows)
    by_format = {row["format"] for row in rows}
    assert {"wordpress-json", "text-dump", "text"} <= by_format
    wp = next(row for row in rows if row["format"] == "wordpress-json")
    assert wp["published"] == "2024-04-23T08:00:17+09:00"
    # no row is titled by its file name
    assert all(
        not row["title"].startswith(("000_", "001_", "002_", "003_", "004_")) for row in rows
    )


def test_list_defaults_to_the_bundled_briefing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["list"], capsys)
    assert code == 0
    assert len(out.splitlines()) == 5


def test_show_by_id_and_by_path(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["list", "--json"], capsys)
    wp = next(json.loads(line) for line in out.splitlines() if "wordpress" in line)
    code, by_id, _ = run(["show", wp["id"]], capsys)
    assert code == 0
    assert by_id.splitlines()[0] == wp["title"]
    code, by_path, _ = run(["show", wp["path"]], capsys)
    assert by_path == by_id
    code, as_json, _ = run(["show", wp["id"][:6], "--json"], capsys)
    row = json.loads(as_json)
    assert row["id"] == wp["id"]
    assert not row["body"].startswith(wp["title"])
    assert "\n\nWhy It Matters\n\n" in row["body"]


def test_show_raw_marks_removed_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    prose = "The committee published its report on the harbour on Monday, officials said. " * 3
    page.write_text(
        "Home\nNews\nSport\nWeather\nLogin\nSubscribe\n\nHarbour report published\n\n"
        + "\n\n".join([prose] * 5)
        + "\n\nCopyright 2024 Example Media. All rights reserved.\nPrivacy\nTerms\n"
    )
    code, out, _ = run(["show", "--raw", str(page)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("- Subscribe") for line in lines)
    assert any(line.startswith("  The committee published") for line in lines)


def test_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(["show", "no-such-id"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("brief: no source with id or path") and err.count("\n") == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run(["show", str(empty)], capsys)
    assert code == 2 and "empty file" in err
    code, _, err = run(["list", str(tmp_path / "missing")], capsys)
    assert code == 2 and "no such file or folder" in err


def test_app_refuses_a_missing_path_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "brief.cli", str(tmp_path / "missing")],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
