"""Installed as a tool, brief still carries its bundled briefing."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


@pytest.mark.skipif(shutil.which("uv") is None, reason="uv builds the wheel")
def test_wheel_carries_the_seeds_and_styles(tmp_path: Path) -> None:
    subprocess.run(
        ["uv", "build", "--wheel", "--quiet", "--out-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    [wheel] = tmp_path.glob("brief-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for seed in SEEDS.iterdir():
        assert f"brief/seeds/{seed.name}" in names
    assert "brief/ui/app.tcss" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "brief = brief.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    if (ROOT / "brief" / "core" / "clean" / "compiled.json").exists():
        # This machine compiles the cleaning (the checkout's own build did): so does the wheel.
        assert "brief/core/clean/compiled.json" in names
        assert any(n.startswith("brief/core/clean/native__mypyc.") for n in names)
        assert not wheel.name.endswith("-none-any.whl")
