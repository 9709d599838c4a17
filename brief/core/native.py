"""The compiled build of the text cleaning: used only while it matches the sources beside it.

Importing only the standard library, it is also loaded by the build step (tools/compile_hook.py),
which writes the manifest this module reads.
"""

from __future__ import annotations

import json
import os
import sys
from hashlib import sha256
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader
from pathlib import Path

PURE_ENV = "BRIEF_PURE_PYTHON"
"""Set (to anything but empty or 0) to run the cleaning as plain Python."""
MANIFEST = "compiled.json"
"""The record of the sources the compiled modules were built from (see tools/compile_hook.py)."""

status = "plain Python: not compiled"
"""How the cleaning runs, said once the package is imported (benchmarks print it)."""


def pure_wanted() -> bool:
    """True when the environment asks for plain Python (at build and at run time)."""
    return os.environ.get(PURE_ENV, "") not in ("", "0")


def source_digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of each module a package folder compiles (all but its `__init__.py`), by
    file name."""
    return {
        path.name: sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.glob("*.py"))
        if path.name != "__init__.py"
    }


def manifest_text(folder: Path) -> str:
    """The manifest the build writes beside a folder's compiled modules."""
    return json.dumps({"sources": source_digests(folder)}, indent=1, sort_keys=True) + "\n"


def choose(folder: str) -> bool:
    """Let the package in `folder` import its compiled modules when they were built from the
    sources now there; otherwise make it import the `.py` sources (a compiled module older than
    its source is never run). True when the compiled modules are used."""
    global status
    path = Path(folder)
    if pure_wanted():
        status = f"plain Python: {PURE_ENV} is set"
    elif not (path / MANIFEST).exists():
        status = "plain Python: not compiled"
    elif not _current(path):
        status = "plain Python: the sources changed since they were compiled"
    else:
        status = "compiled with mypyc"
        return True
    # Without the extension loader, this folder's imports read the sources.
    sys.path_importer_cache[folder] = FileFinder(folder, (SourceFileLoader, SOURCE_SUFFIXES))
    return False


def _current(folder: Path) -> bool:
    """True when the manifest names exactly the modules there, each with its present bytes."""
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return bool(recorded == source_digests(folder))
