"""The compiled cleaning runs only while it matches its sources, and reads exactly as the plain."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from brief.core import native
from tests.conftest import ROOT, SEEDS

BROKEN_EXTENSION = b"not a shared object"
"""The bytes of a fake compiled module: importing it as one fails."""


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """A package whose `__init__` lets `native.choose` decide, with a module `shape` in source
    and as a (broken) compiled module beside it."""
    name = f"pkg_{uuid.uuid4().hex}"
    folder = tmp_path / name
    folder.mkdir()
    (folder / "__init__.py").write_text(
        "from brief.core.native import choose\nCOMPILED = choose(__path__[0])\n"
    )
    (folder / "shape.py").write_text("SAID = 'from the source'\n")
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (folder / f"shape{suffix}").write_bytes(BROKEN_EXTENSION)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    yield name, folder
    for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
        del sys.modules[module]
    sys.path_importer_cache.pop(str(folder), None)


def _record(folder: Path) -> None:
    """Write the manifest of the folder's sources as the build does."""
    (folder / native.MANIFEST).write_text(native.manifest_text(folder))


def _import_shape(name: str) -> str:
    """What the package's module says, once imported."""
    module = __import__(f"{name}.shape", fromlist=["SAID"])
    return str(module.SAID)


def test_without_a_manifest_the_sources_are_read(package: tuple[str, Path]) -> None:
    name, _ = package
    assert _import_shape(name) == "from the source"
    assert sys.modules[name].COMPILED is False
    assert native.status == "plain Python: not compiled"


def test_a_current_build_is_the_one_imported(package: tuple[str, Path]) -> None:
    name, folder = package
    _record(folder)
    # The compiled module is preferred; this one is broken, so the import says it was tried.
    with pytest.raises(ImportError):
        _import_shape(name)
    assert sys.modules[name].COMPILED is True
    assert native.status == "compiled with mypyc"


def test_a_source_changed_since_the_build_is_read_instead(package: tuple[str, Path]) -> None:
    name, folder = package
    _record(folder)
    (folder / "shape.py").write_text("SAID = 'from the edited source'\n")
    assert _import_shape(name) == "from the edited source"
    assert native.status == "plain Python: the sources changed since they were compiled"


def test_a_module_added_since_the_build_means_the_sources_are_read(
    package: tuple[str, Path],
) -> None:
    name, folder = package
    _record(folder)
    (folder / "other.py").write_text("")
    assert _import_shape(name) == "from the source"


def test_a_damaged_manifest_means_the_sources_are_read(package: tuple[str, Path]) -> None:
    name, folder = package
    (folder / native.MANIFEST).write_text("{not json")
    assert _import_shape(name) == "from the source"


def test_the_environment_can_ask_for_plain_python(
    package: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    name, folder = package
    _record(folder)
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert _import_shape(name) == "from the source"
    assert native.status == f"plain Python: {native.PURE_ENV} is set"


_CLEAN_ALL = """
import json, sys
from pathlib import Path
import brief.core.clean as clean
from brief.core import native
from brief.core.clean.features import forget_shared
out = {"status": native.status, "texts": {}}
for path in sorted(Path(sys.argv[1]).iterdir()):
    forget_shared()
    text = path.read_text(encoding="utf-8", errors="replace")
    for name, cleaned in (("dump", clean.clean_dump(text)), ("plain", clean.clean_plain(text))):
        out["texts"][f"{path.name} {name}"] = [
            repr(cleaned.blocks), repr(cleaned.meta), repr(cleaned.raw())
        ]
print(json.dumps(out))
"""


def _clean_seeds(pure: bool) -> dict[str, object]:
    """Every seed cleaned both ways in a fresh interpreter, compiled or plain."""
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _CLEAN_ALL, str(SEEDS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_compiled_cleaning_reads_every_seed_as_plain_python_does() -> None:
    compiled = _clean_seeds(pure=False)
    if compiled["status"] != "compiled with mypyc":
        pytest.skip(f"the cleaning is not compiled here ({compiled['status']})")
    plain = _clean_seeds(pure=True)
    assert plain["status"] == f"plain Python: {native.PURE_ENV} is set"
    assert compiled["texts"] == plain["texts"]
    assert len(plain["texts"]) == 2 * len(list(SEEDS.iterdir()))
