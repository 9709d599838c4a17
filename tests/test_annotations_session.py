"""The annotation session: placements on loaded sources, the highlight under a range, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from brief.core.annotations.session import AnnotationSession
from brief.core.annotations.store import AnnotationStore
from tests.conftest import paragraph_source

BODY = ["Exports rose in May. Prices held steady.", "Officials declined to comment."]


def test_highlight_under_counts_and_undo_levels(tmp_path: Path) -> None:
    source = paragraph_source("s1", "Exports", BODY)
    other = paragraph_source("s2", "Other", ["Nothing here."])
    session = AnnotationSession(AnnotationStore(tmp_path / "a.json"), [source, other])
    first = session.highlight(source, 0, 20)
    inner = session.highlight(source, 8, 12, color=3)
    assert session.counts() == {"s1": 2}
    assert session.under("s1", 9, 10) == inner  # the shortest of those covering the point
    assert session.under("s1", 0, 20) == first  # the one overlapping most
    assert session.under("s1", 21, 30) is None
    assert session.under("s2", 0, 5) is None
    session.set_note(first.annotation.id, "why #check")
    session.set_source_date("s1", date(2024, 5, 1))
    session.delete(inner.annotation.id)
    assert [p.annotation.id for p in session.on_source("s1")] == [first.annotation.id]
    undone = [session.undo() for _ in range(4)]
    assert [u.what for u in undone if u] == [
        "highlight deleted",
        "date set",
        "note changed",
        "highlight added",
    ]
    assert session.store.source_date("s1") is None
    assert [p.annotation.note for p in session.on_source("s1")] == [""]
    assert session.undo() is not None and session.on_source("s1") == []
    assert session.undo() is None and not session.can_undo


def test_picks_up_another_session_and_keeps_orphans(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    source = paragraph_source("s1", "Exports", BODY)
    mine = AnnotationSession(AnnotationStore(path), [source])
    theirs = AnnotationStore(path)
    assert not mine.reload_if_changed()
    theirs.add_quote(source, "Prices held steady.")
    assert mine.reload_if_changed()
    assert mine.counts() == {"s1": 1}
    changed = paragraph_source("s1b", "Exports", ["Exports rose in May.", "Nothing else."])
    mine.set_sources([changed])
    assert [p.annotation.quote.exact for p in mine.orphans()] == ["Prices held steady."]
    assert mine.counts() == {}
