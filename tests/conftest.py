"""Shared fixtures: the bundled seeds and the shared evaluation data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from brief.core.ingest import read_bytes
from brief.core.loader import load_paths
from brief.core.model import Block, BlockKind, Format, Library, Source
from brief.ui.screens.main import MainScreen

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def seeds_library() -> Library:
    """The bundled briefing, read once per test session."""
    return load_paths([SEEDS])


def seed_source(library: Library, prefix: str) -> Source:
    """The seed source read from the file whose name starts with `prefix` (e.g. "004")."""
    for source in library.sources:
        if source.path.name.startswith(prefix):
            return source
    raise LookupError(prefix)


@pytest.fixture(autouse=True)
def private_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own annotation store: the user's real data is never touched."""
    path = tmp_path_factory.mktemp("store") / "annotations.json"
    monkeypatch.setenv("BRIEF_STORE", str(path))
    return path


@pytest.fixture(autouse=True)
def private_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own reading-state file: the user's real state is never touched."""
    path = tmp_path_factory.mktemp("state") / "state.json"
    monkeypatch.setenv("BRIEF_STATE", str(path))
    return path


@pytest.fixture(autouse=True)
def private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The user's own config file is never read: the default place is in an empty folder.

    Returns where the default config file is looked for (it does not exist).
    """
    home = tmp_path_factory.mktemp("config")
    monkeypatch.delenv("BRIEF_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "brief" / "config.toml"


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own library cache folder: the user's real cache is never touched."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BRIEF_CACHE", str(path))
    return path


async def loaded(pilot: Pilot[None]) -> MainScreen:
    """Wait until the app has read its pack, shows it and has indexed it; the main screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the search index, built once the pack is read
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


def read_single(text: str, name: str = "page.txt") -> Source:
    """The single source read from a text, as `brief show` reads it."""
    result = read_bytes(text.encode("utf-8"), Path(name))
    assert not isinstance(result, str), result
    assert len(result) == 1
    return result[0]


def paragraph_source(
    ident: str, title: str, paragraphs: list[str], path: str | None = None, **meta: Any
) -> Source:
    """A plain-text source built directly, one paragraph block per string."""
    return Source(
        id=ident,
        path=Path(path or f"/pack/{ident}.txt"),
        format=Format.TEXT,
        title=title,
        blocks=[Block(BlockKind.PARAGRAPH, text) for text in paragraphs],
        **meta,
    )
