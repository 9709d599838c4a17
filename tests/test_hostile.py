"""A pack may hold anything: every bad file gets a one-line reason and the rest opens."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brief.core.ingest import files
from brief.core.loader import load_paths
from brief.core.model import Library

PROSE = "The council met on Tuesday and agreed a budget for the coming year. " * 5


def build_pack(root: Path) -> dict[str, str]:
    """A folder of hostile inputs; returns file name -> expected reason fragment."""
    root.mkdir(exist_ok=True)
    (root / "good.txt").write_text("A good headline\n\n" + PROSE, encoding="utf-8")
    expected: dict[str, str] = {}
    (root / "empty.txt").write_bytes(b"")
    expected["empty.txt"] = "empty file"
    (root / "blank.txt").write_text("  \n\n \t\n")
    expected["blank.txt"] = "empty file"
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    expected["photo.txt"] = "PNG image"
    (root / "program.bin").write_bytes(b"\x7fELF" + os.urandom(3000))
    expected["program.bin"] = "executable"
    (root / "noise.dat").write_bytes(bytes(range(256)) * 40)
    expected["noise.dat"] = "binary"
    (root / "fifo.txt").parent.mkdir(exist_ok=True)
    os.mkfifo(root / "fifo.txt")
    expected["fifo.txt"] = "not a regular file"
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    expected["loop-a.txt"] = "symbolic link loop"
    expected["loop-b.txt"] = "symbolic link loop"
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    expected["dangling.txt"] = "broken symbolic link"
    sub = root / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(root, target_is_directory=True)
    (sub / "nested.json").write_text("[" * 100000 + "]" * 100000)
    expected["nested.json"] = "no readable text"
    (sub / "locked.txt").write_text(PROSE)
    expected["locked.txt"] = "permission denied"
    (root / ".hidden.txt").write_text(PROSE)
    return expected


def readable_pack(root: Path) -> None:
    """Files that are odd but readable: each opens, with a warning where something was lost."""
    (root / "latin1.txt").write_bytes(("Café crème à São Paulo. " * 10).encode("cp1252"))
    (root / "utf16.txt").write_bytes("\ufeffUTF-16 headline\n\n".encode("utf-16-le") +
                                     PROSE.encode("utf-16-le"))  # fmt: skip
    (root / "escapes.txt").write_text(
        "Title with \x1b[31mcolour\x1b[0m\n\n\x1b]0;owned\x07Body [bold]kept[/] as typed. " + PROSE
    )
    (root / "post.txt").write_text(json.dumps({"title": "JSON post", "content": PROSE}))


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Library, dict[str, str]]:
    root = tmp_path / "pack"
    expected = build_pack(root)
    readable_pack(root)
    locked = root / "sub" / "locked.txt"
    os.chmod(locked, 0)
    if os.geteuid() == 0:  # root reads anything: make the OS refuse as it would for a user
        real_open = os.open

        def refuse(path: object, flags: int, *args: int) -> int:
            if Path(str(path)) == locked:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(files.os, "open", refuse)
    return load_paths([root]), expected


def test_every_bad_file_is_skipped_with_its_reason(hostile: tuple[Library, dict[str, str]]) -> None:
    library, expected = hostile
    reasons = {item.path.name: item.reason for item in library.skipped}
    for name, fragment in expected.items():
        assert name in reasons, f"{name} not listed as skipped"
        assert fragment in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]
    assert ".hidden.txt" not in reasons
    titles = {s.title for s in library.sources}
    assert "A good headline" in titles
    assert all(not s.path.name.startswith(".") for s in library.sources)


def test_odd_but_readable_files_open(hostile: tuple[Library, dict[str, str]]) -> None:
    library, _ = hostile
    by_name = {s.path.name: s for s in library.sources}
    assert "Café crème à São Paulo" in by_name["latin1.txt"].body
    assert any("Windows-1252" in w for w in by_name["latin1.txt"].warnings)
    assert by_name["utf16.txt"].title == "UTF-16 headline"
    escaped = by_name["escapes.txt"]
    assert "\x1b" not in escaped.title + escaped.body and "\x07" not in escaped.body
    assert escaped.title == "Title with colour"
    assert "[bold]kept[/]" in escaped.body
    assert by_name["post.txt"].title == "JSON post"


def test_large_file_is_read_with_a_bound(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    line = b"2024-01-01 12:00:00 INFO request served in 12 ms from worker 3\n"
    block = line * (1024 * 1024 // len(line) + 1)
    with log.open("wb") as out:
        for _ in range(200):
            out.write(block)
    assert log.stat().st_size > 200 * 1024 * 1024
    library = load_paths([log], limit=2 * 1024 * 1024)
    [source] = library.sources
    assert any("large file" in w and "200 MiB" in w for w in source.warnings)


def test_file_deleted_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "vanishing.txt"
    path.write_text(PROSE)
    path.unlink()
    got = files.read_file(path)
    assert got.error == "file vanished before it could be read"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "brief.cli", "list", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"brief: no such file or folder: {tmp_path / 'nope'}"
    assert "Traceback" not in result.stderr


def test_a_notes_mistake_is_a_usage_error_under_python_m(tmp_path: Path) -> None:
    """The commands' modules raise the same usage error the entry point catches, also when it
    runs as `python -m brief.cli` (a second copy of the module)."""
    store = tmp_path / "store.json"
    result = subprocess.run(
        [sys.executable, "-m", "brief.cli", "notes", "rm", "zzz", "--store", str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "brief: no annotation with the id 'zzz' (see `brief notes`)"


def test_brief_list_shows_skipped_files(
    hostile: tuple[Library, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from brief.cli import main

    _, expected = hostile
    assert main(["list", str(tmp_path / "pack")]) == 0
    out = capsys.readouterr().out
    for name, fragment in expected.items():
        line = next(
            line for line in out.splitlines() if line.startswith("skipped") and name in line
        )
        assert fragment in line


async def test_a_file_name_that_is_not_utf8_reads_and_is_remembered(tmp_path: Path) -> None:
    from brief.cli import main
    from brief.core.cache import LibraryCache
    from brief.core.loader import recall
    from brief.core.state import StateStore
    from brief.ui.app import BriefApp
    from tests.conftest import loaded

    folder = tmp_path / "pack"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9 notes.txt")  # Latin-1 bytes: not UTF-8
    (folder / name).write_text("A headline\n\n" + PROSE, encoding="utf-8")
    os.utime(folder / name, (1_500_000_000, 1_500_000_000))
    first = load_paths([folder], cache=LibraryCache())
    again = load_paths([folder], cache=LibraryCache())
    recalled = recall([folder], LibraryCache())
    assert recalled is not None
    for library in (first, again, recalled.library):
        assert [source.path for source in library.sources] == [folder / name]
    assert main(["list", str(folder)]) == 0

    app = BriefApp([folder])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.current is not None
    state = StateStore.open().pack_state([folder])  # saved on the way out, naming the file
    assert state.open_source(recalled.library.sources) == recalled.library.sources[0]
