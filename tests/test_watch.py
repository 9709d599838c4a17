"""Watching a pack: files added, changed and removed are noticed; hidden files are not."""

from __future__ import annotations

import os
from pathlib import Path

from brief.core.model import Library, Skipped
from brief.core.watch import PackWatcher, library_changes
from tests.conftest import paragraph_source


def test_poll_reports_added_changed_and_removed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "b.txt").write_text("second")
    watcher = PackWatcher([tmp_path])
    assert not watcher.poll()
    (tmp_path / "c.txt").write_text("third")
    (tmp_path / "a.txt").write_text("first, longer now")
    os.utime(tmp_path / "a.txt", ns=(1, 1))
    (tmp_path / "b.txt").unlink()
    (tmp_path / ".hidden").write_text("skipped like the loader skips it")
    changes = watcher.poll()
    assert changes.added == [tmp_path / "c.txt"]
    assert changes.changed == [tmp_path / "a.txt"]
    assert changes.removed == [tmp_path / "b.txt"]
    assert changes.summary() == "1 added, 1 changed, 1 removed"
    assert not watcher.poll()


def test_library_changes_are_the_files_that_read_otherwise() -> None:
    one = paragraph_source("one", "One", ["x"], path="/pack/a.txt")
    two = paragraph_source("two", "Two", ["y"], path="/pack/b.txt")
    edited = paragraph_source("two2", "Two", ["y, edited"], path="/pack/b.txt")
    new = paragraph_source("new", "New", ["z"], path="/pack/c.txt")
    before = Library([one, two], [Skipped(Path("/pack/d.bin"), "binary file")])
    assert not library_changes(before, before)
    after = Library([one, edited, new], [Skipped(Path("/pack/d.bin"), "empty file")])
    changes = library_changes(before, after)
    assert changes.added == [Path("/pack/c.txt")]
    assert sorted(changes.changed) == [Path("/pack/b.txt"), Path("/pack/d.bin")]
    assert changes.removed == []
    assert library_changes(after, Library([one])).removed == [
        Path("/pack/b.txt"),
        Path("/pack/c.txt"),
        Path("/pack/d.bin"),
    ]
