"""The README stays true: its keys table matches the live bindings, its commands are there."""

from __future__ import annotations

from brief.core.paths import bundled_pack
from brief.ui.app import BriefApp
from tests.conftest import ROOT


async def test_readme_lists_every_binding_with_its_keys() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    app = BriefApp([bundled_pack()])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        rows = app.help_rows()
        for key in ("t", "s", "A", "a"):
            await pilot.press(key)
            await pilot.pause()
            rows += app.help_rows(app.screen)
            await pilot.press("escape")
            await pilot.pause()
        for row in rows:
            assert f"| {row.description} | `{row.keys}` | `{row.binding_id}` |" in readme, row


def test_readme_has_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "uv run brief " in readme and "uv run pytest" in readme
    assert "python3 -m pip install uv" in readme
