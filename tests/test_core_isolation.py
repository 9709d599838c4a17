"""The core never imports Textual or Rich: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys


def test_core_does_not_load_textual_or_rich() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import brief.core\n"
        "for mod in pkgutil.walk_packages(brief.core.__path__, 'brief.core.'):\n"
        "    importlib.import_module(mod.name)\n"
        "from pathlib import Path\n"
        "from brief.core.loader import load_paths\n"
        "from brief.core.paths import bundled_pack\n"
        "assert load_paths([bundled_pack()]).sources\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""


def test_the_app_s_modules_leave_reading_and_annotations_for_later() -> None:
    """What `brief` imports before its first frame: not the pack's reading (loader, cache,
    ingest, cleaning, search, timeline, dates) nor the annotations, which the load worker and
    the keys import when they need them, nor the config file's parser and key checks (only
    with a file), argparse (`brief` alone builds no parser) or hashlib (OpenSSL's library):
    start-up does only what the first screen needs."""
    code = (
        "import sys\n"
        "import brief.cli, brief.ui.app\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('brief.'))))\n"
        "print(','.join(m for m in ('argparse', 'hashlib') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    lines = result.stdout.split("\n")
    loaded = lines[0].split(",")
    assert "brief.ui.screens.main" in loaded
    assert lines[1] == ""
    later = (
        "brief.core.annotations.",
        "brief.core.loader",
        "brief.core.cache",
        "brief.core.ingest",
        "brief.core.config_file",
        "brief.core.keymap",
        "brief.core.clean",
        "brief.core.ingest.reading",
        "brief.core.search",
        "brief.core.timeline",
        "brief.core.dates",
        "brief.core.watch",
    )
    assert [m for m in loaded if m.startswith(later)] == []
