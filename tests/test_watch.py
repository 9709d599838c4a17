"""Watching a pack: files added, changed and removed are noticed; hidden files are not."""

from __future__ import annotations

import os
from pathlib import Path

from brief.core.watch import PackWatcher


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
